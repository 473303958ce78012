"""Front matter: every rule, its exact message, and a build that stops cleanly."""

from __future__ import annotations

import datetime
import json

import pytest

from filmhub import front_matter
from filmhub.body_checks import body_heading_problems
from filmhub.bounds import MAX_PAGE_BYTES
from filmhub.textscan import Body
from filmhub.yaml_reader import decode
from sitebuilder import article, minimal_site

TODAY = datetime.date(2026, 11, 24)
PATH = "docs/hub/article.md"


def problems_of(text: str, kind: str = "article") -> list[str]:
    front, problems = front_matter.parse(text, PATH)
    if front.read:
        problems += front_matter.validate(front, kind, PATH, TODAY)
    problems += body_heading_problems(Body(front.body, front.body_line), PATH)
    return [str(p) for p in problems]


VALID = """---
title: Holding Continuity
description: How to keep faces and props stable across generated shots.
published: 2026-01-09
updated: 2026-01-13
read_next:
  - hub/other.md
checked: 2026-11-20
---

Body text.
"""


def test_valid_front_matter_has_no_problems_and_keeps_positions():
    front, problems = front_matter.parse(VALID, PATH)
    assert problems == []
    assert front_matter.validate(front, "article", PATH, TODAY) == []
    assert front.get("published") == datetime.date(2026, 1, 9)
    assert front.key_lines["read_next"] == 6
    assert front.item_positions["read_next"] == [(7, 5)]
    assert front.body_line == 10
    assert front.body.strip() == "Body text."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Just text\n",
            "docs/hub/article.md:1: no front matter at the top of the file — start the file with a '---' line, "
            "then title, description, published and updated, then another '---' line",
        ),
        (
            "\n---\ntitle: x\n---\n",
            "docs/hub/article.md:1: no front matter at the top of the file — remove the blank lines above '---'",
        ),
        (
            "---\ntitle: A\n",
            "docs/hub/article.md:1: the front matter that starts here is never closed — add a '---' line after the last field",
        ),
        (
            "---\ntitle: A: B\n---\n",
            "docs/hub/article.md:2: front matter is not valid YAML (mapping values are not allowed here) — "
            "put the value in double quotes when it contains ': '",
        ),
        (
            "---\n- title\n- description\n---\n",
            "docs/hub/article.md:2: front matter must be 'key: value' lines, but this is a list — "
            "write it as title: …, description: …, published: …, updated: …",
        ),
    ],
)
def test_unreadable_front_matter(text, expected):
    assert problems_of(text) == [expected]


