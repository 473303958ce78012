"""What readers' tools and search engines get: head tags, JSON-LD, sitemap, feed, robots.txt, 404."""

from __future__ import annotations

import datetime
import json
import xml.etree.ElementTree as etree

import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode

from filmhub import front_matter, seo
from filmhub import site as site_model
from sitebuilder import SITE_URL, article, build_site, hubs_in_nav, minimal_site, page

ATOM = "{http://www.w3.org/2005/Atom}"


def site_files():
    return minimal_site(
        **{
            "docs/hub/article.md": article(
                "Article",
                "Text.",
                description="What the article gives the reader.",
                read_next=["hub/newer.md"],
                published="2026-01-09",
                updated="2026-02-01",
            ),
            "docs/hub/newer.md": article("Newer", "Text.", published="2026-03-01", updated="2026-03-05"),
            "docs/hub/draft.md": article("Draft", "Text.", draft=True),
            "docs/about.md": page("About", "About the hub."),
        }
    )


# The hubs in the navigation, as the real site has them; About is a page outside the hubs.
NAV = hubs_in_nav(("Hub", "hub"), after=("about.md",))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    result = build_site(tmp_path_factory.mktemp("seo"), site_files(), config=NAV)
    assert result.ok, result.messages()
    return result


def head_of(result, path: str) -> LexborNode:
    return LexborHTMLParser(result.html(path)).head


def json_ld(result, path: str) -> list[dict]:
    (script,) = head_of(result, path).css('script[type="application/ld+json"]')
    return json.loads(script.text())


def test_each_page_has_its_title_description_canonical_and_social_tags(built):
    head = head_of(built, "hub/article/index.html")
    assert head.css_first("title").text() == "Article - AI Filmmaking Hub"
    assert (
        head.css_first('meta[name="description"]').attributes["content"]
        == "What the article gives the reader."
    )
    assert head.css_first('link[rel="canonical"]').attributes["href"] == f"{SITE_URL}hub/article/"
    social = [
        (meta.attributes.get("property") or meta.attributes["name"], meta.attributes["content"])
        for meta in head.css('meta[property^="og:"], meta[name^="twitter:"]')
    ]
    assert social == [
        ("og:type", "article"),
        ("og:title", "Article"),
        ("og:description", "What the article gives the reader."),
        ("og:url", f"{SITE_URL}hub/article/"),
        ("og:site_name", "AI Filmmaking Hub"),
        ("twitter:card", "summary"),
        ("twitter:title", "Article"),
        ("twitter:description", "What the article gives the reader."),
    ]
    (feed,) = head.css('link[type="application/atom+xml"]')
    assert feed.attributes == {
        "rel": "alternate feed",
        "type": "application/atom+xml",
        "title": "AI Filmmaking Hub: new and updated articles",
        "href": "../../feed.xml",
    }
    pages = ("index.html", "hub/index.html", "hub/article/index.html", "hub/newer/index.html")
    assert [head_of(built, p).css_first("title").text() for p in pages] == [
        "Pillar - AI Filmmaking Hub",
        "Hub - AI Filmmaking Hub",
        "Article - AI Filmmaking Hub",
        "Newer - AI Filmmaking Hub",
    ], "every page has its own title"


def test_articles_carry_article_and_breadcrumb_json_ld(built):
    article_ld, breadcrumbs = json_ld(built, "hub/article/index.html")
    assert article_ld["@type"] == "Article"
    assert article_ld["headline"] == "Article"
    assert article_ld["description"] == "What the article gives the reader."
    assert (article_ld["datePublished"], article_ld["dateModified"]) == ("2026-01-09", "2026-02-01")
    assert [(i["position"], i["name"], i["item"]) for i in breadcrumbs["itemListElement"]] == [
        (1, "AI Filmmaking Hub", SITE_URL),
        (2, "Hub", f"{SITE_URL}hub/"),
        (3, "Article", f"{SITE_URL}hub/article/"),
    ]


def test_the_sitemap_dates_each_page_by_its_updated_date(built):
    sitemap = etree.fromstring((built.site_dir / "sitemap.xml").read_bytes())
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    entries = {u.find(f"{ns}loc").text: getattr(u.find(f"{ns}lastmod"), "text", None) for u in sitemap}
    assert entries[f"{SITE_URL}hub/article/"] == "2026-02-01"
    assert entries[f"{SITE_URL}hub/newer/"] == "2026-03-05"
    assert f"{SITE_URL}hub/draft/" not in entries


def test_the_feed_lists_articles_newest_first_and_parses(built):
    feed = etree.fromstring((built.site_dir / "feed.xml").read_bytes())
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}updated").text == "2026-03-05T00:00:00Z"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == f"{SITE_URL}feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Newer", "Article"]
    first = entries[1]
    assert first.find(f"{ATOM}id").text == f"{SITE_URL}hub/article/"
    assert first.find(f"{ATOM}summary").text == "What the article gives the reader."
    assert first.find(f"{ATOM}published").text == "2026-01-09T00:00:00Z"
    assert first.find(f"{ATOM}category").get("label") == "Hub"
    for entry in entries:  # every entry has what Atom requires
        assert entry.find(f"{ATOM}id") is not None and entry.find(f"{ATOM}updated") is not None


def test_robots_txt_points_to_the_sitemap(built):
    assert (
        built.site_dir / "robots.txt"
    ).read_text() == f"User-agent: *\nAllow: /\n\nSitemap: {SITE_URL}sitemap.xml\n"


def test_the_404_page_offers_ways_back_in(built):
    content = LexborHTMLParser(built.html("404.html")).css_first("article.md-content__inner")
    assert content.css_first("h1").text() == "This page is not here"
    assert [(a.attributes["href"], a.text()) for a in content.css("li > a")] == [
        ("/guide/", "The pillar guide: AI for filmmaking"),
        ("/guide/hub/", "Hub"),
        ("/guide/glossary/", "The glossary"),
    ]


def test_a_page_outside_the_hubs_is_a_web_page(built):
    assert [data["@type"] for data in json_ld(built, "about/index.html")] == ["WebPage"]


def test_the_feed_holds_the_fifty_latest_articles_whatever_the_hub_holds():
    hub = site_model.Site()
    for src, title in (("index.md", "Pillar"), ("hub/index.md", "Hub")):
        hub.add(_model_page(src, page(title, "Text.")))
    for day in range(1, 61):  # 60 articles, one updated each day of March and April
        updated = datetime.date(2026, 3, 1) + datetime.timedelta(days=day - 1)
        text = article(f"Day {day}", "Text.", published="2026-01-09", updated=updated.isoformat())
        hub.add(_model_page(f"hub/day-{day}.md", text))
    feed = etree.fromstring(seo.atom_feed(hub, SITE_URL, "Hub", "About."))
    titles = [entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")]
    assert seo.FEED_ENTRIES == 50
    assert titles == [f"Day {day}" for day in range(60, 10, -1)]
    assert feed.find(f"{ATOM}updated").text == "2026-04-29T00:00:00Z"


def _model_page(src_uri: str, text: str) -> site_model.SitePage:
    model = site_model.SitePage(src_uri, f"docs/{src_uri}", src_uri.replace(".md", "/"))
    model.front, problems = front_matter.parse(text, model.path)
    assert problems == []
    return model
