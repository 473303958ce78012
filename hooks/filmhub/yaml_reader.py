"""Reading the YAML writers write, keeping the line and column of every value.

Pages start with front matter between `---` lines; glossary files are one
YAML mapping each. Both are read here, the same way:

- decode: the bytes as UTF-8 text (a byte order mark is fine), refused when
  too big, unwritable characters reported at their line and replaced;
- read_front_matter: a page's YAML block, read, and the body after it;
- read_mapping: the YAML as a mapping, with the line and column of each
  key, value and list item (filmhub.yaml_mapping), after filmhub.bounds
  has bounded its nesting.

MkDocs silently drops front matter it cannot parse (the YAML then shows up
in the page body), so every mistake becomes a Problem that says where it
is and what to do. What the values must be is the schema's business
(filmhub.validation); the schema passed in only names the block in messages.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Any

import yaml

from filmhub.bounds import MAX_YAML_NODES, size_problem, yaml_depth_problem
from filmhub.characters import (
    describe,
    first_unwritable,
    line_starts,
    replace_unwritable,
    split_lines,
)
from filmhub.problems import Problem
from filmhub.yaml_mapping import FrontMatter, YamlMapping

if TYPE_CHECKING:
    from filmhub.validation import Schema

_OPENING = re.compile(r"^---[ \t]*$")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_YAML_ONLY_BREAK = re.compile("[\x85\u2028\u2029]")


def decode(raw: bytes, path: str, limit: int) -> tuple[str | None, list[Problem]]:
    """The text of a file of at most `limit` bytes, or a problem saying why it can't be read.

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


def read_front_matter(text: str, path: str, schema: Schema) -> tuple[FrontMatter, list[Problem]]:
    """Split a page into front matter and body, and read the YAML between the `---` lines."""
    front, block, problems = _split(text, path)
    if block is not None:
        problems = read_mapping(block, front, path, 2, schema)
    return front, problems


def _split(text: str, path: str) -> tuple[FrontMatter, str | None, list[Problem]]:
    """The front matter holding the page's body, the YAML block (from line 2) if there is one, and problems."""
    lines = split_lines(text, keepends=True)
    if not lines or not _OPENING.match(lines[0].rstrip("\r\n")):
        hint = (
            "remove the blank lines above '---'"
            if any(_OPENING.match(line.rstrip("\r\n")) for line in lines[:5]) and not lines[0].strip()
            else "start the file with a '---' line, then title, description, "
            "published and updated, then another '---' line"
        )
        return (
            FrontMatter(body=text),
            None,
            [Problem(path, 1, f"no front matter at the top of the file — {hint}", kind="front-matter")],
        )
    closing = next((i for i in range(1, len(lines)) if _CLOSING.match(lines[i].rstrip("\r\n"))), None)
    if closing is None:
        problem = Problem(
            path,
            1,
            "the front matter that starts here is never closed — add a '---' line after the last field",
            kind="front-matter",
        )
        return FrontMatter(body=""), None, [problem]
    front = FrontMatter(body="".join(lines[closing + 1 :]), body_line=closing + 2)
    return front, "".join(lines[1:closing]), []


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


def read_mapping(
    source: str, mapping: YamlMapping, path: str, first_line: int, schema: Schema
) -> list[Problem]:
    """Read YAML `source` (starting at `first_line` of its file) into `mapping`.

    libyaml parses quickly where PyYAML has it; a file it rejects is parsed
    again in pure Python, whose error messages are the same on every machine.
    Neither sees text nested deeper than bounds.MAX_YAML_DEPTH: libyaml would
    overflow the C stack, and the pure-Python loader its recursion limit.
    """
    too_deep = yaml_depth_problem(source, path, first_line, schema)
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
                f"{schema.name} holds {describe(separator.group())} — delete it "
                "(retype the words around it if you can't see it)",
                kind=schema.syntax_kind,
            )
        ]
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        parsed = YamlMapping()
        if not _Reading(fast, source, path, first_line, schema).into(parsed):
            for name in ("values", "key_lines", "value_positions", "item_positions"):
                getattr(mapping, name).update(getattr(parsed, name))
            mapping.read = True
            return []
    return _Reading(yaml.SafeLoader, source, path, first_line, schema).into(mapping)


