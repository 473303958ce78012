"""Parsing and validating the front matter every page in docs/ declares.

Every page starts with a YAML block between `---` lines:

    ---
    title: Holding Continuity Across Generated Shots
    description: One sentence, at most 160 characters.
    published: 2026-11-24
    updated: 2026-11-24
    read_next:
      - generative-video/judging-generated-clips.md
    ---

MkDocs silently drops front matter it cannot parse (the YAML then shows up in
the page body), so this module parses it itself, keeps the line and column of
every key and list item, and turns every mistake into a Problem that says
where it is and what to do.
"""

from __future__ import annotations

import bisect
import datetime
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from filmhub.bounds import MAX_PAGE_BYTES, MAX_YAML_NODES, size_problem, yaml_depth_problem
from filmhub.characters import (
    describe,
    first_unwritable,
    has_markup,
    line_starts,
    replace_unwritable,
    split_lines,
)
from filmhub.fields import ALL_KINDS, DESCRIPTION_LIMIT, FRONT_MATTER
from filmhub.problems import NOTICE, Problem
from filmhub.textscan import Body

# Where each key may be used and where it is required, from the one table
# the editors' JSON Schema is also made from (filmhub.fields). read_next is
# checked in detail by read_next.py.
KEYS: dict[str, frozenset[str]] = {spec.name: spec.kinds for spec in FRONT_MATTER}
REQUIRED = tuple(spec.name for spec in FRONT_MATTER if spec.required_on == ALL_KINDS)
# Pages that state facts which age say when those facts were last verified.
REQUIRED_ON_KIND = {
    spec.name: spec.required_on for spec in FRONT_MATTER if spec.required_on not in (ALL_KINDS, frozenset())
}
# After this long, a page's `checked` date is listed as due for a re-check.
CHECKED_MAX_AGE = datetime.timedelta(days=180)
PLACEHOLDER = "TODO"
# A writer east of the build machine may already be on tomorrow's date.
FUTURE_SLACK = datetime.timedelta(days=1)

_OPENING = re.compile(r"^---[ \t]*$")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|etc|vs|approx|no|Dr|Mr|Ms|Mrs|St)\.$", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
_H1 = re.compile(r"^ {0,3}#(?!#)\s+\S")
_TODO = re.compile(r"\bTODO\b")
_YAML_ONLY_BREAK = re.compile("[\x85\u2028\u2029]")


@dataclass
class Fields:
    """A YAML mapping and where each key, value and list item was written."""

    values: dict[str, Any] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)
    value_positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    item_positions: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    # True once the YAML was read as a mapping, even if a value in it was bad:
    # the schema can still check the other keys.
    read: bool = False

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def position(self, key: str) -> tuple[int, int | None]:
        """Line and column of a key's value, or of the mapping's start."""
        if key in self.value_positions:
            return self.value_positions[key]
        return self.key_lines.get(key, 1), None


@dataclass
class FrontMatter(Fields):
    """A page's front matter, and the body that follows it."""

    body: str = ""
    body_line: int = 1


def decode(raw: bytes, path: str, limit: int = MAX_PAGE_BYTES) -> tuple[str | None, list[Problem]]:
    """The text of a page, or a problem saying why it can't be read.

    Characters that cannot be published are reported at their line and
    replaced with U+FFFD, so nothing later (YAML, Markdown, the feed) sees them.
    """
    too_big = size_problem(len(raw), path, limit)
    if too_big:
        return None, [too_big]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = len(line_starts(raw[: error.start].decode("utf-8", "replace")))
        return None, [
            Problem(
                path,
                line,
                "the file is not UTF-8 text — save it again with the encoding set to UTF-8",
                kind="encoding",
            )
        ]
    if not text.strip():
        return None, [
            Problem(
                path,
                1,
                "the file is empty — start it with front matter "
                "(title, description, published, updated) between '---' lines",
                kind="front-matter",
            )
        ]
    return _without_unwritable(text, path)


