"""The reader's side, in real Chromium: the built site served from 127.0.0.1.

Needs Debian's Chromium (`apt-get install chromium`; Playwright cannot
download browsers here) and axe-core from npm (`npm ci`). `.ci/run` installs
both. Without them these tests are skipped locally with a message saying so;
with CI=true a missing browser is a failure, never a skip.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import re
import shutil
import threading
from collections import defaultdict
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sitebuilder import REPO

try:
    from playwright.sync_api import expect
except ImportError:  # reported by the browser fixture, which says how to install it
    expect = None

pytestmark = pytest.mark.browser

OUTPUT = REPO / "test-output"
AXE = REPO / "node_modules/axe-core/axe.min.js"
PAGES = {
    "pillar": "",
    "hub": "post-production/",
    "article": "post-production/ai-editing-assistants/",
    "glossary": "glossary/",
}
CHROMIUM_FLAGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--no-first-run",
    # Keep Chromium's own background traffic off the network: the tests
    # check that pages make no requests to other hosts.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


def _missing(what: str, how: str):
    message = f"{what} is not installed: {how}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI must run the browser tests)")
    pytest.skip(message)


def find_chromium() -> str:
    for candidate in (
        os.environ.get("CHROMIUM"),
        "/usr/bin/chromium",
        *map(shutil.which, ("chromium", "google-chrome")),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    _missing(
        "Chromium",
        "run `sudo apt-get install chromium` (Debian/Ubuntu) or set CHROMIUM to a Chromium or Chrome binary",
    )
    return ""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(real_site):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(real_site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    executable = find_chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright", "run `make test`, which installs requirements.lock")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


class Visit:
    """A page load with everything that happened on the way."""

    def __init__(self, browser, url: str, *, width=1280, scheme="light", touch=False):
        # A touch visit is a phone: taps, no hover, the mobile viewport.
        self.context = browser.new_context(
            viewport={"width": width, "height": 900}, color_scheme=scheme, has_touch=touch, is_mobile=touch
        )
        self.page = self.context.new_page()
        self.errors, self.failed, self.hosts, self.responses = [], [], set(), []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        self.page.on("request", lambda r: self.hosts.add(urlsplit(r.url).netloc))
        self.page.on("response", lambda r: self.responses.append(r))
        # Network idle: the search worker has fetched its index too.
        self.page.goto(url, wait_until="networkidle")

    def weight(self) -> dict[str, dict[str, int]]:
        """Bytes of everything the first load fetched, by type: as served, and gzipped as a host would send them."""
        sizes = {"raw": defaultdict(int), "gzip": defaultdict(int)}
        for response in self.responses:
            kind = {
                "stylesheet": "css",
                "script": "js",
                "font": "fonts",
                "image": "images",
                "document": "html",
            }.get(response.request.resource_type, "data")
            body = response.body()
            sizes["raw"][kind] += len(body)
            sizes["gzip"][kind] += len(gzip.compress(body, 9))
        return {name: dict(per_kind) | {"total": sum(per_kind.values())} for name, per_kind in sizes.items()}

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, server):
    opened = []

    def _visit(path: str, **options) -> Visit:
        opened.append(Visit(browser, server + path, **options))
        return opened[-1]

    yield _visit
    for one in opened:
        one.close()


@pytest.mark.parametrize("kind", PAGES)
def test_pages_load_cleanly_and_only_from_this_server(visit, server, kind):
    page = visit(PAGES[kind])
    assert page.errors == []
    assert page.failed == []
    assert page.hosts == {urlsplit(server).netloc}, "no requests to any other host"


def test_read_next_cards_are_visible_and_lead_to_their_pages(visit):
    page = visit(PAGES["article"]).page
    cards = page.locator(".hub-card__link")
    assert cards.count() >= 1
    for index in range(cards.count()):
        assert cards.nth(index).is_visible()
        assert cards.nth(index).evaluate("el => getComputedStyle(el).textDecorationLine") == "none", (
            "a card, not a text link"
        )
    title = cards.first.locator(".hub-card__title").inner_text()
    cards.first.click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text() == title


def _term(page, name="AI"):
    """The first tooltip term `name` on the page, and its tooltip."""
    term = page.locator(".hub-term__link", has_text=name).first
    return term, page.locator(f"#{term.get_attribute('aria-describedby')}")


def test_the_definition_tooltip_shows_on_hover_and_on_focus(visit):
    page = visit(PAGES["article"]).page
    term, tip = _term(page)
    expect(tip).to_be_hidden()
    term.hover()
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("patterns")
    page.mouse.move(0, 0)
    expect(tip).to_be_hidden()
    term.focus()
    expect(tip).to_be_visible()


def _rgba(css_colour: str) -> tuple[float, ...]:
    """'rgb(1, 2, 3)' or 'rgba(1, 2, 3, 0.5)' as (r, g, b, alpha)."""
    parts = [float(part) for part in css_colour[css_colour.index("(") + 1 : -1].split(",")]
    return (*parts, 1.0)[:4]


def contrast(one: str, other: str) -> float:
    """The WCAG contrast ratio of two opaque colours."""

    def luminance(colour: str) -> float:
        channels = [c / 255 for c in _rgba(colour)[:3]]
        r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted([luminance(one), luminance(other)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_tooltip_is_opaque_and_its_text_contrasts(visit, scheme):
    page = visit(PAGES["article"], scheme=scheme).page
    term, tip = _term(page)
    term.hover()
    expect(tip).to_be_visible()
    box = tip.locator("xpath=..")
    background = box.evaluate("el => getComputedStyle(el).backgroundColor")
    assert _rgba(background)[3] == 1, f"the words behind must not show through: {background}"
    assert _rgba(tip.evaluate("el => getComputedStyle(el).backgroundColor"))[3] == 0, (
        "the box is the backdrop"
    )
    text = tip.evaluate("el => getComputedStyle(el).color")
    assert _rgba(text)[3] == 1, text
    assert contrast(text, background) >= 4.5, (text, background)


@pytest.mark.parametrize("follow", ["term", "link"])
def test_on_touch_the_first_tap_shows_the_definition_and_a_second_tap_or_its_link_goes_there(
    visit, server, follow
):
    page = visit(PAGES["article"], width=390, touch=True).page
    term, tip = _term(page)
    more = tip.locator("xpath=..").locator(".hub-term__more")
    expect(more).to_be_hidden()
    term.tap()
    expect(tip).to_be_visible()
    expect(more).to_be_visible()
    expect(more).to_have_text("Read the glossary entry")
    assert page.url == server + PAGES["article"], "the first tap stays on the page"
    (term if follow == "term" else more).tap()
    expect(page).to_have_url(server + "glossary/#ai")


def test_on_touch_a_tap_elsewhere_closes_the_definition(visit):
    page = visit(PAGES["article"], width=390, touch=True).page
    term, tip = _term(page)
    term.tap()
    expect(tip).to_be_visible()
    page.locator("h1").first.tap()
    expect(tip).to_be_hidden()


def _tab_to(page, locator, limit=300):
    """Press Tab until `locator` has the focus, as a keyboard user reaches it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{locator} is not reached by the Tab key in {limit} presses")


