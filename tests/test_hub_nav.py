"""Hub navigation: the hub's articles in the sidebar, previous and next, tab labels.

Pure tests for the sidebar's window and the hub order (filmhub.hub_nav),
then throwaway sites built the way the real one is: the navigation lists
the hubs only, and the hooks add each hub's articles.
"""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from filmhub import hub_nav
from filmhub.front_matter import FrontMatter
from filmhub.site import Site, SitePage
from sitebuilder import GLOSSARY_AI, article, build_site, hubs_in_nav, page

# --- The sidebar's window -------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "current", "expected"),
    [
        (0, None, range(0)),
        (5, 2, range(5)),
        (30, 29, range(30)),  # up to the limit: the whole hub
        (31, None, range(0, 11)),  # the hub page: the first ones
        (200, 100, range(95, 106)),  # the current one in the middle
        (200, 0, range(0, 11)),  # at the start: shifted, still 11
        (200, 3, range(0, 11)),
        (200, 199, range(189, 200)),  # at the end: shifted, still 11
        (200, 196, range(189, 200)),
    ],
)
def test_the_sidebar_shows_the_whole_hub_up_to_the_limit_then_the_nearest(count, current, expected):
    assert hub_nav.sibling_window(count, current) == expected


def test_the_window_never_grows_with_the_hub():
    assert {len(hub_nav.sibling_window(n, n // 2)) for n in (31, 100, 1_000, 100_000)} == {
        2 * hub_nav.NEAREST + 1
    }


# --- The hub's order, the sidebar's data, previous and next --------------------


def model(**articles: dict) -> Site:
    """A site with hubs 'post' and 'ethics'; `articles` maps 'hub/name' to front matter."""
    site = Site()
    for src, values in {
        "index.md": {"title": "Pillar"},
        "post/index.md": {"title": "Post-Production"},
        "ethics/index.md": {"title": "Ethics"},
        **{f"{name}.md": values for name, values in articles.items()},
    }.items():
        url = "" if src == "index.md" else src.removesuffix(".md").removesuffix("index") + "/"
        site.add(SitePage(src, f"docs/{src}", url.replace("//", "/"), front=FrontMatter(values=values)))
    return site


def four_articles() -> Site:
    return model(
        **{
            "post/zooms": {"title": "Zooms"},
            "post/editing": {"title": "Editing", "order": 2},
            "post/audio": {"title": "audio"},
            "post/subtitles": {"title": "Subtitles", "order": 1},
            "post/unfinished": {"title": "Unfinished", "draft": True},
            "ethics/consent": {"title": "Consent"},
        }
    )


def titles(pages) -> list[str]:
    return [p.title for p in pages]


def test_the_hub_order_is_order_then_title_without_drafts():
    order = hub_nav.HubOrder.of(four_articles())
    assert titles(order.articles["post"]) == ["Subtitles", "Editing", "audio", "Zooms"]
    assert titles(order.articles["ethics"]) == ["Consent"]
    assert order.place["post/audio.md"] == 2
    assert "post/unfinished.md" not in order.place


def test_the_sidebar_marks_the_current_article_among_its_hubs_articles():
    site = four_articles()
    shown = hub_nav.sidebar(site, hub_nav.HubOrder.of(site), site.pages["post/editing.md"])
    assert shown == {
        "index": "post/index.md",
        "title": "Post-Production",
        "url": "../",
        "count": 4,
        "complete": True,
        "articles": [
            {"title": "Subtitles", "url": "../subtitles/", "current": False},
            {"title": "Editing", "url": "./", "current": True},
            {"title": "audio", "url": "../audio/", "current": False},
            {"title": "Zooms", "url": "../zooms/", "current": False},
        ],
    }


def test_the_hub_page_lists_its_articles_with_none_current_and_other_pages_get_no_list():
    site = four_articles()
    order = hub_nav.HubOrder.of(site)
    on_hub = hub_nav.sidebar(site, order, site.pages["post/index.md"])
    assert [a["current"] for a in on_hub["articles"]] == [False] * 4
    assert hub_nav.sidebar(site, order, site.pages["index.md"]) is None


def test_a_hub_without_articles_gets_no_list_to_open():
    site = model(**{"post/unfinished": {"title": "Unfinished", "draft": True}})
    assert hub_nav.sidebar(site, hub_nav.HubOrder.of(site), site.pages["post/index.md"]) is None


def test_a_large_hub_shows_the_nearest_articles_and_says_how_many_there_are():
    site = model(**{f"post/a{n:03}": {"title": f"Article {n:03}"} for n in range(200)})
    shown = hub_nav.sidebar(site, hub_nav.HubOrder.of(site), site.pages["post/a150.md"])
    assert (shown["count"], shown["complete"]) == (200, False)
    assert [a["title"] for a in shown["articles"]] == [f"Article {n}" for n in range(145, 156)]
    assert [a["title"] for a in shown["articles"] if a["current"]] == ["Article 150"]


def test_previous_and_next_follow_the_hub_order():
    site = four_articles()
    order = hub_nav.HubOrder.of(site)
    assert hub_nav.pager(site, order, site.pages["post/editing.md"]) == {
        "hub": "Post-Production",
        "previous": {"title": "Subtitles", "url": "../subtitles/"},
        "next": {"title": "audio", "url": "../audio/"},
    }
    first = hub_nav.pager(site, order, site.pages["post/subtitles.md"])
    last = hub_nav.pager(site, order, site.pages["post/zooms.md"])
    assert (first["previous"], first["next"]["title"]) == (None, "Editing")
    assert (last["previous"]["title"], last["next"]) == ("audio", None)


@pytest.mark.parametrize(
    "src",
    ["ethics/consent.md", "post/unfinished.md", "post/index.md", "index.md"],
    ids=["alone-in-its-hub", "draft", "hub-page", "pillar"],
)
def test_pages_without_neighbours_in_a_hub_get_no_previous_or_next(src):
    site = four_articles()
    assert hub_nav.pager(site, hub_nav.HubOrder.of(site), site.pages[src]) is None


# --- Tab labels -----------------------------------------------------------------


def test_a_tab_label_that_is_not_the_hubs_title_is_a_problem_at_the_title():
    site = four_articles()
    nav = ["index.md", {"Post": ["post/index.md"]}, {"Ethics": "ethics/index.md"}, {"Other": [{"x": "y.md"}]}]
    problems = hub_nav.tab_label_problems(site, nav)
    assert [str(p) for p in problems] == [
        "docs/post/index.md:1: the hub's tab in mkdocs.yml says 'Post' but its title is 'Post-Production' — "
        "use the same words in the title and in mkdocs.yml's nav"
    ]


def test_matching_labels_and_a_navigation_made_from_the_files_are_fine():
    site = four_articles()
    assert hub_nav.tab_label_problems(site, [{"Post-Production": ["post/index.md"]}]) == []
    assert hub_nav.tab_label_problems(site, None) == []


# --- Built sites ----------------------------------------------------------------

HUBS_ONLY = hubs_in_nav(("Post-Production", "post"), ("Ethics", "ethics"))


def hub_site(post_articles: dict[str, str]) -> dict[str, str]:
    files = {
        "glossary/ai.yml": GLOSSARY_AI,
        "docs/index.md": page("Pillar", "The hubs:\n\n<!-- hubs -->"),
        "docs/post/index.md": page("Post-Production", "Articles:\n\n<!-- articles -->", order=1),
        "docs/ethics/index.md": page("Ethics", "Articles:\n\n<!-- articles -->", order=2),
        "docs/ethics/consent.md": article("Consent", "Text."),
    }
    files.update({f"docs/post/{name}.md": text for name, text in post_articles.items()})
    return files


def primary_nav(html: str) -> list[tuple[str, str, str | None]]:
    """(text, href, aria-current) of each link in the sidebar."""
    nav = LexborHTMLParser(html).css_first("nav.md-nav--primary")
    return [
        (" ".join(a.text().split()), a.attributes["href"], a.attributes.get("aria-current"))
        for a in nav.css("a.md-nav__link")
    ]


THREE_ARTICLES = {
    "editing": article("Editing", "Text.", order=1),
    "subtitles": article("Subtitles", "Text.", order=2),
    "audio": article("Audio", "Text.", order=3),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    result = build_site(tmp_path_factory.mktemp("hub-nav"), hub_site(THREE_ARTICLES), config=HUBS_ONLY)
    assert result.ok, result.messages()
    return result


def test_the_sidebar_lists_the_hubs_articles_and_marks_the_current_one(built):
    assert primary_nav(built.html("post/subtitles/index.html")) == [
        ("Pillar", "../..", None),
        ("Post-Production", "../", None),
        ("Editing", "../editing/", None),
        ("Subtitles", "./", "page"),
        ("Audio", "../audio/", None),
        ("Ethics", "../../ethics/", None),
        ("Glossary", "../../glossary/", None),
    ]
    assert primary_nav(built.html("post/index.html")) == [
        ("Pillar", "..", None),
        ("Post-Production", "./", "page"),
        ("Editing", "editing/", None),
        ("Subtitles", "subtitles/", None),
        ("Audio", "audio/", None),
        ("Ethics", "../ethics/", None),
        ("Glossary", "../glossary/", None),
    ]


def test_the_phone_menu_has_no_arrow_that_opens_nothing(built):
    nav = LexborHTMLParser(built.html("post/editing/index.html")).css_first("nav.md-nav--primary")
    assert nav.css("a .md-nav__icon") == [], "a link to another hub is not a sub-menu"
    # The current hub's "›" opens the panel that lists its articles, open on the hub's articles.
    (arrow,) = nav.css("label.md-nav__link .md-nav__icon")
    panel = arrow.parent.attributes["for"]
    assert "checked" in nav.css_first(f"input#{panel}").attributes, "open on the hub's page"
    panel_links = nav.css(f'nav[aria-labelledby="{panel}_label"] a')
    assert [a.text(strip=True) for a in panel_links] == ["Editing", "Subtitles", "Audio"]


def test_articles_end_with_previous_and_next_in_their_hub(built):
    def pager(path):
        nav = LexborHTMLParser(built.html(path)).css_first("nav.hub-pager")
        if nav is None:
            return None
        links = [
            (a.attributes["rel"], " ".join(a.text().split()), a.attributes["href"]) for a in nav.css("a")
        ]
        return nav.attributes["aria-label"], links

    assert pager("post/subtitles/index.html") == (
        "Previous and next in Post-Production",
        [("prev", "← Previous Editing", "../editing/"), ("next", "Next → Audio", "../audio/")],
    )
    assert pager("post/editing/index.html")[1] == [("next", "Next → Subtitles", "../subtitles/")]
    assert pager("post/audio/index.html")[1] == [("prev", "← Previous Subtitles", "../subtitles/")]
    assert pager("ethics/consent/index.html") is None, "alone in its hub"
    assert pager("post/index.html") is None


def big_hub(root, count: int):
    articles = {f"a{n:03}": article(f"Article {n:03}", "Text.") for n in range(count)}
    result = build_site(root, hub_site(articles), config=HUBS_ONLY)
    assert result.ok, result.messages()
    return result


def test_a_large_hub_keeps_each_articles_sidebar_bounded(tmp_path):
    # Past 30 articles the sidebar shows the nearest 11 (the window itself is tested above).
    result = big_hub(tmp_path / "big", 64)
    shown = {path: primary_nav(result.html(f"post/{path}/index.html")) for path in ("a000", "a032", "a063")}
    # Pillar, hub, 11 articles, the full list, the other hub, glossary: the same on every page.
    assert {len(links) for links in shown.values()} == {1 + 1 + 11 + 1 + 2}
    assert [text for text, _, _ in shown["a032"][2:13]] == [f"Article {n:03}" for n in range(27, 38)]
    assert shown["a032"][13] == ("All 64 articles in Post-Production", "../", None)
    assert [text for text, _, current in shown["a000"] if current] == ["Article 000"]
    assert [text for text, _, current in shown["a063"] if current] == ["Article 063"]
    # Flat: a page in the middle of a hub of 64 is the size of one in a hub of half as many.
    smaller = big_hub(tmp_path / "smaller", 32)
    assert len(result.html("post/a032/index.html")) == len(smaller.html("post/a016/index.html"))
