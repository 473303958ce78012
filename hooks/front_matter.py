"""Front matter: each page read once, its metadata validated, and shown.

Builds the site model the other hooks share (filmhub.site) with the same
loader `make check` runs (filmhub.pages): every page's front matter, body
checks and markers, and every check across pages that needs no rendering
(Read Next lists, list markers, definitions, content rules, redirects).
Records each problem with its file and line, and gives templates the
page's dates and reading time.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import InclusionLevel

from filmhub import pages, redirects, site, state
from filmhub.content_rules import ContentRules
from filmhub.diagrams import is_diagram
from filmhub.hub_nav import HubOrder
from filmhub.site import BLOCKED_NOTICE

# What MkDocs renders for a page whose body it must not parse.
BLOCKED_BODY = f"\n{BLOCKED_NOTICE}\n"


# Before every other hook's on_files, whatever the order in mkdocs.yml: they read the model.
@event_priority(100)
def on_files(files, config):
    build = state.for_config(config)
    sources = [
        pages.SourceFile(file.src_uri, file.url, Path(file.abs_src_path))
        for file in files
        if not file.generated_by
        and not file.inclusion.is_excluded()
        and (file.is_documentation_page() or is_diagram(file.src_uri))
    ]
    build.redirects = redirect_map(config)
    checks = pages.Checks(
        glossary=build.glossary,
        rules=ContentRules.from_extra(config.extra),
        redirects=build.redirects,
        moves=redirects.moves(build.docs_dir, redirects.base_for_moves(build.project_dir, os.environ)),
    )
    build.site, problems = pages.load(sources, build.display_path, build.today, checks, build.reuse)
    build.problems += problems
    build.hub_order = HubOrder.of(build.site)
    # Links still written to an old path get the new one as their did-you-mean.
    build.moved = {**redirects.successors(checks.moves, build.site), **build.redirects.moved}
    for file in files.documentation_pages():
        page = build.site.pages.get(file.src_uri)
        if page is not None and page.draft:
            file.inclusion = InclusionLevel.DRAFT
    return files


def redirect_map(config) -> redirects.RedirectMap:
    """The redirects plugin's map, with each entry's line in the config file."""
    plugin = config.plugins.get(redirects.PLUGIN)
    maps = plugin.config.get(redirects.MAP_KEY, {}) if plugin is not None else {}
    config_file = Path(config.config_file_path or "mkdocs.yml")
    text = config_file.read_text(encoding="utf-8") if config_file.is_file() else ""
    return redirects.read_map(maps, text, config_file.name)


def on_page_read_source(page, config):
    # The file was read and its front matter parsed once, in on_files. MkDocs
    # gets the body only (an unreadable file becomes an empty page and a
    # reported problem), after a blank line so it finds no metadata of its own
    # to parse again; on_page_markdown gives it the checked values instead.
    site_page = state.for_config(config).site.pages.get(page.file.src_uri)
    if site_page is None:
        return None
    return BLOCKED_BODY if site_page.blocked else "\n" + site_page.front.body


def on_page_markdown(markdown, page, config, files):
    site_page = state.for_config(config).site.pages.get(page.file.src_uri)
    if site_page is not None:
        page.meta = site.theme_meta(site_page.front.values)
    return markdown


def on_page_context(context, page, config, nav):
    site_page = state.for_config(config).site.pages.get(page.file.src_uri)
    if site_page is not None:
        context["page_heading"] = site_page.title
        context["byline"] = site.byline(site_page)
    return context
