"""Live code end to end: the built page's "Live code" button, a local Jupyter server, a live slider.

What the page does on Binder, replayed offline in headless Chromium: sphinx-thebe 0.3.1
loads Thebe from unpkg and asks mybinder.org to build the repository. Here

- the unpkg request is answered with npm's ``thebe@0.9.2`` (``node_modules/thebe/lib``):
  the ``thebe@0.8.2`` the page names cannot show ipywidgets 8 widgets;
- ``thebelab.bootstrap()`` gets ``requestKernel: true`` by default (an init script):
  Thebe 0.9 starts no kernel without it, and sphinx-thebe 0.3.1 passes no options;
- Thebe's require.js request to cdnjs gets the book's vendored require.js;
- the Binder build request is answered with a ``ready`` event that points at a local
  ``jupyter server`` (with this repository's environment, so ``nllce`` imports).

Then the test clicks "Live Code", runs every cell of a chapter, and moves the chapter's
live slider: the kernel computes a new frame. Every other non-local request is blocked
and fails the test, except Thebe's MathJax 2 from cdnjs (outputs are plain here).
"""

from __future__ import annotations

import json
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
from playwright.sync_api import Route, sync_playwright

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
THEBE_LIB = ROOT / "node_modules" / "thebe" / "lib"
ARTIFACTS = ROOT / "artifacts"
CHAPTER = "book/likelihood.html"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# Thebe asks cdnjs for MathJax 2 to typeset outputs; blocked, the outputs stay plain.
TOLERATED_EXTERNAL = ("https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.",)
REQUEST_KERNEL_BY_DEFAULT = """
(() => {
  let thebe;
  Object.defineProperty(window, "thebelab", {
    configurable: true,
    get: () => thebe,
    set(value) {
      const bootstrap = value.bootstrap;
      if (bootstrap && !bootstrap.requestsKernel) {
        value.bootstrap = (options) => bootstrap({ requestKernel: true, ...(options || {}) });
        value.bootstrap.requestsKernel = true;
      }
      thebe = value;
    },
  });
})();
"""
# The live slider's box: nllce.widgets.live_slider puts a row (slider, value) above the frame.
LIVE_SLIDER = ".nllce-slider:has(> .widget-hbox)"
FRAME_ALT = "box => box.querySelector('img.nllce-frame-image').alt"


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
        f"--ServerApp.root_dir={ROOT / 'book'}",
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


def test_live_code_runs_a_chapter_and_its_live_slider(
    built_book: Path, site_url: str, jupyter_server: tuple[str, str]
) -> None:
    assert (THEBE_LIB / "index.js").is_file(), "npm's thebe@0.9.2 is missing: run `npm ci`"
    server_url, token = jupyter_server
    local_hosts = {urlparse(site_url).netloc, urlparse(server_url).netloc}
    binder_ready = "data: " + json.dumps({"phase": "ready", "url": server_url, "token": token})
    blocked: list[str] = []

    def route(route: Route) -> None:
        url = route.request.url
        if url.startswith("https://unpkg.com/thebe@"):
            served = THEBE_LIB / urlparse(url).path.split("/lib/", 1)[1]
            if served.is_file():
                route.fulfill(path=str(served))
            else:
                blocked.append(url)
                route.abort()
        elif url.startswith("https://cdnjs.cloudflare.com/ajax/libs/require.js/"):
            route.fulfill(path=str(built_book / "_static" / "vendored" / "require.js"))
        elif url.startswith("https://mybinder.org/build/"):
            route.fulfill(body=binder_ready + "\n\n", content_type="text/event-stream")
        elif urlparse(url).netloc in local_hosts or url.startswith("data:"):
            route.continue_()
        else:
            if not url.startswith(TOLERATED_EXTERNAL):
                blocked.append(url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        page = browser.new_page()
        page.add_init_script(REQUEST_KERNEL_BY_DEFAULT)
        page.route("**/*", route)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(site_url + CHAPTER, wait_until="networkidle")

        started = time.monotonic()
        page.click(".dropdown-launch-buttons .dropdown-toggle")
        page.click(".btn-launch-thebe")
        page.wait_for_function("() => window.thebe && window.thebe.session", timeout=60_000)
        connected = time.monotonic() - started

        page.click(".thebe-runall-button >> nth=0")
        box = page.wait_for_selector(LIVE_SLIDER, state="attached", timeout=300_000)
        before = box.evaluate(FRAME_ALT)
        # Thebe puts a cell's output under its source, so a folded source folds the
        # live slider too: open it as a reader would ("Show code cell source").
        folded = box.evaluate_handle("box => box.closest('details:not([open])')")
        if folded.as_element() is not None:
            folded.as_element().query_selector("summary").click()
        moved = time.monotonic()
        box.query_selector(".noUi-handle").focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            f"([box, before]) => ({FRAME_ALT})(box) !== before", arg=[box, before]
        )
        recomputed = time.monotonic() - moved
        after = box.evaluate(FRAME_ALT)
        box.screenshot(path=str(ARTIFACTS / "live-code-slider.png"))
        browser.close()

    print(
        f"live code connected in {connected:.1f} s; a slider move recomputed in {recomputed:.2f} s"
    )
    assert before != after, "the live slider's frame did not change"
    assert not errors, f"page errors: {errors}"
    assert not blocked, f"the page tried to reach the network: {blocked}"
