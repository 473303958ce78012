"""Diagrams open full size: the tree processor, Markdown in and HTML out, and the real site."""

from __future__ import annotations

import jinja2
import markdown
import pytest
from selectolax.lexbor import LexborHTMLParser

from filmhub.diagram_links import DiagramLinks
from filmhub.markers import render_block
from sitebuilder import REPO, article, minimal_site

PARTIALS = jinja2.Environment(loader=jinja2.FileSystemLoader(REPO / "overrides"), autoescape=False)
ALT = 'Flow: a "proposal" & a check'
OPEN = '<span class="hub-diagram__open">Open the diagram full size</span>'


def convert(text: str) -> str:
    links = DiagramLinks(lambda href: render_block(PARTIALS, "partials/diagram.html", href=href))
    return markdown.Markdown(extensions=["md_in_html", "attr_list", links]).convert(text)


def wrapped(src: str, alt: str = ALT) -> str:
    return (
        f'<span class="hub-diagram"><a class="hub-diagram__link" href="{src}">'
        f'<img alt="{alt.replace("&", "&amp;").replace(chr(34), "&quot;")}" src="{src}" />{OPEN}</a></span>'
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # As CONTRIBUTING shows it: the picture directly in the figure.
        (
            f'<figure markdown="span">\n  ![{ALT}](../assets/diagrams/x.svg)\n'
            "  <figcaption>The caption.</figcaption>\n</figure>",
            f"<figure>\n  {wrapped('../assets/diagrams/x.svg')}\n<br />\n<figcaption>The caption.</figcaption>\n</figure>",
        ),
        # In a paragraph of a figure, with a query or a fragment.
        (
            f"<figure markdown>\n\n![{ALT}](x.SVG#top)\n\n</figure>",
            f"<figure>\n<p>{wrapped('x.SVG#top')}</p>\n</figure>",
        ),
    ],
)
def test_an_svg_in_a_figure_becomes_a_link_to_itself_and_keeps_its_alt(text, expected):
    assert convert(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Not in a figure, a raster picture, from another host, already a link.
        "![A diagram](x.svg)",
        '<figure markdown="span">\n  ![A photo](x.png)\n</figure>',
        '<figure markdown="span">\n  ![A diagram](https://example.org/x.svg)\n</figure>',
        '<figure markdown="span">\n  [![A diagram](x.svg)](elsewhere.md)\n</figure>',
    ],
)
def test_other_pictures_are_left_as_written(text):
    plain = markdown.Markdown(extensions=["md_in_html", "attr_list"]).convert(text)
    assert convert(text) == plain


def test_the_built_link_and_picture_point_at_the_same_file(site):
    body = (
        '<figure markdown="span">\n  ![Three boxes in a row](../assets/diagrams/d.svg)\n'
        "  <figcaption>Caption.</figcaption>\n</figure>"
    )
    # A diagram that meets the build's rules for diagrams (filmhub.diagrams).
    svg = (REPO / "docs/assets/diagrams/propose-decide.svg").read_text(encoding="utf-8")
    result = site(
        minimal_site(**{"docs/hub/article.md": article("Article", body), "docs/assets/diagrams/d.svg": svg})
    )
    assert result.ok, result.messages()
    html = result.html("hub/article/index.html")
    assert (
        '<a class="hub-diagram__link" href="../../assets/diagrams/d.svg">'
        '<img alt="Three boxes in a row" src="../../assets/diagrams/d.svg" />' + OPEN + "</a>"
    ) in html


def test_every_diagram_of_the_real_site_opens_full_size(real_site):
    shown, unlinked = set(), []
    for path in sorted(real_site.rglob("*.html")):
        for img in LexborHTMLParser(path.read_text(encoding="utf-8")).css("img"):
            src = img.attributes.get("src") or ""
            if "assets/diagrams/" not in src:
                continue
            shown.add(src.rsplit("/", 1)[1])
            link = img.parent
            if (link.tag, link.attributes.get("class"), link.attributes.get("href")) != (
                "a",
                "hub-diagram__link",
                src,
            ):
                unlinked.append(f"{path.relative_to(real_site)}: {src}")
    assert unlinked == []
    assert sorted(shown) == sorted(p.name for p in (REPO / "docs/assets/diagrams").glob("*.svg")), (
        "every diagram in docs/assets/diagrams/ is shown on a page"
    )
