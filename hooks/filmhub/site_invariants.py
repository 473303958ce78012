"""Site invariants: what every good build of the hub has, checked on the built site alone.

The hooks make a large part of the site: the glossary page, each hub's list
of articles, the Read Next cards, bylines and JSON-LD, the feed. A generator
that skips `hooks:` (MkDocs 2.0 drops them; Zensical ignores them today)
still exits 0 and writes a site without any of it, and without any of the
checks either. This check fails such a build whatever made it, because it
reads only the output, plus docs/ and glossary/ to know what must be there:

- the glossary page exists and has an entry (`<h3 id="SLUG">`) for every
  glossary/SLUG.yml;
- every hub page has its article list, and it lists every published article
  in the hub's folder and nothing else;
- every published article has Read Next cards, a byline and JSON-LD that parses;
- feed.xml is an Atom feed and sitemap.xml a sitemap, both well-formed XML.

The hub publishes with directory URLs (`use_directory_urls: true`), so
docs/ethics/disclosure.md is ethics/disclosure/index.html in the site.

    python -m filmhub.site_invariants site/ [--docs docs] [--glossary glossary]

`make build` runs it on the new site before it replaces site/, `make test`
on a fresh build of the real site, and CI after every build.
"""

from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from filmhub.front_matter import parse
from filmhub.site import ARTICLE, HUB, classify
from filmhub.urls import directory_url

GLOSSARY_URL = "glossary/"
FEED, SITEMAP = "feed.xml", "sitemap.xml"
ATOM_FEED = "{http://www.w3.org/2005/Atom}feed"
SITEMAP_URLSET = "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
# Only for resolving a page's relative links into site-relative URLs.
_BASE = "http://site.invalid/"


@dataclass
class Expected:
    """What the sources say the site must hold."""

    hubs: dict[str, str] = field(default_factory=dict)  # hub URL ("ethics/") -> its source path
    articles: dict[str, dict[str, str]] = field(default_factory=dict)  # hub URL -> {article URL: source}
    terms: list[str] = field(default_factory=list)  # glossary slugs, from the file names


def _is_draft(path: Path) -> bool:
    front, _ = parse(path.read_text(encoding="utf-8", errors="replace"), path.name)
    return front.get("draft") is True


def expected(docs: Path, glossary: Path, docs_shown: str = "docs") -> Expected:
    """The hubs, published articles and glossary terms that docs/ and glossary/ hold."""
    wanted = Expected()
    pages = sorted(docs.rglob("*.md")) if docs.is_dir() else []
    for path in pages:
        src_uri = path.relative_to(docs).as_posix()
        # MkDocs leaves out dot-files and dot-folders.
        if any(part.startswith(".") for part in src_uri.split("/")) or not path.is_file():
            continue
        kind, hub = classify(src_uri)
        source = f"{docs_shown}/{src_uri}"
        if kind == HUB:
            wanted.hubs[directory_url(src_uri)] = source
            wanted.articles.setdefault(directory_url(src_uri), {})
        elif kind == ARTICLE and not _is_draft(path):
            wanted.articles.setdefault(f"{hub}/", {})[directory_url(src_uri)] = source
    if glossary.is_dir():
        names = [*glossary.glob("*.yml"), *glossary.glob("*.yaml")]
        wanted.terms = sorted(p.stem for p in names if not p.name.startswith("."))
    return wanted


def _html(site: Path, url: str) -> LexborHTMLParser | None:
    path = site / url / "index.html"
    if not path.is_file():
        return None
    return LexborHTMLParser(path.read_text(encoding="utf-8", errors="replace"))


def _glossary(site: Path, terms: list[str]) -> list[str]:
    where = f"{GLOSSARY_URL}index.html"
    tree = _html(site, GLOSSARY_URL)
    if tree is None:
        return [f"{where}: the glossary page is missing — hooks/glossary.py makes it from glossary/*.yml"]
    ids = {node.attributes.get("id") for node in tree.css("h3[id]")}
    return [
        f"{where}: no entry for '{slug}' (glossary/{slug}.yml) — the glossary page lists every term"
        for slug in terms
        if slug not in ids
    ]


def _listed(tree: LexborHTMLParser, url: str) -> set[str]:
    """Site-relative URLs ("ethics/disclosure/") the page's article list links to."""
    return {
        urlsplit(urljoin(_BASE + url, link.attributes.get("href") or "")).path.lstrip("/")
        for link in tree.css(".hub-list a.hub-list__title")
    }


