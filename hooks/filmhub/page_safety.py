"""A page's HTML checked against the allow-list, and each finding put at its line.

html_policy decides what is allowed in the rendered HTML; this module finds
where in the Markdown source the writer typed each thing that is not, and
turns it into a Problem at that line and column:

- raw HTML: the tags typed in the page (outside code) are listed with their
  attributes, values decoded as a browser decodes them, and each finding is
  matched to the next tag with the same name, attribute and value;
- what Markdown made (a link, an `attr_list` attribute): the value or the
  `name=` text is searched for, in document order.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from filmhub import html_policy
from filmhub.characters import line_starts
from filmhub.problems import Problem
from filmhub.textscan import Body

_GENERATED_LOWER = html_policy.GENERATED.lower()
# A start tag and its attributes; negated classes keep both linear.
_START_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9:-]*)((?:\s[^<>]*)?)/?>")
_ATTRIBUTE = re.compile(r"""([^\s"'=<>/`]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")


@dataclass(frozen=True)
class _Typed:
    """A start tag as the writer typed it: where, and its attributes (decoded)."""

    offset: int
    tag: str
    attributes: dict[str, tuple[str, int]]  # name -> (value, offset of the name)


def html_problems(html_text: str, body: Body, path: str) -> list[Problem]:
    """Problems for everything in a page's rendered `html_text` outside the allow-list."""
    violations = html_policy.check(html_text)
    return list(_placed(violations, body, path)) if violations else []


def _placed(violations: Iterable[html_policy.Violation], body: Body, path: str) -> Iterable[Problem]:
    source = body.text
    starts = line_starts(source)
    typed = _typed_tags(body, starts)
    lowered = source.lower()
    tag_cursor, text_cursor = 0, 0
    for violation in violations:
        offset = None
        index = _next_typed(typed, violation, tag_cursor)
        if index is not None:
            tag_cursor = index + 1
            found = typed[index]
            offset = found.attributes[violation.attribute][1] if violation.attribute else found.offset
        else:
            offset = _find_written(source, lowered, violation, text_cursor)
            if offset is not None:
                text_cursor = offset + 1
        if offset is None:
            yield Problem(path, body.first_line, violation.message, kind="html")
            continue
        line = bisect.bisect_right(starts, offset) - 1
        yield Problem(
            path, body.first_line + line, violation.message, col=offset - starts[line] + 1, kind="html"
        )


def _typed_tags(body: Body, starts: list[int]) -> list[_Typed]:
    """Every start tag in the page's prose (code and comments left out)."""
    found = []
    for line in body.prose:
        base = starts[line.number - body.first_line]
        for match in _START_TAG.finditer(line.text):
            attributes = {}
            for attribute in _ATTRIBUTE.finditer(match.group(2)):
                value = (attribute.group(2) or "").strip("\"'")
                name_offset = base + match.start(2) + attribute.start()
                attributes.setdefault(attribute.group(1).lower(), (html.unescape(value), name_offset))
            found.append(_Typed(base + match.start(), match.group(1).lower(), attributes))
    return found


def _next_typed(typed: list[_Typed], violation: html_policy.Violation, cursor: int) -> int | None:
    for start in (cursor, 0):
        for index in range(start, len(typed)):
            candidate = typed[index]
            if candidate.tag != violation.tag:
                continue
            if violation.attribute and violation.attribute not in candidate.attributes:
                continue
            if (
                violation.value is not None
                and candidate.attributes[violation.attribute][0] != violation.value
            ):
                continue
            return index
    return None


def _find_written(source: str, lowered: str, violation: html_policy.Violation, cursor: int) -> int | None:
    """Where Markdown syntax produced it: a link's address, or `name=` in an attribute list."""
    needles = []
    if violation.value:
        needles.append((source, violation.value))
    if violation.attribute:
        needles.append((lowered, f"{violation.attribute}="))
        needles.append((lowered, violation.attribute))
    needles.append((lowered, f"<{violation.tag}"))
    for start in (cursor, 0):
        for text, needle in needles:
            offset = text.find(needle, start)
            if offset >= 0:
                return offset
    return None


def generated_marker_problem(source: str, path: str, first_line: int) -> Problem | None:
    """The hub marks its own markup with an attribute a writer may not type,
    so nothing a writer writes can pass for the hub's own."""
    offset = source.lower().find(_GENERATED_LOWER)
    if offset < 0:
        return None
    starts = line_starts(source)
    index = bisect.bisect_right(starts, offset) - 1
    return Problem(
        path,
        first_line + index,
        f"'{html_policy.GENERATED}' is reserved for markup the hub makes — remove it",
        col=offset - starts[index] + 1,
        kind="html",
    )
