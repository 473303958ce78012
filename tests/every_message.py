"""Every message a writer can meet, produced by the code that gives it.

`every_message(root, mistakes)` takes the build of the site that breaks
every rule at once (mistakes.py, built once per test run by conftest.py),
runs `make check` on it, and adds what one site can't show:
the files the build refuses before reading any, SVGs, a build stopped by
its warnings or by the output guard, `make build` failing, and the writer
tools (make article, make serve, the freshness warning, make
linkcheck-external against a local server). test_contributing.py matches
the result against CONTRIBUTING's table both ways.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import errno
import io
import os
import socket
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from filmhub import (
    bounds,
    build,
    check,
    external_links,
    freshness,
    generator,
    glossary,
    output_scan,
    redirects,
    scaffold,
    search,
    serve,
    site_invariants,
)
from filmhub.file_policy import docs_problems
from filmhub.link_report import check as check_links
from filmhub.links import Link, LinkIndex, SiteFile
from filmhub.site import Site
from filmhub.svg_policy import svg_problems
from filmhub.textscan import Body
from sitebuilder import GLOSSARY_AI, BuildResult, build_site, minimal_site

SVGS = [
    b"<svg",
    b"<svg xmlns='http://www.w3.org/2000/svg'>" + b" " * 500_001 + b"</svg>",
    b'<!DOCTYPE svg><svg xmlns="http://www.w3.org/2000/svg"/>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="x"/>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><use href="x.svg"/></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import "x";</style></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><style>a{b:url(x)}</style></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><style>a{b:\\75 rl(x)}</style></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><?pi x?></svg>',
]


def every_message(root: Path, mistakes: BuildResult) -> list[str]:
    messages = site_messages(mistakes)
    messages += file_messages(root / "files")
    messages += [str(p) for svg in SVGS for p in svg_problems(svg, "docs/x.svg")]
    messages += stop_messages(root / "stops")
    messages += rule_messages(root / "rules")
    messages += tool_messages(root / "tools")
    return messages


def site_messages(mistakes: BuildResult) -> list[str]:
    """The site that breaks every rule: what the build logs and what make check prints."""
    found = [*mistakes.problems, mistakes.errors[-1]]
    return found + [str(p) for p in check.run(mistakes.config_file, datetime.date.today(), {})]


def file_messages(root: Path) -> list[str]:
    docs = root / "docs"
    files = {
        "a.html": b"x",
        'a"b.md': b"x",
        "fake.png": b"x",
        "bad\nname.md": b"x",
        "A.md": b"x",
        "a.md": b"x",
        "/".join("d" * 9) + "/x.md": b"x",
        "big.svg": b"<svg xmlns='http://www.w3.org/2000/svg'>" + b" " * 500_001 + b"</svg>",
    }
    for name, content in files.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_bytes(content)
    (docs / "link.md").symlink_to(root)
    os.mkfifo(docs / "pipe.md")
    return [str(p) for p in docs_problems(docs, "docs")]


def stop_messages(root: Path) -> list[str]:
    """The ways a build stops as a whole: bad files, strict warnings, the output guard, make build."""
    bad_file = build_site(root / "files", minimal_site(**{"docs/notes.txt": "x"}))
    warned = build_site(
        root / "warned", minimal_site(), config={"nav": ["index.md", "hub/index.md", "glossary.md"]}
    )
    finding = output_scan.scan_file(
        "hub/index.html", b"<p onclick='x'>x</p>", site_url=None, theme_scripts=[]
    )[0]
    errors = io.StringIO()
    with contextlib.redirect_stderr(errors), contextlib.chdir(root):
        original, build.build_strictly = build.build_strictly, _raise
        try:
            build.main(["--config-file", "files/mkdocs.yml", "--site-dir", "site"])
        finally:
            build.build_strictly = original
    return [bad_file.errors[-1], warned.errors[-1], finding.stop_message, *errors.getvalue().splitlines()]


def _raise(*_args):
    raise RuntimeError("a bug")


def rule_messages(root: Path) -> list[str]:
    """Rules whose messages need more than one site: the shared definition, moves, hooks' own links."""
    root.mkdir(parents=True)
    _, missing_ai = glossary.load(root)
    site = Site()
    moves = [redirects.Move("hub/gone.md", "", "Gone")]
    index = LinkIndex([SiteFile("index.md", "", True)])
    generated = Link("index.md", "https://cdn.example.org/x.png", "html", "src", generated=True)
    from filmhub.front_matter import FrontMatter
    from filmhub.site import SitePage

    site.add(
        SitePage("hub/new.md", "docs/hub/new.md", "hub/new/", front=FrontMatter(values={"title": "New"}))
    )
    moves.append(redirects.Move("hub/old.md", "hub/new.md", "Old"))
    (root / "words").mkdir()
    (root / "words/ai.yml").write_text(GLOSSARY_AI, encoding="utf-8")
    (root / "words/output.yml").write_text(
        "term: output\nshort: What a model makes.\ndefinition: What a model makes.\nnot_after: [can do]\n",
        encoding="utf-8",
    )
    try:
        generator.selected({"HUB_GENERATOR": "zensical"})
    except generator.UnknownGenerator as unknown:
        unknown_generator = str(unknown)
    return [
        *(str(p) for p in missing_ai),
        *(str(p) for p in glossary.load(root / "words")[1]),
        str(bounds.unclosed_problem(Body("[" * 60), "docs/hub/a.md")),
        search.stop_message(search.index_site(root / "no-such-site") or "Pagefind could not index the site"),
        site_invariants.report(["site/feed.xml: the feed is missing"], "site/"),
        unknown_generator,
        *(str(p) for p in redirects.move_problems(moves, redirects.RedirectMap(), site)),
        *(str(p) for p in check_links([generated], index).problems),
    ]


