"""Which files a writer may add to docs/ and glossary/, checked before MkDocs reads any.

MkDocs walks docs/ following symlinks and copies every file that is not
Markdown into the site as it is: a symlink to /proc/self/environ publishes
the build's environment, an .html or .js file publishes a script, and an SVG
with <script> runs wherever it is shown. So, before MkDocs lists the files:

- symlinks are refused and never followed;
- only these file types are accepted: Markdown and images in docs/ (the
  site's own stylesheets in docs/assets/stylesheets/, which the maintainers
  review), .yml files in glossary/;
- names may not hold control or invisible characters, nor characters that
  mean something in HTML or in a URL (`< > " ' & ` \\ # ? %`): a name becomes
  part of an address and, without a title, of the navigation; two names
  that differ only in case or Unicode normalisation are refused (one would overwrite the other on many systems); folders may nest
  at most MAX_DEPTH deep;
- an image's first bytes must be those of its type, so no HTML or SVG can
  pass for a PNG;
- every SVG is checked like HTML: no script, no event handler, no
  foreignObject, nothing loaded from outside the file (filmhub.svg_policy).
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from filmhub.characters import for_log
from filmhub.problems import Problem
from filmhub.svg_policy import svg_problems

PAGE_TYPES = frozenset({".md"})
IMAGE_TYPES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg"})
STYLESHEETS = "assets/stylesheets"
MAX_SVG_BYTES = 500_000
MAX_DEPTH = 8
_UNSAFE_NAME = re.compile(r"[<>\"'&`\\#?%]|^\s|\s$")
# The first bytes of each raster type (WebP and AVIF: a container whose
# type sits a few bytes in).
_SIGNATURES = {
    ".png": lambda head: head.startswith(b"\x89PNG\r\n\x1a\n"),
    ".jpg": lambda head: head.startswith(b"\xff\xd8\xff"),
    ".jpeg": lambda head: head.startswith(b"\xff\xd8\xff"),
    ".gif": lambda head: head.startswith((b"GIF87a", b"GIF89a")),
    ".webp": lambda head: head.startswith(b"RIFF") and head[8:12] == b"WEBP",
    ".avif": lambda head: head[4:12] in (b"ftypavif", b"ftypavis"),
}


def check_tree(
    root: Path, display: str, allowed: frozenset[str], stylesheets: str | None = None
) -> list[Problem]:
    """Every problem with the files under `root`, shown as `display/…`.

    The walk is iterative and never follows a link, so neither a symlinked
    folder nor a deeply nested one can make it loop, recurse or wander off.
    """
    if root.is_symlink():
        return [_symlink(display)]
    if not root.is_dir():
        return []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    stack = [(root, 0, True)]
    while stack:
        folder, depth, published = stack.pop()
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
        for entry in entries:
            full = Path(entry.path)
            relative = full.relative_to(root).as_posix()
            shown = f"{display}/{relative}"
            if entry.is_symlink():
                problems.append(_symlink(shown))
                continue
            # MkDocs publishes nothing whose name starts with a dot (.DS_Store,
            # .gitkeep), but it walks such folders, so they are walked for links.
            hidden = not published or entry.name.startswith(".")
            if hidden:
                if entry.is_dir(follow_symlinks=False):
                    if depth + 1 >= MAX_DEPTH:
                        problems.append(_too_deep(shown))
                    else:
                        stack.append((full, depth + 1, False))
                continue
            problem = _name_problem(entry.name, shown)
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
            if problem is None and entry.is_dir(follow_symlinks=False):
                if depth + 1 >= MAX_DEPTH:
                    problem = _too_deep(shown)
                else:
                    stack.append((full, depth + 1, True))
            elif problem is None:
                problem = _type_problem(full, relative, shown, allowed, stylesheets)
            if problem is not None:
                problems.append(problem)
    return sorted(problems, key=lambda p: p.path)


def _too_deep(shown: str) -> Problem:
    return Problem(
        shown, 1, f"folders are nested more than {MAX_DEPTH} deep here — flatten them", kind="file"
    )


def _symlink(shown: str) -> Problem:
    return Problem(
        shown,
        1,
        "this is a symbolic link — the build never follows links; copy the file itself into the repository",
        kind="file",
    )


def _name_problem(name: str, shown: str) -> Problem | None:
    if any(unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Cs") for char in name):
        return Problem(
            shown,
            1,
            "the file name holds an invisible or control character — rename it with letters, digits and hyphens",
            kind="file",
        )
    if _UNSAFE_NAME.search(name):
        return Problem(
            shown,
            1,
            "a file or folder name may not start or end with a space, or hold "
            "< > \" ' & ` \\ # ? % (it becomes part of the page's address) — rename it with letters, digits "
            "and hyphens",
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
    signature = _SIGNATURES.get(suffix)
    if signature is not None:
        with full.open("rb") as file:
            head = file.read(16)
        if not signature(head):
            return Problem(
                shown,
                1,
                f"the file is not a {suffix[1:].upper()} image, whatever its name says — export it again "
                "as an image of that type",
                kind="file",
            )
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
