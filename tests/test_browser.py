"""The reader's side, in real Chromium: the built site served from 127.0.0.1.

Needs Debian's Chromium (`apt-get install chromium`; Playwright cannot
download browsers here) and axe-core from npm (`npm ci`). `.ci/run` installs
both. Without them these tests are skipped locally with a message saying so;
with CI=true a missing browser is a failure, never a skip.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from benchmark import synthetic_site, write_config
from page_weight import CHROMIUM_FLAGS, chromium, first_load_and_search, search_by_keyboard, serving, weight

from sitebuilder import HOOKS, REPO, build_config

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


def _missing(what: str, how: str):
    message = f"{what} is not installed: {how}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI must run the browser tests)")
    pytest.skip(message)


def find_chromium() -> str:
    found = chromium()
    if not found:
        _missing(
            "Chromium",
            "run `sudo apt-get install chromium` (Debian/Ubuntu) or set CHROMIUM to a Chromium or Chrome binary",
        )
    return found or ""


@pytest.fixture(scope="session")
def server(real_site):
    with serving(real_site) as address:
        yield address


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole run; each visit gets its own context (cheap, and nothing shared)."""
    executable = find_chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright", "run `make test`, which installs requirements/test.txt")
    # Each wait ends as soon as what it waits for holds; the ceiling is for a busy 2-core machine,
    # where the page's renderer can be starved for seconds (Playwright's default is 5 s).
    expect.set_options(timeout=10_000)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


class Visit:
    """A page load with everything that happened on the way.

    Loaded means the `load` event: the page's own files are in and its scripts
    have run. Tests then wait for what they check with Playwright's
    assertions. Only a first-load measurement waits for the network to go
    quiet, to count what the page fetches by itself after `load` too.
    """

    def __init__(self, browser, url: str, *, width=1280, scheme="light", touch=False, until="load"):
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
        self.page.goto(url, wait_until=until)

    def weight(self) -> dict[str, dict[str, int]]:
        """Bytes of everything the first load fetched, by type: as served, and as a host sends them."""
        return weight(self.responses)

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


# Material's two schemes: the palette's name for each, and the page's background in it.
SCHEMES = {
    "light": ("default", "rgb(255, 255, 255)"),
    "dark": ("slate", "rgb(30, 33, 41)"),  # Material's slate: hsl(225, 15%, 14%)
}


def show_scheme(page, scheme: str):
    """Show a loaded page in `scheme` as the reader's palette toggle does, and wait until it does.

    Material picks the scheme that matches the system's once, as the page
    loads, and keeps it: a later change of the media query alone repaints
    nothing. So the system's preference changes (for anything that reads the
    media query) and the toggle's control for `scheme` is clicked; on a page
    loaded in `scheme` that changes nothing and only checks it.
    """
    name, background = SCHEMES[scheme]
    page.emulate_media(color_scheme=scheme)
    page.locator(f"[data-md-component='palette'] input[data-md-color-scheme='{name}']").dispatch_event(
        "click"
    )
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", name)
    expect(body).to_have_css("background-color", background)
    # Material marks the body while it switches (no transitions) and unmarks it once the colours are set.
    expect(page.locator("body[data-md-color-switching]")).to_have_count(0)


@dataclass
class FirstLoad:
    errors: list[str]
    failed: list[str]
    hosts: set[str]
    urls: list[str]
    weight: dict[str, dict[str, int]]


@pytest.fixture(scope="module")
def first_loads(browser, server) -> dict[str, FirstLoad]:
    """Each kind of page opened once with an empty cache, until the network is quiet:
    what it fetched, what failed, what the console said."""
    loads = {}
    for kind, path in PAGES.items():
        opened = Visit(browser, server + path, until="networkidle")
        try:
            loads[kind] = FirstLoad(
                opened.errors, opened.failed, opened.hosts, [r.url for r in opened.responses], opened.weight()
            )
        finally:
            opened.close()
    return loads