def _without_unwritable(text: str, path: str) -> tuple[str, list[Problem]]:
    offset = first_unwritable(text)
    if offset is None:
        return text, []
    starts = line_starts(text)
    line = bisect.bisect_right(starts, offset)
    problem = Problem(
        path,
        line,
        f"this line holds {describe(text[offset])}, which can't be published — "
        "delete it (retype the words around it if you can't see it)",
        col=offset - starts[line - 1] + 1,
        kind="encoding",
    )
    return replace_unwritable(text), [problem]


def parse(text: str, path: str) -> tuple[FrontMatter, list[Problem]]:
    """Split a page into front matter and body, and parse the YAML."""
    lines = split_lines(text, keepends=True)
    if not lines or not _OPENING.match(lines[0].rstrip("\r\n")):
        hint = (
            "remove the blank lines above '---'"
            if any(_OPENING.match(line.rstrip("\r\n")) for line in lines[:5]) and not lines[0].strip()
            else "start the file with a '---' line, then title, description, "
            "published and updated, then another '---' line"
        )
        return FrontMatter(body=text), [
            Problem(path, 1, f"no front matter at the top of the file — {hint}", kind="front-matter")
        ]
    closing = next((i for i in range(1, len(lines)) if _CLOSING.match(lines[i].rstrip("\r\n"))), None)
    if closing is None:
        return FrontMatter(body=""), [
            Problem(
                path,
                1,
                "the front matter that starts here is never closed — add a '---' line after the last field",
                kind="front-matter",
            )
        ]
    front = FrontMatter(body="".join(lines[closing + 1 :]), body_line=closing + 2)
    problems = read_fields("".join(lines[1:closing]), front, path, first_line=2)
    return front, problems


def _yaml_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "put the value in double quotes when it contains ': '"
    if "'\\t'" in problem or "tab" in problem:
        return "indent with spaces, not tabs"
    if "end of stream" in problem and "quoted" in problem:
        return "close the quote at the end of the value"
    if "expected <block end>" in problem or "expected key" in problem:
        return "check the indentation: list items under a key start with '  - '"
    return "check the quotes and indentation on this line"


def read_fields(
    source: str, fields: Fields, path: str, first_line: int, what: str = "front matter"
) -> list[Problem]:
    """Parse YAML `source` (starting at `first_line` of its file) into `fields`.

    libyaml parses quickly where PyYAML has it; a file it rejects is parsed
    again in pure Python, whose error messages are the same on every machine.
    Neither sees text nested deeper than bounds.MAX_YAML_DEPTH: libyaml would
    overflow the C stack, and the pure-Python loader its recursion limit.
    """
    too_deep = yaml_depth_problem(source, path, first_line, what)
    if too_deep:
        return [too_deep]
    # YAML also breaks lines at U+0085, U+2028 and U+2029, which editors and
    # git do not: every later line number would be off by one.
    separator = _YAML_ONLY_BREAK.search(source)
    if separator:
        line = first_line + len(split_lines(source[: separator.start()] + "x")) - 1
        return [
            Problem(
                path,
                line,
                f"{what} holds {describe(separator.group())} — delete it "
                "(retype the words around it if you can't see it)",
                kind=_kind(what),
            )
        ]
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        parsed = Fields()
        if not _read_with(fast, source, parsed, path, first_line, what):
            for name in ("values", "key_lines", "value_positions", "item_positions"):
                getattr(fields, name).update(getattr(parsed, name))
            fields.read = True
            return []
    return _read_with(yaml.SafeLoader, source, fields, path, first_line, what)


def _read_with(
    loader_class, source: str, fields: Fields, path: str, first_line: int, what: str
) -> list[Problem]:
    loader = loader_class(source)
    offset = first_line
    try:
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line = mark.line + offset if mark else 1
            problem = error.problem or error.context or "syntax error"
            return [
                Problem(
                    path,
                    line,
                    f"{what} is not valid YAML ({problem}) — {_yaml_hint(problem)}",
                    kind=_kind(what),
                )
            ]
        except yaml.YAMLError as error:
            return [Problem(path, 1, f"{what} is not valid YAML ({error})", kind=_kind(what))]
        if root is None:
            fields.read = True
            return []
        if not isinstance(root, yaml.MappingNode):
            found = "a list" if isinstance(root, yaml.SequenceNode) else "plain text"
            example = EXAMPLES.get(what, "key: value")
            return [
                Problem(
                    path,
                    root.start_mark.line + offset,
                    f"{what} must be 'key: value' lines, but this is {found} — write it as {example}",
                    kind=_kind(what),
                )
            ]
        shape = _shape_problem(root, path, offset, what)
        if shape:
            return [shape]
        fields.read = True
        return _read_mapping(loader, root, fields, path, offset, what)
    finally:
        loader.dispose()


