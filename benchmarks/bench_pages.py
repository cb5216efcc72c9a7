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
network, prints per page of ``_toc.yml`` (for each CPU slowdown of ``--slowdown``,
emulated with the DevTools protocol; 4 is a phone-class device):

- bytes: the HTML, the widget state in it (the old ipywidgets route; 0 for static
  sliders), the figures' and frames' drawings fetched (``_images/nllce/``, or the
  frames inside the HTML of earlier builds), and everything the page transferred until
  the network was idle (uncompressed, and gzip-compressed as a server would send it);
  the same total for a phone (390 x 844 px at 3x density, which fetches the narrow
  drawings at 2x);
- first slider: the median over ``--loads`` cold loads of the time from navigation
  start to the first slider's frame changing after a key press (the key is pressed
  as soon as the slider's control exists);
- Tab: how many Tab presses from the top of the loaded page reach the first slider;
- switch: over ``--presses`` arrow-key presses on the page's first slider, the
  median time from the ``keydown`` event to the new frame being shown, and to the
  animation frame that paints it (after the image is decoded).

It reads both slider markups: the static one (``input.nllce-range``, frames as
``img.nllce-frame-image``) and the ipywidgets one of earlier builds (``.noUi-handle``,
frames in ``.nllce-frame``), so a build from before can be measured the same way.

Targets: first slider < 1 s, switch (painted) < 16 ms, <= 2.5 MB transferred per slider
page, cached build < 1/4 of cold.
"""

import argparse
import gzip
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from playwright.sync_api import sync_playwright

from tools import chromium, toc
from tools.build_book import run_build
from tools.serve import served

STATE = re.compile(
    r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', re.DOTALL
)
IMAGE = re.compile(r'<img [^>]*src="(?!data:)([^"]+)"')
STATIC_FRAME = re.compile(r'<img class="nllce-frame-image" [^>]*>')
# The control a reader moves first, in either markup, and the frames it switches.
CONTROL = "input.nllce-range, .nllce-slider .noUi-handle"
FRAMES = ".nllce-frame-image, .nllce-frame img"
# Before the page's own scripts: record when the first slider's visible frame changes.
FIRST_SWITCH_JS = """(() => {
    window.firstSwitch = null;
    let first = null;
    const shown = () => {
        const box = document.querySelector('.nllce-slider');
        const image = box && Array.from(box.querySelectorAll('FRAMES'))
            .find(img => img.offsetParent !== null);
        return image ? image.getAttribute('alt') : null;
    };
    new MutationObserver((_, observer) => {
        const alt = shown();
        if (alt === null) return;
        if (first === null) first = alt;
        else if (alt !== first) {
            window.firstSwitch = performance.now();
            observer.disconnect();
        }
    }).observe(document, {subtree: true, childList: true, attributes: true,
                          attributeFilter: ['hidden', 'style', 'class']});
})();""".replace("FRAMES", FRAMES)
# Records, for each key press, when the keydown event was created, when a new frame
# was shown, and the animation frame that paints it once its image is decoded.
SWITCH_RECORDER_JS = """box => {
    const shownImage = () => Array.from(box.querySelectorAll('FRAMES'))
        .find(img => img.offsetParent !== null);
    window.switches = [];
    let current = null;
    document.addEventListener('keydown', event => {
        const image = shownImage();
        current = {keydown: event.timeStamp, alt: image ? image.alt : null};
    }, true);
    new MutationObserver(() => {
        if (current === null || current.dom !== undefined) return;
        const image = shownImage();
        if (!image || image.alt === current.alt) return;
        const record = current;
        record.dom = performance.now();
        image.decode().then(() => requestAnimationFrame(time => {
            record.painted = time;
            window.switches.push(record);
        }));
    }).observe(box, {subtree: true, childList: true, attributes: true,
                     attributeFilter: ['hidden', 'style', 'class']});
}""".replace("FRAMES", FRAMES)
# The position of a slider control and its last position, in either markup.
POSITION_JS = """control => control.matches('input')
    ? [Number(control.value), Number(control.max)]
    : [Number(control.getAttribute('aria-valuenow')),
       Number(control.getAttribute('aria-valuemax'))]"""
# The figures' drawings, files of the site since the <picture> markup (_ext/pictures.py).
DRAWINGS = "/_images/nllce/"
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True}
TRANSFERRED_JS = """() => [performance.getEntriesByType('navigation')[0],
                      ...performance.getEntriesByType('resource')]
    .map(entry => ({url: entry.name, bytes: entry.decodedBodySize}))"""
FOCUSED_CONTROL_JS = """() => document.activeElement !== null
    && document.activeElement === document.querySelector('CONTROL')""".replace("CONTROL", CONTROL)
MATHJAX_DONE_JS = """async () => {
    if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
        await MathJax.startup.promise;
    }
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
    return {
        "html": len(text.encode()),
        "state": len(state.group(1).encode()) if state else 0,
        "frames": sum(len(tag.encode()) for tag in STATIC_FRAME.findall(text)),
    }


