"""Markers: the HTML comments where the build puts shared content into a page.

A writer places a marker alone on its own line:

    <!-- definition: ai -->   the shared definition of a glossary term
    <!-- articles -->         on a hub page: the hub's articles, listed by the build
    <!-- hubs -->             on the pillar guide: the six hubs and their article counts

Markers are HTML comments, so a page previewed anywhere else simply shows
nothing there. Other comments are left alone, except ones that look like a
misspelled marker, which would otherwise vanish without a word.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass

from filmhub.characters import split_lines
from filmhub.problems import Problem
from filmhub.textscan import Body, lines_outside_code

# Marker name -> does it take an argument (the glossary term)?
MARKERS = {"definition": True, "articles": False, "hubs": False}
_MARKER = re.compile(r"^ {0,3}<!--\s*([A-Za-z][\w-]*)\s*(?::\s*(.*?))?\s*-->\s*$")


@dataclass(frozen=True)
class Marker:
    name: str
    argument: str
    line: int

    def __str__(self) -> str:
        return f"<!-- {self.name}: {self.argument} -->" if self.argument else f"<!-- {self.name} -->"


def find_markers(body: Body, path: str) -> tuple[list[Marker], list[Problem]]:
    """The markers in a page body, and problems with ones that are malformed."""
    markers, problems = [], []
    for number, line in body.lines:
        match = _MARKER.match(line)
        if not match:
            continue
        name, argument = match.group(1).lower(), (match.group(2) or "").strip()
        if name not in MARKERS:
            close = difflib.get_close_matches(name, MARKERS, n=1, cutoff=0.75)
            if close:
                fixed = Marker(close[0], argument if MARKERS[close[0]] else "", number)
                problems.append(
                    Problem(
                        path,
                        number,
                        f"unknown marker '{line.strip()}' — did you mean '{fixed}'?",
                        kind="marker",
                    )
                )
            continue
        if MARKERS[name] and not argument:
            problems.append(
                Problem(
                    path,
                    number,
                    f"the {name} marker needs a glossary term — write '<!-- {name}: ai -->'",
                    kind="marker",
                )
            )
            continue
        if not MARKERS[name] and argument:
            problems.append(
                Problem(
                    path, number, f"the {name} marker takes no term — write '<!-- {name} -->'", kind="marker"
                )
            )
            continue
        markers.append(Marker(name, argument, number))
    return markers, problems


def render_block(env, template: str, **data) -> str:
    """A theme partial rendered as one raw HTML block: no blank lines inside,
    which would end the block in Markdown."""
    html = env.get_template(template).render(**data)
    return "\n".join(line for line in html.splitlines() if line.strip())


def replace_markers(markdown: str, name: str, render: Callable[[Marker], str]) -> str:
    """Put `render(marker)` in place of each `name` marker outside code blocks.

    The result is surrounded by blank lines so Markdown reads it as a block.
    """
    if "<!--" not in markdown:
        return markdown  # no marker, and most pages have none: no need to read the lines
    lines = split_lines(markdown, keepends=True)
    outside = {number for number, _ in lines_outside_code(markdown, 0)}
    for number in sorted(outside):
        match = _MARKER.match(lines[number].rstrip("\r\n"))
        if match and match.group(1).lower() == name:
            marker = Marker(name, (match.group(2) or "").strip(), number)
            lines[number] = "\n" + render(marker).strip() + "\n\n"
    return "".join(lines)
