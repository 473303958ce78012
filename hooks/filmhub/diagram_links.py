"""Diagrams a phone reader can open full size.

A Python-Markdown tree processor: each SVG picture of a `<figure>` (the way
CONTRIBUTING tells writers to place a diagram) is wrapped in a link to the SVG
file itself, so a tap, a click or Enter opens the diagram at its own size: in
a dialog on the page (overrides/assets/javascripts/hub-diagrams.js), or as
the file where scripts are off. The picture keeps its `alt` text; the link
adds a visible "Open the diagram full size", so its accessible name is the
description followed by what the link does. The markup is
overrides/partials/diagram.html; a picture written in raw HTML, outside
Markdown, is left as it is.

It runs after the link collector (3) and the section links (2), so the new
link is not reported a second time when the picture is missing, and before
MkDocs turns paths into URLs (0), which converts the picture's `src` and the
link's `href` alike.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable
from urllib.parse import urlsplit

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# The element the picture is moved into, in the partial.
SLOT_CLASS = "hub-diagram__picture"


def is_diagram(element: etree.Element) -> bool:
    """An <img> of an SVG file of this site (a relative address)."""
    if element.tag != "img":
        return False
    address = urlsplit(element.get("src", "").strip())
    return not address.scheme and not address.netloc and address.path.lower().endswith(".svg")


class DiagramLinks(Extension):
    """Added to `markdown_extensions` once per build; `render(href)` returns the partial."""

    def __init__(self, render: Callable[[str], str]) -> None:
        super().__init__()
        self.render = render

    def extendMarkdown(self, md) -> None:
        md.treeprocessors.register(_Wrap(md, self.render), "hub_diagram_links", 1)


class _Wrap(Treeprocessor):
    def __init__(self, md, render: Callable[[str], str]) -> None:
        super().__init__(md)
        self.render = render

    def run(self, root: etree.Element) -> None:
        for figure in root.iter("figure"):
            # A figure holds its picture directly (markdown="span") or in a paragraph.
            for parent in [figure, *figure.findall("p")]:
                for index, child in enumerate(list(parent)):
                    if is_diagram(child):
                        parent[index] = self._wrapped(child)

    def _wrapped(self, image: etree.Element) -> etree.Element:
        wrapper = etree.fromstring(self.render(image.get("src", "")))
        slot = next(node for node in wrapper.iter() if SLOT_CLASS in node.get("class", "").split())
        # The picture takes the slot's place; what followed it in the text stays after the wrapper.
        wrapper.tail, image.tail = image.tail, None
        parent = next(node for node in wrapper.iter() if slot in list(node))
        parent[list(parent).index(slot)] = image
        return wrapper
