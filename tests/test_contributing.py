"""Every message a writer can meet is in CONTRIBUTING.md's error table.

One throwaway site breaks every rule the build enforces, at once; every
problem it reports must match a row of the table. The writer tools' messages
are checked where their own tests produce them (test_writer_tools.py,
test_external_links.py).
"""

from __future__ import annotations

import re

from errortable import documented, patterns

from sitebuilder import GLOSSARY_AI, article, minimal_site, page

FENCE = "```"
BROKEN_LINKS = f"""
## Links

[missing](nope.md) [folder](../nowhere/) [anchor](#nope) [other anchor](other.md#nope) [empty anchor](other.md#)
[draft](draft.md) [excluded](secret.md) [outside](../../outside.md) [own site](https://hub.example.org/guide/hub/other/)
[absolute](/guide/hub/other/) [js](javascript:alert(1)) [ftp](ftp://example.org/x) [protocol](//cdn.example.org/x)
[no host](https://) [mail](mailto:) [empty]() [disk](C:/notes/x.md)

<p><a href="other.md">raw md</a> <a href="../nothing/">raw missing</a> <a href="../../../../x/">raw outside</a>
<img src="https://cdn.example.org/x.png" alt="remote"></p>

{FENCE}text
AI is software that is quoted in code, which is fine.
{FENCE}
"""

DEFINITIONS = """
## Own words

TODO: finish this.

AI is software that learns from examples.

Model
:   A file of learned patterns.

*[AI]: Artificial intelligence

Tools whose results come from patterns learned from example data, rather than from fixed rules someone wrote by hand.
"""

GLOSSARY = {
    "glossary/ai.yml": GLOSSARY_AI,
    "glossary/model.yml": "term: model\nshort: Learned patterns.\ndefinition: What training leaves.\n",
    "glossary/Bad Name.yml": "term: bad\n",
    "glossary/dup.yml": "term: artificial intelligence\nshort: A copy.\ndefinition: Copied.\n",
    "glossary/drift.yml": (
        "term: drift\nshort: One. Two.\ndefinition: See [x](https://example.org).\n"
        "see_also: [modle]\nsources: [{title: x, url: ftp://x}]\naliases: drift\ncolour: red\n"
    ),
    "glossary/empty-short.yml": "term: empty\nshort: ''\ndefinition: Text.\n",
    "glossary/long-short.yml": f"term: long\nshort: {'word ' * 50}end.\ndefinition: Text.\n",
    "glossary/no-short.yml": "term: nothing\ndefinition: Text.\n",
    "glossary/broken.yml": "term: a: b\n",
    "glossary/listed.yml": "- term\n- short\n",
}


def every_mistake() -> dict[str, str | bytes]:
    files = minimal_site(**GLOSSARY)
    files.update(
        {
            "docs/index.md": page(
                "Pillar",
                "<!-- definiton: ai -->\n\n<!-- definition -->\n\n<!-- hubs: all -->\n\n<!-- definition: a1 -->",
            ),
            "docs/hub/index.md": page("Hub", "No list.", tags=["x"], read_next=["hub/other.md"]),
            "docs/about.md": page("About", "Nobody links here."),
            "docs/glossary.md": page("Glossary", "By hand."),
            "docs/notes/idea.md": article("Idea"),
            "docs/hub/other.md": article("Other", "Text.\n\n<!-- articles -->"),
            "docs/hub/draft.md": article("Draft", draft=True),
            "docs/hub/secret.md": article("Secret"),
            "docs/hub/links.md": article("Links", BROKEN_LINKS + DEFINITIONS + "\n# A second title\n"),
            "docs/hub/keys.md": "---\ntitel: x\ntitle: Keys\ntitle: Again\ndescription:\npublished: 9 January 2026\n"
            "updated: 2026-02-30\nread_next: hub/other.md\n? [a]\n: b\n---\n",
            "docs/hub/values.md": "---\ntitle: [1, 2]\ndescription: |\n  Two\n  lines.\npublished: 2026-01-09\n"
            "updated: 2026-01-09 10:00:00\norder: first\ndraft: maybe\ntags: x\nread_next: []\nx: !!python/name:os.system\n---\n",
            "docs/hub/dates.md": "---\ntitle: Dates\ndescription: 'TODO: one sentence.'\npublished: 2026-03-01\n"
            "updated: 2026-02-01\ntags: [a, A]\nread_next:\n  - hub/dates.md\n  - hub/other.md\n  - hub/other.md\n"
            "  - https://example.org/\n  - assets/x.png\n  - '#top'\n---\n",
            "docs/hub/future.md": "---\ntitle: Other\ndescription: First sentence. Second one\npublished: 2099-01-01\n"
            "updated: 2099-01-01\nread_next: [index.md, hub/index.md, hub/other.md, hub/dates.md, hub/keys.md]\n---\n",
            "docs/hub/long.md": article("Long", description="A" * 170 + "."),
            "docs/hub/nostop.md": article("No Stop", description="No full stop"),
            "docs/hub/yaml.md": "---\ntitle: A: B\n---\n",
            "docs/hub/list.md": "---\n- a\n---\n",
            "docs/hub/unclosed.md": "---\ntitle: x\n",
            "docs/hub/bare.md": "Just text.\n",
            "docs/hub/gap.md": "\n---\ntitle: x\n---\n",
            "docs/hub/empty.md": "",
            "docs/hub/latin.md": "---\ntitle: Caf\xe9\n---\n".encode("latin-1"),
            "docs/hub/plain.md": "---\njust text\n---\n",
        }
    )
    return files


def test_every_problem_the_build_reports_is_in_the_error_table(site):
    nav = ["index.md", {"The Hub": ["hub/index.md"]}, "glossary.md", {"Notes": "javascript:void(0)"}]
    result = site(
        every_mistake(), config={"nav": nav, "not_in_nav": "/hub/*.md", "exclude_docs": "hub/secret.md"}
    )
    assert not result.ok
    messages = [*result.problems, result.errors[-1]]
    kinds = {re.sub(r"'[^']*'|“[^”]*”|\d+", "…", m.split(": ", 1)[-1])[:40] for m in messages}
    assert len(kinds) >= 60, "the site should trip most rules"
    missing = [m for m in messages if not documented(m)]
    assert missing == [], "add a row for each of these to CONTRIBUTING.md's error table"


def test_the_strict_warning_stop_is_documented(site):
    result = site(minimal_site(), config={"nav": ["index.md", "hub/index.md", "glossary.md"]})
    assert documented(result.errors[-1])


def test_every_row_of_the_table_is_a_pattern_the_tests_can_use():
    assert len(patterns()) >= 90