@pytest.mark.parametrize("kind", PAGES)
def test_pages_load_cleanly_and_only_from_this_server(first_loads, server, kind):
    load = first_loads[kind]
    assert load.errors == []
    assert load.failed == []
    assert load.hosts == {urlsplit(server).netloc}, "no requests to any other host"
    assert [url for url in load.urls if "/pagefind/" in url] == [], "nothing of Pagefind before a search"


def test_read_next_cards_are_visible_and_lead_to_their_pages(visit):
    page = visit(PAGES["article"]).page
    cards = page.locator(".hub-card__link")
    assert cards.count() >= 1
    for card in cards.all():
        expect(card).to_be_visible()
        expect(card, "a card, not a text link").to_have_css("text-decoration-line", "none")
    title = cards.first.locator(".hub-card__title").inner_text()
    cards.first.click()
    expect(page.locator("h1").first).to_have_text(title)


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


def test_the_pointer_can_move_from_the_term_onto_its_tooltip_without_closing_it(visit):
    """WCAG 1.4.13: content shown on hover stays while the pointer moves onto it."""
    page = visit(PAGES["article"]).page
    term, tip = _term(page)
    term.evaluate("el => el.scrollIntoView({block: 'center'})")  # the tip clear of the sticky header
    term.hover()
    expect(tip).to_be_visible()
    word, box = term.bounding_box(), tip.locator("xpath=..").bounding_box()
    assert word is not None and box is not None
    # Straight up across the gap between the word and the tip, in small steps, then along the tip.
    page.mouse.move(word["x"] + word["width"] / 2, box["y"] + box["height"] / 2, steps=12)
    expect(tip).to_be_visible()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=4)
    expect(tip).to_be_visible()
    assert tip.evaluate("el => el.parentElement.matches(':hover')"), "the pointer is on the tip"
    page.mouse.move(0, 0)
    expect(tip).to_be_hidden()


@pytest.mark.parametrize("show", ["hover", "focus"])
def test_a_tooltip_with_no_room_above_its_term_opens_below_it(visit, show):
    """Not under the sticky header: a term in the first line under it has its tip below."""
    page = visit(PAGES["article"]).page
    term, tip = _term(page)
    header = page.locator(".md-header").bounding_box()
    assert header is not None
    # The term's line right under the header, where a tip above it would be hidden.
    page.evaluate(
        "([el, below]) => window.scrollBy(0, el.getBoundingClientRect().top - below - 4)",
        [term.element_handle(), header["y"] + header["height"]],
    )
    if show == "hover":
        box = term.bounding_box()
        assert box is not None
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    else:
        term.focus()
    expect(tip).to_be_visible()
    word, shown = term.bounding_box(), tip.locator("xpath=..").bounding_box()
    assert word is not None and shown is not None
    assert shown["y"] >= word["y"] + word["height"], "below the term"
    middle = (shown["x"] + shown["width"] / 2, shown["y"] + shown["height"] / 2)
    assert page.evaluate("([x, y]) => !!document.elementFromPoint(x, y).closest('.hub-term__box')", middle)


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
    show_scheme(page, scheme)
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


def skip_to_content(page):
    """Tab to "Skip to content" and follow it, as a keyboard user starts on a page:
    the next Tab (or Shift+Tab) goes on from the content's first section."""
    page.keyboard.press("Tab")
    expect(page.locator(".md-skip")).to_be_focused()
    page.keyboard.press("Enter")


def _tab_to(page, locator, key="Tab", limit=300):
    """Press `key` (Tab, or Shift+Tab to go back) until `locator` has the focus, as a keyboard user reaches it."""
    for _ in range(limit):
        page.keyboard.press(key)
        if locator.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{locator} is not reached by the {key} key in {limit} presses")


def test_keyboard_focus_shows_the_tooltip_and_escape_hides_it(visit):
    page = visit(PAGES["article"]).page
    term, tip = _term(page)
    skip_to_content(page)
    _tab_to(page, term, key="Shift+Tab")  # the term is in the introduction, before the first section
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


