"""Front matter: every rule and its exact message, read the way the build reads a page
(filmhub.pages.read_page); then builds that prove the hooks show it and stop on it."""

from __future__ import annotations

import contextlib
import datetime
import io
import json

import pytest
from selectolax.lexbor import LexborHTMLParser

from filmhub import pages
from filmhub.site import Site
from filmhub.yaml_reader import decode
from sitebuilder import BuildResult, article, build_site, minimal_site

TODAY = datetime.date(2026, 11, 24)
# Where a page of each kind lives: its kind comes from its place in docs/.
PLACE = {"article": "hub/article.md", "hub": "hub/index.md", "pillar": "index.md", "page": "about.md"}


def url_of(src_uri: str) -> str:
    """Where MkDocs publishes a page: "hub/article.md" -> "hub/article/", "index.md" -> ""."""
    folder = src_uri.removesuffix(".md").removesuffix("index")
    return folder if not folder or folder.endswith("/") else folder + "/"


@pytest.fixture
def read(tmp_path):
    """Read one page as the build does: read(text, "hub/article.md") -> (SitePage, problems as text)."""

    def _read(text: str | bytes, src_uri: str = PLACE["article"], today: datetime.date = TODAY):
        file = tmp_path / "docs" / src_uri
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        source = pages.SourceFile(src_uri, url_of(src_uri), file)
        page, problems = pages.read_page(source, f"docs/{src_uri}", today)
        return page, [str(p) for p in problems]

    return _read


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


def with_meta(**changes: str | None) -> str:
    """A page with valid front matter, some keys changed (None leaves a key out)."""
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


