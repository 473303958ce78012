"""What a published article needs beyond valid front matter: substance, sources, a citation.

The hub promises readers articles of 900 to 2,000 words of substance, each
with at least three sources, none of them a mirror or summary site, and
each cited by some other page (its "Referenced by" list is never empty).
These rules are build checks like any other, at the line, in the preview's
box and in CONTRIBUTING's table. Drafts are held to them once published.

The numbers suit the real site and are set once, under `extra: hub:` in
mkdocs.yml; throwaway test sites relax them explicitly (tests/sitebuilder.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from filmhub.problems import WARNING, Problem
from filmhub.site import ARTICLE, Site, SitePage

WEAK_SOURCES_FILE = Path(__file__).with_name("weak_source_domains.txt")
# A source is an external address a Markdown link points at: inline, an
# autolink, or a reference definition.
_SOURCE = re.compile(
    r"\]\(\s*<?(https?://[^)\s>]+)|<(https?://[^>\s]+)>|^ {0,3}\[[^\]]+\]:\s*<?(https?://\S+?)>?(?:\s|$)"
)


@cache
def weak_source_domains(path: Path = WEAK_SOURCES_FILE) -> frozenset[str]:
    """Domains that stood in for primary sources (one a line, '#' comments)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


@dataclass(frozen=True)
class ContentRules:
    """The numbers an article is held to; the defaults are the real site's."""

    min_words: int = 900
    max_words: int = 2000
    min_sources: int = 3
    cited: bool = True  # some other page must link to each article
    weak_domains: frozenset[str] = field(default_factory=weak_source_domains)

    @classmethod
    def from_extra(cls, extra: Mapping | None) -> ContentRules:
        """The rules set under `extra: hub: articles:` in mkdocs.yml."""
        hub = (extra or {}).get("hub") or {}
        articles = (hub.get("articles") if isinstance(hub, Mapping) else None) or {}
        words = articles.get("words", [cls.min_words, cls.max_words])
        return cls(
            min_words=int(words[0]),
            max_words=int(words[1]),
            min_sources=int(articles.get("sources", cls.min_sources)),
            cited=bool(articles.get("cited", cls.cited)),
        )


def _held(page: SitePage) -> bool:
    return page.kind == ARTICLE and not page.draft and not page.blocked and page.front.read


def _text_line(page: SitePage) -> int:
    """The first line of text after the front matter."""
    return next((line.number for line in page.body.prose if line.text.strip()), page.front.body_line)


def length_problems(page: SitePage, rules: ContentRules) -> list[Problem]:
    """Too short at the start of the text; too long at the line where it passes the limit."""
    if not _held(page):
        return []
    words, passed_at = 0, None
    for line, count in zip(page.body.prose, page.body.words_per_line, strict=True):
        words += count
        if passed_at is None and words > rules.max_words:
            passed_at = line.number
    if words < rules.min_words:
        return [
            Problem(
                page.path,
                _text_line(page),
                f"the article has {words:,} words — write at least {rules.min_words:,}: the hub's articles "
                f"have {rules.min_words:,} to {rules.max_words:,} words of substance",
                kind="content",
            )
        ]
    if passed_at is not None:
        return [
            Problem(
                page.path,
                passed_at,
                f"the article passes {rules.max_words:,} words here ({words:,} in all) — cut it to at most "
                f"{rules.max_words:,}, or split it into two articles",
                kind="content",
            )
        ]
    return []


def sources(page: SitePage) -> list[tuple[str, int, int]]:
    """(address, line, column) of each external link in the page's Markdown, code left out."""
    found = []
    for number, line in page.body.lines:
        if "http" not in line:  # in every source: most lines are skipped in C
            continue
        for match in _SOURCE.finditer(line):
            group = next(g for g in (1, 2, 3) if match.group(g))
            found.append((match.group(group), number, match.start(group) + 1))
    return found


def source_count_problems(page: SitePage, rules: ContentRules) -> list[Problem]:
    if not _held(page):
        return []
    count = len({url for url, _, _ in sources(page)})
    if count >= rules.min_sources:
        return []
    return [
        Problem(
            page.path,
            _text_line(page),
            f"the article links {count} source{'s' if count != 1 else ''} — link at least {rules.min_sources}, "
            "each where its claim is first made (the primary source: the paper, the statute, the vendor's page)",
            kind="content",
        )
    ]


def weak_host(url: str, domains: Iterable[str]) -> str:
    """The host of `url` if it is one of `domains` or a subdomain of one, else ''."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    return host if any(host == d or host.endswith("." + d) for d in domains) else ""


def weak_source_message(host: str) -> str:
    return (
        f"'{host}' is a mirror or summary site, not a source — cite the primary source "
        "(the paper, the statute, the regulator, the union, the vendor)"
    )


def weak_source_problems(page: SitePage, rules: ContentRules) -> list[Problem]:
    """Every page (drafts too): a weak source is never the right link."""
    problems = []
    for url, line, col in sources(page):
        host = weak_host(url, rules.weak_domains)
        if host:
            problems.append(Problem(page.path, line, weak_source_message(host), col=col, kind="content"))
    return problems


def page_problems(page: SitePage, rules: ContentRules) -> list[Problem]:
    """The content rules one page can be checked against on its own."""
    return (
        length_problems(page, rules) + source_count_problems(page, rules) + weak_source_problems(page, rules)
    )


def uncited_problems(site: Site, backlinks: Mapping[str, set[str]], rules: ContentRules) -> list[Problem]:
    """Articles no other page links to: their "Referenced by" list would be empty.

    Needs the rendered site: backlinks come from the link check.
    """
    if not rules.cited:
        return []
    return [
        Problem(
            page.path,
            1,
            "no other page cites this article — add it to a related article's read_next, or link to it "
            "where another page mentions its subject",
            severity=WARNING,
            kind="uncited",
        )
        for page in site.pages.values()
        if _held(page) and not backlinks.get(page.src_uri, set()) - {page.src_uri}
    ]
