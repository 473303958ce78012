"""The JSON Schemas editors use, made from the build's own field tables.

    python -m filmhub.schema            write schemas/*.json (make schemas)
    python -m filmhub.schema --check    exit 1 if they are out of date

`schemas/glossary-entry.schema.json` is wired to `glossary/*.yml` for VS Code
in .vscode/settings.json; `schemas/front-matter.schema.json` is for any tool
that validates YAML front matter. Both come from filmhub.fields, the tables
the build checks with, so a key added there is in the schema after
`make schemas`, and a test fails until it is.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from filmhub.fields import FRONT_MATTER, GLOSSARY_ENTRY
from filmhub.validation import Schema

# Draft 7: the version editors' YAML and JSON tools all read.
DIALECT = "http://json-schema.org/draft-07/schema#"


def _object(schema: Schema, title: str, description: str) -> dict:
    return {
        "$schema": DIALECT,
        "title": title,
        "description": description,
        "type": "object",
        "properties": {field.name: {"description": field.help, **field.schema} for field in schema.fields},
        "required": list(schema.required),
        "additionalProperties": False,
    }


def front_matter_schema() -> dict:
    return _object(
        FRONT_MATTER,
        "Front matter of a page of the AI Filmmaking Hub",
        "Generated from hooks/filmhub/fields.py by `make schemas`. The build also checks what a schema "
        "can't: where a key may be used (by the page's folder), dates in order, unique titles.",
    )


def glossary_entry_schema() -> dict:
    return _object(
        GLOSSARY_ENTRY,
        "A glossary entry of the AI Filmmaking Hub (glossary/*.yml)",
        "Generated from hooks/filmhub/fields.py by `make schemas`. The build also checks names "
        "against each other and see_also against the glossary's files.",
    )


SCHEMAS = {
    "schemas/front-matter.schema.json": front_matter_schema,
    "schemas/glossary-entry.schema.json": glossary_entry_schema,
}


def render(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def out_of_date(root: Path) -> list[str]:
    """The schema files that differ from what the field tables make."""
    stale = []
    for name, make in SCHEMAS.items():
        path = root / name
        if not path.is_file() or path.read_text(encoding="utf-8") != render(make()):
            stale.append(name)
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make schemas", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the files are up to date")
    parser.add_argument("--root", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)
    stale = out_of_date(args.root)
    if args.check:
        for name in stale:
            print(f"{name} is out of date with hooks/filmhub/fields.py — run make schemas", file=sys.stderr)
        return 1 if stale else 0
    for name in stale:
        path = args.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(SCHEMAS[name]()), encoding="utf-8")
        print(f"wrote {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