class _Server(BaseHTTPRequestHandler):
    stopping = threading.Event()  # /slow answers only when the server stops

    def log_message(self, *args):
        pass

    def do_HEAD(self):
        if self.path.startswith("/hop/"):
            self.send_response(302)
            self.send_header("Location", f"/hop/{int(self.path.rsplit('/', 1)[1]) + 1}")
        elif self.path == "/slow":
            _Server.stopping.wait()
            self.send_response(200)
        else:
            routes = {"/ok": (200, ""), "/moved": (301, "/ok"), "/a": (302, "/b"), "/b": (302, "/a")}
            status, location = routes.get(self.path, (404, ""))
            self.send_response(status)
            if location:
                self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD


def tool_messages(root: Path) -> list[str]:
    found = []
    docs = root / "docs"
    (docs / "ethics").mkdir(parents=True)
    (docs / "ethics/index.md").write_text("---\ntitle: Ethics\n---\n", encoding="utf-8")
    tries = [("nowhere", "X"), ("", "X"), ("ethics", "日本語"), ("ethics", "Ethics"), ("ethics", "Consent")]
    for hub, title in [*tries, ("ethics", "Consent!")]:
        try:
            scaffold.scaffold(docs, hub, title, datetime.date(2026, 11, 24))
        except scaffold.ScaffoldError as error:
            found.append(str(error))
    found += _freshness(root / "repo")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        found.append(serve.address_problem("127.0.0.1", taken.getsockname()[1]))
    found.append(serve.address_problem("192.0.2.1", 8000))
    found.append(serve._why(OSError(errno.EACCES, "Permission denied"), "127.0.0.1", 80))
    found.append(serve._why(OSError(errno.ENOBUFS, "No buffer space available"), "127.0.0.1", 8000))
    errors = io.StringIO()
    with contextlib.redirect_stderr(errors):
        serve.main(["--port", "eighty"])
    found += errors.getvalue().splitlines()
    return found + _link_check_messages()


def _freshness(repo: Path) -> list[str]:
    def git(*args):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)

    (repo / "docs").mkdir(parents=True)
    page = "---\ntitle: A\nupdated: 2026-01-13\n---\n\n{}\n"
    (repo / "docs/a.md").write_text(page.format("Old text."), encoding="utf-8")
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("-c", "user.email=t@example.org", "-c", "user.name=T", "commit", "-q", "-m", "a page")
    (repo / "docs/a.md").write_text(page.format("New text."), encoding="utf-8")
    return [str(p) for p in freshness.stale_articles(repo, "HEAD", datetime.date(2026, 11, 24))]


def _link_check_messages() -> list[str]:
    # Patient with the routes that answer (a loaded CI machine can be slow to), and
    # impatient only with /slow, which never does.
    patient = external_links.Settings(timeout=10, retries=0, backoff=0.01)
    impatient = dataclasses.replace(patient, timeout=0.2)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Server)
    _Server.stopping.clear()
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    def place(url: str, line: int = 1) -> external_links.Occurrence:
        return external_links.Occurrence(url, "docs/a.md", line, 1)

    try:
        answering = [place(base + path) for path in ["/ok", "/moved", "/missing", "/a", "/hop/0"]]
        problems, _ = external_links.run([*answering, place("http://127.0.0.1:9/", 2)], patient, None)
        silent, _ = external_links.run([place(base + "/slow")], impatient, None)
    finally:
        _Server.stopping.set()
        server.shutdown()
        server.server_close()
    problems += silent
    offline = {"http://127.0.0.1:9/": external_links.check_url("http://127.0.0.1:9/", patient)}
    return [str(p) for p in problems] + [external_links.offline_message(offline)]
