"""The built site as a whole: self-contained, within budget, searchable, usable from disk."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.browser.sliders import served_sliders

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"

PAGE_FRAME_BUDGET = 1_500_000  # bytes of slider frames per page
STATIC_FRAME = re.compile(r'<img class="nllce-frame-image" [^>]*>')
VENDORED = [
    "_static/vendored/require.js",
    "_static/vendored/widgets-setup.js",
    "_static/vendored/widgets.css",
    "_static/vendored/jupyter-widgets/html-manager/dist/embed-amd.js",
    "_static/vendored/mathjax/tex-chtml.js",
    "_static/vendored/thebe/index.js",
    "_static/vendored/thebe/thebe.css",
    "_static/vendored/thebe-setup.js",
    "_static/vendored/thebe-mathjax.js",
]
# What only a page with saved widget state loads (myst-nb's nb_ipywidgets_js).
WIDGET_MANAGER = ["require.js", "widgets-setup.js", "embed-amd.js"]
SITE_FILES = ["_static/nllce-sliders.js", "_static/nllce-sliders.css"]
THEBE_JS_URL = re.compile(r'const THEBE_JS_URL = "([^"]*)"')


def frames(page_html):
    """The frames (``<img>`` tags) of a built page's static sliders."""
    return STATIC_FRAME.findall(page_html)


def slider_pages(html_dir, pages):
    return [page for page in pages if served_sliders((html_dir / page).read_text())]


@pytest.mark.build
def test_book_has_slider_pages(built_book, book_pages):
    assert slider_pages(built_book, book_pages), "no page of the book holds a prerendered slider"


@pytest.mark.build
def test_slider_frames_fit_the_page_budget(built_book, book_pages):
    sizes = {page: sum(map(len, frames((built_book / page).read_text()))) for page in book_pages}
    assert {page: size for page, size in sizes.items() if size > PAGE_FRAME_BUDGET} == {}


@pytest.mark.build
def test_every_saved_frame_has_real_alt_text(built_book, book_pages):
    for page in book_pages:
        for slider in served_sliders((built_book / page).read_text()):
            for frame in slider.frames.values():
                alt = (frame["alt"] or "").strip()
                assert alt and "data:image" not in alt, f"{page}: frame without alt text"


LOADING_RELS = frozenset({"stylesheet", "preload", "modulepreload", "icon", "shortcut", "manifest"})


