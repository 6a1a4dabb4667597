"""Building a real site with MkDocs in a scratch copy of the project (no mocks)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def mkdocs_build(project: Path, *extra: str, site: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "site_config.yml",
                           "-d", str(site or project / "site"), *extra], cwd=project,
                          capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=600)
