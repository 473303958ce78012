"""Read Next cards, backlinks, and hub pages that list their own articles.

Two sites are built once each: one that builds, read by the tests of what
readers see, and one with every kind of bad Read Next list and marker, each
on its own page, whose problems the build reports at once.
"""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from sitebuilder import GLOSSARY_AI, BuildResult, article, build_site, hubs_in_nav, page

NAV = hubs_in_nav(("Ethics", "ethics"), ("Post-Production", "post"))


def two_hubs(**extra: str) -> dict[str, str]:
    """A pillar, two hubs and a few articles that point at each other."""
    files = {
        "glossary/ai.yml": GLOSSARY_AI,
        "docs/index.md": page("Pillar", "The hubs:\n\n<!-- hubs -->", read_next=["post/editing.md"]),
        "docs/post/index.md": page("Post-Production", "Articles:\n\n<!-- articles -->", order=2),
        "docs/ethics/index.md": page("Ethics", "Articles:\n\n<!-- articles -->", order=1),
        "docs/post/editing.md": article(
            "Editing Assistants",
            "## What they automate\n\nSee [consent](../ethics/consent.md) and [subtitles](subtitles.md).",
            description="What editing assistants do and what stays yours.",
            read_next=["ethics/consent.md#voice", "post/subtitles.md"],
            order=1,
        ),
        "docs/post/subtitles.md": article(
            "Subtitles", "Text.", description="Catching invented words.", read_next=["post/editing.md"]
        ),
        "docs/ethics/consent.md": article(
            "Consent",
            "## Voice\n\nText.",
            description="Getting consent for a digital replica.",
            read_next=["post/editing.md"],
        ),
    }
    files.update(extra)
    return files


