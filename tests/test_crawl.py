"""The whole built site served under a subpath, as GitHub Pages serves a project site,
walked page by page in Chromium: every link, asset and download must load, and every page
the site holds is reached by a link. A council's fork runs this on its own data."""
from __future__ import annotations

from collections import deque
from urllib.parse import urldefrag, urljoin, urlparse

import pytest

from conftest import serve

PREFIX = "/tenant-compacts/"


@pytest.fixture(scope="module")
def subpath_server(built_site):
    with serve(built_site, PREFIX) as url:
        yield url


@pytest.mark.browser
def test_every_page_link_asset_and_download_works_under_a_subpath(browser, subpath_server, built_site):
    context = browser.new_context()
    page = context.new_page()
    failed: list[str] = []
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    # Leaving a page aborts what it was still loading (net::ERR_ABORTED): not a broken link.
    page.on("requestfailed", lambda r: "ERR_ABORTED" not in (r.failure or "")
            and failed.append(f"failed {r.url}: {r.failure}"))
    seen, queue, downloads, pages = {subpath_server}, deque([subpath_server]), set(), 0
    while queue:
        url = queue.popleft()
        response = page.goto(url)
        assert response and response.ok, f"{url}: {response and response.status}"
        pages += 1
        for href in page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)"):
            target = urldefrag(urljoin(url, href)).url
            parsed = urlparse(target)
            if parsed.scheme not in ("http", "https") or parsed.netloc != urlparse(subpath_server).netloc:
                continue
            assert target.startswith(subpath_server), f"{url} links outside the site: {href}"
            if target in seen:
                continue
            seen.add(target)
            if target.endswith("/"):
                queue.append(target)
            else:
                downloads.add(target)
    for url in sorted(downloads):
        response = context.request.get(url)
        assert response.ok, f"download {url}: {response.status}"
    context.close()
    assert failed == [], sorted(set(failed))[:40]
    reached = {url[len(subpath_server):] for url in seen if url.endswith("/")}
    built = {str(p.parent.relative_to(built_site)) + "/" for p in built_site.rglob("index.html")}
    built = {"" if url == "./" else url for url in built}
    assert built - reached == set(), "pages no link leads to"
    assert pages == len(reached)
