"""Benchmark: the figures issue 15 sets goals for, in one run. Run: `make bench`.

For each size (estates; BENCH_SIZES=100,1000,5000 by default, or sizes as arguments) of a
synthetic council in five languages, alternative formats off:
  - `compacts check`: seconds with nothing remembered, again with nothing changed, and after
    editing one estate file; peak memory;
  - a full build: seconds, pages, ms and KB per page, peak memory summed over every process
    the build runs at once (the per-language sub-builds, Pagefind), sampled from /proc;
  - search: bytes a first query fetches in Chromium (Pagefind's script, WebAssembly, chunks);
  - Hugo (Debian's `hugo`) building as many plain pages of the same text size: the ratio.
Then `mkdocs serve` at BENCH_SERVE_ESTATES (200) estates in two languages: seconds from
saving an estate file until both languages' pages of that estate show the change.
`--formats` also measures the alternative formats on the example site.

Speed goals live here, not in the tests: this prints figures and judges nothing.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import make_council, make_hugo_site  # noqa: E402

BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parent.parent
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@dataclass
class Run:
    seconds: float
    peak_mb: float


def _tree_rss(root: int) -> int:
    """Resident bytes of a process and all its descendants, now."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [child for child, parent in parents.items() if parent == pid]
        tree.update(children)
        frontier += children
    total = 0
    for pid in tree:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE
        except (OSError, IndexError, ValueError):
            continue
    return total


def measure(command: list[str], cwd: Path, **env: str) -> Run:
    """Seconds and peak memory (summed over the process tree, sampled every 50 ms)."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "COMPACTS_FORMATS": "off", **env}
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=environment, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], _tree_rss(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, errors = process.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    if process.returncode:
        sys.exit(f"{' '.join(command)} failed in {cwd}:\n{errors}")
    return Run(seconds, peak[0] / 1024 / 1024)


def html_pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if "pagefind" not in p.parts and p.name != "404.html"]


def text_size(pages: list[Path], sample: int = 300) -> int:
    """Mean characters of text in a page's article (the part Hugo's pages stand in for)."""
    sizes = []
    for page in pages[:: max(1, len(pages) // sample)]:
        article = re.search(r"<article[^>]*>(.*?)</article>", page.read_text("utf-8"), re.S)
        text = re.sub(r"<[^>]+>", " ", article.group(1)) if article else ""
        sizes.append(len(" ".join(text.split())))
    return round(sum(sizes) / len(sizes))


def first_query_bytes(site: Path, path: str, query: str) -> tuple[int, int] | None:
    """(bytes, files) fetched from Pagefind's bundle by the first search on a page."""
    if not shutil.which(CHROMIUM):
        return None
    sys.path.insert(0, str(REPO / "tests"))
    from conftest import serve  # the tests' quiet local web server
    from playwright.sync_api import sync_playwright

    fetched: dict[str, int] = {}
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url + path, wait_until="networkidle")
        page.on("requestfinished", lambda r: fetched.__setitem__(
            r.url, r.sizes()["responseBodySize"]))
        search = page.locator("#tc-search-input")  # the site's search, not the estate finder
        search.fill(query)
        search.press("Enter")
        page.locator(".tc-search__list li").first.wait_for(timeout=60_000)
        page.wait_for_load_state("networkidle")
        browser.close()
    searched = [size for address, size in fetched.items() if "/pagefind/" in address]
    return sum(searched), len(searched)


def bench_size(estates: int, scratch: Path) -> dict:
    project = make_council(estates, scratch / f"council-{estates}")
    files = len(list((project / "compacts").rglob("*.yml")))
    remembered = {"XDG_CACHE_HOME": str(scratch / f"check-cache-{estates}")}
    # As in a working copy, the files are older than the 2 s within which a check reads a file
    # again even if its times are unchanged (generator/filecheck.py, _SAME_TICK).
    time.sleep(2.1)
    check = measure([str(BIN / "compacts"), "check"], project, **remembered)
    again = measure([str(BIN / "compacts"), "check"], project, **remembered)
    estate = project / "compacts/bench/estates/estate-7.yml"
    estate.write_text(estate.read_text().replace("summary: Homes", "summary: Edited homes"))
    edited = measure([str(BIN / "compacts"), "check"], project, **remembered)
    print(f"compacts check, {estates} estates, {files} files: {check.seconds:.2f} s first "
          f"({check.seconds / files * 1000:.2f} ms/file, {check.peak_mb:.0f} MB peak, all "
          f"processes), {again.seconds:.2f} s again unchanged, {edited.seconds:.2f} s after "
          "editing one file")
    # The build starts with nothing remembered, as on a fresh clone.
    build = measure([str(BIN / "mkdocs"), "build", "-q", "-f", "site_config.yml", "-d", "site"],
                    project, XDG_CACHE_HOME=str(scratch / f"build-cache-{estates}"))
    pages = html_pages(project / "site")
    size = sum(p.stat().st_size for p in pages) / len(pages)
    per_page = build.seconds / len(pages) * 1000
    print(f"build, {estates} estates, 5 languages: {build.seconds:7.1f} s, {len(pages)} pages, "
          f"{per_page:.2f} ms/page, {size / 1024:.1f} KB/page, {build.peak_mb:.0f} MB peak "
          "(all processes)")
    index = sum(f.stat().st_size for f in (project / "site").rglob("*")
                if f.is_file() and "pagefind" in f.parts)
    searched = first_query_bytes(project / "site", "bench/", "community")
    if searched:
        print(f"search, {estates} estates: first query fetched {searched[0] / 1024:.1f} KB in "
              f"{searched[1]} files (whole index {index / 1024 / 1024:.1f} MB, all languages)")
    else:
        print(f"search: {CHROMIUM} is missing, first-query bytes not measured")
    hugo = bench_hugo(len(pages), text_size([p for p in pages if "/bench/" in str(p)]), scratch)
    if hugo:
        hugo_ms = hugo.seconds / len(pages) * 1000
        print(f"Hugo, {len(pages)} plain pages of the same text size: {hugo.seconds:.1f} s, "
              f"{hugo_ms:.2f} ms/page; ours is {per_page / hugo_ms:.1f} x Hugo per page")
    shutil.rmtree(project / "site")
    return {"estates": estates, "pages": len(pages), "ms_page": per_page, "kb_page": size / 1024,
            "search_kb": searched[0] / 1024 if searched else None}


