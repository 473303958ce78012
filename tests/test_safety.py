"""A writer's pull request publishes only words and pictures: the hostile corpus.

Each class of attack is refused with its exact message at its file and line,
or rendered harmless, with no traceback and no page written; a benign rich
article passes. Pure functions are tested directly; two sites, each built
once, prove the integration: one whose pages are each refused at their
lines, one whose pages must pass and keep their text as text.
"""

from __future__ import annotations

import logging

import pytest
from selectolax.lexbor import LexborHTMLParser

from filmhub import bounds, characters, html_policy, svg_policy
from filmhub.bounds import MAX_PAGE_BYTES
from filmhub.fields import FRONT_MATTER
from filmhub.file_policy import docs_problems, glossary_problems
from filmhub.front_matter import parse, validate
from filmhub.problems import Problem, github_annotation
from filmhub.textscan import Body
from filmhub.yaml_reader import decode
from sitebuilder import GLOSSARY_AI, BuildResult, article, build_site, minimal_site

HOSTILE_BODY = """\
Intro paragraph.

<script>alert(1)</script>

<style>body{display:none}</style>

<form action="https://evil.example/"><input name="q"></form>

<base href="https://evil.example/">

<meta http-equiv="refresh" content="0;url=https://evil.example/">

<svg onload="alert(1)"></svg>

<object data="../assets/x.svg"></object>

A paragraph with a handler.
{ onclick="alert(1)" }

<div markdown onmouseover="alert(1)">

Inside.

</div>

<link rel="preconnect" href="https://evil.example/">

<p style="background:url(https://evil.example/p.png)">styled</p>

<input type="image" src="https://evil.example/i.png">

<a href="https://example.org/" ping="https://evil.example/ping">pinged</a>

<table background="https://evil.example/bg.png"><tr><td>cell</td></tr></table>

[js](javascript:alert(1)) and <a href="jav&#x09;ascript:alert(1)">entity</a> and ![remote](https://evil.example/r.png)

<img src="//evil.example/x.png" alt="protocol relative"> <img src="/\\evil.example/y.png" alt="backslash">

<a href="&#106;avascript:x">decimal entity</a> <blockquote cite="vbscript:x">quoted</blockquote>
"""

# Line 10 is the body's first line (front matter: 9 lines).
EXPECTED = [
    "docs/hub/hostile.md:13:1: <script> is not allowed in a page — a page can't run code — describe what it "
    "should show, or ask the maintainers",
    "docs/hub/hostile.md:15:1: <style> is not allowed in a page — styles live in docs/assets/stylesheets/, which "
    "the maintainers review (CODEOWNERS) — use Markdown, or ask for a style there",
    "docs/hub/hostile.md:17:1: <form> is not allowed in a page — a page can't hold a form — link to the form "
    "instead",
    "docs/hub/hostile.md:19:1: <base> is not allowed in a page — the page head belongs to the theme — remove it",
    "docs/hub/hostile.md:21:1: <meta> is not allowed in a page — the page head belongs to the theme — remove it",
    "docs/hub/hostile.md:23:1: <svg> is not allowed in a page — save the drawing as an .svg file under "
    "docs/assets/diagrams/ and show it as an image",
    "docs/hub/hostile.md:25:1: <object> is not allowed in a page — embed files as images (![…](../assets/…)) — "
    "save the file under docs/assets/",
    "docs/hub/hostile.md:25:15: broken link '../assets/x.svg': nothing is published at 'hub/assets/x.svg'",
    "docs/hub/hostile.md:28:3: 'onclick' is not allowed — a page can't run code; remove the attribute",
    "docs/hub/hostile.md:30:15: 'onmouseover' is not allowed — a page can't run code; remove the attribute",
    "docs/hub/hostile.md:36:1: <link> is not allowed in a page — the page head belongs to the theme — remove it",
    "docs/hub/hostile.md:38:4: 'style' is not allowed — the site's styles live in docs/assets/stylesheets/, which "
    "the maintainers review (CODEOWNERS); use Markdown, or a class they provide",
    "docs/hub/hostile.md:40:8: a page can't hold a form — link to the form instead",
    "docs/hub/hostile.md:40:21: the attribute 'src' is not allowed on <input> — remove it",
    "docs/hub/hostile.md:42:32: the attribute 'ping' is not allowed on <a> — remove it",
    "docs/hub/hostile.md:44:8: the attribute 'background' is not allowed on <table> — remove it",
    "docs/hub/hostile.md:46:6: href='javascript:alert(1)' uses 'javascript:', which is not allowed — links may "
    "use https:, http:, mailto:, tel: or a relative path",
    "docs/hub/hostile.md:46:34: href='jav\\x09ascript:alert(1)' uses 'javascript:', which is not allowed — links "
    "may use https:, http:, mailto:, tel: or a relative path",
    "docs/hub/hostile.md:46:92: src='https://evil.example/r.png' loads a file from another site, which readers' "
    "browsers would contact — save the file under docs/assets/ and link to it relatively",
    "docs/hub/hostile.md:48:6: src='//evil.example/x.png' loads a file from another site, which readers' browsers "
    "would contact — save the file under docs/assets/ and link to it relatively",
    "docs/hub/hostile.md:48:63: src='/\\evil.example/y.png' loads a file from another site, which readers' "
    "browsers would contact — save the file under docs/assets/ and link to it relatively",
    "docs/hub/hostile.md:48:68: broken link '/\\evil.example/y.png': absolute links break when the site is not "
    "served from the domain root — use a relative link",
    "docs/hub/hostile.md:50:4: href='javascript:x' uses 'javascript:', which is not allowed — links may use "
    "https:, http:, mailto:, tel: or a relative path",
    "docs/hub/hostile.md:50:60: cite='vbscript:x' uses 'vbscript:', which is not allowed — links may use https:, "
    "http:, mailto:, tel: or a relative path",
]

