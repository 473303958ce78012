"""What an article needs (filmhub.content_rules, filmhub.diagrams): build checks at the line, both sides."""

from __future__ import annotations

import pytest
from errortable import documented

from filmhub import content_rules, diagrams
from filmhub.content_rules import ContentRules
from filmhub.front_matter import parse
from filmhub.site import SitePage
from sitebuilder import REAL_RULES, article, minimal_site, page

RULES = ContentRules(min_words=10, max_words=20, min_sources=2)
SOURCES = "[one](https://example.org/a) and <https://example.org/b>"


def article_page(body: str, src: str = "hub/a.md", **fields) -> SitePage:
    text = article("A", body, **fields)
    front, _ = parse(text, src)
    return SitePage(src, f"docs/{src}", "hub/a/", front=front)


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


def test_the_real_sites_numbers_are_the_defaults():
    assert ContentRules.from_extra({"hub": {"articles": REAL_RULES}}) == ContentRules()
    assert ContentRules.from_extra({}) == ContentRules()
    assert ContentRules.from_extra(
        {"hub": {"articles": {"words": [1, 2], "sources": 0, "cited": False}}}
    ) == (ContentRules(min_words=1, max_words=2, min_sources=0, cited=False))


def test_too_short_is_reported_where_the_text_starts():
    found = messages(content_rules.length_problems(article_page("Five words of text here."), RULES))
    assert found == [
        "docs/hub/a.md:11: the article has 5 words — write at least 10: the hub's articles have 10 to 20 words "
        "of substance"
    ]
    assert documented(found[0])


def test_too_long_is_reported_at_the_line_that_passes_the_limit():
    body = "\n\n".join(["One two three four five six seven eight."] * 3)
    found = messages(content_rules.length_problems(article_page(body), RULES))
    assert found == [
        "docs/hub/a.md:15: the article passes 20 words here (24 in all) — cut it to at most 20, or split it into "
        "two articles"
    ]
    assert documented(found[0])


def test_code_and_link_addresses_are_not_words_and_drafts_and_hubs_are_not_held_to_length():
    body = (
        "Ten words: one two three four five six seven eight.\n\n```\ncode code code code code code code\n```"
    )
    assert content_rules.length_problems(article_page(body + " [x](https://a.example/b/c/d/e)"), RULES) == []
    assert content_rules.length_problems(article_page("Short.", draft=True), RULES) == []
    hub = SitePage("hub/index.md", "docs/hub/index.md", "hub/", front=parse(page("Hub", "Short."), "x")[0])
    assert content_rules.length_problems(hub, RULES) == []


def test_an_article_needs_its_sources():
    found = messages(content_rules.source_count_problems(article_page("[one](https://example.org/a)"), RULES))
    assert found == [
        "docs/hub/a.md:11: the article links 1 source — link at least 2, each where its claim is first made "
        "(the primary source: the paper, the statute, the vendor's page)"
    ]
    assert documented(found[0])
    assert content_rules.source_count_problems(article_page(SOURCES), RULES) == []
    same_twice = (
        "[one](https://example.org/a) [again](https://example.org/a)\n\n```\n](https://example.org/c)\n```"
    )
    # The same address twice, and one in code, are one source: the same problem as above.
    assert messages(content_rules.source_count_problems(article_page(same_twice), RULES)) == found
    reference = "[one][1] [two](https://example.org/b)\n\n[1]: https://example.org/a"
    assert content_rules.source_count_problems(article_page(reference), RULES) == []


def test_mirrors_and_summaries_are_refused_with_subdomains_but_not_lookalikes():
    body = "[a](https://www.mondaq.com/x) [b](https://notmondaq.com/y) <https://d1.cloudfront.net/z>"
    found = messages(content_rules.weak_source_problems(article_page(body, draft=True), ContentRules()))
    assert found == [
        "docs/hub/a.md:12:5: 'www.mondaq.com' is a mirror or summary site, not a source — cite the primary source "
        "(the paper, the statute, the regulator, the union, the vendor)",
        "docs/hub/a.md:12:61: 'd1.cloudfront.net' is a mirror or summary site, not a source — cite the primary "
        "source (the paper, the statute, the regulator, the union, the vendor)",
    ]
    assert all(documented(m) for m in found)


