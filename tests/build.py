"""Building a real site with MkDocs in a scratch copy of the project (no mocks)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def mkdocs_build(project: Path, *extra: str, site: Path | None = None, formats: bool = False,
                 env: dict | None = None) -> subprocess.CompletedProcess:
    """A real build. Alternative formats are slow to make, so only the tests about them (and
    the example site) ask for them."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    if not formats:
        environment["COMPACTS_FORMATS"] = "off"
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "site_config.yml",
                           "-d", str(site or project / "site"), *extra], cwd=project,
                          capture_output=True, text=True, env=environment, timeout=900)


def synthetic_site(target: Path, estates: int, languages: list[str]) -> Path:
    """A built site of bench/synthetic.py's council with this many estates (one landlord),
    for what only shows at size: the estate finder's letter and area pages."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    try:
        from synthetic import make_council
    finally:
        sys.path.pop(0)
    project = make_council(estates, target, languages)
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stderr
    return project / "site"
