"""The shared definition, enforced: own-words definitions, pasted copies,
the glossary's schema, definition blocks, tooltips and the glossary page."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from selectolax.lexbor import LexborHTMLParser

from filmhub import glossary as glossary_module
from filmhub import urls
from filmhub.definitions import CopyChecker, DefinitionChecker
from filmhub.glossary import Glossary, Term
from filmhub.textscan import Body
from filmhub.tooltips import TermTooltips
from sitebuilder import GLOSSARY_AI, REPO, article, build_site, minimal_site, page


def term(slug: str, name: str, *aliases: str, definition: str = "A definition.") -> Term:
    return Term(
        slug, name, short="Short.", definition=definition, path=f"glossary/{slug}.yml", aliases=list(aliases)
    )


GLOSSARY = Glossary(
    {
        t.slug: t
        for t in [
            term("ai", "AI", "artificial intelligence"),
            term("model", "model"),
            term("prompt", "prompt"),
            term("drift", "drift"),
            term("digital-replica", "digital replica"),
            term("script-coverage", "script coverage"),
        ]
    }
)
CHECKER = DefinitionChecker(GLOSSARY)


def flagged(markdown: str) -> list[str]:
    return [str(p) for p in CHECKER.problems(Body(markdown), "docs/x.md")]


# A sentence, where it starts, the term it defines and how the message quotes it.
@pytest.mark.parametrize(
    ("sentence", "col", "term", "excerpt"),
    [
        (
            "AI is software that learns patterns from data.",
            1,
            "AI",
            "AI is software that learns patterns from data.",
        ),
        (
            "AI means any tool that learns from examples.",
            1,
            "AI",
            "AI means any tool that learns from examples.",
        ),
        (
            "AI refers to systems trained on large collections of data.",
            1,
            "AI",
            "AI refers to systems trained on large collections…",
        ),
        (
            "Artificial intelligence is a technology which imitates people.",
            1,
            "AI",
            "Artificial intelligence is a technology which imitates people.",
        ),
        (
            "Artificial intelligence (AI) is the science of making machines smart.",
            1,
            "AI",
            "Artificial intelligence (AI) is the science of making…",
        ),
        (
            "We define artificial intelligence as pattern-learning software.",
            1,
            "AI",
            "We define artificial intelligence as pattern-learning software.",
        ),
        ("By AI, we mean tools that learn from examples.", 1, "AI", "By AI, we mean tools that learn from…"),
        # re ignoring case takes a dotless ı or a dotted İ for an 'i'
        (
            "Here we defıne artificial intelligence as software.",
            1,
            "AI",
            "Here we defıne artificial intelligence as software.",
        ),
        (
            "HERE WE DEFİNE ARTIFICIAL INTELLIGENCE AS SOFTWARE.",
            1,
            "AI",
            "HERE WE DEFİNE ARTIFICIAL INTELLIGENCE AS SOFTWARE.",
        ),
        (
            "In this guide, AI means software that learns.",
            1,
            "AI",
            "In this guide, AI means software that learns.",
        ),
        (
            "The term AI stands for artificial intelligence.",
            1,
            "AI",
            "The term AI stands for artificial intelligence.",
        ),
        ("AI is a type of software.", 1, "AI", "AI is a type of software."),
        (
            "AI is pattern-matching software that guesses.",
            1,
            "AI",
            "AI is pattern-matching software that guesses.",
        ),
        (
            "AI in filmmaking is software that learns from footage.",
            1,
            "AI",
            "AI in filmmaking is software that learns from…",
        ),
        (
            "Put simply, AI is any program which learns.",
            1,
            "AI",
            "Put simply, AI is any program which learns.",
        ),
        (
            "Drift is when a character's face changes between shots.",
            1,
            "drift",
            "Drift is when a character's face changes between…",
        ),
        ("A prompt is the text you give the model.", 1, "prompt", "A prompt is the text you give the…"),
        (
            "Models are files that store learned patterns.",
            1,
            "model",
            "Models are files that store learned patterns.",
        ),
        (
            "A digital replica is a copy of a performer that a computer can animate.",
            1,
            "digital replica",
            "A digital replica is a copy of a…",
        ),
        (
            "Script coverage is a report that summarises a script.",
            1,
            "script coverage",
            "Script coverage is a report that summarises a…",
        ),
        (
            "- **Model:** a file that stores what training learned.",
            3,
            "model",
            "**Model:** a file that stores what training learned.",
        ),
    ],
)
def test_a_definition_in_a_writers_own_words_is_caught(sentence, col, term, excerpt):
    slug = GLOSSARY.named(term).slug
    assert flagged(sentence) == [
        f"docs/x.md:1:{col}: this sentence defines '{term}' in its own words (“{excerpt}”) — the hub uses one "
        f"definition: put <!-- definition: {slug} --> on its own line, or link to the glossary instead"
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "AI is useful for first-pass transcripts.",
        "AI is not a replacement for your editor.",
        "AI is so fast that teams skip the checks.",
        "AI is changing workflows that took days.",
        "AI is everywhere in post-production now.",
        "AI is increasingly used in dailies.",
        "AI is good at tasks that repeat.",
        "AI is a poor fit when consent is unclear.",
        "The model was retrained in June.",
        "The model is the part you never see.",
        "This prompt is the one that worked.",
        "Drift shows up after a few seconds.",
        "What is AI? It depends on who is selling it.",
        "Under the EU AI Act, an 'AI system' means a machine-based system.",
        "Prompt the model with three reference images.",
        "A prompt alone does not make you the author.",
        "Models trained on narrow data drift toward one look.",
        "AI-generated shots need the same review as VFX shots.",
    ],
)
def test_an_ordinary_sentence_about_a_term_is_left_alone(sentence):
    assert flagged(sentence) == [], sentence


def test_quotes_code_and_headings_are_not_the_writers_own_words():
    markdown = "\n".join(
        [
            "## AI is a tool that needs checking",
            "",
            "> AI is software that learns, as the vendor puts it.",
            "",
            "```text",
            "AI is software that learns.",
            "```",
            "",
            "Inline `AI is software that learns` is code.",
        ]
    )
    assert flagged(markdown) == []


def test_the_message_names_the_term_the_place_and_the_marker():
    assert flagged("Intro.\n\nSome text. AI is software that learns patterns from data.") == [
        "docs/x.md:3:12: this sentence defines 'AI' in its own words (“AI is software that learns patterns from "
        "data.”) — the hub uses one definition: put <!-- definition: ai --> on its own line, or link to the "
        "glossary instead"
    ]


def test_definition_lists_and_page_abbreviations_are_caught():
    markdown = "AI\n:   Software that learns.\n\n*[AI]: Artificial Intelligence\n*[VFX]: visual effects\n"
    assert flagged(markdown) == [
        "docs/x.md:1:1: this definition list entry defines 'AI' in its own words (“AI”) — the hub uses one "
        "definition: put <!-- definition: ai --> on its own line, or link to the glossary instead",
        "docs/x.md:4:1: this abbreviation defines 'AI' in its own words (“*[AI]: Artificial Intelligence”) — the hub "
        "uses one definition: put <!-- definition: ai --> on its own line, or link to the glossary instead",
    ]


# --- Pasted copies ---------------------------------------------------------------

SHARED = Glossary(
    {
        "ai": Term(
            "ai",
            "AI",
            short="Software that learns patterns from example data and applies them to make, alter or analyse media.",
            definition=(
                "In this hub, AI is software whose results come from patterns it has learned from example data. "
                "It applies those learned patterns to make, alter or analyse text, pictures, sound or moving images."
            ),
            path="glossary/ai.yml",
        )
    }
)


def test_a_copy_is_caught_among_many_sentences_that_copy_nothing():
    filler = "Editors compare every generated shot with the source before it airs. " * 40
    text = f"{filler}\n\nIt applies those learned patterns to make, alter or analyse text, pictures, sound or moving images.\n"
    problems = CopyChecker(SHARED).problems(Body(text), "docs/x.md")
    assert [(p.line, p.col, p.kind) for p in problems] == [(3, 1, "copied-definition")]


@pytest.mark.parametrize(
    ("text", "copied"),
    [
        (
            "It applies those learned patterns to make, alter or analyse text, pictures, sound or moving images.",
            True,
        ),
        (
            "It uses the learned patterns to make, change or analyse text, pictures, sound and moving images.",
            True,
        ),
        (
            "Software learning patterns from example data and applying them to make, alter or analyse media.",
            True,
        ),
        ("The model learns patterns from its training data, so check what the data over-represents.", False),
        ("Sound and moving images are where editors feel the change first.", False),
    ],
)
def test_a_pasted_or_lightly_reworded_definition_is_caught(text, copied):
    problems = CopyChecker(SHARED).problems(Body(f"Intro.\n\n{text}\n"), "docs/x.md")
    copy = (
        "docs/x.md:3:1: this sentence copies the glossary's definition of 'AI' (glossary/ai.yml) — copies go "
        "stale: put <!-- definition: ai --> on its own line instead"
    )
    assert [str(p) for p in problems] == ([copy] if copied else [])


# --- The glossary's own files ------------------------------------------------------


def load(tmp_path: Path, files: dict[str, str]) -> tuple[Glossary, list[str]]:
    folder = tmp_path / "glossary"
    folder.mkdir()
    for name, text in {"ai.yml": GLOSSARY_AI, **files}.items():
        (folder / name).write_text(text, encoding="utf-8")
    glossary, problems = glossary_module.load(folder)
    return glossary, [str(p) for p in problems]


def entry(name: str, **extra: str) -> str:
    fields = {
        "term": name,
        "short": f"What {name} is, in one sentence.",
        "definition": f"The {name} in full.",
        **extra,
    }
    return "".join(f"{key}: {value}\n" for key, value in fields.items())


def test_a_valid_glossary_has_no_problems(tmp_path):
    glossary, problems = load(
        tmp_path, {"model.yml": entry("model", see_also="[ai]", not_after="[can, won't]")}
    )
    assert problems == []
    model = glossary.terms["model"]
    assert (model.term, model.short, model.see_also, model.not_after) == (
        "model",
        "What model is, in one sentence.",
        ["ai"],
        frozenset({"can", "won't"}),
    )
    assert list(glossary.terms) == ["ai", "model"]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"model.yml": entry("model", sea_also="[ai]")},
            ["glossary/model.yml:4: unknown key 'sea_also' — did you mean 'see_also'?"],
        ),
        (
            {"model.yml": "term: model\ndefinition: Full.\n"},
            [
                "glossary/model.yml:1: missing 'short' — give one sentence for the tooltip on the term's first use"
            ],
        ),
        (
            {"model.yml": "term:\nshort: A model.\ndefinition: Full.\n"},
            [
                "glossary/model.yml:1: 'term' must be text — give the term as readers see it, e.g. term: training data"
            ],
        ),
        (
            {"model.yml": entry("model", short="Two sentences. Not one.")},
            [
                "glossary/model.yml:2: 'short' must be one sentence ending with a full stop — it is the tooltip on "
                "the term's first use"
            ],
        ),
        (
            {"model.yml": entry("model", short="A" * 200 + ".")},
            ["glossary/model.yml:2: 'short' is 201 characters — keep the tooltip text to at most 200"],
        ),
        (
            {"model.yml": entry("model", definition="See [the docs](https://example.org).")},
            ["glossary/model.yml:3: 'definition' contains a link — put sources under 'sources:' instead"],
        ),
        (
            {"Training Data.yml": entry("training data")},
            [
                "glossary/Training Data.yml:1: a glossary file name is the term's id: lowercase words joined by "
                "hyphens, ending in .yml — rename it to training-data.yml"
            ],
        ),
        (
            {"model.yml": entry("model", aliases="[Artificial Intelligence]")},
            [
                "glossary/model.yml:4: 'Artificial Intelligence' is already a name of 'AI' in glossary/ai.yml — keep "
                "each name in one file (add it there as an alias, or remove it here)"
            ],
        ),
        (
            {"ai2.yml": entry("AI")},
            [
                "glossary/ai2.yml:1: 'AI' is already a name of 'AI' in glossary/ai.yml — keep each name in one file "
                "(add it there as an alias, or remove it here)"
            ],
        ),
        (
            {"model.yml": entry("model", aliases="\n  - the\n  - models of the world\n  - ab")},
            [
                "glossary/model.yml:5: 'the' is not a name the glossary can match — a term or alias needs at least 3 "
                "characters (2 for an acronym in capitals), letters, and must not be an everyday word",
                "glossary/model.yml:7: 'ab' is not a name the glossary can match — a term or alias needs at least 3 "
                "characters (2 for an acronym in capitals), letters, and must not be an everyday word",
            ],
        ),
        (
            {"model.yml": entry("model", see_also="[promt]"), "prompt.yml": entry("prompt")},
            ["glossary/model.yml:4: see_also 'promt' is not a glossary term — did you mean 'prompt'?"],
        ),
        (
            {"model.yml": entry("model", sources="[{title: x, url: ftp://x}]")},
            ["glossary/model.yml:4: 'sources' must be a list of entries with a title and an https:// url"],
        ),
        (
            {"model.yml": entry("model", sources="[{title: <b>x</b>, url: https://example.org}]")},
            [
                "glossary/model.yml:4: 'sources' titles' contains '<' or '>' — it is plain text, shown in titles, "
                "tabs, cards and the feed; write it without < and > (use words, or ‹ › if you need the look)"
            ],
        ),
        (
            {"output.yml": entry("output", not_after="can")},
            ["glossary/output.yml:4: 'not_after' must be a list of words, e.g. not_after: [can, to, will]"],
        ),
        (
            {"output.yml": entry("output", not_after="[can, will not]")},
            [
                "glossary/output.yml:4: not_after 'will not' is not one word — list single words that come right "
                "before the term when it means something else, e.g. not_after: [can, to, will]"
            ],
        ),
        (
            {"model.yml": "term: model\nshort: A: B\n"},
            [
                "glossary/model.yml:2: glossary entry is not valid YAML (mapping values are not allowed here) — put "
                "the value in double quotes when it contains ': '"
            ],
        ),
        (
            {"model.yml": "- term\n- short\n"},
            [
                "glossary/model.yml:1: glossary entry must be 'key: value' lines, but this is a list — write it as "
                "term: …, short: …, definition: …"
            ],
        ),
    ],
)
def test_glossary_schema_problems(tmp_path, files, expected):
    assert load(tmp_path, files)[1] == expected


def test_a_term_is_left_out_only_when_a_required_value_is_refused(tmp_path):
    glossary, problems = load(
        tmp_path,
        {
            "model.yml": entry("model", short="Two sentences. Not one.", aliases="[the, modelling]"),
            "drift.yml": entry("drift", definition="See [the docs](https://example.org)."),
        },
    )
    assert problems == [
        "glossary/drift.yml:3: 'definition' contains a link — put sources under 'sources:' instead",
        # Each file's in the order of its fields: term, aliases, short, definition, ...
        "glossary/model.yml:4: 'the' is not a name the glossary can match — a term or alias needs at least 3 "
        "characters (2 for an acronym in capitals), letters, and must not be an everyday word",
        "glossary/model.yml:2: 'short' must be one sentence ending with a full stop — it is the tooltip on the "
        "term's first use",
    ]
    assert list(glossary.terms) == ["ai", "model"]
    assert (glossary.terms["model"].short, glossary.terms["model"].aliases) == ("Two sentences. Not one.", [])


def test_the_shared_definition_must_exist(tmp_path):
    folder = tmp_path / "glossary"
    folder.mkdir()
    assert [str(p) for p in glossary_module.load(folder)[1]] == [
        "glossary/ai.yml:1: the shared definition of AI is missing — add glossary/ai.yml with term, short and definition"
    ]


# --- Tooltips: Markdown in, HTML out ----------------------------------------------------


def _tooltips_in(text: str, glossary: Glossary) -> str:
    """Markdown in, HTML out, through Python-Markdown with the tooltip processor alone."""
    extension = TermTooltips(
        glossary, lambda slug, href, text: f'<a class="tip" href="{href}">{text}</a>', active=True
    )
    return markdown.Markdown(extensions=[extension]).convert(text)


OUTPUT = Term(
    "output",
    "output",
    short="What a model returns.",
    definition="What a model returns from one run.",
    path="glossary/output.yml",
    not_after=frozenset({"can", "to", "will"}),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The model can output text. Check the output.",
            '<p>The model can output text. Check the <a class="tip" href="glossary.md#output">output</a>.</p>',
        ),
        (
            "It will output, then CAN OUTPUT again; outputs are drafts.",
            '<p>It will output, then CAN OUTPUT again; <a class="tip" href="glossary.md#output">outputs</a> '
            "are drafts.</p>",
        ),
        # Only the word right before counts: punctuation ends the sentence it was in.
        (
            "Whatever you can. Output is a draft.",
            '<p>Whatever you can. <a class="tip" href="glossary.md#output">Output</a> is a draft.</p>',
        ),
        # The rule reads one run of text: a word in other markup is not looked at.
        (
            "Scan *can* output.",
            '<p>Scan <em>can</em> <a class="tip" href="glossary.md#output">output</a>.</p>',
        ),
    ],
)
def test_a_term_is_not_marked_after_its_not_after_words(text, expected):
    assert _tooltips_in(text, Glossary({"output": OUTPUT})) == expected


def test_a_term_without_not_after_is_marked_after_any_word():
    plain = Term("output", "output", short="S.", definition="D.", path="glossary/output.yml")
    assert _tooltips_in("It can output text.", Glossary({"output": plain})) == (
        '<p>It can <a class="tip" href="glossary.md#output">output</a> text.</p>'
    )


# --- Whole builds ---------------------------------------------------------------------

GLOSSARY_FILES = {
    "glossary/model.yml": entry("model", short="'What training produces: the learned patterns a tool runs.'"),
    "glossary/drift.yml": entry(
        "drift", short="'Faces, props or places changing between shots that should match.'"
    ),
    "glossary/optical-flow.yml": entry("optical flow"),
}
FIRST_MENTIONS = """
## AI and models in the edit

