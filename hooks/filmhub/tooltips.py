"""Glossary tooltips: the first mention of each term on a page links to its entry.

A Python-Markdown tree processor that runs after the table of contents
(priority 5) and before the link collector (3), so the links it adds are
checked like any other. On each page it marks the first mention of every
glossary term or alias in running text: not in headings, links, code, or
admonition titles, and not in anything the hooks generated, such as the
definition block. Acronyms (AI, ADR) match only in capitals; other names in
any case, and with a plural -s or -es. A name right after one of its term's
`not_after` words ("can output") is another sense of the word, and no
mention. Which terms a page uses, for the glossary page, is read from the
source (filmhub.term_use), not here.

The markup is overrides/partials/glossary-term.html: a link to the term's
glossary entry, described by a tooltip that shows on hover and focus, and on
a first tap on touch screens (overrides/assets/javascripts/hub-terms.js).
"""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from filmhub.glossary import Glossary, Term
from filmhub.html_policy import GENERATED

# No tooltip inside these.
SKIPPED_TAGS = frozenset("h1 h2 h3 h4 h5 h6 a abbr dfn button code pre kbd samp script style svg".split())
SKIPPED_CLASSES = frozenset({"admonition-title"})
_TEXT = "hub-term-text"  # stands in for the mention's own words in the cached markup
# The word just before a mention, in the same run of text; a window, so a
# long paragraph is not searched back to its start for every mention.
_WORD_BEFORE = re.compile(r"([^\W\d_]+(?:['’][^\W\d_]+)?)\s+\Z")
_LOOK_BACK = 64


def meant(term: Term, text: str, start: int) -> bool:
    """False if the mention at `start` follows one of the term's `not_after` words."""
    if not term.not_after:
        return True
    before = _WORD_BEFORE.search(text, max(0, start - _LOOK_BACK), start)
    return before is None or before.group(1).casefold() not in term.not_after


def names_pattern(glossary: Glossary) -> re.Pattern | None:
    """Every term and alias as one pattern, matched as whole words."""
    alternation = glossary.names_alternation()
    if not alternation:
        return None
    return re.compile(r"(?<![\w-])(?:" + alternation + r")", re.IGNORECASE)


@dataclass
class TermTooltips(Extension):
    """Added to `markdown_extensions` once per build.

    `render(slug, href, text)` returns the tooltip markup for one mention; the
    hook sets `active` and `href_of` before each page.
    """

    glossary: Glossary
    render: Callable[[str, str, str], str]
    active: bool = False
    href_of: Callable[[str], str] = lambda slug: f"glossary.md#{slug}"

    def __post_init__(self) -> None:
        super().__init__()
        self.pattern = names_pattern(self.glossary)
        self._templates: dict[tuple[str, str], etree.Element] = {}

    def extendMarkdown(self, md) -> None:
        md.treeprocessors.register(_Tooltips(md, self), "hub_glossary_tooltips", 4)

    def element(self, slug: str, text: str) -> etree.Element:
        """The tooltip for one mention; rendered once per term and page depth."""
        href = self.href_of(slug)
        key = (slug, href)
        if key not in self._templates:
            self._templates[key] = etree.fromstring(self.render(slug, href, _TEXT))
        node = copy.deepcopy(self._templates[key])
        for part in node.iter():
            if part.text == _TEXT:
                part.text = text
        return node


class _Tooltips(Treeprocessor):
    def __init__(self, md, tooltips: TermTooltips) -> None:
        super().__init__(md)
        self.tooltips = tooltips

    def run(self, root: etree.Element) -> None:
        if not self.tooltips.active or self.tooltips.pattern is None:
            return
        self.seen: set[str] = set()  # slugs of the terms marked on this page
        self.done: set[str] = set()  # names, as written, that need no second look on this page
        self._visit(root)

    def _visit(self, element: etree.Element) -> None:
        # Nodes inserted so far shift each child's index; counting them keeps
        # the walk linear in the number of children (no index() look-ups).
        inserted = 0
        if element.text:
            element.text, nodes = self._mark(element.text)
            for position, node in enumerate(nodes):
                element.insert(position, node)
            inserted = len(nodes)
        for index, child in enumerate(list(element)[inserted:]):
            if not _skipped(child):
                self._visit(child)
            if child.tail:
                child.tail, nodes = self._mark(child.tail)
                at = index + inserted + 1
                for offset, node in enumerate(nodes):
                    element.insert(at + offset, node)
                inserted += len(nodes)

    def _mark(self, text: str) -> tuple[str, list[etree.Element]]:
        """Split `text` at first mentions: (text before, [tooltip nodes, tails set])."""
        nodes, head, last = [], None, 0
        for match in self.tooltips.pattern.finditer(text):
            name = match.group(0)
            if name in self.done:
                continue  # its term is marked already: most mentions on a page
            term = self.tooltips.glossary.named(name)
            if term is None or term.slug in self.seen:
                self.done.add(name)
                continue
            if not meant(term, text, match.start()):
                continue
            self.seen.add(term.slug)
            self.done.add(name)
            node = self.tooltips.element(term.slug, match.group(0))
            before = text[last : match.start()]
            if nodes:
                nodes[-1].tail = before
            else:
                head = before
            nodes.append(node)
            last = match.end()
        if not nodes:
            return text, []
        nodes[-1].tail = text[last:]
        return head, nodes


def _skipped(element: etree.Element) -> bool:
    if not isinstance(element.tag, str) or element.tag in SKIPPED_TAGS or element.get(GENERATED) is not None:
        return True
    return not SKIPPED_CLASSES.isdisjoint(element.get("class", "").split())
