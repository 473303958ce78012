"""Output guard: the last line of defence, a scan of every page and SVG the build wrote.

When MkDocs and the other hooks have written the site, every HTML
page and SVG in it is scanned (hooks/filmhub/output_scan.py) for what no
template or hook may let through: a script that is not the theme's own or
the site's JSON-LD (or the redirects plugin's own page), an event handler, a `javascript:` address, a resource
from another host. A hit stops the build, naming the page; `make build`
then keeps the last good site/. A file whose bytes were scanned before is
not scanned again: in the preview (`make serve`), by the same process
(filmhub.preview_cache); in a build, by the last build (filmhub.kept), whose
results are saved here, the build's last step.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs_redirects.plugin import HTML_TEMPLATE as REDIRECT_TEMPLATE

from filmhub import output_scan, state
from filmhub.preview_cache import digest, fingerprint


# After every other hook has written its files (the search index among them).
@event_priority(-90)
def on_post_build(config):
    site_dir = Path(config.site_dir)
    theme_scripts = output_scan.theme_inline_scripts(Path(folder) for folder in config.theme.dirs)
    # The pages the redirects plugin writes at moved pages' old addresses.
    redirect_page = output_scan.redirect_page_pattern(REDIRECT_TEMPLATE)
    scan = functools.partial(
        output_scan.scan_file,
        site_url=config.site_url,
        theme_scripts=theme_scripts,
        redirect_page=redirect_page,
    )
    build = state.for_config(config)
    reuse = build.reuse
    # What a file's scan depends on besides its path and bytes.
    context = fingerprint((config.site_url, [p.pattern for p in theme_scripts], redirect_page.pattern))
    findings = []
    for folder, _, names in sorted(os.walk(site_dir)):
        for name in sorted(names):
            if not name.lower().endswith(output_scan.SCANNED_SUFFIXES):
                continue
            path = Path(folder, name)
            relative, data = path.relative_to(site_dir).as_posix(), path.read_bytes()
            key = (relative, digest(data), context)
            findings += reuse.scan(key, functools.partial(scan, relative, data))
    if build.kept is not None:
        build.kept.save()
    if findings:
        raise PluginError("\n".join(finding.stop_message for finding in findings))
