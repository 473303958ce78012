"""Links: every kind of link, every way it can break, exact place and message."""

from __future__ import annotations

import json

import pytest

from filmhub.link_report import check
from filmhub.links import HTML, MARKDOWN, NAV, READ_NEXT, Link, LinkIndex, SiteFile, resolve
from filmhub.positions import locate
from sitebuilder import article, minimal_site, page

# --- Resolution, without a build ----------------------------------------------

FILES = [
    SiteFile("index.md", "", True),
    SiteFile("hub/index.md", "hub/", True),
    SiteFile("hub/article.md", "hub/article/", True),
    SiteFile("hub/other.md", "hub/other/", True),
    SiteFile("hub/Café notes.md", "hub/Café notes/", True),
    SiteFile("hub/draft.md", "hub/draft/", True, "draft"),
    SiteFile("ethics/index.md", "ethics/", True),
    SiteFile("ethics/consent.md", "ethics/consent/", True),
    SiteFile("assets/diagram.svg", "assets/diagram.svg", False),
]
IDS = {"hub/other.md": {"section-two", "fn:1"}, "hub/article.md": {"why-it-matters"}}
INDEX = LinkIndex(FILES, ids=IDS, site_url="https://hub.example.org/guide/")


def why(target: str, origin: str = MARKDOWN, source: str = "hub/article.md", attribute: str = "href"):
    result = resolve(Link(source, target, origin, attribute), INDEX)
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
    ],
)
def test_valid_links_resolve(target, origin, source):
    assert why(target, origin, source) == ("", "")


@pytest.mark.parametrize(
    ("target", "origin", "expected"),
    [
        ("othr.md", MARKDOWN, ("docs/hub/othr.md does not exist", "other.md")),
        ("Other.md", MARKDOWN, ("docs/hub/Other.md does not exist", "other.md")),
        ("other", MARKDOWN, ("docs/hub/other does not exist", "other.md")),
        ("../ethic/consent.md", MARKDOWN, ("docs/ethic/consent.md does not exist", "../ethics/consent.md")),
        ("../ethics/consnet.md", MARKDOWN, ("docs/ethics/consnet.md does not exist", "../ethics/consent.md")),
        ("../missing/", MARKDOWN, ("docs/missing/ has no index.md", "")),
        ("../../outside.md", MARKDOWN, ("it points outside docs/", "")),
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
        ("", MARKDOWN, ("the link has no target — add the page or address it should open", "")),
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
        ("hub/othr.md", READ_NEXT, ("docs/hub/othr.md does not exist", "hub/other.md")),
    ],
)
def test_broken_links_say_why_and_suggest(target, origin, expected):
    assert why(target, origin) == expected


def test_a_page_loading_a_file_from_another_host_is_an_error():
    assert why("https://cdn.example.com/x.png", HTML, attribute="src") == (
        "the page would load a file from another host — save the file in docs/assets/ and link it relatively",
        "",
    )
    assert why("https://cdn.example.com/x.png", HTML, attribute="href") == ("", "")


def test_check_reports_orphans_backlinks_and_externals():
    links = [
        Link("index.md", "hub/index.md"),
        Link("hub/index.md", "article.md", generated=True),
        Link("hub/article.md", "other.md"),
        Link("hub/other.md", "https://example.com/"),
        Link("mkdocs.yml", "https://example.com/nav", NAV),
    ]
    report = check(links, INDEX, nav_pages=["ethics/index.md"])
    assert sorted(str(p) for p in report.problems) == [
        "docs/ethics/consent.md:1: orphan page: no other page and no navigation entry links to it — link to it from a related page",
        "docs/hub/Café notes.md:1: orphan page: no other page and no navigation entry links to it — link to it from a related page",
    ]
    assert report.backlinks == {"hub/index.md": {"index.md"}, "hub/other.md": {"hub/article.md"}}
    assert [link.target for link in report.external] == ["https://example.com/", "https://example.com/nav"]


