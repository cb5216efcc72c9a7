"""Live code end to end: the built page's "Live code" button, a local Jupyter server, a live slider.

The page is tested as published: it loads the book's own Thebe 0.9, require.js and
MathJax (see _ext/site_assets.py and assets/thebe-setup.js). The one thing replayed
here is mybinder.org: its build request is answered with a ``ready`` event that points
at a local ``jupyter server`` (this repository's environment, so ``nllce`` imports).
Every other request that leaves 127.0.0.1 is blocked and fails the test.

Then the test clicks "Live Code", runs the chapter's first cell (its imports) and its
slider cell (whose source it folds again): in the kernel, without NLLCE_SLIDERS, the same
`slider(...)` call that gave the static slider of the page gives the live one. The test
moves it with the keyboard: the kernel must compute the frame of the new value. It saves
artifacts/live-code-slider.png to look at.
"""

from __future__ import annotations

import json
import math
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Route

from nllce import frames

pytestmark = [pytest.mark.build, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
CHAPTER = "book/likelihood.html"
# sphinx-thebe's x-thebe-config names the repository nllce/nllce-book at branch main.
BINDER_BUILD = "https://mybinder.org/build/gh/nllce/nllce-book/main"
# A code cell of the page; Thebe turns its source into an editor with run buttons.
CELL = ".cell"
VIEWPORT = {"width": 1280, "height": 900}
# The live slider's box: nllce.widgets.slider, live, puts a row (slider, value) above the frame.
LIVE_SLIDER = ".nllce-slider:has(> .widget-hbox)"
FRAME_JS = """box => {
    const image = box.querySelector('img.nllce-frame-image');
    const readout = box.querySelector('.nllce-readout');
    return {alt: image.alt, src: image.src, readout: readout && readout.textContent,
            value: box.querySelector('.widget-hbox > .widget-label').textContent};
}"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def jupyter_server() -> Iterator[tuple[str, str]]:
    """A local Jupyter server in this environment; yields its URL and token."""
    port, token = _free_port(), secrets.token_hex(16)
    url = f"http://127.0.0.1:{port}/"
    command = [
        str(Path(sys.prefix) / "bin" / "jupyter-server"),
        *(f"--port={port}", "--ip=127.0.0.1", "--no-browser", "--allow-root"),
        *(f"--IdentityProvider.token={token}", "--ServerApp.allow_origin=*"),
        f"--ServerApp.root_dir={ROOT}",
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}api/status?token={token}", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"jupyter server did not start: {server.stderr.read()[-2000:]}")
                time.sleep(0.2)
        yield url, token
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stderr.close()


def _floats_near(value: float, steps: int = 2) -> set[float]:
    """`value` and its float neighbours: the browser's slider steps (0.4 + 0.01) land on any."""
    near = {value}
    for direction in (-math.inf, math.inf):
        neighbour = value
        for _ in range(steps):
            neighbour = math.nextafter(neighbour, direction)
            near.add(neighbour)
    return near


def _cell_index(page, text: str) -> int:
    """Index of the first Thebe cell whose source contains `text`."""
    sources = page.locator(CELL).evaluate_all("cells => cells.map(cell => cell.textContent)")
    return next(i for i, source in enumerate(sources) if text in source)


def test_live_code_runs_the_live_slider_of_the_published_page(
    browser, site_url: str, jupyter_server: tuple[str, str]
) -> None:
    server_url, token = jupyter_server
    local_hosts = {urlparse(site_url).netloc, urlparse(server_url).netloc}
    ready = {"phase": "ready", "url": server_url, "token": token, "message": "local server"}
    answered: list[str] = []
    blocked: list[str] = []
    failed: list[str] = []

    def route(route: Route) -> None:
        url = route.request.url
        if urlparse(url).netloc in local_hosts or url.startswith(("data:", "blob:")):
            route.continue_()
        elif url.split("?")[0] == BINDER_BUILD:
            answered.append(url)
            route.fulfill(body=f"data: {json.dumps(ready)}\n\n", content_type="text/event-stream")
        else:
            blocked.append(url)
            route.abort()

    context = browser.new_context(viewport=VIEWPORT, service_workers="block")
    try:
        page = context.new_page()
        page.route("**/*", route)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400
                else None)
        page.goto(site_url + CHAPTER, wait_until="networkidle")

        started = time.monotonic()
        page.click(".dropdown-launch-buttons .dropdown-toggle")
        page.click(".btn-launch-thebe")
        page.wait_for_function("() => window.thebe && window.thebe.session", timeout=60_000)
        connected = time.monotonic() - started

        cells = page.locator(CELL)
        imports, slider_cell = _cell_index(page, "import nllce"), _cell_index(page, "slider(")
        ran = time.monotonic()
        cells.nth(imports).locator(".thebe-run-button").click()
        # The slider cell's source is folded ("Show code cell source"): unfold it to run it,
        # then fold it again; its live output must show all the same.
        fold = cells.nth(slider_cell).locator("details > summary")
        fold.click()
        cells.nth(slider_cell).locator(".thebe-run-button").click()
        fold.click()
        box = cells.nth(slider_cell).locator(LIVE_SLIDER)
        box.locator("img.nllce-frame-image").wait_for(timeout=120_000)
        rendered = time.monotonic() - ran
        before = box.evaluate(FRAME_JS)

        moved = time.monotonic()
        box.locator(".noUi-handle").focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            f"([box, before]) => ({FRAME_JS})(box).src !== before",
            arg=[box.element_handle(), before["src"]],
            timeout=30_000,
        )
        recomputed = time.monotonic() - moved
        after = box.evaluate(FRAME_JS)
        box.scroll_into_view_if_needed()
        box.screenshot(path=str(ARTIFACTS / "live-code-slider.png"))
        handle_name = box.locator(".noUi-handle").get_attribute("aria-label")
    finally:
        context.close()

    print(
        f"live code connected in {connected:.1f} s, the slider cell rendered in "
        f"{rendered:.1f} s, a slider move recomputed in {recomputed:.2f} s"
    )
    assert answered and not blocked, f"requests beyond localhost: {blocked}"
    assert not failed, f"failed responses: {failed}"
    assert not errors, f"page errors: {errors}"
    # the chapter's default, then one step (0.01) to the right, each with its own frame
    assert (before["value"], after["value"]) == ("0.40", "0.41")
    assert before["src"] != after["src"], "the frame's image did not change"
    for frame, value in [(before, 0.4), (after, 0.41)]:
        assert re.match(r"data:image/png;base64,", frame["src"])
        assert (frame["alt"], frame["readout"]) in {
            (near.alt, near.readout) for near in map(frames.likelihood_path, _floats_near(value))
        }
    assert handle_name == "q₂", "the live slider's handle has no accessible name"
