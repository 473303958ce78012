"""Freshness: an article whose text changed needs a new `updated` date, and a
page whose facts were checked long ago needs checking again.

Run by `make check` (and so by `make test` and CI). It lists every page whose
`checked` date is more than 180 days old (the same notice the build gives).
For every tracked page
in docs/ whose body differs from the base version while its `updated` date
does not, it prints a warning with the file and line, and on GitHub Actions
an annotation. It warns, never fails: an editor may fix a typo without
re-dating an article, but should decide to.

The base is the last commit (HEAD), so a writer sees the warning for what
they have not committed yet; on a pull request it is the target branch.
Only git is used; nothing is fetched.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

from filmhub.fields import stale_check
from filmhub.front_matter import parse
from filmhub.problems import WARNING, Problem, github_annotation


def git(root: Path, *args: str) -> str | None:
    """What a git command printed in `root`, or None if it failed or git is missing."""
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def base_ref(root: Path, environ: dict[str, str]) -> str:
    """What to compare with: FRESHNESS_BASE, the pull request's target branch, or HEAD."""
    if environ.get("FRESHNESS_BASE"):
        return environ["FRESHNESS_BASE"]
    target = environ.get("GITHUB_BASE_REF")
    if target and git(root, "rev-parse", "--verify", "--quiet", f"origin/{target}") is not None:
        return f"origin/{target}"
    return "HEAD"


def changed_paths(root: Path, base: str, *paths: str) -> list[str] | None:
    """Files (under `paths`, or anywhere) that differ from `base`, relative to `root`; None without git."""
    changed = git(root, "diff", "--name-only", "--relative", base, "--", *paths)
    return None if changed is None else changed.splitlines()


def stale_articles(root: Path, base: str, today: datetime.date) -> list[Problem]:
    """Pages whose body changed since `base` while `updated` stayed the same."""
    changed = changed_paths(root, base, "docs")
    if changed is None:
        return []
    problems = []
    for name in changed:
        if not name.endswith(".md") or not (root / name).exists():
            continue
        before_text = git(root, "show", f"{base}:{name}")
        if before_text is None:
            continue  # a new page
        before, _ = parse(before_text, name)
        after, _ = parse((root / name).read_text(encoding="utf-8"), name)
        updated = after.get("updated")
        if after.body.strip() == before.body.strip() or updated != before.get("updated"):
            continue
        if isinstance(updated, datetime.date) and updated >= today:
            continue  # already dated today
        line, _col = after.position("updated")
        problems.append(
            Problem(
                name,
                line,
                f"the text changed since {base} but 'updated' is still {updated} — "
                f"set it to {today.isoformat()} if readers should know the article changed",
                severity=WARNING,
                kind="freshness",
            )
        )
    return problems


def facts_due(docs: Path, display: str, today: datetime.date) -> list[Problem]:
    """Pages whose `checked` date is more than 180 days old."""
    problems = []
    for path in sorted(docs.rglob("*.md")):
        if path.is_symlink() or not path.is_file():
            continue
        name = f"{display}/{path.relative_to(docs).as_posix()}"
        front, _ = parse(path.read_text(encoding="utf-8", errors="replace"), name)
        problems += stale_check(front, name, today)
    return problems


def main() -> int:
    root = Path.cwd()
    today = datetime.date.today()
    for problem in facts_due(root / "docs", "docs", today):
        print(f"notice: {problem}", file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(github_annotation(problem))
    if git(root, "rev-parse", "--is-inside-work-tree") is None:
        return 0
    base = base_ref(root, dict(os.environ))
    problems = stale_articles(root, base, today)
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(github_annotation(problem))
    return 0


if __name__ == "__main__":
    sys.exit(main())
