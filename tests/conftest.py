"""Shared fixtures: throwaway sites built with the real hooks (see sitebuilder.py)."""

from __future__ import annotations

import pytest

from sitebuilder import build_site


@pytest.fixture
def site(tmp_path):
    """Build a site from a dict of files: site({"docs/index.md": page(...)})."""

    def _build(files, **options):
        return build_site(tmp_path, files, **options)

    return _build
