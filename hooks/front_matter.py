"""Front matter: each page read once, its metadata validated, and shown.

Builds the site model the other hooks share (filmhub.site) from every page's
front matter and markers, records each problem with its file and line, and
gives templates the page's dates and reading time. The rules themselves live
in filmhub.front_matter and filmhub.markers.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import InclusionLevel

from filmhub import front_matter, site, state
from filmhub.bounds import markdown_depth_problem, unclosed_problem
from filmhub.markers import find_markers
from filmhub.page_safety import generated_marker_problem

# What MkDocs renders for a page whose body it must not parse; the problem
# that says why is listed in the terminal and in the preview's box.
BLOCKED_BODY = "\nThis page can't be shown until the problems listed for it are fixed.\n"


def on_config(config):
    # The first hook: the build's state starts here, with the theme's
    # templates for the partials other hooks put into pages.
    state.for_config(config).templates = config.theme.get_env()


def on_files(files, config):
    build = state.for_config(config)
    for file in files.documentation_pages(inclusion=lambda level: not level.is_excluded()):
        if file.generated_by:
            continue
        path = build.display_path(file.src_uri)
        text, problems = front_matter.decode(Path(file.abs_src_path).read_bytes(), path)
        page = site.SitePage(file.src_uri, path, file.url)
        if text is None:
            page.blocked = True
        else:
            page.front, parse_problems = front_matter.parse(text, path)
            problems += parse_problems
            too_deep = markdown_depth_problem(
                page.front.body, path, page.front.body_line
            ) or unclosed_problem(page.front.body, path, page.front.body_line)
            if too_deep:
                page.blocked = True
                problems.append(too_deep)
            reserved = generated_marker_problem(page.front.body, path, page.front.body_line)
            if reserved:
                page.blocked = True
                problems.append(reserved)
            if page.front.read:
                problems += front_matter.validate(page.front, page.kind, path, build.today)
            problems += front_matter.body_heading_problems(page.body, path)
            problems += front_matter.unfinished_text_problems(page.body, path)
            page.markers, marker_problems = find_markers(page.body, path)
            problems += marker_problems
        build.problems += problems
        build.site.add(page)
        if page.draft:
            file.inclusion = InclusionLevel.DRAFT
    build.problems += build.site.placement_problems()
    build.problems += build.site.duplicate_title_problems()
    return files


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
    if site_page and site_page.published and site_page.updated:
        context["byline"] = {
            "published": site.display_date(site_page.published),
            "published_iso": site_page.published.isoformat(),
            "updated": site.display_date(site_page.updated),
            "updated_iso": site_page.updated.isoformat(),
            "checked": site.display_date(site_page.checked) if site_page.checked else "",
            "checked_iso": site_page.checked.isoformat() if site_page.checked else "",
            "minutes": site_page.reading_minutes,
        }
    return context
