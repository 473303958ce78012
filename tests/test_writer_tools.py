"""The writer's path: scaffold an article, get led through it, keep dates honest."""

from __future__ import annotations

import datetime
import re
import shutil
import socket
import subprocess
import sys

import pytest
from errortable import documented

from filmhub import freshness, scaffold
from sitebuilder import REPO, minimal_site

TODAY = datetime.date(2026, 11, 24)


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Subtitles you can trust", "subtitles-you-can-trust"),
        ("Éclair's QC: 4K, HDR & the “final” grade!", "eclairs-qc-4k-hdr-the-final-grade"),
        ("  Spaces   and\ttabs  ", "spaces-and-tabs"),
        ("What Is AI? A Plain-English Guide", "what-is-ai-a-plain-english-guide"),
        ("A very long title " * 8, "a-very-long-title-a-very-long-title-a-very-long-title-a-very"),
        ("Ünïcödé — 日本語 ok", "unicode-ok"),
    ],
)
def test_titles_become_clean_file_names(title, slug):
    assert scaffold.slugify(title) == slug
    assert len(slug) <= scaffold.SLUG_LIMIT


def docs_with_hubs(tmp_path):
    docs = tmp_path / "docs"
    for hub in ("ethics", "post-production"):
        (docs / hub).mkdir(parents=True)
        (docs / hub / "index.md").write_text("hub", encoding="utf-8")
    return docs


def test_scaffold_writes_a_valid_skeleton(tmp_path):
    docs = docs_with_hubs(tmp_path)
    path = scaffold.scaffold(docs, "post-production", 'Subtitles: "you" can trust', TODAY)
    assert path == docs / "post-production" / "subtitles-you-can-trust.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "Subtitles: \\"you\\" can trust"\n')
    assert "published: 2026-11-24\nupdated: 2026-11-24\nchecked: 2026-11-24\nread_next: []\n---\n" in text


@pytest.mark.parametrize(
    ("hub", "title", "message"),
    [
        (
            "post",
            "X",
            "'post' is not a hub. Did you mean 'post-production'? The hubs are: ethics, post-production.",
        ),
        ("vfx", "X", "'vfx' is not a hub. The hubs are: ethics, post-production."),
        ("", "X", 'Give a hub and a title: make article HUB=post-production TITLE="Subtitles you can trust"'),
        (
            "ethics",
            "  ",
            'Give a hub and a title: make article HUB=post-production TITLE="Subtitles you can trust"',
        ),
        ("ethics", "日本語", "The title '日本語' has no letters or digits to make a file name from."),
    ],
)
def test_scaffold_refuses_what_it_cannot_do(tmp_path, hub, title, message):
    with pytest.raises(scaffold.ScaffoldError) as error:
        scaffold.scaffold(docs_with_hubs(tmp_path), hub, title, TODAY)
    assert str(error.value) == message
    assert documented(message), "CONTRIBUTING.md's error table explains it"


def test_scaffold_never_overwrites(tmp_path):
    docs = docs_with_hubs(tmp_path)
    scaffold.scaffold(docs, "ethics", "Consent", TODAY)
    with pytest.raises(scaffold.ScaffoldError) as error:
        scaffold.scaffold(docs, "ethics", "Consent!", TODAY)
    assert str(error.value).endswith(
        "ethics/consent.md already exists — give the new article another title, or edit that file."
    )


