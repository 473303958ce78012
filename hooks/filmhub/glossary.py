"""The glossary: one YAML file per term in glossary/, checked like front matter.

    # glossary/training-data.yml
    term: training data
    aliases: [training set]
    short: One sentence for the tooltip on a term's first use.
    definition: |
      The longer definition, in Markdown, for the glossary page and for
      the definition block a writer places with <!-- definition: training-data -->.
    see_also: [model, drift]
    not_after: [can, to, will]
    sources:
      - title: NIST AI 600-1, Generative AI Profile (July 2024)
        url: https://…

The file name is the term's id: its anchor on the glossary page and the name
in a definition marker. `not_after` lists words that, right before a
name, show it is used in another sense: "output" the noun gets a tooltip,
"can output" the verb does not. `glossary/ai.yml` holds the hub's shared definition
of AI, which every page uses instead of defining AI itself.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import markdown

from filmhub import page_safety
from filmhub.bounds import MAX_GLOSSARY_BYTES
from filmhub.characters import split_lines
from filmhub.fields import ENTRY, GLOSSARY_ENTRY
from filmhub.problems import Problem
from filmhub.textscan import Body
from filmhub.yaml_mapping import YamlMapping
from filmhub.yaml_reader import decode, read_mapping

SHARED = "ai"  # the term whose definition the whole hub shares
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass
class Term:
    slug: str
    term: str
    short: str
    definition: str
    path: str
    aliases: list[str] = field(default_factory=list)
    see_also: list[str] = field(default_factory=list)
    # Words that, right before a name, mean the name is used in another sense.
    not_after: frozenset[str] = frozenset()
    sources: list[Source] = field(default_factory=list)
    name_lines: dict[str, int] = field(default_factory=dict)  # casefolded name -> line in the file
    definition_line: int = 1  # where the definition's text starts in the file
    # The definition rendered once, when it is loaded and checked: the glossary
    # page and every definition block use this.
    html: str = ""
    see_also_lines: list[int] = field(default_factory=list)
    source_lines: list[int] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [self.term, *self.aliases]


@dataclass
class Glossary:
    terms: dict[str, Term] = field(default_factory=dict)  # slug -> term, in slug order

    @cached_property
    def _by_name(self) -> dict[str, Term]:
        return {_key(name): term for term in self.terms.values() for name in term.names}

    @cached_property
    def _named(self) -> dict[str, Term | None]:
        return {}

    def named(self, name: str) -> Term | None:
        """The term a name (or alias, or simple plural) stands for."""
        # Every mention on every page is looked up: each spelling is worked out once.
        if name not in self._named:
            wanted = _key(name)
            candidates = (wanted, wanted.removesuffix("es"), wanted.removesuffix("s"))
            self._named[name] = next((self._by_name[c] for c in candidates if c in self._by_name), None)
        return self._named[name]

    def names_alternation(self) -> str:
        """A regex alternation of every term and alias, longest first, for a
        pattern compiled to ignore case.

        Words may be joined by spaces or hyphens ("optical-flow retiming");
        a plural -s or -es is allowed. Acronyms (AI, ADR) match in capitals
        only, and also at the start of a compound ("AI-assisted"); other
        names only as whole words.

        Every word of every page is tried against it, and re tries the
        alternatives one after another, so the names are grouped by their
        first character: each group starts with the set of characters that
        character matches in any case (re skips past it in one step when it
        fails), then the rest of each of its names. The matches are the same
        as one flat alternation's: two names can match at one place only if
        they start alike. If a name starts with anything but an ASCII letter
        or digit, whose case may fold into another's, the alternation stays flat.
        """
        bodies = self._name_bodies()
        if not all(body[:1].isascii() and body[:1].isalnum() for _, body in bodies):
            return "|".join(_alternative(name, body) for name, body in bodies)
        groups: dict[str, list[str]] = {}
        for name, body in bodies:
            first, rest = body[:1], body[1:]
            # An acronym's first capital is checked behind it, case and all.
            groups.setdefault(first.lower(), []).append(
                _alternative(name, f"(?<={first}){rest}" if name.isupper() else rest)
            )
        return "|".join(
            f"{_any_case(first)}(?:{'|'.join(alternatives)})" for first, alternatives in groups.items()
        )

    def _name_bodies(self) -> list[tuple[str, str]]:
        """(name, a regex of its words joined by spaces or hyphens) of every term and alias, longest first."""
        names = sorted({name for term in self.terms.values() for name in term.names}, key=len, reverse=True)
        return [(name, r"[\s-]+".join(map(re.escape, name.split()))) for name in names]

    def suggest(self, slug: str) -> str:
        close = difflib.get_close_matches(slug, self.terms, n=1, cutoff=0.5)
        return close[0] if close else ""


def _alternative(name: str, body: str) -> str:
    """The alternative that matches `name`, whose words `body` matches: an
    acronym in capitals only, and then whole words, with a plural."""
    if name.isupper():
        return f"(?-i:{body})s?(?!\\w)"
    return f"{body}(?:s|es)?(?![\\w-])"


# The characters other than its own two cases that re, ignoring case, takes
# for an ASCII letter.
_FOLDED_INTO = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def _any_case(first: str) -> str:
    """A letter in any case re would take for it, in a class re reads in one
    step; a digit as itself."""
    if not first.isalpha():
        return first
    return f"(?-i:[{first}{first.upper()}{_FOLDED_INTO.get(first, '')}])"


def _key(name: str) -> str:
    """A name as looked up: any case, hyphens and spaces alike."""
    return " ".join(name.replace("-", " ").split()).casefold()


def load(folder: Path, display: str = "glossary") -> tuple[Glossary, list[Problem]]:
    """Read every glossary/*.yml; a broken file is reported and left out."""
    glossary, problems = Glossary(), []
    files = sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]) if folder.is_dir() else []
    for file in files:
        path = f"{display}/{file.name}"
        term, file_problems = _read_term(file, path)
        problems += file_problems
        if term:
            glossary.terms[term.slug] = term
    problems += _clash_problems(glossary)
    problems += _see_also_problems(glossary)
    if SHARED not in glossary.terms and not any(p.path == f"{display}/{SHARED}.yml" for p in problems):
        problems.append(
            Problem(
                f"{display}/{SHARED}.yml",
                1,
                "the shared definition of AI is missing — add glossary/ai.yml with term, short and definition",
                kind="glossary",
            )
        )
    return glossary, problems


def _read_term(file: Path, path: str) -> tuple[Term | None, list[Problem]]:
    slug = file.stem
    if not _SLUG.match(slug) or file.suffix != ".yml":
        hint = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-") or "term"
        return None, [
            Problem(
                path,
                1,
                f"a glossary file name is the term's id: lowercase words joined by hyphens, ending in .yml — rename it to {hint}.yml",
                kind="glossary",
            )
        ]
    text, problems = decode(file.read_bytes(), path, MAX_GLOSSARY_BYTES)
    if text is None or problems:
        return None, problems
    entry = YamlMapping()
    problems = read_mapping(text, entry, path, 1, GLOSSARY_ENTRY)
    if problems:
        return None, problems
    problems = GLOSSARY_ENTRY.validate(entry, path, ENTRY)
    if any(key not in entry.values for key in GLOSSARY_ENTRY.required):
        return None, problems
    values = entry.values
    term = Term(
        slug=slug,
        term=values["term"].strip(),
        short=values["short"].strip(),
        definition=values["definition"].strip(),
        path=path,
        aliases=[a.strip() for a in values.get("aliases", [])],
        see_also=list(values.get("see_also", [])),
        not_after=frozenset(word.strip().casefold() for word in values.get("not_after", [])),
        sources=[Source(s["title"].strip(), s["url"].strip()) for s in values.get("sources", [])],
    )
    alias_lines = [line for line, _ in entry.item_positions.get("aliases", [])]
    term.name_lines = dict(zip([a.casefold() for a in term.aliases], alias_lines, strict=False))
    term.name_lines[term.term.casefold()] = entry.key_lines["term"]
    term.see_also_lines = [line for line, _ in entry.item_positions.get("see_also", [])]
    term.source_lines = [line for line, _ in entry.item_positions.get("sources", [])]
    line, col = entry.value_positions["definition"]
    source_lines = split_lines(text)
    block = line <= len(source_lines) and source_lines[line - 1][col - 1 : col].strip() in ("|", ">")
    term.definition_line = line + 1 if block else line
    term.html = markdown.markdown(term.definition)
    unsafe = page_safety.html_problems(term.html, Body(term.definition, term.definition_line), path)
    if unsafe:
        # Shown as text until it is fixed, so a preview never renders it.
        term.html = markdown.markdown(html.escape(term.definition))
    problems += unsafe
    return term, problems


def _clash_problems(glossary: Glossary) -> list[Problem]:
    """No two files may claim the same term or alias (in any case)."""
    owner: dict[str, Term] = {}
    problems = []
    for term in glossary.terms.values():
        for name in term.names:
            key = name.casefold()
            line = term.name_lines.get(key, 1)
            other = owner.get(key)
            if other is None:
                owner[key] = term
            elif other is not term:
                problems.append(
                    Problem(
                        term.path,
                        line,
                        f"'{name}' is already a name of '{other.term}' in {other.path} — keep each name in one file "
                        "(add it there as an alias, or remove it here)",
                        kind="glossary",
                    )
                )
    return problems


def _see_also_problems(glossary: Glossary) -> list[Problem]:
    problems = []
    for term in glossary.terms.values():
        for slug, line in zip(term.see_also, term.see_also_lines, strict=False):
            if slug not in glossary.terms:
                close = glossary.suggest(slug)
                hint = (
                    f"did you mean '{close}'?"
                    if close
                    else "use the name of a file in glossary/, without .yml"
                )
                problems.append(
                    Problem(
                        term.path, line, f"see_also '{slug}' is not a glossary term — {hint}", kind="glossary"
                    )
                )
    return problems
