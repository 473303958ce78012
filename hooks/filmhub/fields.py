"""The fields of a page's front matter and of a glossary entry, declared once.

The build's checks (filmhub.front_matter, filmhub.glossary) take their keys,
where each key may be used and which are required from these tables, and
the JSON Schemas editors use (filmhub.schema, schemas/*.json) are generated
from them, so the two cannot disagree about what a file may hold. Each
field's `schema` states in JSON Schema what the checks enforce in Python.
"""

from __future__ import annotations

from dataclasses import dataclass

PILLAR, HUB, ARTICLE, PAGE = "pillar", "hub", "article", "page"
ALL_KINDS = frozenset({PILLAR, HUB, ARTICLE, PAGE})
DESCRIPTION_LIMIT = 160
READ_NEXT_LIMIT = 4
SHORT_LIMIT = 200

# Plain text: printed in titles, tabs, cards and the feed, so no '<' or '>'.
_PLAIN = {"type": "string", "minLength": 1, "pattern": "^[^<>]*$"}
_ONE_LINE = {"type": "string", "minLength": 1, "pattern": "^[^<>\\n]*\\S[^<>\\n]*$"}
_DATE = {"type": "string", "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"}
_WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}}


@dataclass(frozen=True)
class Field:
    name: str
    schema: dict
    help: str
    kinds: frozenset[str] = ALL_KINDS  # the kinds of page it may be used on (front matter only)
    required_on: frozenset[str] = frozenset()  # the kinds of page (or entries) that must have it


FRONT_MATTER = (
    Field(
        "title",
        _ONE_LINE,
        "The page heading, the browser tab and the search result; unique across the site.",
        required_on=ALL_KINDS,
    ),
    Field(
        "description",
        {**_ONE_LINE, "maxLength": DESCRIPTION_LIMIT, "pattern": "^[^<>\\n]*[.?!]$"},
        f"One sentence of at most {DESCRIPTION_LIMIT} characters, ending with a full stop.",
        required_on=ALL_KINDS,
    ),
    Field("published", _DATE, "The date the page first went live (YYYY-MM-DD).", required_on=ALL_KINDS),
    Field(
        "updated",
        _DATE,
        "The date of the last real change to the text (YYYY-MM-DD), not before 'published'.",
        required_on=ALL_KINDS,
    ),
    Field(
        "checked",
        _DATE,
        "The day every fact on the page that ages was last verified against its source (YYYY-MM-DD).",
        required_on=frozenset({PILLAR, HUB, ARTICLE}),
    ),
    # Required on articles too, checked in detail (and reported) by filmhub.read_next.
    Field(
        "read_next",
        {**_WORDS, "minItems": 1, "maxItems": READ_NEXT_LIMIT, "uniqueItems": True},
        f"On articles: 1 to {READ_NEXT_LIMIT} pages to read next, as paths from docs/ (e.g. ethics/disclosure.md).",
    ),
    Field(
        "tags",
        {"type": "array", "items": _PLAIN, "uniqueItems": True},
        "Articles only: a short list of words, e.g. [subtitles, QC].",
        kinds=frozenset({ARTICLE}),
    ),
    Field(
        "order",
        {"type": "integer"},
        "Articles and hubs: a whole number; lower comes first in its list.",
        kinds=frozenset({ARTICLE, HUB}),
    ),
    Field(
        "draft",
        {"type": "boolean"},
        "Articles only: true keeps it out of the published site.",
        kinds=frozenset({ARTICLE}),
    ),
)

_ENTRY = frozenset({"entry"})
GLOSSARY_ENTRY = (
    Field("term", _PLAIN, "The term as readers see it, e.g. training data.", required_on=_ENTRY),
    Field("aliases", _WORDS, "Other names for exactly this term (optional)."),
    Field(
        "short",
        {**_ONE_LINE, "maxLength": SHORT_LIMIT, "pattern": "^[^<>\\n]*[.?!]$"},
        f"One sentence of at most {SHORT_LIMIT} characters: the tooltip on the term's first use.",
        required_on=_ENTRY,
    ),
    Field(
        "definition",
        {"type": "string", "minLength": 1},
        "Two to five sentences of Markdown for the glossary page, with no links.",
        required_on=_ENTRY,
    ),
    Field("see_also", _WORDS, "Other glossary file names, without .yml (optional)."),
    Field(
        "not_after",
        {"type": "array", "items": {"type": "string", "pattern": "^[^\\s]+$"}},
        "Single words that, right before the term, mean it is used in another sense (optional).",
    ),
    Field(
        "sources",
        {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "title": _PLAIN,
                    "url": {"type": "string", "pattern": "^https?://[^\\s<>\"'\\\\^`{|}]+$"},
                },
                "required": ["title", "url"],
                "additionalProperties": False,
            },
        },
        "Where the definition comes from: a title and an https:// url each (optional).",
    ),
)
