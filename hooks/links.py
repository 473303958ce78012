"""Links: every internal link, image and anchor checked before anything is written.

Collects each page's links and ids while it renders (filmhub.link_collector),
finds the line and column each link was written at (filmhub.positions), adds
the navigation's and the hooks' own links, and in `on_env` resolves them all
at once (filmhub.link_report). Problems go to the report hook, which stops
the build; external links are listed for `make linkcheck-external`; the pages
that link to each page are kept for the "Referenced by" list, and an article
no other page cites is reported (filmhub.content_rules).

MkDocs checks the same Markdown links itself (mkdocs.yml, `validation:`),
without a line. While this hook runs, those checks log at DEBUG, so a writer
reads each broken link once, with its place; a build without this hook (no
hooks, or a `hooks:` list that lost this one) keeps mkdocs.yml's levels, and
MkDocs still fails it on a broken link.
"""

from __future__ import annotations

import logging
from pathlib import Path

from markdown.extensions.toc import slugify as default_slugify
from mkdocs.plugins import event_priority

from filmhub import state
from filmhub.content_rules import ContentRules, uncited_problems
from filmhub.link_collector import LinkCollector
from filmhub.link_report import check
from filmhub.links import HTML, MARKDOWN, NAV, Link, LinkIndex, SiteFile
from filmhub.positions import locate, locate_in_nav
from filmhub.problems import NOTICE, Problem

# MkDocs' own checks of what this hook checks too, by `validation:` group.
# nav.not_found is also the level of MkDocs' line about a navigation entry
# that names a draft, which this hook reports in its place (a notice).
CHECKS_DONE_HERE = {
    "links": ("not_found", "absolute_links", "unrecognized_links", "anchors"),
    "nav": ("not_found", "absolute_links"),
}


def on_config(config):
    for group, names in CHECKS_DONE_HERE.items():
        for name in names:
            # 'relative_to_docs' (below DEBUG) is not a level: it converts links, and stays.
            if config.validation[group][name] > logging.DEBUG:
                config.validation[group][name] = logging.DEBUG
    config.markdown_extensions.append(state.for_config(config).link_collector)


def _collector(config) -> LinkCollector:
    return state.for_config(config).link_collector


# After the hooks that add generated pages (the glossary page) to the files.
@event_priority(-50)
def on_files(files, config):
    _collector(config).sources = {file.src_uri for file in files}
    return files


def on_nav(nav, config, files):
    build = state.for_config(config)
    entries = []  # navigation entries that are not pages: addresses to check
    drafts = []  # pages the navigation names that this build leaves out
    stack = list(nav.items)
    while stack:
        item = stack.pop(0)
        if item.is_section:
            stack[:0] = item.children
        elif item.is_page:
            build.nav_pages.add(item.file.src_uri)
            if item.file.inclusion.is_excluded():
                drafts.append(item.file.src_uri)
        else:
            entries.append(item.url)
    if entries or drafts:
        config_file = Path(config["config_file_path"])
        text = config_file.read_text(encoding="utf-8")
        for url, position in zip(entries, locate_in_nav(text, entries), strict=True):
            line, col = position or (1, None)
            build.links.append(Link(config_file.name, url, NAV, line=line, col=col))
        for src_uri, position in zip(drafts, locate_in_nav(text, drafts), strict=True):
            line, col = position or (1, None)
            build.problems.append(nav_draft_notice(config_file.name, src_uri, line, col))
    return nav


def nav_draft_notice(config_file: str, src_uri: str, line: int, col: int | None) -> Problem:
    return Problem(
        config_file,
        line,
        f"the navigation lists '{src_uri}', which is left out of the site (a draft, or in "
        "exclude_docs): it shows there once it is published",
        col=col,
        severity=NOTICE,
        kind="navigation",
    )


def on_page_markdown(markdown, page, config, files):
    _collector(config).page = page.file.src_uri
    return markdown


def on_page_content(html, page, config, files):
    build = state.for_config(config)
    result = _collector(config).take()
    build.page_ids[page.file.src_uri] = result.ids
    site_page = build.site.pages.get(page.file.src_uri)
    # Only what a writer typed can be found in the source; links made by hooks
    # are placed at the start of the body. Markdown links and raw HTML links
    # come out of the renderer as two runs, each in document order.
    first_line = site_page.front.body_line if site_page else 1
    positions = {}
    for origin in (MARKDOWN, HTML):
        typed = [link for link in result.links if link.origin == origin and not link.generated]
        found = locate(site_page.front.body, [link.target for link in typed], first_line) if site_page else []
        positions.update(zip(map(id, typed), found, strict=False))
    for link in result.links:
        line, col = positions.get(id(link)) or (first_line, None)
        build.links.append(
            Link(page.file.src_uri, link.target, link.origin, link.attribute, line, col, link.generated)
        )
    return html


def on_env(env, config, files):
    build = state.for_config(config)
    toc = config.mdx_configs.get("toc", {})
    slugify, separator = toc.get("slugify", default_slugify), toc.get("separator", "-")
    index = LinkIndex(
        [_site_file(file) for file in files],
        ids=build.page_ids,
        site_url=config["site_url"] or "",
        display=build.display_path,
        slugify=lambda text: slugify(text, separator),
        moved=build.moved,
    )
    config_name = Path(config["config_file_path"]).name
    report = check(
        build.links,
        index,
        nav_pages=build.nav_pages,
        path_of=lambda source: config_name if source == config_name else build.display_path(source),
    )
    build.problems += report.problems
    build.backlinks = report.backlinks
    build.problems += uncited_problems(build.site, report.backlinks, ContentRules.from_extra(config.extra))
    # The repository's own edit links (the glossary's) are not sources to check.
    build.external_links = [
        link for link in report.external if not (build.edit_root and link.target.startswith(build.edit_root))
    ]
    return env


def _site_file(file) -> SiteFile:
    if file.inclusion.is_excluded():
        status = "draft" if file.inclusion.is_in_serve() else "excluded"
    else:
        status = "published"
    return SiteFile(file.src_uri, file.url, file.is_documentation_page(), status)
