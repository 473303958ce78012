"""Walking the prose of a Markdown page with its real line and column numbers.

Checks that read sentences (definitions, pasted glossary text, headings,
reading time) must not read code, HTML comments or link URLs, and must report
the line a writer sees in their editor. This module is the one place that
knows how to skip those, so every check skips them the same way.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from filmhub.characters import split_lines

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`+")
# A link's address: stops at the first ')' or ']' so a line of many '](' costs
# one pass, not one pass per '](' (a target holding ']' is not an address).
_LINK_URL = re.compile(r"\]\([^)\]]*\)")
_INDENTED = re.compile(r"^(?: {4}|\t)")
# Blocks whose content Markdown indents like code: list items, admonitions,
# details, tabs, footnotes and definitions.
_CONTAINER = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|!!!|\?\?\?|===|\[\^[^\]]+\]:|:\s)")
_BLOCK_START = re.compile(r"^\s*(?:#{1,6}\s|>|[-*+]\s+|\d+[.)]\s+|\|| {0,3}(?:!!!|\?\?\?\+?)|<\w)")
_LIST_MARKER = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")
# Where one sentence ends and the next begins: after '.', '!' or '?' and any
# closing quotes, brackets or emphasis, and before a capital or a digit (or
# an opening quote, bracket or emphasis and then one). Prose, descriptions,
# tooltips and definitions are all split here.
_AFTER_A_STOP = r"[\"”’)\]*_]*\s+(?=[\"“‘(*_\[]?[A-Z0-9])"
SENTENCE_BREAK = re.compile(r"(?<=[.!?])" + _AFTER_A_STOP)
# The same breaks with their stop: re skips in C to each '.', '!' or '?'
# (a pattern that starts by looking behind is tried at every character).
_STOP_AND_BREAK = re.compile(r"[.!?]" + _AFTER_A_STOP)
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9’'-]*")


def lines_outside_code(text: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """(line number, line) for every line not in a fenced or indented code block.

    An indented block is code when it follows a blank line and is not the
    continuation of a list item (which Markdown indents the same way).
    """
    return _outside_code(split_lines(text), first_line)


def _outside_code(lines: list[str], first_line: int) -> Iterator[tuple[int, str]]:
    fence = ""
    previous_blank, in_list, in_code = True, False, False
    for number, line in enumerate(lines, first_line):
        match = _FENCE.match(line)
        if fence:
            closes = match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence)
            if closes and not line.strip().strip(fence[0]):
                fence = ""
            continue
        blank = not line.strip()
        if in_code and (blank or _INDENTED.match(line)):
            continue
        in_code = False
        if _INDENTED.match(line) and previous_blank and not in_list and not blank:
            in_code = True
            continue
        if match:
            fence = match.group(1)
            continue
        if not blank:
            if _CONTAINER.match(line):
                in_list = True
            elif not line[:1].isspace() and previous_blank:
                in_list = False
        previous_blank = blank
        yield number, line


@dataclass(frozen=True)
class ProseLine:
    number: int
    text: str  # code spans and comments replaced by spaces: columns stay true


def _prose(lines: Iterable[tuple[int, str]]) -> Iterator[ProseLine]:
    """Lines of prose: no HTML comments, no code spans."""
    in_comment = False
    for number, line in lines:
        line, in_comment = _without_comments(line, in_comment)
        yield ProseLine(number, _without_code_spans(line))


def _without_comments(line: str, in_comment: bool) -> tuple[str, bool]:
    """The line with HTML comments blanked, in one pass; whether one stays open."""
    parts, position = [], 0
    while True:
        if in_comment:
            end = line.find("-->", position)
            if end < 0:
                parts.append(" " * (len(line) - position))
                return "".join(parts), True
            parts.append(" " * (end + 3 - position))
            position, in_comment = end + 3, False
        start = line.find("<!--", position)
        if start < 0:
            parts.append(line[position:])
            return "".join(parts), False
        parts.append(line[position:start])
        position, in_comment = start, True


def _without_code_spans(line: str) -> str:
    """Code spans blanked: a run of backticks closes at the next run of the
    same length (as CommonMark has it), found with one pass over the runs."""
    if "`" not in line:
        return line
    runs = [(match.start(), match.end()) for match in _BACKTICKS.finditer(line)]
    later: dict[int, list[int]] = {}
    for index in range(len(runs) - 1, -1, -1):
        later.setdefault(runs[index][1] - runs[index][0], []).append(index)
    parts, position, index = [], 0, 0
    while index < len(runs):
        start, end = runs[index]
        candidates = later[end - start]
        while candidates and candidates[-1] <= index:
            candidates.pop()
        if not candidates:
            index += 1
            continue
        close = candidates.pop()
        parts.append(line[position:start])
        parts.append(" " * (runs[close][1] - start))
        position, index = runs[close][1], close + 1
    parts.append(line[position:])
    return "".join(parts)


@dataclass(frozen=True)
class Sentence:
    """A sentence of prose and where it starts in the file."""

    text: str
    line: int
    col: int
    block: str  # "paragraph", "list", "heading", "quote", "table", "html", "admonition" (its title line)


def _block_kind(line: str) -> str:
    stripped = line.lstrip()
    if stripped.startswith("#"):
        return "heading"
    if stripped.startswith(">"):
        return "quote"
    if stripped.startswith("|"):
        return "table"
    if stripped.startswith("<"):
        return "html"
    if stripped.startswith(("!!!", "???")):
        return "admonition"
    if _LIST_MARKER.match(line):
        return "list"
    return "paragraph"


def _blocks(lines: list[ProseLine]) -> Iterator[tuple[str, list[tuple[int, int, str]]]]:
    """Group prose lines into blocks of (line, col, text) pieces."""
    kind, pieces = "", []
    for prose in lines:
        text = prose.text
        if not text.strip():
            if pieces:
                yield kind, pieces
            kind, pieces = "", []
            continue
        starts_block = bool(_BLOCK_START.match(text))
        if starts_block or not pieces or kind in ("heading", "table", "admonition"):
            if pieces:
                yield kind, pieces
            kind, pieces = _block_kind(text), []
        marker = _LIST_MARKER.match(text) if kind == "list" else None
        offset = marker.end() if marker else len(text) - len(text.lstrip())
        pieces.append((prose.number, offset + 1, text[offset:].rstrip()))
    if pieces:
        yield kind, pieces


def _sentences(prose: list[ProseLine]) -> Iterator[Sentence]:
    """Every sentence of prose, with the line and column where it starts."""
    for kind, pieces in _blocks(prose):
        starts, positions, length = [], [], 0
        for number, col, piece in pieces:
            starts.append(length)
            positions.append((number, col))
            length += len(piece) + 1
        joined = " ".join(piece for _number, _col, piece in pieces)
        for start, chunk in _split_sentences(joined):
            index = bisect.bisect_right(starts, start) - 1
            number, col = positions[index]
            yield Sentence(chunk, number, col + (start - starts[index]), kind)


def _split_sentences(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for match in _STOP_AND_BREAK.finditer(text):
        yield start, text[start : match.start() + 1].strip()
        start = match.end()
    if text[start:].strip():
        yield start, text[start:].strip()


def prose_words(line: str) -> int:
    """Words on one line of prose, link addresses left out."""
    return len(_WORD.findall(_LINK_URL.sub("]", line)))


class Body:
    """A page body, scanned once: each check reads the part it needs.

    The checks on a page (headings, markers, unfinished text, definitions,
    reading time) all walk the same lines; this keeps one walk of each kind.
    """

    def __init__(self, text: str, first_line: int = 1) -> None:
        self.text = text
        self.first_line = first_line

    @cached_property
    def all_lines(self) -> list[str]:
        """Every line, code too, as git counts them."""
        return split_lines(self.text)

    @cached_property
    def lines(self) -> list[tuple[int, str]]:
        """(line number, line) outside fenced code blocks."""
        return list(_outside_code(self.all_lines, self.first_line))

    @cached_property
    def prose(self) -> list[ProseLine]:
        return list(_prose(self.lines))

    @cached_property
    def sentences(self) -> list[Sentence]:
        return list(_sentences(self.prose))

    @cached_property
    def words_per_line(self) -> list[int]:
        """prose_words of each line of `prose`: the reading time and the length rule share one count."""
        return [prose_words(line.text) for line in self.prose]

    @cached_property
    def words(self) -> int:
        return sum(self.words_per_line)
