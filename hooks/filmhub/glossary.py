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
from filmhub.characters import has_markup, split_lines
from filmhub.fields import GLOSSARY_ENTRY, SHORT_LIMIT
from filmhub.front_matter import Fields, decode, plain_text_message, read_fields
from filmhub.problems import Problem
from filmhub.textscan import Body

SHARED = "ai"  # the term whose definition the whole hub shares
# The keys and the required ones, from the table the editors' schema is made from.
KEYS = tuple(spec.name for spec in GLOSSARY_ENTRY)
REQUIRED = tuple(spec.name for spec in GLOSSARY_ENTRY if spec.required_on)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Inline, reference and autolinks, and raw HTML links: a definition links nowhere.
_MARKDOWN_LINK = re.compile(
    r"\]\(|\]\[|<https?://|<a[\s>]|^ {0,3}\[[^\]\n]+\]:", re.IGNORECASE | re.MULTILINE
)
# A name is linked and gets a tooltip wherever it appears, so it must be a
# real term: at least this long, with letters, and not an everyday word.
MIN_NAME = 3
_LETTER = re.compile(r"[^\W\d_]")
COMMON_WORDS = frozenset(
    """
    the be to of and a in that have i it for not on with he as you do at this but his by from they we
    say her she or an will my one all would there their what so up out if about who get which go me
    when make can like time no just him know take people into year your good some could them see other
    than then now look only come its over think also back after use two how our work first well way
    even new want because any these give day most us is are was were been being has had did does done
    said made went got very more much many such own same few each every both either neither here where
    why while until since though although yet still never always often again once off down under above
    below between through during before against among within without upon per via ever too quite
    rather really thing things part place case point fact hand life world week month man woman child
    those shall should may might must need let put set keep show try call ask seem feel leave turn
    mean tell become begin run move live believe bring happen write sit stand lose pay meet include
    continue learn change lead understand watch follow stop create speak read allow add spend grow open
    walk win offer remember love consider appear buy wait serve die send expect build stay fall cut
    reach kill remain
    """.split()
)
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


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

    def named(self, name: str) -> Term | None:
        """The term a name (or alias, or simple plural) stands for."""
        wanted = _key(name)
        for candidate in (wanted, wanted.removesuffix("es"), wanted.removesuffix("s")):
            if candidate in self._by_name:
                return self._by_name[candidate]
        return None

    def names_alternation(self) -> str:
        """A regex alternation of every term and alias, longest first.

        Words may be joined by spaces or hyphens ("optical-flow retiming");
        a plural -s or -es is allowed. Acronyms (AI, ADR) match in capitals
        only, even inside a pattern compiled to ignore case, and also at the
        start of a compound ("AI-assisted"); other names only as whole words.
        """
        names = sorted({name for term in self.terms.values() for name in term.names}, key=len, reverse=True)
        alternatives = []
        for name in names:
            body = r"[\s-]+".join(map(re.escape, name.split()))
            if name.isupper():
                alternatives.append(f"(?-i:{body})s?(?!\\w)")
            else:
                alternatives.append(f"{body}(?:s|es)?(?![\\w-])")
        return "|".join(alternatives)

    def suggest(self, slug: str) -> str:
        close = difflib.get_close_matches(slug, self.terms, n=1, cutoff=0.5)
        return close[0] if close else ""


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
    text, problems = decode(file.read_bytes(), path, limit=MAX_GLOSSARY_BYTES)
    if text is None or problems:
        return None, problems
    fields = Fields()
    problems = read_fields(text, fields, path, first_line=1, what="glossary entry")
    if problems:
        return None, problems
    problems = _check_fields(fields, path)
    if any(key not in fields.values for key in REQUIRED):
        return None, problems
    values = fields.values
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
    alias_lines = [line for line, _ in fields.item_positions.get("aliases", [])]
    term.name_lines = dict(zip([a.casefold() for a in term.aliases], alias_lines, strict=False))
    term.name_lines[term.term.casefold()] = fields.key_lines["term"]
    term.see_also_lines = [line for line, _ in fields.item_positions.get("see_also", [])]
    term.source_lines = [line for line, _ in fields.item_positions.get("sources", [])]
    line, col = fields.value_positions["definition"]
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


def _at(fields: Fields, key: str, path: str, message: str) -> Problem:
    return Problem(path, fields.position(key)[0], message, kind="glossary")


