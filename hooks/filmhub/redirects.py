"""Renames that break nothing: every old address of a moved page redirects to its new one.

Readers' bookmarks and other sites' links point at a page's address. When an
article is renamed, moved or deleted, its old address gets an entry in the
redirect map of the mkdocs-redirects plugin (mkdocs.yml), which writes a
small page there that sends the reader on:

    plugins:
      - redirects:
          redirect_maps:
            post-production/old-name.md: post-production/new-name.md

This module checks the map (each target is a published page, no redirect
leads to another or round in a loop, none hides a page that exists) and,
comparing docs/ with the base the freshness check uses (git), finds pages
that moved or went without an entry, naming the exact line to add.
"""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from filmhub.freshness import base_ref, git
from filmhub.front_matter import parse
from filmhub.problems import Problem
from filmhub.site import Site, classify

PLUGIN = "redirects"
MAP_KEY = "redirect_maps"


@dataclass(frozen=True)
class Redirect:
    old: str  # the old page's path from docs/
    new: str  # the page it sends readers to, from docs/, maybe with '#anchor'
    line: int = 1  # where the entry is in the config file

    @property
    def target(self) -> str:
        return self.new.partition("#")[0]


@dataclass
class RedirectMap:
    entries: dict[str, Redirect] = field(default_factory=dict)
    config_name: str = "mkdocs.yml"
    line: int = 1  # the 'redirect_maps:' line
    indent: int = 8  # where an entry starts on its line

    def line_to_add(self, old: str, new: str) -> str:
        return f"{' ' * self.indent}{old}: {new}"

    @property
    def moved(self) -> dict[str, str]:
        """Old path -> the page it now lives at, for links still written the old way."""
        return {old: entry.target for old, entry in self.entries.items()}


def read_map(maps: Mapping, config_text: str = "", config_name: str = "mkdocs.yml") -> RedirectMap:
    """The plugin's `redirect_maps`, with the line of each entry in the config's text."""
    result = RedirectMap(config_name=config_name)
    lines: dict[str, int] = {}
    node = _map_node(config_text)
    if node is not None:
        key_node, value_node = node
        result.line = key_node.start_mark.line + 1
        result.indent = key_node.start_mark.column + 2
        if isinstance(value_node, yaml.MappingNode):
            lines = {
                k.value: k.start_mark.line + 1 for k, _ in value_node.value if isinstance(k, yaml.ScalarNode)
            }
            if value_node.value:
                result.indent = value_node.value[0][0].start_mark.column
    for old, new in (maps or {}).items():
        result.entries[str(old)] = Redirect(str(old), str(new), lines.get(str(old), result.line))
    return result


