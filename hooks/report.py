"""Report: every problem the checks found, listed once, before anything is written.

Its `on_env` runs after every other check's (an explicit priority), so that
there (every page rendered, none written) it sees what all the checks found. It
logs each problem as `path:line[:col]: message`, sorted by file and line,
adds GitHub annotations on CI (those in the files a pull request changed
first, and all of them in the job summary; filmhub.annotations) and a JSON
report on request.

It counts the warnings of either generator (filmhub.generator): MkDocs logs
under "mkdocs", ProperDocs under "properdocs".

A strict build (`make build`, `make test`, CI) then stops, also on any
warning logged so far, so it never leaves a half-written site behind. The
preview (`make serve`, which runs without strict) keeps going instead, so a
writer can read their draft, and shows each page's problems at its top.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from filmhub import annotations, state
from filmhub.generator import LOGGERS
from filmhub.log_counter import Escaping, WarningCounter
from filmhub.problems import ERROR, NOTICE, WARNING, sorted_problems, summary, write_json_report

# Problem lines start with the file name so editors and terminals can open
# them; a logger under "mkdocs." is still counted by `--strict`.
log = logging.getLogger("mkdocs.plugins.hub")

JSON_REPORT_ENV = "HUB_REPORT_JSON"
# A notice is listed (at INFO, which --strict does not count) and never stops a build.
_LEVELS = {ERROR: logging.ERROR, WARNING: logging.WARNING, NOTICE: logging.INFO}


def _stop_counting(config) -> None:
    counter = state.for_config(config).warnings
    for name in LOGGERS:
        logging.getLogger(name).removeHandler(counter)


def on_config(config):
    for logger in map(logging.getLogger, LOGGERS):
        # A build that failed before on_env could not remove its counter (MkDocs
        # gives on_build_error no config); drop it now so none outlive a build.
        for handler in [h for h in logger.handlers if isinstance(h, WarningCounter)]:
            logger.removeHandler(handler)
        logger.addHandler(state.for_config(config).warnings)
        for handler in logger.handlers:
            if not any(isinstance(f, Escaping) for f in handler.filters):
                handler.addFilter(Escaping())


# After every on_env handler that finds problems, whatever the order in mkdocs.yml
# (only the preview's summary, hooks/preview.py, comes later): it decides on
# every problem the other hooks found, and stops the build before any page is written.
@event_priority(-100)
def on_env(env, config, files):
    build = state.for_config(config)
    earlier_warnings = build.warnings.count
    _stop_counting(config)
    problems = sorted_problems(build.problems)
    for problem in problems:
        log.log(_LEVELS[problem.severity], str(problem))
    annotations.publish(problems, build.project_dir, os.environ, sys.stdout)
    report_path = os.environ.get(JSON_REPORT_ENV)
    if report_path:
        external = [
            {"url": link.target, "path": build.display_path(link.source), "line": link.line, "col": link.col}
            for link in build.external_links
        ]
        write_json_report(Path(report_path), problems, external_links=external)
    if not build.strict:
        # A preview: each page shows its own problems (see on_page_context).
        for problem in problems:
            build.problems_by_path.setdefault(problem.path, []).append(problem)
        return env
    stopping = [p for p in problems if p.severity != NOTICE]
    if (stopping or earlier_warnings) and build.kept is not None:
        build.kept.save()  # what was checked stays checked for the build after the fix
    if stopping:
        raise PluginError(
            f"{summary(stopping)} — the build stopped before writing any page. "
            "Fix the lines listed above and build again."
        )
    if earlier_warnings:
        raise PluginError(
            f"{earlier_warnings} warning{'s' if earlier_warnings != 1 else ''} in strict mode — "
            "the build stopped before writing any page. Fix the warnings above and build again."
        )
    return env


def on_page_context(context, page, config, nav):
    build = state.for_config(config)
    if not build.strict:
        context["build_problems"] = build.problems_by_path.get(build.display_path(page.file.src_uri), [])
    return context


def on_post_build(config):
    _stop_counting(config)
