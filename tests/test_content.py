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

from filmhub.front_matter import parse
from filmhub.site import classify
from sitebuilder import REPO

DOCS = REPO / "docs"
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


def articles():
    found = {}
    for path in sorted(DOCS.rglob("*.md")):
        src = path.relative_to(DOCS).as_posix()
        if classify(src)[0] == "article":
            found[src] = parse(path.read_text(encoding="utf-8"), src)[0]
    return found


ARTICLES = articles()


def test_every_hub_has_at_least_three_articles():
    for hub in HUBS:
        assert sum(src.startswith(f"{hub}/") for src in ARTICLES) >= 3, hub
    assert len(ARTICLES) >= 20


def test_the_articles_the_pillar_names_exist_in_their_hubs():
    titles = {(src.split("/")[0], front.get("title")) for src, front in ARTICLES.items()}
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


def test_the_glossary_has_thirty_terms_the_articles_use(real_site):
    html = (real_site / "glossary/index.html").read_text(encoding="utf-8")
    entries = re.split(r'<h3 id="[a-z0-9-]+"', html)[1:]
    used = [entry for entry in entries if "Used in" in entry.split("<h2")[0]]
    assert len(used) >= 30


@pytest.mark.parametrize("path", DIAGRAMS, ids=lambda p: p.name)
def test_diagram_labels_are_14_px_or_more_at_the_diagrams_own_size(path):
    # Opened full size, or on a phone, a diagram is shown at its `width`: its
    # labels must be readable there (CONTRIBUTING, "Diagrams").
    root = etree.fromstring(path.read_text(encoding="utf-8"))
    scale = float(root.get("width", "0")) / float(root.get("viewBox").split()[2])
    sizes = [
        float(size)
        for size in re.findall(r"font-size\s*[:=]\s*\"?([\d.]+)", path.read_text(encoding="utf-8"))
    ]
    assert sizes, "labels have a font size"
    assert min(sizes) * scale >= 14, f"the smallest label is {min(sizes) * scale:g} px"


@pytest.mark.parametrize("src", sorted(ARTICLES))
def test_each_built_article_has_its_cards_and_the_ai_tooltip(real_site, src):
    html = (real_site / src.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
    assert html.count('class="hub-card__link"') == len(ARTICLES[src].get("read_next"))
    assert 'id="referenced-by"' in html, "the build warns about an article no page cites"
    if not re.search(r"\bAI\b", ARTICLES[src].body):
        return
    first_ai = re.search(r'<a [^>]*class="hub-term__link"[^>]*>AI</a>', html) or re.search(
        r'<a [^>]*>AI</a><span class="hub-term__box"', html
    )
    assert first_ai and "glossary/#ai" in first_ai.group(0), "the first AI links to its glossary entry"


def mkdocs_config() -> dict:
    with (REPO / "mkdocs.yml").open("rb") as file:
        return yaml_load(file)


def test_every_article_and_hub_links_to_its_source_for_editing(real_site):
    edit_uri = mkdocs_config()["edit_uri"]
    assert edit_uri == "https://github.com/OWNER/REPO/edit/main/docs/", "absolute, and README says to set it"
    pages = [src for src in (p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")) if src != "index.md"]
    assert len(pages) == len(ARTICLES) + len(HUBS)
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
