"""Live code in the page's colours, in light and in dark mode.

Thebe 0.9 brings a dark editor (CodeMirror's "abcdef" theme) for either page, the
browser's grey buttons, and JupyterLab's light colours for outputs and live widgets,
which left dark text on the dark page. assets/nllce-page.css gives the editor the
colours of the page's static code (Pygments), the buttons the theme's, and the outputs
the page's text colour. As test_live_code.py does, a local Jupyter server stands in
for mybinder.org. Saves artifacts/live-code-light.png and live-code-dark.png.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Route

from tests.browser.test_live_code import (  # noqa: F401 (jupyter_server: a fixture)
    ARTIFACTS,
    BINDER_BUILD,
    CHAPTER,
    LIVE_SLIDER,
    VIEWPORT,
    _cell_index,
    jupyter_server,
)

pytestmark = [pytest.mark.build, pytest.mark.browser]

# The colours the page gives its static code (a probe with Pygments' classes), its
# text, its buttons' surface; and those of the live cells.
COLOURS_JS = """([imports, slider]) => {
    const style = (element, name) => getComputedStyle(element)[name];
    const article = document.querySelector('.bd-content article') || document.body;
    const probe = document.createElement('div');
    probe.innerHTML = '<div class="highlight"><pre><span class="k">import</span> '
        + '<span class="n">np</span><span class="mf">0.5</span><span class="s2">"x"</span>'
        + '</pre></div>'
        + '<div style="background-color: var(--pst-color-surface)"></div>';
    article.appendChild(probe);
    const [code, surface] = probe.children;
    const page = {
        code: style(code, 'backgroundColor'), text: style(code.querySelector('.n'), 'color'),
        keyword: style(code.querySelector('.k'), 'color'),
        number: style(code.querySelector('.mf'), 'color'),
        string: style(code.querySelector('.s2'), 'color'),
        surface: style(surface, 'backgroundColor'),
        background: style(document.body, 'backgroundColor'),
        prose: style(article, 'color'),
    };
    probe.remove();
    const editor = imports.querySelector('.CodeMirror');
    const folded = slider.querySelector('.CodeMirror');
    const button = imports.querySelector('.thebe-run-button');
    const box = slider.querySelector('.nllce-slider:has(> .widget-hbox)');
    const token = (cell, kind) => style(cell.querySelector('.CodeMirror .cm-' + kind), 'color');
    return {
        page,
        editor: {
            background: style(editor, 'backgroundColor'),
            text: style(editor.querySelector('.CodeMirror-line span'), 'color'),
            keyword: token(imports, 'keyword'), number: token(slider, 'number'),
            string: token(slider, 'string'),
            // no empty band under the code of a folded cell
            spare: folded.getBoundingClientRect().height
                - folded.querySelector('.CodeMirror-lines').getBoundingClientRect().height,
        },
        button: {background: style(button, 'backgroundColor'), text: style(button, 'color')},
        widget: Array.from(box.querySelectorAll('.widget-label, .widget-readout, .nllce-readout'))
            .map(element => style(element, 'color')),
    };
}"""


def _rgb(colour: str, under: tuple[float, ...] = (255, 255, 255)) -> tuple[float, ...]:
    """A CSS rgb()/rgba() colour as RGB, blended over `under` when translucent."""
    values = [float(part) for part in re.findall(r"[\d.]+", colour)]
    alpha = values[3] if len(values) == 4 else 1.0
    pairs = zip(values[:3], under, strict=True)
    return tuple(alpha * value + (1 - alpha) * base for value, base in pairs)


def _contrast(text: str, background: str) -> float:
    """WCAG contrast ratio of `text` on the opaque `background`."""
    ground = _rgb(background)

    def luminance(rgb):
        linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4
                  for c in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted([luminance(_rgb(text, ground)), luminance(ground)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_live_cells_take_the_colours_of_the_page(
    browser, site_url: str, jupyter_server: tuple[str, str], scheme: str  # noqa: F811
) -> None:
    server_url, token = jupyter_server
    local_hosts = {urlparse(site_url).netloc, urlparse(server_url).netloc}
    ready = {"phase": "ready", "url": server_url, "token": token, "message": "local server"}

    def route(route: Route) -> None:
        url = route.request.url
        if urlparse(url).netloc in local_hosts or url.startswith(("data:", "blob:")):
            route.continue_()
        elif url.split("?")[0] == BINDER_BUILD:
            route.fulfill(body=f"data: {json.dumps(ready)}\n\n", content_type="text/event-stream")
        else:
            route.abort()

    context = browser.new_context(viewport=VIEWPORT, color_scheme=scheme, service_workers="block")
    try:
        page = context.new_page()
        page.route("**/*", route)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(site_url + CHAPTER, wait_until="networkidle")
        assert page.evaluate("document.documentElement.dataset.theme") == scheme
        page.click(".dropdown-launch-buttons .dropdown-toggle")
        page.click(".btn-launch-thebe")
        page.wait_for_function("() => window.thebe && window.thebe.session", timeout=60_000)
        cells = page.locator(".cell")
        imports, slider = _cell_index(page, "import nllce"), _cell_index(page, "slider(")
        cells.nth(imports).locator(".thebe-run-button").click()
        fold = cells.nth(slider).locator("details > summary")
        fold.click()
        cells.nth(slider).locator(".thebe-run-button").click()
        cells.nth(slider).locator(f"{LIVE_SLIDER} img.nllce-frame-image").wait_for(timeout=120_000)
        colours = page.evaluate(
            COLOURS_JS,
            [cells.nth(imports).element_handle(), cells.nth(slider).element_handle()],
        )
        cells.nth(slider).scroll_into_view_if_needed()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"live-code-{scheme}.png"))
    finally:
        context.close()

    ours, editor = colours["page"], colours["editor"]
    # the editor: the static code's ground, text and token colours
    assert editor["background"] == ours["code"], colours
    assert [editor[name] for name in ("text", "keyword", "number", "string")] == [
        ours[name] for name in ("text", "keyword", "number", "string")
    ], colours
    assert editor["spare"] < 12, f"an empty band of {editor['spare']} px under folded code"
    # the run buttons: the theme's surface and text colours
    assert colours["button"] == {"background": ours["surface"], "text": ours["prose"]}, colours
    # the live slider's label, value and readout: readable on the page
    assert colours["widget"], "no label or readout found in the live slider"
    for text in colours["widget"]:
        assert _contrast(text, ours["background"]) >= 4.5, (text, ours["background"])
    assert not errors, f"page errors: {errors}"
