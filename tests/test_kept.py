"""Check results kept between builds (filmhub.kept): found again only while
nothing they depend on changed, kept outside the project, and a damaged file
is ignored, never trusted and never a crash."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from filmhub import html_policy, kept
from filmhub.content_rules import ContentRules
from filmhub.kept import KeptResults
from filmhub.output_scan import Finding
from filmhub.preview_cache import fingerprint
from filmhub.problems import WARNING, Problem
from sitebuilder import REPO, article, build_site, minimal_site

PROBLEM = Problem("docs/a.md", 3, "this sentence defines 'AI' in its own words", col=5, kind="definition")


def results(path: Path, context: str = "context") -> KeptResults:
    store = KeptResults(path, lambda: (context,))
    store.read_page("a.md", b"page text", (), lambda: None)
    return store


def refuse() -> list:
    raise AssertionError("computed again, although the result was kept")


def test_a_kept_result_is_found_by_the_next_build_without_computing_it(tmp_path):
    first = results(tmp_path / "kept.json")
    assert first.page_check("definitions", "a.md", ("glossary",), lambda: [PROBLEM]) == [PROBLEM]
    assert first.page_check("terms", "a.md", ("glossary",), lambda: {"ai", "drift"}) == {"ai", "drift"}
    assert first.scan(("a/index.html", "digest"), lambda: [Finding("a/index.html", "an event handler")]) == [
        Finding("a/index.html", "an event handler")
    ]
    first.save()

    second = results(tmp_path / "kept.json")
    assert second.page_check("definitions", "a.md", ("glossary",), refuse) == [PROBLEM]
    assert second.page_check("terms", "a.md", ("glossary",), refuse) == {"ai", "drift"}
    assert second.scan(("a/index.html", "digest"), refuse) == [Finding("a/index.html", "an event handler")]


def test_a_change_to_the_page_what_the_check_is_given_or_the_context_computes_again(tmp_path):
    first = results(tmp_path / "kept.json")
    first.page_check("definitions", "a.md", ("glossary",), lambda: [PROBLEM])
    first.save()

    edited = KeptResults(tmp_path / "kept.json", lambda: ("context",))
    edited.read_page("a.md", b"page text, edited", (), lambda: None)
    assert edited.page_check("definitions", "a.md", ("glossary",), list) == []
    assert results(tmp_path / "kept.json").page_check("definitions", "a.md", ("new glossary",), list) == []
    assert (
        results(tmp_path / "kept.json", "new code").page_check("definitions", "a.md", ("glossary",), list)
        == []
    )


def test_only_what_a_build_used_is_kept(tmp_path):
    first = results(tmp_path / "kept.json")
    first.page_check("definitions", "a.md", ("old glossary",), lambda: [PROBLEM])
    first.save()
    second = results(tmp_path / "kept.json")
    second.page_check("definitions", "a.md", ("new glossary",), list)
    second.save()
    assert len(json.loads((tmp_path / "kept.json").read_text())["entries"]) == 1


def test_checks_whose_results_are_not_plain_data_run_every_time(tmp_path):
    store = results(tmp_path / "kept.json")
    assert store.page_check("read next", "a.md", (), lambda: ["entry"]) == ["entry"]
    assert store.page_check("read next", "a.md", (), lambda: ["again"]) == ["again"]
    assert store.page_check("definitions", "not-read.md", (), lambda: [PROBLEM]) == [PROBLEM]
    store.save()
    assert not (tmp_path / "kept.json").exists()  # nothing worth keeping


@pytest.mark.parametrize(
    "damage",
    [
        "not json",
        '{"format": 1, "entries": []}',
        '{"format": 999, "entries": {}}',
        "[1, 2]",
        "\udcff",
        "[" * 100_000,
    ],
)
def test_a_damaged_file_is_ignored_whole(tmp_path, damage):
    (tmp_path / "kept.json").write_text(damage, encoding="utf-8", errors="surrogateescape")
    assert results(tmp_path / "kept.json").page_check("definitions", "a.md", (), lambda: [PROBLEM]) == [
        PROBLEM
    ]


@pytest.mark.parametrize(
    "entry",
    [
        [{**vars(PROBLEM), "line": "3"}],
        [{**vars(PROBLEM), "line": True}],
        [{**vars(PROBLEM), "col": "5"}],
        [{**vars(PROBLEM), "extra": 1}],
        [{key: value for key, value in vars(PROBLEM).items() if key != "message"}],
        ["docs/a.md:3: a problem as text"],
        [None],
    ],
)
def test_a_kept_problem_that_is_not_exactly_a_problem_is_computed_again(tmp_path, entry):
    store = results(tmp_path / "kept.json")
    store.page_check("definitions", "a.md", (), lambda: [PROBLEM])
    name = next(iter(store._used))
    (tmp_path / "kept.json").write_text(json.dumps({"format": kept.FORMAT, "entries": {name: entry}}))
    fresh = Problem("docs/a.md", 1, "found now", severity=WARNING)
    assert results(tmp_path / "kept.json").page_check("definitions", "a.md", (), lambda: [fresh]) == [fresh]


@pytest.mark.parametrize("entry", [[["a.html"]], [["a.html", 1]], [["a.html", "x", "y"]], ["a.html: x"]])
def test_a_kept_finding_that_is_not_exactly_a_finding_is_scanned_again(tmp_path, entry):
    store = results(tmp_path / "kept.json")
    store.scan("key", list)
    name = next(iter(store._used))
    (tmp_path / "kept.json").write_text(json.dumps({"format": kept.FORMAT, "entries": {name: entry}}))
    found = [Finding("a.html", "an event handler 'onclick' on <a>")]
    assert results(tmp_path / "kept.json").scan("key", lambda: found) == found


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"HUB_CACHE_DIR": "off"}, None),
        ({"HUB_CACHE_DIR": " OFF "}, None),
        ({"HUB_CACHE_DIR": "/tmp/kept", "XDG_CACHE_HOME": "/xdg"}, Path("/tmp/kept")),
        ({"XDG_CACHE_HOME": "/xdg"}, Path("/xdg/filmhub")),
        ({"HUB_CACHE_DIR": "", "XDG_CACHE_HOME": ""}, Path.home() / ".cache" / "filmhub"),
    ],
)
def test_results_are_kept_outside_the_project_unless_turned_off(environ, expected):
    assert kept.folder(environ) == expected


def test_the_code_version_changes_with_any_hook_module(tmp_path, monkeypatch):
    (tmp_path / "filmhub").mkdir()
    (tmp_path / "filmhub" / "rules.py").write_text("LIMIT = 1\n")
    monkeypatch.setattr(kept, "_HOOKS", tmp_path)
    before = kept.code_version()
    assert kept.code_version() == before
    (tmp_path / "filmhub" / "rules.py").write_text("LIMIT = 2\n")
    assert kept.code_version() != before


def test_fingerprints_of_sets_are_the_same_in_every_process():
    code = "from filmhub.content_rules import ContentRules; from filmhub.preview_cache import fingerprint; print(fingerprint(ContentRules()))"
    printed = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(REPO / "hooks"), "PYTHONHASHSEED": seed},
        ).stdout.strip()
        for seed in ("1", "2", "3")
    }
    assert printed == {fingerprint(ContentRules())}
    assert fingerprint(frozenset({"a", "b", "c"})) == fingerprint(frozenset({"c", "b", "a"}))
    assert fingerprint({"a"}) != fingerprint(["a"])


def test_a_second_build_reports_the_same_problems_from_kept_results(tmp_path, monkeypatch):
    monkeypatch.setenv("HUB_CACHE_DIR", str(tmp_path / "kept"))
    copied = "Back to [the hub](index.md).\n\nAI is software that learns patterns from examples of data."
    files = minimal_site(**{"docs/hub/article.md": article("Article", copied, read_next=["hub/index.md"])})
    first = build_site(tmp_path / "one", files)
    (kept_file,) = (tmp_path / "kept").iterdir()
    entries = json.loads(kept_file.read_text())["entries"]

    second = build_site(tmp_path / "one", files)
    assert not first.ok and not second.ok
    assert second.problems == first.problems
    assert any("defines 'AI' in its own words" in message for message in first.problems)
    assert json.loads(kept_file.read_text())["entries"] == entries


def test_the_allow_lists_verdict_on_an_unchanged_page_is_kept_and_reported_again(tmp_path, monkeypatch):
    monkeypatch.setenv("HUB_CACHE_DIR", str(tmp_path / "kept"))
    checked = []  # every HTML text the allow-list reads
    check = html_policy.check
    monkeypatch.setattr(html_policy, "check", lambda text: checked.append(text) or check(text))
    hostile = "Back to [the hub](index.md).\n\n<script>alert(1)</script>\n"
    files = minimal_site(**{"docs/hub/article.md": article("Article", hostile, read_next=["hub/index.md"])})
    first = build_site(tmp_path / "one", files)
    assert any("<script>alert(1)</script>" in text for text in checked)
    checked.clear()
    second = build_site(tmp_path / "one", files)
    assert (
        first.problems
        == second.problems
        == [
            "docs/hub/article.md:13:1: <script> is not allowed in a page — a page can't run code — "
            "describe what it should show, or ask the maintainers"
        ]
    )
    assert not any("<script>alert(1)</script>" in text for text in checked), "the page was not checked again"


def test_a_clean_build_keeps_the_output_guards_scans(tmp_path, monkeypatch):
    monkeypatch.setenv("HUB_CACHE_DIR", str(tmp_path / "kept"))
    first = build_site(tmp_path / "one", minimal_site())
    (kept_file,) = (tmp_path / "kept").iterdir()
    scans = len(json.loads(kept_file.read_text())["entries"])
    second = build_site(tmp_path / "one", minimal_site())
    assert first.ok and second.ok
    assert [path.read_bytes() for path in second.written_pages()] == [
        path.read_bytes() for path in first.written_pages()
    ]
    assert scans == len(json.loads(kept_file.read_text())["entries"]) >= len(first.written_pages())


def test_a_build_today_does_not_use_results_kept_on_another_day(tmp_path, monkeypatch):
    monkeypatch.setenv("HUB_CACHE_DIR", str(tmp_path / "kept"))
    context = kept.for_project(tmp_path, tmp_path / "docs", None, datetime.date(2026, 12, 1))
    later = kept.for_project(tmp_path, tmp_path / "docs", None, datetime.date(2026, 12, 2))
    assert context is not None and later is not None
    assert context.path == later.path
    assert context.context != later.context


def test_a_results_file_that_cannot_be_written_leaves_nothing_behind(tmp_path):
    (tmp_path / "kept.json").mkdir()  # where the file would go, a folder: replacing it fails
    store = results(tmp_path / "kept.json")
    store.page_check("definitions", "a.md", (), lambda: [PROBLEM])
    store.save()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["kept.json"]
    assert (tmp_path / "kept.json").is_dir()