Use `AI` carefully. [AI links](index.md) stay links. Editors now rely on models; a model drifts.
The first AI mention in prose gets the tooltip, the second AI does not, nor does the aim or plain ai.
Drift is checked by eye. More drift later.

```
AI model drift
```
"""
GLOSSARY_SITE = minimal_site(
    **GLOSSARY_FILES,
    **{
        "docs/index.md": page("Pillar", "AI models.\n\n<!-- definition: ai -->\n\n<!-- hubs -->"),
        "docs/hub/article.md": article("Article", FIRST_MENTIONS, read_next=["hub/index.md"]),
        "docs/hub/compound.md": article(
            "Compound", "Model-based tools, then AI-assisted cleanup and the model."
        ),
        "docs/hub/optics.md": article("Optics", "## Optical flow\n\nAn optical-flow retime."),
        "docs/hub/other.md": article("Other", "Models everywhere. See [optical flow](optics.md)."),
    },
)


@pytest.fixture(scope="module")
def glossary_site(tmp_path_factory):
    """Terms used across a small hub, built once: tooltips, a definition block and the glossary page."""
    result = build_site(tmp_path_factory.mktemp("glossary-site"), GLOSSARY_SITE)
    assert result.ok, result.messages()
    return result


def words(node) -> str:
    return " ".join(node.text().split())


def definition_block(html: str) -> tuple[str, str, tuple[str, str]]:
    """(title, definition text, (href, text) of the link to the glossary) of a page's definition block."""
    block = LexborHTMLParser(html).css_first("div.admonition.hub-definition")
    title = block.css_first("p.admonition-title")
    source = block.css_first("p.hub-definition__source a")
    definition = " ".join(words(p) for p in block.css("p") if p not in (title, source.parent))
    return words(title), definition, (source.attributes["href"], words(source))


