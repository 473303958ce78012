"""What a writer's page may render to: an allow-list of elements, attributes and URLs.

Python-Markdown does not sanitise: raw HTML, `attr_list` (`{ onclick=… }`)
and `md_in_html` put anything a writer types into the page. So after
Markdown, every element and attribute of a page's body is checked against
the lists below, the same way GitHub's Markdown pipeline allow-lists them —
except that nothing is dropped silently: each thing that is not allowed is
returned as a Violation saying what to write instead, and the build stops.

The HTML is parsed by selectolax (the Lexbor engine, a parser that follows
the HTML standard as browsers do), so what is checked is what a browser
would build, entities decoded and all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from filmhub.characters import for_log

# Markup made by the hub's hooks and partials carries this attribute; it is
# the hub's own and is not a writer's to check (or to type: see page_checks).
GENERATED = "data-hub-generated"

# What Markdown and the enabled extensions produce (footnotes, tables,
# admonitions, details, tabbed, task lists, highlighted code, md_in_html),
# plus a few elements a writer may use for layout.
_EVERYWHERE = frozenset({"id", "class", "title", "lang", "dir"})
_ACCESSIBLE = frozenset({"role", "aria-label", "aria-labelledby", "aria-describedby", "aria-hidden"})
ELEMENTS: dict[str, frozenset[str]] = {
    **{
        tag: frozenset()
        for tag in "p blockquote pre code em strong b i u s del ins mark small sub sup".split()
    },
    **{tag: frozenset() for tag in "kbd samp var abbr cite q dfn span div br hr ul ol li dl dt dd".split()},
    **{tag: frozenset() for tag in "h1 h2 h3 h4 h5 h6 table thead tbody tfoot tr caption figure".split()},
    **{tag: frozenset() for tag in "figcaption summary picture wbr label".split()},
    "a": frozenset({"href", "name"}),
    "img": frozenset({"src", "alt", "width", "height", "srcset", "sizes", "loading", "decoding"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "th": frozenset({"colspan", "rowspan", "style", "align", "scope", "headers"}),
    "td": frozenset({"colspan", "rowspan", "style", "align", "headers"}),
    "col": frozenset({"span", "width"}),
    "colgroup": frozenset({"span"}),
    "details": frozenset({"open"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
    "time": frozenset({"datetime"}),
    "label": frozenset({"for"}),
    # pymdownx.tabbed and pymdownx.tasklist write these; no other input.
    "input": frozenset({"type", "name", "checked", "disabled"}),
    "video": frozenset(
        {"src", "poster", "controls", "width", "height", "muted", "loop", "playsinline", "preload"}
    ),
    "audio": frozenset({"src", "controls", "muted", "loop", "preload"}),
    "source": frozenset({"src", "srcset", "type", "media", "sizes"}),
    "track": frozenset({"src", "kind", "srclang", "label", "default"}),
}
# Written by pymdownx.tabbed on its container, read by Material's script.
_EXTENSION_ATTRIBUTES = {"div": frozenset({"data-tabs"})}
# Every attribute each element may have, put together once.
_ALLOWED = {
    tag: _EVERYWHERE | _ACCESSIBLE | attributes | _EXTENSION_ATTRIBUTES.get(tag, frozenset())
    for tag, attributes in ELEMENTS.items()
}
_INPUT_TYPES = frozenset({"radio", "checkbox"})
_CELL_STYLE = re.compile(r"\s*text-align:\s*(?:left|right|center)\s*;?\s*", re.IGNORECASE)
URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "poster", "cite"})
# Attributes through which a page loads a file rather than links to one.
LOADING_ATTRIBUTES = frozenset({"src", "srcset", "poster"})
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")
# The implied document around a fragment: fine as long as nobody gave them attributes.
_FRAME = frozenset({"html", "head", "body"})

_ELEMENT_HINTS = {
    "script": "a page can't run code — describe what it should show, or ask the maintainers",
    "noscript": "a page can't run code — write the text as Markdown",
    "style": "styles live in docs/assets/stylesheets/, which the maintainers review (CODEOWNERS) — "
    "use Markdown, or ask for a style there",
    "link": "the page head belongs to the theme — remove it",
    "meta": "the page head belongs to the theme — remove it",
    "base": "the page head belongs to the theme — remove it",
    "title": "the title comes from front matter — remove it",
    "iframe": "nothing may load from another site — link to it instead",
    "frame": "nothing may load from another site — link to it instead",
    "embed": "nothing may load from another site — link to it, or save an image under docs/assets/",
    "object": "embed files as images (![…](../assets/…)) — save the file under docs/assets/",
    "svg": "save the drawing as an .svg file under docs/assets/diagrams/ and show it as an image",
    "math": "write the formula as text or as an image under docs/assets/",
    "form": "a page can't hold a form — link to the form instead",
    "button": "a page can't hold a form — link to the form instead",
    "select": "a page can't hold a form — link to the form instead",
    "textarea": "a page can't hold a form — link to the form instead",
    "template": "write the content as Markdown",
}
_DEFAULT_HINT = (
    "use Markdown, or one of the layout elements a page may use: details, summary, figure, figcaption, "
    "kbd, sub, sup, br, span, div"
)


@dataclass(frozen=True)
class Violation:
    """One thing in a page's HTML that is not allowed, and how to find where it was typed."""

    message: str
    tag: str
    attribute: str | None = None
    value: str | None = None  # as the browser reads it: entities decoded