def _map_node(config_text: str):
    """The (key, value) nodes of `redirect_maps:` under the redirects plugin, or None."""
    try:
        root = yaml.compose(config_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    for key, value in _pairs(root):
        if key == "plugins" and isinstance(value, yaml.SequenceNode):
            for item in value.value:
                for name, options in _pairs(item):
                    if name == PLUGIN:
                        for option_key, option_value in (
                            pair for pair in getattr(options, "value", []) if isinstance(pair, tuple)
                        ):
                            if getattr(option_key, "value", None) == MAP_KEY:
                                return option_key, option_value
    return None


def _pairs(node) -> list:
    if not isinstance(node, yaml.MappingNode):
        return []
    return [(k.value, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)]


# --- The map itself -------------------------------------------------------------------------


def map_problems(redirects: RedirectMap, site: Site) -> list[Problem]:
    problems = []
    for entry in redirects.entries.values():
        message = _entry_problem(entry, redirects, site)
        if message:
            problems.append(Problem(redirects.config_name, entry.line, message, kind="redirect"))
    return problems


def _entry_problem(entry: Redirect, redirects: RedirectMap, site: Site) -> str:
    if not entry.old.endswith(".md") or entry.old.startswith("/") or "://" in entry.old:
        return f"the redirect from '{entry.old}' must name the old page's path from docs/, ending in .md"
    if entry.old in site.pages:
        return (
            f"the redirect from '{entry.old}' would hide the page docs/{entry.old}, which still exists — "
            "remove the redirect or the page"
        )
    if "://" in entry.new or entry.new.startswith(("/", "mailto:")) or not entry.target.endswith(".md"):
        return (
            f"the redirect target '{entry.new}' must be a page of this site, written as its path from docs/ "
            "(e.g. ethics/disclosure.md)"
        )
    path = [entry.old]
    current = entry
    while current.target in redirects.entries:
        if current.target in path:
            loop = " → ".join([*path[path.index(current.target) :], current.target])
            return f"the redirects from '{entry.old}' go round in a loop ({loop}) — point each at a page that exists"
        path.append(current.target)
        current = redirects.entries[current.target]
    if current is not entry:
        return (
            f"the redirect to '{entry.new}' leads to another redirect ({' → '.join([*path, current.target])}) — "
            f"point it straight at '{current.new}'"
        )
    page = site.pages.get(entry.target)
    if page is None:
        close = _closest(entry.target, site)
        hint = f" (did you mean '{close}'?)" if close else ""
        return f"the redirect target '{entry.new}' is not a page of this site{hint}"
    if page.draft:
        return f"the redirect target '{entry.new}' is a draft, which is not published — point it at a published page"
    return ""


def _closest(target: str, site: Site) -> str:
    names = [src for src, page in site.pages.items() if not page.draft]
    same_name = [src for src in names if posixpath.basename(src) == posixpath.basename(target)]
    if len(same_name) == 1:
        return same_name[0]
    close = difflib.get_close_matches(target, names, n=1, cutoff=0.8)
    return close[0] if close else ""


# --- Pages that moved since the base ------------------------------------------------------------


@dataclass(frozen=True)
class Move:
    old: str  # the page's path from docs/ in the base
    new: str = ""  # where git saw it go ('' when it was deleted)
    title: str = ""  # its title in the base, to find it again under another name


def successors(moves: list[Move], site: Site) -> dict[str, str]:
    """Where each moved page went: git's rename, or the page that now has its title."""
    by_title = {p.title.casefold(): src for src, p in site.pages.items() if p.front.get("title")}
    found = {}
    for move in moves:
        new = move.new if move.new in site.pages else by_title.get(move.title.casefold(), "")
        if new and move.old not in site.pages:
            found[move.old] = new
    return found


def move_problems(moves: list[Move], redirects: RedirectMap, site: Site) -> list[Problem]:
    """A published page that moved or went since the base needs a redirect from its old address."""
    problems = []
    went_to = successors(moves, site)
    for move in moves:
        if move.old in redirects.entries or move.old in site.pages:
            continue
        new = went_to.get(move.old)
        if new:
            line = redirects.line_to_add(move.old, new)
            problems.append(
                Problem(
                    site.pages[new].path,
                    1,
                    f"this page was moved here from docs/{move.old}, whose address has no redirect — add the line "
                    f"'{line}' under '{MAP_KEY}:' in {redirects.config_name}",
                    kind="redirect",
                )
            )
            continue
        hub = classify(move.old)[1]
        fallback = f"{hub}/index.md" if f"{hub}/index.md" in site.pages else "index.md"
        line = redirects.line_to_add(move.old, fallback)
        problems.append(
            Problem(
                redirects.config_name,
                redirects.line,
                f"docs/{move.old} was deleted, and its address has no redirect — add the line '{line}' under "
                f"'{MAP_KEY}:', or point it at the page that replaces it",
                kind="redirect",
            )
        )
    return problems


def base_for_moves(root: Path, environ: Mapping[str, str]) -> str:
    """FRESHNESS_BASE, the pull request's target, or where this branch left origin/main (else HEAD)."""
    base = base_ref(root, dict(environ))
    if base != "HEAD":
        return base
    for remote in ("origin/main", "origin/HEAD"):
        fork = git(root, "merge-base", "HEAD", remote)
        if fork:
            return fork.strip()
    return "HEAD"


def moves(docs_dir: Path, base: str) -> list[Move]:
    """Published pages of `base` that are not where they were: renamed, moved or deleted.

    Compares the base's docs/ with the working tree, so a rename shows
    before it is committed; a page that was a draft in the base never had
    an address. Outside a git repository there is nothing to compare.
    """
    if not docs_dir.is_dir():
        return []
    changed = git(docs_dir, "diff", "--name-status", "-M", "--relative", base, "--", ".")
    if not changed:
        return []
    found = []
    for row in changed.splitlines():
        status, *names = row.split("\t")
        if not names or status[:1] not in "RD" or not names[0].endswith(".md"):
            continue
        old, new = names[0], (names[1] if status.startswith("R") and len(names) > 1 else "")
        before = git(docs_dir, "show", f"{base}:./{old}")
        if before is None:
            continue
        front, _ = parse(before, old)
        if front.get("draft") is True:
            continue
        title = front.get("title")
        found.append(Move(old, new, title if isinstance(title, str) else ""))
    return found