def test_valid_front_matter_has_no_problems_and_keeps_positions(read):
    page, problems = read(VALID)
    assert problems == []
    assert (page.kind, page.title, page.published, page.checked) == (
        "article",
        "Holding Continuity",
        datetime.date(2026, 1, 9),
        datetime.date(2026, 11, 20),
    )
    assert page.front.key_lines == {
        "title": 2,
        "description": 3,
        "published": 4,
        "updated": 5,
        "read_next": 6,
        "checked": 8,
    }
    assert page.front.item_positions == {"read_next": [(7, 5)]}
    assert page.front.position("description") == (3, 14)
    assert (page.front.body_line, page.front.body) == (10, "\nBody text.\n")
    assert page.blocked is False


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
def test_unreadable_front_matter_is_the_only_problem_reported(read, text, expected):
    page, problems = read(text)
    assert problems == [expected]
    assert page.front.read is False


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"titel": "x"}, ["docs/hub/article.md:6: unknown key 'titel' — did you mean 'title'?"]),
        (
            {"colour": "red"},
            [
                "docs/hub/article.md:6: unknown key 'colour' — allowed keys are title, description, published, "
                "updated, checked, read_next, tags, order, draft"
            ],
        ),
        (
            {"description": None},
            [
                "docs/hub/article.md:1: missing 'description' — add one sentence (at most 160 characters) saying "
                "what the page gives the reader"
            ],
        ),
        (
            {"description": ""},
            [
                "docs/hub/article.md:3: 'description' is empty — add one sentence (at most 160 characters) saying "
                "what the page gives the reader"
            ],
        ),
        (
            {"description": "'TODO: one sentence.'"},
            [
                "docs/hub/article.md:3: 'description' is still the placeholder — write one sentence that says what "
                "the reader will be able to do"
            ],
        ),
        (
            {"description": "A" * 150 + " long words."},
            [
                "docs/hub/article.md:3: 'description' is 162 characters — shorten it to at most 160 "
                "(search results and link cards cut it off)"
            ],
        ),
        (
            {"description": "First sentence. Second sentence."},
            ["docs/hub/article.md:3: 'description' has 2 sentences — make it one sentence"],
        ),
        ({"description": "Cut it, e.g. with a blade, then keep it."}, []),
        (
            {"description": "No full stop at the end"},
            [
                "docs/hub/article.md:3: 'description' must end with a full stop — it is shown as a sentence in "
                "link cards"
            ],
        ),
        (
            {"title": "[1, 2]"},
            [
                "docs/hub/article.md:2: 'title' must be text — add the page title, e.g. title: Holding Continuity "
                "Across Generated Shots"
            ],
        ),
        (
            {"title": "'Two\n\n  lines'"},
            ["docs/hub/article.md:2: 'title' must be a single line"],
        ),
        (
            {"title": ""},
            [
                "docs/hub/article.md:2: 'title' is empty — add the page title, e.g. title: Holding Continuity "
                "Across Generated Shots"
            ],
        ),
        (
            {"published": "9 January 2026"},
            ["docs/hub/article.md:4: 'published' must be a date written YYYY-MM-DD, e.g. 2026-11-24"],
        ),
        (
            {"updated": "2026-02-30"},
            ["docs/hub/article.md:5: 'updated' 2026-02-30 is not a real date — check the month and day"],
        ),
        (
            {"updated": "'2026-02-30'"},
            ["docs/hub/article.md:5: 'updated' 2026-02-30 is not a real date — check the month and day"],
        ),
        (
            {"updated": "2026-01-13 10:30:00"},
            ["docs/hub/article.md:5: 'updated' has a time — write only the date, YYYY-MM-DD"],
        ),
        (
            {"updated": "2026-01-01"},
            [
                "docs/hub/article.md:5: 'updated' (2026-01-01) is before 'published' (2026-01-09) — set it to the "
                "date of the last change, on or after publication"
            ],
        ),
        (
            {"published": "2026-11-27", "updated": "2026-11-27"},
            [
                "docs/hub/article.md:4: 'published' (2026-11-27) is in the future — use today's date or an earlier one",
                "docs/hub/article.md:5: 'updated' (2026-11-27) is in the future — use today's date or an earlier one",
                "docs/hub/article.md:6: 'checked' (2026-11-20) is before 'published' (2026-11-27) — set it to the "
                "day you last verified the page's facts",
            ],
        ),
        (
            {"order": "first"},
            [
                "docs/hub/article.md:6: 'order' must be a whole number, e.g. order: 2 — lower numbers are listed "
                "first"
            ],
        ),
        (
            {"order": "true"},
            [
                "docs/hub/article.md:6: 'order' must be a whole number, e.g. order: 2 — lower numbers are listed first"
            ],
        ),
        ({"order": ""}, ["docs/hub/article.md:6: 'order' is empty — give it a value or remove the line"]),
        ({"draft": "maybe"}, ["docs/hub/article.md:6: 'draft' must be true or false"]),
        (
            {"tags": "audio"},
            ["docs/hub/article.md:6: 'tags' must be a list of short words, e.g. tags: [audio, subtitles]"],
        ),
        ({"tags": "[audio, Audio]"}, ["docs/hub/article.md:6: tag 'Audio' is listed twice — keep one"]),
    ],
)
def test_each_rule_of_the_schema(read, changes, expected):
    assert read(with_meta(**changes))[1] == expected


def test_a_value_that_breaks_a_rule_is_left_out_and_one_that_only_warns_is_kept(read):
    page, _ = read(with_meta(title="[1, 2]", tags="[audio, Audio]", published="2026-11-27"))
    assert "title" not in page.front.values
    assert page.front.values["tags"] == ["audio", "Audio"]
    assert page.front.values["published"] == datetime.date(2026, 11, 27)


def test_tomorrow_is_allowed_for_writers_in_later_time_zones(read):
    assert read(with_meta(published="2026-11-25", updated="2026-11-25", checked="2026-11-25"))[1] == []


def test_a_key_set_twice_is_reported_at_the_second(read):
    text = with_meta().replace("updated:", "title: Again\nupdated:")
    assert read(text)[1] == ["docs/hub/article.md:5: 'title' is set twice (first on line 2) — keep one"]


@pytest.mark.parametrize(
    ("key", "kind", "expected"),
    [
        (
            "tags: [x]",
            "hub",
            "docs/hub/index.md:7: 'tags' is only used on article pages — remove it from this hub page",
        ),
        (
            "order: 1",
            "pillar",
            "docs/index.md:7: 'order' is only used on article pages and hub pages — remove it from this pillar page",
        ),
        (
            "draft: true",
            "hub",
            "docs/hub/index.md:7: 'draft' is only used on article pages — remove it from this hub page",
        ),
    ],
)
def test_keys_only_some_pages_use(read, key, kind, expected):
    text = with_meta().replace("---\n\nBody", f"{key}\n---\n\nBody")
    assert read(text, PLACE[kind])[1] == [expected]


