"""Every page of the built book in headless Chromium, offline."""

import re
from math import prod

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


def test_every_formula_is_rendered_at_build_time_with_mathml_and_no_tab_stop(
    page_reports, page_path
):
    math = page_reports(page_path).math
    assert math["unrendered"] == []
    assert math["errors"] == []
    assert math["without_mathml"] == [], "formulas that assistive technology cannot read"
    assert math["tab_stops"] == 0, "formulas are no tab stops"
    assert not math["mathjax_loaded"], "the page loads MathJax: its math is prerendered"
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
    """Each static slider: native, labelled, and the frame, readout and value text follow it.

    What each position must show comes from the page as the server sent it, before
    any script ran; the page must hold no widget state (no widget manager loads).
    """
    seen = visit(page_path)
    served = seen.served_sliders()
    boxes = seen.sliders()
    assert len(boxes) == len(served), "sliders on the page vs in the served HTML"
    if served:
        assert seen.widget_state_scripts() == 0, "a static slider page saves widget state"
    for box, slider in zip(boxes, served, strict=True):
        values = [int(element["value"]) for element in slider.inputs]
        assert len(slider.frames) == prod(len(slider.texts(n)) for n in range(len(values)))
        shown = [key for key, frame in slider.frames.items() if not frame["hidden"]]
        assert shown == [slider.position(values)], "the default frame is not the one in the HTML"
        assert_shows(seen, box, slider, values)
        elements = box.locator("input.nllce-range")
        for number, texts in enumerate(slider.texts(n) for n in range(len(values))):
            assert len(texts) >= 2, f"slider {slider.labels[number]['text']!r} has one position"
            element = elements.nth(number)
            step = 1 if values[number] < len(texts) - 1 else -1
            element.focus()
            seen.page.keyboard.press("ArrowRight" if step == 1 else "ArrowLeft")
            values[number] += step
            assert_shows(seen, box, slider, values)

            target = 0 if values[number] > (len(texts) - 1) / 2 else len(texts) - 1
            seen.drag(element, target, len(texts))
            values[number] = target
            assert_shows(seen, box, slider, values)
    assert seen.console_errors == []
    assert seen.external_requests == []


def assert_shows(seen, box, slider, values):
    """The inputs read `values`, and the one visible frame and the readout are theirs."""
    position = slider.position(values)
    expected = slider.frames[position]
    seen.wait_for_frame(box, position)
    now = seen.slider_now(box)
    for number, (element, value) in enumerate(zip(now["inputs"], values, strict=True)):
        text = slider.texts(number)[value]
        assert element["value"] == str(value)
        assert element["name"] == slider.labels[number]["text"], "input not tied to its label"
        assert element["valuetext"] == element["shown"] == text
    assert len(now["frames"]) == 1, f"{len(now['frames'])} frames visible at {position!r}"
    assert now["frames"][0]["position"] == position
    assert now["frames"][0]["alt"] == expected["alt"]
    assert now["frames"][0]["src"] == expected["src"], f"wrong image for {expected['alt']!r}"
    assert now["readout"] == expected["readout"]
