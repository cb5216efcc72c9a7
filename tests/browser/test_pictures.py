"""Figures and slider frames as a reader's browser picks them: phone or wide, light or
dark, 1x or 2x, on screen or in print (src/nllce/_pictures.py, _ext/pictures.py).

Screenshots to look at go to artifacts/: pictures-phone-light.png,
pictures-phone-dark.png, pictures-wide-dark.png.
"""

from pathlib import Path

import pytest

pytestmark = [pytest.mark.build, pytest.mark.browser]

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
PHONE = {"width": 390, "height": 844}
# The smallest figure text a reader should have to read, in CSS pixels (issue 12).
SMALLEST_TEXT_PX = 9
# Every picture the reader sees now (each figure, and each slider's shown frame): which
# drawing the browser took, how wide it is shown, and its smallest text at that width.
SHOWN_JS = """() => Array.from(document.querySelectorAll('main picture > img'))
    .filter(image => image.offsetParent !== null)
    .map(image => {
        const picture = image.parentElement;
        const taken = Array.from(picture.querySelectorAll('source'))
            .find(source => source.srcset.split(',')
                .some(candidate => image.currentSrc.endsWith(candidate.trim().split(' ')[0]
                    .replace(/^(\\.\\.\\/)+/, ''))));
        const drawing = taken || image;
        const media = taken ? taken.getAttribute('media') : 'img';
        return {
            alt: image.alt.slice(0, 50),
            media,
            dark: taken ? taken.dataset.theme === 'dark' : false,
            narrow: media.includes('max-width'),
            density: image.currentSrc === image.src ? 1
                : (image.srcset.includes(image.currentSrc.split('/').pop()) ? 2
                : (drawing.srcset || '').split(',').findIndex(
                    c => c.includes(image.currentSrc.split('/').pop())) + 1),
            shownWidth: image.getBoundingClientRect().width,
            columnWidth: image.closest('main').getBoundingClientRect().width,
            textPx: Number(drawing.dataset.textPx) * image.getBoundingClientRect().width
                / Number(drawing.getAttribute('width')),
            loaded: image.complete && image.naturalWidth > 0,
        };
    })"""


def picture_pages(html_dir, pages):
    return [page for page in pages if "<picture>" in (html_dir / page).read_text()]


def shown(seen):
    seen.page.wait_for_function(
        "() => Array.from(document.querySelectorAll('main picture > img'))"
        ".filter(i => i.offsetParent !== null).every(i => i.complete && i.currentSrc)"
    )
    return seen.page.evaluate(SHOWN_JS)


def test_every_page_with_figures_shows_them_as_pictures(built_book, book_pages):
    pages = picture_pages(built_book, book_pages)
    # the 9 chapters with a slider or a figure, and the preface's map
    assert len(pages) >= 10, pages
    for page in pages:
        text = (built_book / page).read_text()
        assert "data:image/png" not in text, f"{page} carries an image in its HTML"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_every_figure_is_the_narrow_drawing_with_text_of_9px_or_more(
    visit, built_book, book_pages, scheme
):
    problems, seen_any = [], 0
    for page in picture_pages(built_book, book_pages):
        seen = visit(page, viewport=PHONE, color_scheme=scheme, device_scale_factor=3)
        for picture in shown(seen):
            seen_any += 1
            if not picture["narrow"] or picture["dark"] != (scheme == "dark"):
                problems.append(f"{page}: {picture['alt']!r} took {picture['media']}")
            if picture["density"] != 2:
                problems.append(f"{page}: {picture['alt']!r} is not the 2x drawing")
            if picture["textPx"] < SMALLEST_TEXT_PX:
                problems.append(f"{page}: {picture['alt']!r} has {picture['textPx']:.1f} px text")
            if picture["shownWidth"] > picture["columnWidth"] + 1:
                problems.append(f"{page}: {picture['alt']!r} is wider than the column")
        if page == "book/likelihood.html":
            box = seen.sliders()[0]
            box.evaluate("element => element.scrollIntoView({block: 'start'})")
            ARTIFACTS.mkdir(exist_ok=True)
            seen.page.screenshot(path=ARTIFACTS / f"pictures-phone-{scheme}.png")
        assert seen.console_errors == [] and seen.failed_responses == []
    assert seen_any >= 16 and problems == [], problems


def test_just_above_the_phone_width_the_wide_drawings_keep_9px_text(
    visit, built_book, book_pages
):
    # the narrowest screen that gets the wide drawings, shrunk the most to fit
    tablet = {"width": 601, "height": 900}
    problems, seen = [], 0
    for page in picture_pages(built_book, book_pages):
        pictures = shown(visit(page, viewport=tablet))
        seen += len(pictures)
        problems.extend(
            f"{page}: {picture}" for picture in pictures
            if picture["narrow"] or picture["textPx"] < SMALLEST_TEXT_PX
        )
    assert seen >= 16 and problems == [], (seen, problems)


def test_on_a_wide_screen_the_wide_drawing_in_the_reader_s_mode_at_1x(visit):
    page = "book/likelihood.html"
    light = visit(page)
    dark = visit(page, color_scheme="dark")
    for picture in shown(light):
        assert (picture["media"], picture["density"]) == ("img", 1), picture
        assert picture["textPx"] >= SMALLEST_TEXT_PX, picture
    for picture in shown(dark):
        # the media query of the dark, wide drawing (the script drops the system's part
        # once it has read the theme, which follows the system here)
        assert picture["media"].startswith("screen") and picture["dark"], picture
        assert (picture["narrow"], picture["density"]) == (False, 1), picture
    dark.sliders()[0].evaluate("element => element.scrollIntoView({block: 'center'})")
    ARTIFACTS.mkdir(exist_ok=True)
    dark.page.screenshot(path=ARTIFACTS / "pictures-wide-dark.png")


def test_the_theme_switch_wins_over_the_system_for_the_drawings(visit):
    for system, chosen in (("light", "dark"), ("dark", "light")):
        seen = visit("book/likelihood.html", color_scheme=system)
        assert {picture["dark"] for picture in shown(seen)} == {system == "dark"}
        # what the theme's switch does: data-theme on <html>
        seen.page.evaluate(f"document.documentElement.dataset.theme = '{chosen}'")
        every = "every(p => p.dark)" if chosen == "dark" else "every(p => !p.dark)"
        seen.page.wait_for_function(f"() => ({SHOWN_JS})().{every}", timeout=5_000)
        assert {picture["dark"] for picture in shown(seen)} == {chosen == "dark"}


def test_print_takes_the_light_wide_drawing_even_on_a_dark_system(visit):
    seen = visit("book/likelihood.html", color_scheme="dark")
    seen.page.emulate_media(media="print")
    seen.page.wait_for_function(
        "() => Array.from(document.querySelectorAll('main picture > img'))"
        ".filter(i => i.offsetParent !== null).every(i => i.currentSrc === i.src"
        " || i.srcset.includes(i.currentSrc.split('/').pop()))"
    )
    assert {(picture["dark"], picture["narrow"]) for picture in shown(seen)} == {(False, False)}


def test_a_reader_downloads_one_drawing_of_each_frame(visit):
    requested = []
    seen = visit("book/likelihood.html")
    seen.page.on("request", lambda request: requested.append(request.url))
    seen.page.reload(wait_until="networkidle")
    drawings = [url for url in requested if "/_images/nllce/" in url]
    frames = seen.page.locator("main .nllce-static picture").count()
    figures = seen.page.locator("main figure picture").count()
    assert frames > 0 and figures > 0
    assert len(drawings) == len(set(drawings)) == frames + figures
