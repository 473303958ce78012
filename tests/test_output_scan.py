"""The last line of defence: the scan of every written page and SVG.

Pure tests hold each rule from both sides on small documents; the real site
and a real Material page must pass; a throwaway site that smuggles a script
past the other checks (a raw .html file, copied as it is) is stopped.
"""

from __future__ import annotations

import os
import shutil
from functools import cache
from pathlib import Path

import material
import pytest

from filmhub.output_scan import MAX_TAGS, Finding, scan_file, scan_html, scan_svg, theme_inline_scripts
from sitebuilder import REPO, SITE_URL, minimal_site


@cache
def theme_scripts() -> list:
    """The theme's own inline scripts, read from its templates once, when a test first needs them."""
    return theme_inline_scripts([REPO / "overrides", Path(material.__file__).parent / "templates"])


PAGE = "hub/article/index.html"
# mkdocs.yml's site_url, which the real site is built with.
REAL_SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000/")


def scan(body: str, head: str = "", path: str = PAGE) -> list[str]:
    html = f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"
    return scan_html(html, path, site_url=SITE_URL, theme_scripts=theme_scripts())


def test_every_page_and_svg_of_the_real_site_passes(real_site):
    files = [p for p in real_site.rglob("*") if p.suffix in (".html", ".svg")]
    assert len(files) > 30
    found = [
        finding
        for path in files
        for finding in scan_file(
            path.relative_to(real_site).as_posix(),
            path.read_bytes(),
            site_url=REAL_SITE_URL,
            theme_scripts=theme_scripts(),
        )
    ]
    assert found == []


def test_a_real_material_page_passes_and_holds_what_the_rules_allow(real_site):
    html = (real_site / "index.html").read_text(encoding="utf-8")
    assert 'type="application/ld+json"' in html and "assets/javascripts/bundle." in html
    assert "__md_scope=new URL(" in html  # Material's own inline script, with base_url in it
    assert scan_html(html, "index.html", site_url=REAL_SITE_URL, theme_scripts=theme_scripts()) == []


def test_the_theme_scripts_are_read_from_its_templates():
    # base, announce, consent, content (two), outdated, palette
    assert len(theme_scripts()) == 7
    template = (Path(material.__file__).parent / "templates/partials/javascripts/base.html").read_text()
    script = template[template.index("<script>") + len("<script>") : template.index("</script>")]

    def rendered(base_url: str) -> str:
        return script.replace("{{ config.extra.scope | d(base_url) }}", base_url)

    assert any(pattern.fullmatch(rendered("../..")) for pattern in theme_scripts())
    for hostile in ('x",alert(1),"', "x\\", "</script><script>alert(1)//"):
        assert not any(pattern.fullmatch(rendered(hostile)) for pattern in theme_scripts())


ALLOWED = [
    ('<script src="../../assets/javascripts/bundle.js"></script>', ""),
    ('<script type="application/ld+json">{"@type": "Article"}</script>', ""),
    ('<script id="__config" type="application/json">{"base": ".."}</script>', ""),
    (
        '<script>var el=document.querySelector("[data-md-component=announce]");'
        'if(el){var content=el.querySelector(".md-typeset");__md_hash(content.innerHTML)'
        '===__md_get("__announce")&&(el.hidden=!0)}</script>',
        "",
    ),
    ('<a href="https://example.org/a,data:b">an external link</a>', ""),
    ('<img src="../../assets/images/logo.svg" srcset="../../a.png 1x, ../../b.png 2x" alt="">', ""),
    ('<img src="https://hub.example.org/guide/a.png" alt="">', ""),
    ('<div style="color: red; background: url(../../a.png)">x</div>', ""),
    ('<svg viewBox="0 0 1 1"><use href="#icon"/><path fill="url(#g)" d="M0 0"/></svg>', ""),
    ("", '<link rel="canonical" href="https://hub.example.org/guide/hub/article/">'),
    ("", '<link rel="alternate" type="application/atom+xml" href="https://other.example/feed.xml">'),
    ("", '<link rel="stylesheet" href="../../assets/stylesheets/hub.css">'),
    ('<form action="../../search/"><button formaction="../">Go</button></form>', ""),
]


