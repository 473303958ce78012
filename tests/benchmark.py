"""How much the hooks add to a build, at scale: `make bench` (ARTICLES=2000).

Writes a synthetic hub of N articles (six hubs, links between articles, Read
Next lists, glossary terms in the text) into a temporary folder, builds it
with the project's real setup once with the hooks and once without, and
prints both CPU times (best of three) and the hooks' share. A measurement,
not a test: it runs on demand, never in `make test`.
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
import tempfile
import time
from pathlib import Path

import yaml

from sitebuilder import GLOSSARY_AI, HOOKS, REPO, page

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


def build_time(root: Path, hooks: list[str]) -> float:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    settings = {
        "INHERIT": str(REPO / "mkdocs.yml"),
        "site_url": "https://hub.example.org/",
        "nav": ["index.md", *({hub.title(): [f"{hub}/index.md"]} for hub in HUBS), "glossary.md"],
        "theme": {"custom_dir": str(REPO / "overrides")},
        "hooks": hooks,
        "watch": [],
    }
    if not hooks:  # without the hooks there is no generated glossary page to list
        settings["nav"] = settings["nav"][:-1]
        settings["validation"] = {
            "links": {"not_found": "info", "anchors": "info", "unrecognized_links": "info"}
        }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(settings, sort_keys=False))
    config = load_config(str(root / "mkdocs.yml"), strict=False)
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
    share = (with_hooks - without) / with_hooks
    print(
        f"{args.articles} articles, CPU time: {without:.2f} s without the hooks, {with_hooks:.2f} s with them"
    )
    print(f"The hooks' share of the build: {share:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
