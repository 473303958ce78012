"""Checking external links, outside the build: `make linkcheck-external`.

Builds must work offline and stay fast, so they never fetch external URLs.
This command does, once per URL however often it is linked: a few at a time
per host, HEAD first and GET when a server refuses HEAD, with timeouts,
retries with backoff, and redirects followed one by one so loops are caught
and moved pages reported. Fresh good results are kept in a file outside the
project (default_cache), so a re-run only asks again about what is stale or
was failing.

Problems are printed like the build's: `docs/PATH.md:LINE:COL: broken link
'URL': WHY`. The exit status is 1 when a link is broken. When no server
answers at all, the machine is offline: it says so, reports no link as
broken, and exits with 2.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from filmhub import kept
from filmhub.problems import ERROR, WARNING, Problem, sorted_problems, summary

USER_AGENT = "ai-filmmaking-hub-linkcheck/1"
MAX_REDIRECTS = 10
RETRY_STATUSES = {429, 500, 502, 503, 504}
# Some servers answer HEAD wrongly; GET decides before a link is called broken.
HEAD_REFUSED = {400, 403, 404, 405, 410, 501}


@dataclass(frozen=True)
class Occurrence:
    url: str
    path: str
    line: int
    col: int | None


@dataclass
class Result:
    url: str
    ok: bool
    status: int | None = None
    why: str = ""
    final_url: str = ""  # set when the URL redirects
    checked: str = ""  # ISO time of the check


@dataclass
class Settings:
    timeout: float = 10.0
    retries: int = 2
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    per_host: int = 2
    workers: int = 16
    max_age: datetime.timedelta = datetime.timedelta(days=7)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # surfaces the 3xx as an HTTPError, so each hop is seen


_OPENER = urllib.request.build_opener(_NoRedirects)


def _request(url: str, method: str, timeout: float) -> tuple[int, str]:
    """(status, Location header) for one request, without following redirects."""
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            if method == "GET":
                response.read(1024)
            return response.status, ""
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers.get("Location", "")


def _fetch(url: str, settings: Settings) -> tuple[int, str]:
    """HEAD, or GET when the server refuses HEAD; retried on timeouts and 5xx."""
    delay = settings.backoff
    for attempt in range(settings.retries + 1):
        try:
            status, location = _request(url, "HEAD", settings.timeout)
            if status in HEAD_REFUSED:
                status, location = _request(url, "GET", settings.timeout)
            if status not in RETRY_STATUSES or attempt == settings.retries:
                return status, location
        except (TimeoutError, urllib.error.URLError, ConnectionError, OSError):
            if attempt == settings.retries:
                raise
        time.sleep(delay)
        delay *= 2
    raise AssertionError("unreachable")


def check_url(url: str, settings: Settings) -> Result:
    """Follow one URL to its end and say whether it works."""
    now = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    seen, current = [url], url
    for _ in range(MAX_REDIRECTS + 1):
        try:
            status, location = _fetch(current, settings)
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, TimeoutError):
                return Result(url, False, None, f"no answer within {settings.timeout:g} seconds", checked=now)
            return Result(url, False, None, f"could not connect ({reason})", checked=now)
        if 300 <= status < 400 and location:
            current = urljoin(current, location)
            if current in seen:
                return Result(
                    url, False, status, "redirect loop: " + " → ".join([*seen, current]), checked=now
                )
            seen.append(current)
            continue
        if status >= 400:
            return Result(url, False, status, f"the server answered {status}", checked=now)
        final = current if current != url else ""
        return Result(url, True, status, final_url=final, checked=now)
    return Result(url, False, None, f"more than {MAX_REDIRECTS} redirects", checked=now)


def check_urls(urls: list[str], settings: Settings) -> dict[str, Result]:
    """Check each URL once, a few at a time per host."""
    limits: dict[str, threading.Semaphore] = defaultdict(lambda: threading.Semaphore(settings.per_host))
    lock = threading.Lock()

    def one(url: str) -> Result:
        with lock:
            limit = limits[urlsplit(url).netloc.lower()]
        with limit:
            return check_url(url, settings)

    with ThreadPoolExecutor(max_workers=settings.workers) as pool:
        return dict(zip(urls, pool.map(one, urls), strict=True))


def default_cache() -> Path | None:
    """Where results are kept between runs: beside the build's kept results,
    outside the project, since a pull request can add any file to the project
    and a results file from a stranger could call a dead link good. None when
    HUB_CACHE_DIR=off. URLs answer the same whichever project links them, so
    every project on the machine shares the one file."""
    where = kept.folder()
    return None if where is None else where / "external-links.json"


def load_cache(path: Path) -> dict[str, Result]:
    """The kept results; an entry that is not exactly a result, or a file that
    is not JSON of that shape, is ignored, and those URLs are checked again."""
    data = kept.read_json(path)
    if not isinstance(data, dict):
        return {}
    return {url: result for url, entry in data.items() if (result := _result(url, entry))}


def _result(url: str, entry: object) -> Result | None:
    if not isinstance(entry, dict) or set(entry) != _FIELDS or entry["url"] != url:
        return None
    status = entry["status"]
    if not (
        isinstance(entry["ok"], bool)
        and (status is None or (type(status) is int and 100 <= status <= 599))
        and all(isinstance(entry[name], str) for name in ("why", "final_url", "checked"))
        and _checked_time(entry["checked"])
    ):
        return None
    return Result(**entry)


_FIELDS = {field.name for field in fields(Result)}


def _checked_time(text: str) -> datetime.datetime | None:
    """When a result was found, or None unless it is an ISO time with a zone."""
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def save_cache(path: Path, results: dict[str, Result]) -> None:
    """Write the results at once; a file that cannot be written only costs the
    next run the checks."""
    kept.write_json(path, {url: asdict(result) for url, result in sorted(results.items())})


def _fresh(result: Result, settings: Settings, now: datetime.datetime) -> bool:
    """A good result checked within max_age; one dated in the future is not
    (it would otherwise spare its URL every check until then)."""
    checked = _checked_time(result.checked)
    if not result.ok or checked is None:
        return False
    return datetime.timedelta(0) <= now - checked < settings.max_age


def run(
    occurrences: list[Occurrence], settings: Settings, cache_path: Path | None
) -> tuple[list[Problem], dict[str, Result]]:
    """Check every linked URL once (skipping fresh cached ones) and report each place it is linked."""
    cache = load_cache(cache_path) if cache_path else {}
    now = datetime.datetime.now(datetime.UTC)
    urls = sorted({o.url for o in occurrences})
    stale = [url for url in urls if url not in cache or not _fresh(cache[url], settings, now)]
    cache.update(check_urls(stale, settings))
    if cache_path:
        save_cache(cache_path, cache)
    problems = []
    for occurrence in occurrences:
        result = cache[occurrence.url]
        if not result.ok:
            message, severity = f"broken link '{occurrence.url}': {result.why}", ERROR
        elif result.final_url:
            message = f"redirected link '{occurrence.url}': it now ends at '{result.final_url}' — link there directly"
            severity = WARNING
        else:
            continue
        problems.append(
            Problem(
                occurrence.path,
                occurrence.line,
                message,
                col=occurrence.col,
                severity=severity,
                kind="external-link",
            )
        )
    return problems, {url: cache[url] for url in urls}


def offline(results: dict[str, Result]) -> bool:
    """True when no server answered at all: every URL failed before any HTTP
    status came back (no DNS, no route), which is this machine, not the links."""
    return bool(results) and all(not r.ok and r.status is None for r in results.values())


def offline_message(results: dict[str, Result]) -> str:
    first = next(iter(sorted(results.values(), key=lambda r: r.url)))
    return (
        f"No network: none of the {len(results)} external URLs got an answer from its server "
        f"(the first: {first.why}) — connect to the internet and run make linkcheck-external again; "
        "no link is reported as broken"
    )


def occurrences_from_build(config_file: Path) -> list[Occurrence]:
    """Build the site once (into a temporary folder) and list its external links."""
    from mkdocs.commands.build import build  # only this command needs MkDocs
    from mkdocs.config import load_config

    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        os.environ["HUB_REPORT_JSON"] = str(report)
        try:
            build(load_config(str(config_file), site_dir=str(Path(folder) / "site")))
        finally:
            del os.environ["HUB_REPORT_JSON"]
        data = json.loads(report.read_text(encoding="utf-8"))
    return [Occurrence(**entry) for entry in data["external_links"]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make linkcheck-external", description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument(
        "--cache",
        type=Path,
        default=default_cache(),
        help="where good results are kept between runs (default: beside the build's kept results)",
    )
    parser.add_argument("--max-age-days", type=float, default=7)
    parser.add_argument("--timeout", type=float, default=10)
    parser.add_argument("--retries", type=int, default=2)
    parser.add_argument("--per-host", type=int, default=2)
    args = parser.parse_args(argv)
    settings = Settings(
        timeout=args.timeout,
        retries=args.retries,
        per_host=args.per_host,
        max_age=datetime.timedelta(days=args.max_age_days),
    )
    from mkdocs.exceptions import MkDocsException

    try:
        occurrences = occurrences_from_build(args.config)
    except MkDocsException as error:  # the build has logged what is wrong
        print(f"The site does not build, so its links can't be listed: {error}", file=sys.stderr)
        return 1
    problems, results = run(occurrences, settings, args.cache)
    if offline(results):
        print(offline_message(results), file=sys.stderr)
        return 2
    for problem in sorted_problems(problems):
        print(problem)
    print(f"{len(results)} external URLs checked ({len(occurrences)} links): {summary(problems)}")
    return 1 if any(p.severity == ERROR for p in problems) else 0


if __name__ == "__main__":
    sys.exit(main())