@pytest.mark.parametrize(("body", "head"), ALLOWED)
def test_what_the_theme_and_the_hooks_write_is_allowed(body, head):
    assert scan(body, head) == []


HOSTILE = [
    ("<script>alert(1)</script>", "an inline <script> that is not the theme's own: 'alert(1)'"),
    ("<script></script>", "an inline <script> that is not the theme's own: ''"),
    (
        '<script type="text/plain">x</script>',
        "an inline <script> that is not the theme's own: 'x'",
    ),
    (
        '<script src="https://cdn.example.org/x.js"></script>',
        "a <script> loading 'https://cdn.example.org/x.js', which is not a file of this site under assets/javascripts/",
    ),
    (
        '<script src="//cdn.example.org/x.js"></script>',
        "a <script> loading '//cdn.example.org/x.js', which is not a file of this site under assets/javascripts/",
    ),
    (
        '<script src="../../x.js"></script>',
        "a <script> loading '../../x.js', which is not a file of this site under assets/javascripts/",
    ),
    (
        '<script src="../../../assets/javascripts/x.js"></script>',
        "a <script> loading '../../../assets/javascripts/x.js', which is not a file of this site under assets/javascripts/",
    ),
    (
        '<svg><script href="x.js"></script></svg>',
        "a <script> loading 'x.js', which is not a file of this site under assets/javascripts/",
    ),
    (
        "<noscript><p><script>alert(1)</script></p></noscript>",
        "an inline <script> that is not the theme's own: 'alert(1)'",
    ),
    (
        "<template><div><script>alert(1)</script></div></template>",
        "an inline <script> that is not the theme's own: 'alert(1)'",
    ),
    ('<img src="x.png" onerror="alert(1)" alt="">', "an event handler 'onerror' on <img>"),
    ("<p ONCLICK=alert(1)>x</p>", "an event handler 'onclick' on <p>"),
    ('<svg onload="alert(1)"></svg>', "an event handler 'onload' on <svg>"),
    (
        '<a href="javascript:alert(1)">x</a>',
        "a 'javascript:' address in 'href' on <a>: 'javascript:alert(1)'",
    ),
    (
        '<a href=" &#10;JaVa&#x09;ScRiPt&colon;alert(1)">x</a>',
        "a 'javascript:' address in 'href' on <a>: '  JaVa ScRiPt:alert(1)'",
    ),
    ('<a href="vbscript:x">x</a>', "a 'vbscript:' address in 'href' on <a>: 'vbscript:x'"),
    (
        '<img src="data:image/png;base64,AAAA" alt="">',
        "a 'data:' address in 'src' on <img>: 'data:image/png;base64,AAAA'",
    ),
    ('<form action="javascript:x"></form>', "a 'javascript:' address in 'action' on <form>: 'javascript:x'"),
    (
        '<svg><a xlink:href="javascript:x"><text>x</text></a></svg>',
        "a 'javascript:' address in 'xlink:href' on <a>: 'javascript:x'",
    ),
    (
        '<svg><a href="#x"><set attributeName="href" to="javascript:x"/></a></svg>',
        "a 'javascript:' address in 'to' on <set>: 'javascript:x'",
    ),
    (
        '<img src="https://cdn.example.org/x.png" alt="">',
        "<img> loads 'https://cdn.example.org/x.png' from another host ('src')",
    ),
    (
        '<img src="\\\\cdn.example.org/x.png" alt="">',
        "<img> loads '\\\\cdn.example.org/x.png' from another host ('src')",
    ),
    (
        '<img src="x.png" srcset="x.png 1x, //cdn.example.org/y.png 2x" alt="">',
        "<img> loads '//cdn.example.org/y.png' from another host ('srcset')",
    ),
    (
        '<iframe src="https://video.example.org/embed/1"></iframe>',
        "<iframe> loads 'https://video.example.org/embed/1' from another host ('src')",
    ),
    (
        '<video poster="https://cdn.example.org/p.jpg"></video>',
        "<video> loads 'https://cdn.example.org/p.jpg' from another host ('poster')",
    ),
    (
        '<object data="https://cdn.example.org/x.swf"></object>',
        "<object> loads 'https://cdn.example.org/x.swf' from another host ('data')",
    ),
    (
        '<input type="image" src="http://cdn.example.org/b.png">',
        "<input> loads 'http://cdn.example.org/b.png' from another host ('src')",
    ),
    (
        '<svg><image href="https://cdn.example.org/x.png"/></svg>',
        "<image> loads 'https://cdn.example.org/x.png' from another host ('href')",
    ),
    (
        '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
        "a document in 'srcdoc' on <iframe>",
    ),
    (
        '<div style="background: u\\72l(//cdn.example.org/x.png)">x</div>',
        "the style of <div> loads '//cdn.example.org/x.png' from another host",
    ),
    (
        "<style>@import 'https://cdn.example.org/x.css';</style>",
        "a <style> element loads 'https://cdn.example.org/x.css' from another host",
    ),
    (
        '<div style="background-image: url(javascript:alert(1))">x</div>',
        "a 'javascript:' address in the style of <div>: 'javascript:alert(1'",
    ),
    (
        '<base href="https://evil.example.org/">',
        "a <base> element, which would change where every relative address leads",
    ),
    (
        '<meta http-equiv="refresh" content="0; url=javascript:alert(1)">',
        "a 'javascript:' address in 'content' on <meta>: 'javascript:alert(1)'",
    ),
]


