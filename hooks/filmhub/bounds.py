"""Limits that keep every input's cost bounded, checked before anything parses it.

Small hostile inputs can crash or hang the build long before a rule sees
them: libyaml overflows the C stack on thousands of nested `[` (a signal, no
message), PyYAML's pure-Python loader and Python-Markdown recurse once per
level of nesting, and a huge file costs every check its size. Each check
here is one linear scan of the text, made before YAML or Markdown see it, and
returns a Problem at the line where the limit is passed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from filmhub.characters import split_lines
from filmhub.problems import Problem
from filmhub.textscan import Body

if TYPE_CHECKING:
    from filmhub.validation import Schema

# The largest page is about 15 KB; an article past this should be split.
MAX_PAGE_BYTES = 200_000
MAX_GLOSSARY_BYTES = 20_000
# Front matter is a handful of keys and short lists.
MAX_YAML_DEPTH = 10
MAX_YAML_NODES = 2_000
# Lists in lists, quotes in quotes, HTML in HTML: far below Python's
# recursion limit whatever Python-Markdown does per level.
MAX_MARKDOWN_DEPTH = 24
# Python-Markdown scans to the end of a paragraph for each '[' without its
# ']', each '](' without its ')' and each '<tag' without its '>': quadratic
# in how many there are in one paragraph. Real paragraphs have none or a few.
MAX_UNCLOSED = 50

_COMPACT_YAML = re.compile(r"[-?](?:[ \t]+|$)")
_FLOW_BRACKET = re.compile(r"[\[\]{}]")  # a line without one is not read character by character
_NESTING_MARKER = re.compile(r"(?:[-*+][ \t]+|\d{1,9}[.)][ \t]+|>[ \t]?)")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^<>]*?(/?)>")
# What _Unclosed counts, in the order Markdown reads it: a backslash and the
# character it escapes, '](' as one, and the brackets and '<' '>' alone;
# every other character is skipped in C rather than looked at in Python.
_UNCLOSED_TOKENS = re.compile(r"\\.?|\]\(?|[\[)<>]", re.DOTALL)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def size_problem(size: int, path: str, limit: int) -> Problem | None:
    if size <= limit:
        return None
    return Problem(
        path,
        1,
        f"the file is {size // 1000:,} KB — a file here may be at most {limit // 1000:,} KB; "
        "split it into several pages",
        kind="size",
    )


def yaml_depth_problem(source: str, path: str, first_line: int, schema: Schema) -> Problem | None:
    """Nesting deeper than MAX_YAML_DEPTH, counted generously: every bracket
    (even one in quotes), every level of indentation and every compact `- `."""
    flow, indents = 0, []
    for number, line in enumerate(split_lines(source), first_line):
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(stripped)
        while indents and indents[-1] >= indent:
            indents.pop()
        indents.append(indent)
        depth = len(indents) + _compact_levels(stripped)
        if _FLOW_BRACKET.search(line):
            for char in line:
                if char in "[{":
                    flow += 1
                    depth = max(depth, len(indents) + flow)
                elif char in "]}" and flow:
                    flow -= 1
                if depth > MAX_YAML_DEPTH:
                    break
        if depth > MAX_YAML_DEPTH:
            return Problem(
                path,
                number,
                f"{schema.name} is nested more than {MAX_YAML_DEPTH} levels deep — "
                "write plain 'key: value' lines and short lists",
                kind=schema.syntax_kind,
            )
    return None


def _compact_levels(text: str) -> int:
    """How many compact indicators ('- - ', '? ') start a line: one level each."""
    count, position = 0, 0
    while (match := _COMPACT_YAML.match(text, position)) and match.end() > position:
        count, position = count + 1, match.end()
    return count


def markdown_depth_problem(body: Body, path: str) -> Problem | None:
    """Lists, quotes and HTML elements nested past MAX_MARKDOWN_DEPTH (code is not parsed, so not counted)."""
    html_depth = 0
    for number, line in body.lines:
        expanded = line.expandtabs(4)
        content = expanded.lstrip(" ")
        depth = (len(expanded) - len(content)) // 4
        position = 0
        while True:
            marker = _NESTING_MARKER.match(content, position)
            if not marker or marker.end() == position:
                break
            depth += 1
            position = marker.end()
        for tag in _TAG.finditer(line):
            name = tag.group(2).lower()
            if name in _VOID or tag.group(3):
                continue
            html_depth = max(0, html_depth - 1) if tag.group(1) else html_depth + 1
            depth = max(depth, html_depth)
        if depth > MAX_MARKDOWN_DEPTH:
            return Problem(
                path,
                number,
                f"lists, quotes or HTML elements are nested more than {MAX_MARKDOWN_DEPTH} levels deep "
                "here — flatten them",
                kind="size",
            )
    return None


def unclosed_problem(body: Body, path: str) -> Problem | None:
    """More than MAX_UNCLOSED unclosed '[' or '](' in one paragraph (any block
    between blank lines), or '<tag' without its '>' in the whole page: each
    makes Python-Markdown rescan the rest of the paragraph, or of the page."""
    block_line = body.first_line
    state = _Unclosed()
    # A blank line after the last one closes the last paragraph.
    end = (body.first_line + len(body.all_lines), "")
    for number, line in [*body.lines, end]:
        if line.strip():
            state.read(line, number)
            continue
        state.end_block(number)
        for count, name, where in (
            (state.brackets, "'['", block_line),
            (state.addresses, "'](' (a link without its ')')", block_line),
            (state.tags, "'<' (a tag without its '>') on the page", state.tags_past_limit),
        ):
            if count > MAX_UNCLOSED:
                return Problem(
                    path,
                    where,
                    f"{count} unclosed {name} — close them, or escape each with a backslash; "
                    "Markdown slows down sharply on so many",
                    kind="size",
                )
        state.brackets = state.addresses = 0
        block_line = number + 1
    return None


class _Unclosed:
    """What Markdown would search ahead for the end of, counted line by line."""

    def __init__(self) -> None:
        self.brackets = self.addresses = self.tags = 0
        self.tag_open = False
        self.tags_past_limit = 1  # the line where the page passed MAX_UNCLOSED tags

    def read(self, line: str, number: int) -> None:
        for match in _UNCLOSED_TOKENS.finditer(line):
            token = match.group()
            if token == "[":
                self.brackets += 1
            elif token[0] == "]":
                self.brackets = max(0, self.brackets - 1)
                if token == "](":
                    self.addresses += 1
            elif token == ")" and self.addresses:
                self.addresses -= 1
            elif token == "<":
                after = line[match.end() : match.end() + 1]
                if after and (after.isalpha() or after in "/!"):
                    if self.tag_open:
                        self._unclosed_tag(number)
                    self.tag_open = True
            elif token == ">":
                self.tag_open = False

    def end_block(self, number: int) -> None:
        if self.tag_open:
            self._unclosed_tag(number - 1)
            self.tag_open = False

    def _unclosed_tag(self, number: int) -> None:
        self.tags += 1
        if self.tags == MAX_UNCLOSED + 1:
            self.tags_past_limit = number
