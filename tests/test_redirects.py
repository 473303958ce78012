"""Renames that break nothing: the redirect map, moved pages, and the redirect pages the guard lets through."""

from __future__ import annotations

import datetime
import subprocess

import pytest
from errortable import documented
from mkdocs_redirects.plugin import HTML_TEMPLATE

from filmhub import check, output_scan, redirects
from filmhub.front_matter import FrontMatter
from filmhub.site import Site, SitePage
from sitebuilder import article, build_config, minimal_site, write_site

CONFIG = """\
site_name: X
plugins:
  - search
  - redirects:
      redirect_maps:
        hub/old.md: hub/article.md
        hub/gone.md: hub/missing.md
"""


def site_of(*paths: str, drafts: tuple[str, ...] = ()) -> Site:
    site = Site()
    for src in paths:
        front = FrontMatter(values={"title": src, "draft": src in drafts}, read=True)
        site.add(SitePage(src, f"docs/{src}", src.removesuffix(".md") + "/", front=front))
    return site


def map_of(entries: dict[str, str]) -> redirects.RedirectMap:
    return redirects.read_map(entries)


def test_the_map_is_read_with_the_line_of_each_entry_and_where_new_lines_go():
    read = redirects.read_map({"hub/old.md": "hub/article.md", "hub/gone.md": "hub/missing.md"}, CONFIG)
    assert [(e.old, e.new, e.line) for e in read.entries.values()] == [
        ("hub/old.md", "hub/article.md", 6),
        ("hub/gone.md", "hub/missing.md", 7),
    ]
    assert read.line == 5
    assert read.line_to_add("a.md", "b.md") == "        a.md: b.md"
    empty = redirects.read_map(
        {}, CONFIG.split("        hub/old")[0].replace("redirect_maps:", "redirect_maps: {}")
    )
    assert empty.line_to_add("a.md", "b.md") == "        a.md: b.md"


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ({"hub/old.md": "hub/article.md"}, []),
        ({"hub/old.md": "hub/article.md#a-section"}, []),
        (
            {"hub/old/": "hub/article.md"},
            ["the redirect from 'hub/old/' must name the old page's path from docs/, ending in .md"],
        ),
        (
            {"hub/article.md": "hub/other.md"},
            [
                "the redirect from 'hub/article.md' would hide the page docs/hub/article.md, which still exists — "
                "remove the redirect or the page"
            ],
        ),
        (
            {"hub/old.md": "https://example.org/"},
            [
                "the redirect target 'https://example.org/' must be a page of this site, written as its path from "
                "docs/ (e.g. ethics/disclosure.md)"
            ],
        ),
        (
            {"hub/old.md": "hub/artcle.md"},
            [
                "the redirect target 'hub/artcle.md' is not a page of this site (did you mean 'hub/article.md'?)"
            ],
        ),
        (
            {"hub/old.md": "hub/draft.md"},
            [
                "the redirect target 'hub/draft.md' is a draft, which is not published — point it at a published page"
            ],
        ),
        (
            {"hub/old.md": "hub/older.md", "hub/older.md": "hub/article.md"},
            [
                "the redirect to 'hub/older.md' leads to another redirect (hub/old.md → hub/older.md → hub/article.md) "
                "— point it straight at 'hub/article.md'"
            ],
        ),
        (
            {"hub/a.md": "hub/b.md", "hub/b.md": "hub/a.md"},
            [
                "the redirects from 'hub/a.md' go round in a loop (hub/a.md → hub/b.md → hub/a.md) — point each at "
                "a page that exists",
                "the redirects from 'hub/b.md' go round in a loop (hub/b.md → hub/a.md → hub/b.md) — point each at "
                "a page that exists",
            ],
        ),
    ],
)
def test_the_redirect_map_is_checked(entries, expected):
    site = site_of(
        "index.md", "hub/index.md", "hub/article.md", "hub/other.md", "hub/draft.md", drafts=("hub/draft.md",)
    )
    problems = [p.message for p in redirects.map_problems(map_of(entries), site)]
    assert problems == expected
    assert all(documented(message) for message in expected)


def test_moved_and_deleted_pages_need_an_entry_naming_the_line_to_add():
    site = site_of("index.md", "hub/index.md", "hub/new-name.md")
    site.pages["hub/new-name.md"].front.values["title"] = "Old Title"
    moves = [
        redirects.Move("hub/renamed.md", "hub/new-name.md", "Renamed"),
        redirects.Move("hub/retitled-elsewhere.md", "", "Old Title"),
        redirects.Move("hub/gone.md", "", "Gone"),
        redirects.Move("hub/kept.md", "", "Kept"),
    ]
    problems = [str(p) for p in redirects.move_problems(moves, map_of({"hub/kept.md": "hub/index.md"}), site)]
    assert problems == [
        "docs/hub/new-name.md:1: this page was moved here from docs/hub/renamed.md, whose address has no redirect — "
        "add the line '        hub/renamed.md: hub/new-name.md' under 'redirect_maps:' in mkdocs.yml",
        "docs/hub/new-name.md:1: this page was moved here from docs/hub/retitled-elsewhere.md, whose address has no "
        "redirect — add the line '        hub/retitled-elsewhere.md: hub/new-name.md' under 'redirect_maps:' in "
        "mkdocs.yml",
        "mkdocs.yml:1: docs/hub/gone.md was deleted, and its address has no redirect — add the line "
        "'        hub/gone.md: hub/index.md' under 'redirect_maps:', or point it at the page that replaces it",
    ]
    assert all(documented(p) for p in problems)