def readable_site() -> dict[str, str]:
    """Two hubs, with an article the hub lists but nothing cites, a draft, and Read Next on a hub page."""
    return two_hubs(
        **{
            "docs/post/color.md": article("Colour Matching", "Text.", description="Matching shots."),
            "docs/post/draft.md": article("Unfinished", "Text.", draft=True),
            # On a hub page, Read Next leads out of the hub.
            "docs/post/index.md": page(
                "Post-Production", "Articles:\n\n<!-- articles -->", order=2, read_next=["ethics/consent.md"]
            ),
        }
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> BuildResult:
    result = build_site(tmp_path_factory.mktemp("read-next"), readable_site(), config=NAV)
    assert result.ok, result.messages()
    return result


def cards_of(html: str) -> list[dict[str, str]]:
    """The Read Next cards of a built page: each link's URL and the text of its parts."""
    cards = []
    for link in LexborHTMLParser(html).css("nav.hub-read-next a.hub-card__link"):
        card = {"url": link.attributes["href"]}
        for part in link.css("span"):
            card[part.attributes["class"].removeprefix("hub-card__")] = part.text(strip=True)
        cards.append(card)
    return cards


def backlinks_of(html: str) -> list[tuple[str, str]]:
    """(title, URL) of each page listed under 'Referenced by'."""
    return [
        (link.text(strip=True), link.attributes["href"])
        for link in LexborHTMLParser(html).css("aside.hub-backlinks li > a")
    ]


def hub_list_of(html: str) -> list[tuple[str, str, str]]:
    """(URL, title, meta line) of each entry of a hub list or of the pillar's list of hubs."""
    return [
        (
            item.css_first("a.hub-list__title").attributes["href"],
            item.css_first("a.hub-list__title").text(),
            item.css_first(".hub-list__meta").text(),
        )
        for item in LexborHTMLParser(html).css(".hub-list li.hub-list__item")
    ]


def test_cards_show_title_description_hub_and_relative_url(built):
    assert cards_of(built.html("post/editing/index.html")) == [
        {
            "url": "../../ethics/consent/#voice",
            "hub": "Ethics",
            "title": "Consent",
            "description": "Getting consent for a digital replica.",
        },
        {
            "url": "../subtitles/",
            "hub": "Post-Production",
            "title": "Subtitles",
            "description": "Catching invented words.",
        },
    ]
    assert [card["url"] for card in cards_of(built.html("index.html"))] == ["post/editing/"]


def test_backlinks_list_every_page_that_cites_this_one(built):
    # Cited by read_next (Pillar, Consent, Subtitles); hub lists don't count.
    assert backlinks_of(built.html("post/editing/index.html")) == [
        ("Consent", "../../ethics/consent/"),
        ("Pillar", "../../"),
        ("Subtitles", "../subtitles/"),
    ]
    # A hub page's Read Next cites too.
    assert backlinks_of(built.html("ethics/consent/index.html")) == [
        ("Editing Assistants", "../../post/editing/"),
        ("Post-Production", "../../post/"),
    ]


def test_hub_pages_list_their_articles_in_order_without_being_edited(built):
    # By order, then title; the draft is not listed.
    assert hub_list_of(built.html("post/index.html")) == [
        ("editing/", "Editing Assistants", "Updated 13 January 2026"),
        ("color/", "Colour Matching", "Updated 13 January 2026"),
        ("subtitles/", "Subtitles", "Updated 13 January 2026"),
    ]
    (time,) = LexborHTMLParser(built.html("post/index.html")).css(".hub-list__item:first-child time")
    assert time.attributes == {"datetime": "2026-01-13"}


def test_the_pillar_lists_the_hubs_with_their_article_counts(built):
    assert hub_list_of(built.html("index.html")) == [
        ("ethics/", "Ethics", "1 article"),
        ("post/", "Post-Production", "3 articles"),
    ]


def test_read_next_on_a_hub_page_leads_out_of_the_hub(built):
    assert [card["title"] for card in cards_of(built.html("post/index.html"))] == ["Consent"]


def test_articles_sit_under_their_hubs_tab(built):
    tree = LexborHTMLParser(built.html("post/subtitles/index.html"))
    (active_tab,) = tree.css(".md-tabs__item--active > a")
    assert active_tab.attributes["href"] == "../"
    assert [a.text(strip=True) for a in tree.css(".md-path a")] == ["Pillar", "Post-Production"], (
        "breadcrumbs show the hub"
    )


def test_two_builds_in_one_process_do_not_share_cards(built, tmp_path):
    lean = readable_site()
    lean["docs/ethics/consent.md"] = article("Consent", "## Voice", read_next=["post/subtitles.md"])
    second = build_site(tmp_path / "lean", lean, config=NAV)
    assert second.ok, second.messages()
    assert backlinks_of(second.html("post/editing/index.html")) == [
        ("Pillar", "../../"),
        ("Subtitles", "../subtitles/"),
    ]
    again = build_site(tmp_path / "again", readable_site(), config=NAV)
    page = "post/editing/index.html"
    assert (cards_of(again.html(page)), backlinks_of(again.html(page))) == (
        cards_of(built.html(page)),
        backlinks_of(built.html(page)),
    )


# --- Bad Read Next lists and markers: one page each, in one site -----------------------------

# Each page's read_next (None: no read_next at all) and the problem the build gives for it;
# PAGE stands for the page's own path. Line 7 is read_next's first entry.
BAD_READ_NEXT = {
    "missing": (
        None,
        "docs/PAGE:1: missing 'read_next' — list 1 to 4 pages a reader should go to next, e.g. "
        "read_next: [post-production/ai-editing-assistants.md]",
    ),
    "empty": ([], "docs/PAGE:6: 'read_next' is empty — list 1 to 4 pages a reader should go to next"),
    "not-a-list": (
        "post/editing.md",
        "docs/PAGE:6: 'read_next' must be a list of page paths from docs/, e.g. "
        "read_next: [post-production/ai-editing-assistants.md]",
    ),
    "five": (
        ["post/editing.md", "ethics/consent.md", "index.md", "post/index.md", "ethics/index.md"],
        "docs/PAGE:11: 'read_next' has 5 entries — keep the best 4",
    ),
    "itself": (
        ["PAGE"],
        "docs/PAGE:7:5: read_next entry 'PAGE' is this page itself — pick another page",
    ),
    "twice": (
        ["post/editing.md", "post/editing.md"],
        "docs/PAGE:8:5: read_next lists 'post/editing.md' twice (first on line 7) — keep one",
    ),
    "outside": (
        ["https://example.org/"],
        "docs/PAGE:7:5: read_next entry 'https://example.org/' is not a page of this site — give a "
        "path from docs/, such as ethics/disclosure.md; link outside sources in the text",
    ),
    "picture": (
        ["assets/diagram.svg"],
        "docs/PAGE:7:5: read_next entry 'assets/diagram.svg' is not a page — give the path of a .md "
        "file from docs/",
    ),
    "typo": (
        ["post/editng.md"],
        "docs/PAGE:7:5: broken link 'post/editng.md': docs/post/editng.md does not exist "
        "(did you mean 'post/editing.md'?)",
    ),
    "anchor": (
        ["ethics/consent.md#voise"],
        "docs/PAGE:7:5: broken link 'ethics/consent.md#voise': docs/ethics/consent.md has no heading "
        "or id 'voise' (did you mean 'ethics/consent.md#voice'?)",
    ),
    "to-draft": (
        ["post/draft.md"],
        "docs/PAGE:7:5: broken link 'post/draft.md': docs/post/draft.md is a draft and is not "
        "published — link to it once it is",
    ),
}
HUB_REPEATS_ITS_LIST = (
    "docs/post/index.md:7:5: read_next entry 'post/editing.md#what-they-automate' is already in this hub's "
    "list of articles — on a hub page, point to pages outside the hub"
)
MARKERS = [
    "docs/ethics/index.md:8: this hub page does not list its articles — add a line '<!-- articles -->' where the "
    "list should go",
    "docs/post/markers.md:11: the articles marker only works on the hub pages — remove it here",
    "docs/post/markers.md:13: unknown marker '<!-- definiton: ai -->' — did you mean '<!-- definition: ai -->'?",
]


def bad_page(name: str) -> str:
    read_next, _ = BAD_READ_NEXT[name]
    fields = {"description": f"What the {name} case shows."}
    if read_next is not None:
        fields["read_next"] = (
            read_next
            if isinstance(read_next, str)
            else [f"post/{name}.md" if entry == "PAGE" else entry for entry in read_next]
        )
    return page(f"Case {name}", "Text.", **fields)


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> BuildResult:
    files = two_hubs(
        **{f"docs/post/{name}.md": bad_page(name) for name in BAD_READ_NEXT},
        **{
            "docs/post/draft.md": article("Draft", draft=True),
            "docs/post/index.md": page(
                "Post-Production",
                "Articles:\n\n<!-- articles -->",
                read_next=["post/editing.md#what-they-automate"],
            ),
            "docs/ethics/index.md": page("Ethics", "No list here."),
            "docs/post/markers.md": article("Markers", "<!-- articles -->\n\n<!-- definiton: ai -->"),
        },
    )
    return build_site(tmp_path_factory.mktemp("read-next-broken"), files)


def problems_in(result: BuildResult, src: str) -> list[str]:
    return [problem for problem in result.problems if problem.startswith(f"docs/{src}:")]


@pytest.mark.parametrize("name", BAD_READ_NEXT)
def test_a_bad_read_next_fails_the_build_at_its_line(broken, name):
    expected = BAD_READ_NEXT[name][1].replace("PAGE", f"post/{name}.md")
    assert problems_in(broken, f"post/{name}.md") == [expected]


def test_read_next_on_a_hub_page_never_repeats_the_hubs_own_list(broken):
    assert problems_in(broken, "post/index.md") == [HUB_REPEATS_ITS_LIST]


def test_markers_are_checked(broken):
    assert problems_in(broken, "ethics/index.md") + problems_in(broken, "post/markers.md") == MARKERS


def test_all_read_next_and_marker_problems_are_reported_at_once_and_no_page_is_written(broken):
    assert not broken.ok
    every_case = [problem.replace("PAGE", f"post/{name}.md") for name, (_, problem) in BAD_READ_NEXT.items()]
    assert broken.problems == sorted([*every_case, HUB_REPEATS_ITS_LIST, *MARKERS], key=_by_place)
    assert broken.written_pages() == []


def _by_place(problem: str) -> tuple:
    where = problem.split(": ", 1)[0].split(":")
    return (where[0], *(int(number) for number in where[1:]))
