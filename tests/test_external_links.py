"""`make linkcheck-external`, against a local HTTP server on 127.0.0.1."""

from __future__ import annotations

import dataclasses
import datetime
import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from errortable import documented

from filmhub import external_links
from filmhub.external_links import Occurrence, Settings, check_url, load_cache, run
from sitebuilder import article, minimal_site


class _Handler(BaseHTTPRequestHandler):
    hits: ClassVar[Counter] = Counter()  # requests seen, by (method, path)
    # /slow answers only when the server stops: later than any client waits.
    stopping: ClassVar[threading.Event] = threading.Event()

    def log_message(self, *args):  # keep test output clean
        pass

    def _answer(self, method: str) -> None:
        _Handler.hits[(method, self.path)] += 1
        routes = {
            "/ok": (200, None),
            "/moved": (301, "/ok"),
            "/missing": (404, None),
            "/error": (500, None),
            "/loop-a": (302, "/loop-b"),
            "/loop-b": (302, "/loop-a"),
        }
        if self.path == "/slow":
            _Handler.stopping.wait()
            status, location = 200, None
        elif self.path == "/no-head":
            status, location = (405, None) if method == "HEAD" else (200, None)
        elif self.path == "/flaky":
            status, location = (503, None) if _Handler.hits[(method, "/flaky")] == 1 else (200, None)
        else:
            status, location = routes.get(self.path, (404, None))
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if method == "GET":
            self.wfile.write(b"ok")

    def do_HEAD(self):
        self._answer("HEAD")

    def do_GET(self):
        self._answer("GET")


@pytest.fixture(scope="module")
def listening():
    _Handler.stopping.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    _Handler.stopping.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def server(listening):
    """The local server's address, with no request counted yet."""
    _Handler.hits = Counter()
    return listening


# A loaded CI machine can take longer than a fraction of a second to answer a local
# request, so only the test that wants a timeout waits that little.
PATIENT = Settings(timeout=10, retries=1, backoff=0.01, per_host=2, workers=4)
IMPATIENT = dataclasses.replace(PATIENT, timeout=0.3)


@pytest.mark.parametrize(
    ("path", "ok", "status", "why", "final"),
    [
        ("/ok", True, 200, "", ""),
        ("/moved", True, 200, "", "/ok"),
        ("/missing", False, 404, "the server answered 404", ""),
        ("/error", False, 500, "the server answered 500", ""),
        ("/no-head", True, 200, "", ""),
        ("/flaky", True, 200, "", ""),
    ],
)
def test_each_kind_of_answer(server, path, ok, status, why, final):
    result = check_url(server + path, PATIENT)
    assert (result.ok, result.status, result.why) == (ok, status, why)
    assert result.final_url == (server + final if final else "")
    if why:
        assert documented(f"broken link '{server + path}': {why}")


def test_a_slow_server_times_out_after_the_retries(server):
    result = check_url(server + "/slow", IMPATIENT)
    assert (result.ok, result.why) == (False, "no answer within 0.3 seconds")
    assert documented(f"broken link '{server}/slow': {result.why}")
    assert _Handler.hits[("HEAD", "/slow")] == 2  # the first try and one retry


def test_a_redirect_loop_is_caught(server):
    result = check_url(server + "/loop-a", PATIENT)
    assert not result.ok
    assert result.why == f"redirect loop: {server}/loop-a → {server}/loop-b → {server}/loop-a"
    assert documented(f"broken link '{server}/loop-a': {result.why}")


def test_a_server_error_is_retried_with_backoff(server):
    check_url(server + "/error", PATIENT)
    assert _Handler.hits[("HEAD", "/error")] == 2