def test_checked_is_required_on_articles_hubs_and_the_pillar_but_not_other_pages(read):
    text = with_meta(checked=None)
    missing = (
        "missing 'checked' — add the date you last verified the page's facts against their sources, "
        "e.g. checked: 2026-12-01"
    )
    assert {kind: read(text, place)[1] for kind, place in PLACE.items()} == {
        "article": [f"docs/hub/article.md:1: {missing}"],
        "hub": [f"docs/hub/index.md:1: {missing}"],
        "pillar": [f"docs/index.md:1: {missing}"],
        "page": [],
    }


def test_checked_is_a_date_not_before_publication_and_not_in_the_future(read):
    assert read(with_meta(checked="2026-01-01"))[1] == [
        "docs/hub/article.md:6: 'checked' (2026-01-01) is before 'published' (2026-01-09) — set it to the day "
        "you last verified the page's facts"
    ]
    assert read(with_meta(checked="2027-01-01"))[1] == [
        "docs/hub/article.md:6: 'checked' (2027-01-01) is in the future — use today's date or an earlier one"
    ]
    assert read(with_meta(checked="soon"))[1] == [
        "docs/hub/article.md:6: 'checked' must be a date written YYYY-MM-DD, e.g. 2026-11-24"
    ]


def test_facts_checked_more_than_180_days_ago_get_a_notice(read):
    assert read(with_meta(checked="2026-05-28"))[1] == []  # 180 days before TODAY
    page, problems = read(with_meta(checked="2026-05-27"))
    assert problems == [
        "docs/hub/article.md:6: 'checked' (2026-05-27) is more than 180 days old — re-verify the facts that "
        "age against their sources, then set it to that day"
    ]
    assert page.checked == datetime.date(2026, 5, 27), "a notice keeps the value"


def test_make_test_lists_pages_whose_facts_are_due_for_a_check(tmp_path):
    from filmhub.freshness import facts_due

    (tmp_path / "hub").mkdir()
    (tmp_path / "hub/old.md").write_text(with_meta(checked="2026-01-13"), encoding="utf-8")
    (tmp_path / "hub/new.md").write_text(with_meta(checked="2026-11-20"), encoding="utf-8")
    assert [str(p) for p in facts_due(tmp_path, "docs", TODAY)] == [
        "docs/hub/old.md:6: 'checked' (2026-01-13) is more than 180 days old — re-verify the facts that age "
        "against their sources, then set it to that day"
    ]


def test_a_heading_one_in_the_body_is_a_second_title(read):
    text = with_meta().replace("Body.", "```\n# not a heading in code\n```\n\n# Title again\n\n## Section")
    assert read(text)[1] == [
        "docs/hub/article.md:13: the page has its own '# ' title — remove it: the title comes from front "
        "matter (start sections with '## ')"
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            b"",
            "docs/hub/article.md:1: the file is empty — start it with front matter (title, description, published, "
            "updated) between '---' lines",
        ),
        (
            b"---\ntitle: ok\n\xff\xfe bad\n",
            "docs/hub/article.md:3: the file is not UTF-8 text — save it again with the encoding set to UTF-8",
        ),
        (
            b"---\n" + b"x" * 200_001,
            "docs/hub/article.md:1: the file is 200 KB — a file here may be at most 200 KB; split it into several "
            "pages",
        ),
    ],
)
def test_a_file_that_cant_be_read_is_blocked_with_one_problem(read, raw, expected):
    page, problems = read(raw)
    assert problems == [expected]
    assert page.blocked is True


def test_a_byte_order_mark_is_not_a_problem(read):
    text, problems = decode(b"\xef\xbb\xbf" + VALID.encode(), "docs/x.md", 1000)
    assert (problems, text) == ([], VALID)
    page, problems = read(b"\xef\xbb\xbf" + VALID.encode())
    assert (problems, page.title) == ([], "Holding Continuity")


# --- Across pages: the model's own checks ------------------------------------------------


def model_of(read, files: dict[str, str]) -> Site:
    site = Site()
    for src_uri, text in files.items():
        # sitebuilder's pages were checked today.
        page, problems = read(text, src_uri, datetime.date.today())
        assert problems == [], src_uri
        site.add(page)
    return site


