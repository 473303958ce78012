"""The report: warnings of either generator stop a strict build; on GitHub
Actions the writer's own files are annotated first and every problem reaches
the job summary; the generator is the one HUB_GENERATOR selects."""

from __future__ import annotations

import subprocess

import pytest
from errortable import documented

from filmhub import annotations, generator
from filmhub.problems import NOTICE, WARNING, Problem
from sitebuilder import GENERATOR, HOOKS, article, minimal_site, write_site

# A hook that logs one warning, on the logger given, as another plugin would.
WARNING_HOOK = """\
import logging


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri == "hub/article.md":
        logging.getLogger({logger!r}).warning("a warning from a plugin")
    return markdown
"""


@pytest.mark.parametrize("logger", ["mkdocs.plugins.other", "properdocs.plugins.other"])
def test_a_warning_on_either_generators_logger_stops_a_strict_build_once(site, tmp_path, logger):
    (tmp_path / "warn.py").write_text(WARNING_HOOK.format(logger=logger), encoding="utf-8")
    result = site(minimal_site(), config={"hooks": [str(tmp_path / "warn.py"), *HOOKS]})
    assert not result.ok
    assert result.messages() == [
        "a warning from a plugin",
        "1 warning in strict mode — the build stopped before writing any page. "
        "Fix the warnings above and build again.",
    ]
    assert result.written_pages() == []


def test_the_tests_build_with_the_selected_generator():
    import mkdocs

    assert generator.selected() == GENERATOR
    assert mkdocs.__name__ == GENERATOR


def test_only_the_supported_generators_can_be_selected():
    assert generator.selected({}) == "mkdocs"
    assert generator.selected({"HUB_GENERATOR": " properdocs "}) == "properdocs"
    with pytest.raises(generator.UnknownGenerator) as error:
        generator.selected({"HUB_GENERATOR": "zensical"})
    assert str(error.value) == (
        "HUB_GENERATOR=zensical is not a generator the hub supports — use mkdocs or properdocs"
    )
    assert documented(str(error.value))


def test_make_build_refuses_an_unknown_generator(monkeypatch, capsys):
    from filmhub import build

    monkeypatch.setenv("HUB_GENERATOR", "zensical")
    assert build.main([]) == 2
    assert capsys.readouterr().err == (
        "HUB_GENERATOR=zensical is not a generator the hub supports — use mkdocs or properdocs\n"
    )


# Annotations and the job summary.

A = Problem("docs/a.md", 3, "broken link 'x.md': docs/x.md does not exist", col=5, kind="broken-link")
B = Problem("docs/b.md", 1, "missing 'title' — add the page title", kind="front-matter")
C = Problem("docs/c.md", 7, "facts checked 200 days ago", severity=NOTICE)
D = Problem("glossary/d.yml", 2, "a | b <script> — x", severity=WARNING)


def test_annotations_for_changed_files_come_first_in_their_own_order():
    assert annotations.workflow_commands([A, B, C, D], {"docs/c.md", "docs/b.md"}).splitlines() == [
        "::error file=docs/b.md,line=1,title=front-matter::missing 'title' — add the page title",
        "::notice file=docs/c.md,line=7::facts checked 200 days ago",
        "::error file=docs/a.md,line=3,col=5,title=broken-link::broken link 'x.md': docs/x.md does not exist",
        "::warning file=glossary/d.yml,line=2::a | b <script> — x",
    ]


def test_the_job_summary_lists_every_problem_changed_files_first():
    assert annotations.job_summary([A, B, C, D], {"docs/b.md"}) == (
        "### The build found 2 errors and 1 warning and 1 notice\n"
        "\n"
        "#### In files this change touches (1 error)\n"
        "\n"
        "| | Where | What to do |\n"
        "|---|---|---|\n"
        "| error | docs/b.md:1 | missing 'title' — add the page title |\n"
        "\n"
        "#### In other files (1 error and 1 warning and 1 notice)\n"
        "\n"
        "| | Where | What to do |\n"
        "|---|---|---|\n"
        "| error | docs/a.md:3:5 | broken link 'x.md': docs/x.md does not exist |\n"
        "| notice | docs/c.md:7 | facts checked 200 days ago |\n"
        "| warning | glossary/d.yml:2 | a \\| b &lt;script&gt; — x |\n"
        "\n"
    )
    assert annotations.job_summary([A], set()).splitlines()[2] == "#### Where (1 error)"


def git(root, *args):
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


BROKEN_ARTICLE = article("Second", "See [the plan](missing.md).", read_next=["hub/index.md"])


def test_on_github_the_changed_file_is_annotated_first_and_all_go_to_the_summary(
    site, tmp_path, monkeypatch, capsys
):
    # The base: one article already broken (and so sorting first), one good.
    files = minimal_site(**{"docs/hub/aaa.md": article("Old", "[gone](gone.md)", read_next=["hub/index.md"])})
    write_site(tmp_path, files)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "-c", "user.email=t@example.org", "-c", "user.name=T", "commit", "-q", "-m", "base")
    summary_file = tmp_path / "summary.md"
    summary_file.write_text("Earlier steps' summary.\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))

    # The change: the writer breaks their own article.
    result = site({"docs/hub/article.md": BROKEN_ARTICLE})
    assert not result.ok
    assert capsys.readouterr().out.splitlines() == [
        "::error file=docs/hub/article.md,line=11,col=16,title=broken-link::broken link 'missing.md': "
        "docs/hub/missing.md does not exist",
        "::error file=docs/hub/aaa.md,line=11,col=8,title=broken-link::broken link 'gone.md': "
        "docs/hub/gone.md does not exist",
    ]
    assert summary_file.read_text(encoding="utf-8") == (
        "Earlier steps' summary.\n"
        "### The build found 2 errors\n"
        "\n"
        "#### In files this change touches (1 error)\n"
        "\n"
        "| | Where | What to do |\n"
        "|---|---|---|\n"
        "| error | docs/hub/article.md:11:16 | broken link 'missing.md': docs/hub/missing.md does not exist |\n"
        "\n"
        "#### In other files (1 error)\n"
        "\n"
        "| | Where | What to do |\n"
        "|---|---|---|\n"
        "| error | docs/hub/aaa.md:11:8 | broken link 'gone.md': docs/hub/gone.md does not exist |\n"
        "\n"
    )


def test_the_summary_is_written_outside_github_annotations_too(site, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    result = site(minimal_site(**{"docs/hub/article.md": BROKEN_ARTICLE}))
    assert not result.ok
    assert capsys.readouterr().out == ""
    assert (tmp_path / "summary.md").read_text(encoding="utf-8").splitlines()[:3] == [
        "### The build found 1 error",
        "",
        "#### Where (1 error)",
    ]


def test_a_clean_build_writes_no_summary(site, tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    assert site(minimal_site()).ok
    assert not (tmp_path / "summary.md").exists()
