"""Build throwaway sites with the real hooks, theme and mkdocs.yml.

`build_site(tmp_path, {"docs/index.md": "...", ...})` writes the files, adds a
mkdocs.yml that inherits the project's own (so the theme, Markdown extensions
and hooks are the real ones), builds in this process the way `mkdocs build`
does, and returns what happened: the log, the output folder and whether the
build was stopped. conftest.py calls `share_theme_work()` once per test
process, so the builds after the first reuse the theme's compiled templates
and its list of static files: a small build takes about 0.2 s of CPU.

The generator is the one HUB_GENERATOR selects (filmhub.generator): MkDocs by
default, or ProperDocs, which then answers every `mkdocs.*` import.
"""

from __future__ import annotations

import datetime
import logging
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml

from filmhub import generator
from filmhub.preview_cache import TEMPLATE_LIMIT, TemplateBytecode

GENERATOR = generator.selected()
generator.activate(GENERATOR)  # before the first `mkdocs` import

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import Abort  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402
from mkdocs.theme import Theme  # noqa: E402
from mkdocs.utils.yaml import yaml_load  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def _real_config() -> dict:
    with (REPO / "mkdocs.yml").open("rb") as file:
        return yaml_load(file)


# The real hooks, in the real order, as absolute paths.
HOOKS = [str(REPO / hook) for hook in _real_config()["hooks"]]
SITE_URL = "https://hub.example.org/guide/"
TODAY = "2026-11-24"
# Throwaway sites are a few lines long: the real site's content rules
# (mkdocs.yml, extra: hub: articles:) are switched off unless a test sets them.
RELAXED_RULES = {"words": [0, 1_000_000], "sources": 0, "cited": False}
REAL_RULES = _real_config()["extra"]["hub"]["articles"]


def page(title: str, body: str = "", *, description: str | None = None, **fields: object) -> str:
    """A Markdown page with valid front matter; extra fields are added as YAML."""
    meta = {
        "title": title,
        "description": description or f"What {title} gives the reader, in one sentence.",
        "published": "2026-01-09",
        "updated": "2026-01-13",
        **fields,
    }
    # Facts checked today (last, so the other fields keep their lines), and
    # so no page is due for a re-check whenever the tests run.
    meta.setdefault("checked", datetime.date.today().isoformat())
    front = "".join(f"{key}: {_yaml_value(value)}\n" for key, value in meta.items())
    return f"---\n{front}---\n\n{textwrap.dedent(body).strip()}\n"


def article(title: str, body: str = "", **fields: object) -> str:
    """An article page: like `page`, with a Read Next list (the pillar guide by default)."""
    fields.setdefault("read_next", ["index.md"])
    return page(title, body, **fields)


def _yaml_value(value: object) -> str:
    if isinstance(value, list):
        return "".join(f"\n  - {item}" for item in value) if value else "[]"
    if isinstance(value, str) and value[:4].isdigit() and value[4:5] == "-":
        return value
    return yaml.safe_dump(value, default_flow_style=True, width=1000).strip().removesuffix("\n...").strip()


GLOSSARY_AI = """\
term: AI
aliases: [artificial intelligence]
short: Tools whose results come from patterns learned from examples.
definition: |
  Tools whose results come from patterns learned from example data,
  rather than from fixed rules someone wrote by hand.
"""


def minimal_site(**extra: str) -> dict[str, str]:
    """The smallest valid hub: a pillar, one hub page, one article, one glossary term."""
    files = {
        "glossary/ai.yml": GLOSSARY_AI,
        "docs/index.md": page("Pillar", "The hubs:\n\n<!-- hubs -->"),
        "docs/hub/index.md": page("Hub", "The articles:\n\n<!-- articles -->"),
        "docs/hub/article.md": article("Article", "Back to [the hub](index.md).", read_next=["hub/index.md"]),
    }
    files.update(extra)
    return files


def hubs_in_nav(*hubs: tuple[str, str], after: tuple[str, ...] = ()) -> dict:
    """Config for a navigation like the real site's: the pillar, each (title, folder) hub and the
    glossary, then `after`; articles are reached through their hub, not the navigation."""
    tabs = [{title: [f"{folder}/index.md"]} for title, folder in hubs]
    return {"nav": ["index.md", *tabs, "glossary.md", *after], "not_in_nav": "/*/*.md"}


@dataclass
class BuildResult:
    ok: bool
    site_dir: Path
    records: list[logging.LogRecord] = field(default_factory=list)
    error: str = ""
    config_file: Path | None = None

    def messages(self, level: int = logging.WARNING) -> list[str]:
        """Messages logged at `level` or above, as the writer sees them."""
        return [r.getMessage() for r in self.records if r.levelno >= level]

    @property
    def errors(self) -> list[str]:
        return self.messages(logging.ERROR)

    @property
    def problems(self) -> list[str]:
        """The problem lines the report hook logged, in order."""
        return [r.getMessage() for r in self.records if r.name == "mkdocs.plugins.hub"]

    def html(self, path: str) -> str:
        return (self.site_dir / path).read_text(encoding="utf-8")

    def written_pages(self) -> list[Path]:
        return sorted(self.site_dir.rglob("*.html")) if self.site_dir.exists() else []


