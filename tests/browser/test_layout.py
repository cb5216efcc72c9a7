"""The built pages on a phone, from the keyboard, in dark mode and in print.

Screenshots to look at go to artifacts/: phone-slider.png, dark-slider.png,
print-slider.png.
"""

from pathlib import Path

import pytest

from tests.browser.sliders import served_sliders

pytestmark = [pytest.mark.build, pytest.mark.browser]

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
PHONE = {"width": 390, "height": 844}
# Display formulas too wide for a phone's column even when broken into lines: each
# scrolls inside its own box, from its start (nothing is cut off). Page -> how many.
WIDE_FORMULAS = {
    "book/softmax.html": 1,  # the 3 x 3 Hessian matrix of second derivatives (a sympy step)
}
# On a phone: how wide the page is, and every display formula (visible form) wider than
# its box or its div.math.
PHONE_JS = """() => {
    const overflowing = Array.from(document.querySelectorAll('main div.math'))
        .filter(math => math.scrollWidth > math.clientWidth + 1
            || Array.from(math.querySelectorAll('mjx-container'))
                .some(box => box.offsetParent !== null && box.scrollWidth > box.clientWidth + 1))
        .map(math => math.textContent.replace(/\\s+/g, ' ').trim().slice(0, 80));
    return {width: document.documentElement.scrollWidth, overflowing};
}"""
# Press Tab until the first slider has the focus; what took the focus on the way.
TAB_LIMIT = 150
FOCUSED_JS = """() => {
    const element = document.activeElement;
    return {slider: element.matches('input.nllce-range'),
            formula: element.closest('.math, mjx-container') !== null,
            what: element.tagName + ' ' + (element.textContent || '').trim().slice(0, 40)};
}"""
SHOWN_TEXT_JS = "() => document.body.innerText"


def slider_pages(html_dir, pages):
    return [page for page in pages if served_sliders((html_dir / page).read_text())]


def test_on_a_phone_no_page_scrolls_sideways_and_every_formula_fits(visit, page_path):
    seen = visit(page_path, viewport=PHONE)
    report = seen.page.evaluate(PHONE_JS)
    assert report["width"] <= PHONE["width"], "the page scrolls sideways on a 390 px phone"
    assert len(report["overflowing"]) == WIDE_FORMULAS.get(page_path, 0), report["overflowing"]


def test_a_slider_on_a_phone_fits_and_has_a_24px_handle(visit, built_book, book_pages):
    seen = visit(slider_pages(built_book, book_pages)[0], viewport=PHONE)
    box = seen.sliders()[0]
    box.evaluate("element => element.scrollIntoView({block: 'center'})")
    ARTIFACTS.mkdir(exist_ok=True)
    seen.page.screenshot(path=ARTIFACTS / "phone-slider.png")
    sizes = box.evaluate("""box => {
        const input = box.querySelector('input.nllce-range');
        const image = Array.from(box.querySelectorAll('img')).find(i => i.offsetParent);
        return {box: box.getBoundingClientRect().right, input: input.getBoundingClientRect(),
                image: image.getBoundingClientRect().right,
                value: getComputedStyle(box.querySelector('.nllce-value')).whiteSpace};
    }""")
    assert max(sizes["box"], sizes["image"], sizes["input"]["right"]) <= PHONE["width"]
    assert sizes["input"]["height"] >= 24, "the slider is not a 24 px target (WCAG 2.2)"
    assert sizes["value"] == "nowrap"


def test_tab_reaches_each_pages_first_slider_and_never_stops_on_a_formula(
    visit, built_book, book_pages
):
    counts = {}
    for page_path in slider_pages(built_book, book_pages):
        seen = visit(page_path)
        stops = []
        while len(stops) < TAB_LIMIT:
            seen.page.keyboard.press("Tab")
            focused = seen.page.evaluate(FOCUSED_JS)
            assert not focused["formula"], f"{page_path}: a formula is a tab stop"
            stops.append(focused["what"])
            if focused["slider"]:
                break
        else:
            pytest.fail(f"{page_path}: no slider after {TAB_LIMIT} Tabs: {stops[-10:]}")
        counts[page_path] = len(stops)
    print("Tab presses to the first slider:", counts)


