"""Preview: `make serve` answers a save in about a second, and every page stays right.

`make serve` runs `mkdocs serve --dirty` (filmhub.serve), so MkDocs renders
again only the pages whose output is missing or older than their source. This
hook makes that right for a hub whose pages show each other's data:

- when MkDocs says the process serves dirty rebuilds (`on_startup`), it makes
  the one PreviewCache (filmhub.preview_cache) that the process's rebuilds
  share: the loader, the site-wide checks, the output guard and the
  templates look there first (BuildState.cache). That is the process's fact,
  not a build's, so the cache is this module's global, as MkDocs reports it
  once per process; `mkdocs build` (and any build run without the command
  line) has none and does everything every time;
- before MkDocs reads any page (`on_nav`), it removes the output of every
  page that shows something that changed (filmhub.preview.plan), so MkDocs
  renders those again;
- it records what rendering gave each page (its links, ids and problems, and
  MkDocs' anchors), and adds that of each page MkDocs skipped to the build
  before the link check (`on_env`, first), so the checks, the backlinks and
  the report cover every page as a full build does;
- after the report (`on_env`, last), it says in one line what was rendered,
  and names the pages that show older data until the next rebuild, in the
  terminal and in the preview box of the page that was edited.

MkDocs' own warning that a dirty build "will likely lead to inaccurate
navigation" is replaced by that line: here it is not true.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import InclusionLevel

from filmhub import preview, state
from filmhub.generator import LOGGERS
from filmhub.preview_cache import PreviewCache, RenderedPage, digest, fingerprint

# The preview's own lines, apart from the problem lines (hooks/report.py); at
# INFO, which no build counts as a warning.
log = logging.getLogger("mkdocs.plugins.hub.preview")

# The process's cache, while it serves dirty rebuilds (see the module docstring).
_cache: PreviewCache | None = None


class _DirtyWarning(logging.Filter):
    """Drops MkDocs' warning about dirty builds, which this hook makes untrue."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


_DIRTY_WARNING = _DirtyWarning()
_BUILD_LOGGERS = [logging.getLogger(f"{name}.commands.build") for name in LOGGERS]


def on_startup(command, dirty):
    _serve_dirty(command == "serve" and dirty)


def on_shutdown():
    _serve_dirty(False)


def _serve_dirty(serving: bool) -> None:
    """A fresh cache and MkDocs' warning left out while serving dirty rebuilds; neither otherwise."""
    global _cache
    _cache = PreviewCache() if serving else None
    for logger in _BUILD_LOGGERS:
        logger.removeFilter(_DIRTY_WARNING)
        if serving:
            logger.addFilter(_DIRTY_WARNING)


def on_config(config):
    build = state.for_config(config)
    build.cache = _cache
    if _cache is not None:
        build.templates.bytecode_cache = _cache.templates


def on_nav(nav, config, files):
    build = state.for_config(config)
    if build.cache is None:
        return nav
    site = build.site
    site_url, name = config["site_url"] or "", config["site_name"]
    custom_dir = config["theme"].custom_dir
    everything = preview.site_view(
        glossary=build.glossary,
        nav=_nav_view(nav.items, site),
        files=[(file.src_uri, file.url, file.inclusion.name) for file in files],
        templates=preview.folder_digest(Path(custom_dir)) if custom_dir else "",
        config=digest(Path(config["config_file_path"]).read_bytes()) if config["config_file_path"] else "",
    )
    pages = _pages(files)
    rebuild, cache = build.rebuild, build.cache
    outputs = {file.abs_dest_path for file in pages}
    for gone in cache.prune(file.src_uri for file in pages):
        if gone.output not in outputs:  # a page removed: so is its output, as a full build has none
            Path(gone.output).unlink(missing_ok=True)
            with contextlib.suppress(OSError):  # its folder, when nothing else is in it
                Path(gone.output).parent.rmdir()
    src_uris = [file.src_uri for file in pages]
    rebuild.views = preview.views(src_uris, site, build.hub_order, site_url, name, everything, cache)
    shows = {}
    for file in pages:
        last = cache.rendered.get(file.src_uri)
        citing = last.citing if last is not None else frozenset()
        shows[file.src_uri] = preview.shows(rebuild.views[file.src_uri], site, citing)
    rebuild.stale, rebuild.kept = preview.plan(shows, cache)
    for file in pages:
        if file.src_uri in rebuild.stale:
            # MkDocs renders a page whose output is missing.
            Path(file.abs_dest_path).unlink(missing_ok=True)
    return nav


def _pages(files) -> list:
    """The writers' pages a preview renders, drafts included; not the
    generated glossary page, which is made and rendered anew every time."""
    return [
        file
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        if not file.generated_by
    ]


def _nav_view(items, site) -> list:
    """The navigation as every page shows it: titles, pages and links."""
    view = []
    for item in items:
        if item.is_section:
            view.append(("section", item.title, _nav_view(item.children, site)))
        elif item.is_page:
            page = site.pages.get(item.file.src_uri)
            view.append(("page", item.file.src_uri, item.title, page.title if page else None))
        else:
            view.append(("link", item.title, item.url))
    return view


