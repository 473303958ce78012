"""The state one build shares between the hooks: every per-build object, made in one place.

MkDocs imports each hook module once per process and reuses it for every
rebuild under `mkdocs serve`, so nothing that belongs to a build may live in
a module global. Each build gets a fresh BuildState the first time any hook
asks for it (`for_config`), stored in that build's config, which MkDocs
loads anew for every build and hands to every event. Everything a hook needs
from another exists from that moment: the theme's templates, the glossary,
the Markdown extensions the hooks register, the log counter. No hook has to
run before another to set something up.

What fills in as the build goes, by event:

    on_config     glossary problems (the glossary is read when the state is made);
                  cache, in a `make serve` rebuild                      (hooks/preview.py)
                  (kept: the last build's check results, filmhub.kept, are found when the state
                  is made and read on first use; saved when the report stops the build or the
                  output guard has scanned the written site)
    on_files      site, hub_order, glossary_letters, redirects, moved    (the loader, filmhub.pages)
    on_nav        nav_pages, hub_sections, nav links;
                  rebuild: the pages a preview renders again            (filmhub.preview)
    on_page_*     links, page_ids, problems found in rendered HTML       (what only rendering knows)
    on_env        the same for the pages a preview rebuild skipped      (from the cache, first);
                  backlinks, external_links, problems_by_path            (decided once, every page rendered);
                  the pages a preview rebuild leaves showing older data (rebuild.lagging, last)
"""

from __future__ import annotations

import datetime
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filmhub import glossary as glossary_files
from filmhub import kept, urls
from filmhub.diagram_links import DiagramLinks
from filmhub.glossary import Glossary
from filmhub.glossary_page import Letter
from filmhub.html_policy import GENERATED
from filmhub.hub_nav import HubOrder
from filmhub.kept import KeptResults
from filmhub.link_collector import LinkCollector
from filmhub.links import Link
from filmhub.log_counter import WarningCounter
from filmhub.markers import render_block
from filmhub.preview import Rebuild
from filmhub.preview_cache import RECOMPUTE, PreviewCache, Reuse
from filmhub.problems import Problem
from filmhub.redirects import RedirectMap
from filmhub.site import Site
from filmhub.tooltips import TermTooltips

_KEY = "filmhub_build_state"


@dataclass
class BuildState:
    project_dir: Path  # the folder of mkdocs.yml; writers' paths are shown relative to it
    docs_dir: Path
    strict: bool
    today: datetime.date
    # The theme's template environment (overrides/ first), for the partials
    # hooks put into pages.
    templates: Any
    glossary: Glossary
    # The Markdown extensions the hooks add to every page of this build.
    tooltips: TermTooltips
    link_collector: LinkCollector
    diagram_links: DiagramLinks
    # Warnings MkDocs and the other generators log while this build runs.
    warnings: WarningCounter = field(default_factory=WarningCounter)
    problems: list[Problem] = field(default_factory=list)
    # Where the repository's editor opens a project file by its path (filmhub.urls).
    edit_root: str = ""
    # The preview's cache, kept by hooks/preview.py for the life of a `make
    # serve` process; None in a build, which reads and renders everything.
    cache: PreviewCache | None = None
    # The results the last build of this project kept on disk (filmhub.kept):
    # None when HUB_CACHE_DIR=off.
    kept: KeptResults | None = None

    # The model, read in on_files (filmhub.pages).
    site: Site = field(default_factory=Site)
    hub_order: HubOrder = field(default_factory=HubOrder)
    # The glossary page's letters and entries, for its body and its table of contents.
    glossary_letters: list[Letter] = field(default_factory=list)
    # The redirects plugin's map: old addresses of moved pages.
    redirects: RedirectMap = field(default_factory=RedirectMap)
    moved: dict[str, str] = field(default_factory=dict)  # old path from docs/ -> where the page is now

    # From the navigation.
    nav_pages: set[str] = field(default_factory=set)
    hub_sections: dict[str, Any] = field(default_factory=dict)  # hub folder -> its nav Section
    # In a preview rebuild: which pages render again and why, what the others
    # last rendered, and which show older data (filmhub.preview).
    rebuild: Rebuild = field(default_factory=Rebuild)

    # From rendering: every link written on a page or made by a hook, checked at once in on_env.
    links: list[Link] = field(default_factory=list)
    page_ids: dict[str, set[str]] = field(default_factory=dict)  # src_uri -> ids on the page

    # Decided in on_env.
    backlinks: dict[str, set[str]] = field(default_factory=dict)  # page -> pages that cite it
    external_links: list[Link] = field(default_factory=list)
    problems_by_path: dict[str, list[Problem]] = field(default_factory=dict)  # the preview's boxes

    def display_path(self, src_uri: str) -> str:
        """'ethics/disclosure.md' as a writer sees it: 'docs/ethics/disclosure.md'."""
        docs = (
            self.docs_dir.relative_to(self.project_dir)
            if self.docs_dir.is_relative_to(self.project_dir)
            else self.docs_dir
        )
        return (docs / src_uri).as_posix()

    @property
    def reuse(self) -> Reuse:
        """Where checks find results they need not compute again: the preview's
        cache while `make serve` runs, else what the last build kept, else none."""
        if self.cache is not None:
            return self.cache
        return self.kept if self.kept is not None else RECOMPUTE


def for_config(config: MutableMapping) -> BuildState:
    """The state of the build that `config` belongs to, made on first use."""
    state = config.get(_KEY)
    if state is None:
        state = config[_KEY] = _start(config)
    return state


def _start(config: MutableMapping) -> BuildState:
    project_dir = Path(config["config_file_path"] or ".").resolve().parent
    templates = config["theme"].get_env()
    # The attribute that marks the hub's own markup, declared once (filmhub.html_policy).
    templates.globals["hub_generated"] = GENERATED
    glossary, problems = glossary_files.load(project_dir / "glossary")
    docs_dir, today = Path(config["docs_dir"]).resolve(), datetime.date.today()
    config_file = Path(config["config_file_path"]) if config["config_file_path"] else None

    def tooltip(slug: str, href: str, text: str) -> str:
        short = glossary.terms[slug].short
        return render_block(
            templates, "partials/glossary-term.html", slug=slug, href=href, text=text, short=short
        )

    def diagram(href: str) -> str:
        return render_block(templates, "partials/diagram.html", href=href)

    return BuildState(
        project_dir=project_dir,
        docs_dir=docs_dir,
        strict=bool(config.get("strict")),
        today=today,
        templates=templates,
        glossary=glossary,
        tooltips=TermTooltips(glossary, tooltip),
        link_collector=LinkCollector(),
        diagram_links=DiagramLinks(diagram),
        problems=problems,
        edit_root=urls.edit_root(docs_dir, project_dir, config.get("edit_uri"), config.get("repo_url")),
        kept=kept.for_project(project_dir, docs_dir, config_file, today),
    )