def test_the_build_holds_articles_to_the_rules_and_the_preview_shows_them(site):
    files = minimal_site(
        **{
            "docs/hub/article.md": article(
                "Article", "Too short. [x](https://www.mondaq.com/x)", read_next=["hub/index.md"]
            ),
            "glossary/model.yml": (
                "term: model\nshort: Learned patterns.\ndefinition: What training leaves.\n"
                "sources:\n  - title: A mirror\n    url: https://arxiv-vanity.com/papers/1\n"
            ),
        }
    )
    result = site(files, config={"extra": {"hub": {"articles": REAL_RULES}}})
    assert result.problems == [
        "docs/hub/article.md:1: no other page cites this article — add it to a related article's read_next, or "
        "link to it where another page mentions its subject",
        "docs/hub/article.md:11: the article has 3 words — write at least 900: the hub's articles have 900 to "
        "2,000 words of substance",
        "docs/hub/article.md:11: the article links 1 source — link at least 3, each where its claim is first made "
        "(the primary source: the paper, the statute, the vendor's page)",
        "docs/hub/article.md:11:16: 'www.mondaq.com' is a mirror or summary site, not a source — cite the primary "
        "source (the paper, the statute, the regulator, the union, the vendor)",
        "glossary/model.yml:5: 'arxiv-vanity.com' is a mirror or summary site, not a source — cite the primary "
        "source (the paper, the statute, the regulator, the union, the vendor)",
    ]
    assert all(documented(m) for m in result.problems)
    preview = site({}, strict=False, config={"extra": {"hub": {"articles": REAL_RULES}}})
    html = preview.html("hub/article/index.html")
    assert "4 problems to fix before this page can be published" in html
    assert "no other page cites this article" in html


def test_an_article_another_page_cites_is_not_warned_about(site):
    files = minimal_site(
        **{"docs/hub/index.md": page("Hub", "Start with [the article](article.md).\n\n<!-- articles -->")}
    )
    rules = {**REAL_RULES, "words": [0, 5000], "sources": 0}
    assert site(files, config={"extra": {"hub": {"articles": rules}}}).problems == []


# --- Diagrams ---------------------------------------------------------------------------

GOOD_SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" role="img" aria-labelledby="t d">
<title id="t">Stages</title><desc id="d">Three boxes in a row.</desc>
<style>rect { fill: #fff } @media (prefers-color-scheme: dark) { rect { fill: #000 } }</style>
<rect width="100" height="50"/></svg>"""


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("", ""), None),
        (
            (' role="img"', ""),
            'the diagram has no role="img" — add it to the <svg> element, so screen readers treat it as a picture',
        ),
        (
            (' viewBox="0 0 100 50"', ""),
            'the diagram has no viewBox — add viewBox="0 0 WIDTH HEIGHT" to the <svg> element, so it scales',
        ),
        (
            ('<desc id="d">Three boxes in a row.</desc>', ""),
            "the diagram's first two elements must be <title> and <desc> — add a short name and a full "
            "description of what it shows, right after the <svg> line",
        ),
        (
            ('aria-labelledby="t d"', 'aria-labelledby="d t"'),
            "the diagram's aria-labelledby must name the ids of its <title> and <desc> — give both an id and "
            'write aria-labelledby="TITLE-ID DESC-ID" on the <svg> element',
        ),
        (
            ("@media (prefers-color-scheme: dark)", "@media print"),
            "the diagram has no dark colours — add a '@media (prefers-color-scheme: dark)' section to its <style> "
            "with the colours for dark pages",
        ),
        (
            ('<rect width="100" height="50"/>', '<rect width="90" height="50"/>'),
            "the diagram has no background panel — draw a <rect> as large as the viewBox first, filled with the "
            "page colour of each scheme, so its text stays readable",
        ),
    ],
)
def test_a_diagram_is_named_described_and_readable_in_both_schemes(change, message):
    svg = GOOD_SVG.replace(*change) if change[0] else GOOD_SVG
    found = [p.message for p in diagrams.diagram_problems(svg.encode(), "docs/assets/diagrams/x.svg")]
    assert found == ([message] if message else [])
    if message:
        assert documented(message)


def test_the_build_checks_diagrams_but_not_other_pictures(site):
    bare = GOOD_SVG.replace(' role="img"', "")
    result = site(minimal_site(**{"docs/assets/diagrams/x.svg": bare, "docs/assets/logo.svg": bare}))
    assert result.problems == [
        'docs/assets/diagrams/x.svg:1: the diagram has no role="img" — add it to the <svg> element, so screen '
        "readers treat it as a picture"
    ]