def with_meta(**changes) -> str:
    lines = {
        "title": "Holding Continuity",
        "description": "How to keep faces and props stable across generated shots.",
        "published": "2026-01-09",
        "updated": "2026-01-13",
    }
    lines.update(changes)
    lines.setdefault("checked", "2026-11-20")
    front = "".join(f"{k}: {v}\n" for k, v in lines.items() if v is not None)
    return f"---\n{front}---\n\nBody.\n"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"titel": "x"}, "docs/hub/article.md:6: unknown key 'titel' — did you mean 'title'?"),
        (
            {"colour": "red"},
            "docs/hub/article.md:6: unknown key 'colour' — allowed keys are title, description, published, updated, "
            "checked, read_next, tags, order, draft",
        ),
        (
            {"description": None},
            "docs/hub/article.md:1: missing 'description' — add one sentence (at most 160 characters) saying "
            "what the page gives the reader",
        ),
        (
            {"description": ""},
            "docs/hub/article.md:3: 'description' is empty — add one sentence (at most 160 characters) saying "
            "what the page gives the reader",
        ),
        (
            {"description": "'TODO: one sentence.'"},
            "docs/hub/article.md:3: 'description' is still the placeholder — write one sentence that says what "
            "the reader will be able to do",
        ),
        (
            {"description": "A" * 150 + " long words."},
            "docs/hub/article.md:3: 'description' is 162 characters — shorten it to at most 160 "
            "(search results and link cards cut it off)",
        ),
        (
            {"description": "First sentence. Second sentence."},
            "docs/hub/article.md:3: 'description' has 2 sentences — make it one sentence",
        ),
        (
            {"description": "No full stop at the end"},
            "docs/hub/article.md:3: 'description' must end with a full stop — it is shown as a sentence in link cards",
        ),
        (
            {"title": "[1, 2]"},
            "docs/hub/article.md:2: 'title' must be text — add the page title, e.g. title: Holding Continuity "
            "Across Generated Shots",
        ),
        (
            {"published": "9 January 2026"},
            "docs/hub/article.md:4: 'published' must be a date written YYYY-MM-DD, e.g. 2026-11-24",
        ),
        (
            {"updated": "2026-02-30"},
            "docs/hub/article.md:5: 'updated' 2026-02-30 is not a real date — check the month and day",
        ),
        (
            {"updated": "2026-01-13 10:30:00"},
            "docs/hub/article.md:5: 'updated' has a time — write only the date, YYYY-MM-DD",
        ),
        (
            {"updated": "2026-01-01"},
            "docs/hub/article.md:5: 'updated' (2026-01-01) is before 'published' (2026-01-09) — set it to the date "
            "of the last change, on or after publication",
        ),
        (
            {"published": "2026-11-27", "updated": "2026-11-27"},
            "docs/hub/article.md:4: 'published' (2026-11-27) is in the future — use today's date or an earlier one",
        ),
        (
            {"order": "first"},
            "docs/hub/article.md:6: 'order' must be a whole number, e.g. order: 2 — lower numbers are listed first",
        ),
        ({"draft": "maybe"}, "docs/hub/article.md:6: 'draft' must be true or false"),
        (
            {"tags": "audio"},
            "docs/hub/article.md:6: 'tags' must be a list of short words, e.g. tags: [audio, subtitles]",
        ),
        ({"tags": "[audio, Audio]"}, "docs/hub/article.md:6: tag 'Audio' is listed twice — keep one"),
    ],
)
def test_schema_rules(changes, expected):
    assert expected in problems_of(with_meta(**changes))


def test_tomorrow_is_allowed_for_writers_in_later_time_zones():
    assert problems_of(with_meta(published="2026-11-25", updated="2026-11-25", checked="2026-11-25")) == []


def test_a_key_set_twice_is_reported_at_the_second():
    text = with_meta().replace("updated:", "title: Again\nupdated:")
    assert problems_of(text) == ["docs/hub/article.md:5: 'title' is set twice (first on line 2) — keep one"]


@pytest.mark.parametrize(
    ("key", "kind", "expected"),
    [
        ("tags: [x]", "hub", "'tags' is only used on article pages — remove it from this hub page"),
        (
            "order: 1",
            "pillar",
            "'order' is only used on article pages and hub pages — remove it from this pillar page",
        ),
        ("draft: true", "hub", "'draft' is only used on article pages — remove it from this hub page"),
    ],
)
def test_keys_only_some_pages_use(key, kind, expected):
    text = with_meta().replace("---\n\nBody", f"{key}\n---\n\nBody")
    assert problems_of(text, kind) == [f"docs/hub/article.md:7: {expected}"]


def test_a_heading_one_in_the_body_is_a_second_title():
    text = with_meta().replace("Body.", "```\n# not a heading in code\n```\n\n# Title again\n\n## Section")
    assert problems_of(text) == [
        "docs/hub/article.md:13: the page has its own '# ' title — remove it: the title comes from front "
        "matter (start sections with '## ')"
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            b"",
            "docs/x.md:1: the file is empty — start it with front matter (title, description, published, updated) between '---' lines",
        ),
        (
            b"---\ntitle: ok\n\xff\xfe bad\n",
            "docs/x.md:3: the file is not UTF-8 text — save it again with the encoding set to UTF-8",
        ),
    ],
)
def test_unreadable_files(raw, expected):
    text, problems = decode(raw, "docs/x.md", MAX_PAGE_BYTES)
    assert text is None
    assert [str(p) for p in problems] == [expected]