BENIGN = """\
A lead with **bold**, *emphasis*, `code`, a footnote[^1] and <kbd>Ctrl</kbd>+<kbd>S</kbd>, H<sub>2</sub>O
and x<sup>2</sup>.<br>A line break, and a [link](index.md "The hub") to [a section](#a-table){ #own-id }.

## A table { #a-table }

| Left | Centre | Right |
|:-----|:------:|------:|
| a    |   b    |     c |

!!! note "An admonition"

    With a paragraph.

??? tip "Details"

    Folded text.

<details markdown>
<summary>Raw details</summary>

Inside the details.

</details>

<figure markdown="span">
  ![A still from the shoot](../assets/still.png){ width="300" }
  <figcaption>A caption.</figcaption>
</figure>

```python
print("<script>alert(1)</script> in code is text")
```

    <script>indented code is text too</script>

=== "One"

    First tab.

=== "Two"

    Second tab.

- [x] a task
- [ ] another

Term
:   A definition list entry about nothing in the glossary.

[^1]: The footnote.

<a href="mailto:desk@example.org">Mail</a>, <a href="tel:+441234">call</a>, <a href="https://example.org/">visit</a>.
"""


# Markdown nested deeper than the parser may recurse, in each shape it takes.
DEEP = {
    "indented-list": "".join("    " * i + "- item\n" for i in range(300)),
    "quotes": "> " * 1000 + "deep quote\n",
    "markers": "- " * 1000 + "x\n",
    "html": "<div>" * 500 + "x" + "</div>" * 500 + "\n",
}
DEEP_MESSAGE = "lists, quotes or HTML elements are nested more than 24 levels deep here — flatten them"
FORM_FEED_BODY = "Back to [the hub](index.md).\x0c\n\nA line\u2028with a separator.\n\n[broken](othr.md)\n"


def refused_files() -> dict[str, str]:
    """Pages that are each refused at their own lines, with one page that links to the hostile one."""
    surrogate = article("Surrogate \\ud800", "Back to [the hub](index.md).")
    return minimal_site(
        **{
            "docs/hub/hostile.md": article("Hostile", HOSTILE_BODY),
            "docs/hub/article.md": article(
                "Article",
                "Back to [the hub](index.md) and [hostile](hostile.md).",
                read_next=["hub/index.md"],
            ),
            **{
                f"docs/hub/deep-{shape}.md": article(
                    f"Deep {shape}", "Back to [the hub](index.md).\n\n" + body
                )
                for shape, body in DEEP.items()
            },
            "docs/hub/big.md": article("Big", "word " * 50_000),
            "docs/hub/surrogate.md": surrogate.replace(
                "title: Surrogate \\ud800", 'title: "Surrogate \\ud800"'
            ),
            "docs/hub/escaped.md": article(
                "Escaped", "Back to [the hub](index.md) and [x](<a\u2028::error::b.md>)."
            ),
            "docs/hub/form-feed.md": article("Form Feed", FORM_FEED_BODY),
        }
    )


@pytest.fixture(scope="module")
def refused(tmp_path_factory) -> BuildResult:
    return build_site(tmp_path_factory.mktemp("refused"), refused_files())


def problems_in(result: BuildResult, src: str) -> list[str]:
    return [problem for problem in result.problems if problem.startswith(f"docs/{src}:")]


def test_every_unsafe_thing_in_a_page_is_refused_at_its_line_and_column(refused):
    assert problems_in(refused, "hub/hostile.md") == EXPECTED


def test_the_build_reports_every_refused_page_at_once_writes_nothing_and_shows_no_traceback(refused):
    assert not refused.ok
    refused_pages = [
        "big",
        *(f"deep-{shape}" for shape in DEEP),
        "escaped",
        "form-feed",
        "hostile",
        "surrogate",
    ]
    assert sorted({problem.split(":", 1)[0] for problem in refused.problems}) == sorted(
        f"docs/hub/{name}.md" for name in refused_pages
    )
    assert refused.written_pages() == []
    assert not any(r.exc_info for r in refused.records), "no traceback"


