"""The model of the site the hooks share: pages, hubs and articles.

A page's kind and hub come from where its file is, never from what a writer
types: `index.md` is the pillar guide, `<hub>/index.md` a hub page, and any
other Markdown file below a hub folder is an article of that hub.
"""

from __future__ import annotations

import datetime
import html
import math
import posixpath
from dataclasses import dataclass, field
from functools import cached_property

from filmhub.markers import Marker
from filmhub.problems import Problem
from filmhub.textscan import Body
from filmhub.urls import folder_index
from filmhub.yaml_mapping import FrontMatter

PILLAR, HUB, ARTICLE, PAGE = "pillar", "hub", "article", "page"
ALL_KINDS = frozenset({PILLAR, HUB, ARTICLE, PAGE})
WORDS_PER_MINUTE = 220


def classify(src_uri: str) -> tuple[str, str | None]:
    """(kind, hub folder) for a docs-relative path such as 'ethics/disclosure.md'."""
    parts = src_uri.split("/")
    if len(parts) == 1:
        return (PILLAR if src_uri == "index.md" else PAGE), None
    if len(parts) == 2 and parts[1] == "index.md":
        return HUB, parts[0]
    return ARTICLE, parts[0]


@dataclass(frozen=True)
class ReadNextEntry:
    """One checked item of a page's `read_next` list, where it was written."""

    target: str
    line: int
    col: int

    @property
    def path(self) -> str:
        """The docs-relative page the entry names, a folder meaning its index."""
        return posixpath.normpath(folder_index(self.target.split("#", 1)[0]))

    @property
    def anchor(self) -> str:
        return self.target.partition("#")[2]


# What a page shows instead of its body when its body must not be parsed
# (SitePage.blocked) or holds markup the allow-list refused: the problems
# that say why are listed in the terminal and in the preview's box.
BLOCKED_NOTICE = "This page can't be shown until the problems listed for it are fixed."


@dataclass
class SitePage:
    src_uri: str
    path: str  # as shown to writers: "docs/ethics/disclosure.md"
    url: str  # where MkDocs publishes it, relative to the site root
    front: FrontMatter = field(default_factory=FrontMatter)
    markers: list[Marker] = field(default_factory=list)
    read_next: list[ReadNextEntry] = field(default_factory=list)  # checked by filmhub.read_next
    # A body too big or too deeply nested to hand to Markdown safely: MkDocs
    # renders a notice instead, and the problem stops the strict build.
    blocked: bool = False

    @cached_property
    def body(self) -> Body:
        """The text after the front matter, scanned once for every check."""
        return Body(self.front.body, self.front.body_line)

    @property
    def kind(self) -> str:
        return classify(self.src_uri)[0]

    @property
    def hub(self) -> str | None:
        return classify(self.src_uri)[1]

    @property
    def title(self) -> str:
        return self.front.get("title") or self.src_uri

    @property
    def description(self) -> str:
        return self.front.get("description") or ""

    @property
    def published(self) -> datetime.date | None:
        return self.front.get("published")

    @property
    def updated(self) -> datetime.date | None:
        return self.front.get("updated")

    @property
    def checked(self) -> datetime.date | None:
        """The day the page's facts were last verified against their sources."""
        return self.front.get("checked")

    @property
    def order(self) -> int | None:
        return self.front.get("order")

    @property
    def draft(self) -> bool:
        return bool(self.front.get("draft"))

    def markers_named(self, name: str) -> list[Marker]:
        return [marker for marker in self.markers if marker.name == name]

    @property
    def reading_minutes(self) -> int:
        return max(1, math.ceil(self.body.words / WORDS_PER_MINUTE))


def display_date(day: datetime.date) -> str:
    """'24 November 2026': unambiguous for readers everywhere."""
    return f"{day.day} {day:%B %Y}"


def byline(page: SitePage) -> dict | None:
    """The dates and reading time under a page's title, or None for a page without dates."""
    if not (page.published and page.updated):
        return None
    return {
        "published": display_date(page.published),
        "published_iso": page.published.isoformat(),
        "updated": display_date(page.updated),
        "updated_iso": page.updated.isoformat(),
        "checked": display_date(page.checked) if page.checked else "",
        "checked_iso": page.checked.isoformat() if page.checked else "",
        "minutes": page.reading_minutes,
    }


def listing_key(page: SitePage) -> tuple:
    """Hub lists: pages with an `order` first (lowest first), then by title."""
    return (page.order is None, page.order or 0, page.title.casefold())


@dataclass
class Site:
    pages: dict[str, SitePage] = field(default_factory=dict)

    def add(self, page: SitePage) -> None:
        self.pages[page.src_uri] = page

    @property
    def hubs(self) -> list[SitePage]:
        """Hub index pages, in listing order."""
        return sorted((p for p in self.pages.values() if p.kind == HUB), key=listing_key)

    def hub_page(self, hub: str | None) -> SitePage | None:
        return self.pages.get(f"{hub}/index.md") if hub else None

    def articles(self, hub: str | None = None) -> list[SitePage]:
        """Published articles (of one hub, or all), in listing order."""
        return sorted(
            (
                p
                for p in self.pages.values()
                if p.kind == ARTICLE and not p.draft and (hub is None or p.hub == hub)
            ),
            key=listing_key,
        )

    def placement_problems(self) -> list[Problem]:
        """Articles must sit in a hub folder, the folder being the hub."""
        hubs = sorted(p.hub for p in self.hubs)
        problems = []
        for page in self.pages.values():
            if page.kind == ARTICLE and page.hub not in hubs:
                problems.append(
                    Problem(
                        page.path,
                        1,
                        f"'{page.hub}/' is not a hub — move the article into one of the hub folders: "
                        + ", ".join(hubs),
                        kind="front-matter",
                    )
                )
        return problems

    def duplicate_title_problems(self) -> list[Problem]:
        """Every page needs its own title: it is the browser tab and the search result."""
        first: dict[str, SitePage] = {}
        problems = []
        for page in sorted(self.pages.values(), key=lambda p: p.src_uri):
            title = page.front.get("title")
            if not isinstance(title, str) or not title.strip():
                continue
            key = title.strip().casefold()
            if key in first:
                line, _ = page.front.position("title")
                problems.append(
                    Problem(
                        page.path,
                        line,
                        f"the title '{title}' is already used by {first[key].path} — give this page its own title",
                        kind="front-matter",
                    )
                )
            else:
                first[key] = page
        return problems


# Values Material prints into pages as they are (autoescape is off): the
# page title in <title>, the header, the navigation and breadcrumbs, and the
# description in a <meta> attribute.
THEME_ESCAPED = ("title", "description")


def theme_meta(values: dict) -> dict:
    """A page's front matter as the theme gets it: plain text escaped for HTML.

    Writers' titles hold no '<' or '>' (the schema refuses them); escaping
    the rest ('&', quotes) keeps them text in every attribute and element.
    """
    return {
        key: html.escape(value) if key in THEME_ESCAPED and isinstance(value, str) else value
        for key, value in values.items()
    }
