"""The preview (`make serve`): dirty rebuilds with the preview cache, as right as a full build.

Pure functions for the cache (bounded, keyed by content, pruned) and for
what a rebuild renders again and names as lagging; the loader with and
without the cache; and one sequence of real serve-like rebuilds of a
throwaway site, in this process, compared with a full build.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs.config import load_config

from filmhub import pages, preview
from filmhub.hub_nav import HubOrder
from filmhub.preview_cache import Bounded, PreviewCache, RenderedPage, digest, fingerprint
from filmhub.site import ReadNextEntry, Site, SitePage
from sitebuilder import GLOSSARY_AI, BuildResult, article, build_config, page, write_site

TODAY = datetime.date(2026, 11, 24)
SERVE_URL = "http://127.0.0.1:8000/"


# --- The cache --------------------------------------------------------------------------


def test_a_bounded_table_forgets_the_least_recently_used():
    table: Bounded[str, int] = Bounded(2)
    table["a"], table["b"] = 1, 2
    assert table.get("a") == 1  # now "b" is the least recently used
    table["c"] = 3
    assert (list(table), len(table)) == (["a", "c"], 2)


def test_remember_computes_once_per_key():
    table: Bounded[str, list] = Bounded(10)
    calls = []
    first = table.remember("k", lambda: calls.append(1) or ["value"])
    again = table.remember("k", lambda: calls.append(1) or ["other"])
    assert (first, again is first, calls) == (["value"], True, [1])


def test_prune_forgets_what_is_refused_and_returns_it():
    table: Bounded[str, int] = Bounded(10)
    table["keep"], table["drop"] = 1, 2
    assert table.prune(lambda key: key == "keep") == [2]
    assert ("keep" in table, "drop" in table) == (True, False)


def test_a_page_is_read_again_only_when_its_bytes_or_the_day_change():
    cache, reads = PreviewCache(), []

    def read(result):
        return lambda: reads.append(result) or result

    assert cache.read_page("a.md", b"one", (TODAY,), read("first")) == "first"
    assert cache.read_page("a.md", b"one", (TODAY,), read("again")) == "first"
    assert cache.read_page("a.md", b"two", (TODAY,), read("edited")) == "edited"
    assert cache.read_page("a.md", b"two", (TODAY + datetime.timedelta(1),), read("next day")) == "next day"
    assert reads == ["first", "edited", "next day"]
    assert cache.read == {"a.md": digest(b"two")}


def test_a_page_check_is_keyed_by_the_bytes_last_read_and_its_own_key():
    cache, runs = PreviewCache(), []

    def check(result):
        return lambda: runs.append(result) or result

    assert cache.page_check("rule", "a.md", ("glossary 1",), check("unread")) == "unread"
    cache.read_page("a.md", b"one", (), lambda: None)
    assert cache.page_check("rule", "a.md", ("glossary 1",), check("first")) == "first"
    assert cache.page_check("rule", "a.md", ("glossary 1",), check("again")) == "first"
    assert cache.page_check("rule", "a.md", ("glossary 2",), check("new glossary")) == "new glossary"
    cache.read_page("a.md", b"two", (), lambda: None)
    assert cache.page_check("rule", "a.md", ("glossary 2",), check("edited")) == "edited"
    assert runs == ["unread", "first", "new glossary", "edited"]


def test_pruning_forgets_the_pages_that_are_gone():
    cache = PreviewCache()
    for src_uri in ("kept.md", "gone.md"):
        cache.read_page(src_uri, b"text", (), lambda: None)
        cache.page_check("rule", src_uri, (), lambda: [])
        cache.rendered[src_uri] = _rendered(output=f"/site/{src_uri}.html")
    cache.lagging = {"kept.md", "gone.md"}
    gone = cache.prune(["kept.md"])
    assert [entry.output for entry in gone] == ["/site/gone.md.html"]
    assert (list(cache.read), cache.lagging, "gone.md" in cache.rendered) == (["kept.md"], {"kept.md"}, False)
    assert [key[0] for key in cache.pages] == ["kept.md"]
    assert [key[1] for key in cache.checks] == ["kept.md"]


def test_fingerprints_and_digests_follow_content():
    assert fingerprint({"a": [1, "x"]}) == fingerprint({"a": [1, "x"]})
    assert fingerprint({"a": [1, "x"]}) != fingerprint({"a": [1, "y"]})
    assert digest("é") == digest("é".encode())


# --- What a rebuild renders again, and what lags -------------------------------------


def _rendered(**fields) -> RenderedPage:
    values = {"source": "s1", "shows": "v1", "citing": frozenset({"a.md"}), "problems": "p1", "notice": False}
    values |= fields
    return RenderedPage(**values)


def test_plan_renders_again_what_changed_and_keeps_the_rest():
    cache = PreviewCache()
    for src_uri in ("same.md", "edited.md", "shows.md", "lagged.md", "notice.md"):
        cache.read[src_uri] = "s1"
        cache.rendered[src_uri] = _rendered(notice=src_uri == "notice.md")
    cache.read["edited.md"] = "s2"
    cache.lagging = {"lagged.md"}
    shows = dict.fromkeys(("same.md", "edited.md", "lagged.md", "notice.md"), "v1")
    shows |= {"shows.md": "v2", "new.md": "v1"}
    stale, kept = preview.plan(shows, cache)
    assert stale == {
        "edited.md": preview.EDITED,
        "shows.md": preview.SHOWS,
        "lagged.md": preview.LAGGED,
        "notice.md": preview.LAGGED,
        "new.md": preview.NEW,
    }
    assert kept == {"same.md": cache.rendered.get("same.md")}


def test_a_skipped_page_lags_when_what_on_env_decided_differs_from_what_it_shows():
    kept = {"same.md": _rendered(), "cited.md": _rendered(), "broken.md": _rendered(), "both.md": _rendered()}
    now = {
        "same.md": (frozenset({"a.md"}), "p1"),
        "cited.md": (frozenset({"a.md", "b.md"}), "p1"),
        "broken.md": (frozenset({"a.md"}), "p2"),
        "both.md": (frozenset(), "p2"),
        "forgotten.md": (frozenset({"a.md"}), "p1"),
    }
    assert preview.lagging(now, kept, now) == {
        "cited.md": [preview.REFERENCED_BY],
        "broken.md": [preview.PROBLEMS],
        "both.md": [preview.REFERENCED_BY, preview.PROBLEMS],
        "forgotten.md": [preview.UNKNOWN],
    }


def test_a_page_mkdocs_rendered_on_its_own_was_saved():
    stale = {"a.md": preview.SHOWS, "gone.md": preview.EDITED}
    assert preview.reasons(["a.md", "touched.md"], stale) == {
        "a.md": preview.SHOWS,
        "touched.md": preview.EDITED,
    }


def test_the_rebuilt_line_says_what_was_rendered_and_why():
    assert preview.rebuilt_message({}, 7) == "Preview: no page needed rendering again (7 pages)"
    assert preview.rebuilt_message(dict.fromkeys(["a", "b"], preview.NEW), 2) == (
        "Preview: rendered all 2 pages; a save renders again only the pages it changes"
    )
    rendered = {
        "docs/b.md": preview.EDITED,
        "docs/hub/index.md": preview.SHOWS,
        **{f"docs/{n}.md": preview.SHOWS for n in range(6)},
        "docs/c.md": preview.LAGGED,
    }
    assert preview.rebuilt_message(rendered, 100) == (
        "Preview: rendered 9 of 100 pages again: docs/b.md (edited); docs/0.md, docs/1.md, docs/2.md, "
        "docs/3.md, docs/4.md and 2 more (showing what changed); docs/c.md (catching up)"
    )


def test_the_lag_line_names_each_page_and_what_it_shows_out_of_date():
    items = preview.lag_items(
        {"b.md": [preview.PROBLEMS], "a.md": [preview.REFERENCED_BY, preview.PROBLEMS]}, lambda s: f"docs/{s}"
    )
    assert items == [
        {"path": "docs/a.md", "what": "its “Referenced by” list and its list of problems"},
        {"path": "docs/b.md", "what": "its list of problems"},
    ]
    assert preview.lag_message(items) == (
        "Preview: 2 pages still show older data: docs/a.md (its “Referenced by” list and its list of problems), "
        "docs/b.md (its list of problems) — the next save updates them; restart make serve for a full build"
    )
    assert preview.lag_message(items[1:]) == (
        "Preview: 1 page still shows older data: docs/b.md (its list of problems) — the next save updates it; "
        "restart make serve for a full build"
    )


def _model(titles: dict[str, str], body: str = "") -> Site:
    site = Site()
    for src_uri, title in titles.items():
        page = SitePage(src_uri, f"docs/{src_uri}", src_uri.removesuffix(".md") + "/")
        page.front.values["title"] = title
        page.front.body = body
        site.add(page)
    site.pages["one/article.md"].read_next = [ReadNextEntry("two/target.md", 1, 1)]
    return site


TITLES = {
    "index.md": "Pillar",
    "one/index.md": "One",
    "one/article.md": "Article",
    "two/index.md": "Two",
    "two/target.md": "Target",
    "three/index.md": "Three",
    "three/far.md": "Far",
}


def test_a_page_view_changes_with_what_it_shows_of_other_pages_only():
    def view(titles: dict[str, str]) -> str:
        site = _model(titles)
        article = site.pages["one/article.md"]
        return fingerprint(preview.page_view(site, HubOrder.of(site), article, SERVE_URL, "Hub"))

    assert view(TITLES) == view(dict(TITLES))
    assert view(TITLES) != view(TITLES | {"two/target.md": "Renamed"})  # its Read Next card
    assert view(TITLES) != view(TITLES | {"two/index.md": "Second"})  # the card's hub
    assert view(TITLES) != view(TITLES | {"one/index.md": "First"})  # its own hub, in the sidebar
    assert view(TITLES) == view(TITLES | {"three/index.md": "Third", "three/far.md": "Farther"})


def _views(site: Site, cache: PreviewCache) -> dict[str, str]:
    return preview.views(list(site.pages), site, HubOrder.of(site), SERVE_URL, "Hub", "all pages", cache)


def test_no_view_shows_a_page_body():
    # What lets the preview skip the views while no page's face changes.
    plain, linked = _model(TITLES, body="Plain text."), _model(TITLES, body="## New\n\n[A link](x.md).")
    assert _views(plain, PreviewCache()) == _views(linked, PreviewCache())


def test_views_are_worked_out_again_only_when_a_face_changes():
    cache = PreviewCache()
    first = _views(_model(TITLES), cache)
    assert _views(_model(TITLES, body="An edit."), cache) is first
    renamed = _views(_model(TITLES | {"two/target.md": "Renamed"}), cache)
    assert renamed is not first
    assert [src for src in TITLES if renamed[src] != first[src]] == [
        "one/article.md",
        "two/index.md",
        "two/target.md",
    ]


# --- The loader with the cache ------------------------------------------------------------


def test_the_loader_with_the_cache_gives_what_it_gives_without(tmp_path):
    write_site(tmp_path, _site())
    sources = [
        pages.SourceFile(path.relative_to(tmp_path / "docs").as_posix(), "", path)
        for path in sorted((tmp_path / "docs").rglob("*.md"))
    ]
    checks = pages.Checks(glossary=_glossary(tmp_path))
    plain = pages.load(sources, lambda s: f"docs/{s}", TODAY, checks)
    cache = PreviewCache()
    cached = pages.load(sources, lambda s: f"docs/{s}", TODAY, checks, cache)
    again = pages.load(sources, lambda s: f"docs/{s}", TODAY, checks, cache)
    assert cached[1] == plain[1] == again[1]
    assert plain[1], "the site breaks a rule, so that the comparison means something"
    assert all(again[0].pages[src] is cached[0].pages[src] for src in plain[0].pages)  # not read again


def _glossary(root: Path):
    from filmhub import glossary

    return glossary.load(root / "glossary")[0]


# --- Serve-like rebuilds in this process ---------------------------------------------------


def _site() -> dict[str, str]:
    return {
        "glossary/ai.yml": GLOSSARY_AI,
        "docs/index.md": page("Pillar", "The hubs:\n\n<!-- hubs -->"),
        "docs/one/index.md": page("One", "The articles:\n\n<!-- articles -->"),
        "docs/one/article.md": article("Article", "Back to [the hub](index.md).", read_next=["one/index.md"]),
        "docs/one/target.md": article("Target", "## Details\n\nThe details.", read_next=["one/article.md"]),
        "docs/two/index.md": page("Two", "The articles:\n\n<!-- articles -->"),
        "docs/two/other.md": article("Other", "Next, the target.", read_next=["one/target.md"]),
        # Problems the loader finds (a definition), the link check (once
        # target.md loses its heading) and the allow-list (an element).
        "docs/two/cited.md": article(
            "Cited",
            "See [the details](../one/target.md#details).\n\nAI is a tool that learns from examples.\n\n"
            "<marquee>A tip.</marquee>",
            read_next=["two/other.md"],
        ),
    }


# The edit: in one article a broken link, an anchor another page does not
# have, a link and a Read Next entry to a page (which gains a citing page);
# in another, a new title (shown on a Read Next card) and a heading gone
# (which a third page links to).
EDITS = {
    "docs/one/article.md": article(
        "Article",
        "Back to [the hub](index.md). See [a gone page](missing.md), [its details](target.md#no-such-heading) "
        "and [the cited page](../two/cited.md).",
        read_next=["one/index.md", "two/cited.md"],
    ),
    "docs/one/target.md": article("Renamed target", "## More\n\nThe details.", read_next=["one/article.md"]),
}


# As the real site's: the hubs, not the articles (which every page's navigation would show).
NAVIGATION = {
    "nav": ["index.md", {"One": ["one/index.md"]}, {"Two": ["two/index.md"]}],
    "not_in_nav": "/*/**/*.md",
}


@dataclass
class Session:
    first: BuildResult
    edited: BuildResult
    written: list[str]  # pages the edited build wrote
    edited_html: dict[str, str]  # every page as the edited build left it
    catch_up: BuildResult
    unchanged: BuildResult
    unchanged_written: list[str]
    full: BuildResult


def _preview_lines(result: BuildResult) -> list[str]:
    return [r.getMessage() for r in result.records if r.name == "mkdocs.plugins.hub.preview"]


def _pages_written(site_dir: Path, since: dict[Path, int]) -> list[str]:
    return sorted(
        path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("index.html")
        if since.get(path) != path.stat().st_mtime_ns
    )


def _mtimes(site_dir: Path) -> dict[Path, int]:
    return {path: path.stat().st_mtime_ns for path in site_dir.rglob("index.html")}


@pytest.fixture(scope="module")
def session(tmp_path_factory) -> Session:
    """`make serve` on a site, one edit, two more saves; then a full build of the edited site."""
    root = tmp_path_factory.mktemp("preview")
    config_file = write_site(root, _site(), config=NAVIGATION)
    serving, full_dir = root / "serving", root / "full"

    def rebuild() -> BuildResult:
        return build_config(config_file, strict=False, site_dir=serving, serve_url=SERVE_URL, dirty=True)

    startup = load_config(str(config_file)).plugins
    startup.on_startup(command="serve", dirty=True)  # what `mkdocs serve --dirty` says, once
    try:
        first = rebuild()
        write_site(root, EDITS, config=NAVIGATION)
        before = _mtimes(serving)
        edited = rebuild()
        written = _pages_written(serving, before)
        edited_html = {
            path.relative_to(serving).as_posix(): path.read_text(encoding="utf-8")
            for path in serving.rglob("index.html")
        }
        catch_up = rebuild()
        before = _mtimes(serving)
        unchanged = rebuild()
        unchanged_written = _pages_written(serving, before)
        # The same edited site, as the preview built it before this cache: everything, every time.
        startup.on_startup(command="serve", dirty=False)
        full = build_config(config_file, strict=False, site_dir=full_dir, serve_url=SERVE_URL)
    finally:
        startup.on_startup(command="build", dirty=False)
    return Session(first, edited, written, edited_html, catch_up, unchanged, unchanged_written, full)


def test_a_dirty_rebuild_reports_the_same_problems_as_a_full_build(session):
    # cited.md is not rendered again: its problems come from its last render
    # and the loader's cache, its broken link from the link check of every page.
    assert (
        session.edited.problems
        == session.full.problems
        == [
            "docs/one/article.md:12:48: broken link 'missing.md': docs/one/missing.md does not exist",
            "docs/one/article.md:12:75: broken link 'target.md#no-such-heading': docs/one/target.md has no "
            "heading or id 'no-such-heading'",
            "docs/two/cited.md:11:19: broken link '../one/target.md#details': docs/one/target.md has no heading "
            "or id 'details'",
            "docs/two/cited.md:13:1: this sentence defines 'AI' in its own words (“AI is a tool that learns from "
            "examples.”) — the hub uses one definition: put <!-- definition: ai --> on its own line, or link to "
            "the glossary instead",
            "docs/two/cited.md:15:1: <marquee> is not allowed in a page — use Markdown, or one of the layout "
            "elements a page may use: details, summary, figure, figcaption, kbd, sub, sup, br, span, div",
        ]
    )
    box = session.edited_html["one/article/index.html"]
    assert "2 problems to fix before this page can be published" in box


def test_a_rebuild_renders_the_edited_pages_and_those_showing_what_changed(session):
    assert _preview_lines(session.first) == [
        "Preview: rendered all 7 pages; a save renders again only the pages it changes"
    ]
    assert _preview_lines(session.edited)[0] == (
        "Preview: rendered 4 of 7 pages again: docs/one/article.md, docs/one/target.md (edited); "
        "docs/one/index.md, docs/two/other.md (showing what changed)"
    )
    assert session.written == [
        "glossary/index.html",
        "one/article/index.html",
        "one/index.html",
        "one/target/index.html",
        "two/other/index.html",
    ]
    card = session.edited_html["two/other/index.html"].split('id="read-next"')[1]
    assert '<span class="hub-card__title">Renamed target</span>' in card


def test_a_page_whose_referenced_by_changed_is_named_as_lagging(session):
    lag = "docs/two/cited.md (its “Referenced by” list and its list of problems)"
    assert _preview_lines(session.edited)[1] == (
        f"Preview: 1 page still shows older data: {lag} — the next save updates it; "
        "restart make serve for a full build"
    )
    for edited in ("one/article/index.html", "one/target/index.html"):
        notice = session.edited_html[edited]
        assert "1 other page does not show this edit yet" in notice
        assert "<code>docs/two/cited.md</code>: its “Referenced by” list and its list of problems" in notice
    assert "does not show this edit yet" not in session.edited_html["two/other/index.html"]


def test_the_next_save_catches_up_and_the_site_is_the_full_builds(session):
    assert _preview_lines(session.catch_up) == [
        "Preview: rendered 3 of 7 pages again: docs/one/article.md, docs/one/target.md, docs/two/cited.md "
        "(catching up)"
    ]
    served, full = session.catch_up.site_dir, session.full.site_dir
    pages_built = sorted(path.relative_to(full) for path in full.rglob("*.html"))
    assert sorted(path.relative_to(served) for path in served.rglob("*.html")) == pages_built
    for path in pages_built:
        assert (served / path).read_text(encoding="utf-8") == (full / path).read_text(encoding="utf-8"), path


def test_a_save_that_changes_nothing_renders_nothing_again(session):
    assert _preview_lines(session.unchanged) == ["Preview: no page needed rendering again (7 pages)"]
    assert session.unchanged_written == ["glossary/index.html"]  # made anew at every build


def test_mkdocs_warning_about_dirty_builds_is_left_out(session):
    assert not any("'dirty' build" in message for message in session.edited.messages(logging.DEBUG))
