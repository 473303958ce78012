"""Walking the prose of a Markdown page with its real line and column numbers.

Checks that read sentences (definitions, pasted glossary text, headings,
reading time) must not read code, HTML comments or link URLs, and must report
the line a writer sees in their editor. This module is the one place that
knows how to skip those, so every check skips them the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_COMMENT = re.compile(r"<!--.*?-->")
_LINK_URL = re.compile(r"\]\([^)]*\)")
_BLOCK_START = re.compile(r"^\s*(?:#{1,6}\s|>|[-*+]\s+|\d+[.)]\s+|\|| {0,3}(?:!!!|\?\?\?\+?)|<\w)")
_LIST_MARKER = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)\]*_]*\s+(?=[\"“‘(*_\[]?[A-Z0-9])")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9’'-]*")


def lines_outside_code(text: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """(line number, line) for every line not inside a fenced code block."""
    fence = ""
    for number, line in enumerate(text.splitlines(), first_line):
        match = _FENCE.match(line)
        if fence:
            closes = match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence)
            if closes and not line.strip().strip(fence[0]):
                fence = ""
            continue
        if match:
            fence = match.group(1)
            continue
        yield number, line


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))


@dataclass(frozen=True)
class ProseLine:
    number: int
    text: str  # code spans and comments replaced by spaces: columns stay true


def prose_lines(text: str, first_line: int = 1) -> Iterator[ProseLine]:
    """Lines of prose: no fenced code, no HTML comments, no code spans."""
    return _prose(lines_outside_code(text, first_line))


def _prose(lines: Iterable[tuple[int, str]]) -> Iterator[ProseLine]:
    in_comment = False
    for number, line in lines:
        if in_comment:
            end = line.find("-->")
            if end < 0:
                continue
            line = " " * (end + 3) + line[end + 3 :]
            in_comment = False
        line = _COMMENT.sub(_blank, line)
        start = line.find("<!--")
        if start >= 0:
            line = line[:start]
            in_comment = True
        yield ProseLine(number, _CODE_SPAN.sub(_blank, line))


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


def sentences(text: str, first_line: int = 1) -> Iterator[Sentence]:
    """Every sentence of prose, with the line and column where it starts."""
    return _sentences(list(prose_lines(text, first_line)))


def _sentences(prose: list[ProseLine]) -> Iterator[Sentence]:
    for kind, pieces in _blocks(prose):
        joined, positions = "", []
        for number, col, piece in pieces:
            if joined:
                joined += " "
            positions.append((len(joined), number, col))
            joined += piece
        for start, chunk in _split_sentences(joined):
            number, col = _position(positions, start)
            yield Sentence(chunk, number, col, kind)


def _split_sentences(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for match in _SENTENCE_END.finditer(text):
        yield start, text[start : match.start()].strip()
        start = match.end()
    if text[start:].strip():
        yield start, text[start:].strip()


def _position(positions: list[tuple[int, int, int]], offset: int) -> tuple[int, int]:
    number, col = positions[0][1], positions[0][2]
    for start, line_number, line_col in positions:
        if start > offset:
            break
        number, col = line_number, line_col + (offset - start)
    return number, col


def word_count(text: str) -> int:
    """Words a reader reads: prose only, without code or link addresses."""
    return Body(text).words


class Body:
    """A page body, scanned once: each check reads the part it needs.

    The checks on a page (headings, markers, unfinished text, definitions,
    reading time) all walk the same lines; this keeps one walk of each kind.
    """

    def __init__(self, text: str, first_line: int = 1) -> None:
        self.text = text
        self.first_line = first_line

    @cached_property
    def lines(self) -> list[tuple[int, str]]:
        """(line number, line) outside fenced code blocks."""
        return list(lines_outside_code(self.text, self.first_line))

    @cached_property
    def prose(self) -> list[ProseLine]:
        return list(_prose(self.lines))

    @cached_property
    def sentences(self) -> list[Sentence]:
        return list(_sentences(self.prose))

    @cached_property
    def words(self) -> int:
        return sum(len(_WORD.findall(_LINK_URL.sub("]", line.text))) for line in self.prose)
