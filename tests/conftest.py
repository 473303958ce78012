"""Shared fixtures: throwaway sites and the real site, built with the real hooks."""

from __future__ import annotations

import fcntl
import json
import logging
import os
import warnings

import pytest
from mistakes import CONFIG, every_mistake

from filmhub import generator, kept
from sitebuilder import REPO, build_config, build_site, share_theme_work


def pytest_configure(config):
    share_theme_work()
    # Every test build checks everything: results kept by an earlier build
    # (filmhub.kept) would hide what a check does now. tests/test_kept.py
    # turns them on where it tests them.
    os.environ[kept.ENVIRONMENT] = kept.OFF


@pytest.fixture(autouse=True)
def not_an_actions_step(monkeypatch):
    """The throwaway sites' problems are no one's to fix: on GitHub Actions they
    would crowd the real build's annotations and job summary. Tests that check
    those set the variables themselves."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("GITHUB_BASE_REF", raising=False)


@pytest.fixture
def site(tmp_path):
    """Build a site from a dict of files: site({"docs/index.md": page(...)})."""

    def _build(files, **options):
        return build_site(tmp_path, files, **options)

    return _build


@pytest.fixture(scope="session")
def mistakes(tmp_path_factory):
    """The site that breaks every rule (tests/mistakes.py), built once per test
    run, with the JSON report beside its mkdocs.yml (report.json)."""
    root = tmp_path_factory.mktemp("mistakes")
    with pytest.MonkeyPatch.context() as patch:
        for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITHUB_BASE_REF"):
            patch.delenv(name, raising=False)
        patch.setenv("HUB_REPORT_JSON", str(root / "report.json"))
        return build_site(root, every_mistake(), config=CONFIG)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """The project's own site, built strictly once per test run.

    With pytest-xdist (make test) the workers share one build: the first to
    need it builds it in the run's own temporary folder while the others wait
    for the lock, then they all read it. Tests only read the real site."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's folder, above each worker's own
    outcome = shared / "real-site.json"
    with (shared / "real-site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not outcome.exists():
            built = build_config(REPO / "mkdocs.yml", strict=True, site_dir=shared / "real-site")
            outcome.write_text(json.dumps({"ok": built.ok, "messages": built.messages()}), encoding="utf-8")
    result = json.loads(outcome.read_text(encoding="utf-8"))
    assert result["ok"], "\n".join(result["messages"])
    return shared / "real-site"


@pytest.fixture
def in_process(monkeypatch):
    """Undo what the generator's command line sets up for a process, so later tests see none of it."""
    loggers = [logging.getLogger(name) for name in generator.LOGGERS]
    for logger in loggers:
        monkeypatch.setattr(logger, "propagate", logger.propagate)
        monkeypatch.setattr(logger, "level", logger.level)
        monkeypatch.setattr(logger, "parent", logger.parent)
    from mkdocs.commands import build as mkdocs_build

    monkeypatch.setattr(mkdocs_build.log, "filters", list(mkdocs_build.log.filters))
    with warnings.catch_warnings():
        yield
    for logger in loggers:
        for handler in [
            h for h in logger.handlers if h.name in ("MkDocsStreamHandler", "ProperDocsStreamHandler")
        ]:
            logger.removeHandler(handler)