ODD_TITLE = 'Clearances, E&O & "Quotes" \' &lt;b&gt; Inc'
CLEAN_PLATE = (
    "term: clean plate\naliases: [clean pass]\nshort: A frame of the set without the actor in it.\n"
    "definition: |\n  A frame of the *set* without the actor.\nsources:\n"
    '  - title: "[a](javascript:alert(1)) & *stars*"\n    url: https://example.org/plates\n'
)


def readable_files() -> dict[str, str | bytes]:
    """Pages and a glossary entry that must pass, keep their markup, and keep writers' text as text."""
    return minimal_site(
        **{
            "docs/hub/rich.md": article("Rich", BENIGN),
            "docs/hub/odd.md": article(ODD_TITLE, "Text.", description='Says "hi" & more.'),
            "docs/hub/article.md": article(
                "Article",
                "Back to [the hub](index\\.md); see [rich](rich.md) and [odd](odd.md).",
                read_next=["hub/odd.md", "hub/index.md", "glossary.md"],
            ),
            "docs/assets/still.png": b"\x89PNG\r\n\x1a\n",
            "glossary/clean-plate.yml": CLEAN_PLATE,
        }
    )


@pytest.fixture(scope="module")
def readable(tmp_path_factory) -> BuildResult:
    result = build_site(tmp_path_factory.mktemp("readable"), readable_files())
    assert result.ok, result.messages()
    return result


def test_a_rich_benign_article_passes_and_keeps_its_markup(readable):
    html = readable.html("hub/rich/index.html")
    for kept in (
        "<kbd>Ctrl</kbd>",
        "<sub>2</sub>",
        "<details",
        "<figcaption>",
        'class="admonition note"',
        'id="own-id"',
        'class="footnote"',
        "&lt;script&gt;",
        'type="radio"',
        'style="text-align: center;"',
    ):
        assert kept in html, kept


# --- The allow-list, as a pure function -----------------------------------------------


@pytest.mark.parametrize(
    ("html", "message"),
    [
        (
            "<iframe src='https://x.example/'></iframe>",
            "<iframe> is not allowed in a page — nothing may load from another site — link to it instead",
        ),
        (
            "<embed src='x.swf'>",
            "<embed> is not allowed in a page — nothing may load from another site — link to it, or save an image under docs/assets/",
        ),
        (
            "<noscript>x</noscript>",
            "<noscript> is not allowed in a page — a page can't run code — write the text as Markdown",
        ),
        (
            "<math><mi>x</mi></math>",
            "<math> is not allowed in a page — write the formula as text or as an image under docs/assets/",
        ),
        (
            "<marquee>x</marquee>",
            "<marquee> is not allowed in a page — use Markdown, or one of the layout elements a page may use: details, summary, figure, figcaption, kbd, sub, sup, br, span, div",
        ),
        ("<p ONCLICK='x'>a</p>", "'onclick' is not allowed — a page can't run code; remove the attribute"),
        ("<a href='x' target='_blank'>a</a>", "the attribute 'target' is not allowed on <a> — remove it"),
        (
            "<div data-md-component='x'>a</div>",
            "the attribute 'data-md-component' is not allowed on <div> — remove it",
        ),
        (
            "<table><tr><td style='color:red'>a</td></tr></table>",
            "'style' is not allowed — the site's styles live in docs/assets/stylesheets/, which the maintainers review (CODEOWNERS); use Markdown, or a class they provide",
        ),
        (
            "<a href=' \x01javascript:x'>a</a>",
            "href=' \\x01javascript:x' uses 'javascript:', which is not allowed — links may use https:, http:, mailto:, tel: or a relative path",
        ),
        (
            "<a href='data:text/html,x'>a</a>",
            "href='data:text/html,x' uses 'data:', which is not allowed — links may use https:, http:, mailto:, tel: or a relative path",
        ),
        (
            "<img srcset='a.png 1x, https://e.example/b.png 2x' alt=''>",
            "srcset='https://e.example/b.png' loads a file from another site, which readers' browsers would contact — save the file under docs/assets/ and link to it relatively",
        ),
        (
            "<video src='../v.mp4' poster='//e.example/p.png'></video>",
            "poster='//e.example/p.png' loads a file from another site, which readers' browsers would contact — save the file under docs/assets/ and link to it relatively",
        ),
        (
            "<a href='//e.example/'>a</a>",
            "href='//e.example/' is protocol-relative — write 'https://e.example/'",
        ),
        (
            "<body onload='x'><p>a</p></body>",
            "'onload' is not allowed — a page can't run code; remove the attribute",
        ),
        ("<input type='text' name='q'>", "a page can't hold a form — link to the form instead"),
    ],
)
def test_the_allow_list_refuses(html, message):
    assert [v.message for v in html_policy.check(html)] == [message]


