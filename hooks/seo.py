"""Findable and followable: page metadata, an Atom feed and robots.txt.

Adds feed.xml and robots.txt to the site (made in memory from the site
model, filmhub.seo) and gives the page head its Open Graph, Twitter card and
JSON-LD data; overrides/main.html writes the tags and overrides/sitemap.xml
uses each page's `updated` date.
"""

from __future__ import annotations

from mkdocs.structure.files import File

from filmhub import seo, state


def on_files(files, config):
    build = state.for_config(config)
    site_url = config["site_url"] or ""
    feed = seo.atom_feed(build.site, site_url, config["site_name"], config["site_description"] or "")
    files.append(File.generated(config, seo.FEED_SRC_URI, content=feed))
    files.append(File.generated(config, seo.ROBOTS_SRC_URI, content=seo.robots_txt(site_url)))
    return files


def on_page_context(context, page, config, nav):
    build = state.for_config(config)
    site_page = build.site.pages.get(page.file.src_uri)
    if site_page is not None:
        site_url, name = config["site_url"] or "", config["site_name"]
        context["social"] = seo.social(site_page, site_url, name)
        context["json_ld"] = seo.json_ld(build.site, site_page, site_url, name)
    return context
