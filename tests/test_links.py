"""Links: every kind of link, every way it can break, exact place and message.

The rules are pure functions, tested on their own: resolving one link
(filmhub.links), the site-wide report (filmhub.link_report), where a link was
typed (filmhub.positions) and how the hub writes addresses (filmhub.urls).
A few builds prove the hooks put them together: one site full of broken
links, read by several tests; one of tricky links that all work; and the
fallback when the hub's check does not run.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import posixpath

import markdown
import pytest
from mkdocs.config import load_config
from selectolax.lexbor import LexborHTMLParser

from filmhub import urls
from filmhub.link_collector import LinkCollector
from filmhub.link_report import check
from filmhub.links import HTML, MARKDOWN, NAV, READ_NEXT, Link, LinkIndex, SiteFile, resolve
from filmhub.positions import YAML_LEAD_IN, line_and_column, locate, locate_in_nav
from filmhub.problems import ERROR, WARNING, Problem
from sitebuilder import HOOKS, REPO, article, build_site, minimal_site, page

# --- Resolving one link ---------------------------------------------------------


def site_files() -> list[SiteFile]:
    return [
        SiteFile("index.md", "", True),
        SiteFile("hub/index.md", "hub/", True),
        SiteFile("hub/article.md", "hub/article/", True),
        SiteFile("hub/other.md", "hub/other/", True),
        SiteFile("hub/Café notes.md", "hub/Café notes/", True),
        SiteFile("hub/draft.md", "hub/draft/", True, "draft"),
        SiteFile("notes/private.md", "notes/private/", True, "excluded"),
        SiteFile("ethics/index.md", "ethics/", True),
        SiteFile("ethics/consent.md", "ethics/consent/", True),
        SiteFile("assets/diagram.svg", "assets/diagram.svg", False),
    ]


@pytest.fixture(scope="module")
def index() -> LinkIndex:
    return LinkIndex(
        site_files(),
        ids={"hub/other.md": {"section-two", "fn:1"}, "hub/article.md": {"why-it-matters"}},
        site_url="https://hub.example.org/guide/",
        moved={"hub/old.md": "hub/other.md"},
    )


def why(index, target: str, origin: str = MARKDOWN, source: str = "hub/article.md", attribute: str = "href"):
    result = resolve(Link(source, target, origin, attribute), index)
    return result.why, result.suggestion


@pytest.mark.parametrize(
    ("target", "origin", "source"),
    [
        ("other.md", MARKDOWN, "hub/article.md"),
        ("./other.md#section-two", MARKDOWN, "hub/article.md"),
        ("#why-it-matters", MARKDOWN, "hub/article.md"),
        ("../ethics/consent.md", MARKDOWN, "hub/article.md"),
        ("../ethics/", MARKDOWN, "hub/article.md"),
        ("../ethics/index.md", MARKDOWN, "hub/article.md"),
        ("../", MARKDOWN, "hub/article.md"),
        ("../index.md", MARKDOWN, "hub/article.md"),
        ("Caf%C3%A9%20notes.md", MARKDOWN, "hub/article.md"),
        ("other.md?utm=1#section-two", MARKDOWN, "hub/article.md"),
        ("other.md#fn%3A1", MARKDOWN, "hub/article.md"),
        ("../assets/diagram.svg", MARKDOWN, "hub/article.md"),
        ("https://example.com/a?b=1#c", MARKDOWN, "hub/article.md"),
        ("mailto:desk@example.org", MARKDOWN, "hub/article.md"),
        ("tel:+441234567890", MARKDOWN, "hub/article.md"),
        ("../other/", HTML, "hub/article.md"),
        ("../other/#section-two", HTML, "hub/article.md"),
        ("../../ethics/", HTML, "hub/article.md"),
        ("../../assets/diagram.svg", HTML, "hub/article.md"),
        ("hub/article/", HTML, "index.md"),
        ("./", HTML, "index.md"),
        ("hub/other.md#section-two", READ_NEXT, "hub/article.md"),
        ("ethics/", READ_NEXT, "hub/article.md"),
        ("./", READ_NEXT, "hub/article.md"),
    ],
)
def test_valid_links_resolve(index, target, origin, source):
    assert why(index, target, origin, source) == ("", "")


@pytest.mark.parametrize(
    ("target", "origin", "expected"),
    [
        ("othr.md", MARKDOWN, ("docs/hub/othr.md does not exist", "other.md")),
        ("Other.md", MARKDOWN, ("docs/hub/Other.md does not exist", "other.md")),
        ("other", MARKDOWN, ("docs/hub/other does not exist", "other.md")),
        ("../ethic/consent.md", MARKDOWN, ("docs/ethic/consent.md does not exist", "../ethics/consent.md")),
        ("../ethics/consnet.md", MARKDOWN, ("docs/ethics/consnet.md does not exist", "../ethics/consent.md")),
        ("../ethics", MARKDOWN, ("docs/ethics does not exist", "../ethics/index.md")),
        ("../missing/", MARKDOWN, ("docs/missing/ has no index.md", "")),
        ("../../outside.md", MARKDOWN, ("it points outside docs/", "")),
        (
            "old.md#section-two",
            MARKDOWN,
            ("docs/hub/old.md has moved to docs/hub/other.md — link to its new path", "other.md#section-two"),
        ),
        (
            "other.md#section-2",
            MARKDOWN,
            ("docs/hub/other.md has no heading or id 'section-2'", "other.md#section-two"),
        ),
        (
            "other.md#Section Two",
            MARKDOWN,
            ("docs/hub/other.md has no heading or id 'Section Two'", "other.md#section-two"),
        ),
        ("#why-it-maters", MARKDOWN, ("this page has no heading or id 'why-it-maters'", "#why-it-matters")),
        (
            "other.md#",
            MARKDOWN,
            ("the anchor after '#' is empty — name a heading's id or remove the '#'", ""),
        ),
        (
            "draft.md",
            MARKDOWN,
            ("docs/hub/draft.md is a draft and is not published — link to it once it is", ""),
        ),
        ("../notes/private.md", MARKDOWN, ("docs/notes/private.md is excluded from the site", "")),
        ("", MARKDOWN, ("the link has no target — add the page or address it should open", "")),
        (
            "C:/Users/me/notes.md",
            MARKDOWN,
            ("it is a path on someone's computer — put the file in docs/ and link it relatively", ""),
        ),
        (
            "\\\\server\\notes.md",
            MARKDOWN,
            ("it is a path on someone's computer — put the file in docs/ and link it relatively", ""),
        ),
        (
            "javascript:alert(1)",
            MARKDOWN,
            ("'javascript:' links are not allowed — link to a page or an https:// address", ""),
        ),
        (
            "data:text/html,hi",
            MARKDOWN,
            ("'data:' links are not allowed — link to a page or an https:// address", ""),
        ),
        (
            "vbscript:x",
            MARKDOWN,
            ("'vbscript:' links are not allowed — link to a page or an https:// address", ""),
        ),
        (
            "file:///home/me/notes.md",
            MARKDOWN,
            ("'file:' links are not allowed — link to a page or an https:// address", ""),
        ),
        (
            "ftp://example.com/x",
            MARKDOWN,
            ("'ftp:' links are not supported — use https://, mailto: or tel:", ""),
        ),
        (
            "//cdn.example.com/x",
            MARKDOWN,
            ("protocol-relative links are not allowed — write 'https://cdn.example.com/x'", ""),
        ),
        ("https://", MARKDOWN, ("the address has no host — write it as https://example.org/…", "")),
        ("mailto:", MARKDOWN, ("the 'mailto:' link has no address after the colon", "")),
        (
            "https://hub.example.org/guide/hub/other/#section-two",
            MARKDOWN,
            (
                "links within this site must be relative so they work in previews and on any host",
                "other.md#section-two",
            ),
        ),
        (
            "/guide/ethics/consent/",
            MARKDOWN,
            (
                "absolute links break when the site is not served from the domain root — use a relative link",
                "../ethics/consent.md",
            ),
        ),
        (
            "other.md",
            HTML,
            (
                "MkDocs converts .md links only in Markdown, not in raw HTML — link to the published address",
                "../other/",
            ),
        ),
        ("../othr/", HTML, ("nothing is published at 'hub/othr/'", "../other/")),
        ("../../../x/", HTML, ("it points outside the site", "")),
        (
            "../other/#section-2",
            HTML,
            ("docs/hub/other.md has no heading or id 'section-2'", "../other/#section-two"),
        ),
        ("hub/othr.md", READ_NEXT, ("docs/hub/othr.md does not exist", "hub/other.md")),
        ("#why-it-matters", READ_NEXT, ("it has no page to point at — add the page's path before '#'", "")),
        (
            "hub/article.md#why-it-maters",
            READ_NEXT,
            ("docs/hub/article.md has no heading or id 'why-it-maters'", "hub/article.md#why-it-matters"),
        ),
    ],
)
def test_broken_links_say_why_and_suggest(index, target, origin, expected):
    assert why(index, target, origin) == expected


def test_a_page_loading_a_file_from_another_host_is_an_error(index):
    assert why(index, "https://cdn.example.com/x.png", HTML, attribute="src") == (
        "the page would load a file from another host — save the file in docs/assets/ and link it relatively",
        "",
    )
    assert why(index, "https://cdn.example.com/x.png", HTML, attribute="href") == ("", "")


# --- The site-wide report --------------------------------------------------------


def test_check_reports_orphans_backlinks_and_externals(index):
    links = [
        Link("index.md", "hub/index.md"),
        Link("hub/index.md", "article.md", generated=True),
        Link("hub/article.md", "other.md"),
        Link("hub/article.md", "#why-it-matters"),
        Link("hub/other.md", "https://example.com/"),
        Link("hub/other.md", "../../ethics/consent/", HTML),
        Link("mkdocs.yml", "https://example.com/nav", NAV),
    ]
    report = check(links, index, nav_pages=["ethics/index.md"])
    orphan = "orphan page: no other page and no navigation entry links to it — link to it from a related page"
    assert report.problems == [
        Problem("docs/hub/Café notes.md", 1, orphan, severity=WARNING, kind="orphan-page")
    ]
    # Generated links reach a page but are no one's own words; a page never cites itself.
    assert report.backlinks == {
        "hub/index.md": {"index.md"},
        "hub/other.md": {"hub/article.md"},
        "ethics/consent.md": {"hub/other.md"},
    }
    assert report.external == [links[4], links[6]]


def test_a_broken_link_is_one_problem_at_its_place(index):
    link = Link("hub/article.md", "othr.md#x", line=12, col=7)
    report = check([link], index, path_of=lambda src: f"content/{src}")
    assert report.problems[0] == Problem(
        "content/hub/article.md",
        12,
        "broken link 'othr.md#x': docs/hub/othr.md does not exist (did you mean 'other.md#x'?)",
        col=7,
        severity=ERROR,
        kind="broken-link",
        target="othr.md#x",
        suggestion="other.md#x",
    )


def test_what_the_html_allow_list_reports_is_left_to_it_unless_no_writer_typed_it(index):
    typed = [Link("hub/article.md", "javascript:x"), Link("hub/article.md", "//cdn.example.com/x", HTML)]
    generated = Link("hub/article.md", "javascript:y", HTML, generated=True)
    nav = Link("mkdocs.yml", "javascript:void(0)", NAV, line=6, col=10)
    report = check([*typed, generated, nav], index, path_of=str)
    not_allowed = "links are not allowed — link to a page or an https:// address"
    assert [str(p) for p in report.problems if p.kind == "broken-link"] == [
        f"hub/article.md:1: broken link 'javascript:y': 'javascript:' {not_allowed}",
        f"mkdocs.yml:6:10: broken link 'javascript:void(0)': 'javascript:' {not_allowed}",
    ]


# --- Where a link was typed ------------------------------------------------------


def test_locate_finds_each_target_where_it_was_written():
    text = "Intro `other.md` in code.\nSee [a](other.md) and <a href='other.md'>b</a>.\n\n[ref]: ../x.md\n"
    assert locate(text, ["other.md", "other.md", "../x.md", "nowhere.md"], first_line=10) == [
        (11, 9),
        (11, 32),
        (13, 8),
        None,
    ]


def test_locate_finds_escaped_ampersands_spaces_and_srcset_candidates():
    text = '<a href="?a=1&amp;b=2">x</a> [c](<Café notes.md>)\n<img srcset="a.png 1x, b.png 2x">'
    assert locate(text, ["?a=1&b=2", "Café notes.md", "a.png", "b.png"]) == [
        (1, 10),
        (1, 35),
        (2, 14),
        (2, 24),
    ]


def test_lines_break_as_git_breaks_them():
    text = "a\x0cb [x](t.md)\u2028 [y](u.md)\r\n[z](v.md)\rw [q](w.md)"
    assert locate(text, ["t.md", "u.md", "v.md", "w.md"]) == [(1, 9), (1, 20), (2, 5), (3, 7)]
    assert line_and_column([0, 5, 9], 0) == (1, 1)
    assert line_and_column([0, 5, 9], 7) == (2, 3)
    assert line_and_column([0, 5, 9], 9) == (3, 1)


def test_navigation_entries_are_found_in_mkdocs_yml():
    config = (
        "site_name: x\r\n# nav: not this\rnav:\r\n  - Home: index.md\r\n  - Notes: 'ftp://example.com/n'\r\n"
    )
    assert locate_in_nav(config, ["index.md", "ftp://example.com/n"]) == [(4, 11), (5, 13)]
    assert locate_in_nav("site_name: x\n", ["index.md"]) == [None]
    assert locate("- a.md\nkey: b.md", ["b.md", "a.md"], lead_in=YAML_LEAD_IN) == [(2, 6), (1, 3)]


# --- How the hub writes addresses -------------------------------------------------


def test_a_folder_means_its_index_page():
    paths = ["ethics/", "../", "ethics/consent.md", ""]
    assert [urls.folder_index(path) for path in paths] == [
        "ethics/index.md",
        "../index.md",
        "ethics/consent.md",
        "",
    ]


def test_pages_are_published_at_directory_urls():
    pages = ["index.md", "ethics/index.md", "ethics/disclosure.md", "glossary.md"]
    assert [urls.directory_url(page) for page in pages] == ["", "ethics/", "ethics/disclosure/", "glossary/"]


@pytest.mark.parametrize(
    ("page_url", "to_url", "link"),
    [
        ("ethics/consent/", "ethics/", "../"),
        ("ethics/consent/", "ethics/consent/", "./"),
        ("ethics/consent/", "", "../../"),
        ("ethics/consent/", "assets/x.svg", "../../assets/x.svg"),
        ("", "ethics/", "ethics/"),
        ("", "", "./"),
        ("ethics/", "glossary/", "../glossary/"),
        ("ethics/consent.html", "ethics/other.html", "other.html"),
        ("ethics/consent.html", "index.html", "../index.html"),
        ("404.html", "ethics/", "ethics/"),
    ],
)
def test_urls_are_relative_to_the_page_folder(page_url, to_url, link):
    assert urls.url_from_page(page_url, to_url) == link


def test_page_folders_and_relative_urls():
    assert [urls.page_folder(u) for u in ("", "ethics/", "ethics/x.html", "404.html")] == [
        "",
        "ethics/",
        "ethics/",
        "/",
    ]
    assert urls.relative_url("ethics/", "ethics/") == "./"
    assert urls.relative_url("", "assets/x.svg") == "assets/x.svg"


@pytest.mark.parametrize(
    ("path", "start", "relative"),
    [
        ("ethics/consent.md", "ethics", "consent.md"),
        ("glossary.md", "ethics/tools", "../../glossary.md"),
        ("ethics/", "", "ethics"),
        ("", "ethics/consent", "../.."),
        ("", "", "."),
        ("ethics", "ethics/", "."),
        ("ethics//consent/", "ethics", "consent"),
        ("/ethics/a", "/ethics/b", "../a"),
        ("ethics/../glossary.md", "ethics", "../glossary.md"),
        ("./ethics/.well-known/x", ".", "ethics/.well-known/x"),
    ],
)
def test_relative_paths_are_worked_out_without_the_working_directory(path, start, relative):
    assert urls.relative_path(path, start) == relative


def test_relative_paths_agree_with_posixpath_relpath():
    names = ["", "a", "b", "a/b", "a/c", "a/b/c", "b/a", "a/b/", "/a", "/a/b", "a/./b", "../a", ".a/b"]
    for path in names:
        for start in names:
            expected = posixpath.relpath(path or ".", start or ".")
            assert urls.relative_path(path, start) == expected, (path, start)


def test_a_link_is_a_url_in_html_and_a_source_path_in_markdown():
    consent = SiteFile("ethics/consent.md", "ethics/consent/", True)
    glossary = SiteFile("glossary.md", "glossary/", True)
    home = SiteFile("index.md", "", True)
    assert urls.href(consent, glossary, "ai") == "../../glossary/#ai"
    assert urls.href(consent, glossary, "ai", markdown=True) == "../glossary.md#ai"
    assert urls.href(consent, consent, "why") == "./#why"
    assert urls.href(consent, consent, "why", markdown=True) == "#why"
    assert urls.href(consent, consent, markdown=True) == "consent.md"
    assert urls.href(home, consent) == "ethics/consent/"
    assert urls.href(home, consent, markdown=True) == "ethics/consent.md"
    assert urls.href(glossary, home) == "../"


def test_absolute_addresses_keep_the_sites_path():
    assert (
        urls.absolute("https://hub.example.org/guide", "ethics/") == "https://hub.example.org/guide/ethics/"
    )
    assert urls.absolute("https://hub.example.org/guide/", "") == "https://hub.example.org/guide/"


# --- Collecting a page's links while it renders ------------------------------------


def collect(text: str, page: str = "hub/article.md") -> tuple[str, list, set]:
    collector = LinkCollector()
    collector.sources = {"hub/article.md", "ethics/index.md"}
    collector.page = page
    html = markdown.Markdown(extensions=["toc", "attr_list", collector]).convert(text)
    found = collector.take()
    return html, [(link.origin, link.attribute, link.target) for link in found.links], found.ids


def test_a_folder_link_points_at_its_index_page_when_it_has_one():
    html, links, _ = collect("[a](../ethics/#why) [b](../missing/) [c](https://x.org/) [d](/ethics/)")
    assert [a.attributes["href"] for a in LexborHTMLParser(html).css("a")] == [
        "../ethics/index.md#why",
        "../missing/",
        "https://x.org/",
        "/ethics/",
    ]
    # Collected as written, before the folder link is pointed at its page.
    assert [target for _, _, target in links] == [
        "../ethics/#why",
        "../missing/",
        "https://x.org/",
        "/ethics/",
    ]


def test_links_and_ids_are_collected_from_markdown_and_raw_html():
    text = (
        "## Why {#why}\n\n![x](a.png) [y](b.md)\n\n"
        '<p><a href="c/" name="old">c</a> <img src="d.png" srcset="e.png 1x, f.png 2x"></p>\n'
    )
    _, links, ids = collect(text)
    assert links == [
        (MARKDOWN, "src", "a.png"),
        (MARKDOWN, "href", "b.md"),
        (HTML, "href", "c/"),
        (HTML, "src", "d.png"),
        (HTML, "srcset", "e.png"),
        (HTML, "srcset", "f.png"),
    ]
    assert ids == {"why", "old"}


def test_links_inside_generated_markup_are_marked_generated():
    collector = LinkCollector()
    text = (
        "[before](a.md)\n\n"
        '<div data-hub-generated="" markdown>\n<p markdown>[inside](b.md) <span id="in">x</span></p>\n</div>\n\n'
        "[after](c.md)\n"
    )
    markdown.Markdown(extensions=["md_in_html", collector]).convert(text)
    found = collector.take()
    assert [(link.target, link.generated) for link in found.links] == [
        ("a.md", False),
        ("b.md", True),
        ("c.md", False),
    ]
    assert found.ids == {"in"}


# --- Whole builds -----------------------------------------------------------------


def broken_site() -> dict[str, str | bytes]:
    return minimal_site(
        **{
            "docs/hub/article.md": article(
                "Article",
                """
                ## Why it matters

                Inline [typo](othr.md) and an image ![still](../assets/stil.png).
                Reference [link][r] and autolink <https://example.org/ok>.
                Anchor [elsewhere](other.md#section-2) and [here](#why-it-maters).

                <p>Raw <a href="other.md">raw md</a>, <img src="../img/x.png" srcset="../../assets/still.png 1x, ../../assets/big.png 2x" alt="x"></p>

                <div markdown>
                [inside md_in_html](../ethic/consent.md)
                </div>

                [r]: ../hub/missing.md
                """,
                read_next=["index.md"],
            ),
            "docs/hub/other.md": article("Other", "## Section two\n\nBack to [article](article.md)."),
            "docs/ethics/index.md": page("Ethics", "[Consent](consent.md)\n\n<!-- articles -->"),
            "docs/ethics/consent.md": article("Consent", "Text."),
            "docs/assets/still.png": b"\x89PNG\r\n\x1a\n",
        }
    )


BROKEN_PROBLEMS = [
    "docs/hub/article.md:13:15: broken link 'othr.md': docs/hub/othr.md does not exist (did you mean 'other.md'?)",
    "docs/hub/article.md:13:46: broken link '../assets/stil.png': docs/assets/stil.png does not exist "
    "(did you mean '../assets/still.png'?)",
    "docs/hub/article.md:15:20: broken link 'other.md#section-2': docs/hub/other.md has no heading or id "
    "'section-2' (did you mean 'other.md#section-two'?)",
    "docs/hub/article.md:15:51: broken link '#why-it-maters': this page has no heading or id 'why-it-maters' "
    "(did you mean '#why-it-matters'?)",
    "docs/hub/article.md:17:17: broken link 'other.md': MkDocs converts .md links only in Markdown, not in raw "
    "HTML — link to the published address (did you mean '../other/'?)",
    "docs/hub/article.md:17:49: broken link '../img/x.png': nothing is published at 'hub/img/x.png'",
    "docs/hub/article.md:17:98: broken link '../../assets/big.png': nothing is published at 'assets/big.png'",
    "docs/hub/article.md:20:21: broken link '../ethic/consent.md': docs/ethic/consent.md does not exist "
    "(did you mean '../ethics/consent.md'?)",
    "docs/hub/article.md:23:6: broken link '../hub/missing.md': docs/hub/missing.md does not exist",
]
STOPPED = "9 errors — the build stopped before writing any page. Fix the lines listed above and build again."


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """The site full of broken links, built once as CI builds it: annotations and a JSON report."""
    root = tmp_path_factory.mktemp("broken")
    annotations = io.StringIO()
    with pytest.MonkeyPatch.context() as env, contextlib.redirect_stdout(annotations):
        env.setenv("GITHUB_ACTIONS", "true")
        env.setenv("HUB_REPORT_JSON", str(root / "links.json"))
        env.delenv("GITHUB_STEP_SUMMARY", raising=False)
        env.delenv("GITHUB_BASE_REF", raising=False)
        result = build_site(root / "project", broken_site())
    return result, annotations.getvalue(), json.loads((root / "links.json").read_text(encoding="utf-8"))


def test_every_broken_link_is_reported_at_its_line_and_column_and_nothing_is_written(broken):
    result, _, _ = broken
    assert not result.ok
    assert result.problems == BROKEN_PROBLEMS
    assert result.errors == [*BROKEN_PROBLEMS, STOPPED]
    assert result.written_pages() == []


def test_each_broken_link_is_reported_once_in_the_log(broken):
    result, _, _ = broken
    targets = [
        "othr.md",
        "../assets/stil.png",
        "other.md#section-2",
        "#why-it-maters",
        "other.md",
        "../img/x.png",
        "../../assets/big.png",
        "../ethic/consent.md",
        "../hub/missing.md",
    ]
    # MkDocs' own check of the Markdown ones ("contains a link '…'") logs only at DEBUG.
    shown = result.messages(logging.INFO)
    assert [[m for m in shown if f"link '{target}'" in m] for target in targets] == [
        [p] for p in BROKEN_PROBLEMS
    ]


def annotation(problem: str) -> str:
    """The workflow command for a problem line of the log."""
    path, line, col, message = problem.split(":", 3)
    return f"::error file={path},line={line},col={col},title=broken-link::{message.strip()}"


def test_one_annotation_per_broken_link_and_a_json_report(broken):
    _, annotations, report = broken
    assert annotations.splitlines() == [annotation(problem) for problem in BROKEN_PROBLEMS]
    assert [(p["line"], p["col"], p["target"], p["suggestion"]) for p in report["problems"]] == [
        (13, 15, "othr.md", "other.md"),
        (13, 46, "../assets/stil.png", "../assets/still.png"),
        (15, 20, "other.md#section-2", "other.md#section-two"),
        (15, 51, "#why-it-maters", "#why-it-matters"),
        (17, 17, "other.md", "../other/"),
        (17, 49, "../img/x.png", None),
        (17, 98, "../../assets/big.png", None),
        (20, 21, "../ethic/consent.md", "../ethics/consent.md"),
        (23, 6, "../hub/missing.md", None),
    ]
    assert report["external_links"] == [
        {"url": "https://example.org/ok", "path": "docs/hub/article.md", "line": 14, "col": 35}
    ]


def tricky_article() -> str:
    return article(
        "Article",
        """
        ## Why it matters {#why}

        ## Café & crew: notes

        [Attr-list id](#why), [toc slug](#cafe-crew-notes), [raw id](#raw-anchor), [name](#old-name).
        [Hub](./), [hub index](index.md), [pillar](../), [pillar file](../index.md), [folder](../ethics/).
        [Encoded](Caf%C3%A9%20notes.md), [spaces](<Café notes.md>), [query](other.md?from=hub#section-two).
        [Footnote](other.md#fn:1), [image](../assets/still.png), [a still](../assets/call-sheet.png).
        <https://example.org/a?b=1&c=2> [mail](mailto:desk@example.org) [phone](tel:+441234567890)

        <span id="raw-anchor"></span><a name="old-name"></a>
        <p><a href="../other/#section-two">raw page</a> <a href="../../ethics/">raw hub</a>
        <img src="../../assets/still.png" srcset="../../assets/still.png 1x, ../../assets/still@2x.png 2x" alt="">
        <a href="https://example.org/">external</a> <a href="#why">raw self</a></p>

        ```markdown
        [not a link](nowhere.md) <a href="nowhere.md">nor this</a>
        ```

        Inline code `[not a link](nowhere.md)` is not a link either.
        """,
        read_next=["hub/other.md#section-two", "ethics/"],
    )


@pytest.fixture(scope="module")
def tricky(tmp_path_factory):
    """Tricky links that all work, a page nothing links to and a navigation entry
    that breaks, built as a preview (which writes the pages whatever it finds)."""
    files = minimal_site(
        **{
            "docs/hub/article.md": tricky_article(),
            "docs/hub/other.md": article("Other", "## Section two\n\nA note[^1].\n\n[^1]: The note."),
            "docs/hub/Café notes.md": article("Café notes", "Notes."),
            "docs/ethics/index.md": page("Ethics", "<!-- articles -->"),
            "docs/lonely.md": page("Lonely", "Nobody links here."),
            "docs/assets/still.png": b"\x89PNG\r\n\x1a\n",
            "docs/assets/still@2x.png": b"\x89PNG\r\n\x1a\n",
            "docs/assets/call-sheet.png": b"\x89PNG\r\n\x1a\n",
        }
    )
    nav = ["index.md", "hub/index.md", "glossary.md", {"Notes": "ftp://example.com/notes"}]
    config = {"nav": nav, "not_in_nav": "*.md"}
    return build_site(tmp_path_factory.mktemp("tricky"), files, config=config, strict=False)


ORPHAN = "docs/lonely.md:1: orphan page: no other page and no navigation entry links to it — link to it from a related page"


def test_tricky_valid_links_are_not_reported_and_navigation_entries_are_checked(tricky):
    assert tricky.ok
    assert tricky.messages() == [
        ORPHAN,
        "mkdocs.yml:7:10: broken link 'ftp://example.com/notes': "
        "'ftp:' links are not supported — use https://, mailto: or tel:",
    ]


def test_a_folder_link_becomes_the_folders_page_address(tricky):
    tree = LexborHTMLParser(tricky.html("hub/article/index.html"))
    folder = next(a for a in tree.css("article a") if a.text() == "folder")
    assert folder.attributes["href"] == "../../ethics/"


def test_a_preview_writes_an_orphan_page(tricky):
    assert (tricky.site_dir / "lonely/index.html").is_file()


def test_the_404_page_links_to_the_glossarys_published_address(tricky):
    tree = LexborHTMLParser(tricky.html("404.html"))
    assert [(a.text(), a.attributes["href"]) for a in tree.css("article li a")][-1] == (
        "The glossary",
        "/guide/glossary/",
    )


def test_orphans_are_warnings_and_strict_stops_on_them(site):
    files = minimal_site(**{"docs/lonely.md": page("Lonely", "Nobody links here.")})
    result = site(files, config={"nav": ["index.md", "hub/index.md", "glossary.md"]})
    assert result.problems == [ORPHAN]
    assert not result.ok


def test_without_the_hubs_link_check_mkdocs_own_check_still_stops_a_broken_link(site):
    hooks = [hook for hook in HOOKS if not hook.endswith("/hooks/links.py")]
    assert len(hooks) == len(HOOKS) - 1
    files = minimal_site(
        **{"docs/hub/article.md": article("Article", "[x](othr.md)", read_next=["hub/index.md"])}
    )
    result = site(files, config={"hooks": hooks})
    assert not result.ok
    assert result.messages() == [
        "Doc file 'hub/article.md' contains a link 'othr.md', but the target 'hub/othr.md' is not found "
        "among documentation files.",
        "1 warning in strict mode — the build stopped before writing any page. Fix the warnings above and build again.",
    ]


def test_while_the_hubs_check_runs_mkdocs_checks_of_the_same_links_log_only_at_debug():
    config = load_config(str(REPO / "mkdocs.yml"))
    config.validation["nav"]["absolute_links"] = -1  # 'relative_to_docs': converts links, is no level

    def levels(group: str) -> dict[str, int]:
        return dict(config.validation[group])

    config.plugins["hooks/links.py"].on_config(config)
    assert levels("links") == dict.fromkeys(
        ("not_found", "anchors", "absolute_links", "unrecognized_links"), logging.DEBUG
    )
    # A navigation entry naming a draft, which MkDocs logs at not_found's level, is the hub's notice.
    assert levels("nav") == {
        "omitted_files": logging.WARNING,
        "not_found": logging.DEBUG,
        "absolute_links": -1,
    }


def test_a_navigation_entry_naming_a_missing_page_is_reported_once_and_a_draft_is_a_notice(tmp_path):
    config = {
        "nav": ["index.md", {"Hub": ["hub/index.md", "hub/draft.md", "hub/missing.md"]}, "glossary.md"],
        "not_in_nav": "/*/*.md",
    }
    files = minimal_site(
        **{"docs/hub/draft.md": article("Draft", "Back to [the hub](index.md).", draft=True)}
    )
    result = build_site(tmp_path, files, config=config)
    assert not result.ok
    assert [message for message in result.messages(logging.INFO) if "hub/" in message] == [
        "mkdocs.yml:7:5: the navigation lists 'hub/draft.md', which is left out of the site (a draft, or "
        "in exclude_docs): it shows there once it is published",
        "mkdocs.yml:8:5: broken link 'hub/missing.md': docs/hub/missing.md does not exist",
    ]
