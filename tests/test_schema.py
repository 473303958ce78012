"""The editors' JSON Schemas: committed, generated from the build's tables, and in step with its checks."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
import yaml

from filmhub import glossary, schema
from filmhub.fields import ENTRY, FRONT_MATTER, GLOSSARY_ENTRY
from filmhub.front_matter import parse, validate
from filmhub.read_next import entries
from filmhub.site import PAGE, SitePage
from filmhub.validation import plain_text_message
from filmhub.yaml_mapping import YamlMapping
from sitebuilder import REPO

TODAY = datetime.date(2026, 12, 1)


def valid(value, rules: dict) -> bool:
    """The part of JSON Schema the hub's schemas use, enough to test them against the build."""
    kind = rules.get("type")
    checks = {
        "string": lambda v: isinstance(v, str),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "array": lambda v: isinstance(v, list),
        "object": lambda v: isinstance(v, dict),
    }
    if kind and not checks[kind](value):
        return False
    if isinstance(value, str):
        if len(value) < rules.get("minLength", 0) or len(value) > rules.get("maxLength", len(value)):
            return False
        if "pattern" in rules and not re.search(rules["pattern"], value):
            return False
    if isinstance(value, list):
        if not rules.get("minItems", 0) <= len(value) <= rules.get("maxItems", len(value)):
            return False
        if rules.get("uniqueItems") and len({json.dumps(v) for v in value}) != len(value):
            return False
        return all(valid(item, rules.get("items", {})) for item in value)
    if isinstance(value, dict):
        properties = rules.get("properties", {})
        if any(key not in value for key in rules.get("required", [])):
            return False
        if rules.get("additionalProperties") is False and set(value) - set(properties):
            return False
        return all(valid(v, properties.get(k, {})) for k, v in value.items())
    return True


def as_json(values: dict) -> dict:
    """Front matter as an editor's YAML tools see it: dates are text."""
    return {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in values.items()}


def committed(name: str) -> dict:
    return json.loads((REPO / name).read_text(encoding="utf-8"))


def test_the_committed_schemas_are_what_the_field_tables_make():
    assert schema.out_of_date(REPO) == [], "run make schemas and commit schemas/"
    assert committed("schemas/front-matter.schema.json") == schema.front_matter_schema()


@pytest.mark.parametrize(
    ("name", "fields", "kind"),
    [
        ("schemas/front-matter.schema.json", FRONT_MATTER, PAGE),
        ("schemas/glossary-entry.schema.json", GLOSSARY_ENTRY, ENTRY),
    ],
)
def test_the_build_accepts_and_requires_the_keys_the_schemas_name(name, fields, kind):
    schema_file = committed(name)
    assert schema_file["additionalProperties"] is False
    unknown = YamlMapping({"colour": "red"}, key_lines={"colour": 2})
    problems = fields.validate(unknown, "x.yml", kind, TODAY)
    assert [p.message.split(" — ")[0] for p in problems] == [
        "unknown key 'colour'",
        *(f"missing '{key}'" for key in schema_file["required"]),
    ]
    assert problems[0].message == "unknown key 'colour' — allowed keys are " + ", ".join(
        schema_file["properties"]
    )


def test_every_page_and_glossary_entry_of_the_real_site_is_valid_against_its_schema():
    front = committed("schemas/front-matter.schema.json")
    pages = sorted((REPO / "docs").rglob("*.md"))
    assert pages, "a loop over no pages checks nothing"
    for path in pages:
        values = parse(path.read_text(encoding="utf-8"), path.name)[0].values
        assert valid(as_json(values), front), path
    entry = committed("schemas/glossary-entry.schema.json")
    glossary_files = sorted((REPO / "glossary").glob("*.yml"))
    assert glossary_files, "a loop over no entries checks nothing"
    for path in glossary_files:
        assert valid(yaml.safe_load(path.read_text(encoding="utf-8")), entry), path


GOOD_FRONT = {
    "title": "T",
    "description": "One sentence.",
    "published": "2026-01-09",
    "updated": "2026-01-09",
    "checked": "2026-11-20",
    "read_next": ["hub/b.md"],
}


