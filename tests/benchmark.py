"""How much the hooks add to a build, at scale: `make bench` (ARTICLES=2000).

Writes a synthetic hub of N articles (six hubs, links between articles, Read
Next lists, glossary terms in the text) into a temporary folder, builds it
with the project's real setup once with the hooks and once without, and
prints both CPU times (best of three) and the hooks' share. Then, in
Chromium, what a reader downloads from that site: an article's first load
and one search (tests/page_weight.py). Everything is printed and written to
test-output/bench-N.json. A measurement, not a test: it runs on demand,
never in `make test`.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import tempfile
import time
from pathlib import Path

import yaml
from page_weight import CHROMIUM_FLAGS, chromium, first_load_and_search, serving

from sitebuilder import GLOSSARY_AI, HOOKS, RELAXED_RULES, REPO, page

# The article measured, and a word every article has: the search that
# matches the most pages.
ARTICLE = "fundamentals/article-00000/"
SEARCH_WORD = "transcript"
HUBS = ["fundamentals", "generative-video", "pre-production", "screenwriting", "post-production", "ethics"]
PARAGRAPH = (
    "An editor checks every transcript line against the audio, because the model can invent words around "
    "long pauses. Drift shows up when a generated shot runs past a few seconds, and AI output stays a draft "
    "until someone compares it with the source. "
)


def synthetic_site(root: Path, count: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    names = [(HUBS[i % len(HUBS)], f"article-{i:05d}") for i in range(count)]

    def write(rel: str, text: str) -> None:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")

    write("glossary/ai.yml", GLOSSARY_AI)
    write(
        "glossary/drift.yml",
        "term: drift\nshort: Things changing between shots that should match.\ndefinition: Full text.\n",
    )
    write("docs/index.md", page("Pillar", "<!-- definition: ai -->\n\n<!-- hubs -->"))
    for order, hub in enumerate(HUBS, 1):
        write(f"docs/{hub}/index.md", page(hub.title(), "Articles:\n\n<!-- articles -->", order=order))
    for i, (hub, name) in enumerate(names):
        others = rng.sample(names, 4)
        links = " ".join(f"[see {n}](../{h}/{n}.md#section-2)" for h, n in others[:2])
        body = "\n\n".join(f"## Section {s}\n\n{PARAGRAPH * 3}{links if s == 1 else ''}" for s in range(1, 5))
        read_next = [f"{h}/{n}.md" for h, n in others[2:] if n != name] or ["index.md"]
        write(f"docs/{hub}/{name}.md", page(f"Article {i}", body, read_next=read_next))


def write_config(root: Path, hooks: list[str]) -> Path:
    """The synthetic site's mkdocs.yml: the project's own setup, with `hooks` (or none)."""
    settings = {
        "INHERIT": str(REPO / "mkdocs.yml"),
        "site_url": "https://hub.example.org/",
        "nav": ["index.md", *({hub.title(): [f"{hub}/index.md"]} for hub in HUBS), "glossary.md"],
        "theme": {"custom_dir": str(REPO / "overrides")},
        "hooks": hooks,
        "watch": [],
        # Synthetic articles are short: the rules still run, but log nothing.
        "extra": {"hub": {"articles": RELAXED_RULES}},
    }
    if not hooks:  # without the hooks there is no generated glossary page to list
        settings["nav"] = settings["nav"][:-1]
        settings["validation"] = {
            "links": {"not_found": "info", "anchors": "info", "unrecognized_links": "info"}
        }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(settings, sort_keys=False))
    return root / "mkdocs.yml"


def build_time(root: Path, hooks: list[str]) -> float:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(write_config(root, hooks)), strict=False)
    # CPU time, not wall time: other work on the machine barely moves it.
    start = time.process_time()
    build(config)
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3, help="the best of this many builds is reported")
    args = parser.parse_args(argv)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        synthetic_site(root, args.articles)
        without = min(build_time(root, []) for _ in range(args.runs))
        with_hooks = min(build_time(root, HOOKS) for _ in range(args.runs))
        reader = reader_bytes(root / "site")  # the last build was with the hooks, so with the search index
    share = (with_hooks - without) / with_hooks
    print(
        f"{args.articles} articles, CPU time: {without:.2f} s without the hooks, {with_hooks:.2f} s with them"
    )
    print(f"The hooks' share of the build: {share:.1%}")
    if reader:
        print(
            f"An article's first load: {reader['first_load_bytes']:,} bytes; one search for "
            f"'{SEARCH_WORD}': {reader['search_bytes']:,} bytes, {reader['search_ms']:,} ms to show "
            f"{reader['results_shown']} results (bytes as a host sends them, gzipped)"
        )
    results = REPO / "test-output" / f"bench-{args.articles}.json"
    results.parent.mkdir(exist_ok=True)
    results.write_text(
        json.dumps(
            {
                "articles": args.articles,
                "cpu_seconds_without_hooks": round(without, 3),
                "cpu_seconds_with_hooks": round(with_hooks, 3),
                "hooks_share": round(share, 4),
                **reader,
            },
            indent=1,
        )
        + "\n"
    )
    print(f"Written to {results.relative_to(REPO)}")
    return 0


def reader_bytes(site_dir: Path) -> dict[str, int]:
    """An article's first-load bytes and one search's, in Chromium; nothing if there is no Chromium."""
    executable = chromium()
    if executable is None:
        print("Chromium is not installed (sudo apt-get install chromium): the page weights were not measured")
        return {}
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, serving(site_dir) as address:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            return first_load_and_search(browser, address + ARTICLE, SEARCH_WORD)
        finally:
            browser.close()


if __name__ == "__main__":
    sys.exit(main())
