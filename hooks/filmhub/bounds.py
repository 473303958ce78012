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

from filmhub.characters import split_lines
from filmhub.problems import Problem

# The largest page is about 15 KB; an article past this should be split.
MAX_PAGE_BYTES = 200_000
MAX_GLOSSARY_BYTES = 20_000
# Front matter is a handful of keys and short lists.
MAX_YAML_DEPTH = 10
MAX_YAML_NODES = 2_000
# Lists in lists, quotes in quotes, HTML in HTML: far below Python's
# recursion limit whatever Python-Markdown does per level.
MAX_MARKDOWN_DEPTH = 24

_COMPACT_YAML = re.compile(r"[-?](?:[ \t]+|$)")
_NESTING_MARKER = re.compile(r"(?:[-*+][ \t]+|\d{1,9}[.)][ \t]+|>[ \t]?)")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^<>]*?(/?)>")
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


def yaml_depth_problem(source: str, path: str, first_line: int, what: str) -> Problem | None:
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
                f"{what} is nested more than {MAX_YAML_DEPTH} levels deep — "
                "write plain 'key: value' lines and short lists",
                kind=what.replace(" ", "-"),
            )
    return None


def _compact_levels(text: str) -> int:
    """How many compact indicators ('- - ', '? ') start a line: one level each."""
    count, position = 0, 0
    while (match := _COMPACT_YAML.match(text, position)) and match.end() > position:
        count, position = count + 1, match.end()
    return count


def markdown_depth_problem(body: str, path: str, first_line: int) -> Problem | None:
    """Lists, quotes and HTML elements nested past MAX_MARKDOWN_DEPTH."""
    html_depth, fence = 0, ""
    for number, line in enumerate(split_lines(body), first_line):
        match = _FENCE.match(line)
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = ""
            continue
        if match:
            fence = match.group(1)
            continue
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
