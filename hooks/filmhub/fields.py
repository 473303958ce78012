"""The fields of a page's front matter and of a glossary entry, declared once.

Each Field says where it may be used, where it is required, the checks its
value must pass and what to tell a writer who got it wrong. The build checks
front matter (filmhub.front_matter) and glossary files (filmhub.glossary)
with these two schemas, and the JSON Schemas editors use (filmhub.schema,
schemas/*.json) are generated from them, so the two cannot disagree about
what a file may hold. Each field's `schema` states in JSON Schema what its
checks enforce in Python.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from filmhub.characters import has_markup
from filmhub.problems import NOTICE, Problem
from filmhub.site import ALL_KINDS, ARTICLE, HUB, PILLAR
from filmhub.textscan import SENTENCE_BREAK
from filmhub.validation import (
    At,
    Checking,
    Field,
    Refused,
    Schema,
    plain_text,
    plain_text_message,
    single_line,
    text,
    true_or_false,
    words,
)
from filmhub.yaml_mapping import YamlMapping

DESCRIPTION_LIMIT = 160
READ_NEXT_LIMIT = 4
SHORT_LIMIT = 200
PLACEHOLDER = "TODO"
# A writer east of the build machine may already be on tomorrow's date.
FUTURE_SLACK = datetime.timedelta(days=1)
# After this long, a page's `checked` date is listed as due for a re-check.
CHECKED_MAX_AGE = datetime.timedelta(days=180)
ENTRY = "entry"  # the one kind of glossary file

# Plain text: printed in titles, tabs, cards and the feed, so no '<' or '>'.
_PLAIN = {"type": "string", "minLength": 1, "pattern": "^[^<>]*$"}
_ONE_LINE = {"type": "string", "minLength": 1, "pattern": "^[^<>\\n]*\\S[^<>\\n]*$"}
_DATE = {"type": "string", "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"}
_WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}}

_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|etc|vs|approx|no|Dr|Mr|Ms|Mrs|St)\.$", re.IGNORECASE)
_ENDS_A_SENTENCE = (".", "?", "!")


# --- Front matter ----------------------------------------------------------------------


def _one_sentence(value: str, at: At) -> str:
    """A description is one sentence: search results and link cards show it as one."""
    if value.strip().upper().startswith(PLACEHOLDER):
        raise Refused(
            "'description' is still the placeholder — write one sentence that says what the reader will be able to do"
        )
    if len(value) > DESCRIPTION_LIMIT:
        raise Refused(
            f"'description' is {len(value)} characters — shorten it to at most {DESCRIPTION_LIMIT} "
            "(search results and link cards cut it off)"
        )
    breaks = [m for m in SENTENCE_BREAK.finditer(value) if not _ABBREVIATION.search(value[: m.start()])]
    if breaks:
        raise Refused(f"'description' has {len(breaks) + 1} sentences — make it one sentence")
    if not value.rstrip().endswith(_ENDS_A_SENTENCE):
        raise Refused("'description' must end with a full stop — it is shown as a sentence in link cards")
    return value


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


def _date(value: Any, at: At) -> datetime.date:
    day = _as_date(value)
    if isinstance(day, str):
        raise Refused(f"'{at.key}' {day}")
    if day > at.today + FUTURE_SLACK:
        at.report(f"'{at.key}' ({day.isoformat()}) is in the future — use today's date or an earlier one")
    return day


def _dates_in_order(checking: Checking) -> None:
    """Nothing is updated or checked before it is published; old checks are due again."""
    values = checking.mapping.values
    published, updated, checked = values.get("published"), values.get("updated"), values.get("checked")
    if published and updated and updated < published:
        checking.report(
            "updated",
            f"'updated' ({updated.isoformat()}) is before 'published' ({published.isoformat()}) — "
            "set it to the date of the last change, on or after publication",
        )
    if published and checked and checked < published:
        checking.report(
            "checked",
            f"'checked' ({checked.isoformat()}) is before 'published' ({published.isoformat()}) — "
            "set it to the day you last verified the page's facts",
        )
    elif checked:
        checking.problems += stale_check(checking.mapping, checking.path, checking.today)


def stale_check(front: YamlMapping, path: str, today: datetime.date) -> list[Problem]:
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


def _tags(value: Any, at: At) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(tag, str) and tag.strip() for tag in value):
        raise Refused(f"'{at.key}' must be a list of short words, e.g. {at.key}: [{at.field.example}]")
    seen = set()
    for tag, line in zip(value, at.item_lines, strict=False):
        if has_markup(tag):
            raise Refused(plain_text_message(at.key), line)
        if tag.casefold() in seen:
            at.report(f"tag '{tag}' is listed twice — keep one", line)
            return value
        seen.add(tag.casefold())
    return value


def _order(value: Any, at: At) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise Refused(
            f"'{at.key}' must be a whole number, e.g. {at.key}: {at.field.example} — lower numbers are listed first"
        )
    return value


FRONT_MATTER = Schema(
    "front matter",
    kind="front-matter",
    kinds=ALL_KINDS,
    reports_empty=True,
    relations=(_dates_in_order,),
    fields=(
        Field(
            "title",
            _ONE_LINE,
            "The page heading, the browser tab and the search result; unique across the site.",
            checks=(text, single_line, plain_text),
            hint="add the page title, e.g. title: Holding Continuity Across Generated Shots",
            required_on=ALL_KINDS,
        ),
        Field(
            "description",
            {**_ONE_LINE, "maxLength": DESCRIPTION_LIMIT, "pattern": "^[^<>\\n]*[.?!]$"},
            f"One sentence of at most {DESCRIPTION_LIMIT} characters, ending with a full stop.",
            checks=(text, single_line, plain_text, _one_sentence),
            hint=f"add one sentence (at most {DESCRIPTION_LIMIT} characters) saying what the page gives the reader",
            required_on=ALL_KINDS,
        ),
        Field(
            "published",
            _DATE,
            "The date the page first went live (YYYY-MM-DD).",
            checks=(_date,),
            hint="add the date the page first went live, e.g. published: 2026-11-24",
            required_on=ALL_KINDS,
        ),
        Field(
            "updated",
            _DATE,
            "The date of the last real change to the text (YYYY-MM-DD), not before 'published'.",
            checks=(_date,),
            hint="add the date of the last real change, e.g. updated: 2026-11-24",
            required_on=ALL_KINDS,
        ),
        # Pages that state facts which age say when those facts were last verified.
        Field(
            "checked",
            _DATE,
            "The day every fact on the page that ages was last verified against its source (YYYY-MM-DD).",
            checks=(_date,),
            hint="add the date you last verified the page's facts against their sources, e.g. checked: 2026-12-01",
            required_on=frozenset({PILLAR, HUB, ARTICLE}),
        ),
        # Required on articles too: checked in detail, and reported, by filmhub.read_next.
        Field(
            "read_next",
            {**_WORDS, "minItems": 1, "maxItems": READ_NEXT_LIMIT, "uniqueItems": True},
            f"On articles: 1 to {READ_NEXT_LIMIT} pages to read next, as paths from docs/ (e.g. ethics/disclosure.md).",
        ),
        Field(
            "tags",
            {"type": "array", "items": _PLAIN, "uniqueItems": True},
            "Articles only: a short list of words, e.g. [subtitles, QC].",
            checks=(_tags,),
            example="audio, subtitles",
            kinds=frozenset({ARTICLE}),
        ),
        Field(
            "order",
            {"type": "integer"},
            "Articles and hubs: a whole number; lower comes first in its list.",
            checks=(_order,),
            example="2",
            kinds=frozenset({ARTICLE, HUB}),
        ),
        Field(
            "draft",
            {"type": "boolean"},
            "Articles only: true keeps it out of the published site.",
            checks=(true_or_false,),
            kinds=frozenset({ARTICLE}),
        ),
    ),
)


# --- Glossary entries ------------------------------------------------------------------

# Inline, reference and autolinks, and raw HTML links: a definition links nowhere.
_MARKDOWN_LINK = re.compile(
    r"\]\(|\]\[|<https?://|<a[\s>]|^ {0,3}\[[^\]\n]+\]:", re.IGNORECASE | re.MULTILINE
)
_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"'\\^`{|}]+\Z")
_ONE_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?\Z")
# A name is linked and gets a tooltip wherever it appears, so it must be a
# real term: at least this long, with letters, and not an everyday word.
MIN_NAME = 3
_LETTER = re.compile(r"[^\W\d_]")
COMMON_WORDS = frozenset(
    """
    the be to of and a in that have i it for not on with he as you do at this but his by from they we
    say her she or an will my one all would there their what so up out if about who get which go me
    when make can like time no just him know take people into year your good some could them see other
    than then now look only come its over think also back after use two how our work first well way
    even new want because any these give day most us is are was were been being has had did does done
    said made went got very more much many such own same few each every both either neither here where
    why while until since though although yet still never always often again once off down under above
    below between through during before against among within without upon per via ever too quite
    rather really thing things part place case point fact hand life world week month man woman child
    those shall should may might must need let put set keep show try call ask seem feel leave turn
    mean tell become begin run move live believe bring happen write sit stand lose pay meet include
    continue learn change lead understand watch follow stop create speak read allow add spend grow open
    walk win offer remember love consider appear buy wait serve die send expect build stay fall cut
    reach kill remain
    """.split()
)


def _no_link(value: str, at: At) -> str:
    if _MARKDOWN_LINK.search(value):
        raise Refused(f"'{at.key}' contains a link — put sources under 'sources:' instead")
    return value


def _name_problem(name: str) -> str | None:
    """A term or alias that is too short, has no letters, or is an everyday
    word would link and tooltip the first 'the' or '.' of every page."""
    # An acronym in capitals (AI, VFX) matches only in capitals, so two letters will do.
    long_enough = len(name) >= MIN_NAME or (len(name) == 2 and name.isalpha() and name.isupper())
    if long_enough and _LETTER.search(name) and name.casefold() not in COMMON_WORDS:
        if not has_markup(name):
            return None
        reason = "contains '<' or '>' — write it without them"
    else:
        reason = (
            f"is not a name the glossary can match — a term or alias needs at least {MIN_NAME} characters "
            "(2 for an acronym in capitals), letters, and must not be an everyday word"
        )
    return f"'{name}' {reason}"


def _name(value: str, at: At) -> str:
    problem = _name_problem(value.strip())
    if problem:
        raise Refused(problem)
    return value


def _names(value: list[str], at: At) -> list[str]:
    found = [
        (line, problem)
        for name, line in zip(value, at.item_lines, strict=False)
        if (problem := _name_problem(name.strip()))
    ]
    if found:
        raise Refused.each(found)
    return value


def _tooltip(value: str, at: At) -> str:
    """The tooltip on a term's first use: short, and one sentence."""
    if len(value) > SHORT_LIMIT:
        at.report(f"'{at.key}' is {len(value)} characters — keep the tooltip text to at most {SHORT_LIMIT}")
    elif SENTENCE_BREAK.search(value.strip()) or not value.strip().endswith(_ENDS_A_SENTENCE):
        at.report(
            f"'{at.key}' must be one sentence ending with a full stop — it is the tooltip on the term's first use"
        )
    return value