@pytest.mark.parametrize(("body", "message"), HOSTILE)
def test_each_hostile_page_is_found_with_its_message(body, message):
    assert scan(body) == [message]


@pytest.mark.parametrize(
    ("head", "message"),
    [
        (
            '<link rel="stylesheet" href="https://fonts.example.org/x.css">',
            "<link> loads 'https://fonts.example.org/x.css' from another host ('href')",
        ),
        (
            '<link rel="preconnect" href="https://fonts.example.org">',
            "<link> loads 'https://fonts.example.org' from another host ('href')",
        ),
        (
            '<link rel="alternate stylesheet" href="//cdn.example.org/x.css">',
            "<link> loads '//cdn.example.org/x.css' from another host ('href')",
        ),
        (
            '<link rel="icon" href="https://cdn.example.org/i.png">',
            "<link> loads 'https://cdn.example.org/i.png' from another host ('href')",
        ),
    ],
)
def test_a_link_that_loads_from_another_host_is_found(head, message):
    assert scan("", head) == [message]


def test_a_site_script_from_the_root_is_allowed_on_the_404_page_only_under_the_site_path():
    allowed = '<script src="/guide/assets/javascripts/bundle.js"></script>'
    elsewhere = '<script src="/assets/javascripts/bundle.js"></script>'
    assert scan(allowed, path="404.html") == []
    assert scan(elsewhere, path="404.html") == [
        "a <script> loading '/assets/javascripts/bundle.js', which is not a file of this site under assets/javascripts/"
    ]