def bench_hugo(pages: int, text: int, scratch: Path) -> Run | None:
    if not shutil.which("hugo"):
        print("Hugo is missing (apt-get install hugo): no comparison")
        return None
    folder = make_hugo_site(pages, text, scratch / f"hugo-{pages}")
    run = measure(["hugo", "--quiet", "-s", str(folder), "-d", str(folder / "public")], folder)
    shutil.rmtree(folder)
    return run


def serve_latency(estates: int, scratch: Path, edits: int = 3) -> None:
    """Seconds from saving one estate file until its page shows the change in both languages."""
    project = make_council(estates, scratch / f"serve-{estates}", languages=["en", "cy"])
    port = _free_port()
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "COMPACTS_FORMATS": "off",
                   "SITE_URL": f"http://127.0.0.1:{port}/"}  # served at the root
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "-f", "site_config.yml",
                               "-a", f"127.0.0.1:{port}"], cwd=project, env=environment,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    urls = [f"http://127.0.0.1:{port}/{prefix}bench/estates/estate-7/" for prefix in ("", "cy/")]
    estate = project / "compacts/bench/estates/estate-7.yml"
    try:
        _wait_for(urls, "Residents", timeout=600)
        times = []
        for edit in range(edits):
            marker = f"Edited{edit}x{time.time_ns()}"
            text = re.sub(r"^summary: .*$", f"summary: {marker} homes.", estate.read_text(),
                          flags=re.M)
            start = time.perf_counter()
            estate.write_text(text)
            _wait_for(urls, marker, timeout=300)
            times.append(time.perf_counter() - start)
        print(f"serve, {estates} estates, 2 languages: edit to both pages "
              + ", ".join(f"{t:.1f}" for t in times) + " s")
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the server and the sub-builds it started
        server.wait(timeout=30)


def _wait_for(urls: list[str], text: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    waiting = list(urls)
    while waiting:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{waiting} never showed {text!r}")
        try:
            with urllib.request.urlopen(waiting[0], timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    waiting.pop(0)
                    continue
        except OSError:
            pass
        time.sleep(0.05)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def formats(scratch: Path) -> None:
    """What large print, braille and audio add to the example site's build: with an empty
    cache, then again with nothing changed."""
    build = [str(BIN / "mkdocs"), "build", "-q", "-f", "site_config.yml", "-d", str(scratch / "site")]
    without = measure(build, REPO)
    env = {"COMPACTS_FORMATS": "on", "COMPACTS_CACHE": str(scratch / "cache")}
    first = measure(build, REPO, **env)
    second = measure(build, REPO, **env)
    size = sum(p.stat().st_size for p in (scratch / "site").rglob("formats/*")) / 1024 / 1024
    print(f"example site: {without.seconds:.1f} s without formats; with formats "
          f"{first.seconds:.1f} s (empty cache, {first.peak_mb:.0f} MB peak), "
          f"{second.seconds:.1f} s (cached); formats {size:.1f} MB")


def linearity(rows: list[dict]) -> None:
    """Per-page cost at the largest size against 1,000 estates (the goal: within 1.3 x)."""
    base = next((r for r in rows if r["estates"] == 1000), None)
    top = max(rows, key=lambda r: r["estates"], default=None)
    if base and top is not base:
        print(f"linearity, {top['estates']} vs 1000 estates: "
              f"{top['ms_page'] / base['ms_page']:.2f} x ms/page, "
              f"{top['kb_page'] / base['kb_page']:.2f} x KB/page"
              + (f", {top['search_kb'] / base['search_kb']:.2f} x search KB"
                 if top["search_kb"] and base["search_kb"] else ""))


def sizes() -> list[int]:
    given = [int(n) for n in sys.argv[1:] if n.isdigit()]
    listed = os.environ.get("BENCH_SIZES", "100,1000,5000")
    return given or [int(n) for n in listed.split(",") if n.strip()]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        rows = [bench_size(estates, scratch) for estates in sizes()]
        linearity(rows)
        serving = int(os.environ.get("BENCH_SERVE_ESTATES", "200"))
        if serving:
            serve_latency(serving, scratch)
        if "--formats" in sys.argv:
            formats(scratch)


if __name__ == "__main__":
    main()
