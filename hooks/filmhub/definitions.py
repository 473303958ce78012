"""One definition per term: catching pages that define a glossary term themselves.

The hub promises one meaning of "AI" (and of every glossary term) across all
its pages. A page may explain, use and discuss a term freely; what it may not
do is state its own definition, or paste a copy of the glossary's wording
that will go stale. The definition block (<!-- definition: ai -->) shows the
current wording instead.

What makes a sentence a definition, rather than a sentence about the term:

- the term is the generic subject of the sentence: "AI is…", "A prompt is…",
  "Artificial intelligence (AI) is…", "The term AI means…" — but not a
  particular one ("The model was retrained", "This output is…");
- and what follows classifies or equates it: a defining verb ("means",
  "refers to", "stands for", "is defined as", "is short for"), a class with
  a restrictive clause ("is a tool that…", "is any software which…",
  "is software that…"), a kind of something ("is a type of…", "is the
  process of…"), or "is when/where/what…".

"AI is useful for first-pass transcripts", "AI is not a replacement for an
editor" and "AI is so fast that teams skip checks" say something about the
term without defining it, and pass. Explicit phrasings anywhere in a sentence
("we define AI as…", "by AI we mean…"), a definition list entry for a term,
and a page-local abbreviation (`*[AI]: …`) are definitions too. Quotations
(blockquotes) are someone else's words and are not checked.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from filmhub.glossary import Glossary, Term
from filmhub.problems import Problem
from filmhub.textscan import SENTENCE_BREAK, Body, Sentence

_CHECKED_BLOCKS = ("paragraph", "list")
_PREPOSITIONS = "as in on at for with by from to into about".split()
# "we define X as", "by X we mean": only worth searching for when these appear
# in any case. Searched for in the lowered text, as re is slow to ignore case:
# lowering finds them all but those spelt with a dotless ı or a dotted İ
# (which lowers to 'i' and a combining dot), and re ignoring case takes
# either for an 'i', so a sentence holding one is searched in full.
_EXPLICIT = re.compile("defin|mean|[\u0131\u0307]")
# Words that, right after "is", make "AI is X that…" a statement, not a class.
_NOT_A_CLASS = (
    "so such too very not never now still also already often usually rarely sometimes always "
    "everywhere here there only just really quite rather more less most least much many far "
    "well better worse good bad great important useful clear likely unlikely possible able "
    "unable enough different similar same new fast faster slow slower cheap cheaper expensive "
    "easy easier hard harder best worst free available part one both all each no increasingly "
    "getting becoming being likelier"
).split() + _PREPOSITIONS
_COPULA = r"(?:is|are)\s+(?:simply\s+|basically\s+|essentially\s+|just\s+|really\s+|actually\s+)?"
_RELATIVE = (
    r"(?:that|which|who|whose|where|used\s+to|designed\s+to|trained\s+to|built\s+to|capable\s+of|able\s+to)\b"
)
_KIND = (
    r"(?:kind|type|form|category|class|family|branch|set|subset|field|process|practice|act|art|use|study|"
    r"science|technique|method|ability|name|term|word|label|umbrella\s+term)"
)
_DEFINING = (
    r"(?:means|meant|refers\s+to|stands\s+for|denotes|(?:is|are)\s+(?:defined|understood|best\s+understood)\s+as|"
    r"can\s+be\s+defined\s+as|(?:is|are)\s+(?:short|shorthand)\s+for)\b"
)
_CLASSIFYING = (
    rf"{_COPULA}(?:"
    rf"(?:a|an|any|the)\s+(?:[\w’'-]+\s+){{0,4}}?{_RELATIVE}"
    rf"|(?:a|an|any|the|one)\s+(?:[\w-]+\s+)?{_KIND}\s+(?:of|for)\b"
    r"|(?:when|where|what)\b"
    rf"|(?!(?:{'|'.join(_NOT_A_CLASS)})\b)(?![a-z]+ing\b)(?![a-z]+ly\b)[\w-]+(?:\s+[\w-]+)?\s+(?:that|which|whose)\b"
    r")"
)


# The definition line of a definition list entry: ": A tool that…".
_DEFINITION_LIST_ENTRY = re.compile(r"^:\s{1,4}\S")


@dataclass
class DefinitionChecker:
    """Compiled once per build from the glossary; checks one page at a time."""

    glossary: Glossary

    def __post_init__(self) -> None:
        names = self.glossary.names_alternation()
        if not names:
            self._sentence = self._anywhere = self._label = self._abbreviation = None
            return
        subject = (
            r"(?:(?:the\s+)?(?:term|word|phrase|label|acronym|abbreviation)\s+)?(?:an?\s+)?"
            rf"[\"“‘'*_]*(?P<name>{names})[\"”’'*_]*(?:\s*\([^)]{{1,60}}\))?,?"
            r"(?:\s+(?:in|for)\s+[\w\s-]{1,30}?)?\s+"
        )
        lead_in = r"^(?:[A-Z][^.,;:!?\"“]{0,40},\s+)?"
        self._sentence = re.compile(lead_in + subject + rf"(?:{_DEFINING}|{_CLASSIFYING})", re.IGNORECASE)
        self._indefinite = re.compile(
            lead_in + rf"(?:a|an)\s+[\"“‘'*_]*(?P<name>{names})[\"”’'*_]*\s+{_COPULA}(?:a|an|the)\s+\w",
            re.IGNORECASE,
        )
        self._anywhere = re.compile(
            rf"\b(?:(?:we|I|this\s+(?:site|guide|article|page|hub))\s+(?:define|defines|use|uses)\s+"
            rf"(?:the\s+term\s+)?[\"“‘']?(?P<name>{names})[\"”’']?\s+(?:as|to\s+mean)\b"
            rf"|define\s+[\"“‘']?(?P<name2>{names})[\"”’']?\s+as\b"
            rf"|by\s+[\"“‘']?(?P<name3>{names})[\"”’']?,?\s+(?:we|I|this\s+\w+)\s+means?\b)",
            re.IGNORECASE,
        )
        self._label = re.compile(
            rf"^[*_\s]*(?P<name>{names})[*_\s]*[:—–]\s*[*_]*\s*(?:a|an|any|the)?\s*[\w-]+(?:\s+[\w-]+){{0,3}}\s+{_RELATIVE}",
            re.IGNORECASE,
        )
        self._abbreviation = re.compile(r"^\*\[(?P<name>[^\]]+)\]:")

    def problems(self, body: Body, path: str) -> list[Problem]:
        """Every place in a page body that defines a glossary term itself."""
        if self._sentence is None:
            return []
        found = self._list_and_abbreviation_problems(body, path)
        reported = {problem.line for problem in found}
        for sentence in body.sentences:
            if sentence.block not in _CHECKED_BLOCKS or sentence.line in reported:
                continue
            text = sentence.text
            match = (
                self._sentence.search(text)
                or self._indefinite.search(text)
                or (_EXPLICIT.search(text.lower()) and self._anywhere.search(text))
                or self._label.search(text)
            )
            if match:
                name = next(g for g in (match.groupdict().get(k) for k in ("name", "name2", "name3")) if g)
                found.append(self._problem(path, sentence.line, sentence.col, name, _excerpt(text)))
        return sorted(found, key=lambda p: (p.line, p.col or 0))

    def _list_and_abbreviation_problems(self, body: Body, path: str) -> list[Problem]:
        found = []
        previous = (0, "")
        for number, line in body.lines:
            abbreviation = self._abbreviation.match(line)
            if abbreviation and self.glossary.named(abbreviation.group("name").strip()):
                found.append(
                    self._problem(
                        path, number, 1, abbreviation.group("name").strip(), line.strip(), "abbreviation"
                    )
                )
            if _DEFINITION_LIST_ENTRY.match(line) and previous[0] == number - 1:
                term_line = previous[1].strip().strip("*_")
                if self.glossary.named(term_line):
                    found.append(
                        self._problem(path, previous[0], 1, term_line, term_line, "definition list entry")
                    )
            previous = (number, line)
        return found

    def _problem(
        self, path: str, line: int, col: int, name: str, excerpt: str, what: str = "sentence"
    ) -> Problem:
        term = self.glossary.named(name)
        return Problem(
            path,
            line,
            f"this {what} defines '{term.term}' in its own words (“{excerpt}”) — the hub uses one definition: "
            f"put <!-- definition: {term.slug} --> on its own line, or link to the glossary instead",
            col=col,
            kind="own-definition",
        )


def _excerpt(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


# --- Pasted copies of a definition ---------------------------------------------

_STOPWORDS = frozenset(
    (
        "a an the and or but of is are was were be been being it its this that these those then "
        "than so such can could may might will would should do does did not no over under beyond "
        "your you their they them we our us which who whom what when where how"
    ).split()
    + _PREPOSITIONS
)
_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
# A sentence is a copy when it holds this share of a definition sentence's
# content words, in much the same order.
CONTAINMENT = 0.7
SIMILARITY = 0.6
MIN_WORDS = 6


def _content_words(text: str) -> list[str]:
    return [_stem(w) for w in _TOKEN.findall(text.lower()) if w not in _STOPWORDS]


def _stem(word: str) -> str:
    return word.rstrip("s") if len(word) > 3 else word


@dataclass
class CopyChecker:
    """Finds sentences that are a stale or lightly reworded copy of a definition."""

    glossary: Glossary

    def __post_init__(self) -> None:
        self._canon: list[tuple[Term, list[str], set[str]]] = []
        for term in self.glossary.terms.values():
            for part in (term.short, *SENTENCE_BREAK.split(term.definition)):
                words = _content_words(part)
                if len(words) >= MIN_WORDS:
                    self._canon.append((term, words, set(words)))
        # A copy holds at least CONTAINMENT of a definition sentence's words,
        # so it holds at least one of any larger share of them: index each
        # sentence by that many of its rarest words, and few sentences of a
        # page are ever compared at all.
        frequency = Counter(word for _, _, unique in self._canon for word in unique)
        self._index: dict[str, list[int]] = defaultdict(list)
        for number, (_, _, unique) in enumerate(self._canon):
            needed = len(unique) - math.ceil(CONTAINMENT * len(unique)) + 1
            for word in sorted(unique, key=lambda w: (frequency[w], w))[:needed]:
                self._index[word].append(number)

    def problems(self, body: Body, path: str) -> list[Problem]:
        found = []
        checked = [sentence for sentence in body.sentences if sentence.block in _CHECKED_BLOCKS]
        # A sentence holds no more of a definition's words than its whole page
        # does: a page that holds too few of every definition's words has no
        # copy, and its sentences are not read one by one.
        if not self._contained(self._words_of_page(checked)):
            return found
        for sentence in checked:
            words = _content_words(sentence.text)
            if len(words) < MIN_WORDS:
                continue
            present = set(words)
            for number in self._contained(present):
                term, canon, _ = self._canon[number]
                if difflib.SequenceMatcher(None, canon, words).ratio() < SIMILARITY:
                    continue
                found.append(
                    Problem(
                        path,
                        sentence.line,
                        f"this sentence copies the glossary's definition of '{term.term}' ({term.path}) — "
                        f"copies go stale: put <!-- definition: {term.slug} --> on its own line instead",
                        col=sentence.col,
                        kind="copied-definition",
                    )
                )
                break
        return found

    def _contained(self, present: set[str]) -> list[int]:
        """The definition sentences (in order) of which `present` holds CONTAINMENT of the words."""
        # Most texts share no indexed word with any definition: found in C.
        indexed = present & self._index.keys()
        candidates = sorted({n for word in indexed for n in self._index[word]})
        return [
            n for n in candidates if len(self._canon[n][2] & present) >= CONTAINMENT * len(self._canon[n][2])
        ]

    @staticmethod
    def _words_of_page(sentences: list[Sentence]) -> set[str]:
        """The content words of all `sentences`: each distinct word stemmed once."""
        tokens = set(_TOKEN.findall(" ".join(sentence.text for sentence in sentences).lower()))
        return {_stem(word) for word in tokens - _STOPWORDS}