def tooltips(html: str) -> list[tuple[str, str, str]]:
    """(href, text, tooltip) for each glossary mention in a page."""
    found = []
    for mention in LexborHTMLParser(html).css("span.hub-term"):
        link, box = mention.css_first("a.hub-term__link"), mention.css_first("span.hub-term__box")
        tip, more = box.css_first("span.hub-term__tip"), box.css_first("a.hub-term__more")
        assert link.attributes["aria-describedby"] == tip.attributes["id"]
        assert tip.attributes["role"] == "tooltip"
        assert "data-pagefind-ignore" in box.attributes, "the tooltip and its link stay out of search"
        assert more.attributes["href"] == link.attributes["href"], (
            "the tapped tooltip links to the same entry"
        )
        found.append((link.attributes["href"], link.text(), tip.text()))
    return found


def glossary_page(html: str) -> tuple[list[str], dict[str, list[tuple[str, str]]]]:
    """The letters' anchors, and each entry's anchor with its 'Used in' links (href, title)."""
    page = LexborHTMLParser(html).css_first("div.hub-glossary")
    entries: dict[str, list[tuple[str, str]]] = {}
    for node in page.iter():
        if node.tag == "h3":
            entries[node.attributes["id"]] = []
        elif node.tag == "p" and (label := node.css_first("em")) and label.text() == "Used in:":
            entries[list(entries)[-1]] = [(a.attributes["href"], a.text()) for a in node.css("a")]
    return [h2.attributes["id"] for h2 in page.css("h2")], entries


