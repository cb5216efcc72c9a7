"""Answer boxes on the static page: the kernel's verdicts, with no kernel and no network.

1. The page's rules (assets/answer-boxes.js, with the vendored mathjs) are run in
   Chromium on the exported data of every exercise, against ``check`` on the same
   answers: right, rounded, near, every anticipated mistake, wrong, nan, inf and garbage.
   The rules are written once, in the page; nothing here re-implements them.
2. On built chapter pages of both editions, keyboard only: Tab to a box, type, Enter;
   the verdict appears in the ``aria-live`` region with the kernel's classes.
3. mathjs is loaded lazily: no chapter page has a <script> for it; the page asks for it
   only when a box gets focus (from ``file://`` too), plain numbers are judged without
   it, and a failed load is said in the box and tried again at the next Check.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest
from bs4 import BeautifulSoup

from nllce.exercises import check, export, export_all
from tools import ROOT
from tools.serve import served

pytestmark = pytest.mark.browser

MATHJS = ROOT / "site_vendor" / "_static" / "vendored" / "mathjs" / "math.js"
SCRIPT = ROOT / "assets" / "answer-boxes.js"
JUDGE_JS = "([data, texts]) => texts.map(text => window.nllceAnswers.judge(data, text))"
STRICT = {"correct", "mistake"}  # statuses whose message must be the kernel's, word for word
PAGE = "book/likelihood.html"
EXERCISE = "ex-likelihood-worked"
EXPRESSION_PAGE = "book/counts.html"
EXPRESSION = "ex-counts-expression"
MATHJS_URL = re.compile(r"/vendored/mathjs/math\.js")


def _text(value) -> str:
    if isinstance(value, list | tuple | np.ndarray):
        return "[" + ", ".join(_text(item) for item in value) + "]"
    value = float(value)
    return "nan" if math.isnan(value) else ("inf" if value == math.inf else
                                            "-inf" if value == -math.inf else repr(value))


def _values(value):
    if isinstance(value, list):
        return [_values(item) for item in value]
    return {"inf": math.inf, "-inf": -math.inf, "nan": math.nan}.get(value, value)


def _significant(value, figures):
    return np.vectorize(lambda x: float(f"{x:.{figures}g}") if np.isfinite(x) else x)(value)


def answers(item: dict) -> list[tuple[str, object]]:
    """(typed text, the same answer given to ``check``) pairs; None: only text, invalid."""
    kind = item["kind"]
    if kind in ("number", "array"):
        reference = np.asarray(_values(item["reference"]), dtype=float)
        candidates = [
            reference,
            _significant(reference, item["sig_figs"]),
            _significant(reference, 2),
            reference * 1.02,
            reference * 1.3 + 0.7,
            -reference,
            np.zeros_like(reference),
            np.full_like(reference, np.nan),
            np.full_like(reference, np.inf),
            np.full_like(reference, -np.inf),
        ]
        candidates += [np.asarray(_values(m["value"]), dtype=float)
                       for m in item["mistakes"] if "value" in m]
        candidates += [_significant(np.asarray(_values(m["value"]), dtype=float), 3)
                       for m in item["mistakes"] if "value" in m]
        pairs = [(_text(value.tolist()), value.tolist()) for value in candidates]
        return [*pairs, ("abc", None), ("0.1 0.2", None), ("", None), ("[1, 2", None)]
    if kind == "choice":
        pairs = [(str(choice), choice) for choice in item["choices"]]
        pairs += [(f"({str(choice).lower()})", f"({str(choice).lower()})")
                  for choice in item["choices"]]
        return [*pairs, ("Z", "Z"), ("", None)]
    if kind == "expression":
        python = item["reference"].replace("^", "**")
        pairs = [(python, python), (item["reference"], item["reference"])]
        pairs += [(m["expression"].replace("^", "**"),) * 2 for m in item["mistakes"]]
        renamed = re.sub(r"([a-z])(\d)", r"\1_\2", python)
        pairs += [(renamed, renamed), (python.upper(), python.upper())]
        pairs += [(f"({python})*2", f"({python})*2"), (f"{python} + x", f"{python} + x")]
        return [*pairs, ("q0 q1", "q0 q1"), ("__import__('os')", "__import__('os')"), ("", None)]
    return []


@pytest.fixture(scope="module")
def rules_file(tmp_path_factory):
    """A blank page with the book's answer-box script, told where mathjs is (file://)."""
    assert MATHJS.is_file(), "run `npm ci --ignore-scripts && python -m tools.vendor_assets`"
    page_file = tmp_path_factory.mktemp("answer-rules") / "rules.html"
    page_file.write_text(
        f'<!doctype html><html><head><script src="{SCRIPT.as_uri()}" '
        f'data-mathjs="{MATHJS.as_uri()}"></script></head><body></body></html>'
    )
    return page_file


