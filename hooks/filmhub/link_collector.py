"""Collecting a page's links and ids while Python-Markdown renders it.

A Python-Markdown extension with two tree processors, run after the table of
contents has given headings their ids (priority 5) and before MkDocs turns
`.md` paths into URLs (priority 0), so they see every link as it was written:

- the collector: every link-like attribute in the element tree and in the
  raw HTML Python-Markdown set aside, and every id a link can land on;
- section links: a Markdown link to a folder with an index page
  (`../ethics/`) is pointed at that page, which MkDocs then converts like any
  page link (MkDocs itself leaves folder links as they are, and they break).

One walk of each page's tree, one parse of its raw HTML: linear in the page.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from html.parser import HTMLParser

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# Markup made by the hub's hooks and templates carries GENERATED, so its links
# count for reachability but not as a writer's own references.
from filmhub.html_policy import GENERATED
from filmhub.links import HTML, MARKDOWN
from filmhub.urls import folder_index

LINK_ATTRIBUTES = {
    "a": ("href", "xlink:href"),
    "area": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "script": ("src",),
    "link": ("href",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
}


@dataclass(frozen=True)
class FoundLink:
    origin: str  # MARKDOWN (converted by MkDocs) or HTML (left as written)
    attribute: str
    target: str
    generated: bool


@dataclass
class PageLinks:
    links: list[FoundLink] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)

    def add(self, origin: str, tag: str, attributes: dict, generated: bool) -> None:
        for attribute in LINK_ATTRIBUTES.get(tag, ()):
            value = attributes.get(attribute)
            if value is None:
                continue
            value = unescape(value)
            targets = _srcset(value) if attribute == "srcset" else [value]
            self.links.extend(FoundLink(origin, attribute, target, generated) for target in targets)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])


# Python-Markdown keeps a backslash-escaped character ('page\\.md') as a
# placeholder until its last tree processor; a link means the character.
_ESCAPED = re.compile("\x02(\\d+)\x03")


def unescape(value: str) -> str:
    return _ESCAPED.sub(lambda match: chr(int(match.group(1))), value) if "\x02" in value else value


def _srcset(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


class LinkCollector(Extension):
    """Add to `markdown_extensions` once per build; read `take()` after each page."""

    def __init__(self) -> None:
        super().__init__()
        self.page = ""  # src_uri of the page being converted
        self.sources: set[str] = set()  # src_uris of every file in docs/
        self._result: PageLinks | None = None

    def extendMarkdown(self, md) -> None:
        # After the table of contents (5) and the glossary's term links (4);
        # before MkDocs converts .md paths to URLs (0).
        md.treeprocessors.register(_Collect(md, self), "hub_link_collector", 3)
        md.treeprocessors.register(_SectionLinks(md, self), "hub_section_links", 2)

    def take(self) -> PageLinks:
        """The links and ids of the page converted last."""
        result, self._result = self._result or PageLinks(), None
        return result


class _SectionLinks(Treeprocessor):
    def __init__(self, md, collector: LinkCollector) -> None:
        super().__init__(md)
        self.collector = collector

    def run(self, root: etree.Element) -> None:
        folder = posixpath.dirname(self.collector.page)
        for element in root.iter("a"):
            href = unescape(element.get("href", ""))
            path, _, rest = href.partition("#")
            if not path.endswith("/") or "://" in path or path.startswith(("/", "mailto:")):
                continue
            index = folder_index(path)
            if posixpath.normpath(posixpath.join(folder, index)) in self.collector.sources:
                element.set("href", index + (f"#{rest}" if rest else ""))


class _Collect(Treeprocessor):
    def __init__(self, md, collector: LinkCollector) -> None:
        super().__init__(md)
        self.collector = collector

    def run(self, root: etree.Element) -> None:
        found = PageLinks()
        _walk(root, found, generated=False)
        for block in self.md.htmlStash.rawHtmlBlocks:
            if isinstance(block, str):
                parser = _RawHTML(found)
                parser.feed(block)
                parser.close()
            else:
                _walk(block, found, generated=False, origin=HTML)
        self.collector._result = found


def _walk(root: etree.Element, found: PageLinks, generated: bool, origin: str = MARKDOWN) -> None:
    """Every element of the tree, in document order; inside an element marked
    GENERATED, everything is generated."""
    in_generated: set[int] = set()  # ids of the elements inside generated markup
    for element in root.iter():
        attributes = element.attrib
        if not attributes:
            continue  # most elements: no link, no id, no mark
        if attributes.get(GENERATED) is not None and id(element) not in in_generated:
            in_generated.update(map(id, element.iter()))
        if isinstance(element.tag, str):
            found.add(origin, element.tag, attributes, generated or id(element) in in_generated)


class _RawHTML(HTMLParser):
    """Links and ids in one block of raw HTML; a block made by a hook is marked."""

    def __init__(self, found: PageLinks) -> None:
        super().__init__(convert_charrefs=True)
        self.found = found
        self.generated: bool | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if self.generated is None:
            self.generated = GENERATED in attributes
        self.found.add(HTML, tag, attributes, self.generated)

    handle_startendtag = handle_starttag