def test_search_by_keyboard_finds_a_word_from_an_article_body_within_a_hub(visit, server):
    # Nothing of Pagefind is fetched before the dialog opens (test_pages_load_cleanly...).
    opened = visit(PAGES["pillar"])
    page = opened.page
    page.keyboard.press("/")
    expect(page.locator(".md-search__input")).to_be_focused()
    # Typed key by key, as a reader does; the word is in two pages' bodies only.
    page.keyboard.type("rotoscoping")
    results = page.locator(".md-search-result__item")
    expect(results.filter(has_text="Masks, Roto and Tracking")).to_have_count(1)
    expect(results.filter(has_text="Glossary")).to_have_count(1)
    # The hub filter, by keyboard: past the results' scroll area to the list of hubs.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    hubs = page.locator(".hub-search__filter select")
    expect(hubs).to_be_focused()
    while hubs.input_value() != "AI in Post-Production":
        page.keyboard.press("ArrowDown")
    expect(results.filter(has_text="Glossary")).to_have_count(0)
    expect(page.locator(".md-search-result__meta")).not_to_have_text("Initializing search")
    # Tab to the first result, the arrow keys to the article, Enter to open it.
    page.keyboard.press("Tab")
    target = results.filter(has_text="Masks, Roto and Tracking").locator("a")
    for _ in range(results.count()):
        if target.evaluate("el => el === document.activeElement"):
            break
        page.keyboard.press("ArrowDown")
    expect(target).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("h1").first).to_have_text("Masks, Roto and Tracking: AI Helpers and Their Edges")
    assert opened.hosts == {urlsplit(server).netloc}
    assert opened.errors == [] and opened.failed == []


def test_escape_closes_search_and_gives_focus_back(visit):
    page = visit(PAGES["article"]).page
    link = page.locator(".md-content a").first
    link.focus()
    page.keyboard.press("s")
    expect(page.locator(".md-search__input")).to_be_focused()
    expect(page.locator(".md-search__output")).to_be_visible()
    page.keyboard.press("Escape")
    expect(link).to_be_focused()
    expect(page.locator("#__search")).not_to_be_checked()


WIDTHS = (390, 1280)  # a phone, a desktop
# Screenshots are for people (CI keeps them): each page's first four screens. Whole,
# the glossary is 46,000 px tall at 390 px; sixteen whole pages took 40 s to capture.
SCREENSHOT_HEIGHT = 3_600


def each_scheme_and_width(page, schemes):
    """Show a loaded page in `schemes` at each width, in place; yields (scheme, width)."""
    for scheme in schemes:
        show_scheme(page, scheme)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            yield scheme, width


def painted_background(locator) -> str:
    """The colour behind `locator`: its own background, or the first ancestor's that is not transparent."""
    return locator.evaluate(
        r"""el => {
          for (let node = el; node; node = node.parentElement) {
            const colour = getComputedStyle(node).backgroundColor;
            if (!/^rgba\(.*, 0\)$/.test(colour)) return colour;
          }
          return "transparent all the way up";
        }"""
    )


@pytest.mark.parametrize("kind", PAGES)
def test_layout_and_accessibility_at_phone_and_desktop_width_in_both_schemes(visit, kind):
    """One load per page; the width and the scheme change in place. At each: a screenshot,
    nothing sticks out sideways, the scheme's own background, and axe finds nothing."""
    # Dark as a reader whose system prefers it gets it on a first visit, then light by the toggle.
    page = visit(PAGES[kind], width=WIDTHS[0], scheme="dark").page
    shots = OUTPUT / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    found = {}
    for scheme, width in each_scheme_and_width(page, ["dark", "light"]):
        shown = f"{kind}-{width}-{scheme}"
        height = min(page.evaluate("document.documentElement.scrollHeight"), SCREENSHOT_HEIGHT)
        page.screenshot(
            path=str(shots / f"{shown}.png"),
            full_page=True,
            clip={"x": 0, "y": 0, "width": width, "height": height},
        )
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"nothing sticks out sideways: {shown}"
        assert painted_background(page.locator(".md-main")) == SCHEMES[scheme][1], shown
        found[shown] = axe_violations(page, shown)
    assert found == {f"{kind}-{width}-{scheme}": [] for scheme in SCHEMES for width in WIDTHS}


