"""A council's fork, as COUNCILS.md tells a council to make it: the example council deleted,
its own landlord, estate, compacts and results started with `compacts new`, its own
languages. Every command the pull-request check (.github/workflows/check.yml) runs must pass
on it. The commands are read from the workflow, so this test follows it when it changes."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import CHROMIUM, REPO
from generator.rules import PLACEHOLDER

WORKFLOW = REPO / ".github/workflows/check.yml"


def workflow_commands() -> list[tuple[str, str, dict]]:
    """(name, shell command, environment) of each `run:` step of the check workflow."""
    steps = YAML(typ="safe", pure=True).load(WORKFLOW.read_text())["jobs"]["check"]["steps"]
    return [(s.get("name", s["run"]), s["run"], {k: str(v) for k, v in (s.get("env") or {}).items()})
            for s in steps if "run" in s]


def copy_repository(target: Path) -> Path:
    """The repository's files as a fresh clone has them (tracked and new, not ignored)."""
    listed = subprocess.run(["git", "-C", str(REPO), "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], capture_output=True, text=True, check=True)
    for name in filter(None, listed.stdout.split("\0")):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def councils_guide_commands() -> list[list[str]]:
    """The `compacts new` commands of COUNCILS.md step 3, as a council copies them."""
    import shlex

    text = (REPO / "COUNCILS.md").read_text()
    return [shlex.split(line.strip())[1:] for line in text.splitlines()
            if line.strip().startswith(".venv/bin/compacts new ")]


def councils_guide_landlord() -> str:
    """The worked landlord.yml of COUNCILS.md."""
    text = (REPO / "COUNCILS.md").read_text()
    return text.split("```yaml\n", 1)[1].split("```", 1)[0]


def delete_examples(root: Path) -> None:
    """COUNCILS.md step 3 begins: every example council's folder goes."""
    for folder in (root / "compacts").iterdir():
        shutil.rmtree(folder)


def start_council_data(root: Path) -> None:
    """COUNCILS.md step 3 after deleting the examples: its commands, its worked landlord,
    and real words where `compacts new` left example text to replace."""
    commands = councils_guide_commands()
    assert commands and commands[0][:2] == ["new", "landlord"]
    for command in commands:
        compacts(root, *command)
    folder = next(p for p in (root / "compacts").iterdir() if (p / "landlord.yml").exists())
    (folder / "landlord.yml").write_text(councils_guide_landlord())
    for path in folder.rglob("*.yml"):
        path.write_text(path.read_text().replace(f"'{PLACEHOLDER} ", "'Our words: "))


def compacts(fork: Path, *args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=fork,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def make_fork(fork: Path) -> Path:
    """Steps 2 and 3 of COUNCILS.md, done as a council would."""
    copy_repository(fork)
    delete_examples(fork)
    config = (fork / "site_config.yml").read_text()
    config = config.replace("site_name: Greenfield", "site_name: Testshire")
    for line in ("        - cy\n", "        - pl\n", "        - so\n",
                 "      minimum_translated:\n        cy: 100\n"):
        assert line in config
        config = config.replace(line, "")
    (fork / "site_config.yml").write_text(config)
    start_council_data(fork)
    compacts(fork, "new", "estate", "testshire-council", "Elm Park")
    elm_park = fork / "compacts/testshire-council/estates/elm-park.yml"
    elm_park.write_text(elm_park.read_text().replace(f"'{PLACEHOLDER} ", "'Our words: "))
    compacts(fork, "translations", "update")
    for command in (["init", "-q", "-b", "main"], ["add", "-A"],
                    ["-c", "user.name=Council", "-c", "user.email=council@example.org",
                     "commit", "-q", "-m", "Our compacts"]):
        subprocess.run(["git", "-C", str(fork), *command], check=True)
    return fork


@pytest.mark.browser
def test_a_council_fork_without_the_example_passes_the_pull_request_check(tmp_path):
    if not shutil.which(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed")
    fork = make_fork(tmp_path / "fork")
    assert [p.name for p in (fork / "compacts").iterdir()] == ["testshire-council"]
    # The fork shares this checkout's installed tools: its own `make .venv/.installed` then
    # finds them up to date instead of installing them again.
    (fork / ".venv").symlink_to(REPO / ".venv")
    ran = []
    for name, command, env in workflow_commands():
        if command.lstrip().startswith("sudo "):
            continue  # installs the runner's Debian packages: `make build` checks them here
        env = {**os.environ, **env, "CHROMIUM_PATH": CHROMIUM}  # not the runner's Chrome
        done = subprocess.run(["bash", "-e", "-c", command], cwd=fork, env=env,
                              capture_output=True, text=True, timeout=1800)
        assert done.returncode == 0, f"{name}: {command}\n{done.stdout[-6000:]}\n{done.stderr[-4000:]}"
        ran.append((command, done.stdout + done.stderr))
    commands = [command for command, _ in ran]
    assert any("pytest tests/test_browser.py tests/test_crawl.py" in c for c in commands), commands
    build_log = next(log for command, log in ran if command.startswith("make build"))
    for code in ("en", "ur"):  # the fork's own languages, each said to be built
        assert f"({code}) pages into" in build_log, build_log[-3000:]
    assert (fork / "site/testshire-council/estates/oak-court/index.html").exists()
    assert (fork / "site/ur/testshire-council/index.html").exists()
