"""The state one build shares between the hooks.

MkDocs imports each hook module once per process and reuses it for every
rebuild under `mkdocs serve`, so nothing that belongs to a build may live in
a module global. Each build gets a fresh BuildState, created when the build's
config is ready and stored in that config, which MkDocs loads anew for every
build and hands to every event.
"""

from __future__ import annotations

import datetime
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filmhub.glossary import Glossary
from filmhub.glossary_page import Letter
from filmhub.hub_nav import HubOrder
from filmhub.links import Link
from filmhub.problems import Problem
from filmhub.redirects import RedirectMap
from filmhub.site import Site

_KEY = "filmhub_build_state"


@dataclass
class BuildState:
    project_dir: Path  # the folder of mkdocs.yml; writers' paths are shown relative to it
    docs_dir: Path
    strict: bool
    today: datetime.date
    site: Site = field(default_factory=Site)
    problems: list[Problem] = field(default_factory=list)
    glossary: Glossary = field(default_factory=Glossary)
    # The theme's template environment (overrides/ first), for partials that
    # hooks put into pages.
    templates: Any = None
    # Links: every link written on a page or made by a hook, checked at once.
    links: list[Link] = field(default_factory=list)
    page_ids: dict[str, set[str]] = field(default_factory=dict)  # src_uri -> ids on the page
    nav_pages: set[str] = field(default_factory=set)
    backlinks: dict[str, set[str]] = field(default_factory=dict)  # page -> pages that cite it
    external_links: list[Link] = field(default_factory=list)
    # The redirects plugin's map: old addresses of moved pages.
    redirects: RedirectMap = field(default_factory=RedirectMap)
    moved: dict[str, str] = field(default_factory=dict)  # old path from docs/ -> where the page is now
    # The glossary page's letters and entries, kept from its body for its table of contents.
    glossary_letters: list[Letter] = field(default_factory=list)
    # Each hub's articles in order, worked out once the site is read (hooks/hub_nav.py).
    hub_order: HubOrder | None = None
    # Objects a hook keeps for the length of one build (a Markdown extension,
    # a log handler), by hook name.
    helpers: dict[str, Any] = field(default_factory=dict)

    def display_path(self, src_uri: str) -> str:
        """'ethics/disclosure.md' as a writer sees it: 'docs/ethics/disclosure.md'."""
        docs = (
            self.docs_dir.relative_to(self.project_dir)
            if self.docs_dir.is_relative_to(self.project_dir)
            else self.docs_dir
        )
        return (docs / src_uri).as_posix()


def for_config(config: MutableMapping) -> BuildState:
    """The state of the build that `config` belongs to, created on first use."""
    state = config.get(_KEY)
    if state is None:
        project_dir = Path(config["config_file_path"] or ".").resolve().parent
        state = BuildState(
            project_dir=project_dir,
            docs_dir=Path(config["docs_dir"]).resolve(),
            strict=bool(config.get("strict")),
            today=datetime.date.today(),
        )
        config[_KEY] = state
    return state