def test_skip_link_works_and_focus_is_visible(visit):
    page = visit(PAGES["article"]).page
    page.keyboard.press("Tab")
    skip = page.locator(".md-skip")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    target = skip.get_attribute("href")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
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


def test_at_phone_width_the_glossarys_letters_are_targets_a_thumb_can_hit(visit):
    page = visit("glossary/", width=390, touch=True).page
    sizes = page.eval_on_selector_all(
        ".hub-glossary__letters a", "els => els.map(e => [e.textContent, e.offsetWidth, e.offsetHeight])"
    )
    assert len(sizes) > 10
    assert [letter for letter, width, height in sizes if min(width, height) < 24] == []


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
    skip_to_content(page)
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


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations_with_a_diagram_and_a_tooltip_open_on_a_phone(visit, scheme):
    page = visit(DIAGRAM_ARTICLE, width=390, scheme=scheme, touch=True).page
    show_scheme(page, scheme)
    term, tip = _term(page)
    term.tap()
    expect(tip).to_be_visible()
    assert axe_violations(page, f"tooltip-390-{scheme}") == []
    page.locator(".hub-diagram__link").tap()
    expect(page.get_by_role("dialog", name="The diagram, full size")).to_be_visible()
    # The page behind a modal dialog is inert: only the dialog can be read or used.
    assert axe_violations(page, f"diagram-dialog-390-{scheme}", within=".hub-diagram-dialog") == []


def test_no_accessibility_violations_with_the_search_dialog_open(visit):
    page = visit(PAGES["article"]).page
    search_by_keyboard(page, "transcript")
    outside = page.locator(".md-search-result__item a:not([href^='/post-production/'])")
    expect(outside).not_to_have_count(0)  # the word is in other hubs too
    page.locator(".hub-search__filter select").select_option("AI in Post-Production")
    expect(outside).to_have_count(0)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert axe_violations(page, "search") == []


def axe_violations(page, name: str, within: str | None = None) -> list[str]:
    """What axe finds on the page as it is now (or only `within` a selector); the
    counts are saved to test-output/axe/NAME.json."""
    if not AXE.exists():
        _missing("axe-core", "run `npm ci` in the project folder")
    if not page.evaluate("'axe' in window"):  # once per page: axe.run can run again and again
        page.add_script_tag(path=str(AXE))
    script = "async within => await axe.run(within || document, {resultTypes: ['violations']})"
    violations = page.evaluate(script, within)["violations"]
    report = OUTPUT / "axe"
    report.mkdir(parents=True, exist_ok=True)
    (report / f"{name}.json").write_text(
        json.dumps(
            [{"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"])} for v in violations], indent=1
        )
    )
    # The issue asks for no serious or critical ones; the site has none at any level.
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
    ]


def test_page_weights_are_reported_and_an_article_stays_small(first_loads):
    weights = {kind: load.weight for kind, load in first_loads.items()}
    OUTPUT.mkdir(exist_ok=True)
    (OUTPUT / "page-weight.json").write_text(json.dumps(weights, indent=1, sort_keys=True))
    print("\nBytes fetched on first load (gzipped as a host sends them):")
    for kind, sizes in weights.items():
        print(f"  {kind:9} " + "  ".join(f"{k}={v:,}" for k, v in sorted(sizes["gzip"].items())))
    article = weights["article"]
    assert article["raw"].get("fonts", 0) == 0, "no web fonts"
    assert article["gzip"]["total"] <= 100_000, "an article's first load stays within 100 kB over the wire"


