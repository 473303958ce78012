"""Hub navigation: from any page of a hub to its other articles.

The site's navigation lists the hubs, not the articles (listing every
article on every page would make the build grow with the square of the page
count). This module gives each page of a hub what a reader needs to move on:

- the sidebar: the hub's articles in the hub's order (`order`, then title),
  the current one marked; above SIDEBAR_LIMIT articles only the nearest ones
  and a link to the hub page's full list, so no page's HTML grows with its hub;
- previous and next: the neighbours of an article in that same order.

It also checks that a tab's label in mkdocs.yml is the hub's title, so the
tab and the page name the hub in the same words. The markup is in
overrides/partials/hub-nav.html and hub-pager.html.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from filmhub.problems import Problem
from filmhub.site import ARTICLE, HUB, Site, SitePage, listing_key
from filmhub.urls import href

# Up to this many articles, the sidebar lists the whole hub.
SIDEBAR_LIMIT = 30
# Above it, the current article and this many either side.
NEAREST = 5


def sibling_window(
    count: int, current: int | None, limit: int = SIDEBAR_LIMIT, nearest: int = NEAREST
) -> range:
    """Which of a hub's `count` articles the sidebar shows, around the `current` one.

    All of them up to `limit`; above it, a run of 2 × `nearest` + 1 around
    the current article (shifted to stay inside the list), or the first ones
    when no article is current (on the hub page).
    """
    if count <= limit:
        return range(count)
    size = 2 * nearest + 1
    start = 0 if current is None else min(max(current - nearest, 0), count - size)
    return range(start, start + size)


@dataclass(frozen=True)
class HubOrder:
    """Each hub's published articles in listing order, and each article's place."""

    articles: dict[str, list[SitePage]] = field(default_factory=dict)
    place: dict[str, int] = field(default_factory=dict)  # src_uri -> index in its hub's list

    @classmethod
    def of(cls, site: Site) -> HubOrder:
        articles: dict[str, list[SitePage]] = {hub.hub: [] for hub in site.hubs}
        for page in site.pages.values():
            if page.kind == ARTICLE and not page.draft and page.hub in articles:
                articles[page.hub].append(page)
        for pages in articles.values():
            pages.sort(key=listing_key)
        place = {page.src_uri: index for pages in articles.values() for index, page in enumerate(pages)}
        return cls(articles, place)


def _link(page: SitePage, target: SitePage) -> dict:
    return {"title": target.title, "url": href(page, target)}


def sidebar(site: Site, order: HubOrder, page: SitePage) -> dict | None:
    """The hub's articles as the sidebar shows them on `page`, or None outside a
    hub or in a hub with no articles yet (a menu panel must not open on nothing)."""
    hub = site.hub_page(page.hub)
    articles = order.articles.get(page.hub, [])
    if hub is None or page.kind not in (HUB, ARTICLE) or not articles:
        return None
    current = order.place.get(page.src_uri) if page.kind == ARTICLE else None
    shown = sibling_window(len(articles), current)
    return {
        "index": hub.src_uri,
        "title": hub.title,
        "url": href(page, hub),
        "count": len(articles),
        "complete": len(shown) == len(articles),
        "articles": [_link(page, articles[i]) | {"current": i == current} for i in shown],
    }


def pager(site: Site, order: HubOrder, page: SitePage) -> dict | None:
    """An article's previous and next articles in its hub, or None if it has neither."""
    index = order.place.get(page.src_uri)
    if page.kind != ARTICLE or index is None:
        return None
    articles = order.articles[page.hub]
    previous = articles[index - 1] if index > 0 else None
    following = articles[index + 1] if index + 1 < len(articles) else None
    if previous is None and following is None:
        return None
    hub = site.hub_page(page.hub)
    return {
        "hub": hub.title if hub else "",
        "previous": _link(page, previous) if previous else None,
        "next": _link(page, following) if following else None,
    }


def _hub_labels(items: list, site: Site) -> Iterator[tuple[str, SitePage]]:
    """(label, hub page) for each label mkdocs.yml's nav gives a hub: a section
    holding the hub page, or the hub page's own entry."""
    for item in items:
        if not isinstance(item, dict) or len(item) != 1:
            continue
        ((label, value),) = item.items()
        if isinstance(value, str) and value in site.pages and site.pages[value].kind == HUB:
            yield str(label), site.pages[value]
        elif isinstance(value, list):
            for child in value:
                path = child if isinstance(child, str) else None
                page = site.pages.get(path) if path else None
                if page is not None and page.kind == HUB:
                    yield str(label), page
            yield from _hub_labels(value, site)


def tab_label_problems(site: Site, nav: list | None) -> list[Problem]:
    """A hub named in mkdocs.yml's nav must be named by its title there too.

    The label is declared twice (the nav entry and the hub's front matter);
    a label that differs gives the tab and the page two names for one hub.
    """
    problems = []
    for label, hub in _hub_labels(nav or [], site):
        title = hub.front.get("title")
        if isinstance(title, str) and label != title:
            line, col = hub.front.position("title")
            problems.append(
                Problem(
                    hub.path,
                    line,
                    f"the hub's tab in mkdocs.yml says '{label}' but its title is '{title}' — "
                    "use the same words in the title and in mkdocs.yml's nav",
                    col=col,
                    kind="navigation",
                )
            )
    return problems
