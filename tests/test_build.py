"""`make build` (filmhub.build): site/ is replaced only by a build that succeeded.

Throwaway projects inherit the real mkdocs.yml and hooks. Builds run as
`python -m filmhub.build`, the way make runs them, except where a test
breaks something inside the build on purpose.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from filmhub import build, output_scan
from sitebuilder import article, minimal_site, run_tool, write_site

BROKEN = {"docs/hub/broken.md": article("Broken", "See [the plan](missing.md).", read_next=["hub/index.md"])}


def run_build(project) -> subprocess.CompletedProcess:
    return run_tool(project, "build")


def snapshot(folder) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def leftovers(project) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(("site.tmp-", "site.old-")))


@pytest.fixture
def project(tmp_path):
    write_site(tmp_path, minimal_site())
    return tmp_path


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A project whose old site make build replaced: (the project, what the build printed)."""
    root = tmp_path_factory.mktemp("built")
    write_site(root, minimal_site())
    (root / "site").mkdir()
    (root / "site/stale.html").write_text("from an older build", encoding="utf-8")
    return root, run_build(root)


def test_a_successful_build_replaces_the_old_site(built):
    project, done = built
    assert done.returncode == 0, done.stderr
    assert "INFO    -  Documentation built in" in done.stderr
    assert not (project / "site/stale.html").exists()
    assert (project / "site/hub/article/index.html").is_file()
    assert (project / "site").stat().st_mode & 0o777 != 0o700, "readable, not mkdtemp's private mode"
    assert leftovers(project) == []


def test_a_failed_build_leaves_the_last_good_site_byte_for_byte(built, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(built[0], project, symlinks=True)
    before = snapshot(project / "site")
    write_site(project, BROKEN)
    done = run_build(project)
    assert done.returncode == 1
    assert (
        "ERROR   -  docs/hub/broken.md:11:16: broken link 'missing.md': docs/hub/missing.md does not exist"
        in done.stderr.splitlines()
    )
    assert done.stdout.strip() == "Aborted with a BuildError!"
    assert "Traceback" not in done.stderr
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_an_unexpected_error_ends_in_one_line_and_keeps_the_site(project, in_process, monkeypatch, capsys):
    (project / "site").mkdir()
    (project / "site/index.html").write_text("the last good site", encoding="utf-8")
    before = snapshot(project / "site")

    def overflow(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    # Late in the build, when the temporary folder is full of pages.
    monkeypatch.setattr(output_scan, "scan_file", overflow)
    monkeypatch.chdir(project)
    assert build.main(["--config-file", "mkdocs.yml"]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines()[-1] == (
        "the build failed unexpectedly (RecursionError: maximum recursion depth exceeded) — the last good site "
        "in site/ was kept. This is a bug in the hub's build: please report it with the file you changed."
    )
    assert "Traceback" not in out + err
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_a_first_build_creates_the_site(tmp_path):
    new, site = tmp_path / "site.tmp-x", tmp_path / "site"
    new.mkdir(mode=0o700)  # as mkdtemp makes it
    (new / "index.html").write_text("new", encoding="utf-8")
    build.replace_site(new, site)
    assert snapshot(site) == {"index.html": b"new"}
    assert site.stat().st_mode & 0o777 != 0o700, "readable, not mkdtemp's private mode"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_new_site_is_swapped_in_and_the_old_one_removed(tmp_path):
    old, new = tmp_path / "site", tmp_path / "site.tmp-x"
    old.mkdir()
    (old / "a.html").write_text("old", encoding="utf-8")
    new.mkdir()
    (new / "b.html").write_text("new", encoding="utf-8")
    build.replace_site(new, old)
    assert snapshot(old) == {"b.html": b"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_site_folder_comes_from_the_config_beside_it(tmp_path):
    config = tmp_path / "docs-project" / "mkdocs.yml"
    config.parent.mkdir()
    config.write_text("site_name: x\nsite_dir: public\n", encoding="utf-8")
    assert build.configured_site_dir(config) == tmp_path / "docs-project/public"
    assert build.configured_site_dir(tmp_path / "missing.yml") == tmp_path / "site"