def test_the_pillar_shows_the_shared_definition_from_the_glossary(glossary_site):
    assert definition_block(glossary_site.html("index.html")) == (
        "Definition: AI",
        "Tools whose results come from patterns learned from example data, rather than from fixed rules "
        "someone wrote by hand.",
        ("glossary/#ai", "AI in the glossary"),
    )


def test_tooltips_mark_only_the_first_mention_in_running_text(glossary_site):
    html = glossary_site.html("hub/article/index.html")
    assert tooltips(html) == [
        ("../../glossary/#model", "models", "What training produces: the learned patterns a tool runs."),
        (
            "../../glossary/#drift",
            "drifts",
            "Faces, props or places changing between shots that should match.",
        ),
        ("../../glossary/#ai", "AI", "Tools whose results come from patterns learned from examples."),
    ]
    heading = LexborHTMLParser(html).css_first("article h2")
    assert (heading.attributes["id"], words(heading)) == (
        "ai-and-models-in-the-edit",
        "AI and models in the edit¶",
    )


def test_an_acronym_starting_a_compound_gets_the_tooltip_but_a_word_does_not(glossary_site):
    assert [t[1] for t in tooltips(glossary_site.html("hub/compound/index.html"))] == ["AI", "model"]


def test_hyphenated_terms_get_tooltips_and_link_text_does_not(glossary_site):
    assert [t[:2] for t in tooltips(glossary_site.html("hub/optics/index.html"))] == [
        ("../../glossary/#optical-flow", "optical-flow")
    ]
    assert [t[:2] for t in tooltips(glossary_site.html("hub/other/index.html"))] == [
        ("../../glossary/#model", "Models")
    ]


