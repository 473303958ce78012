"""The error table in CONTRIBUTING.md, as patterns a message must match.

Each row's first cell is a message in backticks, with `…` where it varies.
`documented(message)` says whether some row describes the message.
"""

from __future__ import annotations

import re
from functools import cache

from sitebuilder import REPO

_LOCATION = re.compile(r"^.*?:\d+(?::\d+)?: ")


@cache
def rows() -> list[tuple[str, re.Pattern]]:
    """(row as written, pattern) for each row of the table."""
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    table = text.split("## Every error the build can give", 1)[1]
    found = re.findall(r"^\| `([^`]+)`", table, re.MULTILINE)
    return [(row, re.compile(re.escape(row).replace("…", ".*?"))) for row in found]


def patterns() -> list[re.Pattern]:
    return [pattern for _, pattern in rows()]


def documented(message: str, pattern: re.Pattern | None = None) -> bool:
    """True if a row of the table (or the one given) matches the message, its location removed."""
    message = _LOCATION.sub("", message)
    return any(p.match(message) for p in ([pattern] if pattern else patterns()))
