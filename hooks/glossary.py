"""Glossary: one shared definition of AI, enforced, and tooltips on first use.

Loads glossary/*.yml (filmhub.glossary), renders `<!-- definition: ai -->`
markers as definition blocks (pages that define a glossary term in their own
words or paste a copy of a definition are caught by the loader, filmhub.pages,
with filmhub.definitions), marks
each term's first mention on a page with a tooltip (filmhub.tooltips), and
adds the glossary page, made in memory, listing the articles that use each
term (filmhub.glossary_page).
"""

from __future__ import annotations

import posixpath

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc

from filmhub import glossary, glossary_page, state
from filmhub.links import url_from_page
from filmhub.markers import render_block, replace_markers
from filmhub.site import ARTICLE, HUB, PILLAR
from filmhub.tooltips import TermTooltips

TOOLTIP_PAGES = (PILLAR, HUB, ARTICLE)


def on_config(config):
    build = state.for_config(config)
    build.glossary, problems = glossary.load(build.project_dir / "glossary")
    build.problems += problems
    env = build.templates

    def render(slug: str, href: str, text: str) -> str:
        term = build.glossary.terms[slug]
        return render_block(
            env, "partials/glossary-term.html", slug=slug, href=href, text=text, short=term.short
        )

    tooltips = TermTooltips(build.glossary, render)
    build.helpers["glossary"] = tooltips
    config.markdown_extensions.append(tooltips)


def on_files(files, config):
    build = state.for_config(config)
    existing = files.get_file_from_path(glossary_page.SRC_URI)
    if existing is not None and not existing.generated_by:
        # Reported by the loader (filmhub.pages); the page is made here instead.
        files.remove(existing)
    # Added last, so it renders after every page whose terms it lists.
    generated = File.generated(config, glossary_page.SRC_URI, content=glossary_page.placeholder())
    files.append(generated)
    # In the model too, so Read Next can point at it and show its card.
    build.site.add(glossary_page.site_page(build.display_path(glossary_page.SRC_URI), generated.url))
    return files


def on_page_markdown(markdown, page, config, files):
    build = state.for_config(config)
    tooltips: TermTooltips = build.helpers["glossary"]
    site_page = build.site.pages.get(page.file.src_uri)
    glossary_url = files.get_file_from_path(glossary_page.SRC_URI).url
    tooltips.page = page.file.src_uri
    tooltips.active = site_page is not None and site_page.kind in TOOLTIP_PAGES
    # A Markdown path from this page, which MkDocs then turns into the URL.
    to_glossary = posixpath.relpath(glossary_page.SRC_URI, posixpath.dirname(page.file.src_uri) or ".")
    tooltips.href_of = lambda slug: f"{to_glossary}#{slug}"
    if page.file.src_uri == glossary_page.SRC_URI:
        return _glossary_body(build, glossary_url)

    def definition(marker) -> str:
        term = build.glossary.terms.get(marker.argument)
        if term is None:
            return ""
        tooltips.used.setdefault(term.slug, set()).add(page.file.src_uri)
        return render_block(
            build.templates,
            "partials/definition.html",
            term=term.term,
            html=term.html,
            url=url_from_page(page.file.url, glossary_url) + f"#{term.slug}",
        )

    return replace_markers(markdown, "definition", definition)


def on_page_content(html, page, config, files):
    build = state.for_config(config)
    build.helpers["glossary"].rendered.add(page.file.src_uri)
    if page.file.src_uri == glossary_page.SRC_URI:
        # Markdown never saw the page's headings (they come from a partial).
        page.toc = get_toc(glossary_page.toc_tokens(build.glossary_letters))
    return html


def _glossary_body(build, glossary_url: str) -> str:
    tooltips: TermTooltips = build.helpers["glossary"]
    waiting = sorted(
        src
        for src, page in build.site.pages.items()
        if not page.draft and src not in tooltips.rendered and src != glossary_page.SRC_URI
    )
    if waiting:
        # on_files appends the glossary page last so this never happens; if
        # MkDocs changed its order, the lists would silently miss pages.
        raise PluginError(
            f"the glossary page was rendered before {waiting[0]}, so its 'Used in' lists would be incomplete"
        )
    used = {}
    for slug, sources in tooltips.used.items():
        articles = [build.site.pages[src] for src in sources if src in build.site.pages]
        used[slug] = [
            (p.title, url_from_page(glossary_url, p.url))
            for p in articles
            if p.kind == ARTICLE and not p.draft
        ]
    letters = glossary_page.letters(build.glossary, used)
    build.glossary_letters = letters
    return (
        "\n"
        + render_block(
            build.templates, "partials/glossary-page.html", letters=letters, intro=glossary_page.INTRO
        )
        + "\n"
    )