def test_the_glossary_page_lists_terms_a_to_z_with_the_articles_using_them(glossary_site):
    letters, used_in = glossary_page(glossary_site.html("glossary/index.html"))
    assert letters == ["letter-a", "letter-d", "letter-m", "letter-o"]
    # Headings and link text count as use; the pillar guide is not an article.
    assert used_in == {
        "ai": [("../hub/article/", "Article"), ("../hub/compound/", "Compound")],
        "drift": [("../hub/article/", "Article")],
        "model": [
            ("../hub/article/", "Article"),
            ("../hub/compound/", "Compound"),
            ("../hub/other/", "Other"),
        ],
        "optical-flow": [("../hub/optics/", "Optics"), ("../hub/other/", "Other")],
    }
    assert not (glossary_site.site_dir.parent / "docs" / "glossary.md").exists()


@pytest.mark.parametrize(
    ("docs", "edit_uri", "repo_url", "expected"),
    [
        (
            "docs",
            "https://github.com/o/r/edit/main/docs/",
            None,
            "https://github.com/o/r/edit/main/glossary/adr.yml",
        ),
        (
            "docs",
            "edit/main/docs/",
            "https://github.com/o/r/",
            "https://github.com/o/r/edit/main/glossary/adr.yml",
        ),
        (
            "site/docs",
            "https://git.example/o/r/-/edit/main/site/docs/",
            None,
            "https://git.example/o/r/-/edit/main/glossary/adr.yml",
        ),
        ("docs", "https://dev.example/o/_git/r?path=/docs/", None, ""),  # the file named in a query
        ("docs", "https://example.org/edit/#docs/", None, ""),
        ("docs", None, None, ""),
        ("docs", "", "https://github.com/o/r/", ""),
        ("docs", "javascript:alert(1)//", None, ""),
        ("docs", "edit/main/docs/", None, ""),  # relative, with no repository to resolve it against
    ],
)
def test_a_terms_edit_link_is_found_from_edit_uri_as_mkdocs_finds_a_pages(docs, edit_uri, repo_url, expected):
    project = Path("/project")
    url = urls.edit_url(urls.edit_root(project / docs, project, edit_uri, repo_url), "glossary/adr.yml")
    assert url == expected