@pytest.mark.parametrize(
    "html",
    [
        '<p><a href="../x/" title="t">a</a> <a href="#id">b</a> <a href="https://e.example/?a=1&amp;b=2">c</a></p>',
        '<img src="../assets/a.png" alt="a" width="10" height="10" loading="lazy">',
        '<table><tr><th style="text-align: right;">h</th><td colspan="2" rowspan="1">d</td></tr></table>',
        '<div class="tabbed-set" data-tabs="1:2"><input checked="checked" id="__t" name="__t" type="radio">'
        '<label for="__t">One</label></div>',
        '<span class="hub-term" data-hub-generated=""><a href="x" onclick="hub-made">t</a></span>',
        '<video src="../v.mp4" controls></video><audio src="../a.mp3" controls></audio>',
        '<ol start="3" reversed><li value="2">x</li></ol><details open><summary>s</summary></details>',
    ],
)
def test_the_allow_list_lets_through_what_markdown_and_the_hub_make(html):
    assert html_policy.check(html) == []


def test_a_hostile_page_costs_no_more_than_the_first_fifty_findings():
    assert len(html_policy.check("<script></script>" * 10_000)) == 50


# --- Plain text stays plain text ------------------------------------------------------


def test_markup_in_a_title_description_or_tag_is_refused():
    text = (
        '---\ntitle: "<script>alert(1)</script>"\ndescription: A <b>bold</b> claim.\npublished: 2026-01-09\n'
        "updated: 2026-01-13\nchecked: 2026-01-13\ntags: [ok, <i>x</i>]\nread_next: [index.md]\n---\n"
    )
    front, problems = parse(text, "docs/hub/a.md")
    problems += validate(front, "article", "docs/hub/a.md", front.get("updated"))
    assert [str(p) for p in problems] == [
        "docs/hub/a.md:2: 'title' contains '<' or '>' — it is plain text, shown in titles, tabs, cards and the "
        "feed; write it without < and > (use words, or ‹ › if you need the look)",
        "docs/hub/a.md:3: 'description' contains '<' or '>' — it is plain text, shown in titles, tabs, cards and "
        "the feed; write it without < and > (use words, or ‹ › if you need the look)",
        "docs/hub/a.md:7: 'tags' contains '<' or '>' — it is plain text, shown in titles, tabs, cards and the "
        "feed; write it without < and > (use words, or ‹ › if you need the look)",
    ]


def test_quotes_and_ampersands_in_a_title_stay_text_in_every_sink(readable):
    # The exact bytes each sink writes: a parser would hide how the text was escaped.
    odd = readable.html("hub/odd/index.html")
    escaped = "Clearances, E&amp;O &amp; &#34;Quotes&#34; &#39; &amp;lt;b&amp;gt; Inc"
    theme_escaped = "Clearances, E&amp;O &amp; &quot;Quotes&quot; &#x27; &amp;lt;b&amp;gt; Inc"
    assert f"<title>{theme_escaped} - " in odd  # Material's <title>
    assert f"<h1>{escaped}</h1>" in odd  # the page heading
    assert f'<meta property="og:title" content="{escaped}">' in odd
    assert '"headline": "Clearances, E\\u0026O \\u0026 \\"Quotes\\" \\u0027 \\u0026lt;b\\u0026gt; Inc"' in odd
    assert 'content="Says &quot;hi&quot; &amp; more."' in odd  # Material's description meta
    card_page = readable.html("hub/article/index.html")
    assert f'<span class="hub-card__title">{escaped}</span>' in card_page
    hub = readable.html("hub/index.html")
    assert f">{escaped}</a>" in hub
    feed = (readable.site_dir / "feed.xml").read_text(encoding="utf-8")
    assert '<title>Clearances, E&amp;O &amp; "Quotes" \' &amp;lt;b&amp;gt; Inc</title>' in feed


