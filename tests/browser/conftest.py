"""Headless Debian Chromium (Playwright) against the built book, with no network.

Every page is loaded with all non-local requests aborted and recorded.  The
helpers here read each static slider's markup as the server sent it (before any
script ran) to work out which frame, readout and value text each position must show.
"""

import contextlib
import urllib.request
from dataclasses import dataclass, field

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from tests.browser.sliders import served_sliders
from tools import chromium

VIEWPORT = {"width": 1280, "height": 900}
WIDGET_STATE = 'script[type="application/vnd.jupyter.widget-state+json"]'
STATIC_SLIDER = ".nllce-static"
# What the reader sees of a static slider now: each input's value, value text and
# printed value, the frames not hidden, and the readout.
SLIDER_NOW_JS = """box => ({
    inputs: Array.from(box.querySelectorAll('input.nllce-range')).map(input => ({
        value: input.value, valuetext: input.getAttribute('aria-valuetext'),
        shown: input.nextElementSibling.textContent,
        name: (input.labels[0] || {}).textContent,
    })),
    frames: Array.from(box.querySelectorAll('.nllce-frame-image'))
        .filter(image => image.offsetParent !== null)
        .map(image => ({alt: image.getAttribute('alt'), src: image.getAttribute('src'),
                        position: image.dataset.position})),
    readout: (box.querySelector('.nllce-readout') || {}).textContent ?? null,
})"""
FRAME_SHOWN_JS = """([box, position]) => Array.from(box.querySelectorAll('.nllce-frame-image'))
    .some(image => image.offsetParent !== null && image.dataset.position === position)"""
MATH_JS = """() => {
    const main = document.querySelector('main') || document.body;
    const formulas = Array.from(main.querySelectorAll('.math'));
    const prose = main.cloneNode(true);
    prose.querySelectorAll('pre, code, script, style, textarea, mjx-container')
        .forEach(node => node.remove());
    return {
        count: formulas.length,
        unrendered: formulas.filter(f => !f.querySelector('mjx-container'))
            .map(f => f.textContent.trim().slice(0, 80)),
        errors: Array.from(main.querySelectorAll('mjx-merror, [data-mjx-error]'))
            .map(e => e.getAttribute('data-mjx-error') || e.textContent),
        // prerendered: MathML for assistive technology, no tab stop, no MathJax loaded
        without_mathml: Array.from(main.querySelectorAll('.math mjx-container'))
            .filter(c => !c.querySelector('mjx-assistive-mml math'))
            .map(c => c.textContent.trim().slice(0, 80)),
        tab_stops: Array.from(main.querySelectorAll('.math, .math *'))
            .filter(e => e.hasAttribute('tabindex') && e.tabIndex >= 0).length,
        mathjax_loaded: window.MathJax !== undefined,
        text: prose.textContent,
    };
}"""
IMAGES_JS = """() => Array.from(document.querySelectorAll('main img')).map(image => ({
    alt: image.getAttribute('alt'), src: (image.getAttribute('src') || '').slice(0, 60),
}))"""
# Every section rendered now, not when scrolled near (content-visibility in nllce-page.css).
RENDER_ALL_CSS = "article.bd-article section { content-visibility: visible !important; }"
MATHJAX_DONE_JS = """async () => {
    if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
        await MathJax.startup.promise;
    }
}"""


@pytest.fixture(scope="session")
def browser():
    try:
        chromium.executable()
    except chromium.ChromiumMissing as missing:
        pytest.fail(str(missing), pytrace=False)
    with sync_playwright() as playwright:
        launched = chromium.launch(playwright)
        yield launched
        launched.close()


