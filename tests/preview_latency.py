"""How soon the preview shows a saved edit: `make serve`'s command, timed from outside.

The preview is started in the synthetic site's folder with the very command
`make serve` runs (the Makefile's PREVIEW, passed in by `make bench`). After
its first build, a new word is appended to one article, and the clock runs
until an HTTP GET of that article's address returns a page with the word.
MkDocs' server holds a request while it rebuilds, so the page arrives when
the rebuild that holds the edit is done: what a writer's browser then shows.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from build_cost import environment

from sitebuilder import REPO

_PREVIEW = re.compile(r"^PREVIEW\s*:?=\s*(?P<arguments>.+?)\s*$", re.MULTILINE)
POLL_SECONDS = 0.05


def preview_arguments(makefile: Path = REPO / "Makefile") -> list[str]:
    """What the Makefile's `make serve` passes to Python (its PREVIEW), when make did not say."""
    match = _PREVIEW.search(makefile.read_text(encoding="utf-8"))
    if match is None:
        raise SystemExit(f"{makefile} sets no PREVIEW: pass --preview with what make serve runs")
    return shlex.split(match.group("arguments"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    """The page at `url`, or None while there is none (no server yet, or not found)."""
    try:
        with urllib.request.urlopen(url, timeout=600) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError):
        return None


def wait_for_page(url: str, timeout: float, what: str, holding: str = "") -> None:
    """Ask for the page at `url` until there is one that holds `holding`."""
    deadline = time.monotonic() + timeout
    while (page := fetch(url)) is None or holding not in page:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} took more than {timeout:.0f} s")
        time.sleep(POLL_SECONDS)


@contextmanager
def preview(folder: Path, arguments: list[str]) -> Iterator[str]:
    """The preview running in `folder` on a free port; yields its address."""
    port = free_port()
    command = [sys.executable, *arguments, "--host", "127.0.0.1", "--port", str(port)]
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(
            command, cwd=folder, env=environment(), stdout=log, stderr=subprocess.STDOUT
        )
        try:
            yield f"http://127.0.0.1:{port}/"
        except (TimeoutError, OSError):
            log.seek(0)
            print(log.read().decode("utf-8", "replace")[-3000:], file=sys.stderr)
            raise
        finally:
            # Ctrl-C, as a writer stops it; it then removes its temporary site.
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def save_to_shown(
    folder: Path, arguments: list[str], source: Path, url_path: str, edits: int, timeout: float = 900
) -> list[float]:
    """Seconds from each of `edits` saves of `source` to its page at `url_path` showing the edit."""
    seconds = []
    with preview(folder, arguments) as address:
        url = address + url_path
        wait_for_page(url, timeout, "the preview's first build")
        for number in range(edits):
            word = f"benchmark{number}x{os.getpid()}x{time.time_ns()}"
            start = time.perf_counter()
            with source.open("a", encoding="utf-8") as file:
                file.write(f"\n\nEdited: {word}\n")
            wait_for_page(url, timeout, "showing an edit", holding=word)
            seconds.append(time.perf_counter() - start)
    return seconds
