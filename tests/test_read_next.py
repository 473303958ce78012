"""Read Next cards, backlinks, and hub pages that list their own articles."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from sitebuilder import GLOSSARY_AI, article, build_site, page


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


class _Cards(HTMLParser):
    """The Read Next cards and the backlinks of a built page."""

    def __init__(self) -> None:
        super().__init__()
        self.cards: list[dict] = []
        self.backlinks: list[tuple[str, str]] = []
        self._where, self._field, self._href = "", "", ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = attrs.get("class", "")
        if "hub-read-next" in classes:
            self._where = "cards"
        elif "hub-backlinks" in classes:
            self._where = "backlinks"
        elif self._where == "cards" and tag == "a":
            self.cards.append({"url": attrs["href"]})
        elif self._where == "cards" and tag == "span":
            self._field = classes.removeprefix("hub-card__")
        elif self._where == "backlinks" and tag == "a":
            self._href = attrs["href"]

    def handle_data(self, data):
        if self._field and data.strip():
            self.cards[-1][self._field] = data.strip()
            self._field = ""
        elif self._href and data.strip():
            self.backlinks.append((data.strip(), self._href))
            self._href = ""

    def handle_endtag(self, tag):
        if tag in ("nav", "aside"):
            self._where = ""


def cards_of(html: str) -> _Cards:
    parser = _Cards()
    parser.feed(html)
    return parser


def test_cards_show_title_description_hub_and_relative_url(site):
    result = site(two_hubs())
    assert result.ok, result.messages()
    cards = cards_of(result.html("post/editing/index.html")).cards
    assert cards == [
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
    home = cards_of(result.html("index.html")).cards
    assert home[0]["url"] == "post/editing/"


def test_backlinks_list_every_page_that_cites_this_one(site):
    result = site(two_hubs())
    backlinks = cards_of(result.html("post/editing/index.html")).backlinks
    # Cited by read_next (Pillar, Consent, Subtitles); hub lists don't count.
    assert backlinks == [
        ("Consent", "../../ethics/consent/"),
        ("Pillar", "../../"),
        ("Subtitles", "../subtitles/"),
    ]
    consent = cards_of(result.html("ethics/consent/index.html")).backlinks
    assert consent == [("Editing Assistants", "../../post/editing/")]


def test_hub_pages_list_their_articles_in_order_without_being_edited(site):
    files = two_hubs(
        **{
            "docs/post/color.md": article("Colour Matching", "Text.", description="Matching shots."),
            "docs/post/draft.md": article("Unfinished", "Text.", draft=True),
        }
    )
    result = site(files)
    assert result.ok, result.messages()
    listed = re.findall(r'class="hub-list__title" href="([^"]+)">([^<]+)<', result.html("post/index.html"))
    assert listed == [
        ("editing/", "Editing Assistants"),
        ("color/", "Colour Matching"),
        ("subtitles/", "Subtitles"),
    ]
    assert 'Updated <time datetime="2026-01-13">13 January 2026</time>' in result.html("post/index.html")


def test_the_pillar_lists_the_hubs_with_their_article_counts(site):
    result = site(two_hubs())
    html = result.html("index.html")
    hubs = re.findall(r'class="hub-list__title" href="([^"]+)">([^<]+)<', html)
    assert hubs == [("ethics/", "Ethics"), ("post/", "Post-Production")]
    assert re.findall(r'class="hub-list__meta">([^<]+)<', html) == ["1 article", "2 articles"]


@pytest.mark.parametrize(
    ("read_next", "expected"),
    [
        (
            None,
            "docs/post/subtitles.md:1: missing 'read_next' — list 1 to 4 pages a reader should go to next, e.g. "
            "read_next: [post-production/ai-editing-assistants.md]",
        ),
        ([], "docs/post/subtitles.md:6: 'read_next' is empty — list 1 to 4 pages a reader should go to next"),
        (
            "post/editing.md",
            "docs/post/subtitles.md:6: 'read_next' must be a list of page paths from docs/, e.g. "
            "read_next: [post-production/ai-editing-assistants.md]",
        ),
        (
            ["post/editing.md", "ethics/consent.md", "index.md", "post/index.md", "ethics/index.md"],
            "docs/post/subtitles.md:11: 'read_next' has 5 entries — keep the best 4",
        ),
        (
            ["post/subtitles.md"],
            "docs/post/subtitles.md:7:5: read_next entry 'post/subtitles.md' is this page itself — pick another page",
        ),
        (
            ["post/editing.md", "post/editing.md"],
            "docs/post/subtitles.md:8:5: read_next lists 'post/editing.md' twice (first on line 7) — keep one",
        ),
        (
            ["https://example.org/"],
            "docs/post/subtitles.md:7:5: read_next entry 'https://example.org/' is not a page of this site — give a "
            "path from docs/, such as ethics/disclosure.md; link outside sources in the text",
        ),
        (
            ["assets/diagram.svg"],
            "docs/post/subtitles.md:7:5: read_next entry 'assets/diagram.svg' is not a page — give the path of a .md "
            "file from docs/",
        ),
        (
            ["post/editng.md"],
            "docs/post/subtitles.md:7:5: broken link 'post/editng.md': docs/post/editng.md does not exist "
            "(did you mean 'post/editing.md'?)",
        ),
        (
            ["ethics/consent.md#voise"],
            "docs/post/subtitles.md:7:5: broken link 'ethics/consent.md#voise': docs/ethics/consent.md has no heading "
            "or id 'voise' (did you mean 'ethics/consent.md#voice'?)",
        ),
        (
            ["post/draft.md"],
            "docs/post/subtitles.md:7:5: broken link 'post/draft.md': docs/post/draft.md is a draft and is not "
            "published — link to it once it is",
        ),
    ],
)
def test_a_bad_read_next_fails_the_build_at_its_line(site, read_next, expected):
    fields = {"description": "Catching invented words."}
    if read_next is not None:
        fields["read_next"] = read_next
    subtitles = page("Subtitles", "Text.", **fields)
    result = site(
        two_hubs(**{"docs/post/subtitles.md": subtitles, "docs/post/draft.md": article("Draft", draft=True)})
    )
    assert not result.ok
    assert result.problems == [expected]
    assert result.written_pages() == []


def test_read_next_on_a_hub_page_never_repeats_the_hubs_own_list(site):
    hub = page(
        "Post-Production", "Articles:\n\n<!-- articles -->", read_next=["post/editing.md#what-they-automate"]
    )
    result = site(two_hubs(**{"docs/post/index.md": hub}))
    assert result.problems == [
        "docs/post/index.md:7:5: read_next entry 'post/editing.md#what-they-automate' is already in this hub's "
        "list of articles — on a hub page, point to pages outside the hub"
    ]
    leading_out = page("Post-Production", "Articles:\n\n<!-- articles -->", read_next=["ethics/consent.md"])
    result = site(two_hubs(**{"docs/post/index.md": leading_out}))
    assert result.ok, result.messages()
    assert [card["title"] for card in cards_of(result.html("post/index.html")).cards] == ["Consent"]


def test_all_read_next_problems_are_reported_at_once(site):
    files = two_hubs(
        **{
            "docs/post/subtitles.md": article("Subtitles", read_next=["post/subtitles.md"]),
            "docs/ethics/consent.md": article("Consent", "## Voice", read_next=["missing.md"]),
        }
    )
    result = site(files)
    assert [p.split(": ")[0] for p in result.problems] == [
        "docs/ethics/consent.md:7:5",
        "docs/post/subtitles.md:7:5",
    ]


def test_markers_are_checked(site):
    files = two_hubs(
        **{
            "docs/ethics/index.md": page("Ethics", "No list here."),
            "docs/post/subtitles.md": article("Subtitles", "<!-- articles -->\n\n<!-- definiton: ai -->"),
        }
    )
    result = site(files)
    assert result.problems == [
        "docs/ethics/index.md:8: this hub page does not list its articles — add a line '<!-- articles -->' where the "
        "list should go",
        "docs/post/subtitles.md:11: the articles marker only works on the hub pages — remove it here",
        "docs/post/subtitles.md:13: unknown marker '<!-- definiton: ai -->' — did you mean '<!-- definition: ai -->'?",
    ]


def test_articles_sit_under_their_hubs_tab(site):
    nav = ["index.md", {"Ethics": ["ethics/index.md"]}, {"Post-Production": ["post/index.md"]}, "glossary.md"]
    result = site(two_hubs(), config={"nav": nav, "not_in_nav": "/*/*.md"})
    assert result.ok, result.messages()
    html = result.html("post/subtitles/index.html")
    active_tab = re.search(r'md-tabs__item--active">\s*<a href="([^"]+)"', html)
    assert active_tab and active_tab.group(1) == "../"
    assert 'class="md-path"' in html, "breadcrumbs show the hub"


def test_two_builds_in_one_process_do_not_share_cards(tmp_path):
    first = build_site(tmp_path / "a", two_hubs())
    lean = two_hubs(
        **{"docs/ethics/consent.md": article("Consent", "## Voice", read_next=["post/subtitles.md"])}
    )
    second = build_site(tmp_path / "b", lean)
    assert first.ok and second.ok
    assert ("Consent", "../../ethics/consent/") in cards_of(first.html("post/editing/index.html")).backlinks
    assert ("Consent", "../../ethics/consent/") not in cards_of(
        second.html("post/editing/index.html")
    ).backlinks
    again = cards_of(build_site(tmp_path / "c", two_hubs()).html("post/editing/index.html"))
    before = cards_of(first.html("post/editing/index.html"))
    assert (again.cards, again.backlinks) == (before.cards, before.backlinks)
    assert before.cards and before.backlinks
