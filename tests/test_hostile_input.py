"""Hostile and broken input (issue 12): every case answers with positioned, single-line,
plain-English problems and exit 1, in bounded time and memory, or succeeds."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO
from generator import cli
from generator.safety import MAX_DIGITS, MAX_FILE_BYTES, MAX_ITEMS, MAX_NAME

ESTATE = "compacts/testshire/estates/oak-court.yml"
LOCAL_FILE = "compacts/testshire/compacts/oak-court.yml"
DISTRICT = "compacts/testshire/compacts/district.yml"
POSITIONED = re.compile(r"^[^\n]+:\d+:\d+: (error|warning): [^\n]+$")
SUMMARY = re.compile(r"^(No errors|Found \d+ errors?)[^\n]*\.$")


def check(root: Path, capsys, *args: str) -> tuple[int, list[str]]:
    code = cli.main(["check", "--root", str(root), *args])
    out = capsys.readouterr()
    lines = out.out.splitlines()
    for line in lines:
        assert POSITIONED.match(line) or SUMMARY.match(line) or args, line
    return code, lines


def problems(lines: list[str], file: str) -> list[str]:
    return [line for line in lines if line.startswith(file + ":")]


def append(root: Path, path: str, text: str) -> None:
    with (root / path).open("a", encoding="utf-8", newline="") as handle:
        handle.write(text)


def replace(root: Path, path: str, old: str, new: str) -> None:
    file = root / path
    text = file.read_text("utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), "utf-8", newline="")


# --- 1. Crashes become positioned problems -------------------------------------------------

def test_deep_nesting_is_a_problem_not_a_recursion_error(data_root, capsys):
    append(data_root, ESTATE, "area2: " + "[" * 5000 + "]" * 5000 + "\n")
    code, lines = check(data_root, capsys)
    assert code == 1
    assert any("nested more than" in line for line in problems(lines, ESTATE))


def test_an_integer_of_thousands_of_digits_is_a_problem(data_root, capsys):
    replace(data_root, ESTATE, "homes: 120", "homes: " + "9" * 4301)
    code, lines = check(data_root, capsys)
    assert code == 1
    assert problems(lines, ESTATE) == [f"{ESTATE}:3:8: error: This number has 4301 digits; "
                                       f"the most is {MAX_DIGITS}. Check it."]


def test_an_id_that_is_a_mapping_is_a_problem(data_root, capsys):
    replace(data_root, LOCAL_FILE, "  - id: walkabouts", "  - id: {a: 1}")
    code, lines = check(data_root, capsys)
    assert code == 1
    assert any("id should be text" in line for line in problems(lines, LOCAL_FILE))


def test_an_estate_that_is_a_list_is_a_problem(data_root, capsys):
    replace(data_root, LOCAL_FILE, "  - oak-court", "  - [oak-court]")
    (data_root / "compacts/testshire/results").mkdir()
    (data_root / "compacts/testshire/results/2025-26.yml").write_text(
        "measures:\n  - id: m\n    name: M\n    unit: count\n    better: higher\n"
        "    target: 1\n    actual: 1\n    estate: [oak-court]\n")
    code, lines = check(data_root, capsys)
    assert code == 1
    assert any("should be text, but it is a list" in line for line in lines)


@pytest.mark.parametrize("blank", ["", " {}", " []"])
def test_a_blank_or_odd_standards_id_is_a_problem(data_root, capsys, blank):
    text = (data_root / "standards/core-standards.yml").read_text()
    first = re.search(r"^      - id: (\S+)$", text, re.M)
    (data_root / "standards/core-standards.yml").write_text(
        text.replace(first.group(0), f"      - id:{' ' if blank.strip('{}[] ') else ''}{blank}", 1))
    code, lines = check(data_root, capsys)
    assert code == 1


def test_a_lone_surrogate_escape_is_a_problem_and_other_messages_survive(data_root, capsys):
    replace(data_root, ESTATE, "area: North", 'area: "\\ud800"')
    replace(data_root, "compacts/testshire/estates/elm-park.yml", "area:", "aera:")
    code, lines = check(data_root, capsys)
    assert code == 1
    assert any("half of a character" in line for line in problems(lines, ESTATE))
    assert problems(lines, "compacts/testshire/estates/elm-park.yml")


def test_a_time_with_a_trailing_newline_is_a_problem(data_root, capsys):
    append(data_root, "compacts/testshire/estates/oak-court.yml", "")
    replace(data_root, ESTATE, "  meetings: First Monday of the month.\n",
            "  meetings: First Monday of the month.\n  next_meetings:\n    - date: 2026-12-08\n"
            "      time: |\n        19:00\n")
    code, lines = check(data_root, capsys)
    assert code == 1
    assert any("time is '19:00\\n', which is not in the right form" in line for line in lines)


def test_invalid_utf8_in_a_catalog_is_a_positioned_problem(tmp_path, capsys):
    root = _project(tmp_path)
    path = root / "translations/cy.po"
    path.write_bytes(path.read_bytes() + b'\nmsgid "x"\nmsgstr "\xff\xfe"\n')
    code, lines = check(root, capsys)
    assert code == 1
    line = len(path.read_bytes().split(b"\n")) - 1
    assert f"translations/cy.po:{line}:9: error: The catalog is not saved as UTF-8" in "\n".join(lines)


# --- 2. Messages keep their position and stay on one line ----------------------------------

def test_a_control_character_is_reported_at_its_line_and_column(data_root, capsys):
    replace(data_root, ESTATE, "area: North", "area: No\x07rth")
    code, lines = check(data_root, capsys)
    assert code == 1
    assert problems(lines, ESTATE)[0].startswith(f"{ESTATE}:2:9: error: There is an invisible "
                                                 "control character (\\x07)")
    assert not any("position" in line for line in lines)


def test_newlines_and_terminal_escapes_in_a_value_are_shown_escaped(data_root, capsys):
    replace(data_root, ESTATE, "homes: 120", 'homes: "a\\nb \\e[31mred"')
    code, lines = check(data_root, capsys)
    assert code == 1
    assert "\x1b" not in "\n".join(lines)
    assert f"{ESTATE}:3:8: error: 'homes' should be a whole number, but it is the text " \
           "'a\\nb \\x1b[31mred' (how many homes are on the estate)." in lines


def test_a_file_name_with_a_newline_or_bidi_override_is_a_problem(data_root, capsys):
    estates = data_root / "compacts/testshire/estates"
    (estates / "elm-park.yml").rename(estates / "elm\npark.yml")
    (estates / "oak-court.yml").rename(estates / "oak\u202ecourt.yml")
    replace(data_root, LOCAL_FILE, "  - oak-court", "  - oak-court-x")
    code, lines = check(data_root, capsys)
    assert code == 1
    text = "\n".join(lines)
    assert "compacts/testshire/estates/elm\\npark.yml:1:1: error:" in text
    assert "compacts/testshire/estates/oak\\u202ecourt.yml:1:1: error:" in text
    assert "\u202e" not in text


def test_an_upper_case_yml_file_is_not_silently_ignored(data_root, capsys):
    estates = data_root / "compacts/testshire/estates"
    (estates / "elm-park.yml").rename(estates / "elm-park.YML")
    code, lines = check(data_root, capsys)
    assert code == 1
    assert "compacts/testshire/estates/elm-park.YML:1:1: error: The file name ends in '.YML'. " \
           "Rename it to end in '.yml' (lower case), or it is not read." in lines


# --- 3. Denial of service is bounded --------------------------------------------------------

def test_an_alias_bomb_is_refused_before_it_expands(data_root, capsys):
    bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    bomb += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    append(data_root, ESTATE, "\n".join(bomb) + "\nhomes2: *a9\n")
    code, lines = check(data_root, capsys)
    assert code == 1
    assert any("'*' references counted out" in line for line in problems(lines, ESTATE))


def test_a_run_of_brackets_in_markdown_is_refused(data_root, capsys):
    replace(data_root, ESTATE, "summary: Flats near the park.", "summary: '" + "[" * 20_000 + "'")
    code, lines = check(data_root, capsys)
    assert code == 1
    assert any("'[' characters" in line or "characters long" in line for line in lines)


def test_a_ten_megabyte_file_is_refused(data_root, capsys):
    append(data_root, ESTATE, "# " + "x" * 10_000_000 + "\n")
    code, lines = check(data_root, capsys)
    assert code == 1
    assert f"{ESTATE}:1:1: error: The file is larger than {MAX_FILE_BYTES:,} bytes, the most a " \
           "data file may be. Split it into smaller files, or check that it is the file you " \
           "meant." in lines


def test_a_hundred_thousand_item_list_is_refused(data_root, capsys):
    append(data_root, ESTATE, "things:\n" + "  - x\n" * 100_000)
    code, lines = check(data_root, capsys)
    assert code == 1
    assert any(f"more than {MAX_ITEMS:,} entries" in line for line in problems(lines, ESTATE))


# --- 4. Links are never followed --------------------------------------------------------------

def test_a_data_file_linked_outside_the_repository_is_never_read(data_root, capsys):
    estate = data_root / "compacts/testshire/estates/passwd.yml"
    estate.symlink_to("/etc/passwd")
    code, lines = check(data_root, capsys)
    assert code == 1
    assert "compacts/testshire/estates/passwd.yml:1:1: error: This is a link (a symbolic link " \
           "to /etc/passwd), not a file. The publisher never follows links, so that nothing " \
           "outside the repository is read or published: put the file itself here." in lines
    assert not any("root:" in line for line in lines)


def test_a_linked_folder_is_never_read(data_root, capsys):
    (data_root / "compacts/elsewhere").symlink_to(data_root / "compacts/testshire")
    code, lines = check(data_root, capsys)
    assert code == 1
    assert any(line.startswith("compacts/elsewhere:1:1: error: This is a link") for line in lines)


def test_a_docs_file_linked_to_git_config_is_an_error(tmp_path, capsys):
    root = _project(tmp_path)
    (root / ".git").mkdir()
    (root / ".git/config").write_text("[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n")
    (root / "docs/config.md").symlink_to("../.git/config")
    code, lines = check(root, capsys)
    assert code == 1
    assert any(line.startswith("docs/config.md:1:1: error: This is a link (a symbolic link to "
                               "../.git/config)") for line in lines)


# --- 5. Addresses are reserved ----------------------------------------------------------------

@pytest.mark.parametrize("name", ["standards", "translation-status", "data", "compliance",
                                  "cy", "search", "assets"])
def test_a_landlord_folder_cannot_take_a_site_address(data_root, capsys, name):
    (data_root / "compacts/testshire").rename(data_root / f"compacts/{name}")
    code, lines = check(data_root, capsys)
    assert code == 1
    assert any(line.startswith(f"compacts/{name}/landlord.yml:1:1: error: The folder name "
                               f"'{name}' would give this landlord the web address {name}/")
               for line in lines)


@pytest.mark.parametrize("name", ["results", "compliance", "equality", "estates"])
def test_a_compact_cannot_take_a_landlord_page_address(data_root, capsys, name):
    (data_root / LOCAL_FILE).rename(data_root / f"compacts/testshire/compacts/{name}.yml")
    code, lines = check(data_root, capsys)
    assert code == 1
    assert any(line.startswith(f"compacts/testshire/compacts/{name}.yml:1:1: error: The file "
                               f"name '{name}' would give this compact the web address "
                               f"testshire/{name}/") for line in lines)


def test_a_landlord_cannot_take_a_hand_written_pages_address(tmp_path, capsys):
    root = _project(tmp_path)
    (root / "docs/greenfield.md").write_text("# About\n")
    code, lines = check(root, capsys)
    assert code == 1
    assert any(line.startswith("compacts/greenfield/landlord.yml:1:1: error:") and
               "docs/greenfield.md" in line for line in lines)


def test_every_folder_the_site_makes_is_reserved_or_a_landlords(tmp_path):
    """The reserved names follow the page plan: a new kind of page must be added there."""
    from build import mkdocs_build
    from generator.addresses import LANDLORD_FOLDERS, SITE_FOLDERS, language_codes

    site = tmp_path / "site"
    assert mkdocs_build(REPO, site=site).returncode == 0
    landlords = {p.name for p in (REPO / "compacts").iterdir()}
    for folder in (p for p in site.iterdir() if p.is_dir()):
        assert folder.name in SITE_FOLDERS or folder.name in landlords or \
            folder.name in language_codes(), folder.name
    compacts = {p.stem for p in (REPO / "compacts/greenfield/compacts").iterdir()}
    for folder in (p for p in (site / "greenfield").iterdir() if p.is_dir()):
        assert folder.name in LANDLORD_FOLDERS or folder.name in compacts, folder.name


# --- 7. Check catches what the build would trip on -------------------------------------------

def test_a_meeting_in_the_year_9999_is_a_problem(data_root, capsys):
    replace(data_root, ESTATE, "  meetings: First Monday of the month.\n",
            "  meetings: First Monday of the month.\n  next_meetings:\n    - date: 9999-12-31\n"
            "      time: '23:00'\n")
    code, lines = check(data_root, capsys)
    assert code == 1
    assert any("outside the years 1900 to 2999" in line for line in lines)


def test_an_overlong_file_name_is_a_problem(data_root, capsys):
    long = "a" * 250
    (data_root / LOCAL_FILE).rename(data_root / f"compacts/testshire/compacts/{long}.yml")
    code, lines = check(data_root, capsys)
    assert code == 1
    assert any(f"characters long; the most is {MAX_NAME}" in line for line in lines)


@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", ".Inf", "1e999"])
def test_not_a_number_and_infinity_are_problems(data_root, capsys, value):
    replace(data_root, ESTATE, "amount: 5000", f"amount: {value}")
    code, lines = check(data_root, capsys)
    assert code == 1
    assert problems(lines, ESTATE)


def test_open_data_json_is_strict(data_root):
    """Were a NaN ever to reach the model, the JSON is refused rather than written as NaN."""
    from generator.opendata import open_data
    from generator.site import read_site

    site = read_site(data_root).site
    site.landlords[0].estates[0].homes = float("nan")
    with pytest.raises(ValueError):
        open_data(site)


# --- 6. Spreadsheet formulas never reach a CSV -------------------------------------------------

@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "\uff1d"])
def test_csv_cells_that_would_run_are_neutralised(start):
    from generator.safety import neutralise

    assert neutralise(start + 'HYPERLINK("https://evil.example","x")').startswith("'")
    assert neutralise("Oak Court") == "Oak Court"


def test_a_formula_in_a_name_is_text_in_the_csv(data_root):
    import csv
    import io

    from generator.opendata import open_data
    from generator.site import read_site

    replace(data_root, ESTATE, "name: Oak Court", "name: '=HYPERLINK(\"https://evil.example\",\"x\")'")
    files = open_data(read_site(data_root).site)
    cells = [cell for name, text in files.items() if name.endswith(".csv")
             for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'=HYPERLINK(\"https://evil.example\",\"x\")" in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


# --- 8. Workflow commands cannot be injected ----------------------------------------------------

def test_a_file_name_cannot_inject_a_workflow_command(data_root, capsys):
    estates = data_root / "compacts/testshire/estates"
    (estates / "elm-park.yml").rename(estates / "x,line=1::\n::warning file=evil::owned.yml")
    code, lines = check(data_root, capsys, "--format", "github")
    assert code == 1
    for line in lines:
        assert line.startswith(("::error file=", "::warning file=", "Found", "No errors")), line
        if line.startswith("::"):
            props = line[2:].split("::", 1)[0]  # the message after it is only text
            assert props.count(",") == 3, line  # file, line, col, title: nothing else
            assert "evil" not in props or "%3A%3A" in props, line


def test_github_properties_are_escaped():
    from generator.problems import Problem, report_github

    report = report_github([Problem("a:b,c%d\n.yml", 1, 2, "x\ny", "r:1,2")])
    assert report == "::error file=a%3Ab%2Cc%25d\\n.yml,line=1,col=2,title=r%3A1%2C2::x\\ny"


# --- Our bugs are exit 2 and say so ----------------------------------------------------------

def test_a_bug_in_a_rule_exits_2_and_says_so(data_root, capsys, monkeypatch):
    from generator import rules

    def broken(docs):
        raise ZeroDivisionError("boom")
        yield  # pragma: no cover

    monkeypatch.setattr(rules, "RULES", [broken])
    code = cli.main(["check", "--root", str(data_root)])
    err = capsys.readouterr().err
    assert code == 2
    assert "This is a bug in the generator, please report it" in err


# --- The Welsh 100% -----------------------------------------------------------------------

def test_a_percent_sign_in_an_interface_translation_is_a_problem(tmp_path, capsys):
    from conftest import set_translation

    root = _project(tmp_path)
    set_translation(root, "cy", "Core Standards", "Safonau 100%")
    code, lines = check(root, capsys)
    assert code == 1
    assert any(line.startswith("translations/cy.po:") and "Write %% for a percent sign" in line
               for line in lines)


def test_a_percent_sign_in_a_translation_falls_back_to_english_at_build_time(tmp_path):
    from babel.messages.pofile import read_po

    from conftest import set_translation
    from generator.i18n import Language, Translations

    root = _project(tmp_path)
    english = set_translation(root, "cy", "Results: %(name)s", "Canlyniadau 100%: %(name)s")
    t = Translations.load(Language.of("cy"), root / "translations")
    assert t.gettext(english) % {"name": "X"} == "Results: X"
    with (root / "translations/cy.po").open("rb") as handle:
        assert read_po(handle).get(english).string == "Canlyniadau 100%: %(name)s"


def test_a_placeholder_the_english_lacks_is_a_problem():
    from generator.catalog_check import format_problem

    assert "placeholder %(who)s" in format_problem("Results: %(name)s", "Canlyniadau: %(who)s")
    assert format_problem("Results: %(name)s", "Canlyniadau 100%%: %(name)s") == ""
    assert format_problem("We aim for 100% of repairs", "100%") == ""  # never %-formatted


def _project(tmp_path: Path) -> Path:
    from conftest import copy_project

    return copy_project(tmp_path / "project", ["en", "cy"])


def test_a_catalog_linked_outside_the_repository_is_never_read(tmp_path, capsys):
    root = _project(tmp_path)
    (root / "translations/cy.po").unlink()
    (root / "translations/cy.po").symlink_to("/etc/passwd")
    code, lines = check(root, capsys)
    assert code == 1
    assert any(line.startswith("translations/cy.po:1:1: error: This is a link") for line in lines)


def test_a_huge_translation_is_a_problem(tmp_path, capsys):
    from conftest import set_translation

    root = _project(tmp_path)
    set_translation(root, "cy", "Core Standards", "[" * 20_000)
    code, lines = check(root, capsys)
    assert code == 1
    assert any(line.startswith("translations/cy.po:") and "characters" in line for line in lines)