def _one_word_each(value: list[str], at: At) -> list[str]:
    """`not_after` is compared with the one word before a name, so each entry is one word."""
    found = [
        (
            line,
            f"not_after '{word.strip()}' is not one word — list single words that come right before "
            f"the term when it means something else, e.g. {at.key}: [{at.field.example}]",
        )
        for word, line in zip(value, at.item_lines, strict=False)
        if not _ONE_WORD.match(word.strip())
    ]
    if found:
        raise Refused.each(found)
    return value


def _sources(value: Any, at: At) -> list[dict]:
    valid = isinstance(value, list) and all(
        isinstance(source, dict)
        and set(source) == {"title", "url"}
        and isinstance(source["title"], str)
        and isinstance(source["url"], str)
        and _WEB_ADDRESS.match(source["url"].strip())
        for source in value
    )
    if not valid:
        raise Refused(f"'{at.key}' must be a list of entries with a title and an https:// url")
    if any(has_markup(source["title"]) for source in value):
        raise Refused(plain_text_message("sources' titles"))
    return value


_ENTRY = frozenset({ENTRY})
GLOSSARY_ENTRY = Schema(
    "glossary entry",
    kind="glossary",
    kinds=_ENTRY,
    fields=(
        Field(
            "term",
            _PLAIN,
            "The term as readers see it, e.g. training data.",
            checks=(text, _no_link, plain_text, _name),
            hint="give the term as readers see it, e.g. term: training data",
            required_on=_ENTRY,
        ),
        Field(
            "aliases",
            _WORDS,
            "Other names for exactly this term (optional).",
            checks=(words, _names),
            example="training set",
        ),
        Field(
            "short",
            {**_ONE_LINE, "maxLength": SHORT_LIMIT, "pattern": "^[^<>\\n]*[.?!]$"},
            f"One sentence of at most {SHORT_LIMIT} characters: the tooltip on the term's first use.",
            checks=(text, _no_link, plain_text, _tooltip),
            hint="give one sentence for the tooltip on the term's first use",
            required_on=_ENTRY,
        ),
        Field(
            "definition",
            {"type": "string", "minLength": 1},
            "Two to five sentences of Markdown for the glossary page, with no links.",
            checks=(text, _no_link),
            hint="give the full definition, in Markdown, for the glossary page",
            required_on=_ENTRY,
        ),
        Field(
            "see_also",
            _WORDS,
            "Other glossary file names, without .yml (optional).",
            checks=(words,),
            example="model, drift",
        ),
        Field(
            "not_after",
            {"type": "array", "items": {"type": "string", "pattern": "^[^\\s]+$"}},
            "Single words that, right before the term, mean it is used in another sense (optional).",
            checks=(words, _one_word_each),
            example="can, to, will",
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
            checks=(_sources,),
        ),
    ),
)