def test_a_byte_order_mark_is_not_a_problem():
    text, problems = decode(b"\xef\xbb\xbf" + VALID.encode(), PATH, MAX_PAGE_BYTES)
    assert problems == [] and text.startswith("---")


# --- Whole builds -------------------------------------------------------------


def test_a_valid_site_builds_and_shows_dates_and_reading_time(site):
    result = site(minimal_site())
    assert result.ok, result.messages()
    html = result.html("hub/article/index.html")
    assert 'Published <time datetime="2026-01-09">9 January 2026</time>' in html
    assert 'Updated <time datetime="2026-01-13">13 January 2026</time>' in html
    assert "1 min read" in html


def test_every_problem_in_every_page_is_reported_and_nothing_is_written(site):
    result = site(
        minimal_site(
            **{
                "docs/hub/article.md": "---\ntitle: Article\ndescription: Fine.\npublished: 2026-01-09\nread_next: [index.md]\n---\n",
                "docs/hub/broken.md": "---\ntitle: A: B\n---\n\nText\n",
                "docs/hub/latin1.md": "---\ntitle: Caf\xe9\n---\n".encode("latin-1"),
                "docs/hub/empty.md": "",
            }
        )
    )
    assert not result.ok
    assert result.problems == [
        "docs/hub/article.md:1: missing 'checked' — add the date you last verified the page's facts against "
        "their sources, e.g. checked: 2026-12-01",
        "docs/hub/article.md:1: missing 'updated' — add the date of the last real change, e.g. updated: 2026-11-24",
        "docs/hub/broken.md:2: front matter is not valid YAML (mapping values are not allowed here) — put the "
        "value in double quotes when it contains ': '",
        "docs/hub/empty.md:1: the file is empty — start it with front matter (title, description, published, "
        "updated) between '---' lines",
        "docs/hub/latin1.md:2: the file is not UTF-8 text — save it again with the encoding set to UTF-8",
    ]
    assert "5 errors — the build stopped before writing any page." in result.errors[-1]
    assert result.written_pages() == []
    assert not any(r.exc_info for r in result.records), "no traceback"


def test_an_article_outside_a_hub_folder_is_reported(site):
    result = site(minimal_site(**{"docs/notes/idea.md": article("Idea", "Text.")}))
    assert result.problems == [
        "docs/notes/idea.md:1: 'notes/' is not a hub — move the article into one of the hub folders: hub"
    ]


def test_two_pages_with_one_title_are_reported(site):
    result = site(minimal_site(**{"docs/hub/copy.md": article("Article", "Text.")}))
    assert result.problems == [
        "docs/hub/copy.md:2: the title 'Article' is already used by docs/hub/article.md — give this page its own title"
    ]


def test_a_draft_is_not_published(site):
    result = site(minimal_site(**{"docs/hub/next.md": article("Next", "Text.", draft=True)}))
    assert result.ok, result.messages()
    assert not (result.site_dir / "hub/next/index.html").exists()


def test_github_annotations_and_json_report(site, tmp_path, monkeypatch, capsys):
    report = tmp_path / "out" / "report.json"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("HUB_REPORT_JSON", str(report))
    result = site(minimal_site(**{"docs/hub/bad.md": "---\ntitel: x\n---\n"}))
    assert not result.ok
    out = capsys.readouterr().out
    assert (
        "::error file=docs/hub/bad.md,line=2,title=front-matter::unknown key 'titel' — did you mean 'title'?"
        in out
    )
    data = json.loads(report.read_text())
    assert [p["message"].split(" — ")[0] for p in data["problems"]] == [
        "missing 'checked'",
        "missing 'description'",
        "missing 'published'",
        "missing 'read_next'",
        "missing 'title'",
        "missing 'updated'",
        "unknown key 'titel'",
    ]
    assert data["problems"][4] == {
        "path": "docs/hub/bad.md",
        "line": 1,
        "message": "missing 'title' — add the page title, e.g. title: Holding Continuity Across Generated Shots",
        "col": None,
        "severity": "error",
        "kind": "front-matter",
        "target": None,
        "suggestion": None,
    }


