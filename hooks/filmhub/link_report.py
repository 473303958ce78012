"""The site-wide link report: every link resolved once, with what follows from it.

`check` resolves each link of the build (filmhub.links) and returns, in one
pass, a Problem for each that would break, the external links (for `make
linkcheck-external`), the pages whose own words link to each page (the
"Referenced by" list, and whether an article is cited), and the orphans:
published pages that no other page and no navigation entry reaches.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from filmhub.links import HTML, MARKDOWN, READ_NEXT, Link, LinkIndex, resolve
from filmhub.problems import ERROR, WARNING, Problem


@dataclass
class LinkReport:
    problems: list[Problem] = field(default_factory=list)
    external: list[Link] = field(default_factory=list)
    backlinks: dict[str, set[str]] = field(default_factory=dict)  # page -> pages whose own words link to it


def check(
    links: Iterable[Link],
    index: LinkIndex,
    *,
    nav_pages: Iterable[str] = (),
    path_of: Callable[[str], str] | None = None,
) -> LinkReport:
    """Resolve every link; report problems, external links, backlinks and orphans."""
    path_of = path_of or index.display
    report = LinkReport()
    reached = set(nav_pages)
    for link in links:
        result = resolve(link, index)
        if result.external:
            report.external.append(link)
        if result.file is not None and result.file.src_uri != link.source:
            reached.add(result.file.src_uri)
            if not link.generated and link.origin in (MARKDOWN, HTML, READ_NEXT) and result.file.is_page:
                report.backlinks.setdefault(result.file.src_uri, set()).add(link.source)
        if result.why and result.policy and link.origin in (MARKDOWN, HTML) and not link.generated:
            continue  # reported where the writer typed it, by the page's HTML allow-list
        if result.why:
            message = f"broken link '{link.target}': {result.why}"
            if result.suggestion:
                message += f" (did you mean '{result.suggestion}'?)"
            report.problems.append(
                Problem(
                    path_of(link.source),
                    link.line,
                    message,
                    col=link.col,
                    severity=ERROR,
                    kind="broken-link",
                    target=link.target,
                    suggestion=result.suggestion or None,
                )
            )
    report.problems += _orphans(index, reached, path_of)
    return report


def _orphans(index: LinkIndex, reached: set[str], path_of: Callable[[str], str]) -> list[Problem]:
    """Published pages, other than the home page, that nothing reaches."""
    return [
        Problem(
            path_of(file.src_uri),
            1,
            "orphan page: no other page and no navigation entry links to it — link to it from a related page",
            severity=WARNING,
            kind="orphan-page",
        )
        for file in index.by_src.values()
        if file.is_page
        and file.status == "published"
        and file.src_uri != "index.md"
        and file.src_uri not in reached
    ]