class _Collect(logging.Handler):
    """Every record once, from the loggers of both generators (a record can reach both)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not self.records or self.records[-1] is not record:
            self.records.append(record)


def build_site(
    root: Path,
    files: dict[str, str | bytes],
    *,
    config: dict | None = None,
    strict: bool = True,
) -> BuildResult:
    """Write `files` under `root`, build them with the project's setup, report."""
    return build_config(write_site(root, files, config=config), strict=strict)


def write_site(root: Path, files: dict[str, str | bytes], *, config: dict | None = None) -> Path:
    """Write `files` and a mkdocs.yml inheriting the project's under `root`; return the config file."""
    for name, content in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    (root / "glossary").mkdir(exist_ok=True)
    settings = {
        "INHERIT": str(REPO / "mkdocs.yml"),
        "site_url": SITE_URL,
        "nav": None,  # navigation from the files, not the real hubs
        "not_in_nav": "",
        "theme": {"custom_dir": str(REPO / "overrides")},
        "hooks": HOOKS,
        "watch": [],
        # No redirects, and articles of any length: tests that check those set them.
        "plugins": [{"redirects": {"redirect_maps": {}}}],
        "extra": {"hub": {"articles": RELAXED_RULES}},
        **(config or {}),
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return root / "mkdocs.yml"


def build_config(
    config_file: Path,
    *,
    strict: bool = True,
    site_dir: Path | None = None,
    serve_url: str | None = None,
    dirty: bool = False,
) -> BuildResult:
    """Build the site of `config_file` in this process, as `mkdocs build` does
    (or as `mkdocs serve` rebuilds, given its `serve_url` and `dirty`)."""
    collect = _Collect()
    loggers = [logging.getLogger(name) for name in generator.LOGGERS]
    previous_levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(collect)
        logger.setLevel(logging.DEBUG)
    overrides = {"site_dir": str(site_dir)} if site_dir else {}
    try:
        cfg = load_config(str(config_file), strict=strict, **overrides)
        try:
            build(cfg, serve_url=serve_url, dirty=dirty)
            ok, error = True, ""
        except Abort as abort:
            ok, error = False, str(abort)
    finally:
        for logger, level in zip(loggers, previous_levels, strict=True):
            logger.removeHandler(collect)
            logger.setLevel(level)
    return BuildResult(ok, Path(cfg["site_dir"]), collect.records, error, config_file)


def share_theme_work() -> None:
    """Let every build in this process reuse what depends only on the theme's files.

    Most of a throwaway build's time is not the hooks': each build compiles
    the theme's templates again (a new Jinja environment each time) and walks
    the theme's folders (Material's hold some 15,000 files, its icons) to
    find the static files to copy. Within a test run those folders do not
    change, so the compiled templates and the theme's list of static files are
    kept for the next build, which still lets its own docs/ files take
    precedence as MkDocs does. A theme with a folder other than the
    repository's overrides/ and the installed themes (a test's own copy of
    overrides/) is listed afresh every time. The subprocess builds (make
    build, the site invariants) run without this, as a writer runs them.
    """
    compiled = TemplateBytecode(TEMPLATE_LIMIT)
    get_env = Theme.get_env

    def get_env_sharing_compiled_templates(theme: Theme) -> jinja2.Environment:
        env = get_env(theme)
        env.bytecode_cache = compiled
        return env

    static_files: dict[tuple, list[tuple[str, str]]] = {}
    add_files_from_theme = Files.add_files_from_theme
    installed = Path(sys.prefix).resolve()

    def unchanging(folder: str) -> bool:
        path = Path(folder).resolve()
        return path == REPO / "overrides" or path.is_relative_to(installed)

    def add_files_from_theme_once(files: Files, env: jinja2.Environment, config) -> None:
        theme = config.theme
        if not all(unchanging(folder) for folder in theme.dirs):
            return add_files_from_theme(files, env, config)
        key = (tuple(theme.dirs), tuple(sorted(theme.static_templates)))
        if key not in static_files:
            found = Files([])
            add_files_from_theme(found, env, config)
            static_files[key] = [(file.src_uri, file.src_dir) for file in found]
        for src_uri, folder in static_files[key]:
            if files.get_file_from_path(src_uri) is None:  # a page's own file wins, as in MkDocs
                files.append(File(src_uri, folder, config.site_dir, config.use_directory_urls))
        return None

    Theme.get_env = get_env_sharing_compiled_templates
    Files.add_files_from_theme = add_files_from_theme_once


def run_tool(cwd: Path, module: str, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    """`python -m filmhub.MODULE ARGS` in `cwd`, as make runs it: output captured, nothing raised."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO / "hooks")}
    return subprocess.run(
        [sys.executable, "-m", f"filmhub.{module}", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
