"""Scaffolding a new article: `make article HUB=post-production TITLE="Subtitles you can trust"`.

Creates docs/<hub>/<slug>.md with valid front matter (today's dates, the
title quoted safely), a description placeholder and an empty read_next that
the build asks the writer to fill in, and a skeleton of sections whose TODO
lines the build points at until they are written.
"""

from __future__ import annotations

import argparse
import datetime
import difflib
import json
import re
import sys
import unicodedata
from pathlib import Path

from filmhub.front_matter import parse

SLUG_LIMIT = 60
USAGE = 'make article HUB=post-production TITLE="Subtitles you can trust"'

SKELETON = """\
---
title: {title}
description: "TODO: one sentence (at most 160 characters) on what the reader will be able to do"
published: {today}
updated: {today}
checked: {today}
read_next: []
---

TODO: the lead. One or two sentences: what the reader will be able to do after reading, and why it matters on a production.

## TODO: the first section

TODO: explain one idea, with a concrete example from production work. Link each source where its claim is first made, for example [Whisper's model card](https://github.com/openai/whisper/blob/main/model-card.md), and date facts that age ("as of July 2026").

## TODO: a checklist, decision rule or worked example

- TODO: a step the reader can take on Monday.
"""


class ScaffoldError(Exception):
    """A mistake in the command; the message says what to do."""


def slugify(title: str, limit: int = SLUG_LIMIT) -> str:
    """A clean file name from any title: ASCII, lowercase, hyphens, at most `limit` characters."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower().replace("'", "").replace("’", ""))
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or (words[0][:limit] if words else "")


def hubs(docs: Path) -> list[str]:
    """The hub folders: folders of docs/ with an index.md."""
    return sorted(p.parent.name for p in docs.glob("*/index.md"))


def page_titled(docs: Path, title: str) -> Path | None:
    """The page whose title is `title` (in any case), as the build compares titles."""
    wanted = title.strip().casefold()
    for path in sorted(docs.rglob("*.md")):
        if path.is_symlink() or not path.is_file():
            continue
        front, _ = parse(path.read_text(encoding="utf-8", errors="replace"), path.as_posix())
        existing = front.get("title")
        if isinstance(existing, str) and existing.strip().casefold() == wanted:
            return path
    return None


def scaffold(docs: Path, hub: str, title: str, today: datetime.date) -> Path:
    """Write the new article and return its path."""
    title = " ".join(title.split())
    if not hub or not title:
        raise ScaffoldError(f"Give a hub and a title: {USAGE}")
    known = hubs(docs)
    if hub not in known:
        close = [name for name in known if name.startswith(hub.lower())] or difflib.get_close_matches(
            hub, known, n=1, cutoff=0.5
        )
        hint = f" Did you mean '{close[0]}'?" if close else ""
        raise ScaffoldError(f"'{hub}' is not a hub.{hint} The hubs are: {', '.join(known)}.")
    slug = slugify(title)
    if not slug:
        raise ScaffoldError(f"The title '{title}' has no letters or digits to make a file name from.")
    path = docs / hub / f"{slug}.md"
    if path.exists():
        raise ScaffoldError(f"{path} already exists — give the new article another title, or edit that file.")
    used_by = page_titled(docs, title)
    if used_by:
        raise ScaffoldError(
            f"The title '{title}' is already used by {used_by} — give the new article a title of its own, "
            "or edit that article."
        )
    # A JSON string is a YAML string: quotes, colons and accents stay safe.
    path.write_text(
        SKELETON.format(title=json.dumps(title, ensure_ascii=False), today=today.isoformat()),
        encoding="utf-8",
    )
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make article", usage=USAGE, description=__doc__.split("\n\n")[0])
    parser.add_argument("--hub", default="")
    parser.add_argument("--title", default="")
    parser.add_argument("--docs", type=Path, default=Path("docs"))
    args = parser.parse_args(argv)
    try:
        path = scaffold(args.docs, args.hub.strip(), args.title, datetime.date.today())
    except ScaffoldError as error:
        print(error, file=sys.stderr)
        return 2
    url = path.relative_to(args.docs).with_suffix("").as_posix()
    print(f"Created {path}.")
    print(
        f"Next: run `make serve` and open http://127.0.0.1:8000/{url}/ — the build lists what is left to write."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
