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
def patterns() -> list[re.Pattern]:
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    table = text.split("## Every error the build can give", 1)[1]
    rows = re.findall(r"^\| `([^`]+)`", table, re.MULTILINE)
    return [re.compile(re.escape(row).replace("…", ".*?")) for row in rows]


def documented(message: str) -> bool:
    """True if a row of the table matches the message (its location removed)."""
    message = _LOCATION.sub("", message)
    return any(pattern.match(message) for pattern in patterns())
