"""The build under hostile input and interruption: it fails cleanly (exit 1 with positioned
problems, exit 2 for a bug of ours), never publishes what is outside the repository, and
never destroys the last good site."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from build import mkdocs_build
from conftest import REPO, copy_project, set_translation


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_percent_sign_in_a_welsh_translation_fails_the_build_cleanly(tmp_path):
    project = copy_project(tmp_path, ["en", "cy"])
    set_translation(project, "cy", "Results: %(name)s", "Canlyniadau 100% %(name)s")
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "translations/cy.po:" in result.stderr and "Write %% for a percent sign" in result.stderr


def test_a_docs_file_linked_to_git_config_is_never_copied(tmp_path):
    project = copy_project(tmp_path, ["en"])
    (project / ".git").mkdir()
    (project / ".git/config").write_text("[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n")
    (project / "docs/config.md").symlink_to("../.git/config")
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert "docs/config.md:1:1: error: This is a link" in result.stderr
    site = project / "site"
    assert not any("c2VjcmV0" in p.read_text(errors="replace") for p in site.rglob("*")
                   if p.is_file()) if site.exists() else True


def test_a_bug_in_the_plugin_exits_2_and_says_so(tmp_path):
    project = copy_project(tmp_path, ["en"])
    script = ("import sys\nfrom mkdocs.commands.build import build\nfrom mkdocs.config import "
              "load_config\nimport generator.pages as pages\n"
              "def broken(self, spec, **extra): raise ZeroDivisionError('boom')\n"
              "pages.Renderer.render = broken\n"
              "build(load_config('site_config.yml'))\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True,
                            text=True, timeout=300,
                            env={**os.environ, "COMPACTS_FORMATS": "off", "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 2, result.stderr[-2000:]
    assert "This is a bug in the generator, please report it" in result.stderr


def _sub_builds(project: Path) -> list[str]:
    """Language sub-builds of this project still running."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if "generator.plugin" in command and str(project) in command:
            found.append(command)
    return found


def test_killing_a_build_at_any_moment_leaves_the_previous_site_byte_identical(tmp_path):
    project = copy_project(tmp_path, ["en", "cy", "ur"])
    assert mkdocs_build(project).returncode == 0
    started = time.monotonic()  # a second build, with the check's memory warm, as the next are
    assert mkdocs_build(project).returncode == 0
    full = time.monotonic() - started
    site = project / "site"
    before = tree_digest(site)
    assert len(before) > 100
    private = tmp_path / "tmp"  # where the builds keep the checked site for the sub-builds
    private.mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "COMPACTS_FORMATS": "off",
           "TMPDIR": str(private)}
    killed = 0
    for fraction in (0.1, 0.3, 0.5, 0.7, 0.9):
        build = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-f", "site_config.yml"],
                                 cwd=project, env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        try:
            build.wait(timeout=full * fraction)
        except subprocess.TimeoutExpired:
            build.send_signal(signal.SIGKILL)
            build.wait()
        else:  # it finished first (a quieter moment): its site is whole and the new baseline;
            assert build.returncode == 0  # Pagefind's filter files differ from build to build
            before = tree_digest(site)
            continue
        killed += 1
        assert tree_digest(site) == before, f"killed at {fraction:.0%} of a build"
        deadline = time.monotonic() + 30
        while _sub_builds(project) and time.monotonic() < deadline:
            time.sleep(0.1)  # the kernel delivers the parent-death signal asynchronously
        assert _sub_builds(project) == [], f"sub-builds outlived a build killed at {fraction:.0%}"
    assert killed >= 3, "too few builds were stopped part-way to show anything"
    assert mkdocs_build(project, env={"TMPDIR": str(private)}).returncode == 0  # and the next
    assert not list(project.glob(".site.building-*"))  # build cleans up after them
    assert list(private.iterdir()) == []


def test_a_failed_language_leaves_the_previous_site(tmp_path):
    project = copy_project(tmp_path, ["en", "cy"])
    assert mkdocs_build(project).returncode == 0
    before = tree_digest(project / "site")
    (project / "translations/cy.po").write_bytes(b'msgid "x"\nmsgstr "\xff"\n')
    assert mkdocs_build(project).returncode == 1
    assert tree_digest(project / "site") == before


@pytest.fixture(scope="module")
def example_site(tmp_path_factory) -> Path:
    """The example, from the repository (so with its history), formats off."""
    site = tmp_path_factory.mktemp("hostile") / "site"
    result = mkdocs_build(REPO, "--strict", site=site)
    assert result.returncode == 0, result.stderr
    return site


def test_a_redacted_name_appears_nowhere_in_the_site(example_site):
    from generator.history import redaction_list

    names = redaction_list(REPO)
    assert "Margaret Holloway" in names  # in the history of the example's district compact
    assert (example_site / "greenfield/district/2024-04-01/index.html").exists()
    for path in example_site.rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", "replace").lower()
            for name in names:
                for word in name.lower().split()[-1:]:  # surnames too: no trace at all
                    assert word not in text, f"{name} in {path.relative_to(example_site)}"


def test_every_page_carries_a_content_security_policy_and_referrer_policy(example_site):
    for path in example_site.rglob("*.html"):
        html = path.read_text("utf-8")
        assert html.count('http-equiv="Content-Security-Policy"') == 1, path
        assert '<meta name="referrer" content="strict-origin-when-cross-origin">' in html, path
        assert html.index("Content-Security-Policy") < html.index("<script"), path