def front_matter_problems(values: dict) -> list[str]:
    """What the build says about an article's front matter, Read Next list included."""
    text = "---\n" + yaml.safe_dump(values, allow_unicode=True) + "---\n"
    page = SitePage("hub/a.md", "docs/hub/a.md", "hub/a/")
    page.front, problems = parse(text, page.path)
    problems += validate(page.front, page.kind, page.path, TODAY)
    problems += entries(page)[1]
    return [p.message for p in problems]


@pytest.mark.parametrize(
    ("change", "refused"),
    [
        ({"titel": "x"}, "unknown key 'titel' — did you mean 'title'?"),
        (
            {"description": "A" * 170 + "."},
            "'description' is 171 characters — shorten it to at most 160 (search results and link cards cut it off)",
        ),
        (
            {"description": "No full stop"},
            "'description' must end with a full stop — it is shown as a sentence in link cards",
        ),
        ({"title": "A <b>bold</b> title"}, plain_text_message("title")),
        ({"published": "9 January 2026"}, "'published' must be a date written YYYY-MM-DD, e.g. 2026-11-24"),
        ({"read_next": []}, "'read_next' is empty — list 1 to 4 pages a reader should go to next"),
        ({"read_next": [f"hub/{n}.md" for n in "bcdef"]}, "'read_next' has 5 entries — keep the best 4"),
        (
            {"order": "first"},
            "'order' must be a whole number, e.g. order: 2 — lower numbers are listed first",
        ),
        ({"draft": "maybe"}, "'draft' must be true or false"),
        ({"tags": ["a", "a"]}, "tag 'a' is listed twice — keep one"),
    ],
)
def test_what_the_build_refuses_in_front_matter_the_schema_refuses_too(change, refused):
    front = committed("schemas/front-matter.schema.json")
    assert front_matter_problems(GOOD_FRONT) == []
    assert valid(GOOD_FRONT, front)
    assert front_matter_problems({**GOOD_FRONT, **change}) == [refused]
    assert not valid({**GOOD_FRONT, **change}, front)


GOOD_ENTRY = {"term": "drift", "short": "One sentence.", "definition": "Text."}


def glossary_problems(folder: Path, values: dict) -> list[str]:
    (folder / "drift.yml").write_text(yaml.safe_dump(values), encoding="utf-8")
    return [p.message for p in glossary.load(folder)[1] if p.path == "glossary/drift.yml"]


@pytest.mark.parametrize(
    ("change", "refused"),
    [
        (
            {"colour": "red"},
            "unknown key 'colour' — allowed keys are term, aliases, short, definition, see_also, not_after, sources",
        ),
        (
            {"short": "One. Two"},
            "'short' must be one sentence ending with a full stop — it is the tooltip on the term's first use",
        ),
        ({"short": "A" * 210 + "."}, "'short' is 211 characters — keep the tooltip text to at most 200"),
        ({"aliases": "drift"}, "'aliases' must be a list of words, e.g. aliases: [training set]"),
        (
            {"sources": [{"title": "x", "url": "ftp://x"}]},
            "'sources' must be a list of entries with a title and an https:// url",
        ),
        (
            {"sources": [{"title": "x"}]},
            "'sources' must be a list of entries with a title and an https:// url",
        ),
    ],
)
def test_what_the_build_refuses_in_a_glossary_entry_the_schema_refuses_too(tmp_path, change, refused):
    entry = committed("schemas/glossary-entry.schema.json")
    assert glossary_problems(tmp_path, GOOD_ENTRY) == []
    assert valid(GOOD_ENTRY, entry)
    assert glossary_problems(tmp_path, {**GOOD_ENTRY, **change}) == [refused]
    assert not valid({**GOOD_ENTRY, **change}, entry)


def test_editors_are_wired_to_the_glossary_schema_and_pre_commit_runs_the_checks():
    settings = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {"./schemas/glossary-entry.schema.json": "glossary/*.yml"}
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [local] = config["repos"]
    assert local["repo"] == "local"
    entries = {hook["id"]: hook["entry"] for hook in local["hooks"]}
    assert entries == {
        "ruff": "make -s lint",
        "schemas": "env PYTHONPATH=hooks .venv/bin/python -m filmhub.schema --check",
        "check": "make -s check",
    }