def test_run_reports_each_place_once_per_url_and_uses_the_cache(server, tmp_path):
    cache = tmp_path / "cache.json"
    occurrences = [
        Occurrence(server + "/ok", "docs/a.md", 3, 5),
        Occurrence(server + "/ok", "docs/b.md", 7, 1),
        Occurrence(server + "/moved", "docs/a.md", 9, 2),
        Occurrence(server + "/missing", "docs/b.md", 2, 10),
    ]
    problems, results = run(occurrences, PATIENT, cache)
    assert [str(p) for p in sorted(problems, key=lambda p: (p.path, p.line))] == [
        f"docs/a.md:9:2: redirected link '{server}/moved': it now ends at '{server}/ok' — link there directly",
        f"docs/b.md:2:10: broken link '{server}/missing': the server answered 404",
    ]
    assert len(results) == 3
    assert all(documented(str(p)) for p in problems)
    assert _Handler.hits[("HEAD", "/ok")] == 2  # once for /ok, once at the end of /moved

    _Handler.hits.clear()
    again, _ = run(occurrences, PATIENT, cache)
    assert [str(p) for p in again] == [str(p) for p in problems]
    assert ("HEAD", "/ok") not in _Handler.hits, "fresh good results come from the cache"
    assert _Handler.hits[("HEAD", "/missing")] == 1, "broken links are asked about again"


def test_an_unreachable_host_is_reported():
    result = check_url("http://127.0.0.1:9/", PATIENT)  # the discard port: nothing listens
    assert not result.ok and result.why.startswith("could not connect (")
    assert documented(f"broken link 'http://127.0.0.1:9/': {result.why}")


def test_stale_cache_entries_are_checked_again(server, tmp_path):
    cache = tmp_path / "cache.json"
    run([Occurrence(server + "/ok", "docs/a.md", 1, 1)], PATIENT, cache)
    data = json.loads(cache.read_text())
    old = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=30)
    data[server + "/ok"]["checked"] = old.isoformat(timespec="seconds")
    cache.write_text(json.dumps(data))
    _Handler.hits.clear()
    run([Occurrence(server + "/ok", "docs/a.md", 1, 1)], PATIENT, cache)
    assert _Handler.hits[("HEAD", "/ok")] == 1


def _good(url: str, **changes) -> dict:
    checked = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    return {"url": url, "ok": True, "status": 200, "why": "", "final_url": "", "checked": checked} | changes


def test_a_fresh_good_entry_is_read_back(tmp_path):
    cache = tmp_path / "cache.json"
    cache.write_text(json.dumps({"https://example.org/": _good("https://example.org/")}))
    assert load_cache(cache)["https://example.org/"].ok is True


@pytest.mark.parametrize(
    "text",
    [
        "[]",
        "not JSON",
        "[" * 100_000,
        '"a string"',
        json.dumps({"https://example.org/": ["https://example.org/", True]}),
        json.dumps({"https://example.org/": _good("https://example.org/", ok="yes")}),
        json.dumps({"https://example.org/": _good("https://example.org/", status="200")}),
        json.dumps({"https://example.org/": _good("https://example.org/", status=True)}),
        json.dumps({"https://example.org/": _good("https://example.org/", checked="soon")}),
        json.dumps({"https://example.org/": _good("https://example.org/", checked="2026-11-30T10:00:00")}),
        json.dumps({"https://example.org/": _good("https://example.org/", extra=1)}),
        json.dumps({"https://example.org/": _good("https://other.example/")}),
        json.dumps({"https://example.org/": {"url": "https://example.org/", "ok": True}}),
    ],
    ids=[
        "a list",
        "not JSON",
        "deeply nested",
        "a string",
        "an entry that is a list",
        "ok not a boolean",
        "status a string",
        "status a boolean",
        "checked not a time",
        "checked with no zone",
        "an extra field",
        "the entry of another URL",
        "fields missing",
    ],
)
def test_a_results_file_not_of_the_expected_shape_is_ignored_not_a_crash(tmp_path, text):
    cache = tmp_path / "cache.json"
    cache.write_text(text)
    assert load_cache(cache) == {}


