"""Problems found in writers' files, and the ways a list of them is reported.

Checks never log or raise: they return Problem values. The report hook sorts
them, logs them once, writes the optional JSON report and GitHub annotations,
and stops the build before anything is written.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from filmhub.characters import for_log

ERROR = "error"
WARNING = "warning"
# Listed with the others, but never stops a build (e.g. facts due for a re-check).
NOTICE = "notice"


@dataclass(frozen=True)
class Problem:
    """One thing a writer has to fix, at a place in a file.

    `path` is relative to the project root ("docs/ethics/index.md"), so it can
    be clicked in a terminal and matched by GitHub to a changed file.
    """

    path: str
    line: int
    message: str
    col: int | None = None
    severity: str = ERROR
    kind: str = ""
    target: str | None = None
    suggestion: str | None = None

    @property
    def location(self) -> str:
        where = f"{for_log(self.path)}:{self.line}"
        return f"{where}:{self.col}" if self.col else where

    def __str__(self) -> str:
        # A path or message may quote what a writer typed: escaped, it can
        # neither break the line nor start a new one in the log.
        return f"{self.location}: {for_log(self.message)}"


def sort_key(problem: Problem) -> tuple:
    return (problem.path, problem.line, problem.col or 0, problem.message)


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    """Problems in file order; the same problem found twice is listed once."""
    return sorted(set(problems), key=sort_key)


def summary(problems: list[Problem]) -> str:
    """'2 errors and 1 warning' for the count line after a report."""
    errors = sum(p.severity == ERROR for p in problems)
    warnings = sum(p.severity == WARNING for p in problems)
    notices = len(problems) - errors - warnings
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    if notices:
        parts.append(f"{notices} notice{'s' if notices != 1 else ''}")
    return " and ".join(parts) or "no problems"


def _escape_data(text: str) -> str:
    return for_log(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem) -> str:
    """A workflow command that shows the problem on its line in a pull request."""
    props = [f"file={_escape_property(problem.path)}", f"line={problem.line}"]
    if problem.col:
        props.append(f"col={problem.col}")
    if problem.kind:
        props.append(f"title={_escape_property(problem.kind)}")
    return f"::{problem.severity} {','.join(props)}::{_escape_data(problem.message)}"


def write_json_report(path: Path, problems: list[Problem], **extra: object) -> None:
    """Write problems (and any extra lists, such as external links) as JSON."""
    report = {"problems": [asdict(p) for p in sorted_problems(problems)], **extra}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
