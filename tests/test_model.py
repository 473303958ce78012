"""The model the hooks share: which terms each article uses, and hooks that need no order.

The glossary page's "Used in" lists are read from each article's source
(filmhub.term_use), and every per-build object is made in one place
(filmhub.state), so the order of `hooks:` in mkdocs.yml changes nothing.
"""

from __future__ import annotations

import filecmp
import re

import pytest

from filmhub.glossary import Glossary, Term
from filmhub.markers import Marker
from filmhub.site import SitePage
from filmhub.term_use import articles_using, terms_used
from filmhub.tooltips import names_pattern
from filmhub.yaml_mapping import FrontMatter
from sitebuilder import GLOSSARY_AI, HOOKS, article, build_site, minimal_site

GLOSSARY = Glossary(
    {
        "ai": Term("ai", "AI", "s", "d", "glossary/ai.yml", aliases=["artificial intelligence"]),
        "drift": Term("drift", "drift", "s", "d", "glossary/drift.yml", not_after=frozenset({"can"})),
        "optical-flow": Term("optical-flow", "optical flow", "s", "d", "glossary/optical-flow.yml"),
    }
)
PATTERN = names_pattern(GLOSSARY)
# The same names as one flat alternation, longest first: what the grouped pattern must match alike.
FLAT = "|".join(
    [
        r"artificial[\s-]+intelligence(?:s|es)?(?![\w-])",
        r"optical[\s-]+flow(?:s|es)?(?![\w-])",
        r"drift(?:s|es)?(?![\w-])",
        r"(?-i:AI)s?(?!\w)",
    ]
)


def article_page(body: str, src_uri: str = "hub/a.md", **front: object) -> SitePage:
    return SitePage(
        src_uri, f"docs/{src_uri}", "hub/a/", front=FrontMatter(values=front, body=body, read=True)
    )


def test_a_term_in_prose_a_heading_or_a_link_text_is_used():
    page = article_page("# About AI\n\nShots [drift apart](other.md) when\n\noptical\nflow is off.\n")
    assert terms_used(page, GLOSSARY, PATTERN) == {"ai", "drift", "optical-flow"}


def test_code_comments_addresses_alt_text_tags_and_attribute_lists_are_not_prose():
    page = article_page(
        "`AI` in code.\n\n```\ndrift\n```\n\n<!-- optical flow -->\n\n[link](../ai/drift.md)\n\n"
        '![optical flow diagram](x.svg)\n\n<span title="AI">text</span>\n\nWords {: title="drift" }\n'
    )
    assert terms_used(page, GLOSSARY, PATTERN) == set()


def test_a_name_after_one_of_its_not_after_words_is_another_sense():
    assert terms_used(article_page("The colour can drift.\n"), GLOSSARY, PATTERN) == set()
    assert terms_used(article_page("The colour shows drift.\n"), GLOSSARY, PATTERN) == {"drift"}


def test_a_definition_block_counts_as_use_and_an_unknown_one_does_not():
    page = article_page("Text.\n")
    page.markers = [Marker("definition", "ai", 3), Marker("definition", "nope", 4)]
    assert terms_used(page, GLOSSARY, PATTERN) == {"ai"}


MENTIONS = [
    ("AI and ai, AIs, AI-assisted, the AIS", [(0, 2), (11, 14), (16, 18), (33, 36)]),
    (
        "Artificial-intelligences drift; DRIFTS, driftes, drift-free, undrift",
        [(0, 24), (25, 30), (32, 38), (40, 47)],
    ),
    ("optical  flow, Optical-Flows, opticalflow", [(0, 13), (15, 28)]),
    ("artıfıcial İntelligence, driftſ, ARTIFICIAL INTELLIGENCE", [(0, 23), (25, 31), (33, 56)]),
    ("", []),
]


@pytest.mark.parametrize(("text", "spans"), MENTIONS)
def test_the_term_list_finds_the_mentions_the_tooltips_pattern_finds(text, spans):
    assert [m.span() for m in PATTERN.finditer(text)] == spans
    assert [m.span() for m in re.finditer(r"(?<![\w-])(?:" + FLAT + ")", text, re.IGNORECASE)] == spans


def test_a_name_starting_with_a_letter_re_folds_or_a_digit_is_found_the_same_way():
    glossary = Glossary(
        {
            slug: Term(slug, name, "s", "d", f"glossary/{slug}.yml", aliases=aliases)
            for slug, name, aliases in [
                ("inpainting", "inpainting", []),
                ("keyframe", "keyframe", ["KF"]),
                ("storyboard", "storyboard", ["SFX"]),
                ("4k", "4K", []),
            ]
        }
    )
    # re, ignoring case, takes a dotted İ or dotless ı for an 'i', the Kelvin sign for a 'k', a long ſ for an 's'
    text = "İnpainting, ınpainting, \u212aeyframe, \u212aF, KF, kf, ſtoryboard, SFX, ſFX, 4K, 4k, 4Ks."
    spans = [(0, 10), (12, 22), (24, 32), (38, 40), (46, 56), (58, 61), (68, 70), (76, 79)]
    assert [m.span() for m in names_pattern(glossary).finditer(text)] == spans


def test_names_that_start_with_other_characters_keep_the_flat_alternation():
    glossary = Glossary({"eval": Term("eval", "ÉVAL", "s", "d", "glossary/eval.yml")})
    assert names_pattern(glossary).pattern == r"(?<![\w-])(?:(?-i:ÉVAL)s?(?!\w))"
    assert names_pattern(Glossary()) is None


def test_only_published_articles_are_listed_as_using_a_term():
    published = article_page("About AI.\n", "hub/published.md")
    draft = article_page("About AI.\n", "hub/draft.md", draft=True)
    hub_page = article_page("About AI.\n", "hub/index.md")
    pillar = article_page("About AI.\n", "index.md")
    assert articles_using([published, draft, hub_page, pillar], GLOSSARY) == {"ai": [published]}


def test_the_order_of_the_hooks_in_mkdocs_yml_changes_nothing(tmp_path):
    files = minimal_site(
        **{
            "glossary/ai.yml": GLOSSARY_AI,
            "docs/hub/second.md": article(
                "Second", "More on AI, [back](article.md).", read_next=["hub/article.md"]
            ),
        }
    )
    listed = build_site(tmp_path / "listed", files)
    reversed_ = build_site(tmp_path / "reversed", files, config={"hooks": HOOKS[::-1]})
    assert listed.ok and reversed_.ok, (listed.errors, reversed_.errors)
    assert listed.problems == reversed_.problems
    pages = sorted(p.relative_to(listed.site_dir) for p in listed.written_pages())
    assert pages == sorted(p.relative_to(reversed_.site_dir) for p in reversed_.written_pages())
    _, mismatch, errors = filecmp.cmpfiles(listed.site_dir, reversed_.site_dir, pages, shallow=False)
    assert (mismatch, errors) == ([], [])
    assert "Second" in listed.html("glossary/index.html")


def test_making_the_feed_changes_no_process_wide_state():
    import xml.etree.ElementTree as etree

    from filmhub.seo import atom_feed
    from filmhub.site import Site

    before = dict(etree._namespace_map)
    feed = atom_feed(Site(), "https://hub.example.org/", "Hub", "About")
    assert dict(etree._namespace_map) == before
    assert etree.fromstring(feed.split("\n", 1)[1]).tag == "{http://www.w3.org/2005/Atom}feed"
