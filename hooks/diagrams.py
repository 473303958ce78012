"""Diagrams: each SVG picture in a figure opens full size (filmhub.diagram_links)."""

from __future__ import annotations

from filmhub import state


def on_config(config):
    config.markdown_extensions.append(state.for_config(config).diagram_links)
