"""Which glossary terms each article uses, read from its source, not from rendering.

The glossary page lists, under each term, the articles that use it. A page
uses a term when its prose mentions the term or one of its aliases (where the
tooltips look: not in code or comments, and not in another sense, per the
term's `not_after` words) or when it shows the term's definition block. The
text a reader does not read as prose is blanked first: link addresses,
images' alt text, HTML tags, attribute lists.

The preview (`make serve`) passes its cache (filmhub.preview_cache), and a
build the results the last build kept (filmhub.kept): a page is then read
for terms once per content and glossary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from filmhub.glossary import Glossary, name_alternative
from filmhub.preview_cache import Reuse, fingerprint
from filmhub.site import ARTICLE, SitePage
from filmhub.tooltips import meant, names_pattern

# Columns stay true: each is replaced by as many spaces.
_NOT_PROSE = re.compile(r"!\[[^\]\n]*\]|\]\([^)\]]*\)|<[^<>\n]*>|\{:?[^{}\n]*\}")
# The characters other than its own two cases that re, ignoring case, takes
# for an ASCII letter.
_FOLDED_INTO = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def terms_used(page: SitePage, glossary: Glossary, pattern: re.Pattern | None) -> set[str]:
    """The slugs of the terms `page` mentions or shows the definition of."""
    used = {
        marker.argument for marker in page.markers_named("definition") if marker.argument in glossary.terms
    }
    if pattern is None:
        return used
    text = "\n".join(_NOT_PROSE.sub(lambda m: " " * len(m.group(0)), line.text) for line in page.body.prose)
    for match in pattern.finditer(text):
        term = glossary.named(match.group(0))
        if term is not None and term.slug not in used and meant(term, text, match.start()):
            used.add(term.slug)
    return used


def mentions_pattern(glossary: Glossary) -> re.Pattern | None:
    """The tooltips' names_pattern, built to be read faster: the same matches.

    That pattern tries, at each word, a look-ahead per first letter, then
    every name starting with it. Here each group of names starts with the
    set of characters its first letter matches in any case, which re skips
    past in one step when it fails, and the rest of each name follows (an
    acronym checks its capital behind it). Names that start with anything
    but an ASCII letter or digit keep the tooltips' pattern.
    """
    groups: dict[str, list[str]] = {}
    for name, body in glossary.name_bodies():
        first, rest = body[:1], body[1:]
        if not (first.isascii() and first.isalnum()):
            return names_pattern(glossary)
        alternative = name_alternative(name, f"(?<={first}){rest}" if name.isupper() else rest)
        groups.setdefault(first.lower(), []).append(alternative)
    if not groups:
        return None
    return re.compile(
        r"(?<![\w-])(?:"
        + "|".join(
            f"(?-i:[{first}{first.upper()}{_FOLDED_INTO.get(first, '')}])(?:{'|'.join(alternatives)})"
            if first.isalpha()
            else f"{first}(?:{'|'.join(alternatives)})"
            for first, alternatives in groups.items()
        )
        + ")",
        re.IGNORECASE,
    )


def articles_using(
    pages: Iterable[SitePage], glossary: Glossary, cache: Reuse | None = None
) -> dict[str, list[SitePage]]:
    """slug -> the published articles that use the term."""
    pattern = mentions_pattern(glossary)
    key = (fingerprint(glossary),) if cache is not None else ()
    result: dict[str, list[SitePage]] = {}
    for page in pages:
        if page.kind == ARTICLE and not page.draft and not page.blocked:
            if cache is None:
                used = terms_used(page, glossary, pattern)
            else:
                used = cache.page_check(
                    "terms", page.src_uri, key, lambda page=page: terms_used(page, glossary, pattern)
                )
            for slug in used:
                result.setdefault(slug, []).append(page)
    return result
