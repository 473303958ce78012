"""The last line of defence: what no page or SVG of the built site may hold.

The checks before it look at what writers wrote. This scan looks at what the
build wrote, so a template or hook that let something through is caught
before it is published: a script that is not the theme's own, the site's
JSON-LD or a redirect page of the redirects plugin, an event handler, a `javascript:`, `vbscript:` or `data:` address,
or a resource loaded from another host. HTML is parsed the way browsers
parse it (selectolax, on the Lexbor engine); SVG as XML with expat, with no
DOCTYPE, so no entity is ever declared or expanded.

Every function here is pure: it takes a file's text (or bytes) and returns
what it found, as plain sentences for the output guard hook to report.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from xml.parsers import expat

from selectolax.lexbor import LexborHTMLParser, LexborNode

HTML_SUFFIXES = (".html", ".htm")
SVG_SUFFIXES = (".svg",)
SCANNED_SUFFIXES = HTML_SUFFIXES + SVG_SUFFIXES

# Lexbor's tree building is quadratic or worse in the depth of some nestings
# (10,000 nested `<b id=…>` take seconds), so a page can hold only so many
# tags for the scan to stay quick; a page of the hub has a few thousand.
MAX_TAGS = 10_000

DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")
JSON_SCRIPT_TYPES = {"application/ld+json", "application/json"}
SITE_SCRIPTS = "assets/javascripts/"

# Attributes whose value a browser follows as an address.
URL_ATTRIBUTES = frozenset(
    "href xlink:href src srcset imagesrcset poster data action formaction ping background cite "
    "codebase longdesc lowsrc dynsrc manifest icon usemap classid archive profile itemtype".split()
)
# Attributes holding several addresses, or (SVG animation) values that can become one.
LIST_ATTRIBUTES = {"srcset": ",", "imagesrcset": ",", "ping": " ", "archive": " ", "values": ";"}
ANIMATION_ATTRIBUTES = frozenset({"to", "from", "by", "values"})
# Attributes that make the browser fetch what they point at.
LOAD_ATTRIBUTES = frozenset("src srcset imagesrcset poster data background codebase lowsrc dynsrc".split())
# SVG elements (also inside HTML) that fetch their href.
SVG_LOADING_ELEMENTS = frozenset({"use", "image", "feimage"})
# A <link> whose rel words are all among these is a link, not a load.
LINK_RELS_NOT_LOADING = frozenset("canonical alternate next prev author license help me bookmark".split())

# Removed before looking at an address: browsers ignore tabs and newlines in
# it and strip spaces and controls around it; removing every one is stricter.
_INVISIBLE = dict.fromkeys([*range(0x21), 0x7F])
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:")
_JINJA_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.DOTALL)
# What a `{{ … }}` in the theme's scripts may print: no quote, backslash,
# '<' or line break, so it cannot end the string it is printed in.
_TEMPLATE_VALUE = r"""[^"'`\\<\n\r\u2028\u2029]*"""
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|\n|(.))", re.DOTALL)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.DOTALL)
_CSS_REFERENCE = re.compile(
    r"""url\(\s*(?:"(?P<url_dq>[^"]*)"|'(?P<url_sq>[^']*)'|(?P<url>[^)\s]*))"""
    r"""|"(?P<string_dq>[^"]*)"|'(?P<string_sq>[^']*)'|(?P<import>@import)""",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Finding:
    """Something in a built file that no template or hook should have let through."""

    path: str  # relative to the site folder: "ethics/index.html"
    what: str

    def __str__(self) -> str:
        return f"{self.path}: {self.what}"

    @property
    def stop_message(self) -> str:
        """How the output guard reports it when it stops the build."""
        return f"{self} — a template or hook let this through; the build was stopped"


def scan_file(
    path: str,
    data: bytes,
    *,
    site_url: str | None,
    theme_scripts: Sequence[re.Pattern],
    redirect_page: re.Pattern | None = None,
) -> list[Finding]:
    """What the scan finds in one built file; `path` is relative to the site folder."""
    suffix = posixpath.splitext(path)[1].lower()
    if suffix not in SCANNED_SUFFIXES:
        return []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return [Finding(path, "the file is not UTF-8 text, so the scan cannot read it as a browser would")]
    if suffix in SVG_SUFFIXES:
        found = scan_svg(text)
    elif redirect_page is not None and redirect_page.fullmatch(text):
        found = []  # exactly the redirects plugin's page, sending the reader within the site
    else:
        found = scan_html(text, path, site_url=site_url, theme_scripts=theme_scripts)
    return [Finding(path, what) for what in found]


# --- The theme's own inline scripts ----------------------------------------------------


def theme_inline_scripts(template_dirs: Iterable[Path]) -> list[re.Pattern]:
    """One pattern per inline script of the theme's partials/javascripts/*.html.

    Each template holds one `<script>…</script>` with Jinja `{{ … }}`
    expressions; each expression may print a run of plain characters. A
    template in an earlier folder (overrides/) replaces one of the same name.
    """
    templates: dict[str, Path] = {}
    for folder in template_dirs:
        for template in sorted(Path(folder).glob("partials/javascripts/*.html")):
            templates.setdefault(template.name, template)
    patterns = []
    for template in templates.values():
        tree = LexborHTMLParser(template.read_text(encoding="utf-8"))
        for script in tree.css("script"):
            literal_parts = _JINJA_EXPRESSION.split(script.text(deep=True))
            patterns.append(re.compile(_TEMPLATE_VALUE.join(re.escape(part) for part in literal_parts)))
    return patterns


# --- Redirect pages ---------------------------------------------------------------------

# Where a redirect page may send the reader: a relative address within the
# site ('../new-name/', '../../ethics/disclosure/#consent'), never a scheme,
# another host, a path from the domain's root, a quote or a '<'.
_RELATIVE_URL = r"(?:\.\.?/)*(?:[A-Za-z0-9._~%-]+/)*[A-Za-z0-9._~%-]*(?:#[A-Za-z0-9._~%-]*)?"


def redirect_page_pattern(template: str, slot: str = "{url}") -> re.Pattern:
    """The pages the redirects plugin writes from `template`, with its address slot
    filled by one relative address within the site, the same at every use."""
    first, *rest = (re.escape(part) for part in template.strip().split(slot))
    pattern = first + f"(?P<url>{_RELATIVE_URL})" + "(?P=url)".join(rest)
    return re.compile(r"\s*" + pattern + r"\s*")


# --- Addresses and CSS -----------------------------------------------------------------


def _show(value: str, limit: int = 80) -> str:
    value = value.translate(dict.fromkeys(range(0x20), " "))
    return value if len(value) <= limit else value[: limit - 1] + "…"


def dangerous_scheme(url: str) -> str | None:
    """'javascript:' if the address would run a script (or is data: or vbscript:)."""
    if ":" not in url:
        return None  # the common case, a relative address: no scheme at all
    normal = url.translate(_INVISIBLE).lower()
    return next((scheme for scheme in DANGEROUS_SCHEMES if normal.startswith(scheme)), None)


def from_another_host(url: str, site_host: str | None) -> bool:
    """True if a browser would fetch `url` from a host other than the site's own."""
    normal = url.translate(_INVISIBLE).replace("\\", "/")
    if normal.startswith("//"):
        return True
    if not _SCHEME.match(normal.lower()):
        return False  # a relative address: this site
    try:
        parts = urlsplit(normal)
        host = parts.hostname
    except ValueError:
        return True
    return not (site_host and parts.scheme.lower() in ("http", "https") and host == site_host.lower())


def _addresses(name: str, value: str) -> list[str]:
    separator = LIST_ATTRIBUTES.get(name)
    if separator is None:
        return [value]
    if separator == ",":  # "a.png 1x, b.png 2x": look at every word, descriptors too
        return [word for word in re.split(r"[\s,]+", value) if word]
    return [word for word in value.split(separator) if word.strip()]


def css_references(css: str) -> Iterator[tuple[str, str]]:
    """('url', address), ('string', text) and ('import', '@import') in a style, escapes decoded."""
    text = _CSS_COMMENT.sub("", _CSS_ESCAPE.sub(_css_unescape, css))
    for match in _CSS_REFERENCE.finditer(text):
        kind = match.lastgroup or ""
        yield kind.split("_")[0], match.group(kind)


def _css_unescape(match: re.Match) -> str:
    hex_digits, char = match.groups()
    if hex_digits:
        code = int(hex_digits, 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return char or ""


def _html_style_findings(css: str, where: str, site_host: str | None) -> list[str]:
    found = []
    for kind, value in css_references(css):
        if kind == "import":
            continue  # what it imports is a url() or a string, checked on its own
        scheme = dangerous_scheme(value)
        if scheme:
            found.append(f"a '{scheme}' address in {where}: '{_show(value)}'")
        elif from_another_host(value, site_host):
            found.append(f"{where} loads '{_show(value)}' from another host")
    return found


# --- HTML --------------------------------------------------------------------------------


def scan_html(
    text: str, path: str, *, site_url: str | None, theme_scripts: Sequence[re.Pattern]
) -> list[str]:
    """What no page may hold, found in the HTML `text` of the page at `path`."""
    site = urlsplit(site_url or "")
    site_host, site_path = site.hostname, site.path.rstrip("/") + "/"
    if text.count("<") > MAX_TAGS:
        return [f"more than {MAX_TAGS:,} tags on one page, more than the scan reads"]
    found: list[str] = []
    for node in _elements(LexborHTMLParser(text)):
        tag = (node.tag or "").lower()
        attributes = node.attributes
        if tag in _ELEMENTS_CHECKED or _any_checked(attributes):
            found += _element_findings(node, tag, attributes, path, site_host, site_path, theme_scripts)
    return found


def _any_checked(names: Iterable[str]) -> bool:
    """Whether any of these attributes can hold something the scan looks for;
    most (class, id, aria-*, data-*) cannot, and most elements have only those."""
    # A loop, not any(): this runs for every element of every page, and is faster so.
    for name in names:  # noqa: SIM110
        if _checked(name.lower()):
            return True
    return False


def _checked(name: str) -> bool:
    """Whether _html_attribute_findings looks at an attribute of this (lowercase) name."""
    return name in _ATTRIBUTES_CHECKED or name.startswith("on")


def _element_findings(
    node: LexborNode,
    tag: str,
    raw_attributes: dict[str, str | None],
    path: str,
    site_host: str | None,
    site_path: str,
    theme_scripts: Sequence[re.Pattern],
) -> list[str]:
    found = []
    attributes = {name.lower(): value or "" for name, value in raw_attributes.items()}
    if tag == "script":
        found += _script_findings(node, attributes, path, site_path, theme_scripts)
    elif tag == "base":
        found.append("a <base> element, which would change where every relative address leads")
    elif tag == "style":
        found += _html_style_findings(node.text(deep=True), "a <style> element", site_host)
    for name, value in attributes.items():
        found += _html_attribute_findings(tag, name, value, attributes, site_host)
    return found


def _elements(tree: LexborHTMLParser) -> Iterator[LexborNode]:
    """Every element, also those in <template> contents, which are not part of the tree."""
    roots = [tree.root]
    while roots:
        root = roots.pop()
        yield from root.traverse()
        roots.extend(root.template_fragments())


# The elements _element_findings looks at for themselves, and the attributes
# (besides on*) _html_attribute_findings looks at: an element with neither is
# not looked at any further. A new check of another attribute adds it here.
_ELEMENTS_CHECKED = frozenset({"script", "base", "style"})
_ATTRIBUTES_CHECKED = URL_ATTRIBUTES | ANIMATION_ATTRIBUTES | {"srcdoc", "style", "content"}


def _html_attribute_findings(
    tag: str, name: str, value: str, attributes: dict[str, str], site_host: str | None
) -> list[str]:
    if not _checked(name):
        return []
    if name.startswith("on"):
        return [f"an event handler '{name}' on <{tag}>"]
    if name == "srcdoc":
        return [f"a document in 'srcdoc' on <{tag}>"]
    if name == "style":
        return _html_style_findings(value, f"the style of <{tag}>", site_host)
    if tag == "meta" and name == "content" and attributes.get("http-equiv", "").lower() == "refresh":
        name, value = "content", value.partition(";")[2].strip().removeprefix("url=").strip("'\" ")
    elif name not in URL_ATTRIBUTES and not (name in ANIMATION_ATTRIBUTES and tag in ("animate", "set")):
        return []
    loads = name in LOAD_ATTRIBUTES or (
        name in ("href", "xlink:href")
        and (tag in SVG_LOADING_ELEMENTS or (tag == "link" and _link_loads(attributes)))
    )
    found = []
    for address in _addresses(name, value):
        scheme = dangerous_scheme(address)
        if scheme:
            found.append(f"a '{scheme}' address in '{name}' on <{tag}>: '{_show(address)}'")
        elif loads and tag != "script" and from_another_host(address, site_host):
            found.append(f"<{tag}> loads '{_show(address)}' from another host ('{name}')")
    return found


def _link_loads(attributes: dict[str, str]) -> bool:
    return not set(attributes.get("rel", "").lower().split()) <= LINK_RELS_NOT_LOADING


def _script_findings(
    node: LexborNode,
    attributes: dict[str, str],
    path: str,
    site_path: str,
    theme_scripts: Sequence[re.Pattern],
) -> list[str]:
    sources = [attributes[name] for name in ("src", "href", "xlink:href") if name in attributes]
    if sources:
        return [
            f"a <script> loading '{_show(source)}', which is not a file of this site under {SITE_SCRIPTS}"
            for source in sources
            if not _is_site_script(source, path, site_path)
        ]
    if attributes.get("type", "").strip().lower() in JSON_SCRIPT_TYPES:
        return []
    code = node.text(deep=True)
    if any(pattern.fullmatch(code) for pattern in theme_scripts):
        return []
    return [f"an inline <script> that is not the theme's own: '{_show(code.strip())}'"]


def _is_site_script(source: str, page: str, site_path: str) -> bool:
    """True for a relative address (or, as on the 404 page, one from the site's root) into assets/javascripts/."""
    address = re.split(r"[?#]", source.translate(_INVISIBLE).replace("\\", "/"))[0]
    if address.startswith("//") or _SCHEME.match(address.lower()):
        return False
    if address.startswith("/"):
        return posixpath.normpath(address).startswith(site_path + SITE_SCRIPTS)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), address))
    return target.startswith(SITE_SCRIPTS)