def is_slider_page(html_dir, page):
    text = (html_dir / page).read_text()
    return "nllce-static" in text or (STATE.search(text) is not None and "nllce-frame" in text)


def new_page(browser, base_url, slowdown=1, phone=False):
    """A page in a fresh context (a cold cache), on a desktop or a phone screen. The
    browser resolves no host but 127.0.0.1 (`chromium.LOCAL_ONLY`), so nothing leaves
    the machine and no request is intercepted: interception would add a round trip
    through Python to each."""
    screen = PHONE if phone else {"viewport": {"width": 1280, "height": 900}}
    context = browser.new_context(**screen)
    page = context.new_page()
    if slowdown != 1:
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
    return context, page


def first_slider_ms(browser, base_url, page_path, loads, slowdown):
    """Median time from navigation to the first slider's frame changing after a key."""
    times = []
    for _ in range(loads):
        context, page = new_page(browser, base_url, slowdown)
        page.add_init_script(FIRST_SWITCH_JS)
        page.goto(base_url + page_path, wait_until="commit")
        # two round trips to the page, so that the harness adds little: wait for the
        # control and read its position, then focus it and press the key
        position = page.wait_for_function(
            f"() => {{ const c = document.querySelector({CONTROL!r}); "
            f"return c !== null && ({POSITION_JS})(c); }}",
            timeout=60_000,
        ).json_value()
        value, last = position
        page.locator(CONTROL).first.press("ArrowRight" if value < last else "ArrowLeft")
        page.wait_for_function("window.firstSwitch !== null", timeout=60_000, polling=10)
        times.append(page.evaluate("window.firstSwitch"))
        context.close()
    return statistics.median(times)


def transferred(browser, base_url, html_dir, page_path, phone=False):
    """Bytes the page loaded until the network was idle: uncompressed, gzipped, and the
    drawings among them."""
    context, page = new_page(browser, base_url, phone=phone)
    page.goto(base_url + page_path, wait_until="networkidle")
    entries = page.evaluate(TRANSFERRED_JS)
    context.close()
    raw = sum(entry["bytes"] for entry in entries)
    drawings = sum(entry["bytes"] for entry in entries if DRAWINGS in entry["url"])
    zipped = 0
    for entry in entries:
        path = html_dir / urllib.parse.unquote(urllib.parse.urlsplit(entry["url"]).path.lstrip("/"))
        if path.is_file():
            zipped += len(gzip.compress(path.read_bytes(), 6))
    return raw, zipped, drawings


def tabs_to_first_slider(browser, base_url, page_path, limit=400):
    """Tab presses from the top of the loaded page to the first slider's control."""
    context, page = new_page(browser, base_url)
    page.goto(base_url + page_path, wait_until="networkidle")
    page.locator(CONTROL).first.wait_for(timeout=60_000)
    page.evaluate(MATHJAX_DONE_JS)
    presses = 0
    while presses < limit and not page.evaluate(FOCUSED_CONTROL_JS):
        page.keyboard.press("Tab")
        presses += 1
    context.close()
    return presses if presses < limit else None


