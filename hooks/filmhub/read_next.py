"""Read Next: the pages a writer picks as next steps, and the pages that cite each page.

An article's front matter lists one to four pages to read next:

    read_next:
      - post-production/ai-editing-assistants.md
      - ethics/disclosure.md#what-to-agree-in-writing

This module checks the list itself (shape, length, the page itself, the same
page twice, on a hub page an article the page already lists) and turns it
into Links, which the link check resolves like any
other link (does the page exist, is it published, does the anchor exist). For
templates it makes the cards and the "Referenced by" list.
"""

from __future__ import annotations

from filmhub.fields import READ_NEXT_LIMIT
from filmhub.links import READ_NEXT, Link
from filmhub.problems import Problem
from filmhub.site import ARTICLE, HUB, ReadNextEntry, Site, SitePage, classify
from filmhub.urls import href

LIMIT = READ_NEXT_LIMIT
EXAMPLE = "read_next: [post-production/ai-editing-assistants.md]"


def entries(page: SitePage) -> tuple[list[ReadNextEntry], list[Problem]]:
    """The valid-looking entries of a page's read_next, and problems with the list."""
    front, path = page.front, page.path
    if "read_next" not in front.key_lines:
        if page.kind == ARTICLE and front.read:
            return [], [
                Problem(
                    path,
                    1,
                    f"missing 'read_next' — list 1 to {LIMIT} pages a reader should go to next, e.g. {EXAMPLE}",
                    kind="read-next",
                )
            ]
        return [], []
    line = front.key_lines["read_next"]
    value = front.values.get("read_next")
    if value is None or value == []:
        return [], [
            Problem(
                path,
                line,
                f"'read_next' is empty — list 1 to {LIMIT} pages a reader should go to next",
                kind="read-next",
            )
        ]
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        return [], [
            Problem(
                path,
                line,
                f"'read_next' must be a list of page paths from docs/, e.g. {EXAMPLE}",
                kind="read-next",
            )
        ]
    positions = front.item_positions.get("read_next", [])
    found = [ReadNextEntry(item.strip(), *position) for item, position in zip(value, positions, strict=True)]
    problems = []
    if len(found) > LIMIT:
        extra = found[LIMIT]
        problems.append(
            Problem(
                path,
                extra.line,
                f"'read_next' has {len(found)} entries — keep the best {LIMIT}",
                kind="read-next",
            )
        )
    valid, seen = [], {}
    for entry in found:
        problem = _entry_problem(entry, page, seen)
        if problem:
            problems.append(Problem(path, entry.line, problem, col=entry.col, kind="read-next"))
        else:
            valid.append(entry)
        seen.setdefault((entry.path, entry.anchor), entry.line)
    return valid, problems


def _entry_problem(entry: ReadNextEntry, page: SitePage, seen: dict) -> str:
    target = entry.target
    if "://" in target or target.startswith(("mailto:", "tel:", "/")):
        return f"read_next entry '{target}' is not a page of this site — give a path from docs/, such as ethics/disclosure.md; link outside sources in the text"
    if not (entry.path.endswith(".md")):
        return f"read_next entry '{target}' is not a page — give the path of a .md file from docs/"
    if entry.path == page.src_uri:
        return f"read_next entry '{target}' is this page itself — pick another page"
    if page.kind == HUB and classify(entry.path) == (ARTICLE, page.hub):
        # The hub page lists all its articles just above Read next.
        return f"read_next entry '{target}' is already in this hub's list of articles — on a hub page, point to pages outside the hub"
    if (entry.path, entry.anchor) in seen:
        return (
            f"read_next lists '{target}' twice (first on line {seen[(entry.path, entry.anchor)]}) — keep one"
        )
    return ""


def links(page: SitePage, found: list[ReadNextEntry]) -> list[Link]:
    """The entries as links from docs/, for the link check."""
    return [Link(page.src_uri, entry.target, READ_NEXT, line=entry.line, col=entry.col) for entry in found]


def cards(site: Site, page: SitePage, found: list[ReadNextEntry]) -> list[dict]:
    """What the Read Next cards on `page` show: each target's title, description, hub and link."""
    result = []
    for entry in found:
        target = site.pages.get(entry.path)
        if target is None:
            continue
        hub = site.hub_page(target.hub)
        result.append(
            {
                "title": target.title,
                "description": target.description,
                "hub": hub.title if hub and hub is not target else "",
                "url": href(page, target, entry.anchor),
            }
        )
    return result


def referenced_by(site: Site, page: SitePage, citing: set[str]) -> list[dict]:
    """The pages that link to `page` in their own words or Read Next, by title."""
    pages = sorted((site.pages[src] for src in citing if src in site.pages), key=lambda p: p.title.casefold())
    return [{"title": other.title, "url": href(page, other)} for other in pages]