def _hub(site: Path, url: str, source: str, articles: dict[str, str]) -> list[str]:
    where = f"{url}index.html"
    tree = _html(site, url)
    if tree is None:
        return [f"{where}: the hub page is missing ({source})"]
    if tree.css_first(".hub-list") is None:
        return [
            f"{where}: no article list — hooks/hub_lists.py puts one where {source} has <!-- articles -->"
        ]
    listed = _listed(tree, url)
    problems = [
        f"{where}: the article list lacks {article} ({articles[article]})"
        for article in sorted(articles)
        if article not in listed
    ]
    problems += [
        f"{where}: the article list links to {extra}, which is not a published article of this hub"
        for extra in sorted(listed - set(articles))
    ]
    return problems


def _article(site: Path, url: str, source: str) -> list[str]:
    where = f"{url}index.html"
    tree = _html(site, url)
    if tree is None:
        return [f"{where}: the article is missing ({source})"]
    problems = []
    if tree.css_first("a.hub-card__link") is None:
        problems.append(f"{where}: no Read Next cards — hooks/read_next.py adds them from 'read_next'")
    if tree.css_first(".hub-byline") is None:
        problems.append(f"{where}: no byline — hooks/front_matter.py adds the dates and reading time")
    scripts = tree.css('script[type="application/ld+json"]')
    if not scripts:
        problems.append(f"{where}: no JSON-LD — hooks/seo.py adds the page's structured data")
    for script in scripts:
        try:
            json.loads(script.text())
        except ValueError as error:
            problems.append(f"{where}: the JSON-LD is not valid JSON ({error})")
    return problems


def _xml(site: Path, name: str, root_tag: str, what: str, maker: str) -> list[str]:
    path = site / name
    if not path.is_file():
        return [f"{name}: the {what} is missing — {maker} makes it"]
    try:
        root = etree.fromstring(path.read_bytes())
    except etree.ParseError as error:
        return [f"{name}: the {what} is not well-formed XML ({error})"]
    if root.tag != root_tag:
        return [f"{name}: the {what} has <{root.tag}> at its root, not <{root_tag}>"]
    return []


def broken(site: Path, wanted: Expected) -> list[str]:
    """One line per broken invariant, each starting with the file's path in the site."""
    problems = _glossary(site, wanted.terms)
    for url, source in sorted(wanted.hubs.items()):
        problems += _hub(site, url, source, wanted.articles.get(url, {}))
    for url in sorted(wanted.articles):
        for article, source in sorted(wanted.articles[url].items()):
            problems += _article(site, article, source)
    problems += _xml(site, FEED, ATOM_FEED, "feed", "hooks/seo.py")
    problems += _xml(site, SITEMAP, SITEMAP_URLSET, "sitemap", "the theme's sitemap.xml template")
    return problems


def report(lines: list[str], shown: str, consequence: str = "do not publish this site") -> str:
    """The closing line after a list of broken invariants."""
    count = len(lines)
    return (
        f"{count} broken invariant{'s' if count != 1 else ''} in {shown} — "
        f"the build skipped or lost the hub's hooks; {consequence}."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m filmhub.site_invariants", description=__doc__.splitlines()[0]
    )
    parser.add_argument("site", type=Path, help="the built site, e.g. site/")
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="the pages (default: docs)")
    parser.add_argument(
        "--glossary", type=Path, default=Path("glossary"), help="the terms (default: glossary)"
    )
    args = parser.parse_args(argv)
    shown = args.site.as_posix().rstrip("/") + "/"
    if not args.site.is_dir():
        print(f"{shown}: no built site here — build it first (make build)", file=sys.stderr)
        return 1
    wanted = expected(args.docs, args.glossary, args.docs.as_posix().rstrip("/"))
    lines = broken(args.site, wanted)
    for line in lines:
        print(f"{shown}{line}", file=sys.stderr)
    if lines:
        print(report(lines, shown), file=sys.stderr)
        return 1
    articles = sum(len(a) for a in wanted.articles.values())
    print(
        f"{shown}: every invariant holds ({len(wanted.terms)} glossary terms, "
        f"{len(wanted.hubs)} hubs, {articles} articles, the feed and the sitemap)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