def _check_fields(fields: Fields, path: str) -> list[Problem]:
    problems = []
    for key in list(fields.values):
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "allowed keys are " + ", ".join(KEYS)
            problems.append(
                Problem(path, fields.key_lines[key], f"unknown key '{key}' — {hint}", kind="glossary")
            )
            del fields.values[key]
    for key in REQUIRED:
        if key not in fields.values:
            problems.append(Problem(path, 1, f"missing '{key}' — {_HINTS[key]}", kind="glossary"))
        elif not isinstance(fields.values[key], str) or not fields.values[key].strip():
            problems.append(_at(fields, key, path, f"'{key}' must be text — {_HINTS[key]}"))
            del fields.values[key]
        elif _MARKDOWN_LINK.search(fields.values[key]):
            problems.append(
                _at(fields, key, path, f"'{key}' contains a link — put sources under 'sources:' instead")
            )
            del fields.values[key]
    for key in ("term", "short"):
        if isinstance(fields.values.get(key), str) and has_markup(fields.values[key]):
            problems.append(_at(fields, key, path, plain_text_message(key)))
            del fields.values[key]
    short = fields.values.get("short")
    if short:
        if len(short) > SHORT_LIMIT:
            problems.append(
                _at(
                    fields,
                    "short",
                    path,
                    f"'short' is {len(short)} characters — keep the tooltip text to at most {SHORT_LIMIT}",
                )
            )
        elif _SENTENCE_BREAK.search(short.strip()) or not short.strip().endswith((".", "?", "!")):
            problems.append(
                _at(
                    fields,
                    "short",
                    path,
                    "'short' must be one sentence ending with a full stop — it is the tooltip on the term's first use",
                )
            )
    for key in ("aliases", "see_also", "not_after"):
        value = fields.values.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
            problems.append(
                _at(fields, key, path, f"'{key}' must be a list of words, e.g. {key}: [{_EXAMPLES[key]}]")
            )
            fields.values.pop(key, None)
    problems += _name_problems(fields, path)
    problems += _not_after_problems(fields, path)
    sources = fields.values.get("sources", [])
    valid = isinstance(sources, list) and all(
        isinstance(s, dict)
        and set(s) == {"title", "url"}
        and isinstance(s["title"], str)
        and isinstance(s["url"], str)
        and _WEB_ADDRESS.match(s["url"].strip())
        for s in sources
    )
    if not valid:
        problems.append(
            _at(
                fields,
                "sources",
                path,
                "'sources' must be a list of entries with a title and an https:// url",
            )
        )
        fields.values.pop("sources", None)
    elif any(has_markup(source["title"]) for source in sources):
        problems.append(_at(fields, "sources", path, plain_text_message("sources' titles")))
        fields.values.pop("sources", None)
    return problems


_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"'\\^`{|}]+\Z")


def _name_problems(fields: Fields, path: str) -> list[Problem]:
    """A term or alias that is too short, has no letters, or is an everyday
    word would link and tooltip the first 'the' or '.' of every page."""
    names = []
    if isinstance(fields.values.get("term"), str):
        names.append(("term", fields.values["term"].strip(), fields.position("term")[0]))
    aliases = fields.values.get("aliases")
    if isinstance(aliases, list):
        lines = [line for line, _ in fields.item_positions.get("aliases", [])]
        names += [("aliases", str(a).strip(), line) for a, line in zip(aliases, lines, strict=False)]
    problems = []
    for key, name, line in names:
        # An acronym in capitals (AI, VFX) matches only in capitals, so two letters will do.
        long_enough = len(name) >= MIN_NAME or (len(name) == 2 and name.isalpha() and name.isupper())
        if long_enough and _LETTER.search(name) and name.casefold() not in COMMON_WORDS:
            if not has_markup(name):
                continue
            reason = "contains '<' or '>' — write it without them"
        else:
            reason = (
                f"is not a name the glossary can match — a term or alias needs at least {MIN_NAME} characters "
                "(2 for an acronym in capitals), letters, and must not be an everyday word"
            )
        problems.append(Problem(path, line, f"'{name}' {reason}", kind="glossary"))
        fields.values.pop(key, None)
    return problems


def _not_after_problems(fields: Fields, path: str) -> list[Problem]:
    """`not_after` is compared with the one word before a name, so each entry is one word."""
    words = fields.values.get("not_after", [])
    lines = [line for line, _ in fields.item_positions.get("not_after", [])]
    problems = []
    for word, line in zip(words, lines, strict=False):
        if not _ONE_WORD.match(word.strip()):
            problems.append(
                Problem(
                    path,
                    line,
                    f"not_after '{word.strip()}' is not one word — list single words that come right before "
                    "the term when it means something else, e.g. not_after: [can, to, will]",
                    kind="glossary",
                )
            )
    if problems:
        fields.values.pop("not_after", None)
    return problems


_ONE_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?\Z")
_HINTS = {
    "term": "give the term as readers see it, e.g. term: training data",
    "short": "give one sentence for the tooltip on the term's first use",
    "definition": "give the full definition, in Markdown, for the glossary page",
}
_EXAMPLES = {"aliases": "training set", "see_also": "model, drift", "not_after": "can, to, will"}


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
