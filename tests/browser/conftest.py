"""Headless Debian Chromium (Playwright) against the built book, with no network.

Every page is loaded with all non-local requests aborted and recorded.  The
helpers here read the page's embedded widget state to work out, independently
of the browser, which frame a slider position must show.
"""

import contextlib
import html
import json
import re
from dataclasses import dataclass, field

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from tools import chromium

VIEWPORT = {"width": 1280, "height": 900}
WIDGET_VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]'
WIDGET_STATE = 'script[type="application/vnd.jupyter.widget-state+json"]'
RENDERED_JS = """views => Array.from(document.querySelectorAll(views)).every(view => {
    const area = view.previousElementSibling;
    return area && area.classList.contains('widget-subarea')
        && area.querySelector('.jupyter-widgets') !== null;
})"""
SHOWN_FRAMES_JS = """area => Array.from(area.querySelectorAll('.nllce-frame'))
    .filter(frame => frame.offsetParent !== null)
    .map(frame => {
        const image = frame.querySelector('img');
        const readout = frame.querySelector('.nllce-readout');
        return {alt: image.getAttribute('alt'), src: image.getAttribute('src'),
                readout: readout ? readout.textContent : null};
    })"""
FRAME_SHOWN_JS = """([area, alt]) => Array.from(area.querySelectorAll('.nllce-frame img'))
    .some(image => image.offsetParent !== null && image.getAttribute('alt') === alt)"""
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
        text: prose.textContent,
    };
}"""
IMAGES_JS = """() => Array.from(document.querySelectorAll('main img')).map(image => ({
    alt: image.getAttribute('alt'), src: (image.getAttribute('src') || '').slice(0, 60),
}))"""
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

    def route(self, route):
        url = route.request.url
        if url.startswith((self.base_url, "data:", "blob:")):
            route.continue_()
        else:
            self.external_requests.append(url)
            route.abort()

    def open(self, path):
        self.page.route("**/*", self.route)
        self.page.on("console", self.on_console)
        self.page.on("pageerror", lambda error: self.console_errors.append(f"uncaught: {error}"))
        self.page.on("response", self.on_response)
        self.page.goto(self.base_url + path, wait_until="load")
        try:
            self.page.wait_for_function(RENDERED_JS, arg=WIDGET_VIEW, timeout=20_000)
        except Exception as error:
            raise AssertionError(f"{path}: the widgets never rendered: {error}") from error
        self.page.evaluate(MATHJAX_DONE_JS)
        return self

    def on_console(self, message):
        if message.type == "error":
            self.console_errors.append(f"{message.text} at {message.location.get('url')}")

    def on_response(self, response):
        if response.status >= 400:
            self.failed_responses.append(f"{response.status} {response.url}")

    def views(self):
        """(model id, rendered area) of every widget output on the page, in order."""
        scripts = self.page.locator(WIDGET_VIEW)
        return [
            (
                json.loads(scripts.nth(i).text_content())["model_id"],
                scripts.nth(i).locator("xpath=preceding-sibling::div[1]"),
            )
            for i in range(scripts.count())
        ]

    def shown_frames(self, area):
        """Alt text, image source and readout of every frame visible in `area`."""
        return area.evaluate(SHOWN_FRAMES_JS)

    def wait_for_frame(self, area, alt):
        """Wait (briefly) until the frame with alt text `alt` shows in `area`."""
        # On a time-out the caller's assertion reports what is shown instead.
        with contextlib.suppress(PlaywrightTimeout):
            self.page.wait_for_function(
                FRAME_SHOWN_JS, arg=[area.element_handle(), alt], timeout=3_000
            )

    def drag(self, slider, position, positions):
        """Drag `slider`'s handle with the mouse to `position` of ``0..positions-1``."""
        # centred, so that the theme's sticky header does not cover the handle
        slider.evaluate("element => element.scrollIntoView({block: 'center'})")
        track = slider.locator(".noUi-base").bounding_box()
        handle = slider.locator(".noUi-handle").bounding_box()
        y = handle["y"] + handle["height"] / 2
        self.page.mouse.move(handle["x"] + handle["width"] / 2, y)
        self.page.mouse.down()
        self.page.mouse.move(track["x"] + track["width"] * position / (positions - 1), y, steps=8)
        self.page.mouse.up()

    def math(self):
        """Formulas found, those MathJax left unrendered, its errors, and the prose text."""
        return self.page.evaluate(MATH_JS)

    def images(self):
        return self.page.evaluate(IMAGES_JS)

    def serious_accessibility_violations(self):
        results = Axe().run(self.page).response
        return [
            f"{violation['id']} ({violation['impact']}): {violation['help']} at "
            + "; ".join(", ".join(node["target"]) for node in violation["nodes"])
            for violation in results["violations"]
            if violation["impact"] in {"serious", "critical"}
        ]

    def widget_state(self):
        """The page's saved widget state (an empty one if the page holds no widgets)."""
        scripts = self.page.locator(WIDGET_STATE)
        if scripts.count() == 0:
            return WidgetState({"state": {}})
        assert scripts.count() == 1, "one widget-state script per page"
        return WidgetState(json.loads(scripts.first.text_content()))