# --- SVG ---------------------------------------------------------------------------------


class _Refused(Exception):
    """Stops the XML parser at something the scan will not read past."""


def scan_svg(text: str) -> list[str]:
    """What no SVG may hold: scripts, HTML, handlers, and references out of the file."""
    found: list[str] = []
    styles: list[list[str]] = []  # the text of each <style> being read

    def start(name: str, attributes: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        if local.lower() in ("script", "foreignobject"):
            found.append(f"a <{local}> element")
        if local.lower() == "style":
            styles.append([])
        for attribute, value in attributes.items():
            found.extend(_svg_attribute_findings(local, attribute.rpartition(":")[2].lower(), value))

    def end(name: str) -> None:
        if name.rpartition(":")[2].lower() == "style" and styles:
            found.extend(_svg_style_findings("".join(styles.pop()), "a <style> element"))

    def characters(data: str) -> None:
        if styles:
            styles[-1].append(data)

    def doctype(*_: object) -> None:
        raise _Refused("a DOCTYPE, which could declare entities; the site's SVGs have none")

    def instruction(target: str, _data: str) -> None:
        raise _Refused(f"a processing instruction <?{target} …?>, which can load a style sheet")

    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = doctype
    parser.ProcessingInstructionHandler = instruction
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    try:
        parser.Parse(text, True)
    except _Refused as refused:
        found.append(str(refused))
    except expat.ExpatError as error:
        found.append(f"the SVG is not well-formed XML ({error})")
    return found


def _svg_attribute_findings(element: str, name: str, value: str) -> list[str]:
    if name.startswith("on"):
        return [f"an event handler '{name}' on <{element}>"]
    if name in URL_ATTRIBUTES and not value.translate(_INVISIBLE).startswith("#"):
        return [f"'{name}' on <{element}> points out of the file: '{_show(value)}' (only '#id' is allowed)"]
    if name in ANIMATION_ATTRIBUTES:
        schemes = [dangerous_scheme(part) for part in value.split(";")]
        return [f"a '{scheme}' address in '{name}' on <{element}>" for scheme in schemes if scheme][:1]
    if name == "style":
        return _svg_style_findings(value, f"the style of <{element}>")
    # Presentation attributes (fill, marker-end, …) may hold a url() too.
    return _svg_style_findings(value, f"'{name}' on <{element}>", urls_only=True)


def _svg_style_findings(css: str, where: str, *, urls_only: bool = False) -> list[str]:
    if not any(mark in css for mark in ("(", "@", "\\", "'", '"')):
        return []  # the common case: a colour, a length, a path
    found = []
    for kind, value in css_references(css):
        if kind == "url" and not value.translate(_INVISIBLE).startswith("#"):
            found.append(f"a url() in {where} that is not '#id': '{_show(value)}'")
        elif urls_only:
            continue
        elif kind == "import":
            found.append(f"an @import in {where}")
        elif kind == "string" and (dangerous_scheme(value) or from_another_host(value, None)):
            found.append(f"an address in {where} that points out of the file: '{_show(value)}'")
    return found
