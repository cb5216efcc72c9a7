"""Size and speed of the built pages, and the book's cold and cached build times.

Usage: ``python -m benchmarks.bench_pages [--html DIR] [--loads L] [--presses P]``
(from the repository root, for ``import tools``).

Without ``--html`` it builds the whole book twice into a temporary folder with
``jupyter-book build . -W -n --keep-going --path-output TMP`` (``tools.build_book``'s
command and environment):

- cold: from nothing, every notebook executed;
- cached: ``_build/html`` and ``_build/.doctrees`` removed, the jupyter-cache of
  executed notebooks (``execute_notebooks: cache``) kept, so every page is
  rendered again but no notebook runs.

Then it serves the HTML on localhost and, in Debian's headless Chromium with no
network, prints per page of ``_toc.yml``:

- bytes: the HTML (with the embedded widget state), the widget state alone, and
  the image files the page shows;
- first slider: median over ``--loads`` fresh loads of the time from navigation to
  the first slider handle being rendered (so keys and the mouse act on it);
- switch: over ``--presses`` arrow-key presses on the page's first slider, the
  median time from the ``keydown`` event to the new frame being in the DOM, and
  to the animation frame that paints it (after the image is decoded).

Targets: switch (painted) < 16 ms, first slider < 1 s, cached build < 1/4 of cold.
"""

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from tools import chromium, toc
from tools.build_book import run_build
from tools.serve import served

STATE = re.compile(
    r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', re.DOTALL
)
IMAGE = re.compile(r'<img [^>]*src="(?!data:)([^"]+)"')
FIRST_HANDLE_JS = """new MutationObserver((_, observer) => {
    if (document.querySelector('.noUi-handle')) {
        window.firstHandle = performance.now();
        observer.disconnect();
    }
}).observe(document, {subtree: true, childList: true});"""
# Records, for each key press, when the keydown event was created, when a new frame
# entered the DOM, and the animation frame that paints it once its image is decoded.
SWITCH_RECORDER_JS = """box => {
    const shownAlt = () => {
        const image = Array.from(box.querySelectorAll('.nllce-frame img'))
            .find(img => img.offsetParent !== null);
        return image ? image.alt : null;
    };
    window.switches = [];
    let current = null;
    document.addEventListener('keydown', event => {
        current = {keydown: event.timeStamp, alt: shownAlt()};
    }, true);
    new MutationObserver(() => {
        if (current === null || current.dom !== undefined) return;
        const image = Array.from(box.querySelectorAll('.nllce-frame img'))
            .find(img => img.offsetParent !== null && img.alt !== current.alt);
        if (!image) return;
        const record = current;
        record.dom = performance.now();
        image.decode().then(() => requestAnimationFrame(time => {
            record.painted = time;
            window.switches.push(record);
        }));
    }).observe(box, {subtree: true, childList: true});
}"""


def build(output):
    start = time.perf_counter()
    result = run_build(".", ["--path-output", str(output)], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if not (output / "_build" / "html" / "index.html").exists():
        sys.exit(f"build failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    if result.returncode != 0:  # timings still count; `make test` reports the warnings
        warnings = [line for line in (result.stdout + result.stderr).splitlines()
                    if "WARNING" in line and "IPKernelApp" not in line]
        print(f"(the build reported {len(warnings)} warnings, e.g. {warnings[:1]})")
    return seconds


def page_bytes(html_dir, page):
    text = (html_dir / page).read_text()
    state = STATE.search(text)
    images = {(html_dir / page).parent / src for src in IMAGE.findall(text)}
    return {
        "html": len(text.encode()),
        "state": len(state.group(1).encode()) if state else 0,
        "images": sum(path.stat().st_size for path in images if path.is_file()),
    }


def new_page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
        (base_url, "data:")) else route.abort())
    return context, page


def first_slider_ms(browser, base_url, page_path, loads):
    times = []
    for _ in range(loads):
        context, page = new_page(browser, base_url)
        page.add_init_script(FIRST_HANDLE_JS)
        page.goto(base_url + page_path)
        page.wait_for_selector(".noUi-handle", timeout=30_000)
        times.append(page.evaluate("window.firstHandle"))
        context.close()
    return statistics.median(times)


def switch_ms(browser, base_url, page_path, presses):
    context, page = new_page(browser, base_url)
    page.goto(base_url + page_path)
    handle = page.locator(".nllce-slider .noUi-handle").first
    handle.wait_for(timeout=30_000)
    box = page.locator(".nllce-slider").first
    box.evaluate(SWITCH_RECORDER_JS)
    positions = int(float(handle.get_attribute("aria-valuemax"))) + 1
    index = int(float(handle.get_attribute("aria-valuenow")))
    handle.focus()
    for press in range(presses):
        step = 1 if index < positions - 1 else -1
        if positions > 2 and 0 < index < positions - 1 and (press // (positions - 1)) % 2:
            step = -1
        page.keyboard.press("ArrowRight" if step == 1 else "ArrowLeft")
        index += step
        page.wait_for_function("n => window.switches.length >= n", arg=press + 1, timeout=5_000)
    switches = page.evaluate("window.switches")
    context.close()
    return (statistics.median(s["dom"] - s["keydown"] for s in switches),
            statistics.median(s["painted"] - s["keydown"] for s in switches))


def measure_pages(html_dir, loads, presses):
    with served(html_dir) as base_url, sync_playwright() as playwright:
        _measure_pages(html_dir, base_url, chromium.launch(playwright), loads, presses)


def _measure_pages(html_dir, base_url, browser, loads, presses):
    print(f"\n{'page':28} {'html kB':>8} {'state kB':>9} {'img kB':>7} {'total kB':>9} "
          f"{'1st slider ms':>14} {'switch DOM ms':>14} {'painted ms':>11}")
    for page_path in (f"{docname}.html" for docname in toc.chapters()):
        sizes = page_bytes(html_dir, page_path)
        row = (f"{page_path.removeprefix('book/'):28} {sizes['html'] / 1e3:8.0f} "
               f"{sizes['state'] / 1e3:9.0f} {sizes['images'] / 1e3:7.0f} "
               f"{(sizes['html'] + sizes['images']) / 1e3:9.0f}")
        if sizes["state"] and "nllce-frame" in (html_dir / page_path).read_text():
            first = first_slider_ms(browser, base_url, page_path, loads)
            dom, painted = switch_ms(browser, base_url, page_path, presses)
            row += f" {first:14.0f} {dom:14.1f} {painted:11.1f}"
        print(row, flush=True)
    browser.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, help="measure this built site; skip the builds")
    parser.add_argument("--loads", type=int, default=5, help="page loads per page (median)")
    parser.add_argument("--presses", type=int, default=20, help="key presses per slider")
    args = parser.parse_args()
    if args.html:
        measure_pages(args.html.resolve(), args.loads, args.presses)
        return
    with tempfile.TemporaryDirectory(prefix="bench-book-") as output:
        output = Path(output)
        cold = build(output)
        print(f"cold build (every notebook executed):   {cold:7.1f} s", flush=True)
        shutil.rmtree(output / "_build" / "html")
        shutil.rmtree(output / "_build" / ".doctrees")
        cached = build(output)
        print(f"cached build (notebooks from the cache): {cached:7.1f} s "
              f"= {cached / cold:.2f} of cold (target < 0.25)", flush=True)
        measure_pages(output / "_build" / "html", args.loads, args.presses)
    print(json.dumps({"cold_s": round(cold, 1), "cached_s": round(cached, 1)}))


if __name__ == "__main__":
    main()
