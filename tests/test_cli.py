"""`compacts check` as a federation volunteer and CI run it."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def compacts(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd, text=True,
                          capture_output=True, env={**environ, **env}, timeout=120)


def break_estate(root: Path) -> None:
    estate = root / "compacts/testshire/estates/oak-court.yml"
    estate.write_text(estate.read_text().replace("area:", "aera:").replace("homes: 120", "homes: lots"))


def test_the_example_council_is_valid():
    result = compacts("check", cwd=REPO)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1].startswith("No errors")
    assert ": error:" not in result.stdout


def test_errors_print_file_line_column_and_exit_1(data_root):
    break_estate(data_root)
    result = compacts("check", cwd=data_root)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "compacts/testshire/estates/oak-court.yml:2:1: error: Unknown key 'aera'. Did you mean 'area' (the ward, town or neighbourhood)?",
        "compacts/testshire/estates/oak-court.yml:3:8: error: 'homes' should be a whole number, "
        "but it is the text 'lots' (how many homes are on the estate).",
        "Found 2 errors in 1 file (9 files checked).",
    ]
    assert result.stderr == ""


def test_github_format_annotates_the_lines(data_root):
    break_estate(data_root)
    result = compacts("check", "--format", "github", cwd=data_root)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "::error file=compacts/testshire/estates/oak-court.yml,line=2,col=1,"
        "title=unknown-key::Unknown key 'aera'. Did you mean 'area' (the ward, town or neighbourhood)?")


def test_github_format_is_chosen_inside_github_actions(data_root):
    break_estate(data_root)
    result = compacts("check", cwd=data_root, GITHUB_ACTIONS="true")
    assert result.stdout.startswith("::error file=")


def test_json_format(data_root):
    break_estate(data_root)
    result = compacts("check", "--format", "json", cwd=data_root)
    problems = json.loads(result.stdout)
    assert [(p["line"], p["column"], p["rule"]) for p in problems] == [(2, 1, "unknown-key"), (3, 8, "schema-type")]


def test_warnings_alone_do_not_fail(data_root):
    local = data_root / "compacts/testshire/compacts/oak-court.yml"
    local.write_text(local.read_text().replace("review_due: 2027-03-31", "review_due: 2028-03-31"))
    result = compacts("check", cwd=data_root)
    assert result.returncode == 0
    assert ": warning: " in result.stdout and "No errors, 1 warning" in result.stdout


def test_run_in_the_wrong_folder(tmp_path):
    result = compacts("check", cwd=tmp_path)
    assert result.returncode == 1
    assert "There are no compacts/ or standards/ folders" in result.stderr
    assert "Traceback" not in result.stderr


def test_readability_warns_above_the_level_site_config_sets(tmp_path):
    from conftest import copy_project

    project = copy_project(tmp_path)
    config = project / "site_config.yml"
    assert "max_grade: 8" in config.read_text()
    assert "readability" not in compacts("check", cwd=project).stdout  # the example meets it
    config.write_text(config.read_text().replace("max_grade: 8", "max_grade: 5"))
    result = compacts("check", cwd=project)
    assert result.returncode == 0  # a warning, not an error
    assert re.search(r"compacts/greenfield/compacts/district.yml:1:1: warning: The text reads at "
                     r"grade \d+\.\d \(about age \d+\), harder than the grade 5", result.stdout)


def test_an_unreadable_estate_is_reported_once_not_by_every_file_that_names_it(data_root):
    estate = data_root / "compacts/testshire/estates/oak-court.yml"
    estate.write_text(estate.read_text().replace("name: Oak Court", "name: [Oak Court"))
    result = compacts("check", cwd=data_root)
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert len(lines) == 2 and lines[0].startswith("compacts/testshire/estates/oak-court.yml:"), lines
    assert lines[1].startswith("Found 1 error in 1 file")
    estate.unlink()  # a file that is not there at all: the compact naming it is wrong
    result = compacts("check", cwd=data_root)
    assert "There is no estate 'oak-court'" in result.stdout, result.stdout


def test_the_summary_counts_files_with_errors_and_all_warnings_apart():
    from generator.problems import Problem, summary

    found = [Problem("a.yml", 1, 1, "x"), Problem("b.yml", 1, 1, "y", level="warning")]
    assert summary(found, 5) == "Found 1 error in 1 file, and 1 warning (5 files checked)."


def test_an_unreadable_landlord_file_is_reported_once_not_by_every_file_beside_it(data_root):
    landlord = data_root / "compacts/testshire/landlord.yml"
    landlord.write_text(landlord.read_text() + "name: [oops\n")
    result = compacts("check", cwd=data_root)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and lines[0].startswith("compacts/testshire/landlord.yml:"), lines
    assert lines[1].startswith("Found 1 error in 1 file")
