"""Search: Pagefind indexes every built site; the dialog loads it only when a reader searches.

After MkDocs has written the pages, Pagefind (filmhub.search) indexes them
into `pagefind/` in the site: every `mkdocs build`, `make build` and test
build gets the index. The preview (`mkdocs serve`) skips it, so a save shows
in the browser sooner, and its search dialog says search works in the built
site. The output guard (hooks/output_guard.py) runs after it, so it scans
the site with the index in it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from filmhub import search, state

# Whether this process is `mkdocs serve`. MkDocs says so once, when it
# starts, and imports a hook once per process, so this is the process's
# fact, not a build's (a build run without the command line, as the tests
# do, is a build).
_serving = False


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def on_env(env, config, files):
    env.globals["search_preview"] = _serving
    return env


def on_page_context(context, page, config, nav):
    build = state.for_config(config)
    site_page = build.site.pages.get(page.file.src_uri)
    if site_page is not None:
        context["search_indexed"] = True
        context["search_hub"] = search.hub_filter(build.site, site_page)
    return context


def on_post_build(config):
    if _serving:
        return
    failed = search.index_site(Path(config.site_dir))
    if failed:
        raise PluginError(search.stop_message(failed))
