"""What readers' tools and search engines read: metadata, the feed, robots.txt.

Pure functions from the site model to data: the JSON-LD for a page (an
`Article` with its dates, and a `BreadcrumbList` for hub > article), the
Open Graph and Twitter card fields, the Atom feed of the latest articles,
and robots.txt. The markup for the page head is in overrides/main.html.
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as etree

from filmhub.site import ARTICLE, HUB, PILLAR, Site, SitePage
from filmhub.urls import absolute

ATOM = "http://www.w3.org/2005/Atom"
FEED_SRC_URI = "feed.xml"
ROBOTS_SRC_URI = "robots.txt"
# Feed readers want what is new, not the archive: the feed stays the same
# size however many articles the hub has.
FEED_ENTRIES = 50


def _timestamp(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def json_ld(site: Site, page: SitePage, site_url: str, site_name: str) -> list[dict]:
    """Structured data: the page itself, and where it sits in the hub."""
    url = absolute(site_url, page.url)
    kind = {ARTICLE: "Article", HUB: "CollectionPage", PILLAR: "Article"}.get(page.kind, "WebPage")
    item: dict = {
        "@context": "https://schema.org",
        "@type": kind,
        "headline" if kind == "Article" else "name": page.title,
        "description": page.description,
        "url": url,
        "mainEntityOfPage": url,
        "isPartOf": {"@type": "WebSite", "name": site_name, "url": absolute(site_url, "")},
    }
    if page.published:
        item["datePublished"] = page.published.isoformat()
    if page.updated:
        item["dateModified"] = page.updated.isoformat()
    data = [item]
    hub = site.hub_page(page.hub)
    if page.kind == ARTICLE and hub is not None:
        trail = [
            (site_name, absolute(site_url, "")),
            (hub.title, absolute(site_url, hub.url)),
            (page.title, url),
        ]
        data.append(
            {
                "@context": "https://schema.org",
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {"@type": "ListItem", "position": number, "name": name, "item": link}
                    for number, (name, link) in enumerate(trail, 1)
                ],
            }
        )
    return data


def social(page: SitePage, site_url: str, site_name: str) -> dict:
    """Open Graph and Twitter card fields."""
    return {
        "og:type": "article" if page.kind == ARTICLE else "website",
        "og:title": page.title,
        "og:description": page.description,
        "og:url": absolute(site_url, page.url),
        "og:site_name": site_name,
        "twitter:card": "summary",
        "twitter:title": page.title,
        "twitter:description": page.description,
    }


def atom_feed(site: Site, site_url: str, site_name: str, description: str) -> str:
    """An Atom feed of the FEED_ENTRIES most recently updated articles, newest first."""
    articles = sorted(
        (a for a in site.articles() if a.updated),
        key=lambda a: (a.updated, a.published or a.updated, a.title),
        reverse=True,
    )[:FEED_ENTRIES]
    # Atom as the default namespace, written as an attribute: registering a
    # prefix with ElementTree would change it for the whole process.
    feed = etree.Element("feed", xmlns=ATOM)

    def add(parent, tag, text=None, **attributes):
        element = etree.SubElement(parent, tag, attributes)
        element.text = text
        return element

    add(feed, "id", absolute(site_url, ""))
    add(feed, "title", site_name)
    add(feed, "subtitle", description)
    add(feed, "updated", _timestamp(articles[0].updated) if articles else "1970-01-01T00:00:00Z")
    add(feed, "link", rel="self", type="application/atom+xml", href=absolute(site_url, FEED_SRC_URI))
    add(feed, "link", rel="alternate", type="text/html", href=absolute(site_url, ""))
    author = add(feed, "author")
    add(author, "name", f"{site_name} contributors")
    for article in articles:
        entry = add(feed, "entry")
        url = absolute(site_url, article.url)
        add(entry, "id", url)
        add(entry, "title", article.title)
        add(entry, "link", rel="alternate", type="text/html", href=url)
        add(entry, "updated", _timestamp(article.updated))
        if article.published:
            add(entry, "published", _timestamp(article.published))
        add(entry, "summary", article.description)
        hub = site.hub_page(article.hub)
        if hub:
            add(entry, "category", term=article.hub, label=hub.title)
    etree.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + etree.tostring(feed, encoding="unicode") + "\n"


def robots_txt(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {absolute(site_url, 'sitemap.xml')}\n"
