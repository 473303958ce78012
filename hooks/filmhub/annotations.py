"""GitHub annotations that reach the writer, and a job summary that loses none.

GitHub shows at most 10 error annotations per step and 50 per job, so on a
big change a list in file order can push a writer's own file past the cap.
The report hook therefore writes the annotations for the files the pull
request changed first (compared with its target branch through git, as the
freshness check does), then the rest; and it writes every problem, as
Markdown, to the job summary (`$GITHUB_STEP_SUMMARY`), which has no cap.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path

from filmhub.characters import for_log
from filmhub.freshness import base_ref, changed_paths
from filmhub.problems import Problem, github_annotation, summary

SUMMARY_ENV = "GITHUB_STEP_SUMMARY"


def changed_files(root: Path, environ: Mapping[str, str]) -> set[str]:
    """Paths (relative to the project) that differ from the pull request's target branch.

    Outside a pull request the base is the last commit; without git, nothing changed.
    """
    return set(changed_paths(root, base_ref(root, dict(environ))) or [])


def changed_first(problems: list[Problem], changed: set[str]) -> list[Problem]:
    """The problems in changed files, then the others, each group in the order given."""
    return [p for p in problems if p.path in changed] + [p for p in problems if p.path not in changed]


def workflow_commands(problems: list[Problem], changed: set[str]) -> str:
    """One annotation a line, those in changed files first."""
    return "".join(github_annotation(p) + "\n" for p in changed_first(problems, changed))


def _cell(text: str) -> str:
    # Plain text in a table cell: no HTML, no column breaks, no line breaks.
    return html.escape(for_log(text), quote=False).replace("|", "\\|")


def _table(problems: list[Problem]) -> list[str]:
    rows = ["| | Where | What to do |", "|---|---|---|"]
    rows += [f"| {p.severity} | {_cell(p.location)} | {_cell(p.message)} |" for p in problems]
    return rows


def job_summary(problems: list[Problem], changed: set[str]) -> str:
    """Every problem as Markdown for the job summary, those in changed files first."""
    mine = [p for p in problems if p.path in changed]
    others = [p for p in problems if p.path not in changed]
    lines = [f"### The build found {summary(problems)}", ""]
    if mine:
        lines += [f"#### In files this change touches ({summary(mine)})", "", *_table(mine), ""]
    if others:
        heading = "In other files" if mine else "Where"
        lines += [f"#### {heading} ({summary(others)})", "", *_table(others), ""]
    return "\n".join(lines) + "\n"


def append_summary(path: Path, text: str) -> None:
    """Add to the job summary (every step appends to the same file)."""
    with path.open("a", encoding="utf-8") as file:
        file.write(text)


def publish(problems: list[Problem], root: Path, environ: Mapping[str, str], stdout) -> None:
    """On GitHub, each problem as a workflow command in the log and all of them in the job summary."""
    on_github = environ.get("GITHUB_ACTIONS") == "true"
    summary_file = environ.get(SUMMARY_ENV)
    if not problems or not (on_github or summary_file):
        return
    changed = changed_files(root, environ)
    if on_github:
        # Workflow commands must start a line of the job's output.
        stdout.write(workflow_commands(problems, changed))
        stdout.flush()
    if summary_file:
        append_summary(Path(summary_file), job_summary(problems, changed))