@pytest.fixture
def visit(browser, site_url):
    """``visit(path)`` opens a built page; contexts close at the end of the test."""
    contexts = []

    def open_page(path, base_url=site_url):
        context = browser.new_context(viewport=VIEWPORT, service_workers="block")
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


class WidgetState:
    """The embedded widget models, and which frame each slider position must show."""

    def __init__(self, saved):
        self.models = saved["state"]
        self.links = [
            (_ref(m["state"]["source"][0]), m["state"]["source"][1],
             _ref(m["state"]["target"][0]), m["state"]["target"][1])
            for m in self.models.values() if m["model_name"] == "LinkModel"
        ]

    def name(self, model_id):
        return self.models[model_id]["model_name"]

    def state(self, model_id):
        return self.models[model_id]["state"]

    def descendants(self, model_id):
        """`model_id` and the models under it, in document order."""
        found = [model_id]
        for child in self.state(model_id).get("children", []):
            found += self.descendants(_ref(child))
        return found

    def sliders(self, view_id):
        return [m for m in self.descendants(view_id) if self.name(m).endswith("SliderModel")]

    def linked_stacks(self, slider_id):
        return [
            target for source, attribute, target, target_attribute in self.links
            if (source, attribute, target_attribute) == (slider_id, "index", "selected_index")
        ]

    def shown_frame(self, view_id, indices):
        """Parts of the frame shown when the sliders are at ``indices`` ({slider: index})."""
        stacks = [m for m in self.models if self.name(m) == "StackModel"]
        selected = {stack: self.state(stack).get("selected_index") for stack in stacks}
        for slider, index in indices.items():
            for stack in self.linked_stacks(slider):
                selected[stack] = index
        node = next(m for m in self.descendants(view_id) if self.name(m) == "StackModel")
        while self.name(node) == "StackModel":
            node = _ref(self.state(node)["children"][selected[node]])
        return frame_parts(self.state(node)["value"])


def _ref(value):
    return value.removeprefix("IPY_MODEL_")


def frame_parts(frame_html):
    """Alt text, image source and readout of a frame's HTML, as the DOM would hold them."""
    alt = re.search(r'<img [^>]*alt="([^"]*)"', frame_html)
    src = re.search(r'<img [^>]*src="([^"]*)"', frame_html)
    readout = re.search(r'<p class="nllce-readout"[^>]*>(.*?)</p>', frame_html)
    return {
        "alt": html.unescape(alt.group(1)) if alt else None,
        "src": src.group(1) if src else None,
        "readout": html.unescape(readout.group(1)) if readout else None,
    }