def site_files(**extra: str) -> dict[str, str]:
    return {
        name.removeprefix("docs/"): text
        for name, text in minimal_site(**{f"docs/{k}": v for k, v in extra.items()}).items()
        if name.startswith("docs/")
    }


def test_an_article_outside_a_hub_folder_is_reported(read):
    site = model_of(read, site_files(**{"notes/idea.md": article("Idea", "Text.")}))
    assert [str(p) for p in site.placement_problems()] == [
        "docs/notes/idea.md:1: 'notes/' is not a hub — move the article into one of the hub folders: hub"
    ]


def test_two_pages_with_one_title_are_reported_at_the_second(read):
    site = model_of(read, site_files(**{"hub/copy.md": article("Article", "Text.")}))
    assert [str(p) for p in site.duplicate_title_problems()] == [
        "docs/hub/copy.md:2: the title 'Article' is already used by docs/hub/article.md — give this page its own title"
    ]


# --- Whole builds: the hooks show the model, and stop on its problems -------------------------

OLD_CHECK = datetime.date.today() - datetime.timedelta(days=200)
# "Published …", "Updated …", "Facts checked …", "1 min read", as (text, datetime) pairs.
Byline = list[tuple[str, str | None]]


def byline(html: str) -> Byline:
    spans = LexborHTMLParser(html).css("p.hub-byline > span:not([aria-hidden])")
    return [
        (
            " ".join(span.text().split()),
            time.attributes.get("datetime") if (time := span.css_first("time")) else None,
        )
        for span in spans
    ]