def _shape_problem(root, path: str, offset: int, what: str) -> Problem | None:
    """Anchors and aliases (one node reached twice) make a small text stand
    for a huge value; a front matter block has no use for them. Reported at
    the key whose value reuses a node."""
    seen: set[int] = set()
    for key_node, value_node in root.value:
        stack = [key_node, value_node]
        while stack:
            node = stack.pop()
            if id(node) in seen:
                return Problem(
                    path,
                    key_node.start_mark.line + offset,
                    f"{what} uses a YAML anchor or alias ('&' or '*') — write each value out in full",
                    kind=_kind(what),
                )
            seen.add(id(node))
            if len(seen) > MAX_YAML_NODES:
                return Problem(
                    path,
                    key_node.start_mark.line + offset,
                    f"{what} has more than {MAX_YAML_NODES:,} values — keep it short",
                    kind=_kind(what),
                )
            if isinstance(node, yaml.MappingNode):
                stack.extend(part for pair in node.value for part in pair)
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
    return None


EXAMPLES = {
    "front matter": "title: …, description: …, published: …, updated: …",
    "glossary entry": "term: …, short: …, definition: …",
}


def _kind(what: str) -> str:
    return what.replace(" ", "-")


def _read_mapping(loader, root, fields: Fields, path: str, offset: int, what: str) -> list[Problem]:
    problems = []
    kind = _kind(what)
    for key_node, value_node in root.value:
        line = key_node.start_mark.line + offset
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(key, str) or not key:
            problems.append(
                Problem(path, line, f"a {what} key must be a plain word — e.g. title:", kind=kind)
            )
            continue
        if key in fields.key_lines:
            problems.append(
                Problem(
                    path,
                    line,
                    f"'{key}' is set twice (first on line {fields.key_lines[key]}) — keep one",
                    kind=kind,
                )
            )
            continue
        fields.key_lines[key] = line
        fields.value_positions[key] = (value_node.start_mark.line + offset, value_node.start_mark.column + 1)
        if isinstance(value_node, yaml.SequenceNode):
            fields.item_positions[key] = [
                (item.start_mark.line + offset, item.start_mark.column + 1) for item in value_node.value
            ]
        try:
            fields.values[key] = loader.construct_object(value_node, deep=True)
        except ValueError:
            if value_node.tag.endswith(":timestamp"):
                message = f"'{key}' {value_node.value} is not a real date — check the month and day"
            else:
                message = f"'{key}' can't be read as a value — write plain text, a date or a small number"
            problems.append(Problem(path, line, message, kind=kind))
            continue
        except yaml.YAMLError as error:
            problems.append(
                Problem(
                    path,
                    line,
                    f"'{key}' can't be read ({getattr(error, 'problem', error)}) — "
                    "write plain text, a date or a list",
                    kind=kind,
                )
            )
            continue
        unwritable = _unwritable_value(fields.values[key])
        if unwritable:
            problems.append(
                Problem(
                    path,
                    line,
                    f"'{key}' holds {describe(unwritable)}, which can't be published — "
                    "remove the escape (\\u…, \\x…) that makes it",
                    kind=kind,
                )
            )
            del fields.values[key]
    return problems


