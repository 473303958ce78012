"""A synthetic hub of N articles, and the configurations `make bench` builds it with.

`synthetic_site(root, N)` writes six hubs of articles into `root` (links
between articles, Read Next lists, glossary terms in the text), the same
site at every run (a fixed seed). `write_config(root, setup)` writes a
mkdocs.yml for it, one of:

- FULL_STACK: the project's own setup, every hook (Pagefind too), as
  `make build` builds the real site;
- WITHOUT_SEARCH: the same without hooks/search.py, so Pagefind's own
  cost shows as its own line;
- NO_HOOKS: Material, overrides/, the Markdown extensions and plugins of
  mkdocs.yml, and no hooks: what the hooks add is FULL_STACK minus this;
- PLAIN: MkDocs' own `mkdocs` theme with the same Markdown extensions and
  nothing else (no hooks, no plugins, no custom_dir): the floor.

The browser tests (tests/test_browser.py) build small ones too.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

from sitebuilder import GLOSSARY_AI, HOOKS, RELAXED_RULES, REPO, page

HUBS = ["fundamentals", "generative-video", "pre-production", "screenwriting", "post-production", "ethics"]
PARAGRAPH = (
    "An editor checks every transcript line against the audio, because the model can invent words around "
    "long pauses. Drift shows up when a generated shot runs past a few seconds, and AI output stays a draft "
    "until someone compares it with the source. "
)
# The article whose first load, search and preview `make bench` measures,
# and its address in the built site.
ARTICLE_SOURCE = "docs/fundamentals/article-00000.md"
ARTICLE_URL = "fundamentals/article-00000/"

FULL_STACK = "full stack"
WITHOUT_SEARCH = "hooks without search"
NO_HOOKS = "no hooks"
PLAIN = "plain theme"
SETUPS = (FULL_STACK, WITHOUT_SEARCH, NO_HOOKS, PLAIN)
_SEARCH_HOOK = str(REPO / "hooks" / "search.py")


def synthetic_site(root: Path, count: int, seed: int = 1, glossary: Path | None = None) -> None:
    """Write a hub of `count` articles under `root` (docs/ and glossary/): with two
    glossary terms, or with a copy of every entry in the `glossary` folder."""
    rng = random.Random(seed)
    names = [(HUBS[i % len(HUBS)], f"article-{i:05d}") for i in range(count)]

    def write(rel: str, text: str) -> None:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")

    if glossary is None:
        write("glossary/ai.yml", GLOSSARY_AI)
        write(
            "glossary/drift.yml",
            "term: drift\nshort: Things changing between shots that should match.\ndefinition: Full text.\n",
        )
    for entry in sorted(glossary.glob("*.yml")) if glossary else []:
        write(f"glossary/{entry.name}", entry.read_text(encoding="utf-8"))
    write("docs/index.md", page("Pillar", "<!-- definition: ai -->\n\n<!-- hubs -->"))
    for order, hub in enumerate(HUBS, 1):
        write(f"docs/{hub}/index.md", page(hub.title(), "Articles:\n\n<!-- articles -->", order=order))
    for i, (hub, name) in enumerate(names):
        others = rng.sample(names, 4)
        links = " ".join(f"[see {n}](../{h}/{n}.md#section-2)" for h, n in others[:2])
        body = "\n\n".join(f"## Section {s}\n\n{PARAGRAPH * 3}{links if s == 1 else ''}" for s in range(1, 5))
        read_next = [f"{h}/{n}.md" for h, n in others[2:] if n != name] or ["index.md"]
        write(f"docs/{hub}/{name}.md", page(f"Article {i}", body, read_next=read_next))


def write_config(root: Path, hooks: list[str], name: str = "mkdocs.yml") -> Path:
    """A mkdocs.yml for the synthetic site: the project's own setup, with `hooks` (or none)."""
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
    (root / name).write_text(yaml.safe_dump(settings, sort_keys=False))
    return root / name


def write_setup(root: Path, setup: str) -> Path:
    """The config file of one of SETUPS, beside the synthetic site."""
    name = setup.replace(" ", "-") + ".yml"
    if setup == FULL_STACK:
        return write_config(root, HOOKS, name)
    if setup == WITHOUT_SEARCH:
        return write_config(root, [hook for hook in HOOKS if hook != _SEARCH_HOOK], name)
    config = write_config(root, [], name)
    if setup == PLAIN:
        plain = yaml.safe_load(config.read_text())
        del plain["INHERIT"], plain["theme"], plain["hooks"], plain["extra"]
        from mkdocs.utils.yaml import yaml_load  # after sitebuilder chose the generator

        with (REPO / "mkdocs.yml").open("rb") as file:
            real = yaml_load(file)
        plain |= {
            "site_name": real["site_name"],
            "not_in_nav": real["not_in_nav"],
            "theme": {"name": "mkdocs"},
            "plugins": [],  # not even MkDocs' default, its search
            "markdown_extensions": real["markdown_extensions"],
        }
        config.write_text(yaml.safe_dump(plain, sort_keys=False))
    return config
