"""Hub navigation: the hub's articles in the sidebar, previous and next at the end.

Checks that mkdocs.yml names each hub's tab by the hub's title, and hands every page of a hub its
sidebar list and every article its neighbours (filmhub.hub_nav), which
overrides/partials/nav-item.html and hub-pager.html print. The page for an
address that does not exist (overrides/404.html) gets the glossary's address.
"""

from __future__ import annotations

from filmhub import glossary_page, hub_nav, state


def on_nav(nav, config, files):
    build = state.for_config(config)
    build.problems += hub_nav.tab_label_problems(build.site, config["nav"])
    return nav


def on_page_context(context, page, config, nav):
    build = state.for_config(config)
    site_page = build.site.pages.get(page.file.src_uri)
    if site_page is not None:
        context["hub_nav"] = hub_nav.sidebar(build.site, build.hub_order, site_page)
        context["hub_pager"] = hub_nav.pager(build.site, build.hub_order, site_page)
    return context


def on_template_context(context, template_name, config):
    if template_name == "404.html":
        glossary = state.for_config(config).site.pages.get(glossary_page.SRC_URI)
        context["glossary_url"] = glossary.url if glossary else ""
    return context
