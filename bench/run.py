"""Benchmark: `compacts check` and a full build at 100 and 1,000 estates, beside plain MkDocs.

Prints seconds per page, HTML bytes per page and peak memory. Run: `make bench`.
Each command runs in a fresh process; peak memory includes the per-language sub-builds.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import make_council, make_plain_pages  # noqa: E402

BIN = Path(sys.executable).parent
MEASURE = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:], "
           "stdout=subprocess.DEVNULL).returncode; "
           "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)")


def measure(command: list[str], cwd: Path, **env: str) -> tuple[float, float]:
    """(seconds, peak MB) of one command, in a fresh process. Alternative formats are off
    unless asked for: they are measured on their own (see formats())."""
    start = time.perf_counter()
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "COMPACTS_FORMATS": "off", **env}
    out = subprocess.run([sys.executable, "-c", MEASURE, *command], cwd=cwd, text=True,
                         capture_output=True, env=environment)
    seconds = time.perf_counter() - start
    peak_kb, code = out.stdout.split()
    if code != "0":
        sys.exit(f"{' '.join(command)} failed in {cwd}:\n{out.stderr}")
    return seconds, int(peak_kb) / 1024


def html_pages(site: Path, under: str = "") -> list[Path]:
    return [p for p in (site / under).rglob("index.html")] if (site / under).exists() else []


def row(label: str, seconds: float, pages: int, size: float, peak: float) -> None:
    print(f"{label:<34} {seconds:8.1f} s {pages:7d} pages {seconds / pages * 1000:8.1f} ms/page "
          f"{size / 1024:8.1f} KB/page {peak:8.0f} MB peak")


def bench(estates: int, scratch: Path, plain: bool) -> None:
    project = make_council(estates, scratch / f"council-{estates}")
    seconds, peak = measure([str(BIN / "compacts"), "check"], project)
    files = estates + estates // 2 + 3
    print(f"compacts check, {estates} estates:  {seconds:6.2f} s for {files} files "
          f"({seconds / files * 1000:.2f} ms/file), {peak:.0f} MB peak")
    seconds, peak = measure([str(BIN / "mkdocs"), "build", "-q", "-f", "site_config.yml",
                             "-d", "site"], project)
    pages = html_pages(project / "site")
    estate_pages = html_pages(project / "site", "bench/estates")
    size = sum(p.stat().st_size for p in pages) / len(pages)
    row(f"compact site, {estates} estates", seconds, len(pages), size, peak)
    estate_size = sum(p.stat().st_size for p in estate_pages) / len(estate_pages)
    print(f"{'':<34} estate pages alone: {estate_size / 1024:.1f} KB/page")
    if plain:
        folder = make_plain_pages(len(pages), scratch / f"plain-{estates}")
        seconds, peak = measure([str(BIN / "mkdocs"), "build", "-q", "-d", "site"], folder)
        plain_pages = html_pages(folder / "site")
        size = sum(p.stat().st_size for p in plain_pages) / len(plain_pages)
        row(f"plain MkDocs, flat nav, {len(pages)} pages", seconds, len(plain_pages), size, peak)


def formats(scratch: Path) -> None:
    """What large print, braille and audio add to the example site's build: with an empty
    cache, then again with nothing changed."""
    repo = Path(__file__).resolve().parent.parent
    build = [str(BIN / "mkdocs"), "build", "-q", "-f", "site_config.yml", "-d", str(scratch / "site")]
    without, _ = measure(build, repo)
    env = {"COMPACTS_FORMATS": "on", "COMPACTS_CACHE": str(scratch / "cache")}
    first, peak = measure(build, repo, **env)
    second, _ = measure(build, repo, **env)
    size = sum(p.stat().st_size for p in (scratch / "site").rglob("formats/*")) / 1024 / 1024
    print(f"example site: {without:.1f} s without formats; with formats {first:.1f} s "
          f"(empty cache, {peak:.0f} MB peak), {second:.1f} s (cached); formats {size:.1f} MB")


def main() -> None:
    sizes = [int(n) for n in sys.argv[1:] if n.isdigit()] or [100, 1000]
    plain = os.environ.get("BENCH_PLAIN", "1") != "0"
    with tempfile.TemporaryDirectory() as scratch:
        for estates in sizes:
            bench(estates, Path(scratch), plain)
        if "--formats" in sys.argv or not sys.argv[1:]:
            formats(Path(scratch))


if __name__ == "__main__":
    main()
