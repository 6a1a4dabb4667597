"""Reading once and serving fast: the language sub-builds take the checked site from the
source-language build, and `mkdocs serve` rebuilds only the pages an edit reaches."""
from __future__ import annotations

import os
import pickle
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import copy_project
from generator.history import read_history
from generator.site import read_site

WAIT = 300  # the ceiling on one wait (a busy two-core machine); never a fixed sleep


def small_project(tmp_path: Path, data_root: Path) -> Path:
    """The site's config, theme and catalogs in English and Welsh, with the small data of
    `data_root` (two estates, a local compact for Oak Court, a district compact)."""
    project = copy_project(tmp_path / "project", ["en", "cy"])
    shutil.rmtree(project / "compacts")
    shutil.copytree(data_root / "compacts", project / "compacts")
    return project


def test_a_language_sub_build_does_not_read_the_data_files(tmp_path, data_root):
    project = small_project(tmp_path, data_root)
    site = read_site(project).site
    history = read_history(project, [c for l in site.landlords for c in l.compacts])
    shared = tmp_path / "site.pickle"
    shared.write_bytes(pickle.dumps((site, history)))
    shutil.rmtree(project / "compacts")  # nothing left to read
    shutil.rmtree(project / "standards")
    done = subprocess.run([sys.executable, "-m", "generator.plugin", "build", "site_config.yml",
                           "cy", str(tmp_path / "cy"), "", str(shared)], cwd=project,
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "COMPACTS_FORMATS": "off", "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "cy/testshire/estates/elm-park/index.html").read_text()
    assert '<html lang="cy"' in page and "Elm Park" in page


def test_a_build_leaves_no_shared_site_behind(tmp_path, data_root):
    from build import mkdocs_build

    project = small_project(tmp_path, data_root)
    private = tmp_path / "tmp"
    private.mkdir()
    assert mkdocs_build(project, env={"TMPDIR": str(private)}).returncode == 0
    assert (project / "site/cy/testshire/estates/oak-court/index.html").exists()
    assert list(private.iterdir()) == []  # the pickled site was removed with its folder


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        time.sleep(0.1)


@pytest.fixture
def serving(tmp_path, data_root):
    """`mkdocs serve` of the small project; yields (project, address, log file)."""
    project = small_project(tmp_path, data_root)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "serve.log"
    env = {**os.environ, "COMPACTS_FORMATS": "off", "NO_MKDOCS_2_WARNING": "1",
           "SITE_URL": f"http://127.0.0.1:{port}/"}
    with log.open("w") as output:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", "site_config.yml",
                                   "-a", f"127.0.0.1:{port}"], cwd=project, env=env,
                                  stdout=output, stderr=output, start_new_session=True)
    try:
        yield project, f"http://127.0.0.1:{port}/", log
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the server and its language workers
        server.wait(timeout=60)


def test_serve_rebuilds_an_edited_estate_in_both_languages_and_nothing_unrelated(serving):
    project, address, log = serving
    urls = [f"{address}{prefix}testshire/estates/oak-court/" for prefix in ("", "cy/")]
    wait_for(lambda: all("Flats near the park" in fetch(url) for url in urls), "first build")
    site = Path(re.search(r"Built the English \(en\) pages into (\S+)", log.read_text()).group(1))
    unrelated = [site / prefix / "testshire/estates/elm-park/index.html" for prefix in ("", "cy")]
    written = [page.stat().st_mtime_ns for page in unrelated]

    estate = project / "compacts/testshire/estates/oak-court.yml"
    estate.write_text(estate.read_text().replace("Flats near the park.", "Flats by the canal."))
    wait_for(lambda: all("Flats by the canal" in fetch(url) for url in urls), "the edit shows")

    assert "Data changed: compacts/testshire/estates/oak-court.yml" in log.read_text()
    assert [page.stat().st_mtime_ns for page in unrelated] == written  # not written again
    assert "Elm Park" in fetch(f"{address}cy/testshire/estates/elm-park/")
    # Search still works: each language's index is made again after the reload.
    wait_for(lambda: (site / "pagefind/pagefind-entry.json").exists() and
             (site / "cy/pagefind/pagefind-entry.json").exists(), "search indexes")


def test_serve_rebuilds_everything_when_a_catalog_changes(serving):
    project, address, log = serving
    url = f"{address}cy/testshire/estates/oak-court/"
    wait_for(lambda: "Oak Court" in fetch(url), "first build")
    catalog = project / "translations/cy.po"
    catalog.write_text(catalog.read_text() + "\n")
    wait_for(lambda: log.read_text().count("Built the Cymraeg (cy) pages") >= 2, "a rebuild")
    assert "Data changed" not in log.read_text()
    assert "Oak Court" in fetch(url)


def test_serve_recovers_from_a_data_error_once_it_is_fixed(serving):
    project, address, log = serving
    urls = [f"{address}{prefix}testshire/estates/oak-court/" for prefix in ("", "cy/")]
    wait_for(lambda: all("Flats near the park" in fetch(url) for url in urls), "first build")
    estate = project / "compacts/testshire/estates/oak-court.yml"
    good = estate.read_text()
    estate.write_text(good.replace("name:", "nmae:", 1))
    wait_for(lambda: "Unknown key 'nmae'" in log.read_text(), "the problem is reported")
    estate.write_text(good.replace("Flats near the park.", "Flats by the canal."))
    wait_for(lambda: all("Flats by the canal" in fetch(url) for url in urls), "the fix shows")