def test_keyboard_focus_shows_the_tooltip_and_escape_hides_it(visit):
    page = visit(PAGES["article"]).page
    term, tip = _term(page)
    _tab_to(page, term)
    expect(tip).to_be_visible()
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    expect(term).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    expect(term).to_be_focused()
    expect(tip).to_be_visible()  # back on the term, it shows again
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/glossary/#ai$"))


def test_escape_hides_a_tooltip_shown_by_hover(visit):
    page = visit(PAGES["article"]).page
    term, tip = _term(page)
    term.hover()
    expect(tip).to_be_visible()
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()


def test_search_finds_an_article_by_a_word_from_its_body_offline(visit, server):
    opened = visit(PAGES["pillar"])
    page = opened.page
    page.locator(".md-search__input").click()
    # Typed key by key, as a reader does: Material searches on key events.
    page.keyboard.type("rotoscoping", delay=30)
    result = page.locator(".md-search-result__item", has_text="Masks, Roto and Tracking")
    result.first.wait_for(timeout=10_000)
    assert opened.hosts == {urlsplit(server).netloc}


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGES)
def test_layout_at_phone_and_desktop_width_in_both_schemes(visit, kind, width, scheme):
    page = visit(PAGES[kind], width=width, scheme=scheme).page
    shots = OUTPUT / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / f"{kind}-{width}-{scheme}.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, "nothing sticks out sideways"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert (background == "rgb(255, 255, 255)") == (scheme == "light")


def test_skip_link_works_and_focus_is_visible(visit):
    page = visit(PAGES["article"]).page
    page.keyboard.press("Tab")
    skip = page.locator(".md-skip")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    target = skip.get_attribute("href")
    page.keyboard.press("Enter")
    assert page.url.endswith(target)
    link = page.locator(".md-content a").first
    link.focus()
    outline = link.evaluate(
        "el => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth"
    )
    assert not outline.startswith("none") and not outline.endswith(" 0px"), outline


DIAGRAM_ARTICLE = "post-production/ai-editing-assistants/"
DIAGRAM = "assets/diagrams/propose-decide.svg"


def _smallest_label(svg_file: Path) -> float:
    """The smallest text in an SVG, in CSS px at its own size (font sizes over viewBox units)."""
    text = svg_file.read_text(encoding="utf-8")
    sizes = [float(size) for size in re.findall(r"font-size:\s*([\d.]+)px", text)]
    view_box_width = float(re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+)', text).group(1))
    return min(sizes), view_box_width


def _label_px(page, image, svg_file: Path) -> float:
    """The smallest label of the diagram `image` shows, in CSS px as drawn on the screen."""
    label, view_box_width = _smallest_label(svg_file)
    shown = image.evaluate("el => el.getBoundingClientRect().width")
    # A page zoomed out (as a phone shows a page wider than itself) draws CSS px smaller.
    return label * shown / view_box_width * page.evaluate("visualViewport.scale")


