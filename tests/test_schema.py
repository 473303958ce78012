"""The editors' JSON Schemas: committed, generated from the build's tables, and in step with its checks."""

from __future__ import annotations

import datetime
import json
import re

import pytest
import yaml

from filmhub import schema
from filmhub.fields import FRONT_MATTER, GLOSSARY_ENTRY
from filmhub.front_matter import parse, validate
from filmhub.glossary import load
from sitebuilder import REPO


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


def test_the_schemas_name_the_keys_the_build_accepts_and_requires():
    front = committed("schemas/front-matter.schema.json")
    assert list(front["properties"]) == list(FRONT_MATTER.keys)
    assert front["required"] == list(FRONT_MATTER.required)
    assert front["additionalProperties"] is False
    entry = committed("schemas/glossary-entry.schema.json")
    assert list(entry["properties"]) == list(GLOSSARY_ENTRY.keys)
    assert entry["required"] == list(GLOSSARY_ENTRY.required)


def test_every_page_and_glossary_entry_of_the_real_site_is_valid_against_its_schema():
    front = committed("schemas/front-matter.schema.json")
    for path in sorted((REPO / "docs").rglob("*.md")):
        values = parse(path.read_text(encoding="utf-8"), path.name)[0].values
        assert valid(as_json(values), front), path
    entry = committed("schemas/glossary-entry.schema.json")
    for path in sorted((REPO / "glossary").glob("*.yml")):
        assert valid(yaml.safe_load(path.read_text(encoding="utf-8")), entry), path


GOOD_FRONT = {
    "title": "T",
    "description": "One sentence.",
    "published": "2026-01-09",
    "updated": "2026-01-09",
}


@pytest.mark.parametrize(
    "change",
    [
        {"titel": "x"},
        {"description": "A" * 170 + "."},
        {"description": "No full stop"},
        {"title": "A <b>bold</b> title"},
        {"published": "9 January 2026"},
        {"read_next": []},
        {"read_next": ["a.md", "b.md", "c.md", "d.md", "e.md"]},
        {"order": "first"},
        {"draft": "maybe"},
        {"tags": ["a", "a"]},
    ],
)
def test_what_the_build_refuses_in_front_matter_the_schema_refuses_too(change):
    text = "---\n" + yaml.safe_dump({**GOOD_FRONT, **change}, allow_unicode=True) + "---\n"
    fields, problems = parse(text, "docs/hub/a.md")
    problems += validate(fields, "article", "docs/hub/a.md", datetime.date(2026, 12, 1))
    from filmhub.read_next import entries
    from filmhub.site import SitePage

    problems += entries(SitePage("hub/a.md", "docs/hub/a.md", "hub/a/", front=fields))[1]
    assert problems, "the build refuses it"
    assert not valid({**GOOD_FRONT, **change}, committed("schemas/front-matter.schema.json"))
    assert valid(GOOD_FRONT, committed("schemas/front-matter.schema.json"))


GOOD_ENTRY = {"term": "drift", "short": "One sentence.", "definition": "Text."}


@pytest.mark.parametrize(
    "change",
    [
        {"colour": "red"},
        {"short": "One. Two"},
        {"short": "A" * 210 + "."},
        {"aliases": "drift"},
        {"sources": [{"title": "x", "url": "ftp://x"}]},
        {"sources": [{"title": "x"}]},
    ],
)
def test_what_the_build_refuses_in_a_glossary_entry_the_schema_refuses_too(tmp_path, change):
    (tmp_path / "drift.yml").write_text(yaml.safe_dump({**GOOD_ENTRY, **change}), encoding="utf-8")
    problems = [p for p in load(tmp_path)[1] if "shared definition of AI" not in p.message]
    assert problems, "the build refuses it"
    assert not valid({**GOOD_ENTRY, **change}, committed("schemas/glossary-entry.schema.json"))
    assert valid(GOOD_ENTRY, committed("schemas/glossary-entry.schema.json"))


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
