"""The error table in CONTRIBUTING.md, as patterns a message must match whole.

Each row's first cell is a message in backticks, with `…` where it varies.
A link problem may end with a suggestion, `(did you mean '…'?)`, as the
table's Links section says. `documented(message)` says whether some row
describes the whole message.
"""

from __future__ import annotations

import re
from functools import cache

from sitebuilder import REPO

_LOCATION = re.compile(r"^.*?:\d+(?::\d+)?: ")
_SUGGESTION = r"(?: \(did you mean '.*'\?\))?"


@cache
def rows() -> list[tuple[str, re.Pattern]]:
    """(row as written, pattern) for each row of the table."""
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    table = text.split("## Every error the build can give", 1)[1]
    found = re.findall(r"^\| `([^`]+)`", table, re.MULTILINE)
    return [(row, _pattern(row)) for row in found]


def _pattern(row: str) -> re.Pattern:
    pattern = re.escape(row).replace("…", ".*?")
    if row.startswith("broken link '…': "):
        pattern += _SUGGESTION
    return re.compile(pattern)


def patterns() -> list[re.Pattern]:
    return [pattern for _, pattern in rows()]


def documented(message: str, pattern: re.Pattern | None = None) -> bool:
    """True if a row of the table (or the one given) matches the whole message, its location removed."""
    message = _LOCATION.sub("", message)
    return any(p.fullmatch(message) for p in ([pattern] if pattern else patterns()))