def test_glossary_fields_reach_the_glossary_page_as_text(readable):
    html = readable.html("glossary/index.html")
    assert '<a href="https://example.org/plates">[a](javascript:alert(1)) &amp; *stars*</a>' in html
    assert "<em>set</em>" in html  # the definition is Markdown


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            "term: the\nshort: A word.\ndefinition: A word.\n",
            "glossary/x.yml:1: 'the' is not a name the glossary can match — a term or alias needs at least 3 characters (2 for an acronym in capitals), letters, and must not be an everyday word",
        ),
        (
            "term: matte\naliases: [., matte pass]\nshort: A mask.\ndefinition: A mask.\n",
            "glossary/x.yml:2: '.' is not a name the glossary can match — a term or alias needs at least 3 characters (2 for an acronym in capitals), letters, and must not be an everyday word",
        ),
        (
            "term: matte\naliases: [ab]\nshort: A mask.\ndefinition: A mask.\n",
            "glossary/x.yml:2: 'ab' is not a name the glossary can match — a term or alias needs at least 3 characters (2 for an acronym in capitals), letters, and must not be an everyday word",
        ),
        (
            "term: '123'\nshort: A mask.\ndefinition: A mask.\n",
            "glossary/x.yml:1: '123' is not a name the glossary can match — a term or alias needs at least 3 characters (2 for an acronym in capitals), letters, and must not be an everyday word",
        ),
        (
            "term: <b>matte</b>\nshort: A mask.\ndefinition: A mask.\n",
            "glossary/x.yml:1: 'term' contains '<' or '>' — it is plain text, shown in titles, tabs, cards and the feed; write it without < and > (use words, or ‹ › if you need the look)",
        ),
        (
            'term: matte\nshort: "A \\x07 mask."\ndefinition: A mask.\n',
            "glossary/x.yml:2: 'short' holds U+0007 (an invisible control character), which can't be published — remove the escape (\\u…, \\x…) that makes it",
        ),
        (
            'term: matte\nshort: "A \\ud800 mask."\ndefinition: A mask.\n',
            "glossary/x.yml:2: 'short' holds U+D800 (half of a surrogate pair, made by an escape), which can't be published — remove the escape (\\u…, \\x…) that makes it",
        ),
        (
            "term: matte\nshort: A mask.\ndefinition: |\n  A mask.\n\n  <script>alert(1)</script>\n",
            "glossary/x.yml:6:1: <script> is not allowed in a page — a page can't run code — describe what it should show, or ask the maintainers",
        ),
        (
            "term: matte\nshort: A mask.\ndefinition: |\n  See [the page](../x.md).\n",
            "glossary/x.yml:3: 'definition' contains a link — put sources under 'sources:' instead",
        ),
    ],
)
def test_glossary_entries_are_refused_when_unsafe_or_unmatchable(tmp_path, entry, expected):
    from filmhub.glossary import load

    (tmp_path / "ai.yml").write_text(GLOSSARY_AI, encoding="utf-8")
    (tmp_path / "x.yml").write_text(entry, encoding="utf-8")
    assert [str(p) for p in load(tmp_path)[1]] == [expected]


def test_read_next_may_point_at_the_glossary_and_shows_its_card(readable):
    cards = LexborHTMLParser(readable.html("hub/article/index.html")).css(
        "nav.hub-read-next a.hub-card__link"
    )
    assert [(card.attributes["href"], card.css_first(".hub-card__title").text()) for card in cards] == [
        ("../odd/", ODD_TITLE),
        ("../", "Hub"),
        ("../../glossary/", "Glossary"),
    ]


# --- Files --------------------------------------------------------------------------------


