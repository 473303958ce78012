"""The site invariants: a build that skipped the hooks cannot pass, whatever made it.

The real site keeps every invariant; the same project built from a copy of
mkdocs.yml without its `hooks:` (as MkDocs 2.0 or Zensical would build it)
goes green on its own and is caught here, by the command CI runs and by
`make build`. Small hand-made sites pin each message.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from errortable import documented

from filmhub import build, site_invariants
from filmhub.site_invariants import Expected, broken, expected
from sitebuilder import REPO, build_config, minimal_site, run_tool, write_site

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO / "hooks")}


def without_hooks(config: str) -> str:
    """mkdocs.yml with its `hooks:` list (and the comments inside it) taken out."""
    lines, skipping = [], False
    for line in config.splitlines(keepends=True):
        if line.startswith("hooks:"):
            skipping = True
            continue
        if skipping and (not line.strip() or line[0] in " #"):
            continue
        skipping = False
        lines.append(line)
    return "".join(lines)


def hookless_copy(root: Path) -> Path:
    for folder in ("docs", "glossary", "overrides", "hooks"):
        shutil.copytree(REPO / folder, root / folder)
    config = without_hooks((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks:" not in config and "hooks/report.py" not in config
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root / "mkdocs.yml"


def check(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return run_tool(cwd, "site_invariants", *args, timeout=120)


def test_the_real_site_keeps_every_invariant(real_site):
    wanted = expected(REPO / "docs", REPO / "glossary")
    assert len(wanted.hubs) == 6 and "ai" in wanted.terms
    assert broken(real_site, wanted) == []


def test_the_command_passes_on_the_real_site(real_site, monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    assert site_invariants.main([str(real_site)]) == 0
    wanted = expected(REPO / "docs", REPO / "glossary")
    articles = sum(map(len, wanted.articles.values()))
    assert capsys.readouterr() == (
        f"{real_site}/: every invariant holds ({len(wanted.terms)} glossary terms, 6 hubs, "
        f"{articles} articles, the feed and the sitemap)\n",
        "",
    )


def test_a_build_without_the_hooks_goes_green_and_is_caught(tmp_path):
    config = hookless_copy(tmp_path)
    # Without strict (Zensical's strict mode never sees the hooks' checks
    # either): the generator is satisfied.
    built = build_config(config, strict=False)
    assert built.ok, built.messages()
    assert (tmp_path / "site/ethics/disclosure/index.html").is_file()

    done = check(tmp_path, "site/")
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    wanted = expected(tmp_path / "docs", tmp_path / "glossary")
    articles = sum(map(len, wanted.articles.values()))
    count = 1 + len(wanted.hubs) + 3 * articles + 1
    assert lines[0] == (
        "site/glossary/index.html: the glossary page is missing — hooks/glossary.py makes it from glossary/*.yml"
    )
    assert (
        "site/ethics/index.html: no article list — hooks/hub_lists.py puts one where docs/ethics/index.md "
        "has <!-- articles -->"
    ) in lines
    assert lines[
        lines.index(
            "site/ethics/disclosure/index.html: no Read Next cards — hooks/read_next.py adds them from 'read_next'"
        )
        + 1 :
    ][:2] == [
        "site/ethics/disclosure/index.html: no byline — hooks/front_matter.py adds the dates and reading time",
        "site/ethics/disclosure/index.html: no JSON-LD — hooks/seo.py adds the page's structured data",
    ]
    assert lines[-2] == "site/feed.xml: the feed is missing — hooks/seo.py makes it"
    assert lines[-1] == (
        f"{count} broken invariants in site/ — the build skipped or lost the hub's hooks; do not publish this site."
    )
    assert len(lines) == count + 1


def test_make_build_keeps_the_last_good_site_when_the_hooks_were_skipped(
    tmp_path, in_process, monkeypatch, capsys
):
    write_site(tmp_path, minimal_site(), config={"hooks": []})
    (tmp_path / "site").mkdir()
    (tmp_path / "site/index.html").write_text("the last good site", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert build.main([]) == 1
    assert capsys.readouterr().err.splitlines()[-7:] == [
        "site/glossary/index.html: the glossary page is missing — hooks/glossary.py makes it from glossary/*.yml",
        "site/hub/index.html: no article list — hooks/hub_lists.py puts one where docs/hub/index.md has <!-- articles -->",
        "site/hub/article/index.html: no Read Next cards — hooks/read_next.py adds them from 'read_next'",
        "site/hub/article/index.html: no byline — hooks/front_matter.py adds the dates and reading time",
        "site/hub/article/index.html: no JSON-LD — hooks/seo.py adds the page's structured data",
        "site/feed.xml: the feed is missing — hooks/seo.py makes it",
        "6 broken invariants in site/ — the build skipped or lost the hub's hooks; "
        "the last good site in site/ was kept.",
    ]
    assert (tmp_path / "site/index.html").read_text(encoding="utf-8") == "the last good site"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("site")) == ["site"]


# Hand-made sites: one page at a time, to pin each message.

HUB_LIST = '<div class="hub-list"><a class="hub-list__title" href="{href}">x</a></div>'
ARTICLE = (
    '<script type="application/ld+json">{json}</script><p class="hub-byline">x</p>'
    '<a class="hub-card__link" href="../">x</a>'
)
FEED = '<feed xmlns="http://www.w3.org/2005/Atom"></feed>'
SITEMAP = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>'


def write(site: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    return site


def good_site(site: Path, **changes: str) -> Path:
    files = {
        "glossary/index.html": '<h3 id="ai">AI</h3><h3 id="model">model</h3>',
        "hub/index.html": HUB_LIST.format(href="article/"),
        "hub/article/index.html": ARTICLE.format(json='{"@type": "Article"}'),
        "feed.xml": FEED,
        "sitemap.xml": SITEMAP,
    }
    files.update(changes)
    return write(site, files)


WANTED = Expected(
    hubs={"hub/": "docs/hub/index.md"},
    articles={"hub/": {"hub/article/": "docs/hub/article.md"}},
    terms=["ai", "model"],
)


def test_a_good_site_keeps_every_invariant(tmp_path):
    assert broken(good_site(tmp_path), WANTED) == []


def test_each_missing_glossary_term_is_named(tmp_path):
    site = good_site(tmp_path, **{"glossary/index.html": '<h3 id="ai">AI</h3><h2 id="model">model</h2>'})
    assert broken(site, WANTED) == [
        "glossary/index.html: no entry for 'model' (glossary/model.yml) — the glossary page lists every term"
    ]


def test_a_hub_list_must_list_every_article_and_nothing_else(tmp_path):
    site = good_site(
        tmp_path,
        **{"hub/index.html": HUB_LIST.format(href="draft/") + HUB_LIST.format(href="../other/page/")},
    )
    assert broken(site, WANTED) == [
        "hub/index.html: the article list lacks hub/article/ (docs/hub/article.md)",
        "hub/index.html: the article list links to hub/draft/, which is not a published article of this hub",
        "hub/index.html: the article list links to other/page/, which is not a published article of this hub",
    ]


def test_a_missing_page_is_named_with_its_source(tmp_path):
    site = good_site(tmp_path)
    shutil.rmtree(site / "hub")
    assert broken(site, WANTED) == [
        "hub/index.html: the hub page is missing (docs/hub/index.md)",
        "hub/article/index.html: the article is missing (docs/hub/article.md)",
    ]


def test_json_ld_must_parse(tmp_path):
    site = good_site(tmp_path, **{"hub/article/index.html": ARTICLE.format(json='{"@type": ')})
    assert broken(site, WANTED) == [
        "hub/article/index.html: the JSON-LD is not valid JSON (Expecting value: line 1 column 11 (char 10))"
    ]


def test_the_feed_and_sitemap_must_parse_and_be_what_they_say(tmp_path):
    site = good_site(tmp_path, **{"feed.xml": "<feed><entry></feed>", "sitemap.xml": FEED})
    assert broken(site, WANTED) == [
        "feed.xml: the feed is not well-formed XML (mismatched tag: line 1, column 15)",
        "sitemap.xml: the sitemap has <{http://www.w3.org/2005/Atom}feed> at its root, "
        "not <{http://www.sitemaps.org/schemas/sitemap/0.9}urlset>",
    ]
    (site / "sitemap.xml").unlink()
    assert (
        broken(site, WANTED)[-1]
        == "sitemap.xml: the sitemap is missing — the theme's sitemap.xml template makes it"
    )


def test_drafts_and_dot_files_are_not_expected_and_terms_come_from_file_names(tmp_path):
    write(
        tmp_path,
        {
            "docs/index.md": "---\ntitle: x\n---\n",
            "docs/hub/index.md": "---\ntitle: x\n---\n",
            "docs/hub/article.md": "---\ntitle: x\n---\n",
            "docs/hub/draft.md": "---\ntitle: x\ndraft: true\n---\n",
            "docs/hub/.notes.md": "---\ntitle: x\n---\n",
            "docs/hub/deep/page.md": "---\ntitle: x\n---\n",
            "glossary/ai.yml": "term: AI\n",
            "glossary/model.yaml": "term: model\n",
        },
    )
    wanted = expected(tmp_path / "docs", tmp_path / "glossary")
    assert wanted == Expected(
        hubs={"hub/": "docs/hub/index.md"},
        articles={"hub/": {"hub/article/": "docs/hub/article.md", "hub/deep/page/": "docs/hub/deep/page.md"}},
        terms=["ai", "model"],
    )


def test_the_command_refuses_a_missing_site(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert site_invariants.main(["nowhere"]) == 1
    assert capsys.readouterr() == ("", "nowhere/: no built site here — build it first (make build)\n")


def test_the_closing_line_counts_in_words_and_is_in_the_error_table():
    closing = site_invariants.report(["x"], "site/")
    assert closing == (
        "1 broken invariant in site/ — the build skipped or lost the hub's hooks; do not publish this site."
    )
    assert documented(closing)
    assert documented(site_invariants.report(["x", "y"], "site/", "the last good site in site/ was kept"))
