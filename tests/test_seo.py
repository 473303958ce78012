"""What readers' tools and search engines get: head tags, JSON-LD, sitemap, feed, robots.txt, 404."""

from __future__ import annotations

import datetime
import json
import re
import xml.etree.ElementTree as etree

from filmhub import front_matter, seo
from filmhub import site as site_model
from sitebuilder import SITE_URL, article, minimal_site, page

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
        }
    )


def head_of(html: str) -> str:
    return html.split("</head>", 1)[0]


def test_each_page_has_its_title_description_canonical_and_social_tags(site):
    result = site(site_files())
    assert result.ok, result.messages()
    head = head_of(result.html("hub/article/index.html"))
    assert "<title>Article - AI Filmmaking Hub</title>" in head
    assert '<meta name="description" content="What the article gives the reader.">' in head
    assert f'<link rel="canonical" href="{SITE_URL}hub/article/">' in head
    assert '<meta property="og:type" content="article">' in head
    assert f'<meta property="og:url" content="{SITE_URL}hub/article/">' in head
    assert '<meta name="twitter:card" content="summary">' in head
    assert (
        '<link rel="alternate feed" type="application/atom+xml" title="AI Filmmaking Hub: new and updated articles" href="../../feed.xml">'
        in head
    )
    titles = {
        re.search(r"<title>(.*?)</title>", result.html(p)).group(1)
        for p in ("index.html", "hub/index.html", "hub/article/index.html", "hub/newer/index.html")
    }
    assert len(titles) == 4, "every page has its own title"


def test_articles_carry_article_and_breadcrumb_json_ld(site):
    result = site(site_files())
    head = head_of(result.html("hub/article/index.html"))
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', head, re.S).group(1))
    article_ld, breadcrumbs = data
    assert article_ld["@type"] == "Article"
    assert article_ld["headline"] == "Article"
    assert article_ld["description"] == "What the article gives the reader."
    assert (article_ld["datePublished"], article_ld["dateModified"]) == ("2026-01-09", "2026-02-01")
    assert [(i["position"], i["name"], i["item"]) for i in breadcrumbs["itemListElement"]] == [
        (1, "AI Filmmaking Hub", SITE_URL),
        (2, "Hub", f"{SITE_URL}hub/"),
        (3, "Article", f"{SITE_URL}hub/article/"),
    ]


def test_the_sitemap_dates_each_page_by_its_updated_date(site):
    result = site(site_files())
    sitemap = etree.fromstring((result.site_dir / "sitemap.xml").read_bytes())
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    entries = {u.find(f"{ns}loc").text: getattr(u.find(f"{ns}lastmod"), "text", None) for u in sitemap}
    assert entries[f"{SITE_URL}hub/article/"] == "2026-02-01"
    assert entries[f"{SITE_URL}hub/newer/"] == "2026-03-05"
    assert f"{SITE_URL}hub/draft/" not in entries


def test_the_feed_lists_articles_newest_first_and_parses(site):
    result = site(site_files())
    feed = etree.fromstring((result.site_dir / "feed.xml").read_bytes())
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


def test_robots_txt_points_to_the_sitemap(site):
    result = site(site_files())
    assert (
        result.site_dir / "robots.txt"
    ).read_text() == f"User-agent: *\nAllow: /\n\nSitemap: {SITE_URL}sitemap.xml\n"


def test_the_404_page_offers_ways_back_in(site):
    nav = ["index.md", {"Hub": ["hub/index.md"]}, "glossary.md"]
    result = site(site_files(), config={"nav": nav, "not_in_nav": "/*/*.md"})
    assert result.ok, result.messages()
    html = result.html("404.html")
    assert "<h1>This page is not here</h1>" in html
    assert re.findall(r'<li><a href="([^"]+)">', html.split("<h1>This page is not here</h1>")[1])[:3] == [
        "/guide/",
        "/guide/hub/",
        "/guide/glossary/",
    ]


def test_a_page_outside_the_hubs_is_a_web_page(site):
    result = site(minimal_site(**{"docs/about.md": page("About", "About the hub.")}), config={"nav": None})
    data = json.loads(re.search(r'ld\+json">(.*?)</script>', result.html("about/index.html"), re.S).group(1))
    assert [d["@type"] for d in data] == ["WebPage"]


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
