"""Chrome's own accessibility audit (Lighthouse, mobile) on pages tenants use most."""
from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from conftest import CHROMIUM, REPO, serve
from site_map import first

LIGHTHOUSE = REPO / ".cache/node/node_modules/lighthouse/cli/index.js"

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("template", ["estate.html", "compact.html"])
def test_lighthouse_accessibility_is_100_on_a_phone(built_site, tmp_path, template):
    if not (shutil.which("node") and LIGHTHOUSE.exists() and shutil.which(CHROMIUM)):
        if os.environ.get("CI"):
            pytest.fail("node, Chromium or the npm package lighthouse is missing: `make test` installs them")
        pytest.skip("node, Chromium or the npm package lighthouse is missing (make test installs it)")
    path = first(template)
    if path is None:
        pytest.skip(f"the data has no page made with {template}")
    report = tmp_path / "report.json"
    with serve(built_site) as url:
        done = subprocess.run(
            ["node", str(LIGHTHOUSE), url + path, "--only-categories=accessibility",
             "--form-factor=mobile", "--quiet", "--output=json", f"--output-path={report}",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
            env={**os.environ, "CHROME_PATH": shutil.which(CHROMIUM)},
            capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(report.read_text())
    failed = [audit["title"] for audit in result["audits"].values()
              if audit.get("scoreDisplayMode") == "binary" and audit.get("score") == 0]
    assert result["categories"]["accessibility"]["score"] == 1, failed