# --- A rename in a real git repository ------------------------------------------------------


def git(root, *args):
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    for name in ("FRESHNESS_BASE", "GITHUB_BASE_REF"):
        monkeypatch.delenv(name, raising=False)
    files = minimal_site(**{"docs/hub/other.md": article("Other", "See [the article](article.md).")})
    write_site(tmp_path, files)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "t@example.org")
    git(tmp_path, "config", "user.name", "T")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "start")
    return tmp_path


def with_redirects(root, entries: dict[str, str]):
    return write_site(root, {}, config={"plugins": [{"redirects": {"redirect_maps": entries}}]})


def test_a_rename_without_a_redirect_fails_until_the_line_is_added(repo):
    git(repo, "mv", "docs/hub/article.md", "docs/hub/renamed.md")
    config = with_redirects(repo, {})
    result = build_config(config)
    moved = (
        "docs/hub/renamed.md:1: this page was moved here from docs/hub/article.md, whose address has no redirect "
        "— add the line '      hub/article.md: hub/renamed.md' under 'redirect_maps:' in mkdocs.yml"
    )
    link = (
        "docs/hub/other.md:11:19: broken link 'article.md': docs/hub/article.md has moved to docs/hub/renamed.md "
        "— link to its new path (did you mean 'renamed.md'?)"
    )
    assert result.problems == [link, moved]
    # make check says the same, without building (the broken link needs the rendered page).
    assert [str(p) for p in check.run(config, datetime.date.today(), {})] == [moved]

    result = build_config(with_redirects(repo, {"hub/article.md": "hub/renamed.md"}))
    assert result.problems == [link]
    assert all(documented(p) for p in [moved, link, *result.problems])

    (repo / "docs/hub/other.md").write_text(article("Other", "See [the article](renamed.md)."))
    result = build_config(with_redirects(repo, {"hub/article.md": "hub/renamed.md"}))
    assert result.ok, result.problems
    page = result.html("hub/article/index.html")
    assert page == HTML_TEMPLATE.format(url="../renamed/")


def test_a_deleted_page_needs_a_redirect_too_and_a_deleted_draft_does_not(repo):
    (repo / "docs/hub/draft.md").write_text(article("Draft", draft=True))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a draft")
    (repo / "docs/hub/draft.md").unlink()
    (repo / "docs/hub/other.md").unlink()
    config = with_redirects(repo, {})
    line = next(
        n
        for n, text in enumerate(config.read_text(encoding="utf-8").splitlines(), 1)
        if "redirect_maps:" in text
    )
    result = build_config(config)
    assert result.problems == [
        f"mkdocs.yml:{line}: docs/hub/other.md was deleted, and its address has no redirect — add the line "
        "'      hub/other.md: hub/index.md' under 'redirect_maps:', or point it at the page that replaces it"
    ]


# --- The output guard and the redirect pages -------------------------------------------------

PATTERN = output_scan.redirect_page_pattern(HTML_TEMPLATE)


def scan(text: str) -> list[str]:
    return [
        f.what
        for f in output_scan.scan_file(
            "hub/old/index.html", text.encode(), site_url=None, theme_scripts=[], redirect_page=PATTERN
        )
    ]


@pytest.mark.parametrize("url", ["../renamed/", "../../ethics/disclosure/#consent", "../", "./"])
def test_the_guard_lets_the_plugins_redirect_pages_through(url):
    assert scan(HTML_TEMPLATE.format(url=url)) == []


def not_the_theme_s(start: str) -> str:
    """The guard's finding for an inline script it does not know, quoted up to 60 characters."""
    return f"an inline <script> that is not the theme's own: 'var anchor=window.location.hash.substr(1);{start}…'"


@pytest.mark.parametrize(
    ("text", "findings"),
    [
        (
            HTML_TEMPLATE.format(url="javascript:alert(1)"),
            [
                "a 'javascript:' address in 'href' on <link>: 'javascript:alert(1)'",
                not_the_theme_s('location.href="javascript:alert(1)"+('),
                "a 'javascript:' address in 'content' on <meta>: 'javascript:alert(1)'",
                "a 'javascript:' address in 'href' on <a>: 'javascript:alert(1)'",
            ],
        ),
        (
            HTML_TEMPLATE.format(url="https://evil.example/"),
            [not_the_theme_s('location.href="https://evil.example/"')],
        ),
        (
            HTML_TEMPLATE.format(url="//evil.example/"),
            [not_the_theme_s('location.href="//evil.example/"+(anch')],
        ),
        (
            HTML_TEMPLATE.format(url='../x/";alert(1);"'),
            [not_the_theme_s('location.href="../x/";alert(1);""+(an')],
        ),
        (
            HTML_TEMPLATE.format(url="../x/").replace("</body>", "<script>alert(1)</script></body>"),
            [
                not_the_theme_s('location.href="../x/"+(anchor?"#"+anc'),
                "an inline <script> that is not the theme's own: 'alert(1)'",
            ],
        ),
        (
            HTML_TEMPLATE.format(url="../x/").replace('href="../x/">new', 'href="../y/">new'),
            [not_the_theme_s('location.href="../x/"+(anchor?"#"+anc')],
        ),
    ],
)
def test_the_guard_refuses_anything_else_that_looks_like_a_redirect_page(text, findings):
    assert scan(text) == findings