# Two articles a hub, then fifty: a few hundred articles. What once grew with N grew
# by kilobytes an article (Material's search index, about 4.7 kB each); within 1 % of
# ~71 kB, the larger hub catches anything on every page that grows by 3 bytes an article.
SMALL_HUB, LARGE_HUB = 12, 300


@pytest.fixture(scope="session")
def synthetic_hubs(tmp_path_factory) -> dict[int, Path]:
    """The synthetic hub of tests/benchmark.py at both sizes, built once: {articles: site folder}."""
    sites = {}
    for count in (SMALL_HUB, LARGE_HUB):
        root = tmp_path_factory.mktemp(f"hub-of-{count}")
        synthetic_site(root, count)
        built = build_config(write_config(root, HOOKS), strict=True)
        assert built.ok, built.messages()
        sites[count] = built.site_dir
    return sites


def test_an_articles_first_load_does_not_grow_with_the_number_of_articles(browser, synthetic_hubs):
    loads = {}
    for count, site_dir in synthetic_hubs.items():
        with serving(site_dir) as address:
            loads[count] = first_load_and_search(
                browser, address + "fundamentals/article-00000/", "transcript"
            )
    print(f"\nAn article's first load and one search (bytes as sent), by number of articles: {loads}")
    small, large = loads[SMALL_HUB], loads[LARGE_HUB]
    assert large["first_load_bytes"] <= 100_000
    assert large["first_load_bytes"] <= small["first_load_bytes"] * 1.01, (
        "flat, whatever the number of articles"
    )
    # Every article has the word; a search fetches ten results' excerpts, not all of them.
    assert large["results_shown"] == 10
    assert large["search_bytes"] < 200_000


def test_printing_an_article_gives_text_sources_and_no_navigation(visit):
    page = visit(PAGES["article"]).page
    page.emulate_media(media="print")
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".hub-read-next")).to_be_hidden()
    source = page.locator('.md-content a[href^="http"]').first
    after = source.evaluate("el => getComputedStyle(el, '::after').content")
    assert source.get_attribute("href") in after


# --- Finding the next article ---------------------------------------------------

PRIMARY = ".md-sidebar--primary .md-nav--primary"
# The links of the current hub's panel (the sidebar at 1280 px, the phone menu's
# panel at 390 px): Material's nested list under the active hub.
HUB_PANEL = f"{PRIMARY} .md-nav__item--active > nav[data-md-level='1'] a.md-nav__link"


def hub_list(page) -> list[str]:
    """The titles a hub page lists in its body, in the hub's order."""
    return [" ".join(t.split()) for t in page.locator(".hub-list__title").all_inner_texts()]


@pytest.fixture(scope="module")
def hub_titles(browser, server) -> list[str]:
    """What the article's hub page lists, in the hub's order."""
    opened = Visit(browser, server + PAGES["hub"])
    try:
        return hub_list(opened.page)
    finally:
        opened.close()


def test_the_sidebar_lists_the_hubs_articles_and_marks_the_current_one(visit, hub_titles):
    page = visit(PAGES["article"]).page
    links = page.locator(HUB_PANEL)
    expect(links).to_have_text(hub_titles)
    current = page.locator(f'{HUB_PANEL}[aria-current="page"]')
    expect(current).to_have_count(1)
    expect(current).to_have_text(page.locator("h1").first.inner_text())
    expect(current).to_be_visible()
    assert current.evaluate("el => getComputedStyle(el).fontWeight") == "700", "marked by more than colour"


def test_previous_and_next_lead_to_the_neighbouring_articles_in_the_hubs_order(visit, hub_titles):
    page = visit(PAGES["article"]).page
    here = hub_titles.index(page.locator("h1").first.inner_text())
    pager = page.locator("nav.hub-pager")
    expect(pager).to_have_attribute("aria-label", "Previous and next in AI in Post-Production")
    pager.locator('a[rel="next"]').click()
    expect(page.locator("h1").first).to_have_text(hub_titles[here + 1])
    page.locator('nav.hub-pager a[rel="prev"]').click()
    expect(page.locator("h1").first).to_have_text(hub_titles[here])


