"""What a preview rebuild renders again, what it takes from the cache, and which pages lag.

`make serve` rebuilds with MkDocs' `--dirty`: MkDocs reads and renders only
the pages whose output file is missing or older than their source. A page
also shows data from other pages, so hooks/preview.py removes the output of
every page this module finds stale before MkDocs looks (`plan`). A page is
stale when:

- the preview's cache holds no render of it (the first build; a new page);
- its source is not the one it was rendered from (its bytes, not their date);
- what it shows of other pages, as far as the site model decides it, has
  changed (`page_view`: its Read Next cards, its hub's sidebar and pager, a
  hub page's list of articles and the pillar guide's list of hubs, its
  JSON-LD breadcrumb and search filter), or anything every page shows
  (`site_view`: the navigation, the glossary's tooltips and definitions, the
  templates and mkdocs.yml, the files links resolve to);
- it lagged at the last rebuild, or showed the notice that others did.

A page MkDocs skips takes part in the build through its last render
(filmhub.preview_cache.RenderedPage): its links and ids go to the link
check, its problems to the report.

What only on_env decides, once every link is resolved, comes too late to
render a page again: a page's "Referenced by" list, and its own problems (a
link to a heading another page has just removed). A skipped page whose list
or problems differ from what its output shows lags (`lagging`): the rebuild
names it in the terminal and in the box of the page that was edited, and the
next rebuild renders it again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from filmhub import hub_lists, hub_nav, read_next, search, seo
from filmhub.hub_nav import HubOrder
from filmhub.preview_cache import PreviewCache, RenderedPage, digest, fingerprint
from filmhub.site import HUB, PILLAR, Site, SitePage

# Why a page is rendered again; the first two are the writer's own edits.
NEW, EDITED, SHOWS, LAGGED = "new", "edited", "shows", "lagged"
EDITS = (NEW, EDITED)
# What a page that lags shows out of date.
REFERENCED_BY, PROBLEMS, UNKNOWN = "its “Referenced by” list", "its list of problems", "the whole page"
NAMED = 5  # pages named in a line of the log, before "and N more"


def page_view(site: Site, order: HubOrder, page: SitePage, site_url: str, site_name: str) -> list:
    """What `page` shows of other pages that the site model alone decides.

    It shows their faces (`face`), never their bodies: so while no page's
    face changes, no page's view does (`views`), and a save that changes a
    body costs no view at all. tests/test_preview.py holds it to that.
    """
    view: list = [
        read_next.cards(site, page, page.read_next),
        hub_nav.sidebar(site, order, page),
        hub_nav.pager(site, order, page),
        seo.json_ld(site, page, site_url, site_name),
        search.hub_filter(site, page),
    ]
    if page.kind == HUB:
        view.append(hub_lists.articles_of(site, page))
    if page.kind == PILLAR:
        view.append(hub_lists.hubs_of(site, page))
    return view


def face(page: SitePage) -> tuple:
    """What other pages can show of `page`: its address, its front matter
    and its Read Next list; not its body."""
    targets = [entry.target for entry in page.read_next]
    return (page.src_uri, page.url, page.front.read, page.blocked, page.front.values, targets)


def views(
    src_uris: list[str],
    site: Site,
    order: HubOrder,
    site_url: str,
    site_name: str,
    everything: str,
    cache: PreviewCache,
) -> dict[str, str]:
    """The fingerprint of what each page shows of the others (`page_view`, and
    `everything` that every page shows), worked out again only when the pages
    or a page's face changed."""

    def view(src_uri: str) -> str:
        page = site.pages.get(src_uri)
        shown = page_view(site, order, page, site_url, site_name) if page is not None else []
        return fingerprint((everything, shown))

    faces = [face(page) for page in site.pages.values()]
    key = fingerprint((everything, site_url, site_name, src_uris, faces))
    return cache.views.remember(key, lambda: {src_uri: view(src_uri) for src_uri in src_uris})


def folder_digest(folder: Path) -> str:
    """A digest of every file under `folder`: names and bytes."""
    parts = []
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if path.is_file():
            parts.append(f"{path.relative_to(folder).as_posix()}\0{digest(path.read_bytes())}")
    return digest("\n".join(parts))


def site_view(*, glossary: object, nav: list, files: Iterable[tuple], templates: str, config: str) -> str:
    """A fingerprint of what every page shows: the navigation, the glossary,
    the templates, the configuration and the files that links resolve to."""
    return fingerprint((fingerprint(glossary), nav, sorted(files), templates, config))


def shows(view: str, site: Site, citing: frozenset[str]) -> str:
    """The fingerprint of what a page shows of other pages: its `view` (of
    `site_view` and `page_view`) and, in its "Referenced by" list, the title
    and address of each page in `citing` (filmhub.read_next.referenced_by)."""
    listed = sorted((site.pages[src].title, site.pages[src].url) for src in citing if src in site.pages)
    return fingerprint((view, listed))