def test_no_edit_link_for_a_docs_dir_outside_the_project():
    root = urls.edit_root(
        Path("/elsewhere/docs"), Path("/project"), "https://github.com/o/r/edit/main/docs/", None
    )
    url = urls.edit_url(root, "glossary/adr.yml")
    assert url == ""


@pytest.fixture(scope="module")
def refused(tmp_path_factory):
    """A site with a definition marker naming no term, a page defining AI and a hand-written glossary page."""
    files = minimal_site(
        **{
            "docs/index.md": page("Pillar", "<!-- definition: a1 -->\n\n<!-- hubs -->"),
            "docs/hub/article.md": article(
                "Article", "## Why\n\nCheck every shot.\nAI is software that guesses the next frame.\n"
            ),
            "docs/glossary.md": page("Glossary", "Terms."),
        }
    )
    return build_site(tmp_path_factory.mktemp("refused"), files)


def test_what_the_glossary_refuses_stops_the_build_before_any_page_is_written(refused):
    assert not refused.ok
    assert refused.problems == [
        "docs/glossary.md:1: the glossary page is made from glossary/*.yml — move this text into glossary files and "
        "delete this page",
        "docs/hub/article.md:14:1: this sentence defines 'AI' in its own words (“AI is software that guesses the next "
        "frame.”) — the hub uses one definition: put <!-- definition: ai --> on its own line, or link to the glossary "
        "instead",
        "docs/index.md:9: 'a1' is not a glossary term — did you mean '<!-- definition: ai -->'?",
    ]
    assert refused.written_pages() == []


