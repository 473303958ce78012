"""Which files a writer may add to docs/ and glossary/, checked before MkDocs reads any.

MkDocs walks docs/ following symlinks and copies every file that is not
Markdown into the site as it is: a symlink to /proc/self/environ publishes
the build's environment, an .html or .js file publishes a script, and an SVG
with <script> runs wherever it is shown. So, before MkDocs lists the files:

- symlinks are refused and never followed;
- only these file types are accepted: Markdown and images in docs/ (the
  site's own stylesheets in docs/assets/stylesheets/, which the maintainers
  review), .yml files in glossary/;
- names with control or invisible characters are refused, and so are two
  names that differ only in case or Unicode normalisation (one would
  overwrite the other on many systems);
- every SVG is checked like HTML: no script, no event handler, no
  foreignObject, nothing loaded from outside the file (filmhub.svg_policy).
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from filmhub.characters import for_log
from filmhub.problems import Problem
from filmhub.svg_policy import svg_problems

PAGE_TYPES = frozenset({".md"})
IMAGE_TYPES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg"})
STYLESHEETS = "assets/stylesheets"
MAX_SVG_BYTES = 500_000


def check_tree(
    root: Path, display: str, allowed: frozenset[str], stylesheets: str | None = None
) -> list[Problem]:
    """Every problem with the files under `root`, shown as `display/…`."""
    if not root.is_dir():
        return []
    problems, seen = [], {}
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs.sort()
        base = Path(folder)
        for name in sorted(dirs) + sorted(names):
            full = base / name
            relative = full.relative_to(root).as_posix()
            shown = f"{display}/{relative}"
            problem = _name_problem(name, shown) or _link_problem(full, shown)
            if problem is None:
                folded = unicodedata.normalize("NFC", relative).casefold()
                if folded in seen:
                    problem = Problem(
                        shown,
                        1,
                        f"this name differs from '{for_log(seen[folded])}' only in case or accents — "
                        "rename one of them",
                        kind="file",
                    )
                seen.setdefault(folded, shown)
            if problem is None and name in names:
                problem = _type_problem(full, relative, shown, allowed, stylesheets)
            if problem is not None:
                problems.append(problem)
                if name in dirs:
                    dirs.remove(name)
    return problems


def _name_problem(name: str, shown: str) -> Problem | None:
    if any(unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Cs") for char in name):
        return Problem(
            shown,
            1,
            "the file name holds an invisible or control character — rename it with letters, digits and hyphens",
            kind="file",
        )
    return None


def _link_problem(full: Path, shown: str) -> Problem | None:
    if full.is_symlink():
        return Problem(
            shown,
            1,
            "this is a symbolic link — the build never follows links; copy the file itself into the repository",
            kind="file",
        )
    return None


def _type_problem(
    full: Path, relative: str, shown: str, allowed: frozenset[str], stylesheets: str | None
) -> Problem | None:
    suffix = full.suffix.lower()
    if stylesheets and suffix == ".css" and relative.startswith(stylesheets + "/"):
        return None
    if suffix not in allowed:
        kinds = ", ".join(sorted(allowed))
        where = (
            f" The site's own styles are code in docs/{stylesheets}/, reviewed by the maintainers (CODEOWNERS)."
            if stylesheets
            else ""
        )
        return Problem(
            shown,
            1,
            f"files of this type are not published — use Markdown or an image ({kinds}); "
            f"remove the file.{where}",
            kind="file",
        )
    if not full.is_file():
        return Problem(shown, 1, "this is not a regular file — remove it", kind="file")
    if suffix == ".svg":
        size = full.stat().st_size
        if size > MAX_SVG_BYTES:
            return Problem(
                shown,
                1,
                f"the SVG is {size // 1000:,} KB — keep diagrams under {MAX_SVG_BYTES // 1000} KB",
                kind="file",
            )
        found = svg_problems(full.read_bytes(), shown)
        return found[0] if found else None
    return None


def docs_problems(docs_dir: Path, display: str) -> list[Problem]:
    return check_tree(docs_dir, display, PAGE_TYPES | IMAGE_TYPES, STYLESHEETS)


def glossary_problems(glossary_dir: Path, display: str) -> list[Problem]:
    return check_tree(glossary_dir, display, frozenset({".yml"}))