def _unwritable_value(value: Any) -> str | None:
    """The first character in a parsed value (strings in lists and mappings
    too) that cannot be published; YAML escapes can make any character."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            offset = first_unwritable(item, in_value=True)
            if offset is not None and item[offset] not in "\n\t":
                return item[offset]
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def validate(front: FrontMatter, kind: str, path: str, today: datetime.date) -> list[Problem]:
    """Check the schema rules for a page of the given kind.

    Values that break a rule are removed from `front.values`, so the checks
    and templates that run later only ever see valid data.
    """
    problems = []
    for key in list(front.values):
        problem = _check_key(key, kind, front, path)
        if problem:
            problems.append(problem)
            del front.values[key]
    required = [*REQUIRED, *(key for key, kinds in REQUIRED_ON_KIND.items() if kind in kinds)]
    for key in required:
        if key not in front.values and key not in front.key_lines:
            problems.append(
                Problem(path, 1, f"missing '{key}' — {_REQUIRED_HINTS[key]}", kind="front-matter")
            )
    for key in ("title", "description"):
        if key in front.values:
            problem = _check_text(key, front, path)
            if problem:
                problems.append(problem)
                del front.values[key]
    problems += _check_dates(front, path, today)
    problems += _check_tags(front, path)
    if "order" in front.values:
        order = front.values["order"]
        if not isinstance(order, int) or isinstance(order, bool):
            problems.append(
                _at(
                    front,
                    "order",
                    path,
                    "'order' must be a whole number, e.g. order: 2 — lower numbers are listed first",
                )
            )
            del front.values["order"]
    if "draft" in front.values and not isinstance(front.values["draft"], bool):
        problems.append(_at(front, "draft", path, "'draft' must be true or false"))
        del front.values["draft"]
    return problems


_REQUIRED_HINTS = {
    "title": "add the page title, e.g. title: Holding Continuity Across Generated Shots",
    "description": f"add one sentence (at most {DESCRIPTION_LIMIT} characters) saying what the page gives the reader",
    "published": "add the date the page first went live, e.g. published: 2026-11-24",
    "updated": "add the date of the last real change, e.g. updated: 2026-11-24",
    "checked": "add the date you last verified the page's facts against their sources, e.g. checked: 2026-12-01",
}


def _at(front: FrontMatter, key: str, path: str, message: str) -> Problem:
    line, _col = front.position(key)
    return Problem(path, line, message, kind="front-matter")


def _check_key(key: str, kind: str, front: FrontMatter, path: str) -> Problem | None:
    if key not in KEYS:
        close = difflib.get_close_matches(key, KEYS, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else "allowed keys are " + ", ".join(KEYS)
        return Problem(path, front.key_lines[key], f"unknown key '{key}' — {hint}", kind="front-matter")
    if kind not in KEYS[key]:
        where = " and ".join(sorted(f"{k} pages" for k in KEYS[key]))
        return Problem(
            path,
            front.key_lines[key],
            f"'{key}' is only used on {where} — remove it from this {kind} page",
            kind="front-matter",
        )
    if front.values[key] is None:
        if key in REQUIRED:
            return _at(front, key, path, f"'{key}' is empty — {_REQUIRED_HINTS[key]}")
        return _at(front, key, path, f"'{key}' is empty — give it a value or remove the line")
    return None


def _check_text(key: str, front: FrontMatter, path: str) -> Problem | None:
    value = front.values[key]
    if not isinstance(value, str) or not value.strip():
        return _at(front, key, path, f"'{key}' must be text — {_REQUIRED_HINTS[key]}")
    if "\n" in value.strip():
        return _at(front, key, path, f"'{key}' must be a single line")
    if has_markup(value):
        return _at(front, key, path, plain_text_message(key))
    if key == "title":
        return None
    if value.strip().upper().startswith(PLACEHOLDER):
        return _at(
            front,
            key,
            path,
            "'description' is still the placeholder — write one sentence that says what the reader will be able to do",
        )
    if len(value) > DESCRIPTION_LIMIT:
        return _at(
            front,
            key,
            path,
            f"'description' is {len(value)} characters — shorten it to at most {DESCRIPTION_LIMIT} "
            "(search results and link cards cut it off)",
        )
    breaks = [m for m in _SENTENCE_BREAK.finditer(value) if not _ABBREVIATION.search(value[: m.start() + 1])]
    if breaks:
        return _at(
            front,
            key,
            path,
            f"'description' has {len(breaks) + 1} sentences — make it one sentence",
        )
    if not value.rstrip().endswith((".", "?", "!")):
        return _at(
            front,
            key,
            path,
            "'description' must end with a full stop — it is shown as a sentence in link cards",
        )
    return None


def plain_text_message(key: str) -> str:
    """Titles, descriptions, tags and glossary names are plain text: some
    theme templates print them as they are, so '<' and '>' are refused."""
    return (
        f"'{key}' contains '<' or '>' — it is plain text, shown in titles, tabs, cards and the feed; "
        "write it without < and > (use words, or ‹ › if you need the look)"
    )


def _as_date(value: Any) -> datetime.date | str:
    """The date a value stands for, or the reason it isn't one."""
    if isinstance(value, datetime.datetime):
        return "has a time — write only the date, YYYY-MM-DD"
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            return f"{value.strip()} is not a real date — check the month and day"
    return "must be a date written YYYY-MM-DD, e.g. 2026-11-24"