def open_phone_menu(page):
    page.locator(".md-header label.md-header__button[for='__drawer']").click()
    expect(page.locator(PRIMARY)).to_be_in_viewport()


def back_to_every_hub(page):
    """On a hub's page the menu opens on that hub's panel; its title goes back."""
    back = page.locator(f"{PRIMARY} .md-nav__item--active > nav[data-md-level='1'] > label.md-nav__title")
    if back.count():
        expect(back).to_be_in_viewport()
        back.click()
        expect(back).not_to_be_in_viewport()


def test_the_phone_menu_reaches_every_hubs_articles(visit):
    page = visit(PAGES["pillar"], width=390).page
    hubs = [" ".join(t.split()) for t in page.locator(".hub-list--hubs .hub-list__title").all_inner_texts()]
    assert len(hubs) == 6
    for hub in hubs:
        open_phone_menu(page)
        back_to_every_hub(page)
        # No "›" on a link: every arrow in the menu opens a panel.
        expect(page.locator(f"{PRIMARY} a .md-nav__icon")).to_have_count(0)
        entry = page.locator(f"{PRIMARY} > .md-nav__list > li > :is(a, .md-nav__container > a)", has_text=hub)
        expect(entry).to_be_in_viewport()
        entry.click()
        expect(page.locator("h1").first).to_have_text(hub)
        titles = hub_list(page)
        assert len(titles) >= 3
        open_phone_menu(page)
        panel = page.locator(HUB_PANEL)
        expect(panel).to_have_text(titles)
        if hub == hubs[0]:
            shots = OUTPUT / "screenshots"
            shots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shots / "phone-menu-390-light.png"))
        expect(panel.last).to_be_in_viewport()
        panel.last.click()
        expect(page.locator("h1").first).to_have_text(titles[-1])


def _contrast_script() -> str:
    return """
    ([selector, property]) => {
      const rgba = (text) => {
        const [r, g, b, a = 1] = text.match(/[\\d.]+/g).map(Number);
        return [r, g, b, a];
      };
      const over = (top, below) => top.slice(0, 3).map((c, i) => c * top[3] + below[i] * (1 - top[3]));
      const luminance = (rgb) => {
        const [r, g, b] = rgb.map((c) => {
          c /= 255;
          return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const background = (el) => {
        const layers = [];
        for (let node = el.parentElement; node; node = node.parentElement) {
          const colour = rgba(getComputedStyle(node).backgroundColor);
          if (colour[3] > 0) layers.push(colour);
          if (colour[3] === 1) break;
        }
        return layers.reverse().reduce((below, top) => over(top, below), [255, 255, 255]);
      };
      return [...document.querySelectorAll(selector)].map((el) => {
        const ground = background(el);
        const line = over(rgba(getComputedStyle(el)[property]), ground);
        const [light, dark] = [luminance(line), luminance(ground)].sort((a, b) => b - a);
        return Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100;
      });
    }
    """


# What frames a card or a box, and where: it must stand out from the page by 3:1 (WCAG 1.4.11).
BORDERS = {
    "article": {".hub-card__link": "borderTopColor", ".hub-pager__link": "borderTopColor"},
    "hub": {".hub-list__item": "borderTopColor"},
    "pillar": {".hub-list__item": "borderTopColor", ".admonition.hub-definition": "borderLeftColor"},
}


@pytest.mark.parametrize("kind", BORDERS)
def test_card_borders_stand_out_from_the_page_by_3_to_1(visit, kind):
    page = visit(PAGES[kind]).page
    ratios = {}
    for scheme in SCHEMES:
        show_scheme(page, scheme)
        for selector, property in BORDERS[kind].items():
            ratios[f"{selector} ({scheme})"] = page.evaluate(_contrast_script(), [selector, property])
    assert [shown for shown, found in ratios.items() if not found] == [], f"not on the {kind} page"
    assert {shown: found for shown, found in ratios.items() if min(found) < 3} == {}