def switch_ms(browser, base_url, page_path, presses):
    context, page = new_page(browser, base_url)
    page.goto(base_url + page_path, wait_until="networkidle")
    control = page.locator(CONTROL).first
    control.wait_for(timeout=30_000)
    box = page.locator(".nllce-slider").first
    box.evaluate(SWITCH_RECORDER_JS)
    index, last = control.evaluate(POSITION_JS)
    control.focus()
    for press in range(presses):
        step = 1 if index < last else -1
        if last > 1 and 0 < index < last and (press // last) % 2:
            step = -1
        page.keyboard.press("ArrowRight" if step == 1 else "ArrowLeft")
        index += step
        page.wait_for_function("n => window.switches.length >= n", arg=press + 1, timeout=5_000)
    switches = page.evaluate("window.switches")
    context.close()
    return (statistics.median(s["dom"] - s["keydown"] for s in switches),
            statistics.median(s["painted"] - s["keydown"] for s in switches))


def measure_pages(html_dir, loads, presses, slowdowns=(1, 4), pages=None):
    with served(html_dir) as base_url, sync_playwright() as playwright:
        browser = chromium.launch(playwright, extra_args=chromium.LOCAL_ONLY)
        try:
            return _measure_pages(html_dir, base_url, browser, loads, presses, slowdowns, pages)
        finally:
            browser.close()


def _measure_pages(html_dir, base_url, browser, loads, presses, slowdowns, pages):
    firsts = "".join(f" {f'1st slider ms x{rate}':>17}" for rate in slowdowns)
    print(f"\n{'page':22} {'html kB':>8} {'state kB':>9} {'frames kB':>10} {'sent kB':>8} "
          f"{'gzip kB':>8} {'phone kB':>9}{firsts} {'Tabs':>5} {'switch ms':>10} "
          f"{'painted ms':>11}")
    results = {}
    for page_path in pages or [f"{docname}.html" for docname in toc.chapters()]:
        sizes = page_bytes(html_dir, page_path)
        raw, zipped, drawings = transferred(browser, base_url, html_dir, page_path)
        phone, _, _ = transferred(browser, base_url, html_dir, page_path, phone=True)
        sizes["frames"] += drawings
        row = (f"{page_path.removeprefix('book/'):22} {sizes['html'] / 1e3:8.0f} "
               f"{sizes['state'] / 1e3:9.0f} {sizes['frames'] / 1e3:10.0f} "
               f"{raw / 1e3:8.0f} {zipped / 1e3:8.0f} {phone / 1e3:9.0f}")
        result = {**sizes, "transferred": raw, "gzip": zipped, "phone": phone}
        if is_slider_page(html_dir, page_path):
            for rate in slowdowns:
                result[f"first_ms_x{rate}"] = first_slider_ms(
                    browser, base_url, page_path, loads, rate
                )
                row += f" {result[f'first_ms_x{rate}']:17.0f}"
            result["tabs"] = tabs_to_first_slider(browser, base_url, page_path)
            result["switch_ms"], result["painted_ms"] = switch_ms(
                browser, base_url, page_path, presses
            )
            row += (f" {result['tabs'] if result['tabs'] is not None else '>400':>5} "
                    f"{result['switch_ms']:10.1f} {result['painted_ms']:11.1f}")
        results[page_path] = result
        print(row, flush=True)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, help="measure this built site; skip the builds")
    parser.add_argument("--loads", type=int, default=5, help="page loads per page (median)")
    parser.add_argument("--presses", type=int, default=20, help="key presses per slider")
    parser.add_argument("--slowdown", default="1,4",
                        help="CPU slowdowns to measure the first slider at (comma-separated)")
    parser.add_argument("--pages", nargs="*", help="only these pages (e.g. book/likelihood.html)")
    args = parser.parse_args()
    slowdowns = [float(rate) if "." in rate else int(rate) for rate in args.slowdown.split(",")]
    if args.html:
        results = measure_pages(args.html.resolve(), args.loads, args.presses, slowdowns,
                                args.pages)
        print(json.dumps(results))
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
        results = measure_pages(output / "_build" / "html", args.loads, args.presses, slowdowns,
                                args.pages)
    print(json.dumps({"cold_s": round(cold, 1), "cached_s": round(cached, 1), "pages": results}))


if __name__ == "__main__":
    main()