def test_a_good_result_dated_in_the_future_is_checked_again(server, tmp_path):
    # Otherwise a planted results file could spare a dead link every check for years.
    cache = tmp_path / "cache.json"
    cache.write_text(
        json.dumps({server + "/missing": _good(server + "/missing", checked="2999-01-01T00:00:00+00:00")})
    )
    problems, _ = run([Occurrence(server + "/missing", "docs/a.md", 1, 1)], PATIENT, cache)
    assert [p.message for p in problems] == [f"broken link '{server}/missing': the server answered 404"]


def test_results_are_kept_outside_the_project_and_not_at_all_when_off(monkeypatch, tmp_path):
    monkeypatch.setenv("HUB_CACHE_DIR", str(tmp_path / "kept"))
    assert external_links.default_cache() == tmp_path / "kept/external-links.json"
    monkeypatch.setenv("HUB_CACHE_DIR", "off")
    assert external_links.default_cache() is None


def test_a_results_file_that_cannot_be_written_leaves_nothing_behind(server, tmp_path):
    folder = tmp_path / "kept"
    folder.mkdir()
    (folder / "cache.json").mkdir()  # a folder where the file should go: replacing it fails
    problems, _ = run([Occurrence(server + "/ok", "docs/a.md", 1, 1)], PATIENT, folder / "cache.json")
    assert problems == []
    assert [path.name for path in folder.iterdir()] == ["cache.json"]


def test_the_command_builds_the_site_and_checks_its_links(server, tmp_path, site, capsys, monkeypatch):
    files = minimal_site(
        **{
            "docs/hub/article.md": article(
                "Article", f"[good]({server}/ok) and [gone]({server}/missing).", read_next=["index.md"]
            )
        }
    )
    built = site(files)
    assert built.ok, built.messages()
    monkeypatch.setattr(external_links, "Settings", lambda **kw: PATIENT)
    monkeypatch.setenv("HUB_CACHE_DIR", str(tmp_path / "kept"))
    monkeypatch.chdir(tmp_path)
    status = external_links.main(["--config", str(tmp_path / "mkdocs.yml")])
    out = capsys.readouterr().out.splitlines()
    assert status == 1
    assert out == [
        f"docs/hub/article.md:11:{24 + len(server)}: broken link '{server}/missing': the server answered 404",
        "2 external URLs checked (2 links): 1 error",
    ]
    # The results are kept outside the project, never in it.
    assert sorted(json.loads((tmp_path / "kept/external-links.json").read_text())) == [
        server + "/missing",
        server + "/ok",
    ]
    assert not (tmp_path / ".cache").exists()


def test_offline_it_says_so_and_reports_no_link_as_broken(tmp_path, site, capsys, monkeypatch):
    # Nothing listens on the discard port: every URL fails before any server answers, as offline.
    files = minimal_site(
        **{
            "docs/hub/article.md": article(
                "Article", "[a](http://127.0.0.1:9/a) and [b](http://127.0.0.1:9/b).", read_next=["index.md"]
            )
        }
    )
    assert site(files).ok
    monkeypatch.setattr(external_links, "Settings", lambda **kw: PATIENT)
    status = external_links.main(
        ["--config", str(tmp_path / "mkdocs.yml"), "--cache", str(tmp_path / "c.json")]
    )
    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == ""
    [message] = captured.err.splitlines()
    assert message.startswith(
        "No network: none of the 2 external URLs got an answer from its server (the first: could not connect ("
    )
    assert message.endswith(
        ") — connect to the internet and run make linkcheck-external again; no link is reported as broken"
    )
    assert documented(message)


def test_one_server_answering_means_the_network_is_up(server):
    results = {
        server + "/ok": check_url(server + "/ok", PATIENT),
        "http://127.0.0.1:9/": check_url("http://127.0.0.1:9/", PATIENT),
    }
    assert not external_links.offline(results)
    assert external_links.offline({"http://127.0.0.1:9/": results["http://127.0.0.1:9/"]})
    assert not external_links.offline({})
