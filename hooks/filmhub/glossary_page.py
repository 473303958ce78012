"""The glossary page, made in memory from glossary/ at every build.

It is never written into docs/ (that would make `mkdocs serve` rebuild in a
loop). Terms are grouped A–Z under letter headings, each with an anchor named
after its file (glossary/training-data.yml -> #training-data), its aliases,
definition, related terms, sources, and the articles that mention it.
"""

from __future__ import annotations

from collections.abc import Iterable

from filmhub.glossary import Glossary, Term

SRC_URI = "glossary.md"
TITLE = "Glossary"
DESCRIPTION = (
    "Every term the hub uses, with the shared definitions, sources and the articles that use each one."
)


def placeholder() -> str:
    """The page as MkDocs first reads it; its body is filled in last (see markdown())."""
    return f"---\ntitle: {TITLE}\ndescription: {DESCRIPTION}\n---\n"


def _letter(term: Term) -> str:
    first = term.term.lstrip("\"'“")[:1].upper()
    return first if first.isalpha() else "#"


def markdown(glossary: Glossary, used_in: dict[str, list[tuple[str, str]]]) -> str:
    """The page body: `used_in` maps a term's slug to (title, docs path) of articles."""
    terms = sorted(glossary.terms.values(), key=lambda t: t.term.casefold())
    letters = list(dict.fromkeys(_letter(t) for t in terms))
    lines = [
        "Each entry gives the meaning this hub uses. Articles link a term's first mention here, "
        "and the shared definition of AI appears wherever a page needs it.",
        "",
        " · ".join(f"[{letter}](#letter-{letter.lower()})" for letter in letters),
        "",
    ]
    current = None
    for term in terms:
        if _letter(term) != current:
            current = _letter(term)
            lines += [f"## {current} {{#letter-{current.lower()}}}", ""]
        lines += _entry(term, glossary, used_in.get(term.slug, []))
    return "\n".join(lines) + "\n"


def _entry(term: Term, glossary: Glossary, used: Iterable[tuple[str, str]]) -> list[str]:
    lines = [f"### {term.term} {{#{term.slug}}}", ""]
    if term.aliases:
        lines += ["*Also:* " + ", ".join(term.aliases), ""]
    lines += [term.definition, ""]
    related = [glossary.terms[slug] for slug in term.see_also if slug in glossary.terms]
    if related:
        lines += ["*See also:* " + ", ".join(f"[{t.term}](#{t.slug})" for t in related), ""]
    if term.sources:
        lines += ["*Sources:* " + "; ".join(f"[{s.title}]({s.url})" for s in term.sources), ""]
    used = sorted(used, key=lambda pair: pair[0].casefold())
    if used:
        lines += ["*Used in:* " + ", ".join(f"[{title}]({path})" for title, path in used), ""]
    return lines
