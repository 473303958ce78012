"""Promises the hub's editors keep about the site as a whole, and how the real site renders.

Every rule a writer's article must meet (length, sources, Read Next, being
cited, diagrams, weak sources, dates) is a build check, tested in
test_content_rules.py and listed in CONTRIBUTING's error table. What is left
here is only for the hub's own editors: each hub has articles and a diagram,
the pillar guide names articles that exist, the glossary is used.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import pytest
from mkdocs.utils.yaml import yaml_load
from selectolax.lexbor import LexborHTMLParser

from filmhub.front_matter import parse
from filmhub.site import classify
from sitebuilder import REPO

DOCS = REPO / "docs"
SVG = "{http://www.w3.org/2000/svg}"
DIAGRAMS = sorted((DOCS / "assets/diagrams").glob("*.svg"))
HUBS = ["fundamentals", "generative-video", "pre-production", "screenwriting", "post-production", "ethics"]
NAMED = [
    ("fundamentals", "What Is AI? A Plain-English Guide for Creators"),
    ("fundamentals", "Limits and Failure Modes in AI Output"),
    ("generative-video", "AI Video Generators Explained: Limits and Uses"),
    ("pre-production", "AI for Script Breakdown (What It Can Automate Safely)"),
    ("screenwriting", "AI for Screenwriting: What It's Good For (And What It Isn't)"),
    ("post-production", "AI Editing Assistants: What They Automate vs. What You Must Decide"),
    ("ethics", "Consent and Digital Replicas: What Creators Should Know"),
    ("fundamentals", "AI Tools for Filmmaking"),
]


def article_sources() -> list[str]:
    """The articles' paths from docs/, found by name only: nothing is read while tests are collected."""
    sources = (path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.md"))
    return sorted(src for src in sources if classify(src)[0] == "article")


@pytest.fixture(scope="module")
def articles() -> dict:
    """Each article's front matter (and body), parsed as the build parses it."""
    return {src: parse((DOCS / src).read_text(encoding="utf-8"), src)[0] for src in article_sources()}


def test_every_hub_has_at_least_three_articles(articles):
    for hub in HUBS:
        assert sum(src.startswith(f"{hub}/") for src in articles) >= 3, hub
    assert len(articles) >= 20


def test_the_articles_the_pillar_names_exist_in_their_hubs(articles):
    titles = {(src.split("/")[0], front.get("title")) for src, front in articles.items()}
    for hub, title in NAMED:
        assert any(h == hub and t.startswith(title) for h, t in titles), title


def test_the_pillar_uses_the_shared_definition_and_lists_the_hubs():
    body = parse((DOCS / "index.md").read_text(encoding="utf-8"), "index.md")[0].body
    assert "<!-- definition: ai -->" in body
    assert "<!-- hubs -->" in body
    assert "assets/diagrams/production-stages.svg" in body


def test_each_hub_has_a_diagram_somewhere_in_it():
    for hub in HUBS:
        texts = [p.read_text(encoding="utf-8") for p in (DOCS / hub).glob("*.md")]
        assert any("../assets/diagrams/" in text for text in texts), hub


def used_in(glossary_html: str) -> dict[str, list[str]]:
    """Each glossary entry's id, and the addresses its 'Used in:' line links to (none: not used)."""
    used, term = {}, None
    entries = LexborHTMLParser(glossary_html).css_first("h3").parent
    for node in entries.iter():
        if node.tag in ("h2", "h3"):
            term = node.attributes["id"] if node.tag == "h3" else None
            if term:
                used[term] = []
        elif term and node.tag == "p" and (node.css_first("em") or node).text() == "Used in:":
            used[term] = [link.attributes["href"] for link in node.css("a")]
    return used


def test_the_glossary_has_thirty_terms_the_articles_use(real_site):
    used = used_in((real_site / "glossary/index.html").read_text(encoding="utf-8"))
    assert "ai" in used and len(used["ai"]) >= 20, "the shared definition of AI is used across the hubs"
    assert len([term for term, pages in used.items() if pages]) >= 30


@pytest.mark.parametrize("path", DIAGRAMS, ids=lambda p: p.name)
def test_diagram_labels_are_14_px_or_more_at_the_diagrams_own_size(path):
    # Opened full size, or on a phone, a diagram is shown at its `width`: its
    # labels must be readable there (CONTRIBUTING, "Diagrams").
    root = etree.fromstring(path.read_text(encoding="utf-8"))
    scale = float(root.get("width", "0")) / float(root.get("viewBox").split()[2])
    # Sizes in attributes, and in the styles of <style> elements and style attributes.
    styles = [element.text or "" for element in root.iter(f"{SVG}style")]
    styles += [element.get("style") for element in root.iter() if element.get("style")]
    sizes = [float(element.get("font-size")) for element in root.iter() if element.get("font-size")]
    sizes += [float(size) for style in styles for size in re.findall(r"font-size\s*:\s*([\d.]+)", style)]
    assert sizes, "labels have a font size"
    assert min(sizes) * scale >= 14, f"the smallest label is {min(sizes) * scale:g} px"


@pytest.mark.parametrize("src", article_sources())
def test_each_built_article_has_its_cards_and_the_ai_tooltip(real_site, articles, src):
    tree = LexborHTMLParser((real_site / src.removesuffix(".md") / "index.html").read_text(encoding="utf-8"))
    assert len(tree.css("nav.hub-read-next a.hub-card__link")) == len(articles[src].get("read_next"))
    assert tree.css_first("aside.hub-backlinks #referenced-by"), (
        "the build warns about an article no page cites"
    )
    tooltips = [
        link.attributes["href"]
        for link in tree.css("span.hub-term > a.hub-term__link")
        if link.text() == "AI"
    ]
    expected = ["../../glossary/#ai"] if re.search(r"\bAI\b", articles[src].body) else []
    assert tooltips == expected, "the first AI, and only the first, links to its glossary entry"


def mkdocs_config() -> dict:
    with (REPO / "mkdocs.yml").open("rb") as file:
        return yaml_load(file)


def test_every_article_and_hub_links_to_its_source_for_editing(real_site):
    edit_uri = mkdocs_config()["edit_uri"]
    assert edit_uri == "https://github.com/OWNER/REPO/edit/main/docs/", "absolute, and README says to set it"
    pages = [src for src in (p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")) if src != "index.md"]
    assert len(pages) == len(article_sources()) + len(HUBS)
    for src in ["index.md", *sorted(pages)]:
        built = real_site / src.removesuffix(".md").removesuffix("index") / "index.html"
        html = built.read_text(encoding="utf-8")
        assert (
            f'<a href="{edit_uri}{src}" title="Edit this page" class="md-content__button md-icon" rel="edit">'
            in html
        )


def test_the_edit_link_asks_github_for_nothing_in_readers_browsers():
    assert "repo_url" not in mkdocs_config(), (
        "with repo_url, Material fetches the repository's stars from GitHub"
    )