@dataclass
class Visit:
    """One page in a fresh browser context, with what it tried and what it logged."""

    page: object
    base_url: str
    external_requests: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)
    failed_responses: list = field(default_factory=list)
    path: str = ""

    def route(self, route):
        url = route.request.url
        if url.startswith((self.base_url, "data:", "blob:")):
            route.continue_()
        else:
            self.external_requests.append(url)
            route.abort()

    def open(self, path):
        self.path = path
        self.page.route("**/*", self.route)
        self.page.on("console", self.on_console)
        self.page.on("pageerror", lambda error: self.console_errors.append(f"uncaught: {error}"))
        self.page.on("response", self.on_response)
        self.page.goto(self.base_url + path, wait_until="load")
        self.page.evaluate(MATHJAX_DONE_JS)
        return self

    def on_console(self, message):
        if message.type == "error":
            self.console_errors.append(f"{message.text} at {message.location.get('url')}")

    def on_response(self, response):
        if response.status >= 400:
            self.failed_responses.append(f"{response.status} {response.url}")

    def served_sliders(self):
        """The page's static sliders as the server sent them (see `served_sliders`)."""
        with urllib.request.urlopen(self.base_url + self.path.split("?")[0]) as response:
            return served_sliders(response.read().decode())

    def sliders(self):
        """Locators of the page's static sliders, in order."""
        boxes = self.page.locator(STATIC_SLIDER)
        return [boxes.nth(i) for i in range(boxes.count())]

    def slider_now(self, box):
        """What `box` shows now: inputs (value, value text, printed value, name), the
        frames not hidden, and the readout."""
        return box.evaluate(SLIDER_NOW_JS)

    def wait_for_frame(self, box, position):
        """Wait (briefly) until the frame at `position` ("2" or "1 0") shows in `box`."""
        # On a time-out the caller's assertion reports what is shown instead.
        with contextlib.suppress(PlaywrightTimeout):
            self.page.wait_for_function(
                FRAME_SHOWN_JS, arg=[box.element_handle(), position], timeout=3_000
            )

    def drag(self, element, position, positions):
        """Drag the thumb of the range input `element` with the mouse to `position`."""
        # centred, so that the theme's sticky header does not cover the slider
        element.evaluate("element => element.scrollIntoView({block: 'center'})")
        box = element.bounding_box()
        thumb = 24  # px, nllce-sliders.css
        value = int(element.input_value())

        def x(at):
            return box["x"] + thumb / 2 + (box["width"] - thumb) * at / (positions - 1)

        y = box["y"] + box["height"] / 2
        self.page.mouse.move(x(value), y)
        self.page.mouse.down()
        self.page.mouse.move(x(position), y, steps=8)
        self.page.mouse.up()

    def math(self):
        """Formulas found, those MathJax left unrendered, its errors, and the prose text."""
        return self.page.evaluate(MATH_JS)

    def images(self):
        return self.page.evaluate(IMAGES_JS)

    def serious_accessibility_violations(self):
        # axe judges colours where the page is painted: paint the sections that
        # content-visibility leaves for later (nllce-page.css) so it sees every one
        self.page.add_style_tag(content=RENDER_ALL_CSS)
        results = Axe().run(self.page).response
        return [
            f"{violation['id']} ({violation['impact']}): {violation['help']} at "
            + "; ".join(", ".join(node["target"]) for node in violation["nodes"])
            for violation in results["violations"]
            if violation["impact"] in {"serious", "critical"}
        ]

    def widget_state_scripts(self):
        """How many saved widget states the page holds (the static sliders need none)."""
        return self.page.locator(WIDGET_STATE).count()


@pytest.fixture
def visit(browser, site_url):
    """``visit(path)`` opens a built page; contexts close at the end of the test.

    Keyword arguments go to the browser context (``viewport=``, ``color_scheme=``, ...).
    """
    contexts = []

    def open_page(path, base_url=site_url, **options):
        options = {"viewport": VIEWPORT, "service_workers": "block", **options}
        context = browser.new_context(**options)
        contexts.append(context)
        return Visit(context.new_page(), base_url).open(path)

    yield open_page
    for context in contexts:
        context.close()


@dataclass
class PageReport:
    """What one untouched page load showed, shared by the per-page tests."""

    external_requests: list
    console_errors: list
    failed_responses: list
    math: dict
    images: list
    accessibility: list


@pytest.fixture(scope="session")
def page_reports(browser, site_url):
    """``page_reports(path)``: load the page once per session and report on it."""
    reports = {}

    def report(path):
        if path not in reports:
            context = browser.new_context(viewport=VIEWPORT, service_workers="block")
            try:
                seen = Visit(context.new_page(), site_url).open(path)
                # copies taken before axe runs: axe fetches stylesheets itself and
                # resolves the theme's `@import "../basic.css"` against the wrong folder
                reports[path] = PageReport(
                    list(seen.external_requests), list(seen.console_errors),
                    list(seen.failed_responses), seen.math(), seen.images(),
                    seen.serious_accessibility_violations(),
                )
            finally:
                context.close()
        return reports[path]

    return report