def test_a_page_too_large_to_scan_quickly_is_refused():
    assert scan("<b>x</b>" * (MAX_TAGS // 2 + 1)) == [
        f"more than {MAX_TAGS:,} tags on one page, more than the scan reads"
    ]


def test_a_file_that_is_not_utf8_is_refused_and_other_files_are_not_read():
    utf16 = "<script>alert(1)</script>".encode("utf-16")
    assert scan_file("x.html", utf16, site_url=SITE_URL, theme_scripts=theme_scripts()) == [
        Finding("x.html", "the file is not UTF-8 text, so the scan cannot read it as a browser would")
    ]
    assert scan_file("x.js", b"alert(1)", site_url=SITE_URL, theme_scripts=theme_scripts()) == []


SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'


def test_a_diagram_with_markers_gradients_and_styles_passes():
    svg = (
        f'<?xml version="1.0" encoding="UTF-8"?>{SVG_OPEN}<defs><marker id="m"/></defs>'
        '<style>.a { fill: #123; font-family: "Inter", sans-serif }</style>'
        '<path d="M0 0L1 1" marker-end="url(#m)" style="stroke: url(#g)"/><use xlink:href="#m"/>'
        "<title>A diagram</title></svg>"
    )
    assert scan_svg(svg) == []


@pytest.mark.parametrize(
    ("inside", "message"),
    [
        ("<script>alert(1)</script>", "a <script> element"),
        ("<script><![CDATA[alert(1)]]></script>", "a <script> element"),
        (
            '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>',
            "a <foreignObject> element",
        ),
        ('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>', "a <script> element"),
        ('<rect onclick="alert(1)"/>', "an event handler 'onclick' on <rect>"),
        (
            '<a href="https://example.org"><text>x</text></a>',
            "'href' on <a> points out of the file: 'https://example.org' (only '#id' is allowed)",
        ),
        (
            '<image xlink:href="data:image/png;base64,AA"/>',
            "'href' on <image> points out of the file: 'data:image/png;base64,AA' (only '#id' is allowed)",
        ),
        (
            '<a href="#x"><animate attributeName="href" values="#x;javascript:alert(1)"/></a>',
            "a 'javascript:' address in 'values' on <animate>",
        ),
        (
            '<rect fill="url(https://cdn.example.org/p.svg#g)"/>',
            "a url() in 'fill' on <rect> that is not '#id': 'https://cdn.example.org/p.svg#g'",
        ),
        (
            "<rect style=\"fill: url('x.svg#g')\"/>",
            "a url() in the style of <rect> that is not '#id': 'x.svg#g'",
        ),
        ("<style>@import 'x.css';</style>", "an @import in a <style> element"),
    ],
)
def test_each_hostile_svg_is_found_with_its_message(inside, message):
    assert scan_svg(f"{SVG_OPEN}{inside}</svg>") == [message]


def test_an_svg_with_a_doctype_is_refused_before_any_entity_is_read():
    laughs = '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    assert scan_svg(f"{laughs}{SVG_OPEN}<text>&b;</text></svg>") == [
        "a DOCTYPE, which could declare entities; the site's SVGs have none"
    ]


def test_an_svg_with_a_style_sheet_instruction_or_broken_xml_is_refused():
    sheet = '<?xml-stylesheet href="https://cdn.example.org/x.css"?>'
    assert scan_svg(f"{sheet}{SVG_OPEN}</svg>") == [
        "a processing instruction <?xml-stylesheet …?>, which can load a style sheet"
    ]
    assert scan_svg(f"{SVG_OPEN}<text>&nope;</text></svg>") == [
        "the SVG is not well-formed XML (undefined entity: line 1, column 89)"
    ]


def test_a_build_that_writes_a_hostile_page_is_stopped_naming_it(site, tmp_path):
    # A template that lets something through: the guard is all that is left.
    overrides = tmp_path / "overrides"
    shutil.copytree(REPO / "overrides", overrides)
    partial = overrides / "partials/read-next.html"
    partial.write_text(
        partial.read_text(encoding="utf-8")
        + '{% if page.file.src_uri == "hub/article.md" %}<img src="x.png" onerror="alert(1)">{% endif %}\n',
        encoding="utf-8",
    )
    result = site(minimal_site(), config={"theme": {"name": "material", "custom_dir": str(overrides)}})
    assert not result.ok
    assert result.errors == [
        "hub/article/index.html: an event handler 'onerror' on <img> — a template or hook let this through; "
        "the build was stopped"
    ]
