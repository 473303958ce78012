"""The glossary page, made in memory from glossary/ at every build.

It is never written into docs/ (that would make `mkdocs serve` rebuild in a
loop): hooks/glossary.py adds it to the build's files, complete, before any
page renders. Terms are grouped A–Z under letter headings, each with an anchor named
after its file (glossary/training-data.yml -> #training-data), its aliases,
definition, related terms, sources, and the articles that mention it.

The page is built from data, not from Markdown pasted together: the partial
overrides/partials/glossary-page.html escapes every value a writer typed,
and only the definition (Markdown, checked against the HTML allow-list when
the glossary is loaded) is rendered as HTML. The page's table of contents is
made here too, since Markdown never sees these headings.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from filmhub.glossary import Glossary, Source, Term
from filmhub.site import SitePage
from filmhub.urls import edit_url
from filmhub.yaml_mapping import FrontMatter

SRC_URI = "glossary.md"
TITLE = "Glossary"
DESCRIPTION = (
    "Every term the hub uses, with the shared definitions, sources and the articles that use each one."
)
INTRO = (
    "Each entry gives the meaning this hub uses. Articles link a term's first mention here, "
    "and the shared definition of AI appears wherever a page needs it."
)


def site_page(path: str, url: str, body: str) -> SitePage:
    """The glossary page in the site model: a title, a description and its body."""
    front = FrontMatter(values={"title": TITLE, "description": DESCRIPTION}, body=body, read=True)
    return SitePage(SRC_URI, path, url, front=front)


def source(page: SitePage) -> str:
    """The page as a file of Markdown, for anything that reads the generated file itself."""
    return f"---\ntitle: {TITLE}\ndescription: {DESCRIPTION}\n---\n{page.front.body}"


@dataclass(frozen=True)
class Entry:
    term: Term
    related: list[Term]
    sources: list[Source]
    used_in: list[tuple[str, str]]  # (title, URL relative to the glossary page)
    edit_url: str = ""  # opens the term's file in the repository's editor


@dataclass(frozen=True)
class Letter:
    letter: str
    anchor: str
    entries: list[Entry]


def _letter(term: Term) -> str:
    first = term.term.lstrip("\"'“")[:1].upper()
    return first if first.isalpha() else "#"


def letters(
    glossary: Glossary, used_in: dict[str, list[tuple[str, str]]], edit_root: str = ""
) -> list[Letter]:
    """The page's data: `used_in` maps a term's slug to (title, URL) of articles;
    each entry links to its file from `edit_root` (filmhub.urls), if there is one."""
    groups: dict[str, list[Entry]] = {}
    for term in sorted(glossary.terms.values(), key=lambda t: t.term.casefold()):
        related = [glossary.terms[slug] for slug in term.see_also if slug in glossary.terms]
        used = sorted(used_in.get(term.slug, []), key=lambda pair: pair[0].casefold())
        entry = Entry(term, related, list(term.sources), used, edit_url(edit_root, term.path))
        groups.setdefault(_letter(term), []).append(entry)
    return [
        Letter(letter, "letter-" + ("other" if letter == "#" else letter.lower()), entries)
        for letter, entries in groups.items()
    ]


def toc_tokens(page_letters: list[Letter]) -> list[dict]:
    """The table of contents MkDocs would have made from the headings (titles as HTML)."""
    return [
        {
            "level": 2,
            "id": group.anchor,
            "name": html.escape(group.letter),
            "children": [
                {"level": 3, "id": entry.term.slug, "name": html.escape(entry.term.term), "children": []}
                for entry in group.entries
            ],
        }
        for group in page_letters
    ]
