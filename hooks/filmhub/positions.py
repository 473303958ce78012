"""Where a link was typed: the line and column of each target in its source.

Python-Markdown keeps no positions, so the link check finds each target in
the page's text again: after a lead-in such as '](' or '="' (in Markdown
and raw HTML), or '- ' and 'key: ' (in mkdocs.yml's navigation). Lines break
the way git breaks them (filmhub.characters); an offset becomes a line by
bisecting the offsets at which lines start.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from filmhub.characters import line_starts

# What comes right before a target: Markdown "](" or "]: ", an autolink "<",
# an HTML attribute '="' or a srcset ","; and for YAML, "- " or "key: ".
MARKDOWN_LEAD_IN = re.compile(r"(?:\]\([ \t]*<?|\]:[ \t]*<?|<|=[ \t]*[\"']?|,[ \t]*)")
YAML_LEAD_IN = re.compile(r"(?:-[ \t]+|:[ \t]+)[\"']?")
_ENDS_TARGET = " \t\r\n)\"'>,"
_END_OF_TARGET = re.compile("[" + re.escape(_ENDS_TARGET) + "]")
# How many candidates to try for a target that holds a space or quote (rare).
_MAX_TRIES = 16

Position = tuple[int, int]  # (line, column), both from 1


def line_and_column(starts: list[int], offset: int) -> Position:
    """The line and column of `offset`, given the offsets at which lines start."""
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


def locate(
    text: str, targets: Iterable[str], first_line: int = 1, lead_in: re.Pattern = MARKDOWN_LEAD_IN
) -> list[Position | None]:
    """(line, col) of each target in `text`, searched in document order.

    Pass the links of one kind (Markdown, or raw HTML) in the order they were
    found: that is document order, except for reference definitions, which may
    sit anywhere; so each target is searched for after the previous one first,
    then from the top. Only a whole target counts, where links are written.

    One pass over the text finds every place a link target can start (after
    a lead-in such as '](' or '="') and the target written there; each
    look-up is then a dictionary access and a bisect, so the cost stays linear
    however often a target also appears in prose.
    """
    targets = list(targets)
    if not targets:
        return []  # most pages type no raw HTML link: no need to read the text
    written = _written_targets(text, lead_in)
    starts = line_starts(text)
    cursor, found = 0, []
    for target in targets:
        position = -1
        for variant in dict.fromkeys((target, target.replace("&", "&amp;"))):
            position = _first_at_or_after(text, written, variant, cursor)
            if position < 0:
                position = _first_at_or_after(text, written, variant, 0)
            if position >= 0:
                cursor = position + len(variant)
                break
        if position < 0:
            found.append(None)
            continue
        line, col = line_and_column(starts, position)
        found.append((first_line + line - 1, col))
    return found


def locate_in_nav(config_text: str, targets: Iterable[str]) -> list[Position | None]:
    """(line, col) of navigation entries in the text of mkdocs.yml."""
    starts = line_starts(config_text)
    line = next((n for n, start in enumerate(starts) if config_text.startswith("nav:", start)), None)
    if line is None:
        return [None for _ in targets]
    return locate(config_text[starts[line] :], targets, line + 1, YAML_LEAD_IN)


def _written_targets(text: str, lead_ins: re.Pattern) -> dict[str, list[int]]:
    """Each target as written after a lead-in (up to a space, quote or
    bracket) -> where it starts. Targets never overlap, so this is linear."""
    written: dict[str, list[int]] = {}
    covered = 0
    for match in lead_ins.finditer(text):
        start = match.end()
        if start < covered or start >= len(text):
            continue
        stop = _END_OF_TARGET.search(text, start)
        end = stop.start() if stop else len(text)
        if end > start:
            written.setdefault(text[start:end], []).append(start)
        covered = end
    return written


def _first_at_or_after(text: str, written: dict[str, list[int]], target: str, cursor: int) -> int:
    if not target:
        return -1
    stop = _END_OF_TARGET.search(target)
    key = target if stop is None else target[: stop.start()]
    positions = written.get(key, [])
    index = bisect.bisect_left(positions, cursor)
    if stop is None:
        return positions[index] if index < len(positions) else -1
    for position in positions[index : index + _MAX_TRIES]:
        end = position + len(target)
        if text.startswith(target, position) and (end == len(text) or text[end] in _ENDS_TARGET):
            return position
    return -1