def test_dark_mode_follows_the_system_and_a_slider_is_no_bright_block(
    visit, built_book, book_pages
):
    seen = visit(slider_pages(built_book, book_pages)[0], color_scheme="dark")
    assert seen.page.evaluate("document.documentElement.dataset.theme") == "dark"
    box = seen.sliders()[0]
    box.evaluate("element => element.scrollIntoView({block: 'center'})")
    ARTIFACTS.mkdir(exist_ok=True)
    seen.page.screenshot(path=ARTIFACTS / "dark-slider.png")
    colours = box.evaluate("""box => ({
        output: getComputedStyle(box.closest('.output') || box.parentElement).backgroundColor,
        text: getComputedStyle(box.querySelector('.nllce-label')).color,
        page: getComputedStyle(document.body).backgroundColor,
    })""")
    assert colours["output"] in {"rgba(0, 0, 0, 0)", "transparent", colours["page"]}, colours
    # before axe, which fetches the style sheets itself (see conftest.page_reports)
    assert seen.console_errors == []
    assert seen.serious_accessibility_violations() == []


def test_print_shows_the_slider_at_its_frame_and_no_fold_labels(visit, built_book, book_pages):
    seen = visit(slider_pages(built_book, book_pages)[0])
    seen.page.emulate_media(media="print")
    box = seen.sliders()[0]
    shown = box.evaluate("""box => ({
        controls: getComputedStyle(box.querySelector('.nllce-controls')).display,
        note: getComputedStyle(box.querySelector('.nllce-print-note')).display,
        frames: Array.from(box.querySelectorAll('img')).filter(i => i.offsetParent).length,
    })""")
    assert shown == {"controls": "none", "note": "block", "frames": 1}
    buttons = seen.page.evaluate("""() => Array.from(document.querySelectorAll(
        'button.toggle-button')).filter(button => button.offsetParent !== null).length""")
    assert buttons == 0, "solutions print their 'Click to hide' buttons"
    text = seen.page.evaluate(SHOWN_TEXT_JS)
    for label in ["Show code cell source", "Hide code cell source"]:
        assert label not in text, f"printed: {label!r}"
    box.evaluate("element => element.scrollIntoView({block: 'center'})")
    ARTIFACTS.mkdir(exist_ok=True)
    seen.page.screenshot(path=ARTIFACTS / "print-slider.png")


DESKTOP = {"width": 1280, "height": 900}
# Every search control the reader can see now: the theme's search buttons and fields
# (not the search dialog's own field, shown only once a button opens it).
SEARCH_CONTROLS_JS = """() => Array.from(document.querySelectorAll(
        '.search-button__button, .search-button-field, .search-button, form.bd-search'))
    .filter(element => !element.closest('dialog') && element.getClientRects().length > 0
        && getComputedStyle(element).visibility !== 'hidden')
    .map(element => element.className + ' in ' + (element.parentElement.className || ''))"""
SEARCH_FOCUSED_JS = "() => document.activeElement.matches('.search-button__button')"
SEARCH_DIALOG_JS = """() => document.querySelector('#pst-search-dialog').open
    && document.activeElement.matches('#pst-search-dialog input[name=q]')"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_one_search_button_reached_from_the_keyboard(visit, book_pages, viewport, scheme):
    page_path = book_pages[1]  # a chapter
    seen = visit(page_path, viewport=viewport, color_scheme=scheme)
    ARTIFACTS.mkdir(exist_ok=True)
    seen.page.screenshot(path=ARTIFACTS / f"search-{viewport['width']}-{scheme}.png")
    shown = seen.page.evaluate(SEARCH_CONTROLS_JS)
    assert len(shown) == 1, f"{page_path} at {viewport['width']} px shows {shown}"
    for _ in range(TAB_LIMIT):
        seen.page.keyboard.press("Tab")
        if seen.page.evaluate(SEARCH_FOCUSED_JS):
            break
    else:
        pytest.fail(f"no Tab reaches the search button of {page_path}")
    seen.page.keyboard.press("Enter")
    seen.page.wait_for_function(SEARCH_DIALOG_JS, timeout=3_000)
    seen.page.keyboard.type("entropy")
    with seen.page.expect_navigation():
        seen.page.keyboard.press("Enter")
    assert seen.page.url.split("/")[-1] == "search.html?q=entropy"
    assert seen.console_errors == []


def test_closing_the_sidebar_leaves_one_search_button(visit, book_pages):
    # the header's sidebar button works (the theme's empty top bar once took its clicks),
    # and with the sidebar, and its search field, gone, the header's magnifier shows
    seen = visit(book_pages[1])
    seen.page.click(".bd-header-article .primary-toggle")
    seen.page.locator("#pst-primary-sidebar").wait_for(state="hidden", timeout=3_000)
    shown = seen.page.evaluate(SEARCH_CONTROLS_JS)
    assert len(shown) == 1 and "search-button" in shown[0], shown
