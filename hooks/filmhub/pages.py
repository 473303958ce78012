"""Reading the site: every page and diagram once, with every check that needs no rendering.

The one pipeline both the build (hooks/front_matter.py) and `make check`
(filmhub.check) run, so their messages cannot drift apart:

    decode → front matter → schema → body checks → markers → content rules    (each page)
    hub folders, titles, Read Next lists, list markers, definitions,
    redirects and renames                                                     (the whole site)

What needs the rendered pages (links and anchors, the HTML allow-list, the
articles no page cites, the last scan of the output) stays in the hooks.

The preview (`make serve`) passes its cache (filmhub.preview_cache): a page
whose bytes have not changed is then not read again, nor are its Read Next
list, its definitions and its content rules checked again against the same
glossary and rules. A build passes the results the last build kept
(filmhub.kept), which hold the definitions and content rules. With
RECOMPUTE (the default), everything is read and checked.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from filmhub import content_rules, diagrams, front_matter, glossary_page, hub_lists, read_next, redirects
from filmhub.body_checks import body_heading_problems, unfinished_text_problems
from filmhub.bounds import MAX_PAGE_BYTES, markdown_depth_problem, unclosed_problem
from filmhub.content_rules import ContentRules
from filmhub.definitions import CopyChecker, DefinitionChecker
from filmhub.glossary import Glossary
from filmhub.markers import find_markers
from filmhub.page_safety import generated_marker_problem
from filmhub.preview_cache import RECOMPUTE, Reuse, fingerprint
from filmhub.problems import Problem
from filmhub.site import Site, SitePage
from filmhub.yaml_reader import decode


@dataclass(frozen=True)
class SourceFile:
    """A file of docs/ as MkDocs lists it."""

    src_uri: str  # "ethics/disclosure.md"
    url: str  # "ethics/disclosure/"
    abs_path: Path


@dataclass
class Checks:
    """What the site-wide checks need besides the pages."""

    glossary: Glossary = field(default_factory=Glossary)
    rules: ContentRules = field(default_factory=ContentRules)
    redirects: redirects.RedirectMap = field(default_factory=redirects.RedirectMap)
    moves: list[redirects.Move] = field(default_factory=list)


def read_page(
    source: SourceFile, path: str, today: datetime.date, data: bytes | None = None
) -> tuple[SitePage, list[Problem]]:
    """One page, read and checked on its own: front matter, body, markers.

    `data` is the file's bytes, if the caller has read them already.
    """
    data = source.abs_path.read_bytes() if data is None else data
    text, problems = decode(data, path, MAX_PAGE_BYTES)
    page = SitePage(source.src_uri, path, source.url)
    if text is None:
        page.blocked = True
        return page, problems
    page.front, parse_problems = front_matter.parse(text, path)
    problems += parse_problems
    for blocking in (
        markdown_depth_problem(page.body, path) or unclosed_problem(page.body, path),
        generated_marker_problem(page.front.body, path, page.front.body_line),
    ):
        if blocking:
            page.blocked = True
            problems.append(blocking)
    if page.front.read:
        problems += front_matter.validate(page.front, page.kind, path, today)
    problems += body_heading_problems(page.body, path)
    problems += unfinished_text_problems(page.body, path)
    page.markers, marker_problems = find_markers(page.body, path)
    problems += marker_problems
    return page, problems


def load(
    sources: Iterable[SourceFile],
    display: Callable[[str], str],
    today: datetime.date,
    checks: Checks,
    reuse: Reuse = RECOMPUTE,
) -> tuple[Site, list[Problem]]:
    """The site model from the files of docs/, and every problem found without rendering.

    With the preview's cache, each page is read once per content (the
    pages it returns are shared between rebuilds and must not be changed);
    with a build's kept results, the checks that are plain data are.
    """
    site, problems = Site(), []
    for source in sources:
        path = display(source.src_uri)
        if source.src_uri == glossary_page.SRC_URI:
            problems.append(
                Problem(
                    path,
                    1,
                    "the glossary page is made from glossary/*.yml — move this text into glossary files and delete this page",
                    kind="glossary",
                )
            )
        elif source.src_uri.endswith(".md"):
            page, page_problems = _read_page(source, path, today, reuse)
            problems += page_problems
            site.add(page)
        elif diagrams.is_diagram(source.src_uri):
            problems += diagrams.diagram_problems(source.abs_path.read_bytes(), path)
    problems += check_site(site, checks, reuse)
    return site, problems


def _read_page(
    source: SourceFile, path: str, today: datetime.date, reuse: Reuse
) -> tuple[SitePage, list[Problem]]:
    data = source.abs_path.read_bytes()
    key = (source.url, path, today)
    return reuse.read_page(source.src_uri, data, key, lambda: read_page(source, path, today, data))


def check_site(site: Site, checks: Checks, reuse: Reuse = RECOMPUTE) -> list[Problem]:
    """The checks across pages; also fills in each page's checked Read Next entries."""
    problems = site.placement_problems() + site.duplicate_title_problems()
    rules_key = (fingerprint(checks.rules),)
    for page in site.pages.values():
        page.read_next, entry_problems = reuse.page_check(
            "read next", page.src_uri, (), lambda page=page: read_next.entries(page)
        )
        problems += entry_problems
        problems += reuse.page_check(
            "content rules",
            page.src_uri,
            rules_key,
            lambda page=page: content_rules.page_problems(page, checks.rules),
        )
    problems += hub_lists.marker_problems(site)
    problems += definition_problems(site, checks.glossary, reuse)
    problems += glossary_source_problems(checks.glossary, checks.rules)
    problems += redirects.map_problems(checks.redirects, site)
    problems += redirects.move_problems(checks.moves, checks.redirects, site)
    return problems


def definition_problems(site: Site, glossary: Glossary, reuse: Reuse = RECOMPUTE) -> list[Problem]:
    """Terms defined in a page's own words or copied, and definition markers naming no term."""
    problems = []
    checkers = functools.cache(lambda: (DefinitionChecker(glossary), CopyChecker(glossary)))

    def check(page: SitePage) -> list[Problem]:
        own_words, copies = checkers()
        return own_words.problems(page.body, page.path) + copies.problems(page.body, page.path)

    key = (fingerprint(glossary),)
    for page in site.pages.values():
        problems += reuse.page_check("definitions", page.src_uri, key, lambda page=page: check(page))
        for marker in page.markers_named("definition"):
            if marker.argument not in glossary.terms:
                close = glossary.suggest(marker.argument)
                hint = (
                    f"did you mean '<!-- definition: {close} -->'?"
                    if close
                    else "use the name of a file in glossary/, without .yml"
                )
                problems.append(
                    Problem(
                        page.path,
                        marker.line,
                        f"'{marker.argument}' is not a glossary term — {hint}",
                        kind="marker",
                    )
                )
    return problems


def glossary_source_problems(glossary: Glossary, rules: ContentRules) -> list[Problem]:
    """Glossary sources are held to the same standard as a page's."""
    problems = []
    for term in glossary.terms.values():
        for source, line in zip(term.sources, term.source_lines, strict=False):
            host = content_rules.weak_host(source.url, rules.weak_domains)
            if host:
                problems.append(
                    Problem(term.path, line, content_rules.weak_source_message(host), kind="content")
                )
    return problems
