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

from filmhub.glossary import Glossary
from filmhub.preview_cache import RECOMPUTE, Reuse, fingerprint
from filmhub.site import ARTICLE, SitePage
from filmhub.tooltips import meant, names_pattern

# Columns stay true: each is replaced by as many spaces.
_NOT_PROSE = re.compile(r"!\[[^\]\n]*\]|\]\([^)\]]*\)|<[^<>\n]*>|\{:?[^{}\n]*\}")


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


def articles_using(
    pages: Iterable[SitePage], glossary: Glossary, reuse: Reuse = RECOMPUTE
) -> dict[str, list[SitePage]]:
    """slug -> the published articles that use the term."""
    pattern = names_pattern(glossary)
    key = (fingerprint(glossary),)
    result: dict[str, list[SitePage]] = {}
    for page in pages:
        if page.kind == ARTICLE and not page.draft and not page.blocked:
            used = reuse.page_check(
                "terms", page.src_uri, key, lambda page=page: terms_used(page, glossary, pattern)
            )
            for slug in used:
                result.setdefault(slug, []).append(page)
    return result
