"""Shared fixtures: throwaway sites and the real site, built with the real hooks."""

from __future__ import annotations

import logging
import warnings

import pytest
from mistakes import CONFIG, every_mistake

from filmhub import generator
from sitebuilder import REPO, build_config, build_site, share_theme_work


def pytest_configure(config):
    share_theme_work()


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
def real_build(tmp_path_factory):
    """The project's own site, built strictly once per test run."""
    return build_config(REPO / "mkdocs.yml", strict=True, site_dir=tmp_path_factory.mktemp("real") / "site")


@pytest.fixture(scope="session")
def real_site(real_build):
    assert real_build.ok, "\n".join(real_build.messages())
    return real_build.site_dir


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
