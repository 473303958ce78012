"""How long the preview takes to show a saved edit: `make serve`'s own command, at scale.

    cd tests && PYTHONPATH=../hooks ../.venv/bin/python preview_latency.py [--articles 500] [--edits 5] [--full]

Writes the synthetic hub of tests/benchmark.py, starts the preview on it the
way `make serve` does (`python -m filmhub.serve`, which runs `mkdocs serve
--no-strict --dirty`) on a free port, waits for the first build, then
appends a unique word to one article at a time and asks the served page for
it until it shows. Each latency is save → the served page holds the word:
the file watcher's poll, the rebuild and the write. `--full` runs the
preview without `--dirty` (every save a full rebuild, as before the preview
cache) for comparison. A measurement, not a test: `make bench` and people
run it on demand.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from benchmark import HUBS, synthetic_site, write_config

from sitebuilder import HOOKS, REPO

BUILT = "Documentation built in"  # MkDocs' log line at the end of every build
DETECTED = "Detected file changes"  # and when its watcher sees a save
POLL_SECONDS = 0.5  # how often MkDocs' watcher looks at the files
STARTUP_SECONDS = 600  # the first build of a large site, on a busy machine
EDIT_SECONDS = 120


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Log:
    """The preview's log, read as it runs: counts the saves its watcher saw and the builds that finished."""

    def __init__(self, stream) -> None:
        self.lines: list[str] = []
        self.builds = self.changes = 0
        self._changed = threading.Condition()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in stream:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self.builds += BUILT in line
                self.changes += DETECTED in line
                self._changed.notify_all()

    def wait(self, ready, timeout: float) -> bool:
        """Whether `ready()` came true within `timeout` seconds."""
        with self._changed:
            return self._changed.wait_for(ready, timeout)

    def at_rest(self, timeout: float) -> None:
        """Wait until every save the watcher saw has been built, and it sees no more."""
        while True:
            if not self.wait(lambda: self.builds == 1 + self.changes, timeout):
                raise RuntimeError("the preview did not finish building:\n" + "\n".join(self.lines[-20:]))
            changes = self.changes
            time.sleep(2 * POLL_SECONDS)  # the watcher's next look, which may see a save we made
            if self.changes == changes:
                return


def _until_watching(source: Path, log: _Log) -> None:
    """Save `source` unchanged until the preview sees it. MkDocs starts its
    file watcher after the first build, from a snapshot of the files: an edit
    saved before that snapshot would never be seen."""
    for _ in range(EDIT_SECONDS):
        os.utime(source)
        if log.wait(lambda: log.changes > 0, timeout=6 * POLL_SECONDS):
            return
    raise RuntimeError("the preview never saw a save:\n" + "\n".join(log.lines[-20:]))


def _command(port: int, full: bool) -> list[str]:
    """What `make serve` runs, or what it ran before the preview cache."""
    if full:
        return [sys.executable, "-m", "mkdocs", "serve", "--no-strict", "--dev-addr", f"127.0.0.1:{port}"]
    return [sys.executable, "-m", "filmhub.serve", "--host", "127.0.0.1", "--port", str(port)]


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _wait_for(url: str, word: str, timeout: float, log: _Log) -> float:
    """Seconds until the page at `url` holds `word`, asking every 10 ms."""
    start = time.monotonic()
    while word not in _page(url):
        if time.monotonic() - start > timeout:
            raise RuntimeError(
                f"{url} did not show '{word}' within {timeout} s:\n" + "\n".join(log.lines[-20:])
            )
        time.sleep(0.01)
    return time.monotonic() - start


def preview_latency(root: Path, edits: int = 5, *, full: bool = False) -> list[float]:
    """Seconds from save to the served page showing the edit, for `edits` edits.

    `root` holds a site written by benchmark.synthetic_site and a mkdocs.yml
    by benchmark.write_config (with the hooks); each edit appends a word to
    another article. With `full`, the preview rebuilds everything on each
    save (`mkdocs serve --no-strict`, the command before the preview cache).
    """
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO / "hooks")}
    process = subprocess.Popen(
        _command(port, full), cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        log = _Log(process.stderr)
        if not log.wait(lambda: log.builds >= 1, STARTUP_SECONDS):
            raise RuntimeError("the preview did not start:\n" + "\n".join(log.lines[-20:]))
        _until_watching(root / "docs" / "index.md", log)
        log.at_rest(EDIT_SECONDS)
        latencies = []
        for number in range(edits):
            hub, name = HUBS[number % len(HUBS)], f"article-{number:05d}"
            source = root / "docs" / hub / f"{name}.md"
            word = f"edited{number}x{time.time_ns()}"
            with source.open("a", encoding="utf-8") as file:
                file.write(f"\n{word}\n")
            latencies.append(_wait_for(f"http://127.0.0.1:{port}/{hub}/{name}/", word, EDIT_SECONDS, log))
            # The next edit starts on a preview at rest, not in the middle of a build.
            log.at_rest(EDIT_SECONDS)
        return latencies
    finally:
        process.terminate()
        process.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--full", action="store_true", help="rebuild everything on each save, as before")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        synthetic_site(root, args.articles)
        write_config(root, HOOKS)
        latencies = preview_latency(root, args.edits, full=args.full)
    print(
        f"{args.articles} articles, {'full rebuilds' if args.full else 'make serve'}: save → page shows it "
        f"in {statistics.median(latencies):.2f} s (median of {len(latencies)}; "
        f"{min(latencies):.2f}–{max(latencies):.2f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
