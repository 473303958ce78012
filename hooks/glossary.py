"""Glossary: one shared definition of AI, enforced, and tooltips on first use.

The glossary (glossary/*.yml, filmhub.glossary) is read when the build's
state is made. This hook registers the tooltips that mark each term's first
mention on a page (filmhub.tooltips), renders `<!-- definition: ai -->`
markers as definition blocks, and adds the glossary page, made from the
model in on_files: each term with the articles that use it
(filmhub.term_use, filmhub.glossary_page). Pages that define a glossary term
in their own words or paste a copy of a definition are caught by the loader
(filmhub.pages, with filmhub.definitions).
"""

from __future__ import annotations

from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc

from filmhub import glossary_page, state
from filmhub.markers import render_block, replace_markers
from filmhub.site import ARTICLE, HUB, PILLAR
from filmhub.term_use import articles_using
from filmhub.urls import href

TOOLTIP_PAGES = (PILLAR, HUB, ARTICLE)


def on_config(config):
    config.markdown_extensions.append(state.for_config(config).tooltips)


def on_files(files, config):
    # Reads the model, which hooks/front_matter.py builds first (its on_files has a higher priority).
    build = state.for_config(config)
    existing = files.get_file_from_path(glossary_page.SRC_URI)
    if existing is not None and not existing.generated_by:
        # Reported by the loader (filmhub.pages); the page is made here instead.
        files.remove(existing)
    generated = File.generated(config, glossary_page.SRC_URI, content="")
    used_in = {
        slug: [(page.title, href(generated, page)) for page in articles]
        for slug, articles in articles_using(build.site.pages.values(), build.glossary, build.reuse).items()
    }
    build.glossary_letters = glossary_page.letters(build.glossary, used_in, build.edit_root)
    body = render_block(
        build.templates,
        "partials/glossary-page.html",
        letters=build.glossary_letters,
        intro=glossary_page.INTRO,
    )
    page = glossary_page.site_page(build.display_path(glossary_page.SRC_URI), generated.url, body + "\n")
    generated.content_string = glossary_page.source(page)
    files.append(generated)
    # In the model too, so Read Next can point at it and show its card.
    build.site.add(page)
    return files


def on_page_markdown(markdown, page, config, files):
    build = state.for_config(config)
    tooltips = build.tooltips
    site_page = build.site.pages.get(page.file.src_uri)
    glossary_file = files.get_file_from_path(glossary_page.SRC_URI)
    tooltips.active = site_page is not None and site_page.kind in TOOLTIP_PAGES
    # Tooltips go into the Markdown tree, where MkDocs converts (and checks) the link.
    tooltips.href_of = lambda slug: href(page.file, glossary_file, slug, markdown=True)

    def definition(marker) -> str:
        term = build.glossary.terms.get(marker.argument)
        if term is None:
            return ""
        return render_block(
            build.templates,
            "partials/definition.html",
            term=term.term,
            html=term.html,
            url=href(page.file, glossary_file, term.slug),
        )

    return replace_markers(markdown, "definition", definition)


def on_page_content(html, page, config, files):
    if page.file.src_uri == glossary_page.SRC_URI:
        # Markdown never saw the page's headings (they come from a partial).
        page.toc = get_toc(glossary_page.toc_tokens(state.for_config(config).glossary_letters))
    return html
