"""Hub lists: hub pages list their own articles; the pillar guide lists the hubs.

A writer adding an article never edits a hub page: the hub page's
`<!-- articles -->` marker becomes the list of every published article in
the folder (ordered by `order`, then title), and the pillar guide's
`<!-- hubs -->` marker becomes the hubs with their article counts. This
module gathers the data; the markup is in overrides/partials/.
"""

from __future__ import annotations

from filmhub.problems import Problem
from filmhub.site import HUB, PILLAR, Site, SitePage, display_date
from filmhub.urls import href

REQUIRED_MARKER = {HUB: "articles", PILLAR: "hubs"}  # page kind -> its list marker


def marker_problems(site: Site) -> list[Problem]:
    """Hub pages need their list marker and the pillar guide its hubs marker; no
    other page can use them."""
    problems = []
    for page in site.pages.values():
        for name, kind in ((name, kind) for kind, name in REQUIRED_MARKER.items() if kind != page.kind):
            for marker in page.markers_named(name):
                problems.append(
                    Problem(
                        page.path,
                        marker.line,
                        f"the {name} marker only works on the {kind} page{'s' if kind == HUB else ''} — remove it here",
                        kind="marker",
                    )
                )
        name = REQUIRED_MARKER.get(page.kind)
        if name and page.front.read and not page.markers_named(name):
            what = "its articles" if page.kind == HUB else "the hubs"
            problems.append(
                Problem(
                    page.path,
                    page.front.body_line,
                    f"this {page.kind} page does not list {what} — add a line '<!-- {name} -->' where the list should go",
                    kind="marker",
                )
            )
    return problems


def articles_of(site: Site, hub_page: SitePage) -> list[dict]:
    """The hub's published articles, as the article list shows them."""
    return [
        {
            "title": article.title,
            "description": article.description,
            "url": href(hub_page, article),
            "updated": display_date(article.updated) if article.updated else "",
            "updated_iso": article.updated.isoformat() if article.updated else "",
        }
        for article in site.articles(hub_page.hub)
    ]


def hubs_of(site: Site, page: SitePage) -> list[dict]:
    """Each hub with its description and number of articles, for the pillar guide."""
    return [
        {
            "title": hub.title,
            "description": hub.description,
            "url": href(page, hub),
            "count": len(site.articles(hub.hub)),
        }
        for hub in site.hubs
    ]
