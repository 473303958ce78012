"""Search: what Pagefind indexes, what the dialog loads, and what the output guard lets through.

Throwaway sites are built with the real hooks, so Pagefind runs on them as on
the real site; its fragments (one per page: URL, title, filters, the text it
searches) are read back to see exactly what was indexed. The reader's side
(typing, the hub filter, the keyboard) is in test_browser.py.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from errortable import documented
from mkdocs.commands.build import build
from mkdocs.config import load_config
from selectolax.lexbor import LexborHTMLParser
from test_output_scan import scan, theme_scripts

from filmhub import search
from filmhub.output_scan import scan_html
from sitebuilder import HOOKS, SITE_URL, article, build_site, minimal_site, page, write_site

ARTICLE_BODY = """\
Sorting the <!-- not a marker --> rushes starts with a zyxwvut check.

AI helps here, and the editor decides.

<!-- definition: ai -->
"""


def site_files() -> dict[str, str]:
    return minimal_site(
        **{
            "docs/hub/index.md": page("Hub, Reels and Rushes", "The articles:\n\n<!-- articles -->"),
            "docs/hub/article.md": article(
                "Sorting Rushes",
                ARTICLE_BODY,
                description="A description the hub's list repeats.",
                read_next=["hub/other.md"],
            ),
            "docs/hub/other.md": article(
                "Other Article", "See [sorting rushes](article.md).", description="The other card."
            ),
        }
    )


def fragments(site_dir: Path) -> dict[str, dict]:
    """What Pagefind stored for each page it indexed, by URL."""
    found = {}
    for fragment in (site_dir / search.INDEX_FOLDER / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[data["url"]] = data
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    result = build_site(tmp_path_factory.mktemp("search"), site_files())
    assert result.ok, result.messages()
    return result


def test_every_page_of_the_hub_is_indexed_and_the_404_page_is_not(built):
    assert sorted(fragments(built.site_dir)) == [
        "/",
        "/glossary/",
        "/hub/",
        "/hub/article/",
        "/hub/other/",
    ]


def test_a_page_is_found_by_its_title_and_body_only(built):
    indexed = fragments(built.site_dir)["/hub/article/"]
    assert indexed["meta"]["title"] == "Sorting Rushes"
    # The title and the body, whole: not the tooltip's text ("patterns learned"), the definition block,
    # the byline ("min read") or Read Next ("Other Article"), nor the header, navigation and footer.
    assert indexed["content"] == (
        "Sorting Rushes. Sorting the rushes starts with a zyxwvut check. AI helps here, and the editor decides."
    )


def test_hub_lists_are_not_indexed_and_each_page_has_its_hubs_filter(built):
    pages = fragments(built.site_dir)
    assert pages["/hub/"]["content"] == "Hub, Reels and Rushes. The articles:"
    assert pages["/"]["content"] == "Pillar. The hubs:"
    assert pages["/hub/article/"]["filters"] == {"hub": ["Hub, Reels and Rushes"]}
    assert pages["/hub/"]["filters"] == {"hub": ["Hub, Reels and Rushes"]}
    assert pages["/"]["filters"] == {}
    assert pages["/glossary/"]["filters"] == {}
    assert pages["/glossary/"]["content"].startswith("Glossary. Each entry gives the meaning this hub uses.")
    assert "AI. Also: artificial intelligence." in pages["/glossary/"]["content"], "no '¶' after headings"


def test_pages_fetch_nothing_of_pagefind_until_the_dialog_opens(built):
    html = built.html("hub/article/index.html")
    # The site's own small scripts (search dialog, tooltips on touch, diagrams full size) and the theme's.
    assert [script.attributes["src"] for script in LexborHTMLParser(html).css("script[src]")] == [
        "../../assets/javascripts/hub-search.js",
        "../../assets/javascripts/bundle.a5f9d56c.min.js",
        "../../assets/javascripts/hub-terms.js",
        "../../assets/javascripts/hub-diagrams.js",
    ]
    assert "pagefind/" not in html
    assert not (built.site_dir / "search" / "search_index.json").exists(), "Material's lunr index is gone"
    assert (built.site_dir / "assets/javascripts/hub-search.js").is_file()
    assert (built.site_dir / "assets/stylesheets/hub-search.css").is_file()
    assert (built.site_dir / "pagefind/pagefind.js").is_file()


def test_the_search_dialog_keeps_its_name_button_and_field(built):
    html = built.html("index.html")
    assert (
        '<div class="md-search hub-search" role="dialog" aria-label="Search" data-hub-search="site"' in html
    )
    assert '<label class="md-header__button md-icon" for="__search">' in html
    assert '<input type="text" class="md-search__input" name="query" aria-label="Search"' in html
    assert '<option value="">All hubs</option>' in html


def test_pagefind_writes_no_page_and_the_output_guard_scans_after_it(built):
    written = {path.suffix for path in (built.site_dir / search.INDEX_FOLDER).rglob("*") if path.is_file()}
    assert written <= {
        ".js",
        ".css",
        ".json",
        ".pf_meta",
        ".pf_index",
        ".pf_filter",
        ".pf_fragment",
        ".pagefind",
    }
    hooks = [Path(hook).name for hook in HOOKS]
    assert hooks.index("search.py") < hooks.index("output_guard.py")


def test_the_guard_accepts_the_dialogs_loader_and_no_pagefind_script_in_a_page():
    assert scan('<script src="../../assets/javascripts/hub-search.js" defer></script>') == []
    # Pagefind's files are loaded by the dialog's script only; a page that
    # loads one itself, or Pagefind from elsewhere, is stopped.
    for source in ("../../pagefind/pagefind-ui.js", "https://cdn.example.org/pagefind/pagefind.js"):
        assert scan(f'<script type="module" src="{source}"></script>') == [
            f"a <script> loading '{source}', which is not a file of this site under assets/javascripts/"
        ]
    assert scan("", '<link rel="stylesheet" href="https://cdn.example.org/pagefind/pagefind-ui.css">') == [
        "<link> loads 'https://cdn.example.org/pagefind/pagefind-ui.css' from another host ('href')"
    ]


def test_the_built_search_dialog_passes_the_output_guard(built):
    html = built.html("hub/article/index.html")
    assert scan_html(html, "hub/article/index.html", site_url=SITE_URL, theme_scripts=theme_scripts()) == []


STEERING = ['data-pagefind-body=""', 'data-pagefind-filter="hub:Other"', 'data-pagefind-meta="title:Other"']


@pytest.fixture(scope="module")
def steered(tmp_path_factory):
    """One page for each attribute a writer could use to steer Pagefind."""
    files = minimal_site(
        **{
            f"docs/hub/steer-{n}.md": article(
                f"Steer {n}", f"<p {attribute}>Text.</p>", read_next=["hub/index.md"]
            )
            for n, attribute in enumerate(STEERING)
        }
    )
    return build_site(tmp_path_factory.mktemp("steered"), files)


@pytest.mark.parametrize("n", range(len(STEERING)), ids=STEERING)
def test_a_writer_cannot_steer_the_index(steered, n):
    name = STEERING[n].split("=")[0]
    assert not steered.ok
    assert [p for p in steered.problems if p.startswith(f"docs/hub/steer-{n}.md:")] == [
        f"docs/hub/steer-{n}.md:11:4: the attribute '{name}' is not allowed on <p> — remove it"
    ]
    assert len(steered.problems) == len(STEERING), "nothing else in the site is refused"


def test_a_failed_index_stops_the_build_with_pagefinds_words(tmp_path):
    said = search.index_site(tmp_path / "empty")
    assert said is not None
    assert said.startswith(
        "Pagefind could not index the site (exit code 1): Error: Pagefind was not able to build an index."
    )
    assert documented(f"{said} — the site has no search without it; the build was stopped")


def test_the_preview_skips_the_index_and_its_dialog_says_so(tmp_path):
    config = load_config(str(write_site(tmp_path, site_files())), strict=False)
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_startup(command="build", dirty=False)
    site_dir = Path(config.site_dir)
    assert not (site_dir / search.INDEX_FOLDER).exists()
    html = (site_dir / "hub/article/index.html").read_text(encoding="utf-8")
    assert 'data-hub-search="preview"' in html
    assert (
        "Search is not built in the preview (make serve): it works in the built site (make build) and the published one."
        in html
    )


def test_the_real_site_is_indexed(real_site):
    pages = fragments(real_site)
    article_page = pages["/post-production/masks-roto-tracking/"]
    assert article_page["filters"] == {"hub": ["AI in Post-Production"]}
    assert "rotoscoping" in article_page["content"]
    assert len(pages) == len(list(real_site.rglob("index.html")))