def long_date(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


PUBLISHED_FILES = minimal_site(
    **{
        "docs/hub/article.md": article(
            "Article",
            "Back to [the hub](index.md).",
            read_next=["hub/index.md"],
            checked=OLD_CHECK.isoformat(),
        ),
        "docs/hub/next.md": article("Next", "Text.", draft=True),
    }
)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A valid site with a draft and facts due for a re-check, built once."""
    return build_site(tmp_path_factory.mktemp("published"), PUBLISHED_FILES)


def test_a_valid_site_builds_and_shows_dates_facts_checked_and_reading_time(published):
    assert published.ok, published.messages()
    assert byline(published.html("hub/article/index.html")) == [
        ("Published 9 January 2026", "2026-01-09"),
        ("Updated 13 January 2026", "2026-01-13"),
        (f"Facts checked {long_date(OLD_CHECK)}", OLD_CHECK.isoformat()),
        ("1 min read", None),
    ]


def test_facts_due_for_a_check_are_listed_and_never_stop_the_build(published):
    assert published.ok
    assert published.problems == [
        f"docs/hub/article.md:8: 'checked' ({OLD_CHECK.isoformat()}) is more than 180 days old — re-verify the "
        "facts that age against their sources, then set it to that day"
    ]


def test_a_draft_is_not_published(published):
    assert published.ok
    assert [p.relative_to(published.site_dir).as_posix() for p in published.written_pages()] == [
        "404.html",
        "glossary/index.html",
        "hub/article/index.html",
        "hub/index.html",
        "index.html",
    ]


def test_two_builds_in_one_process_give_the_same_output(published, tmp_path):
    again = build_site(tmp_path, PUBLISHED_FILES)
    assert again.ok, again.messages()
    first = {p.relative_to(published.site_dir): p.read_bytes() for p in published.written_pages()}
    second = {p.relative_to(again.site_dir): p.read_bytes() for p in again.written_pages()}
    assert list(second) == list(first) and len(first) == 5
    assert second == first


BROKEN_FILES = minimal_site(
    **{
        "docs/hub/article.md": "---\ntitle: Article\ndescription: Fine.\npublished: 2026-01-09\nread_next: [index.md]\n---\n",
        "docs/hub/broken.md": "---\ntitle: A: B\n---\n\nText\n",
        "docs/hub/latin1.md": "---\ntitle: Caf\xe9\n---\n".encode("latin-1"),
        "docs/hub/empty.md": "",
        "docs/hub/bad.md": "---\ntitel: x\n---\n",
    }
)


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> tuple[BuildResult, list[str], dict]:
    """A site with a problem in every page, built once as on GitHub Actions, with a JSON report:
    the result, the workflow commands it printed, and the report."""
    root = tmp_path_factory.mktemp("broken")
    report = root / "out" / "report.json"
    printed = io.StringIO()
    with pytest.MonkeyPatch.context() as env, contextlib.redirect_stdout(printed):
        env.setenv("GITHUB_ACTIONS", "true")
        env.setenv("HUB_REPORT_JSON", str(report))
        env.delenv("GITHUB_STEP_SUMMARY", raising=False)
        env.delenv("GITHUB_BASE_REF", raising=False)
        result = build_site(root / "project", BROKEN_FILES)
    return result, printed.getvalue().splitlines(), json.loads(report.read_text(encoding="utf-8"))


# (path, line, kind, message) of every problem in BROKEN_FILES, in the order they are listed.
BROKEN = [
    (
        "docs/hub/article.md",
        1,
        "front-matter",
        "missing 'checked' — add the date you last verified the page's facts against their sources, "
        "e.g. checked: 2026-12-01",
    ),
    (
        "docs/hub/article.md",
        1,
        "front-matter",
        "missing 'updated' — add the date of the last real change, e.g. updated: 2026-11-24",
    ),
    (
        "docs/hub/bad.md",
        1,
        "front-matter",
        "missing 'checked' — add the date you last verified the page's facts against their sources, "
        "e.g. checked: 2026-12-01",
    ),
    (
        "docs/hub/bad.md",
        1,
        "front-matter",
        "missing 'description' — add one sentence (at most 160 characters) saying what the page gives the reader",
    ),
    (
        "docs/hub/bad.md",
        1,
        "front-matter",
        "missing 'published' — add the date the page first went live, e.g. published: 2026-11-24",
    ),
    (
        "docs/hub/bad.md",
        1,
        "read-next",
        "missing 'read_next' — list 1 to 4 pages a reader should go to next, "
        "e.g. read_next: [post-production/ai-editing-assistants.md]",
    ),
    (
        "docs/hub/bad.md",
        1,
        "front-matter",
        "missing 'title' — add the page title, e.g. title: Holding Continuity Across Generated Shots",
    ),
    (
        "docs/hub/bad.md",
        1,
        "front-matter",
        "missing 'updated' — add the date of the last real change, e.g. updated: 2026-11-24",
    ),
    ("docs/hub/bad.md", 2, "front-matter", "unknown key 'titel' — did you mean 'title'?"),
    (
        "docs/hub/broken.md",
        2,
        "front-matter",
        "front matter is not valid YAML (mapping values are not allowed here) — put the value in double quotes when it "
        "contains ': '",
    ),
    (
        "docs/hub/empty.md",
        1,
        "front-matter",
        "the file is empty — start it with front matter (title, description, published, updated) between '---' lines",
    ),
    (
        "docs/hub/latin1.md",
        2,
        "encoding",
        "the file is not UTF-8 text — save it again with the encoding set to UTF-8",
    ),
]


def test_every_problem_in_every_page_is_reported_and_nothing_is_written(broken):
    result, _printed, _report = broken
    assert not result.ok
    assert result.problems == [f"{path}:{line}: {message}" for path, line, _kind, message in BROKEN]
    assert result.errors[-1] == (
        "12 errors — the build stopped before writing any page. Fix the lines listed above and build again."
    )
    assert result.written_pages() == []
    assert [r.getMessage() for r in result.records if r.exc_info] == [], "no traceback"


def test_on_github_each_problem_is_an_annotation_and_the_json_report_lists_them(broken):
    _result, printed, report = broken
    assert printed == [
        f"::error file={path},line={line},title={kind}::{message}" for path, line, kind, message in BROKEN
    ]
    assert report["problems"] == [
        {
            "path": path,
            "line": line,
            "message": message,
            "col": None,
            "severity": "error",
            "kind": kind,
            "target": None,
            "suggestion": None,
        }
        for path, line, kind, message in BROKEN
    ]


def test_strict_mode_stops_on_any_warning_before_writing(site):
    # A page left out of an explicit nav is MkDocs' own warning, not one of ours.
    result = site(minimal_site(), config={"nav": ["index.md", "hub/index.md", "glossary.md"]})
    assert not result.ok
    assert result.problems == []
    assert result.errors[-1] == (
        "1 warning in strict mode — the build stopped before writing any page. Fix the warnings above and build again."
    )
    assert result.written_pages() == []
