"""A page's HTML checked against the allow-list, and each finding put at its line.

html_policy decides what is allowed in the rendered HTML; this module finds
where in the Markdown source the writer typed each thing that is not (the
tag, the attribute or the URL, searched in document order), and turns it
into a Problem at that line and column.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from filmhub import html_policy
from filmhub.characters import line_starts
from filmhub.problems import Problem

_GENERATED_LOWER = html_policy.GENERATED.lower()


def html_problems(html: str, source: str, path: str, first_line: int) -> list[Problem]:
    """Problems for everything in a page's rendered `html` outside the allow-list.

    `source` is the Markdown the writer typed, starting at `first_line` of
    the file at `path`.
    """
    violations = html_policy.check(html)
    return list(_placed(violations, source, path, first_line))


def _placed(
    violations: Iterable[html_policy.Violation], source: str, path: str, first_line: int
) -> Iterable[Problem]:
    lowered = source.lower()
    starts = line_starts(source)
    cursor = 0
    for violation in violations:
        offset = _find(lowered, violation.needles, cursor)
        if offset is None:
            yield Problem(path, first_line, violation.message, kind="html")
            continue
        cursor = offset
        index = bisect.bisect_right(starts, offset) - 1
        yield Problem(
            path, first_line + index, violation.message, col=offset - starts[index] + 1, kind="html"
        )


def _find(text: str, needles: tuple[str, ...], cursor: int) -> int | None:
    """Where the first needle found is typed: after the cursor, else anywhere."""
    for needle in needles:
        if not needle:
            continue
        offset = text.find(needle, cursor)
        if offset < 0:
            offset = text.find(needle)
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
