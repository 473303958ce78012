"""The hub's content keeps its promises: substance, sources, next steps, pictures."""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as etree
from urllib.parse import urlsplit

import pytest

from filmhub.front_matter import parse
from filmhub.site import classify
from filmhub.textscan import word_count
from sitebuilder import REPO

DOCS = REPO / "docs"
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


@pytest.mark.parametrize("src", sorted(ARTICLES))
def test_each_article_has_substance_sources_and_a_next_step(src):
    front = ARTICLES[src]
    assert 900 <= word_count(front.body) <= 2000, "900 to 2,000 words"
    sources = set(re.findall(r"\]\((https?://[^)\s]+)\)", front.body))
    assert len(sources) >= 3, "at least three source links"
    assert 1 <= len(front.get("read_next") or []) <= 4


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


SVG = "{http://www.w3.org/2000/svg}"
DIAGRAMS = sorted((DOCS / "assets/diagrams").glob("*.svg"))


@pytest.mark.parametrize("path", DIAGRAMS, ids=lambda p: p.name)
def test_diagrams_are_accessible_self_contained_and_readable_in_both_schemes(path):
    text = path.read_text(encoding="utf-8")
    root = etree.fromstring(text)
    assert root.get("role") == "img" and root.get("viewBox")
    first, second = list(root)[:2]
    assert (first.tag, second.tag) == (f"{SVG}title", f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{first.get('id')} {second.get('id')}"
    assert "@media (prefers-color-scheme: dark)" in text
    width, height = map(float, root.get("viewBox").split()[2:])
    panels = [
        r
        for r in root.iter(f"{SVG}rect")
        if float(r.get("width", 0)) >= 0.97 * width and float(r.get("height", 0)) >= 0.97 * height
    ]
    assert panels, "a full-size background panel keeps the text readable on any page colour"
    assert not re.search(r"(?:href|src)=\"(?:https?:)?//", text), "no external references"
    assert "<script" not in text and "<image" not in text and "@import" not in text


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
def test_each_built_article_has_cards_backlinks_and_the_ai_tooltip(real_site, src):
    html = (real_site / src.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
    assert html.count('class="hub-card__link"') == len(ARTICLES[src].get("read_next"))
    assert 'id="referenced-by"' in html, "some page cites every article"
    first_ai = re.search(r'<a [^>]*class="hub-term__link"[^>]*>AI</a>', html) or re.search(
        r'<a [^>]*>AI</a><span class="hub-term__box"', html
    )
    assert first_ai and "glossary/#ai" in first_ai.group(0), "the first AI links to its glossary entry"


WEAK_SOURCES = [
    line.strip()
    for line in (REPO / "tests/data/weak_source_domains.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


def _hosts(text: str) -> list[str]:
    return [urlsplit(url).hostname or "" for url in re.findall(r"https?://[^\s)\"'<>]+", text)]


def test_no_page_or_glossary_entry_cites_a_mirror_or_summary_domain():
    files = sorted(DOCS.rglob("*.md")) + sorted((REPO / "glossary").glob("*.yml"))
    cited = {
        f"{path.relative_to(REPO)}: {host}"
        for path in files
        for host in _hosts(path.read_text(encoding="utf-8"))
        if any(host == domain or host.endswith("." + domain) for domain in WEAK_SOURCES)
    }
    assert sorted(cited) == [], "cite the primary source instead (tests/data/weak_source_domains.txt)"


def test_the_weak_source_check_sees_subdomains_and_ignores_lookalikes():
    hosts = _hosts("[a](https://www.mondaq.com/x) [b](https://notmondaq.com/y) <https://d1.cloudfront.net/z>")
    weak = [h for h in hosts if any(h == d or h.endswith("." + d) for d in WEAK_SOURCES)]
    assert weak == ["www.mondaq.com", "d1.cloudfront.net"]


def test_every_page_says_when_its_facts_were_checked():
    for path in sorted(DOCS.rglob("*.md")):
        src = path.relative_to(DOCS).as_posix()
        front = parse(path.read_text(encoding="utf-8"), src)[0]
        if classify(src)[0] in ("pillar", "hub", "article"):
            assert isinstance(front.get("checked"), datetime.date), src
            assert front.get("checked") >= datetime.date(2026, 12, 1), src