# --- The real site --------------------------------------------------------------------


def test_the_real_pillar_definition_is_the_text_of_glossary_ai_yml(real_site):
    import yaml

    definition = yaml.safe_load((REPO / "glossary/ai.yml").read_text(encoding="utf-8"))["definition"]
    title, text, _source = definition_block((real_site / "index.html").read_text(encoding="utf-8"))
    assert (title, text) == ("Definition: AI", " ".join(definition.split()))


def test_each_real_glossary_entry_links_to_the_file_to_edit(real_site):
    # mkdocs.yml's edit_uri addresses docs/; each term's file is glossary/SLUG.yml beside it.
    html = (real_site / "glossary/index.html").read_text(encoding="utf-8")
    links = LexborHTMLParser(html).css("div.hub-glossary p.hub-glossary__edit a")
    slugs = sorted(path.stem for path in (REPO / "glossary").glob("*.yml"))
    assert [link.attributes["href"] for link in links] == [
        f"https://github.com/OWNER/REPO/edit/main/glossary/{slug}.yml"
        for slug in [h3.attributes["id"] for h3 in LexborHTMLParser(html).css("div.hub-glossary h3")]
    ]
    assert sorted(link.attributes["href"].rsplit("/", 1)[1][:-4] for link in links) == slugs
    assert (
        links[0].attributes["aria-label"] == "Edit this entry: ADR" and links[0].text() == "Edit this entry"
    )


def test_the_real_glossary_gives_the_verb_output_no_tooltip(real_site):
    html = (real_site / "post-production/transcription-and-subtitles/index.html").read_text(encoding="utf-8")
    tree = LexborHTMLParser(html)
    [paragraph] = [p for p in tree.css("article p") if "can output text that does not appear" in p.text()]
    assert " can output text that does not appear" in paragraph.html, (
        "the words as written, no markup between"
    )
    assert tree.css("a.hub-term__link[aria-describedby='hub-term-output']") == []
