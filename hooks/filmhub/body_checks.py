"""Checks on a page's body that need no rendering: a second title, unfinished text.

They read the body as filmhub.textscan scanned it, so code blocks, comments
and code spans are skipped the same way every other check skips them.
"""

from __future__ import annotations

import re

from filmhub.problems import Problem
from filmhub.textscan import Body

_H1 = re.compile(r"^ {0,3}#(?!#)\s+\S")
_TODO = re.compile(r"\bTODO\b")


def body_heading_problems(body: Body, path: str) -> list[Problem]:
    """A body '# Heading' would give the page a second title."""
    for number, line in body.lines:
        if _H1.match(line):
            return [
                Problem(
                    path,
                    number,
                    "the page has its own '# ' title — remove it: the title comes from front matter "
                    "(start sections with '## ')",
                    kind="front-matter",
                )
            ]
    return []


def unfinished_text_problems(body: Body, path: str) -> list[Problem]:
    """TODO lines, such as the ones `make article` puts in its skeleton."""
    problems = []
    for line in body.prose:
        match = "TODO" in line.text and _TODO.search(line.text)
        if match:
            problems.append(
                Problem(
                    path,
                    line.number,
                    "unfinished text (TODO) — write this part, or delete the line",
                    col=match.start() + 1,
                    kind="unfinished",
                )
            )
    return problems
