"""The shared definition, enforced: own-words definitions, pasted copies,
the glossary's schema, definition blocks, tooltips and the glossary page."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from filmhub import glossary as glossary_module
from filmhub.definitions import CopyChecker, DefinitionChecker
from filmhub.glossary import Glossary, Term
from filmhub.textscan import Body
from filmhub.tooltips import TermTooltips
from sitebuilder import GLOSSARY_AI, REPO, article, minimal_site, page


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


@pytest.mark.parametrize(
    "sentence",
    [
        "AI is software that learns patterns from data.",
        "AI means any tool that learns from examples.",
        "AI refers to systems trained on large collections of data.",
        "Artificial intelligence is a technology which imitates people.",
        "Artificial intelligence (AI) is the science of making machines smart.",
        "We define artificial intelligence as pattern-learning software.",
        "By AI, we mean tools that learn from examples.",
        "In this guide, AI means software that learns.",
        "The term AI stands for artificial intelligence.",
        "AI is a type of software.",
        "AI is pattern-matching software that guesses.",
        "AI in filmmaking is software that learns from footage.",
        "Put simply, AI is any program which learns.",
        "Drift is when a character's face changes between shots.",
        "A prompt is the text you give the model.",
        "Models are files that store learned patterns.",
        "A digital replica is a copy of a performer that a computer can animate.",
        "Script coverage is a report that summarises a script.",
        "- **Model:** a file that stores what training learned.",
    ],
)
def test_a_definition_in_a_writers_own_words_is_caught(sentence):
    assert len(flagged(sentence)) == 1, sentence


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
    assert bool(problems) is copied
    if copied:
        assert str(problems[0]) == (
            "docs/x.md:3:1: this sentence copies the glossary's definition of 'AI' (glossary/ai.yml) — copies go "
            "stale: put <!-- definition: ai --> on its own line instead"
        )


# --- The glossary's own files ------------------------------------------------------


def load(tmp_path: Path, files: dict[str, str]) -> list[str]:
    folder = tmp_path / "glossary"
    folder.mkdir()
    for name, text in {"ai.yml": GLOSSARY_AI, **files}.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [str(p) for p in glossary_module.load(folder)[1]]


def entry(name: str, **extra: str) -> str:
    fields = {
        "term": name,
        "short": f"What {name} is, in one sentence.",
        "definition": f"The {name} in full.",
        **extra,
    }
    return "".join(f"{key}: {value}\n" for key, value in fields.items())


def test_a_valid_glossary_has_no_problems(tmp_path):
    assert load(tmp_path, {"model.yml": entry("model", see_also="[ai]", not_after="[can, won't]")}) == []


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"model.yml": entry("model", sea_also="[ai]")},
            "glossary/model.yml:4: unknown key 'sea_also' — did you mean 'see_also'?",
        ),
        (
            {"model.yml": "term: model\ndefinition: Full.\n"},
            "glossary/model.yml:1: missing 'short' — give one sentence for the tooltip on the term's first use",
        ),
        (
            {"model.yml": entry("model", short="Two sentences. Not one.")},
            "glossary/model.yml:2: 'short' must be one sentence ending with a full stop — it is the tooltip on the "
            "term's first use",
        ),
        (
            {"model.yml": entry("model", definition="See [the docs](https://example.org).")},
            "glossary/model.yml:3: 'definition' contains a link — put sources under 'sources:' instead",
        ),
        (
            {"Training Data.yml": entry("training data")},
            "glossary/Training Data.yml:1: a glossary file name is the term's id: lowercase words joined by hyphens, "
            "ending in .yml — rename it to training-data.yml",
        ),
        (
            {"model.yml": entry("model", aliases="[Artificial Intelligence]")},
            "glossary/model.yml:4: 'Artificial Intelligence' is already a name of 'AI' in glossary/ai.yml — keep each "
            "name in one file (add it there as an alias, or remove it here)",
        ),
        (
            {"ai2.yml": entry("AI")},
            "glossary/ai2.yml:1: 'AI' is already a name of 'AI' in glossary/ai.yml — keep each name in one file (add "
            "it there as an alias, or remove it here)",
        ),
        (
            {"model.yml": entry("model", see_also="[promt]"), "prompt.yml": entry("prompt")},
            "glossary/model.yml:4: see_also 'promt' is not a glossary term — did you mean 'prompt'?",
        ),
        (
            {"model.yml": entry("model", sources="[{title: x, url: ftp://x}]")},
            "glossary/model.yml:4: 'sources' must be a list of entries with a title and an https:// url",
        ),
        (
            {"output.yml": entry("output", not_after="can")},
            "glossary/output.yml:4: 'not_after' must be a list of words, e.g. not_after: [can, to, will]",
        ),
        (
            {"output.yml": entry("output", not_after="[can, will not]")},
            "glossary/output.yml:4: not_after 'will not' is not one word — list single words that come right before "
            "the term when it means something else, e.g. not_after: [can, to, will]",
        ),
        (
            {"model.yml": "term: model\nshort: A: B\n"},
            "glossary/model.yml:2: glossary entry is not valid YAML (mapping values are not allowed here) — put the "
            "value in double quotes when it contains ': '",
        ),
    ],
)
def test_glossary_schema_problems(tmp_path, files, expected):
    assert expected in load(tmp_path, files)


def test_the_shared_definition_must_exist(tmp_path):
    folder = tmp_path / "glossary"
    folder.mkdir()
    assert [str(p) for p in glossary_module.load(folder)[1]] == [
        "glossary/ai.yml:1: the shared definition of AI is missing — add glossary/ai.yml with term, short and definition"
    ]


# --- Whole builds ---------------------------------------------------------------------

GLOSSARY_FILES = {
    "glossary/model.yml": entry("model", short="'What training produces: the learned patterns a tool runs.'"),
    "glossary/drift.yml": entry(
        "drift", short="'Faces, props or places changing between shots that should match.'"
    ),
}


def text_of(html: str) -> str:
    class Text(HTMLParser):
        def __init__(self):
            super().__init__()
            self.parts: list[str] = []

        def handle_data(self, data):
            self.parts.append(data)

    parser = Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def test_the_pillar_shows_the_shared_definition_from_the_glossary(site):
    files = minimal_site(
        **{"docs/index.md": page("Pillar", "Read this first.\n\n<!-- definition: ai -->\n\n<!-- hubs -->")}
    )
    result = site(files)
    assert result.ok, result.messages()
    html = result.html("index.html")
    block = re.search(r'<div class="admonition hub-definition".*?</div>', html, re.S).group(0)
    assert 'href="glossary/#ai"' in block
    rendered = text_of(
        block.split('<p class="admonition-title">')[1].split('<p class="hub-definition__source">')[0]
    )
    assert rendered.removeprefix("Definition: AI ") == " ".join(
        [
            "Tools",
            "whose",
            "results",
            "come",
            "from",
            "patterns",
            "learned",
            "from",
            "example",
            "data,",
            "rather",
            "than",
            "from",
            "fixed",
            "rules",
            "someone",
            "wrote",
            "by",
            "hand.",
        ]
    )


def test_the_real_pillar_definition_is_the_text_of_glossary_ai_yml(real_site):
    import yaml

    definition = yaml.safe_load((REPO / "glossary/ai.yml").read_text(encoding="utf-8"))["definition"]
    html = (real_site / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<div class="admonition hub-definition".*?</div>', html, re.S).group(0)
    body = block.split("</p>", 1)[1].split('<p class="hub-definition__source">')[0]
    assert text_of(body) == " ".join(definition.split())


def test_an_unknown_term_in_a_marker_fails(site):
    result = site(
        minimal_site(**{"docs/index.md": page("Pillar", "<!-- definition: a1 -->\n\n<!-- hubs -->")})
    )
    assert result.problems == [
        "docs/index.md:9: 'a1' is not a glossary term — did you mean '<!-- definition: ai -->'?"
    ]


def test_an_article_defining_ai_fails_at_that_line(site):
    body = "## Why\n\nCheck every shot.\nAI is software that guesses the next frame.\n"
    result = site(minimal_site(**{"docs/hub/article.md": article("Article", body)}))
    assert result.problems == [
        "docs/hub/article.md:14:1: this sentence defines 'AI' in its own words (“AI is software that guesses the next "
        "frame.”) — the hub uses one definition: put <!-- definition: ai --> on its own line, or link to the glossary "
        "instead"
    ]
    assert result.written_pages() == []


def tooltips(html: str) -> list[tuple[str, str, str]]:
    """(href, text, tooltip) for each glossary mention in a page."""

    class Terms(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found: list[list[str]] = []
            self.field = ""

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if attrs.get("class") == "hub-term__link":
                assert attrs["aria-describedby"].startswith("hub-term-")
                self.found.append([attrs["href"]])
                self.field = "text"
            elif attrs.get("class") == "hub-term__box":
                assert "data-pagefind-ignore" in attrs, "the tooltip and its link stay out of search"
            elif attrs.get("class") == "hub-term__tip":
                assert attrs["role"] == "tooltip"
                self.field = "tip"
            elif attrs.get("class") == "hub-term__more":
                assert attrs["href"] == self.found[-1][0], "the tapped tooltip links to the same entry"

        def handle_data(self, data):
            if self.field:
                self.found[-1].append(data)
                self.field = ""

    parser = Terms()
    parser.feed(html)
    return [tuple(found) for found in parser.found]


def test_tooltips_mark_only_the_first_mention_in_running_text(site):
    body = """
    ## AI and models in the edit

    Use `AI` carefully. [AI links](index.md) stay links. Editors now rely on models; a model drifts.
    The first AI mention in prose gets the tooltip, the second AI does not, nor does the aim or plain ai.
    Drift is checked by eye. More drift later.

    ```
    AI model drift
    ```
    """
    result = site(minimal_site(**GLOSSARY_FILES, **{"docs/hub/article.md": article("Article", body)}))
    assert result.ok, result.messages()
    html = result.html("hub/article/index.html")
    assert tooltips(html) == [
        ("../../glossary/#model", "models", "What training produces: the learned patterns a tool runs."),
        (
            "../../glossary/#drift",
            "drifts",
            "Faces, props or places changing between shots that should match.",
        ),
        ("../../glossary/#ai", "AI", "Tools whose results come from patterns learned from examples."),
    ]
    assert '<h2 id="ai-and-models-in-the-edit">AI and models in the edit' in html


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


def test_the_real_glossary_gives_the_verb_output_no_tooltip(real_site):
    html = (real_site / "post-production/transcription-and-subtitles/index.html").read_text(encoding="utf-8")
    assert " can output text that does not appear" in html, "the words as written, no markup between"
    assert 'aria-describedby="hub-term-output"' not in html


def test_an_acronym_starting_a_compound_gets_the_tooltip_but_a_word_does_not(site):
    files = minimal_site(
        **GLOSSARY_FILES,
        **{
            "docs/hub/article.md": article(
                "Article", "Model-based tools, then AI-assisted cleanup and the model."
            )
        },
    )
    result = site(files)
    assert [t[1] for t in tooltips(result.html("hub/article/index.html"))] == ["AI", "model"]


def test_hyphenated_terms_get_tooltips_and_headings_or_links_still_count_as_use(site):
    files = minimal_site(
        **{
            "glossary/optical-flow.yml": entry("optical flow"),
            "docs/hub/article.md": article("Article", "## Optical flow\n\nAn optical-flow retime."),
            "docs/hub/other.md": article("Other", "See [optical flow](article.md)."),
        }
    )
    result = site(files)
    assert result.ok, result.messages()
    assert [t[:2] for t in tooltips(result.html("hub/article/index.html"))] == [
        ("../../glossary/#optical-flow", "optical-flow")
    ]
    assert tooltips(result.html("hub/other/index.html")) == []
    used = result.html("glossary/index.html").split('<h3 id="optical-flow"')[1]
    assert re.findall(r'<a href="\.\./hub/(\w+)/">', used) == ["article", "other"]


def test_the_glossary_page_lists_terms_a_to_z_with_their_articles(site):
    files = minimal_site(
        **GLOSSARY_FILES,
        **{
            "docs/hub/article.md": article("Article", "A model can drift.", read_next=["hub/other.md"]),
            "docs/hub/other.md": article("Other", "Models everywhere."),
            "docs/index.md": page("Pillar", "AI models.\n\n<!-- hubs -->"),
        },
    )
    result = site(files)
    assert result.ok, result.messages()
    html = result.html("glossary/index.html")
    assert re.findall(r'<h2 id="(letter-[a-z])"', html) == ["letter-a", "letter-d", "letter-m"]
    assert re.findall(r'<h3 id="([a-z-]+)"', html) == ["ai", "drift", "model"]
    model = html.split('<h3 id="model"')[1]
    assert re.findall(r'<a href="\.\./hub/(\w+)/">(\w+)</a>', model) == [
        ("article", "Article"),
        ("other", "Other"),
    ]
    drift = html.split('<h3 id="drift"')[1].split("<h3")[0]
    assert re.findall(r'<a href="\.\./hub/(\w+)/">', drift) == ["article"]
    ai = html.split('<h3 id="ai"')[1].split("<h2")[0]
    assert "Used in" not in ai, "the pillar guide is not an article"
    assert not (result.site_dir.parent / "docs" / "glossary.md").exists()


def test_a_hand_written_glossary_page_is_refused(site):
    result = site(minimal_site(**{"docs/glossary.md": page("Glossary", "Terms.")}))
    assert result.problems == [
        "docs/glossary.md:1: the glossary page is made from glossary/*.yml — move this text into glossary files and "
        "delete this page"
    ]
