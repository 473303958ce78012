"""Read Next: checked next steps at the end of each article, and backlinks.

Checks each page's `read_next` list (filmhub.read_next) and hands its
entries to the link check; after the links are resolved, gives the template
the cards and the pages that cite this one ("Referenced by").
"""

from __future__ import annotations

from filmhub import read_next, state


def on_files(files, config):
    build = state.for_config(config)
    # Each list was checked by the loader (filmhub.pages); its entries are links.
    for page in build.site.pages.values():
        build.links += read_next.links(page, page.read_next)
    return files


def on_page_context(context, page, config, nav):
    build = state.for_config(config)
    site_page = build.site.pages.get(page.file.src_uri)
    if site_page is not None:
        context["read_next"] = read_next.cards(build.site, site_page, site_page.read_next)
        citing = build.backlinks.get(site_page.src_uri, set()) - {site_page.src_uri}
        context["referenced_by"] = read_next.referenced_by(build.site, site_page, citing)
    return context