@pytest.fixture(scope="module")
def rules_page(browser, rules_file):
    """`rules_file` opened, with mathjs loaded."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(rules_file.as_uri())
    page.evaluate("() => window.nllceAnswers.ready()")
    yield page
    context.close()


def test_the_page_judges_as_check_does(rules_page):
    exported = export_all()
    compared, disagreements = 0, []
    for label, item in exported.items():
        pairs = answers(item)
        if not pairs:
            continue
        verdicts = rules_page.evaluate(JUDGE_JS, [item, [text for text, _ in pairs]])
        for (text, answer), page in zip(pairs, verdicts, strict=True):
            compared += 1
            if answer is None or not text.strip():
                if page["status"] not in ("invalid", "unanswered"):
                    disagreements.append(f"{label} {text!r}: page {page}, expected invalid")
                continue
            kernel = check(label, answer)
            same = page["status"] == kernel.status and (
                kernel.status not in STRICT or page["message"] == kernel.message
            )
            if kernel.status == "unexpected":
                same = same and item["hint"] in page["message"]
            if not same:
                disagreements.append(
                    f"{label} {text!r}: page {page['status']}: {page['message']!r}; "
                    f"check {kernel.status}: {kernel.message!r}"
                )
    assert compared > 500
    assert not disagreements, "\n".join(disagreements)


def test_plain_numbers_are_judged_before_mathjs_loads(browser, rules_file):
    number, expression = export(EXERCISE), export(EXPRESSION)
    typed = ["0.075", " 7.5e-2 ", "0.074", "-.5"]
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(rules_file.as_uri())
        before = page.evaluate(
            """([number, expression, typed]) => {
                const judge = window.nllceAnswers.judge;
                let refused = null;
                try { judge(expression, "q0*q1*q2**4"); } catch (error) { refused = error.message; }
                return {statuses: typed.map(text => judge(number, text).status), refused,
                        loaded: window.math !== undefined};
            }""",
            [number, expression, typed],
        )
        assert before == {
            "statuses": [check(EXERCISE, float(text)).status for text in typed],
            "refused": "mathjs is not loaded yet: wait for nllceAnswers.ready()",
            "loaded": False,
        }
        assert before["statuses"][:3] == ["correct", "correct", "close"]
        page.evaluate("() => window.nllceAnswers.ready()")
        after = page.evaluate(JUDGE_JS, [expression, ["q0*q1*q2**4"]])[0]
        assert after["status"] == "correct"
    finally:
        context.close()


def test_function_exercises_say_run_it_in_a_notebook(rules_page):
    item = {"label": "ex-x", "kind": "function", "hint": "h", "explanation": ""}
    verdict = rules_page.evaluate(JUDGE_JS, [item, ["lambda q: q"]])[0]
    assert verdict["status"] == "invalid" and "notebook" in verdict["message"]


# --- the built pages, keyboard only ----------------------------------------------------


def _answers_on(page, label, typed):
    """Tab to `label`'s box, then type each answer and press Enter; the verdicts."""
    field = page.locator(f'form.nllce-answer-box[data-exercise="{label}"] input')
    field_id = field.get_attribute("id")
    for _ in range(600):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.id") == field_id:
            break
    else:
        pytest.fail(f"Tab never reached the box of {label}")
    region = page.locator(f'form[data-exercise="{label}"] .nllce-answer-feedback')
    assert region.get_attribute("aria-live") == "polite"
    assert page.evaluate(f"() => document.getElementById('{field_id}').labels.length") == 1
    verdicts = []
    for text in typed:
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        page.keyboard.type(text)
        page.keyboard.press("Enter")
        feedback = region.locator(".nllce-feedback")
        feedback.wait_for()
        verdicts.append({
            "status": feedback.get_attribute("data-status"),
            "class": feedback.get_attribute("class"),
            "exercise": feedback.get_attribute("data-exercise"),
            "text": feedback.inner_text(),
        })
        assert page.evaluate("() => document.activeElement.id") == field_id
    return verdicts


def _typed_and_expected():
    wrong = 0.5 + 0.5 + 0.3  # an anticipated mistake: the probabilities added
    return (
        ["0.075", "0.074", "1.3", "not a number", "0.5*0.5*0.3"],
        [check(EXERCISE, 0.075), check(EXERCISE, 0.074), check(EXERCISE, wrong)],
    )


