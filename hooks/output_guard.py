"""Output guard: the last line of defence, a scan of every page and SVG the build wrote.

Listed just before report.py. When MkDocs has written the site, every HTML
page and SVG in it is scanned (hooks/filmhub/output_scan.py) for what no
template or hook may let through: a script that is not the theme's own or
the site's JSON-LD, an event handler, a `javascript:` address, a resource
from another host. A hit stops the build, naming the page; `make build`
then keeps the last good site/.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from filmhub import output_scan


def on_post_build(config):
    site_dir = Path(config.site_dir)
    theme_scripts = output_scan.theme_inline_scripts(Path(folder) for folder in config.theme.dirs)
    findings = []
    for folder, _, names in sorted(os.walk(site_dir)):
        for name in sorted(names):
            if not name.lower().endswith(output_scan.SCANNED_SUFFIXES):
                continue
            path = Path(folder, name)
            findings += output_scan.scan_file(
                path.relative_to(site_dir).as_posix(),
                path.read_bytes(),
                site_url=config.site_url,
                theme_scripts=theme_scripts,
            )
    if findings:
        raise PluginError(
            "\n".join(
                f"{finding} — a template or hook let this through; the build was stopped"
                for finding in findings
            )
        )
