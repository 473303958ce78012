"""Diagrams: each SVG picture in a figure opens full size (filmhub.diagram_links)."""

from __future__ import annotations

from filmhub import state
from filmhub.diagram_links import DiagramLinks
from filmhub.markers import render_block


def on_config(config):
    build = state.for_config(config)

    def render(href: str) -> str:
        return render_block(build.templates, "partials/diagram.html", href=href)

    config.markdown_extensions.append(DiagramLinks(render))