def _check_keyboard_session(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    external = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith((base_url, "data:", "blob:")):
            request_route.continue_()
        else:
            external.append(url)
            request_route.abort()

    page = context.new_page()
    page.route("**/*", route)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(base_url + PAGE, wait_until="load")
        page.wait_for_selector("form.nllce-answer-box[data-ready]")
        typed, expected = _typed_and_expected()
        verdicts = _answers_on(page, EXERCISE, typed)
        for verdict, kernel in zip(verdicts, expected, strict=False):
            assert verdict["status"] == kernel.status
            assert f"nllce-feedback-{kernel.status}" in verdict["class"].split()
            assert verdict["exercise"] == EXERCISE
            assert kernel.message in verdict["text"]
        assert [v["status"] for v in verdicts] == [
            "correct", "close", "mistake", "invalid", "correct"
        ]
        page.goto(base_url + EXPRESSION_PAGE, wait_until="load")
        page.wait_for_selector("form.nllce-answer-box[data-ready]")
        right, renamed = _answers_on(page, EXPRESSION, ["q0*q1*q2**4", "q_0*q_1*q_2^4"])
        assert right["status"] == renamed["status"] == "correct"
        assert "The exercise's symbols are q0, q1, q2" in renamed["text"]
        assert not errors and not external
    finally:
        context.close()


def test_answer_boxes_on_the_teacher_edition(browser, site_url):
    _check_keyboard_session(browser, site_url)


def test_answer_boxes_on_the_student_edition(browser, student_book):
    with served(student_book) as url:
        _check_keyboard_session(browser, url)


def test_mathjs_is_loaded_on_first_focus_also_from_file_urls(browser, built_book):
    context = browser.new_context()
    try:
        page = context.new_page()
        requested = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto((built_book / PAGE).as_uri(), wait_until="load")
        page.wait_for_selector("form.nllce-answer-box[data-ready]")
        page.wait_for_load_state("networkidle")
        assert not [url for url in requested if MATHJS_URL.search(url)]
        assert page.evaluate("() => window.math === undefined")
        field = f'form[data-exercise="{EXERCISE}"] input'
        with page.expect_request(lambda request: MATHJS_URL.search(request.url)):
            page.focus(field)
        status = page.locator(f'form[data-exercise="{EXERCISE}"] .nllce-feedback')
        for typed in ("0.075", "0.5*0.5*0.3"):  # the second is read with mathjs
            page.fill(field, typed)
            page.press(field, "Enter")
            page.wait_for_selector(f'form[data-exercise="{EXERCISE}"] .nllce-feedback')
            assert status.get_attribute("data-status") == "correct", status.inner_text()
        assert len([url for url in requested if MATHJS_URL.search(url)]) == 1
    finally:
        context.close()


def test_a_failed_mathjs_load_is_said_and_tried_again(browser, site_url):
    context = browser.new_context()
    try:
        page = context.new_page()
        blocked = []

        def block(route):
            blocked.append(route.request.url)
            route.abort()

        page.route(MATHJS_URL, block)
        page.goto(site_url + PAGE, wait_until="load")
        page.wait_for_selector("form.nllce-answer-box[data-ready]")
        field = f'form[data-exercise="{EXERCISE}"] input'
        feedback = f'form[data-exercise="{EXERCISE}"] .nllce-feedback'
        page.fill(field, "0.075")  # the focus asks for mathjs; a plain number needs none
        page.press(field, "Enter")
        assert page.get_attribute(feedback, "data-status") == "correct"
        page.fill(field, "0.5*0.5*0.3")
        page.press(field, "Enter")
        failed = page.wait_for_selector(f'{feedback}[data-status="invalid"]')
        assert "mathjs) could not be loaded from ../_static/vendored/mathjs/math.js?v=" in (
            failed.inner_text()
        )
        assert len(blocked) == 2  # on focus, then on Check
        page.unroute(MATHJS_URL)
        page.press(field, "Enter")
        page.wait_for_selector(f'{feedback}[data-status="correct"]')
    finally:
        context.close()


def test_chapter_pages_have_no_script_for_mathjs(built_book):
    pages = [page for page in sorted((built_book / "book").glob("*.html"))
             if '<form class="nllce-answer-box"' in page.read_text(encoding="utf-8")]
    assert built_book / PAGE in pages
    for page in pages:
        scripts = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(
            "script[src]"
        )
        assert not [s["src"] for s in scripts if MATHJS_URL.search(s["src"])], page.name
        (boxes,) = [s for s in scripts if "/answer-boxes.js" in s["src"]]
        address = boxes["data-mathjs"]
        assert MATHJS_URL.search(address) and "?v=" in address, address
        assert (page.parent / address.split("?")[0]).read_bytes() == MATHJS.read_bytes()


def _boxes(site: Path) -> dict[str, tuple[int, int]]:
    """Per chapter page: (answer boxes, function notes)."""
    counts = {}
    for page in sorted((site / "book").glob("*.html")):
        text = page.read_text(encoding="utf-8")
        boxes = len(re.findall(r'<form class="nllce-answer-box"', text))
        notes = len(re.findall(r'class="nllce-answer-box nllce-answer-notebook"', text))
        if boxes or notes:
            counts[page.stem] = (boxes, notes)
    return counts


def test_every_exercise_has_a_box_in_both_editions(built_book, student_book):
    exported = export_all()
    for site in (built_book, student_book):
        found = {}
        for page in (site / "book").glob("*.html"):
            text = page.read_text(encoding="utf-8")
            for label in re.findall(r'class="nllce-answer-box[^"]*" data-exercise="([^"]+)"', text):
                found[label] = page.stem
            if "nllce-answer-box" in text and 'type="submit"' in text:
                data = re.search(
                    r'<script type="application/json" id="nllce-answer-data">(.*?)</script>',
                    text, re.DOTALL,
                )
                assert data, f"{page.name}: boxes but no exported data"
                embedded = json.loads(data.group(1).replace("<\\/", "</"))
                assert all(embedded[label] == exported[label] for label in embedded)
        assert sorted(found) == sorted(exported), site
    assert _boxes(built_book) == _boxes(student_book)
