"""Diagrams a reader can use: named, described, and readable in both colour schemes.

Every SVG in docs/assets/diagrams/ is drawn for the articles, and each needs:

- `role="img"` and a `viewBox` on the `<svg>` element;
- a `<title>` and a `<desc>` as its first two children, named (in that
  order) by `aria-labelledby`, so a screen reader announces what it shows;
- a `@media (prefers-color-scheme: dark)` section in its styles;
- a background panel covering the whole drawing, so its text stays readable
  on a light or a dark page.

The file has already passed filmhub.svg_policy (no DOCTYPE, nothing that runs
or loads), so it is parsed here with the standard library's ElementTree.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from filmhub.problems import Problem

FOLDER = "assets/diagrams/"
_SVG = "{http://www.w3.org/2000/svg}"
PANEL_SHARE = 0.97  # a background panel covers at least this much of each side


def is_diagram(src_uri: str) -> bool:
    return src_uri.startswith(FOLDER) and src_uri.lower().endswith(".svg")


def _number(value: str | None) -> float:
    try:
        return float((value or "0").removesuffix("px"))
    except ValueError:
        return 0.0


def diagram_problems(data: bytes, path: str) -> list[Problem]:
    """What a diagram lacks, each at line 1 (the `<svg>` element's attributes, or what goes inside it)."""
    try:
        root = etree.fromstring(data)
    except etree.ParseError:
        return []  # svg_policy reports it, at its line
    problems = []

    def lacks(message: str) -> None:
        problems.append(Problem(path, 1, message, kind="diagram"))

    if root.get("role") != "img":
        lacks(
            'the diagram has no role="img" — add it to the <svg> element, so screen readers treat it as a picture'
        )
    view_box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(view_box) != 4:
        lacks(
            'the diagram has no viewBox — add viewBox="0 0 WIDTH HEIGHT" to the <svg> element, so it scales'
        )
    children = list(root)
    first = [child.tag for child in children[:2]]
    if first != [f"{_SVG}title", f"{_SVG}desc"]:
        lacks(
            "the diagram's first two elements must be <title> and <desc> — add a short name and a full "
            "description of what it shows, right after the <svg> line"
        )
    else:
        wanted = f"{children[0].get('id')} {children[1].get('id')}"
        if None in (children[0].get("id"), children[1].get("id")) or root.get("aria-labelledby") != wanted:
            lacks(
                "the diagram's aria-labelledby must name the ids of its <title> and <desc> — give both an id "
                'and write aria-labelledby="TITLE-ID DESC-ID" on the <svg> element'
            )
    styles = "".join("".join(style.itertext()) for style in root.iter(f"{_SVG}style"))
    if "@media (prefers-color-scheme: dark)" not in styles:
        lacks(
            "the diagram has no dark colours — add a '@media (prefers-color-scheme: dark)' section to its "
            "<style> with the colours for dark pages"
        )
    if len(view_box) == 4:
        width, height = _number(view_box[2]), _number(view_box[3])
        panels = [
            rect
            for rect in root.iter(f"{_SVG}rect")
            if _number(rect.get("width")) >= PANEL_SHARE * width
            and _number(rect.get("height")) >= PANEL_SHARE * height
        ]
        if not panels:
            lacks(
                "the diagram has no background panel — draw a <rect> as large as the viewBox first, filled "
                "with the page colour of each scheme, so its text stays readable"
            )
    return problems
