"""What a reader downloads, measured in real Chromium: a page's first load and one search.

Shared by the browser tests (test_browser.py), which hold the budgets, and
`make bench` (benchmark.py), which reports the bytes at 500 and 2,000
articles. Bytes are counted as a host sends them: gzipped, except files that
gzip cannot shrink (Pagefind's index is compressed already).
"""

from __future__ import annotations

import functools
import gzip
import os
import shutil
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM_FLAGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--no-first-run",
    # Keep Chromium's own background traffic off the network: the tests
    # check that pages make no requests to other hosts.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
KINDS = {"stylesheet": "css", "script": "js", "font": "fonts", "image": "images", "document": "html"}


def chromium() -> str | None:
    """Debian's Chromium (or the browser CHROMIUM names), if there is one."""
    for candidate in (
        os.environ.get("CHROMIUM"),
        "/usr/bin/chromium",
        *map(shutil.which, ("chromium", "google-chrome")),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serving(directory: Path) -> Iterator[str]:
    """A built site served from 127.0.0.1 on a free port; yields its address."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def sent(body: bytes) -> int:
    """Bytes over the wire for one response body: gzipped, unless gzip makes it larger."""
    return min(len(body), len(gzip.compress(body, 9)))


def weight(responses) -> dict[str, dict[str, int]]:
    """Bytes of `responses` by type: as served ("raw"), and as a host sends them ("gzip")."""
    sizes = {"raw": defaultdict(int), "gzip": defaultdict(int)}
    for response in responses:
        kind = KINDS.get(response.request.resource_type, "data")
        body = response.body()
        sizes["raw"][kind] += len(body)
        sizes["gzip"][kind] += sent(body)
    return {name: dict(per_kind) | {"total": sum(per_kind.values())} for name, per_kind in sizes.items()}


def search_by_keyboard(page, query: str) -> int:
    """Open the search dialog with "/", enter `query`, wait for the results; their count."""
    page.keyboard.press("/")
    page.locator(".md-search__input").fill(query)
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    return results.count()


def first_load_and_search(browser, url: str, query: str) -> dict[str, int]:
    """Bytes (as sent) of the page's first load and of one search from it (its first one, index
    and all), the time from the keys to the results, and how many results are shown."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(url, wait_until="networkidle")
        first_load = weight(responses)["gzip"]["total"]
        before = len(responses)
        start = time.perf_counter()
        shown = search_by_keyboard(page, query)
        took = time.perf_counter() - start
        return {
            "first_load_bytes": first_load,
            "search_bytes": weight(responses[before:])["gzip"]["total"],
            "search_ms": round(took * 1000),
            "results_shown": shown,
        }
    finally:
        context.close()
