"""What an SVG file may hold: drawing, text and styles, nothing that runs or loads.

A browser runs an SVG's scripts and event handlers when the file is opened
on its own or embedded with <object>, and follows its references to other
files. Checked with expat, which reports each element with its line; a
DOCTYPE is refused before any entity can be declared, let alone expanded.
"""

from __future__ import annotations

import re
from xml.parsers import expat

from filmhub.characters import for_log
from filmhub.problems import Problem

_SVG = "http://www.w3.org/2000/svg"
_XLINK = "http://www.w3.org/1999/xlink"
ELEMENTS = frozenset(
    """
    svg g defs title desc metadata style symbol use path rect circle ellipse line polyline polygon text
    tspan textPath marker linearGradient radialGradient stop clipPath mask pattern filter feGaussianBlur
    feOffset feBlend feFlood feComposite feMerge feMergeNode feColorMatrix feDropShadow switch
    """.split()
)
_CSS_URL = re.compile(r"url\(\s*(['\"]?)\s*([^'\")\s]*)", re.IGNORECASE)
_IMPORT = re.compile(r"@import", re.IGNORECASE)


class _Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def svg_problems(data: bytes, path: str) -> list[Problem]:
    """Problems with an SVG file's content, at the line they are on (the first one found)."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    in_style = []

    def refuse(message: str) -> None:
        raise _Refused(parser.CurrentLineNumber, message)

    def doctype(*_args) -> None:
        refuse("the SVG declares a DOCTYPE — remove it (entities and outside files are not allowed)")

    def start(name: str, attributes: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        if namespace not in ("", _SVG) or local not in ELEMENTS:
            hint = (
                "a diagram can't run code"
                if local in ("script", "foreignObject", "iframe", "handler")
                else "use shapes, text and styles only"
            )
            refuse(f"<{for_log(local)}> is not allowed in an SVG — {hint}")
        for attribute, value in attributes.items():
            attribute_namespace, _, attribute_name = attribute.rpartition(" ")
            if attribute_name.lower().startswith("on"):
                refuse(f"'{for_log(attribute_name)}' is not allowed in an SVG — a diagram can't run code")
            if (
                attribute_name == "href"
                and attribute_namespace in ("", _XLINK)
                and not value.strip().startswith("#")
            ):
                refuse(
                    f"href='{for_log(value)}' points outside the SVG — draw everything in the file "
                    "(only '#id' references are allowed)"
                )
            if attribute_name in (
                "style",
                "fill",
                "stroke",
                "filter",
                "mask",
                "clip-path",
                "marker-start",
                "marker-mid",
                "marker-end",
            ):
                _check_css(value)
        in_style.append(local == "style")

    def end(_name: str) -> None:
        in_style.pop()

    def text(data: str) -> None:
        if in_style and in_style[-1]:
            _check_css(data)

    def _check_css(css: str) -> None:
        # A CSS escape ('u\\72l(') would hide a url() or @import from the checks below.
        if "\\" in css:
            refuse("the SVG's styles use a backslash escape — write the CSS without escapes")
        if _IMPORT.search(css):
            refuse("the SVG's styles use @import — keep every style in the file")
        for match in _CSS_URL.finditer(css):
            if not match.group(2).startswith("#"):
                refuse(f"url({for_log(match.group(2))}) points outside the SVG — only url(#id) is allowed")

    def processing(target: str, _data: str) -> None:
        refuse(f"the processing instruction '<?{for_log(target)}' is not allowed in an SVG — remove it")

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = lambda *_args: doctype()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.ProcessingInstructionHandler = processing
    try:
        parser.Parse(data, True)
    except _Refused as refused:
        return [Problem(path, refused.line, refused.message, kind="svg")]
    except expat.ExpatError as error:
        return [
            Problem(
                path,
                error.lineno,
                f"the SVG is not well-formed XML ({expat.errors.messages[error.code]}) — "
                "export it again from your drawing program",
                kind="svg",
            )
        ]
    return []