def check(html: str, limit: int = 50) -> list[Violation]:
    """Everything in `html` (a page body) outside the allow-list, in document order.

    Markup the hub generated (marked GENERATED) is skipped. At most `limit`
    violations are returned, so a hostile page costs no more than a short one.
    """
    found: list[Violation] = []
    body = LexborHTMLParser(html).root
    node = body
    while node is not None and len(found) < limit:
        descend = True
        if node.tag not in ("-text", "_comment", "-comment", "!doctype", "-document"):
            violations = _element(node)
            found += violations
            descend = not violations and GENERATED not in (node.attributes or {})
        node = _next(node, descend)
    return found[:limit]


def _next(node: LexborNode, descend: bool) -> LexborNode | None:
    """The next node in document order, without recursion."""
    if descend and node.child is not None:
        return node.child
    while node is not None:
        if node.next is not None:
            return node.next
        node = node.parent
    return None


def _element(node: LexborNode) -> list[Violation]:
    tag = node.tag.lower()
    attributes = node.attributes or {}
    if tag in _FRAME:
        return [_attribute(tag, name, value) for name, value in attributes.items()]
    if tag not in ELEMENTS:
        hint = _ELEMENT_HINTS.get(tag, _DEFAULT_HINT)
        return [Violation(f"<{for_log(tag)}> is not allowed in a page — {hint}", tag)]
    allowed = _ALLOWED[tag]
    problems = []
    for name, value in attributes.items():
        name = name.lower()
        if name == GENERATED or name == "data-pagefind-ignore":
            continue
        if name not in allowed:
            problems.append(_attribute(tag, name, value))
        elif problem := _value(tag, name, value or ""):
            problems.append(problem)
    return problems


def _attribute(tag: str, name: str, value: str | None) -> Violation:
    shown = for_log(name)
    if name.startswith("on"):
        message = f"'{shown}' is not allowed — a page can't run code; remove the attribute"
    elif name == "style":
        message = (
            "'style' is not allowed — the site's styles live in docs/assets/stylesheets/, which the "
            "maintainers review (CODEOWNERS); use Markdown, or a class they provide"
        )
    else:
        message = f"the attribute '{shown}' is not allowed on <{for_log(tag)}> — remove it"
    return Violation(message, tag, name)


def _value(tag: str, name: str, value: str) -> Violation | None:
    if name == "style" and not _CELL_STYLE.fullmatch(value):
        return _attribute(tag, name, value)
    if tag == "input" and name == "type" and value.lower() not in _INPUT_TYPES:
        return Violation("a page can't hold a form — link to the form instead", tag, name, value)
    if name not in URL_ATTRIBUTES:
        return None
    for url in _srcset(value) if name == "srcset" else [value]:
        problem = url_problem(url, loads=name in LOADING_ATTRIBUTES)
        if problem:
            return Violation(f"{name}='{for_log(url)}' {problem}", tag, name, value)
    return None


def _srcset(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


def url_problem(url: str, loads: bool) -> str | None:
    """Why a URL may not be used, or None. `loads`: fetched by the page itself."""
    cleaned = _INVISIBLE.sub("", url).replace("\\", "/")
    scheme = _SCHEME.match(cleaned)
    if loads and (scheme or cleaned.startswith("//")):
        return (
            "loads a file from another site, which readers' browsers would contact — "
            "save the file under docs/assets/ and link to it relatively"
        )
    # A one-letter scheme is a Windows drive ('C:'): the link check says so.
    if scheme and len(scheme.group(1)) > 1 and scheme.group(1).lower() not in LINK_SCHEMES:
        return (
            f"uses '{for_log(scheme.group(1).lower())}:', which is not allowed — "
            "links may use https:, http:, mailto:, tel: or a relative path"
        )
    if cleaned.startswith("//"):
        return f"is protocol-relative — write 'https:{for_log(cleaned)}'"
    return None
