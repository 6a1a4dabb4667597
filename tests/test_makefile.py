"""The Makefile a newcomer starts with: `make serve` on a fresh machine, `make check`."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from conftest import REPO


def fake(folder: Path, name: str, script: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + script + "\n")
    path.chmod(0o755)


def test_missing_packages_install_one_by_one_waiting_for_the_lock_and_a_failure_only_warns(tmp_path):
    bin_dir, calls = tmp_path / "bin", tmp_path / "calls"
    bin_dir.mkdir()
    fake(bin_dir, "id", 'echo 0')                                   # root, as on a fresh machine
    fake(bin_dir, "dpkg", 'case "$2" in fonts-noto-core|espeak-ng) exit 1;; esac; exit 0')
    fake(bin_dir, "apt-get", f'echo "$@" >> {calls}\n'
                             'case "$*" in *fonts-noto-core*) exit 100;; esac; exit 0')
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    done = subprocess.run(["make", "-s", "-C", str(REPO), "system-packages"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = calls.read_text().splitlines()
    assert all("DPkg::Lock::Timeout=600" in line for line in lines)
    installs = [line for line in lines if " install " in line]
    assert len(installs) == 2 and any("espeak-ng" in line for line in installs)
    assert "warning: could not install fonts-noto-core" in done.stdout
    assert "espeak-ng" not in done.stdout.split("warning:")[-1]


def test_make_check_ends_with_the_summary(data_root):
    shutil.copy(REPO / "Makefile", data_root / "Makefile")
    (data_root / ".venv").symlink_to(REPO / ".venv")
    os.utime(data_root / ".venv/.installed")  # newer than the (missing) pyproject.toml
    (data_root / "pyproject.toml").write_text("")
    os.utime(data_root / "pyproject.toml", (0, 0))
    estate = data_root / "compacts/testshire/estates/oak-court.yml"
    estate.write_text(estate.read_text().replace("homes: 120", "homes: lots"))
    # As a person types it: not inside another make (which would add directory lines).
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    done = subprocess.run(["make", "check"], cwd=data_root, capture_output=True, text=True,
                          timeout=120, env=env)
    output = (done.stdout + done.stderr).strip().splitlines()
    assert output[-1].startswith("Found 1 error in 1 file"), output
    assert not any(line.startswith("make: ***") for line in output)