def test_strict_mode_stops_on_any_warning_before_writing(site):
    # A page left out of an explicit nav is MkDocs' own warning, not one of ours.
    result = site(minimal_site(), config={"nav": ["index.md", "hub/index.md", "glossary.md"]})
    assert not result.ok
    assert result.problems == []
    assert result.errors[-1] == (
        "1 warning in strict mode — the build stopped before writing any page. Fix the warnings above and build again."
    )
    assert result.written_pages() == []


def test_two_builds_in_one_process_give_the_same_output(tmp_path):
    from sitebuilder import build_site

    files = minimal_site()
    first = build_site(tmp_path / "a", files)
    second = build_site(tmp_path / "b", files)
    assert first.ok and second.ok
    for html in first.written_pages():
        relative = html.relative_to(first.site_dir)
        assert html.read_text().replace("/a/", "/") == (second.site_dir / relative).read_text().replace(
            "/b/", "/"
        ), relative


def test_checked_is_required_on_articles_hubs_and_the_pillar_but_not_other_pages():
    text = with_meta(checked=None)
    missing = (
        "docs/hub/article.md:1: missing 'checked' — add the date you last verified the page's facts against "
        "their sources, e.g. checked: 2026-12-01"
    )
    assert problems_of(text, "article") == [missing]
    assert problems_of(text, "hub") == [missing]
    assert problems_of(text, "pillar") == [missing]
    assert problems_of(text, "page") == []


def test_checked_is_a_date_not_before_publication_and_not_in_the_future():
    assert problems_of(with_meta(checked="2026-01-01")) == [
        "docs/hub/article.md:6: 'checked' (2026-01-01) is before 'published' (2026-01-09) — set it to the day "
        "you last verified the page's facts"
    ]
    assert problems_of(with_meta(checked="2027-01-01")) == [
        "docs/hub/article.md:6: 'checked' (2027-01-01) is in the future — use today's date or an earlier one"
    ]
    assert problems_of(with_meta(checked="soon")) == [
        "docs/hub/article.md:6: 'checked' must be a date written YYYY-MM-DD, e.g. 2026-11-24"
    ]


def test_facts_checked_more_than_180_days_ago_get_a_notice_that_never_stops_the_build(site):
    assert problems_of(with_meta(checked="2026-05-28")) == []  # 180 days before TODAY
    assert problems_of(with_meta(checked="2026-05-27")) == [
        "docs/hub/article.md:6: 'checked' (2026-05-27) is more than 180 days old — re-verify the facts that "
        "age against their sources, then set it to that day"
    ]
    old = (datetime.date.today() - datetime.timedelta(days=200)).isoformat()
    result = site(minimal_site(**{"docs/hub/article.md": article("Article", "Text.", checked=old)}))
    assert result.ok, result.messages()
    assert [p.split(": ", 1)[1] for p in result.problems] == [
        f"'checked' ({old}) is more than 180 days old — re-verify the facts that age against their sources, "
        "then set it to that day"
    ]
    html = result.html("hub/article/index.html")
    assert f'Facts checked <time datetime="{old}">' in html


def test_make_test_lists_pages_whose_facts_are_due_for_a_check(tmp_path):
    from filmhub.freshness import facts_due

    (tmp_path / "hub").mkdir()
    (tmp_path / "hub/old.md").write_text(with_meta(checked="2026-01-13"), encoding="utf-8")
    (tmp_path / "hub/new.md").write_text(with_meta(checked="2026-11-20"), encoding="utf-8")
    assert [str(p) for p in facts_due(tmp_path, "docs", TODAY)] == [
        "docs/hub/old.md:6: 'checked' (2026-01-13) is more than 180 days old — re-verify the facts that age "
        "against their sources, then set it to that day"
    ]
