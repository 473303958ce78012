"""`make check`: the build's own messages for everything that needs no rendering, without a build."""

from __future__ import annotations

import datetime
import json
import re

from filmhub import check
from sitebuilder import REPO, minimal_site, page, write_site


def test_make_check_reports_what_the_build_reports_except_what_needs_rendering(mistakes):
    assert not mistakes.ok
    project = mistakes.config_file.parent
    report = json.loads((project / "report.json").read_text(encoding="utf-8"))["problems"]
    by_build = {(p["path"], p["line"], p["col"], p["message"]): p["kind"] for p in report}
    by_check = {
        (p.path, p.line, p.col, p.message): p.kind
        for p in check.run(mistakes.config_file, datetime.date.today(), {})
    }
    assert set(by_check) <= set(by_build), "make check says nothing the build does not"
    left_to_the_build = {by_build[key] for key in set(by_build) - set(by_check)}
    assert left_to_the_build == set(check.RENDERED_CHECKS), "only what needs the rendered pages"
    assert set(by_check.values()) == set(by_build.values()) - {"orphan-page", "uncited", "navigation"}
    # Read Next paths (lines 7 and 8 there) are links make check resolves; their anchors need the rendered page.
    assert [key for key in by_check if key[0] == "docs/hub/next-missing.md" and key[1] in (7, 8)] == [
        ("docs/hub/next-missing.md", 7, 5, "broken link 'hub/nope.md': docs/hub/nope.md does not exist")
    ]
    assert [m for (_, _, _, m) in by_build if m.startswith("broken link 'hub/other.md#nope'")] == [
        "broken link 'hub/other.md#nope': docs/hub/other.md has no heading or id 'nope'"
    ]


def test_the_command_prints_the_problems_and_fails_on_errors(tmp_path, monkeypatch, capsys):
    files = minimal_site(**{"docs/hub/index.md": page("Hub", "<!-- articles -->", titel="x")})
    config = write_site(tmp_path, files)
    monkeypatch.delenv("FRESHNESS_BASE", raising=False)
    monkeypatch.chdir(tmp_path)
    assert check.main(["--config-file", str(config)]) == 1
    out, err = capsys.readouterr()
    assert out == "error: docs/hub/index.md:6: unknown key 'titel' — did you mean 'title'?\n"
    assert re.fullmatch(r"make check: 1 error in \d+\.\d s — fix the lines listed above\.\n", err)


def test_the_real_site_passes(capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    assert check.main([]) == 0
    assert capsys.readouterr().out == ""


def test_ci_runs_make_check_first():
    commands = [
        line
        for line in (REPO / ".ci/run").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith(("#", " ", "set ", "cd ", "as_root()"))
    ]
    assert commands[0] == "make check"
    assert "make test" in commands
