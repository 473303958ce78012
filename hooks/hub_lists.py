"""Hub lists: each hub page lists its articles, the pillar guide lists the hubs.

Replaces the `<!-- articles -->` and `<!-- hubs -->` markers with lists
rendered from the site model (filmhub.hub_lists) through one partial,
overrides/partials/hub-list.html, so a new article appears on its hub page
without anyone editing it, and places each article under its hub's tab in
the navigation.
"""

from __future__ import annotations

from filmhub import hub_lists, state
from filmhub.markers import render_block, replace_markers
from filmhub.site import ARTICLE, HUB, PILLAR


def on_nav(nav, config, files):
    # Articles are not in the navigation (it lists hubs, to keep the build
    # linear); remember each hub's section so an article can sit under it.
    sections = state.for_config(config).hub_sections
    for section in (item for item in nav.items if item.is_section):
        for child in section.children:
            if child.is_page and child.file.src_uri.endswith("/index.md"):
                sections[child.file.src_uri.split("/")[0]] = section
    return nav


def on_page_markdown(markdown, page, config, files):
    build = state.for_config(config)
    site_page = build.site.pages.get(page.file.src_uri)
    env = build.templates
    if site_page is None:
        return markdown
    if site_page.kind == ARTICLE and page.parent is None:
        # Under its hub: the hub's tab is highlighted and the breadcrumbs show it.
        page.parent = build.hub_sections.get(site_page.hub)
    if site_page.kind == HUB:
        articles = hub_lists.articles_of(build.site, site_page)
        return replace_markers(markdown, "articles", lambda _: _list(env, "articles", articles))
    if site_page.kind == PILLAR:
        hubs = hub_lists.hubs_of(build.site, site_page)
        return replace_markers(markdown, "hubs", lambda _: _list(env, "hubs", hubs))
    return markdown


def _list(env, kind: str, items: list[dict]) -> str:
    return render_block(env, "partials/hub-list.html", kind=kind, items=items)