def test_at_phone_width_a_diagram_shows_its_labels_at_11_px_or_more(visit, real_site):
    page = visit(DIAGRAM_ARTICLE, width=390, touch=True).page
    label = _label_px(page, page.locator(".hub-diagram img"), real_site / DIAGRAM)
    assert label >= 11
    caption = page.locator("figcaption").first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert label >= caption, "the diagram's words are not smaller than its caption's"
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, (
        "only the frame scrolls"
    )
    # Scrolled sideways to its far end, the frame still shows how to open the diagram.
    page.locator(".hub-diagram").evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    hint = page.locator(".hub-diagram__open").evaluate("el => el.getBoundingClientRect().toJSON()")
    assert hint["left"] >= 0 and hint["right"] <= 390, hint


def test_a_diagram_opens_full_size_by_tap(visit, server, real_site):
    page = visit(DIAGRAM_ARTICLE, width=390, touch=True).page
    link = page.locator(".hub-diagram__link")
    assert link.get_attribute("href") == "../../" + DIAGRAM, "without the script, the link opens the SVG"
    link.tap()
    dialog = page.get_by_role("dialog", name="The diagram, full size")
    expect(dialog).to_be_visible()
    assert page.url == server + DIAGRAM_ARTICLE
    shown = dialog.locator("img")
    expect(shown).to_have_attribute("alt", link.locator("img").get_attribute("alt"))
    expect(shown).to_have_js_property("complete", True)
    assert _label_px(page, shown, real_site / DIAGRAM) >= 11
    dialog.get_by_role("button", name="Close").tap()
    expect(dialog).to_be_hidden()


def test_a_diagram_opens_full_size_by_keyboard_and_keeps_its_text_alternative(visit, real_site):
    page = visit(DIAGRAM_ARTICLE).page
    link = page.locator(".hub-diagram__link")
    name = link.evaluate("el => el.querySelector('img').alt")
    assert name.startswith("Diagram. Left column"), "the writer's alt text is unchanged"
    expect(link).to_have_accessible_name(re.compile(re.escape(name) + r"\s*Open the diagram full size$"))
    _tab_to(page, link)
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="The diagram, full size")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Close")).to_be_focused()
    expect(dialog.locator("img")).to_have_js_property("complete", True)
    assert _label_px(page, dialog.locator("img"), real_site / DIAGRAM) >= 11
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(link).to_be_focused()


def _axe_violations(page, within: str | None = None) -> list[dict]:
    """What axe finds on the page, or only `within` a selector."""
    if not AXE.exists():
        _missing("axe-core", "run `npm ci` in the project folder")
    page.add_script_tag(path=str(AXE))
    script = "async within => await axe.run(within || document, {resultTypes: ['violations']})"
    return page.evaluate(script, within)["violations"]


def _described(violations: list[dict]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations_with_a_diagram_and_a_tooltip_open_on_a_phone(visit, scheme):
    page = visit(DIAGRAM_ARTICLE, width=390, scheme=scheme, touch=True).page
    term, tip = _term(page)
    term.tap()
    expect(tip).to_be_visible()
    assert _described(_axe_violations(page)) == []
    page.locator(".hub-diagram__link").tap()
    expect(page.get_by_role("dialog", name="The diagram, full size")).to_be_visible()
    # The page behind a modal dialog is inert: only the dialog can be read or used.
    assert _described(_axe_violations(page, ".hub-diagram-dialog")) == []


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGES)
def test_no_accessibility_violations(visit, kind, width, scheme):
    page = visit(PAGES[kind], width=width, scheme=scheme).page
    violations = _axe_violations(page)
    # The issue asks for no serious or critical ones; the site has none at any level.
    found = _described(violations)
    report = OUTPUT / "axe"
    report.mkdir(parents=True, exist_ok=True)
    (report / f"{kind}-{width}-{scheme}.json").write_text(
        json.dumps(
            [{"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"])} for v in violations],
            indent=1,
        )
    )
    assert found == []


def test_page_weights_are_reported_and_an_article_stays_small(visit):
    weights = {kind: visit(path).weight() for kind, path in PAGES.items()}
    OUTPUT.mkdir(exist_ok=True)
    (OUTPUT / "page-weight.json").write_text(json.dumps(weights, indent=1, sort_keys=True))
    print("\nBytes fetched on first load (gzipped as a host sends them):")
    for kind, sizes in weights.items():
        print(f"  {kind:9} " + "  ".join(f"{k}={v:,}" for k, v in sorted(sizes["gzip"].items())))
    article = weights["article"]
    assert article["raw"].get("fonts", 0) == 0, "no web fonts"
    assert article["gzip"]["total"] < 350_000, "an article's first load stays under 350 kB over the wire"


def test_printing_an_article_gives_text_sources_and_no_navigation(visit):
    page = visit(PAGES["article"]).page
    page.emulate_media(media="print")
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".hub-read-next").is_visible()
    source = page.locator('.md-content a[href^="http"]').first
    after = source.evaluate("el => getComputedStyle(el, '::after').content")
    assert source.get_attribute("href") in after