@event_priority(100)  # before any other hook adds this page's links or problems
def on_pre_page(page, config, files):
    build = state.for_config(config)
    if build.cache is not None:
        build.rebuild.marks = (len(build.links), len(build.problems))
    return page


@event_priority(-50)  # after hooks/links.py and hooks/safety.py
def on_page_content(html, page, config, files):
    build = state.for_config(config)
    if build.cache is None or page.file.generated_by:
        return html
    links_from, problems_from = build.rebuild.marks
    found = getattr(page, "links_to_anchors", None)
    build.rebuild.rendered[page.file.src_uri] = {
        "links": tuple(build.links[links_from:]),
        "found": tuple(build.problems[problems_from:]),
        "ids": frozenset(build.page_ids.get(page.file.src_uri, ())),
        "anchors": frozenset(page.present_anchor_ids or ()),
        "anchor_links": None
        if found is None
        else tuple(
            (target.src_uri, anchor, written)
            for target, links in found.items()
            for anchor, written in links.items()
        ),
        "title": page.title,
        "meta": dict(page.meta),
        "output": page.file.abs_dest_path,
    }
    return html


# Before hooks/links.py resolves the links: the skipped pages' facts must be in.
@event_priority(50)
def _add_skipped_pages(env, config, files):
    build = state.for_config(config)
    if build.cache is None:
        return env
    env.bytecode_cache = build.cache.templates
    for file in _pages(files):
        last = build.rebuild.kept.get(file.src_uri)
        if file.src_uri in build.rebuild.rendered or last is None:
            continue
        build.links += last.links
        build.problems += last.found
        build.page_ids[file.src_uri] = set(last.ids)
        _restore(file.page, last, files)
    return env


def _restore(page, last: RenderedPage, files) -> None:
    """What MkDocs itself knows of a page after rendering it, for its anchor
    checks, the navigation and the sitemap."""
    page.present_anchor_ids = set(last.anchors)
    if last.anchor_links is not None:
        found: dict = {}
        for target, anchor, written in last.anchor_links:
            target_file = files.get_file_from_path(target)
            if target_file is not None:
                found.setdefault(target_file, {})[anchor] = written
        page.links_to_anchors = found
    page.title = last.title
    page.meta = dict(last.meta)


# After hooks/report.py has decided every page's problems.
@event_priority(-110)
def _name_rendered_and_lagging_pages(env, config, files):
    build = state.for_config(config)
    if build.cache is None:
        return env
    rebuild = build.rebuild
    pages = [file.src_uri for file in _pages(files)]
    skipped = [src_uri for src_uri in pages if src_uri not in rebuild.rendered]
    now = {src_uri: (_citing(build, src_uri), _problems_shown(build, src_uri)) for src_uri in skipped}
    rebuild.lagging = preview.lagging(skipped, rebuild.kept, now)
    build.cache.lagging = set(rebuild.lagging)
    rebuild.why = preview.reasons(rebuild.rendered, rebuild.stale)
    rendered = {build.display_path(src_uri): why for src_uri, why in rebuild.why.items()}
    log.info(preview.rebuilt_message(rendered, len(pages)))
    if rebuild.lagging:
        log.info(preview.lag_message(preview.lag_items(rebuild.lagging, build.display_path)))
    return env


on_env = CombinedEvent(_add_skipped_pages, _name_rendered_and_lagging_pages)


def _citing(build, src_uri: str) -> frozenset[str]:
    """The pages in a page's "Referenced by" list, as hooks/read_next.py finds them."""
    return frozenset(build.backlinks.get(src_uri, set()) - {src_uri})


def _problems_shown(build, src_uri: str) -> str:
    """The fingerprint of the problems hooks/report.py gives a page's template."""
    return fingerprint(None if build.strict else build.problems_by_path.get(build.display_path(src_uri), []))


# After hooks/report.py has given the page its problems.
@event_priority(-50)
def on_page_context(context, page, config, nav):
    build = state.for_config(config)
    src_uri = page.file.src_uri
    if build.cache is None or src_uri not in build.rebuild.rendered:
        return context  # a build, or the generated glossary page
    rebuild = build.rebuild
    notice = bool(rebuild.lagging) and rebuild.why.get(src_uri) in preview.EDITS
    if notice:
        context["preview_lag"] = preview.lag_items(rebuild.lagging, build.display_path)
    citing = _citing(build, src_uri)
    build.cache.rendered[src_uri] = RenderedPage(
        source=build.cache.read.get(src_uri, ""),
        shows=preview.shows(rebuild.views.get(src_uri, ""), build.site, citing),
        citing=citing,
        problems=fingerprint(context.get("build_problems")),
        notice=notice,
        **rebuild.rendered.pop(src_uri),
    )
    return context
