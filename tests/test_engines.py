"""The site builds the same with MkDocs 1.6 and with ProperDocs, its maintained continuation,
so the project keeps working whichever engine survives."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from build import mkdocs_build
from conftest import copy_project

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def properdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "COMPACTS_FORMATS": "off", "DISABLE_MKDOCS_2_WARNING": "true"}
    return subprocess.run([sys.executable, "-m", "properdocs", "build", "-f", "site_config.yml",
                           "-d", str(site), "--strict"], cwd=project, capture_output=True,
                          text=True, env=environment, timeout=900)


def files(site: Path) -> dict[str, bytes]:
    """Every published file but Pagefind's index, whose filter and metadata chunks are
    numbered differently from run to run even with one engine (Pagefind issue 638)."""
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and "pagefind" not in p.relative_to(site).parts}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Path, Path]:
    project = copy_project(tmp_path_factory.mktemp("engines"), ["en", "ur"])
    by_mkdocs = mkdocs_build(project, "--strict", site=project / "mkdocs-site")
    assert by_mkdocs.returncode == 0, by_mkdocs.stderr
    by_properdocs = properdocs_build(project, project / "properdocs-site")
    assert by_properdocs.returncode == 0, by_properdocs.stderr
    return project / "mkdocs-site", project / "properdocs-site"


def test_properdocs_builds_every_language(two_builds):
    _, site = two_builds
    page = (site / "ur/greenfield/estates/oak-court/index.html").read_bytes()
    assert b'<html lang="ur" dir="rtl"' in page
    assert b"ProperDocs" in GENERATOR.search(page).group()  # the sub-build ran on it too


def test_both_engines_publish_the_same_pages_apart_from_the_generator_tag(two_builds):
    by_mkdocs, by_properdocs = (files(site) for site in two_builds)
    assert by_mkdocs.keys() == by_properdocs.keys()
    different = [name for name, content in by_mkdocs.items()
                 if GENERATOR.sub(b"", content) != GENERATOR.sub(b"", by_properdocs[name])]
    assert different == []


def test_both_engines_index_the_same_pages_for_search(two_builds):
    counts = [{code: lang["page_count"]
               for bundle in ("pagefind", "ur/pagefind")
               for code, lang in json.loads((site / bundle / "pagefind-entry.json").read_text())
               ["languages"].items()} for site in two_builds]
    assert counts[0] == counts[1] and set(counts[0]) == {"en", "ur"}
