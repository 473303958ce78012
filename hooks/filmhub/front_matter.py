"""A page's front matter: read with the position of every value, and checked.

Every page starts with a YAML block between `---` lines:

    ---
    title: Holding Continuity Across Generated Shots
    description: One sentence, at most 160 characters.
    published: 2026-11-24
    updated: 2026-11-24
    read_next:
      - generative-video/judging-generated-clips.md
    ---

filmhub.yaml_reader reads it the way it reads glossary files, and the
FRONT_MATTER schema (filmhub.fields) says what each key may hold on each
kind of page. read_next is checked in detail by filmhub.read_next.
"""

from __future__ import annotations

import datetime

from filmhub.fields import FRONT_MATTER
from filmhub.problems import Problem
from filmhub.yaml_mapping import FrontMatter
from filmhub.yaml_reader import read_front_matter


def parse(text: str, path: str) -> tuple[FrontMatter, list[Problem]]:
    """Split a page into front matter and body, and read the YAML."""
    return read_front_matter(text, path, FRONT_MATTER)


def validate(front: FrontMatter, kind: str, path: str, today: datetime.date) -> list[Problem]:
    """Check the schema's rules for a page of the given kind.

    Values that break a rule are removed from `front.values`, so the checks
    and templates that run later only ever see valid data.
    """
    return FRONT_MATTER.validate(front, path, kind, today)
