"""Every page of the built book in headless Chromium, offline."""

import re

import pytest

pytestmark = [pytest.mark.build, pytest.mark.browser]

# TeX left as text: display or inline delimiters, environments, or $...$ pairs.
RAW_MATH = re.compile(r"\$\$|\\\(|\\\)|\\\[|\\\]|\\begin\{|\$[^$\s][^$\n]*\$")
# Alt text that names a file instead of describing the image.
FILE_NAME_ALT = re.compile(r"[0-9a-f]{20,}|\.(png|jpe?g|gif|svg|webp)$", re.IGNORECASE)


def test_page_requests_nothing_beyond_localhost(page_reports, page_path):
    report = page_reports(page_path)
    assert report.external_requests == []
    assert report.failed_responses == []


def test_page_logs_no_console_errors(page_reports, page_path):
    assert page_reports(page_path).console_errors == []


def test_mathjax_rendered_every_formula(page_reports, page_path):
    math = page_reports(page_path).math
    assert math["unrendered"] == []
    assert math["errors"] == []
    raw = [match.group() for match in RAW_MATH.finditer(math["text"])]
    assert raw == [], f"TeX left as text: {raw[:5]}"


def test_content_images_have_real_alt_text(page_reports, page_path):
    bad = [
        image for image in page_reports(page_path).images
        if not (image["alt"] or "").strip() or FILE_NAME_ALT.search(image["alt"])
    ]
    assert bad == []


def test_no_serious_or_critical_accessibility_violations(page_reports, page_path):
    assert page_reports(page_path).accessibility == []


def test_every_slider_shows_the_frame_of_its_value_after_keyboard_and_mouse(visit, page_path):
    seen = visit(page_path)
    widgets = seen.widget_state()
    for view_id, area in seen.views():
        sliders = widgets.sliders(view_id)
        elements = area.locator(".widget-slider")
        assert elements.count() == len(sliders), f"{view_id}: sliders on the page vs in state"
        indices = {slider: widgets.state(slider).get("index") for slider in sliders}
        for number, slider in enumerate(sliders):
            state = widgets.state(slider)
            assert widgets.name(slider) == "SelectionSliderModel" and widgets.linked_stacks(
                slider
            ), f"slider {state.get('description')!r} is not linked to frames: dead on this page"
            labels = state["_options_labels"]
            assert len(labels) >= 2, f"slider {state['description']!r} has one position"
            element = elements.nth(number)
            assert_shows(seen, widgets, view_id, area, indices, slider, element)

            step = 1 if indices[slider] < len(labels) - 1 else -1
            element.locator(".noUi-handle").focus()
            seen.page.keyboard.press("ArrowRight" if step == 1 else "ArrowLeft")
            indices[slider] += step
            assert_shows(seen, widgets, view_id, area, indices, slider, element)

            target = 0 if indices[slider] > (len(labels) - 1) / 2 else len(labels) - 1
            seen.drag(element, target, len(labels))
            indices[slider] = target
            assert_shows(seen, widgets, view_id, area, indices, slider, element)
    assert seen.console_errors == []
    assert seen.external_requests == []


def assert_shows(seen, widgets, view_id, area, indices, slider, element):
    """`slider` reads its value, and the one visible frame is the frame for `indices`."""
    expected = widgets.shown_frame(view_id, indices)
    seen.wait_for_frame(area, expected["alt"])
    state = widgets.state(slider)
    label = state["_options_labels"][indices[slider]]
    assert element.locator(".widget-readout").inner_text() == label
    handle = element.locator(".noUi-handle")
    assert handle.get_attribute("aria-label") == state["description"]
    assert handle.get_attribute("aria-valuetext") == label
    shown = seen.shown_frames(area)
    assert len(shown) == 1, f"{len(shown)} frames visible for {label!r}"
    assert shown[0]["alt"] == expected["alt"]
    assert shown[0]["readout"] == expected["readout"]
    assert shown[0]["src"] == expected["src"], f"wrong image for {expected['alt']!r}"