@dataclass
class Rebuild:
    """One preview rebuild: which pages it renders again and why, and what
    it takes from the cache for the others. Empty in a build."""

    views: dict[str, str] = field(default_factory=dict)  # src_uri -> fingerprint of its site and page view
    stale: dict[str, str] = field(default_factory=dict)  # src_uri -> why it renders again
    kept: dict[str, RenderedPage] = field(default_factory=dict)  # pages left to MkDocs: their last render
    # What rendering each page gave in this rebuild (RenderedPage's links,
    # found, ids, anchors, anchor_links, title, meta and output), until the
    # page's template has its data (on_page_context).
    rendered: dict[str, dict] = field(default_factory=dict)
    # Where the build's links and problems stood when the page being rendered started.
    marks: tuple[int, int] = (0, 0)
    why: dict[str, str] = field(default_factory=dict)  # src_uri of each page rendered -> why (`reasons`)
    lagging: dict[str, list[str]] = field(default_factory=dict)  # src_uri -> what it shows out of date


def plan(shows: dict[str, str], cache: PreviewCache) -> tuple[dict[str, str], dict[str, RenderedPage]]:
    """(stale, kept): the pages to render again, each with why, and the last
    render of every other page. `shows` maps each page to the fingerprint of
    what it shows of other pages now (`page_view` and `site_view`)."""
    stale, kept = {}, {}
    for src_uri, view in shows.items():
        last = cache.rendered.get(src_uri)
        if last is None:
            stale[src_uri] = NEW
        elif last.source != cache.read.get(src_uri):
            stale[src_uri] = EDITED
        elif last.shows != view:
            stale[src_uri] = SHOWS
        elif last.notice or src_uri in cache.lagging:
            stale[src_uri] = LAGGED
        else:
            kept[src_uri] = last
    return stale, kept


def lagging(
    skipped: Iterable[str], kept: dict[str, RenderedPage], now: dict[str, tuple[frozenset[str], str]]
) -> dict[str, list[str]]:
    """The skipped pages whose output no longer shows what on_env decided,
    each with what is out of date. `now` maps each page to the pages that cite
    it and the fingerprint of its problems, as this rebuild found them.

    A kept page's "Referenced by" list shows the same titles as when it was
    rendered (`plan` compares them), so the list is out of date exactly when
    the pages in it are not the same.
    """
    result = {}
    for src_uri in skipped:
        last = kept.get(src_uri)
        if last is None:
            result[src_uri] = [UNKNOWN]
            continue
        citing, problems = now[src_uri]
        what = [REFERENCED_BY] if citing != last.citing else []
        what += [PROBLEMS] if problems != last.problems else []
        if what:
            result[src_uri] = what
    return result


def reasons(rendered: Iterable[str], stale: dict[str, str]) -> dict[str, str]:
    """Why each page rendered was rendered: as `plan` decided, or EDITED for a
    page MkDocs rendered on its own (its file was saved, its bytes unchanged)."""
    return {src_uri: stale.get(src_uri, EDITED) for src_uri in rendered}


def _names(paths: list[str]) -> str:
    shown = ", ".join(paths[:NAMED])
    return shown + (f" and {len(paths) - NAMED} more" if len(paths) > NAMED else "")


def rebuilt_message(rendered: dict[str, str], total: int) -> str:
    """One line for the log: which pages this rebuild rendered again, and why.

    `rendered` maps the display path of each page rendered to why (NEW,
    EDITED, SHOWS or LAGGED); `total` counts the site's pages.
    """
    if not rendered:
        return f"Preview: no page needed rendering again ({total} pages)"
    if len(rendered) >= total:
        return f"Preview: rendered all {total} pages; a save renders again only the pages it changes"
    groups = {
        "edited": [path for path, why in rendered.items() if why in EDITS],
        "showing what changed": [path for path, why in rendered.items() if why == SHOWS],
        "catching up": [path for path, why in rendered.items() if why == LAGGED],
    }
    parts = [f"{_names(sorted(paths))} ({what})" for what, paths in groups.items() if paths]
    return f"Preview: rendered {len(rendered)} of {total} pages again: {'; '.join(parts)}"


def lag_items(lagging: dict[str, list[str]], display: Callable[[str], str]) -> list[dict]:
    """The pages that lag, for the log and the edited page's box: path, and what is out of date."""
    items = [{"path": display(src_uri), "what": " and ".join(what)} for src_uri, what in lagging.items()]
    return sorted(items, key=lambda item: item["path"])


def lag_message(items: list[dict]) -> str:
    """One line for the log naming the pages that still show older data."""
    count = len(items)
    pages = _names([f"{item['path']} ({item['what']})" for item in items])
    return (
        f"Preview: {count} page{'s' if count != 1 else ''} still show{'s' if count == 1 else ''} older data: "
        f"{pages} — the next save updates {'them' if count != 1 else 'it'}; restart make serve for a full build"
    )
