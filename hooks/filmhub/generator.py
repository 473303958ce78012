"""Which site generator builds the hub: MkDocs 1.x, or ProperDocs, its drop-in continuation.

MkDocs 1.6 is the last 1.x, and MkDocs 2.0 drops the hooks this project is
built on. ProperDocs (PyPI `properdocs`, by former MkDocs maintainers)
continues 1.x: same configuration, same hooks, same theme. Choose with an
environment variable, for `make`, the tests and CI alike:

    HUB_GENERATOR=mkdocs       (the default)
    HUB_GENERATOR=properdocs

Once `properdocs.replacement` is imported, every `mkdocs.*` import in the
process gets the ProperDocs module instead, so the hooks (and Material) run
unchanged. That has to happen before anything imports `mkdocs`: call
`activate()` first thing in a process that builds.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping
from types import ModuleType

ENV = "HUB_GENERATOR"
SUPPORTED = ("mkdocs", "properdocs")
DEFAULT = "mkdocs"
# The loggers a build's messages go to: ProperDocs logs under its own name,
# and keeps "mkdocs" as a child of it for plugins that still use that name.
LOGGERS = SUPPORTED


class UnknownGenerator(ValueError):
    pass


def selected(environ: Mapping[str, str] | None = None) -> str:
    """The generator HUB_GENERATOR names (mkdocs when it is unset or empty)."""
    name = (os.environ if environ is None else environ).get(ENV, "").strip() or DEFAULT
    if name not in SUPPORTED:
        raise UnknownGenerator(
            f"{ENV}={name} is not a generator the hub supports — use {' or '.join(SUPPORTED)}"
        )
    return name


def activate(name: str | None = None) -> ModuleType:
    """Make `name` (default: the selected one) the generator of this process; return its package."""
    name = name or selected()
    if name == "properdocs":
        importlib.import_module("properdocs.replacement")
    return importlib.import_module(name)