class _Loads(HTMLParser):
    """Collects the URLs a page loads by itself: scripts, styles, fonts, icons, images."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"script", "img", "iframe", "audio", "video", "source"} and attrs.get("src"):
            self.urls.append(attrs["src"])
        rels = set((attrs.get("rel") or "").split())
        if tag == "link" and rels & LOADING_RELS and attrs.get("href"):
            self.urls.append(attrs["href"])


@pytest.mark.build
def test_built_pages_load_only_files_of_the_site(built_book):
    remote = {}
    for page in built_book.rglob("*.html"):
        parser = _Loads()
        parser.feed(page.read_text())
        urls = [url for url in parser.urls if re.match(r"(https?:)?//", url)]
        if urls:
            remote[str(page.relative_to(built_book))] = urls
    assert remote == {}


def test_front_end_packages_are_pinned_with_integrity():
    root = Path(__file__).resolve().parents[2]
    wanted = json.loads((root / "package.json").read_text())["dependencies"]
    locked = json.loads((root / "package-lock.json").read_text())["packages"]
    for name, version in wanted.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} is not pinned: {version}"
        entry = locked[f"node_modules/{name}"]
        assert entry["version"] == version
        assert entry["integrity"].startswith("sha512-")


@pytest.mark.build
def test_slider_pages_load_no_widget_manager_and_the_site_files(built_book, book_pages):
    """Static sliders are native HTML: no widget state, require.js or widget manager."""
    for path in VENDORED:
        assert (built_book / path).is_file(), f"{path} missing: run python -m tools.vendor_assets"
    fonts = built_book / "_static/vendored/jupyter-widgets/html-manager/dist"
    assert list(fonts.glob("*.woff2")), "the widget manager's icon fonts are not served"
    for path in SITE_FILES:
        assert (built_book / path).is_file(), f"{path} missing"
    pages = slider_pages(built_book, book_pages)
    for page in pages:
        text = (built_book / page).read_text()
        assert "application/vnd.jupyter.widget-state+json" not in text, page
        loaded = [name for name in WIDGET_MANAGER if re.search(rf'<script src="[^"]*{name}', text)]
        assert loaded == [], f"{page} loads {loaded}"
        assert re.search(r'<script async="async" src="(\.\./)*_static/nllce-sliders\.js', text)
        assert re.search(r'<link [^>]*href="(\.\./)*_static/nllce-sliders\.css', text)
        assert "integrity=" not in text


@pytest.mark.build
def test_no_page_loads_mathjax_fontawesome_or_the_unused_search_scripts(built_book):
    """Math is SVG rendered at build time; the theme's icons come from its web font; the
    search scripts load on the search page only (the theme's search-as-you-type is off)."""
    assert (built_book / "_static/nllce-math.css").is_file()
    loads = {}
    for page in built_book.rglob("*.html"):
        parser = _Loads()
        parser.feed(page.read_text())
        unwanted = [url for url in parser.urls if re.search(r"mathjax|fontawesome\.js", url)]
        if page.name != "search.html":
            unwanted += [url for url in parser.urls
                         if re.search(r"searchindex\.js|searchtools\.js|language_data\.js", url)]
        if unwanted:
            loads[str(page.relative_to(built_book))] = unwanted
    assert loads == {}


# Every url() of every style rule the page holds (stylesheets, imports, and the <style>
# elements the widget manager injects), resolved as the browser would, then fetched.
STYLE_URLS_JS = """async () => {
    const urls = new Set();
    const walk = (rules, base) => {
        for (const rule of rules) {
            if (rule.styleSheet) walk(rule.styleSheet.cssRules, rule.styleSheet.href || base);
            if (rule.cssRules) walk(rule.cssRules, base);
            for (const match of (rule.style ? rule.style.cssText : '').matchAll(
                    /url\\(\\s*["']?([^"')]+)["']?\\s*\\)/g)) {
                if (!match[1].startsWith('data:')) urls.add(new URL(match[1], base).href);
            }
        }
    };
    for (const sheet of document.styleSheets) walk(sheet.cssRules, sheet.href || document.baseURI);
    const missing = [];
    for (const url of urls) {
        const response = await fetch(url);
        if (!response.ok) missing.push(`${response.status} ${url}`);
    }
    return {count: urls.size, missing};
}"""


@pytest.mark.build
@pytest.mark.browser
def test_every_file_the_styles_of_a_slider_page_name_is_served(visit, built_book, book_pages):
    """Icon fonts load only when an icon shows, so fetch every url() of the styles."""
    seen = visit(slider_pages(built_book, book_pages)[0])
    found = seen.page.evaluate(STYLE_URLS_JS)
    assert found["count"] >= 4, "the page's styles name fewer files than the icon fonts alone"
    assert found["missing"] == []


@pytest.mark.build
def test_live_code_loads_the_vendored_thebe(built_book, book_pages):
    """sphinx-thebe names unpkg's thebe@0.8.2; every page must name the book's Thebe 0.9."""
    thebe = (built_book / "_static/vendored/thebe/index.js").resolve()
    for page in book_pages:
        text = (built_book / page).read_text()
        urls = THEBE_JS_URL.findall(text)
        assert len(urls) == 1, f"{page}: THEBE_JS_URL declared {len(urls)} times"
        assert ((built_book / page).parent / urls[0]).resolve() == thebe, f"{page}: {urls[0]}"
        assert re.search(
            r'<script defer="defer" src="(\.\./)*_static/vendored/thebe-setup\.js(\?v=\w+)?">',
            text,
        )


@pytest.mark.build
@pytest.mark.browser
def test_search_works_offline(visit):
    seen = visit("search.html?q=entropy")
    results = seen.page.locator("#search-results ul.search li")
    results.first.wait_for(timeout=10_000)
    assert results.count() > 0
    assert seen.external_requests == [] and seen.console_errors == []


@pytest.mark.build
@pytest.mark.browser
def test_slider_page_works_opened_from_disk(visit, built_book, book_pages):
    page = slider_pages(built_book, book_pages)[0]
    seen = visit(page, base_url=built_book.as_uri() + "/")
    assert seen.math()["unrendered"] == []
    box = seen.sliders()[0]
    before = seen.slider_now(box)["frames"]
    box.locator("input.nllce-range").first.focus()
    seen.page.keyboard.press("Home")  # to the first position
    seen.page.keyboard.press("ArrowRight")
    seen.page.wait_for_timeout(200)
    after = seen.slider_now(box)["frames"]
    assert len(before) == len(after) == 1 and before != after
    assert after[0]["position"].split()[0] == "1"
    assert seen.external_requests == [] and seen.console_errors == []


@pytest.mark.build
@pytest.mark.browser
def test_screenshots_of_a_slider_move(visit, built_book, book_pages):
    """Saves artifacts/slider-before.png and slider-after.png to look at."""
    page = slider_pages(built_book, book_pages)[0]
    seen = visit(page)
    box = seen.sliders()[0]
    box.evaluate("element => element.scrollIntoView({block: 'center'})")
    before = seen.slider_now(box)["frames"]
    ARTIFACTS.mkdir(exist_ok=True)
    seen.page.screenshot(path=ARTIFACTS / "slider-before.png")
    box.locator("input.nllce-range").first.focus()
    seen.page.keyboard.press("End")  # to the last position
    seen.page.wait_for_timeout(300)
    seen.page.screenshot(path=ARTIFACTS / "slider-after.png")
    assert seen.slider_now(box)["frames"] != before


# The search page's results, once it has listed them all: link text, address, description.
SEARCH_DONE_JS = """() => /Search finished|did not match/.test(
    document.querySelector('#search-results').textContent)"""
SEARCH_RESULTS_JS = """() => Array.from(document.querySelectorAll('#search-results ul.search > li'))
    .map(item => ({title: item.querySelector('a').textContent,
                   href: item.querySelector('a').getAttribute('href'),
                   description: item.querySelector(':scope > span') !== null}))"""


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("query", ["entropy", "glossary", "nats", "softmax"])
def test_search_lists_each_page_once(visit, query):
    """One result per page under its own title: the glossary once, not once per term
    (its terms are index entries; assets/search-scorer.js). Its sections ("Page >
    Section") and API objects (with a description) may come as well."""
    seen = visit(f"search.html?q={query}")
    seen.page.wait_for_function(SEARCH_DONE_JS, timeout=15_000)
    results = seen.page.evaluate(SEARCH_RESULTS_JS)
    assert results, f"nothing found for {query!r}"
    pages = [result["href"].split("#")[0] for result in results
             if " > " not in result["title"] and not result["description"]]
    repeated = sorted({page for page in pages if pages.count(page) > 1})
    assert not repeated, f"{query!r}: listed more than once: {repeated}"
    glossary = [result for result in results if result["href"].startswith("book/glossary.html")]
    assert len(glossary) == 1, glossary
    if query == "entropy":  # the best match: the term itself
        assert glossary[0]["href"] == "book/glossary.html#term-entropy"
    assert seen.external_requests == [] and seen.console_errors == []
