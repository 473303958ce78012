"""Checking a YAML mapping against the fields it may hold.

A Schema is a list of Fields. Each declares its key, the kinds of page it
may be used on and must be given on, the checks its value must pass, and
the hint that tells a writer what to write. One `Schema.validate` runs them
for front matter and glossary entries alike (filmhub.fields declares both),
the way MkDocs' own config options validate themselves.

A check takes a value and returns it, converted if it has to be (a date
written as text becomes a date). It raises Refused when the value breaks
its rule: the problem is reported and the value left out, so the checks
and templates that run later only ever see valid data. A problem that
keeps the value (a date in the future, a tag listed twice) is reported
with `At.report` instead.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from filmhub.characters import has_markup
from filmhub.problems import Problem
from filmhub.yaml_mapping import YamlMapping

Check = Callable[[Any, "At"], Any]
Relation = Callable[["Checking"], None]


class Refused(Exception):
    """A value that breaks its field's rule, with each (line, message) to report.

    A line of None is the line where the value starts.
    """

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.found: list[tuple[int | None, str]] = [(line, message)]

    @classmethod
    def each(cls, found: list[tuple[int, str]]) -> Refused:
        """Refused for several reasons at once, such as two list items that break the rule."""
        refused = cls(found[0][1], found[0][0])
        refused.found = list(found)
        return refused


@dataclass(frozen=True)
class Field:
    """One key of a schema, and everything the build and editors know about it."""

    name: str
    schema: dict  # the value's JSON Schema, for editors (filmhub.schema)
    help: str  # what the field is for, for editors
    checks: tuple[Check, ...] = ()  # run in order; the first refusal ends them
    hint: str = ""  # what to write: "missing 'title' — add the page title, e.g. …"
    example: str = ""  # list items as a writer types them: "aliases: [training set]"
    kinds: frozenset[str] | None = None  # the kinds it may be used on; None: all of its schema's
    required_on: frozenset[str] = frozenset()  # the kinds that must have it


@dataclass(frozen=True)
class Schema:
    """The fields one kind of YAML block may hold, and how each is checked."""

    name: str  # what messages call the block: "front matter", "glossary entry"
    kind: str  # the kind of problem a value breaking a rule is: "front-matter", "glossary"
    kinds: frozenset[str]  # the kinds of page (or file) it describes
    fields: tuple[Field, ...]
    # Rules between fields, run after each field's own checks.
    relations: tuple[Relation, ...] = ()
    # True: a key without a value is reported as empty. False: its checks
    # get None and say what the value must be.
    reports_empty: bool = False

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(spec.name for spec in self.fields)

    @property
    def required(self) -> tuple[str, ...]:
        """The keys every block of this schema must have."""
        return tuple(spec.name for spec in self.fields if spec.required_on == self.kinds)

    @property
    def example(self) -> str:
        """'title: …, description: …': the shape of a block, for a message."""
        return ", ".join(f"{key}: …" for key in self.required)

    @property
    def syntax_kind(self) -> str:
        """The kind of problem YAML that can't be read is: 'front-matter', 'glossary-entry'."""
        return self.name.replace(" ", "-")

    def field(self, key: str) -> Field | None:
        return next((spec for spec in self.fields if spec.name == key), None)

    def validate(
        self, mapping: YamlMapping, path: str, kind: str, today: datetime.date | None = None
    ) -> list[Problem]:
        """Check a block of the given kind of page (or file) against the fields.

        Values that break a rule are removed from `mapping.values`.
        """
        checking = Checking(self, mapping, path, kind, today)
        for key in list(mapping.values):
            found = self._key_problem(key, mapping, kind)
            if found:
                checking.report(key, found[1], line=found[0])
                del mapping.values[key]
        for spec in self.fields:
            given = spec.name in mapping.values or spec.name in mapping.key_lines
            if kind in spec.required_on and not given:
                checking.report(spec.name, f"missing '{spec.name}' — {spec.hint}", line=1)
        for spec in self.fields:
            if spec.name in mapping.values:
                _check_value(spec, At(spec, checking))
        for relation in self.relations:
            relation(checking)
        return checking.problems

    def _key_problem(self, key: str, mapping: YamlMapping, kind: str) -> tuple[int, str] | None:
        """A key the schema doesn't know, one this kind can't use, or one without a value."""
        spec = self.field(key)
        if spec is None:
            close = difflib.get_close_matches(key, self.keys, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "allowed keys are " + ", ".join(self.keys)
            return mapping.key_lines[key], f"unknown key '{key}' — {hint}"
        if spec.kinds is not None and kind not in spec.kinds:
            # Only front matter has such keys; its kinds are kinds of page.
            where = " and ".join(sorted(f"{k} pages" for k in spec.kinds))
            message = f"'{key}' is only used on {where} — remove it from this {kind} page"
            return mapping.key_lines[key], message
        if mapping.values[key] is None and self.reports_empty:
            hint = spec.hint if spec.required_on == self.kinds else "give it a value or remove the line"
            return mapping.position(key)[0], f"'{key}' is empty — {hint}"
        return None


def _check_value(spec: Field, at: At) -> None:
    values = at.checking.mapping.values
    try:
        for check in spec.checks:
            values[spec.name] = check(values[spec.name], at)
    except Refused as refused:
        for line, message in refused.found:
            at.report(message, line)
        del values[spec.name]


@dataclass
class Checking:
    """One block being checked: what it is, where, and the problems found so far."""

    schema: Schema
    mapping: YamlMapping
    path: str
    kind: str
    today: datetime.date | None = None
    problems: list[Problem] = field(default_factory=list)

    def report(self, key: str, message: str, line: int | None = None) -> None:
        """A problem at `line`, or where `key`'s value was written."""
        line = line or self.mapping.position(key)[0]
        self.problems.append(Problem(self.path, line, message, kind=self.schema.kind))


@dataclass(frozen=True)
class At:
    """The value of one field, being checked."""

    field: Field
    checking: Checking

    @property
    def key(self) -> str:
        return self.field.name

    @property
    def today(self) -> datetime.date | None:
        return self.checking.today

    @property
    def item_lines(self) -> list[int]:
        """The line of each item of a list value."""
        return [line for line, _col in self.checking.mapping.item_positions.get(self.key, [])]

    def report(self, message: str, line: int | None = None) -> None:
        """A problem that leaves the value in place."""
        self.checking.report(self.key, message, line)


# --- Checks any field can be made of ---------------------------------------------------


def text(value: Any, at: At) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Refused(f"'{at.key}' must be text — {at.field.hint}")
    return value


def single_line(value: str, at: At) -> str:
    if "\n" in value.strip():
        raise Refused(f"'{at.key}' must be a single line")
    return value


def plain_text(value: str, at: At) -> str:
    if has_markup(value):
        raise Refused(plain_text_message(at.key))
    return value


def plain_text_message(key: str) -> str:
    """Titles, descriptions, tags and glossary names are plain text: some
    theme templates print them as they are, so '<' and '>' are refused."""
    return (
        f"'{key}' contains '<' or '>' — it is plain text, shown in titles, tabs, cards and the feed; "
        "write it without < and > (use words, or ‹ › if you need the look)"
    )


def words(value: Any, at: At) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise Refused(f"'{at.key}' must be a list of words, e.g. {at.key}: [{at.field.example}]")
    return value


def true_or_false(value: Any, at: At) -> bool:
    if not isinstance(value, bool):
        raise Refused(f"'{at.key}' must be true or false")
    return value
