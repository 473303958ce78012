"""`make check`: every check that needs no rendering, in about a second, with the build's messages.

Runs what the build runs before Markdown: the files in docs/ and glossary/
(filmhub.file_policy), the glossary, and the site loader the build itself
uses (filmhub.pages: front matter, Read Next lists, markers, definitions,
content rules, redirects and renames), then checks that each Read Next
entry names a page, and warns about edited articles whose `updated` date
stayed the same (filmhub.freshness). Problems are printed as the build
prints them, `docs/PATH.md:LINE: what — what to do`; the exit status is 1
when any is an error.

What needs the rendered pages is left to `make build` and `make test`: links
and anchors in the text, the HTML allow-list, articles no page cites,
orphan pages, and the last scan of the written site (RENDERED_CHECKS).

    python -m filmhub.check [--config-file mkdocs.yml]
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

from filmhub import freshness, glossary, pages, read_next, redirects
from filmhub.content_rules import ContentRules
from filmhub.diagrams import is_diagram
from filmhub.file_policy import docs_problems, glossary_problems
from filmhub.link_report import check
from filmhub.links import LinkIndex, SiteFile
from filmhub.problems import ERROR, Problem, github_annotation, sorted_problems, summary

# The kinds of problem only a build finds, because they need the rendered pages.
RENDERED_CHECKS = {
    "broken-link": "links, images and anchors in the text and the navigation (Read Next paths are checked here)",
    "orphan-page": "pages nothing links to",
    "html": "the HTML allow-list",
    "uncited": "articles no other page cites",
    "navigation": "tab labels against hub titles, and entries naming drafts (read from the built navigation)",
}


def run(config_file: Path, today: datetime.date, environ: dict[str, str]) -> list[Problem]:
    """Every problem `make check` finds for the site of `config_file`."""
    from mkdocs.config import load_config  # the site's own settings, as the build reads them
    from mkdocs.structure.files import get_files

    config = load_config(str(config_file))
    project = config_file.resolve().parent
    docs_dir = Path(config.docs_dir).resolve()
    docs = docs_dir.relative_to(project).as_posix() if docs_dir.is_relative_to(project) else str(docs_dir)
    problems = docs_problems(docs_dir, docs) + glossary_problems(project / "glossary", "glossary")
    if problems:
        return problems  # the build stops here too, before reading any file
    terms, problems = glossary.load(project / "glossary")
    files = [file for file in get_files(config) if not file.inclusion.is_excluded()]
    sources = [
        pages.SourceFile(file.src_uri, file.url, Path(file.abs_src_path))
        for file in files
        if file.is_documentation_page() or is_diagram(file.src_uri)
    ]
    plugin = config.plugins.get(redirects.PLUGIN)
    redirect_map = redirects.read_map(
        plugin.config.get(redirects.MAP_KEY, {}) if plugin else {},
        config_file.read_text(encoding="utf-8"),
        config_file.name,
    )
    checks = pages.Checks(
        glossary=terms,
        rules=ContentRules.from_extra(config.extra),
        redirects=redirect_map,
        moves=redirects.moves(docs_dir, redirects.base_for_moves(project, environ)),
    )

    def display(src_uri: str) -> str:
        return f"{docs}/{src_uri}"

    site, page_problems = pages.load(sources, display, today, checks)
    problems += page_problems
    moved = {**redirects.successors(checks.moves, site), **redirect_map.moved}
    problems += read_next_target_problems(site, files, display, moved)
    # Outside a git repository there is no earlier version to compare with, and nothing is listed.
    problems += freshness.stale_articles(project, freshness.base_ref(project, environ), today)
    return problems


def read_next_target_problems(site, files, display, moved: dict[str, str]) -> list[Problem]:
    """Each Read Next entry names a page that is published (its anchor needs the rendered page)."""
    index = LinkIndex(
        [
            SiteFile(
                file.src_uri,
                file.url,
                file.is_documentation_page(),
                "draft" if file.src_uri in site.pages and site.pages[file.src_uri].draft else "published",
            )
            for file in files
        ],
        display=display,
        moved=moved,
    )
    links = [
        link
        for page in site.pages.values()
        for link in read_next.links(page, [entry for entry in page.read_next if not entry.anchor])
    ]
    return [p for p in check(links, index).problems if p.kind == "broken-link"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make check", description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)
    started = time.perf_counter()
    from mkdocs.exceptions import ConfigurationError

    try:
        problems = sorted_problems(run(args.config_file, datetime.date.today(), dict(os.environ)))
    except ConfigurationError as error:
        print(f"{args.config_file}: the configuration can't be read ({error})", file=sys.stderr)
        return 1
    for problem in problems:
        print(f"{problem.severity}: {problem}")
    if os.environ.get("GITHUB_ACTIONS") == "true":
        sys.stdout.write("".join(github_annotation(p) + "\n" for p in problems))
    seconds = time.perf_counter() - started
    errors = any(p.severity == ERROR for p in problems)
    verdict = "fix the lines listed above" if errors else "links and rendered pages are checked by make build"
    print(f"make check: {summary(problems)} in {seconds:.1f} s — {verdict}.", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
