"""Search: a Pagefind index of the built pages, which readers fetch only when they search.

Material's own search plugin puts the whole site's text into one index that
every page downloads on its first load, so each article's weight grew with
the number of articles. Pagefind (PyPI `pagefind[bin]`, a binary that runs
offline) instead splits the index into small chunks after the build, under
`pagefind/` in the site, and the search dialog (overrides/partials/search.html
and overrides/assets/javascripts/hub-search.js) loads it when it is opened.

What is indexed is marked in the templates: each page's title and body
(`data-pagefind-body` in partials/content.html), without tooltips' text,
definition blocks, hub lists, Read Next or backlinks (`data-pagefind-ignore`),
and each page's hub as the `hub` filter. Headings' "¶" links are left out
here (NOT_INDEXED).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from filmhub.site import Site, SitePage

INDEX_FOLDER = "pagefind"
# Made by Markdown, not templates, so not marked data-pagefind-ignore: the
# "¶" that links to each heading.
NOT_INDEXED = ".headerlink"
# Pagefind finishes a site of a few thousand pages in seconds; a run past
# this is stuck, and the build says so instead of hanging.
TIMEOUT_SECONDS = 600


def hub_filter(site: Site, page: SitePage) -> str | None:
    """The value of the page's `hub` filter: its hub's title, for a hub page and its articles."""
    hub = site.hub_page(page.hub)
    return hub.title if hub is not None else None


def pagefind_command(site_dir: Path) -> list[str]:
    """The command that indexes the built site in `site_dir` into `site_dir/pagefind/`."""
    from pagefind_bin import get_executable  # the binary shipped in the pagefind[bin] wheel

    return [
        str(get_executable()),
        *("--site", str(site_dir), "--output-subdir", INDEX_FOLDER, "--quiet"),
        *("--exclude-selectors", NOT_INDEXED),
    ]


def index_site(site_dir: Path) -> str | None:
    """Index the built site; None on success, or a sentence saying why it failed."""
    try:
        command = pagefind_command(site_dir)
    except (ImportError, FileNotFoundError) as missing:
        return f"Pagefind is not installed ({missing}) — run `make build` or `make test`, which install it from requirements/"
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        return f"Pagefind did not finish indexing the site within {TIMEOUT_SECONDS} s"
    except OSError as error:
        return f"Pagefind could not be started ({error})"
    if run.returncode != 0:
        lines = (run.stderr + run.stdout).splitlines()
        said = " ".join(" ".join(dict.fromkeys(line.strip() for line in lines if line.strip())).split())[:500]
        return f"Pagefind could not index the site (exit code {run.returncode}): {said}"
    return None


def stop_message(failed: str) -> str:
    """What the build says when the index could not be made."""
    return f"{failed} — the site has no search without it; the build was stopped"
