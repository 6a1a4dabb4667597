"""Builds that never destroy the last good site.

The build writes into a staging folder beside site/ and swaps it in only when every
language has succeeded; a failed, interrupted or killed build leaves site/ as it was. The
swap is one atomic rename (Linux's renameat2 RENAME_EXCHANGE) where the system has it.
Language sub-builds die with the build that started them (PR_SET_PDEATHSIG), so none go
on writing after it stops.
"""
from __future__ import annotations

import ctypes
import os
import shutil
import signal
import subprocess
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_PR_SET_PDEATHSIG = 1


def staging_dir(site_dir: Path) -> Path:
    """A fresh staging folder beside site_dir; stale ones of killed builds are removed."""
    for stale in site_dir.parent.glob(f".{site_dir.name}.building-*"):
        if not alive(stale.name.rsplit("-", 1)[-1]):
            shutil.rmtree(stale, ignore_errors=True)
    for old in site_dir.parent.glob(f".{site_dir.name}.old-*"):  # a removal that was stopped
        _remove_later(old)
    staging = site_dir.parent / f".{site_dir.name}.building-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    return staging


def swap_in(staging: Path, site_dir: Path) -> None:
    """Make staging the site: the old site stays whole until the single rename."""
    old = site_dir.parent / f".{site_dir.name}.old-{os.getpid()}"
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists() and _exchange(staging, site_dir):
        staging.rename(old)  # staging now holds the old site
        _remove_later(old)
        return
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    _remove_later(old)


def _remove_later(folder: Path) -> None:
    """Delete the old site without waiting: thousands of folders take seconds to remove on
    some file systems, and the new site is already in place."""
    if not folder.exists():
        return
    try:
        subprocess.Popen(["rm", "-rf", "--", str(folder)], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


def discard(staging: Path | None) -> None:
    if staging is not None:
        shutil.rmtree(staging, ignore_errors=True)


def die_with_parent() -> None:
    """In a child process (preexec_fn): be killed when the process that started it dies."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # not Linux: the sub-build still writes only into the staging folder


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def alive(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True
