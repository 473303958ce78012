"""A YAML mapping as a writer wrote it: its values, and where each one is.

filmhub.yaml_reader makes these from a page's front matter and from a
glossary file; filmhub.validation checks them against their fields; the
site model (filmhub.site) holds each page's. This module only holds data, so
the model depends on neither the reader nor the schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class YamlMapping:
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
class FrontMatter(YamlMapping):
    """A page's front matter, and the body that follows it."""

    body: str = ""
    body_line: int = 1