class _Reading:
    """One pass of one loader over a YAML mapping."""

    def __init__(self, loader_class, source: str, path: str, first_line: int, schema: Schema) -> None:
        self.loader_class, self.source = loader_class, source
        self.path, self.offset, self.schema = path, first_line, schema

    def problem(self, line: int, message: str) -> Problem:
        return Problem(self.path, line, message, kind=self.schema.syntax_kind)

    def into(self, mapping: YamlMapping) -> list[Problem]:
        loader = self.loader_class(self.source)
        try:
            try:
                root = loader.get_single_node()
            except yaml.MarkedYAMLError as error:
                mark = error.problem_mark or error.context_mark
                problem = error.problem or error.context or "syntax error"
                return [
                    self.problem(
                        mark.line + self.offset if mark else 1,
                        f"{self.schema.name} is not valid YAML ({problem}) — {_yaml_hint(problem)}",
                    )
                ]
            except yaml.YAMLError as error:
                return [self.problem(1, f"{self.schema.name} is not valid YAML ({error})")]
            if root is None:
                mapping.read = True
                return []
            if not isinstance(root, yaml.MappingNode):
                found = "a list" if isinstance(root, yaml.SequenceNode) else "plain text"
                return [
                    self.problem(
                        root.start_mark.line + self.offset,
                        f"{self.schema.name} must be 'key: value' lines, but this is {found} — "
                        f"write it as {self.schema.example}",
                    )
                ]
            shape = self._shape_problem(root)
            if shape:
                return [shape]
            mapping.read = True
            return self._read_pairs(loader, root, mapping)
        finally:
            loader.dispose()

    def _shape_problem(self, root) -> Problem | None:
        """Anchors and aliases (one node reached twice) make a small text stand
        for a huge value; a YAML block here has no use for them. Reported at
        the key whose value reuses a node."""
        seen: set[int] = set()
        for key_node, value_node in root.value:
            stack = [key_node, value_node]
            while stack:
                node = stack.pop()
                if id(node) in seen:
                    return self.problem(
                        key_node.start_mark.line + self.offset,
                        f"{self.schema.name} uses a YAML anchor or alias ('&' or '*') — write each value out in full",
                    )
                seen.add(id(node))
                if len(seen) > MAX_YAML_NODES:
                    return self.problem(
                        key_node.start_mark.line + self.offset,
                        f"{self.schema.name} has more than {MAX_YAML_NODES:,} values — keep it short",
                    )
                if isinstance(node, yaml.MappingNode):
                    stack.extend(part for pair in node.value for part in pair)
                elif isinstance(node, yaml.SequenceNode):
                    stack.extend(node.value)
        return None

    def _read_pairs(self, loader, root, mapping: YamlMapping) -> list[Problem]:
        problems = []
        for key_node, value_node in root.value:
            line = key_node.start_mark.line + self.offset
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str) or not key:
                problems.append(
                    self.problem(line, f"a {self.schema.name} key must be a plain word — e.g. title:")
                )
                continue
            if key in mapping.key_lines:
                problems.append(
                    self.problem(
                        line, f"'{key}' is set twice (first on line {mapping.key_lines[key]}) — keep one"
                    )
                )
                continue
            mapping.key_lines[key] = line
            start = value_node.start_mark
            mapping.value_positions[key] = (start.line + self.offset, start.column + 1)
            if isinstance(value_node, yaml.SequenceNode):
                mapping.item_positions[key] = [
                    (item.start_mark.line + self.offset, item.start_mark.column + 1)
                    for item in value_node.value
                ]
            problem = self._read_value(loader, key, value_node, mapping)
            if problem:
                problems.append(self.problem(line, problem))
        return problems

    def _read_value(self, loader, key: str, value_node, mapping: YamlMapping) -> str | None:
        """Construct one value into `mapping.values`, or say why it can't be."""
        try:
            value = loader.construct_object(value_node, deep=True)
        except ValueError:
            if value_node.tag.endswith(":timestamp"):
                return f"'{key}' {value_node.value} is not a real date — check the month and day"
            return f"'{key}' can't be read as a value — write plain text, a date or a small number"
        except yaml.YAMLError as error:
            return f"'{key}' can't be read ({getattr(error, 'problem', error)}) — write plain text, a date or a list"
        unwritable = _unwritable_value(value)
        if unwritable:
            return (
                f"'{key}' holds {describe(unwritable)}, which can't be published — "
                "remove the escape (\\u…, \\x…) that makes it"
            )
        mapping.values[key] = value
        return None


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
