"""Safety: a writer's page publishes words and pictures, nothing that runs or loads.

Before MkDocs lists a single file, every file in docs/ and glossary/ is
checked (filmhub.file_policy): a symlink, a script or a page of raw HTML
stops the build there, since MkDocs would otherwise follow or copy it.

After Markdown has rendered a page, its body is checked against the
allow-list of elements, attributes and URLs (filmhub.html_policy), and each
thing that is not allowed is reported at the line it was typed on
(filmhub.page_safety); the verdict on a source and body that have not
changed since the last build is the one that build kept (filmhub.kept).
The report hook then stops the build before anything is written. A preview (`make serve`) is not stopped, so that every page can
show its own problems: a refused page is written with a notice in place of
its body, never with the markup it was refused for.
"""

from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError

from filmhub import state
from filmhub.file_policy import docs_problems, glossary_problems
from filmhub.page_safety import html_problems
from filmhub.preview_cache import digest
from filmhub.problems import sorted_problems, summary
from filmhub.site import BLOCKED_NOTICE

log = logging.getLogger("mkdocs.plugins.hub")


def on_pre_build(config):
    build = state.for_config(config)
    docs = build.display_path("").rstrip("/") or "docs"
    problems = docs_problems(build.docs_dir, docs)
    problems += glossary_problems(build.project_dir / "glossary", "glossary")
    if problems:
        for problem in sorted_problems(problems):
            log.error(str(problem))
        raise PluginError(
            f"{summary(problems)} in the files — the build stopped before reading any of them. "
            "Fix the files listed above and build again."
        )


def on_page_content(html, page, config, files):
    build = state.for_config(config)
    site_page = build.site.pages.get(page.file.src_uri)
    if site_page is None or site_page.blocked:
        return html
    # Keyed by the rendered HTML too: it also holds what the hooks and the
    # glossary added, which can change when the page does not.
    problems = build.reuse.page_check(
        "allow-list",
        page.file.src_uri,
        (digest(html),),
        lambda: html_problems(html, site_page.body, site_page.path),
    )
    build.problems += problems
    return f"<p>{BLOCKED_NOTICE}</p>" if problems else html