def _check_dates(front: FrontMatter, path: str, today: datetime.date) -> list[Problem]:
    problems = []
    for key in ("published", "updated", "checked"):
        if key not in front.values:
            continue
        value = _as_date(front.values[key])
        if isinstance(value, str):
            problems.append(_at(front, key, path, f"'{key}' {value}"))
            del front.values[key]
            continue
        front.values[key] = value
        if value > today + FUTURE_SLACK:
            problems.append(
                _at(
                    front,
                    key,
                    path,
                    f"'{key}' ({value.isoformat()}) is in the future — use today's date or an earlier one",
                )
            )
    published, updated = front.values.get("published"), front.values.get("updated")
    if published and updated and updated < published:
        problems.append(
            _at(
                front,
                "updated",
                path,
                f"'updated' ({updated.isoformat()}) is before 'published' ({published.isoformat()}) — "
                "set it to the date of the last change, on or after publication",
            )
        )
    checked = front.values.get("checked")
    if published and checked and checked < published:
        problems.append(
            _at(
                front,
                "checked",
                path,
                f"'checked' ({checked.isoformat()}) is before 'published' ({published.isoformat()}) — "
                "set it to the day you last verified the page's facts",
            )
        )
    elif checked:
        problems += stale_check(front, path, today)
    return problems


def stale_check(front: FrontMatter, path: str, today: datetime.date) -> list[Problem]:
    """A notice when a page's facts were last verified too long ago."""
    checked = front.values.get("checked")
    if not isinstance(checked, datetime.date) or today - checked <= CHECKED_MAX_AGE:
        return []
    line, _col = front.position("checked")
    return [
        Problem(
            path,
            line,
            f"'checked' ({checked.isoformat()}) is more than {CHECKED_MAX_AGE.days} days old — re-verify the "
            "facts that age against their sources, then set it to that day",
            severity=NOTICE,
            kind="stale-facts",
        )
    ]


def _check_tags(front: FrontMatter, path: str) -> list[Problem]:
    if "tags" not in front.values:
        return []
    tags = front.values["tags"]
    if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags):
        del front.values["tags"]
        return [
            _at(front, "tags", path, "'tags' must be a list of short words, e.g. tags: [audio, subtitles]")
        ]
    seen = set()
    for tag, (line, _col) in zip(tags, front.item_positions.get("tags", []), strict=False):
        if has_markup(tag):
            del front.values["tags"]
            return [Problem(path, line, plain_text_message("tags"), kind="front-matter")]
        if tag.casefold() in seen:
            return [Problem(path, line, f"tag '{tag}' is listed twice — keep one", kind="front-matter")]
        seen.add(tag.casefold())
    return []


def body_heading_problems(body: Body, path: str) -> list[Problem]:
    """A body '# Heading' would give the page a second title."""
    for number, line in body.lines:
        if _H1.match(line):
            return [
                Problem(
                    path,
                    number,
                    "the page has its own '# ' title — remove it: the title comes from front matter "
                    "(start sections with '## ')",
                    kind="front-matter",
                )
            ]
    return []


def unfinished_text_problems(body: Body, path: str) -> list[Problem]:
    """TODO lines, such as the ones `make article` puts in its skeleton."""
    problems = []
    for line in body.prose:
        match = _TODO.search(line.text)
        if match:
            problems.append(
                Problem(
                    path,
                    line.number,
                    "unfinished text (TODO) — write this part, or delete the line",
                    col=match.start() + 1,
                    kind="unfinished",
                )
            )
    return problems