def test_locate_finds_each_target_where_it_was_written():
    text = "Intro `other.md` in code.\nSee [a](other.md) and <a href='other.md'>b</a>.\n\n[ref]: ../x.md\n"
    assert locate(text, ["other.md", "other.md", "../x.md", "nowhere.md"], first_line=10) == [
        (11, 9),
        (11, 32),
        (13, 8),
        None,
    ]


# --- Whole builds --------------------------------------------------------------

BROKEN = article(
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
)


def test_every_broken_link_is_reported_at_its_line_and_column(site):
    result = site(
        minimal_site(
            **{
                "docs/hub/article.md": BROKEN,
                "docs/hub/other.md": article("Other", "## Section two\n\nBack to [article](article.md)."),
                "docs/ethics/index.md": page("Ethics", "[Consent](consent.md)\n\n<!-- articles -->"),
                "docs/ethics/consent.md": article("Consent", "Text."),
                "docs/assets/still.png": b"\x89PNG\r\n\x1a\n",
            }
        )
    )
    assert not result.ok
    assert result.problems == [
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
    assert result.errors[-1].startswith("9 errors — the build stopped before writing any page.")
    assert result.written_pages() == []


def test_tricky_valid_links_are_not_reported(site):
    result = site(
        minimal_site(
            **{
                "docs/hub/article.md": article(
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
                ),
                "docs/hub/other.md": article("Other", "## Section two\n\nA note[^1].\n\n[^1]: The note."),
                "docs/hub/Café notes.md": article("Café notes", "Notes."),
                "docs/ethics/index.md": page("Ethics", "<!-- articles -->"),
                "docs/assets/still.png": b"\x89PNG\r\n\x1a\n",
                "docs/assets/still@2x.png": b"\x89PNG\r\n\x1a\n",
                "docs/assets/call-sheet.png": b"\x89PNG\r\n\x1a\n",
            }
        )
    )
    assert result.ok, result.messages()
    html = result.html("hub/article/index.html")
    assert 'href="../../ethics/"' in html, "folder links are converted like page links"


def test_orphans_are_warnings_and_strict_stops_on_them(site):
    files = minimal_site(**{"docs/lonely.md": page("Lonely", "Nobody links here.")})
    result = site(files, config={"nav": ["index.md", "hub/index.md", "glossary.md"]})
    assert result.problems == [
        "docs/lonely.md:1: orphan page: no other page and no navigation entry links to it — link to it from a related page"
    ]
    assert not result.ok
    lenient = site(files, config={"nav": ["index.md", "hub/index.md", "glossary.md"]}, strict=False)
    assert lenient.ok and (lenient.site_dir / "lonely/index.html").exists()


def test_navigation_links_are_checked_in_mkdocs_yml(site):
    result = site(
        minimal_site(), config={"nav": ["index.md", "hub/index.md", {"Notes": "javascript:void(0)"}]}
    )
    assert (
        "mkdocs.yml:6:10: broken link 'javascript:void(0)': 'javascript:' links are not allowed — link to a page or an https:// address"
        in result.problems
    )


def test_one_annotation_per_broken_link_and_a_json_report(site, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("HUB_REPORT_JSON", str(tmp_path / "links.json"))
    result = site(
        minimal_site(
            **{
                "docs/hub/article.md": article(
                    "Article", "[x](othr.md) <https://example.org/>", read_next=["index.md"]
                )
            }
        )
    )
    assert not result.ok
    assert capsys.readouterr().out.splitlines() == [
        "::error file=docs/hub/article.md,line=11,col=5,title=broken-link::broken link 'othr.md': "
        "docs/hub/othr.md does not exist"
    ]
    report = json.loads((tmp_path / "links.json").read_text())
    assert report["problems"][0]["target"] == "othr.md"
    assert report["external_links"] == [
        {"url": "https://example.org/", "path": "docs/hub/article.md", "line": 11, "col": 15}
    ]
