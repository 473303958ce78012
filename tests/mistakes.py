"""A throwaway site that breaks every rule the build enforces, at once.

Used by test_contributing.py (every message it gives has a row in
CONTRIBUTING's table) and test_check.py (make check gives the same ones,
except those that need the rendered pages).
"""

from __future__ import annotations

from sitebuilder import GLOSSARY_AI, REAL_RULES, article, minimal_site, page

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
            # Values that can't be published, and markup where plain text goes.
            "docs/hub/chars.md": article("Chars", "A bell \x07 here.", description="Has <b>markup</b>."),
            "docs/hub/escape.md": article("Escape", tags=['"\\u0007"']),
            "docs/hub/checked.md": article(
                "Checked", published="2026-03-01", updated="2026-03-01", checked="2026-02-01"
            ),
            "docs/hub/stale.md": article(
                "Stale", published="2020-01-01", updated="2020-01-01", checked="2020-01-02"
            ),
            "docs/hub/yaml-shapes.md": "---\ntitle: Shapes\ntags: &a [x]\nread_next: *a\n---\n",
            "docs/hub/huge-number.md": "---\ntitle: Huge\norder: " + "9" * 5000 + "\n---\n",
            "docs/hub/many.md": "---\ntitle: Many\ntags: [" + ", ".join(["x"] * 2100) + "]\n---\n",
            "docs/hub/deep-yaml.md": "---\ntitle: Deep\ntags: " + "[" * 30 + "]" * 30 + "\n---\n",
            "docs/hub/big.md": article("Big", "word " * 50_000),
            "docs/hub/no-next.md": page("No Next", "Text."),
            "docs/hub/next-missing.md": article(
                "Next Missing", read_next=["hub/nope.md", "hub/other.md#nope"]
            ),
            # What a page may not contain.
            "docs/hub/unsafe.md": article("Unsafe", UNSAFE),
            "docs/hub/nested.md": article("Nested", "> " * 30 + "deep\n"),
            "docs/hub/forged.md": article("Forged", "<span data-hub-generated>forged</span>"),
            # Glossary names and links between terms.
            "glossary/seeing.yml": "term: seeing\nshort: One.\ndefinition: Text.\nsee_also: [nothing-here]\n",
            "glossary/everyday.yml": "term: the\nshort: One.\ndefinition: Text.\n",
            "glossary/angled.yml": "term: angled\naliases: [a <b>]\nshort: One.\ndefinition: Text.\n",
            # Content rules (at the real site's numbers, see CONFIG) and diagrams.
            "docs/hub/weak.md": article("Weak", "[a mirror](https://www.mondaq.com/x) and [moved](old.md)."),
            "docs/hub/wordy.md": article("Long Enough", "word " * 30 + "\n\n" + "[s](https://example.org/1)"),
            "docs/assets/diagrams/bare.svg": '<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>',
            "docs/assets/diagrams/half.svg": (
                '<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 10 10" aria-labelledby="d t">'
                '<title id="t">T</title><desc id="d">D</desc><rect width="5" height="10"/></svg>'
            ),
        }
    )
    return files


UNSAFE = """
<script>alert(1)</script>

<span onclick="x">click</span> <span style="color: red">red</span> <a href="other.md" target="_blank">new tab</a>

<form></form>

Type here: <input type="text">
"""

# Every way a redirect map can be wrong, and the rules at the real site's
# numbers but a word range these short pages can pass and fail.
REDIRECTS = {
    "hub/old.md": "hub/other.md",
    "hub/other.md": "hub/secret.md",
    "hub/ext.md": "https://example.org/",
    "hub/miss.md": "hub/othr.md",
    "hub/to-draft.md": "hub/draft.md",
    "hub/chain.md": "hub/old.md",
    "hub/loop-a.md": "hub/loop-b.md",
    "hub/loop-b.md": "hub/loop-a.md",
    "hub/folder/": "hub/other.md",
}
CONFIG = {
    "nav": [
        "index.md",
        {"The Hub": ["hub/index.md"]},
        "glossary.md",
        {"Notes": "javascript:void(0)"},
        {"Files": "ftp://example.org/x"},
        {"CDN": "//cdn.example.org/x"},
        {"Top": "#top"},
        {"Draft": "hub/draft.md"},
        {"Gone": "hub/gone.md"},
    ],
    "not_in_nav": "/hub/*.md",
    "exclude_docs": "hub/secret.md",
    "plugins": [{"redirects": {"redirect_maps": REDIRECTS}}],
    "extra": {"hub": {"articles": {**REAL_RULES, "words": [5, 20]}}},
}