def make(root, files):
    for name, content in files.items():
        path = root / (name.decode() if isinstance(name, bytes) else name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def test_files_that_are_not_pages_or_pictures_links_and_clashing_names_are_refused(tmp_path):
    docs = tmp_path / "docs"
    make(
        docs,
        {
            "index.md": b"x",
            "a.html": b"<script>alert(1)</script>",
            "assets/x.js": b"alert(1)",
            "assets/stylesheets/hub.css": b"body{}",
            "assets/extra.css": b"body{}",
            "Notes.md": b"x",
            "notes.md": b"x",
            "caf\u00e9.md".encode(): b"x",
            "cafe\u0301.md".encode(): b"x",
            "bad\nname.md": b"x",
            "ok.png": b"\x89PNG\r\n\x1a\n",
        },
    )
    (docs / "env.md").symlink_to("/proc/self/environ")
    (docs / "outside").symlink_to(tmp_path)
    shown = [str(p) for p in docs_problems(docs, "docs")]
    assert sorted(shown) == sorted(
        [
            "docs/a.html:1: files of this type are not published — use Markdown or an image (.avif, .gif, .jpeg, "
            ".jpg, .md, .png, .svg, .webp); remove the file. The site's own styles are code in "
            "docs/assets/stylesheets/, reviewed by the maintainers (CODEOWNERS).",
            "docs/assets/extra.css:1: files of this type are not published — use Markdown or an image (.avif, "
            ".gif, .jpeg, .jpg, .md, .png, .svg, .webp); remove the file. The site's own styles are code in "
            "docs/assets/stylesheets/, reviewed by the maintainers (CODEOWNERS).",
            "docs/assets/x.js:1: files of this type are not published — use Markdown or an image (.avif, .gif, "
            ".jpeg, .jpg, .md, .png, .svg, .webp); remove the file. The site's own styles are code in "
            "docs/assets/stylesheets/, reviewed by the maintainers (CODEOWNERS).",
            "docs/bad\\x0aname.md:1: the file name holds an invisible or control character — rename it with "
            "letters, digits and hyphens",
            "docs/caf\u00e9.md:1: this name differs from 'docs/cafe\u0301.md' only in case or accents — rename one "
            "of them",
            "docs/env.md:1: this is a symbolic link — the build never follows links; copy the file itself into "
            "the repository",
            "docs/notes.md:1: this name differs from 'docs/Notes.md' only in case or accents — rename one of them",
            "docs/outside:1: this is a symbolic link — the build never follows links; copy the file itself into "
            "the repository",
        ]
    )


def test_only_yaml_files_belong_in_the_glossary(tmp_path):
    make(tmp_path / "glossary", {"ai.yml": b"x", "notes.md": b"x"})
    assert [str(p) for p in glossary_problems(tmp_path / "glossary", "glossary")] == [
        "glossary/notes.md:1: files of this type are not published — use Markdown or an image (.yml); remove "
        "the file."
    ]


def test_a_symlink_stops_the_build_before_anything_is_read_or_written(site, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN=abc", encoding="utf-8")
    files = minimal_site()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/leak.md").symlink_to(secret)
    result = site(files)
    assert not result.ok
    assert result.problems == [
        "docs/leak.md:1: this is a symbolic link — the build never follows links; copy the file itself into the "
        "repository"
    ]
    assert result.errors[-1] == (
        "1 error in the files — the build stopped before reading any of them. Fix the files listed above and "
        "build again."
    )
    assert result.written_pages() == []


@pytest.mark.parametrize(
    ("svg", "expected"),
    [
        (
            b'<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script></svg>',
            "x.svg:2: <script> is not allowed in an SVG — a diagram can't run code",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            "x.svg:1: 'onload' is not allowed in an SVG — a diagram can't run code",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>',
            "x.svg:1: <foreignObject> is not allowed in an SVG — a diagram can't run code",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><use x:href="https://e.example/a.svg#b"/></svg>',
            "x.svg:1: href='https://e.example/a.svg#b' points outside the SVG — draw everything in the file (only '#id' references are allowed)",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><style>rect{fill:url(https://e.example/p)}</style></svg>',
            "x.svg:1: url(https://e.example/p) points outside the SVG — only url(#id) is allowed",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import "x.css";</style></svg>',
            "x.svg:1: the SVG's styles use @import — keep every style in the file",
        ),
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
            "x.svg:2: the SVG declares a DOCTYPE — remove it (entities and outside files are not allowed)",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><?xml-stylesheet href="x.css"?></svg>',
            "x.svg:1: the processing instruction '<?xml-stylesheet' is not allowed in an SVG — remove it",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><a href="https://e.example/">x</a></svg>',
            "x.svg:1: <a> is not allowed in an SVG — use shapes, text and styles only",
        ),
        (
            b"<svg",
            "x.svg:1: the SVG is not well-formed XML (unclosed token) — export it again from your drawing program",
        ),
    ],
)
def test_svgs_are_checked_like_html(svg, expected):
    assert [str(p) for p in svg_policy.svg_problems(svg, "x.svg")] == [expected]


def test_the_sites_own_diagrams_pass_the_svg_check():
    from sitebuilder import REPO

    diagrams = sorted((REPO / "docs/assets").rglob("*.svg"))
    assert diagrams
    assert [p for d in diagrams for p in svg_policy.svg_problems(d.read_bytes(), d.name)] == []


# --- Bounded work -------------------------------------------------------------------------


def test_deep_yaml_is_refused_before_libyaml_sees_it():
    text = "---\ntitle: x\ntags: " + "[" * 30_000 + "\n---\n"
    _front, problems = parse(text, "docs/hub/a.md")
    assert [str(p) for p in problems] == [
        "docs/hub/a.md:3: front matter is nested more than 10 levels deep — write plain 'key: value' lines and "
        "short lists"
    ]


@pytest.mark.parametrize(
    ("yaml_text", "line"),
    [
        ("tags: " + "[" * 250 + "]" * 250, 2),
        ("tags:\n" + "".join(" " * i + "-\n" for i in range(1, 40)), 11),
        ("tags:\n  " + "- " * 40 + "x", 3),
    ],
    ids=["flow", "block", "compact"],
)
def test_nested_yaml_of_every_shape_is_bounded(yaml_text, line):
    assert str(bounds.yaml_depth_problem(yaml_text, "p", 2, FRONT_MATTER)) == (
        f"p:{line}: front matter is nested more than 10 levels deep — write plain 'key: value' lines and short lists"
    )


def test_yaml_aliases_and_huge_numbers_are_refused():
    text = "---\ntitle: x\ntags: &a [x, y]\nextra: *a\norder: " + "9" * 5000 + "\n---\n"
    _front, problems = parse(text, "docs/hub/a.md")
    assert [str(p) for p in problems] == [
        "docs/hub/a.md:4: front matter uses a YAML anchor or alias ('&' or '*') — write each value out in full"
    ]
    _front, problems = parse("---\ntitle: x\norder: " + "9" * 5000 + "\n---\n", "docs/hub/a.md")
    assert [str(p) for p in problems] == [
        "docs/hub/a.md:3: 'order' can't be read as a value — write plain text, a date or a small number"
    ]


@pytest.mark.parametrize("shape", DEEP)
def test_deep_markdown_is_refused_and_never_rendered(refused, shape):
    problems = problems_in(refused, f"hub/deep-{shape}.md")
    assert [problem.split(": ", 1)[1] for problem in problems] == [DEEP_MESSAGE]


def test_a_huge_page_is_refused_before_it_is_parsed(refused):
    assert problems_in(refused, "hub/big.md") == [
        "docs/hub/big.md:1: the file is 250 KB — a file here may be at most 200 KB; split it into several pages"
    ]


# --- Unwritable characters and forged log lines -------------------------------------------


def test_control_characters_are_refused_at_their_line_and_column():
    text, problems = decode(
        b"---\ntitle: x\n---\n\nA \x1b[31mred\x02 line.\n", "docs/hub/a.md", MAX_PAGE_BYTES
    )
    assert [str(p) for p in problems] == [
        "docs/hub/a.md:5:3: this line holds U+001B (an invisible control character), which can't be published — "
        "delete it (retype the words around it if you can't see it)"
    ]
    assert "\x1b" not in text and "\x02" not in text


def test_a_lone_surrogate_in_a_title_is_refused_before_anything_is_written(refused):
    assert problems_in(refused, "hub/surrogate.md") == [
        "docs/hub/surrogate.md:2: 'title' holds U+D800 (half of a surrogate pair, made by an escape), which can't "
        "be published — remove the escape (\\u…, \\x…) that makes it",
    ]


def test_nothing_a_writer_types_can_start_a_line_of_the_log():
    problem = Problem("docs/a\n::error file=x::b.md", 3, "broken link 'x\r\n::warning::y\u2028z\u202e'")
    assert "\n" not in str(problem) and "\r" not in str(problem)
    assert str(problem) == (
        "docs/a\\x0a::error file=x::b.md:3: broken link 'x\\x0d\\x0a::warning::y\\u2028z\\u202e'"
    )
    annotation = github_annotation(problem)
    assert annotation.count("\n") == 0 and annotation.startswith("::error file=docs/a%0A%3A%3Aerror")


def test_mkdocs_own_messages_are_escaped_too(refused):
    # MkDocs' own check of the link logs at DEBUG while the hub's runs, escaped all the same.
    every_level = refused.messages(logging.DEBUG)
    assert [m for m in every_level if m.startswith("Doc file 'hub/escaped.md'")] == [
        "Doc file 'hub/escaped.md' contains a link 'a\\u2028::error::b.md', but the target "
        "'hub/a\\u2028::error::b.md' is not found among documentation files."
    ]
    assert [m for m in every_level if "\u2028" in m or "\n" in m] == []


# --- Right lines --------------------------------------------------------------------------


def test_lines_are_counted_the_way_git_counts_them():
    assert characters.split_lines("a\r\nb\rc\nd\x0ce\u2028f\n") == ["a", "b", "c", "d\x0ce\u2028f"]
    assert characters.split_lines("a\n\nb") == ["a", "", "b"]
    assert characters.split_lines("a\n\n") == ["a", ""]
    assert characters.split_lines("a\r\n\r\n") == ["a", ""]
    assert characters.split_lines("\n") == [""]
    assert characters.split_lines("\r") == [""]
    assert characters.split_lines("a\rb\r\n\nc\u2029") == ["a", "b", "", "c\u2029"]
    assert characters.split_lines("a\nb\r", keepends=True) == ["a\n", "b\r"]
    assert characters.split_lines("a\vb\x1cc\x85d\u2029e\r\nf", keepends=True) == [
        "a\vb\x1cc\x85d\u2029e\r\n",
        "f",
    ]
    assert characters.split_lines("a\x1d\x1e\n") == ["a\x1d\x1e"]
    assert characters.line_starts("a\r\nb\rc\nd\x0ce\u2028f\n") == [0, 3, 5, 7, 13]
    assert characters.line_starts("a\n\nb") == [0, 2, 3]
    assert characters.line_starts("") == [0]
    body = Body("One\x0c two.\n\nThree\u2028four.\rTODO here.\n", 10)
    assert [(s.line, s.text) for s in body.sentences][-1] == (13, "TODO here.")


def test_a_form_feed_or_line_separator_does_not_shift_later_lines(refused):
    assert problems_in(refused, "hub/form-feed.md") == [
        "docs/hub/form-feed.md:15:10: broken link 'othr.md': docs/hub/othr.md does not exist"
    ]


def test_todo_in_an_indented_code_block_is_code():
    body = Body("Text.\n\n    TODO in code\n\n- item\n\n    TODO in the list item\n", 1)
    from filmhub.body_checks import unfinished_text_problems

    assert [p.line for p in unfinished_text_problems(body, "p")] == [7]


def test_an_escaped_character_in_a_link_resolves_as_markdown_does(readable):
    links = LexborHTMLParser(readable.html("hub/article/index.html")).css("article a")
    assert [link.attributes["href"] for link in links if link.text() == "the hub"] == ["../"]


def test_names_that_break_addresses_deep_folders_and_disguised_images_are_refused(tmp_path):
    docs = tmp_path / "docs"
    make(
        docs,
        {
            'a"b.md': b"x",
            "x#y.md": b"x",
            "Caf\u00e9 notes.md": b"x",
            "still@2x.png": b"\x89PNG\r\n\x1a\n",
            "fake.png": b"<svg onload=alert(1)>",
            "photo.jpg": b"GIF89a",
            ".DS_Store": b"\x00\x01",
            "/".join("d" * 9) + "/deep.md": b"x",
        },
    )
    (docs / ".hidden").mkdir()
    (docs / ".hidden/root").symlink_to("/")
    assert [str(p) for p in docs_problems(docs, "docs")] == [
        "docs/.hidden/root:1: this is a symbolic link — the build never follows links; copy the file itself into "
        "the repository",
        'docs/a"b.md:1: a file or folder name may not start or end with a space, or hold < > " \' & ` \\ # ? % '
        "(it becomes part of the page's address) — rename it with letters, digits and hyphens",
        "docs/d/d/d/d/d/d/d/d:1: folders are nested more than 8 deep here — flatten them",
        "docs/fake.png:1: the file is not a PNG image, whatever its name says — export it again as an image of "
        "that type",
        "docs/photo.jpg:1: the file is not a JPG image, whatever its name says — export it again as an image of "
        "that type",
        "docs/x#y.md:1: a file or folder name may not start or end with a space, or hold < > \" ' & ` \\ # ? % "
        "(it becomes part of the page's address) — rename it with letters, digits and hyphens",
    ]


def test_an_svg_cannot_hide_a_url_behind_a_css_escape():
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg"><style>rect{fill:u\\72l(https://e.example/p)}</style></svg>'
    )
    assert [str(p) for p in svg_policy.svg_problems(svg, "x.svg")] == [
        "x.svg:1: the SVG's styles use a backslash escape — write the CSS without escapes"
    ]


def test_every_file_and_svg_message_is_in_contributings_error_table(tmp_path):
    from errortable import documented
    from every_message import SVGS

    docs = tmp_path / "docs"
    make(
        docs,
        {
            "a.html": b"x",
            'a"b.md': b"x",
            "fake.png": b"x",
            "bad\nname.md": b"x",
            "A.md": b"x",
            "a.md": b"x",
            "/".join("d" * 9) + "/x.md": b"x",
        },
    )
    (docs / "link.md").symlink_to(tmp_path)
    messages = [str(p) for p in docs_problems(docs, "docs")]
    messages += [str(p) for svg in SVGS for p in svg_policy.svg_problems(svg, "docs/x.svg")]
    assert len(messages) == 16
    assert [m for m in messages if not documented(m)] == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Intro.\n\n" + "[" * 60 + "\n",
            "p:3: 60 unclosed '[' — close them, or escape each with a backslash; Markdown slows down sharply on so many",
        ),
        (
            "[a](" * 51 + "\n",
            "p:1: 51 unclosed '](' (a link without its ')') — close them, or escape each with a backslash; Markdown slows down sharply on so many",
        ),
        (
            "x <a\n\n" * 60,
            "p:101: 51 unclosed '<' (a tag without its '>') on the page — close them, or escape each with a backslash; Markdown slows down sharply on so many",
        ),
    ],
    ids=["brackets", "addresses", "tags"],
)
def test_what_would_make_markdown_quadratic_is_refused(body, expected):
    assert str(bounds.unclosed_problem(Body(body), "p")) == expected


@pytest.mark.parametrize(
    "body",
    [
        "[a](b) " * 200,
        "\\[ " * 200,
        "<b>x</b> " * 200,
        "<img src='x.png'\n     alt='on two lines'>\n\n" * 100,
        "```\n" + "[" * 500 + "\n```\n",
        "a < b and c <= d " * 100,
    ],
    ids=["links", "escaped", "closed-tags", "tag-across-lines", "code", "comparisons"],
)
def test_ordinary_brackets_and_tags_are_fine(body):
    assert bounds.unclosed_problem(Body(body), "p") is None


def test_a_preview_shows_a_refused_page_as_a_notice_never_its_markup(tmp_path):
    """In a preview (not strict) the build goes on, so each page can show its
    problems; a page the allow-list refused is written without its body."""
    previewed = build_site(tmp_path, refused_files(), strict=False)
    assert previewed.ok, previewed.messages()  # the output guard found nothing in any written file
    hostile = previewed.html("hub/hostile/index.html")
    assert "This page can't be shown until the problems listed for it are fixed." in hostile
    assert "Intro paragraph." not in hostile
    # What the page was refused for is named in its problem box, as text only.
    assert "evil.example" in hostile
    assert "Back to" in previewed.html("hub/article/index.html")