def test_scaffold_refuses_a_title_another_page_already_uses(tmp_path):
    docs = docs_with_hubs(tmp_path)
    (docs / "ethics/consent.md").write_text('---\ntitle: "Consent and Replicas"\n---\n', encoding="utf-8")
    with pytest.raises(scaffold.ScaffoldError) as error:
        scaffold.scaffold(docs, "post-production", "  consent AND replicas ", TODAY)
    assert str(error.value) == (
        f"The title 'consent AND replicas' is already used by {docs}/ethics/consent.md — give the new article "
        "a title of its own, or edit that article."
    )
    assert documented(str(error.value))
    assert not (docs / "post-production/consent-and-replicas.md").exists()


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A throwaway folder make runs in as in a clone: the Makefile, the locks, the hooks (linked) and
    two hubs. Its .venv holds only a python that runs this one and the stamp that says the build's
    locks are installed, so make installs nothing and nothing is written into the repository."""
    root = tmp_path_factory.mktemp("make")
    shutil.copy(REPO / "Makefile", root)
    shutil.copytree(REPO / "requirements", root / "requirements")
    (root / "hooks").symlink_to(REPO / "hooks")
    docs_with_hubs(root)
    python = root / ".venv/bin/python"
    python.parent.mkdir(parents=True)
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    python.chmod(0o755)
    locks = (root / "requirements/build.txt").read_bytes()
    checksum = subprocess.run(["cksum"], input=locks, capture_output=True, check=True).stdout.split()[0]
    (root / f".venv/.build-{checksum.decode()}").touch()
    return root


def make(project, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "-s", "--no-print-directory", *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


def test_make_article_runs_from_the_makefile(project):
    refused = make(project, "article", "HUB=nowhere", "TITLE=Test")
    assert refused.returncode != 0
    assert refused.stderr.splitlines()[0] == "'nowhere' is not a hub. The hubs are: ethics, post-production."
    done = make(project, "article", "HUB=ethics", "TITLE=Test the make target")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "Created docs/ethics/test-the-make-target.md."
    assert (
        (project / "docs/ethics/test-the-make-target.md")
        .read_text(encoding="utf-8")
        .startswith('---\ntitle: "Test the make target"\n')
    )


def test_a_scaffolded_article_leads_the_writer_through_what_is_left(site, tmp_path):
    docs = tmp_path / "docs"
    files = minimal_site()
    site(files)  # writes the site, including docs/hub/index.md
    path = scaffold.scaffold(docs, "hub", "Subtitles you can trust", datetime.date.today())
    result = site({})
    assert result.problems == [
        "docs/hub/subtitles-you-can-trust.md:3: 'description' is still the placeholder — write one sentence that "
        "says what the reader will be able to do",
        "docs/hub/subtitles-you-can-trust.md:7: 'read_next' is empty — list 1 to 4 pages a reader should go to next",
        "docs/hub/subtitles-you-can-trust.md:10:1: unfinished text (TODO) — write this part, or delete the line",
        "docs/hub/subtitles-you-can-trust.md:12:4: unfinished text (TODO) — write this part, or delete the line",
        "docs/hub/subtitles-you-can-trust.md:14:1: unfinished text (TODO) — write this part, or delete the line",
        "docs/hub/subtitles-you-can-trust.md:16:4: unfinished text (TODO) — write this part, or delete the line",
        "docs/hub/subtitles-you-can-trust.md:18:3: unfinished text (TODO) — write this part, or delete the line",
    ]
    preview = site({}, strict=False)
    assert preview.ok, "the preview still shows the draft"
    html = preview.html("hub/subtitles-you-can-trust/index.html")
    assert "7 problems to fix before this page can be published" in html
    assert path.exists()


# --- make serve and make help --------------------------------------------------------


def test_a_busy_port_is_one_line_naming_the_fix(project):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = make(project, "serve", f"PORT={port}", "HOST=127.0.0.1")
    assert result.returncode != 0
    assert result.stderr.splitlines()[0] == (
        f"Port {port} on 127.0.0.1 is already in use — stop the program using it (another make serve?), or "
        f"preview on another port: make serve PORT={port + 1}"
    )
    assert "Traceback" not in result.stderr and "Building documentation" not in result.stderr
    assert documented(result.stderr.splitlines()[0])


@pytest.mark.parametrize(
    ("host", "port", "message"),
    [
        (
            "192.0.2.1",
            "8000",
            "'192.0.2.1' is not an address of this computer — use make serve HOST=127.0.0.1 (or HOST=0.0.0.0 "
            "to let other devices on your network see the preview)",
        ),
        ("127.0.0.1", "eighty", "'eighty' is not a port number — use a number such as make serve PORT=8001"),
    ],
)
def test_a_wrong_host_or_port_is_one_line_too(host, port, message, capsys):
    from filmhub import serve

    assert serve.main(["--host", host, "--port", port]) != 0
    assert capsys.readouterr().err == message + "\n"
    assert documented(message)


def test_a_bare_make_lists_the_commands_one_line_each(project):
    bare, help_ = make(project), make(project, "help")
    assert bare.returncode == 0 and bare.stdout == help_.stdout
    lines = bare.stdout.splitlines()
    assert lines[0] == "Commands (run them from this folder):"
    listed = [line.split()[1] for line in lines[1:]]
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    phony = re.search(r"^\.PHONY: (.*)$", makefile, re.MULTILINE).group(1).split()
    assert sorted(listed) == sorted(phony), "every command has its one line"
    assert all(len(line.split(None, 2)) == 3 for line in lines[1:])


# --- Freshness ------------------------------------------------------------------------

ARTICLE = "---\ntitle: A\ndescription: D.\npublished: 2026-01-09\nupdated: {updated}\nread_next: [index.md]\n---\n\n{body}\n"


def git(root, *args):
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "t@example.org")
    git(tmp_path, "config", "user.name", "T")
    (tmp_path / "docs/hub").mkdir(parents=True)
    (tmp_path / "docs/hub/a.md").write_text(ARTICLE.format(updated="2026-01-13", body="Old text."))
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "start")
    return tmp_path


def stale(root):
    return [str(p) for p in freshness.stale_articles(root, "HEAD", TODAY)]


def test_a_changed_body_with_an_old_date_is_warned_about(repo):
    (repo / "docs/hub/a.md").write_text(ARTICLE.format(updated="2026-01-13", body="New text."))
    assert stale(repo) == [
        "docs/hub/a.md:5: the text changed since HEAD but 'updated' is still 2026-01-13 — set it to 2026-11-24 if "
        "readers should know the article changed"
    ]
    assert documented(stale(repo)[0])


@pytest.mark.parametrize(
    ("updated", "body"),
    [("2026-11-20", "New text."), ("2026-01-13", "Old text."), ("2026-11-24", "New text.")],
)
def test_no_warning_when_redated_unchanged_or_only_metadata_changed(repo, updated, body):
    text = ARTICLE.format(updated=updated, body=body).replace("title: A", "title: B")
    (repo / "docs/hub/a.md").write_text(text)
    if updated == "2026-11-24":  # dated today in the base as well: nothing to ask
        git(repo, "commit", "-qam", "today")
        (repo / "docs/hub/a.md").write_text(text.replace("New text.", "Newer text."))
    assert stale(repo) == []


def test_new_pages_and_other_folders_are_not_checked(repo):
    (repo / "docs/hub/new.md").write_text(ARTICLE.format(updated="2026-01-13", body="Text."))
    git(repo, "add", "-A")
    (repo / "notes.md").write_text("x")
    assert stale(repo) == []


def test_the_base_is_the_pull_requests_target_when_there_is_one(repo):
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    assert freshness.base_ref(repo, {"GITHUB_BASE_REF": "main"}) == "origin/main"
    assert freshness.base_ref(repo, {"GITHUB_BASE_REF": "gone"}) == "HEAD"
    assert freshness.base_ref(repo, {"FRESHNESS_BASE": "v1"}) == "v1"
    assert freshness.base_ref(repo, {}) == "HEAD"
