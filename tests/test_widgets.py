"""Unit tests of nllce.widgets: one call, two versions (static and live), frames, errors."""

import base64
import io
import json
import re
import struct
from html.parser import HTMLParser

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from bs4 import BeautifulSoup
from ipywidgets.widgets.widget import _instances as live_widgets
from matplotlib.figure import Figure
from PIL import Image

from nllce import style
from nllce._pictures import NARROW_DPI, SOURCES
from nllce._static_slider import PRINT_NOTE
from nllce._typeset import MINUS, number, superscript
from nllce.frames import Frame
from nllce.widgets import (
    ENVIRONMENT_VARIABLE,
    SLIDER_CLASS,
    StaticSlider,
    render_frame,
    slider,
    slider_grid,
    slider_mode,
)

NBSP = "\N{NO-BREAK SPACE}"


def bars_figure(q, p=0.5):
    fig = Figure(figsize=(1.5, 1))
    fig.add_subplot().bar([0, 1], [q, p])
    return fig


def bars(q, p=0.5):
    """A tiny frame function: two bars, with a readout and alt text from the same numbers."""
    return Frame(bars_figure(q, p), readout=f"q = {q}, p = {p}", alt=f"two bars, {q} and {p}")


def frame_parts(frame):
    """(alt, png bytes, readout or None) of a frame's HTML."""
    match = re.fullmatch(
        r'<div class="nllce-frame"><img class="nllce-frame-image" alt="([^"]*)" width="(\d+)" '
        r'height="(\d+)" style="[^"]*" src="data:image/png;base64,([A-Za-z0-9+/=]+)">'
        r'(?:<p class="nllce-readout" style="[^"]*">(.*)</p>)?</div>',
        frame,
    )
    assert match, frame[:200]
    alt, width, height, data, readout = match.groups()
    png = base64.b64decode(data)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert (int(width), int(height)) == struct.unpack(">II", png[16:24])
    return alt, png, readout


class StaticMarkup(HTMLParser):
    """The parts of a static slider's HTML: its box, controls, frames, readout and note."""

    def __init__(self, markup):
        super().__init__(convert_charrefs=True)
        self.boxes, self.labels, self.inputs, self.values, self.images = [], [], [], [], []
        self.readouts, self.notes, self._text = [], [], None
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "div" and SLIDER_CLASS in classes:
            self.boxes.append(attrs)
        elif tag == "input":
            self.inputs.append(attrs)
        elif tag == "img":
            self.images.append(attrs)
        for kind, found in [("nllce-label", self.labels), ("nllce-value", self.values),
                            ("nllce-readout", self.readouts), ("nllce-print-note", self.notes)]:
            if kind in classes:
                found.append({**attrs, "text": ""})
                self._text = found[-1]

    def handle_endtag(self, tag):
        if tag in {"label", "span", "p"}:
            self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text["text"] += data

    def shown(self):
        """The one image not hidden."""
        shown = [image for image in self.images if "hidden" not in image]
        assert len(shown) == 1, f"{len(shown)} frames shown"
        return shown[0]


def static_parts(page):
    """The parts of a static slider (a StaticSlider), checked for the shape every one has."""
    assert isinstance(page, StaticSlider)
    assert page._repr_html_() == page.html
    parts = StaticMarkup(page.html)
    assert len(parts.boxes) == 1 and "nllce-static" in parts.boxes[0]["class"].split()
    assert len(parts.labels) == len(parts.inputs) == len(parts.values)
    for label, element, value in zip(parts.labels, parts.inputs, parts.values, strict=True):
        assert element["type"] == "range" and element["class"] == "nllce-range"
        assert label["for"] == element["id"]
        assert (element["min"], element["step"]) == ("0", "1")
        texts = json.loads(element["data-texts"])
        assert int(element["max"]) == len(texts) - 1
        assert element["aria-valuetext"] == texts[int(element["value"])] == value["text"]
        assert value["aria-hidden"] == "true"
    assert len(parts.images) == page.frames
    for image in parts.images:
        assert image["src"].startswith("data:image/png;base64,")
        assert (int(image["width"]), int(image["height"])) == struct.unpack(
            ">II", base64.b64decode(image["src"].split(",", 1)[1])[16:24]
        )
    key = " ".join(element["value"] for element in parts.inputs)
    assert parts.shown()["data-position"] == key
    if parts.readouts:
        assert len(parts.readouts) == 1 and parts.readouts[0]["aria-live"] == "polite"
        assert parts.readouts[0]["text"] == parts.shown()["data-readout"]
    assert [note["text"] for note in parts.notes] == [PRINT_NOTE]
    return parts


def png_of(image):
    return base64.b64decode(image["src"].split(",", 1)[1])


@pytest.fixture
def static(monkeypatch):
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "static")


@pytest.fixture
def live(monkeypatch):
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "live")


# ---- the mode: NLLCE_SLIDERS ----------------------------------------------------------------


@pytest.mark.parametrize(("value", "mode"), [("static", "static"), ("live", "live"), ("", "live")])
def test_the_environment_variable_picks_the_version(monkeypatch, value, mode):
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, value)
    assert slider_mode() == mode
    monkeypatch.delenv(ENVIRONMENT_VARIABLE)
    assert slider_mode() == "live"  # Binder, JupyterLab, a hub, nbclient in the tests


@pytest.mark.parametrize("value", ["Static", "prerendered", "1"])
def test_an_unknown_mode_is_an_error_naming_the_variable_and_the_allowed_values(
    monkeypatch, value
):
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, value)
    message = (
        rf"the environment variable NLLCE_SLIDERS must be one of \('static', 'live'\) "
        rf"\(or unset, which means 'live'\); got '{value}'"
    )
    with pytest.raises(ValueError, match=message):
        slider(bars, "q", [0.2, 0.5], default=0.5, dpi=20)
    with pytest.raises(ValueError, match=message):
        slider_grid(bars, {"q": [0.2], "p": [0.5]}, defaults={"q": 0.2, "p": 0.5}, dpi=20)


def test_one_call_gives_the_static_and_the_live_slider_from_the_same_frame_function(
    monkeypatch,
):
    seen = []

    def frame(q):
        seen.append(q)
        return bars(q)

    kwargs = {"default": 0.5, "label": "q₁", "dpi": 20, "live": {"min": 0.0, "max": 1.0,
                                                                  "step": 0.05}}
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "static")
    static_box = slider(frame, "q", [0.2, 0.5, 0.8], **kwargs)
    # each position drawn four ways: wide and narrow, for a light and a dark page
    assert seen == [0.2] * 4 + [0.5] * 4 + [0.8] * 4
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "live")
    live_box = slider(frame, "q", [0.2, 0.5, 0.8], **kwargs)
    assert seen[12:] == [0.5]  # live renders only the default frame, once

    parts = static_parts(static_box)
    (moving, shown), picture = live_box.children[0].children, live_box.children[1]
    assert isinstance(moving, ipywidgets.FloatSlider)
    # the same starting value, label and frame
    assert parts.values[0]["text"] == shown.value == "0.5"
    assert parts.labels[0]["text"] == moving.description == "q₁"
    alt, png, readout = frame_parts(picture.value)
    assert (parts.shown()["alt"], png_of(parts.shown()), parts.readouts[0]["text"]) == (
        alt, png, readout
    )
    assert SLIDER_CLASS in live_box._dom_classes


# ---- static: prerendered frames ---------------------------------------------------------------


def test_one_frame_per_value_with_the_figure_readout_and_alt_of_that_value(static):
    values = [0.2, 0.5, 0.8]
    parts = static_parts(slider(bars, "q", values, default=0.5, dpi=30))
    assert len(parts.images) == len(values)
    for position, (value, image) in enumerate(zip(values, parts.images, strict=True)):
        alt, png, readout = frame_parts(render_frame(bars, {"q": value}, dpi=30))
        assert image["data-position"] == str(position)
        assert (image["alt"], png_of(image), image["data-readout"]) == (alt, png, readout)
        assert (alt, readout) == (f"two bars, {value} and 0.5", f"q = {value}, p = 0.5")
    assert len({png_of(image) for image in parts.images}) == len(values)  # the frames differ


def test_static_slider_is_native_html_and_makes_no_widget(static):
    before = dict(live_widgets)
    page = slider(bars, "q", [0.2, 0.5, 0.8], default=0.2, dpi=20)
    assert dict(live_widgets) == before  # no widget, so the page saves no widget state
    assert repr(page) == "<nllce static slider, 3 frames>"
    assert "<script" not in page.html and "style=\"display" not in page.html


def test_the_default_frame_and_its_readout_show_before_any_script(static):
    parts = static_parts(slider(bars, "q", [0.2, 0.5, 0.8], default=0.5, dpi=20))
    assert ["hidden" in image for image in parts.images] == [True, False, True]
    assert parts.shown()["alt"] == "two bars, 0.5 and 0.5"
    assert parts.readouts[0]["text"] == "q = 0.5, p = 0.5"
    assert parts.inputs[0]["value"] == "1"
    # every frame has the same size, so the layout does not move when frames switch
    assert len({(image["width"], image["height"]) for image in parts.images}) == 1


def test_each_slider_on_a_page_has_its_own_ids(static):
    first = static_parts(slider(bars, "q", [0.2, 0.5], default=0.2, dpi=20))
    second = static_parts(slider(bars, "q", [0.2, 0.5], default=0.2, dpi=20))
    assert first.inputs[0]["id"] != second.inputs[0]["id"]


def test_slider_prints_values_with_their_unit(static):
    parts = static_parts(
        slider(bars, "q", [0.25, 0.5], default=0.25, unit="nats", label="q₁", dpi=20)
    )
    assert parts.labels[0]["text"] == "q₁"
    assert json.loads(parts.inputs[0]["data-texts"]) == [f"0.25{NBSP}nats", f"0.5{NBSP}nats"]
    assert parts.inputs[0]["aria-valuetext"] == f"0.25{NBSP}nats"


def test_value_format_controls_the_printed_values(static):
    parts = static_parts(slider(bars, "q", [0.125, 0.25], default=0.25, value_format=".2f",
                                dpi=20))
    assert json.loads(parts.inputs[0]["data-texts"]) == ["0.12", "0.25"]


def test_default_value_selects_its_frame(static):
    values = [0.1, 0.2, 0.3, 0.4]
    parts = static_parts(slider(bars, "q", values, default=0.1 + 0.2, dpi=20))
    assert parts.inputs[0]["value"] == parts.shown()["data-position"] == "2"  # close to 0.3


def test_numpy_values_are_accepted(static):
    parts = static_parts(slider(bars, "q", np.linspace(0.1, 0.9, 5), default=0.5, dpi=20))
    assert parts.inputs[0]["value"] == "2"


def test_alt_text_readout_and_label_are_escaped(static):
    # a readout typeset as the frames write theirs (nllce._typeset): a real minus sign,
    # Unicode subscripts and superscripts, which reach the page as they are
    def quoted(q):
        readout = f"{MINUS}log q₁ = {number(-np.log(q), 3)} < 10{superscript(1)}"
        return Frame(bars_figure(q), readout=readout, alt='say "q < p"')

    page = slider(quoted, "q", [0.25, 0.5], default=0.25, label="<q>", dpi=20)
    assert 'alt="say &quot;q &lt; p&quot;"' in page.html and "<q>" not in page.html
    parts = static_parts(page)
    assert [image["alt"] for image in parts.images] == ['say "q < p"'] * 2
    assert [image["data-readout"] for image in parts.images] == [
        "\N{MINUS SIGN}log q₁ = 1.386 < 10¹", "\N{MINUS SIGN}log q₁ = 0.693 < 10¹"
    ]
    assert parts.readouts[0]["text"] == "\N{MINUS SIGN}log q₁ = 1.386 < 10¹"
    assert parts.labels[0]["text"] == "<q>"


def test_a_frame_without_readout_prints_none(static):
    page = slider(lambda q: Frame(bars_figure(q), None, "bars"), "q", [0.25], default=0.25,
                  dpi=20)
    parts = static_parts(page)
    assert parts.readouts == [] and "data-readout" not in parts.images[0]


def test_fixed_arguments_reach_the_frame(static):
    seen = []

    def frame(q, p):
        seen.append((q, p))
        return bars(q, p)

    slider(frame, "q", [0.2, 0.4], default=0.2, fixed={"p": 0.9}, dpi=20)
    assert seen == [(0.2, 0.9)] * 4 + [(0.4, 0.9)] * 4  # wide, narrow; light, dark


@pytest.mark.parametrize("mode", ["static", "live"])
def test_figures_are_closed_after_rendering(monkeypatch, mode):
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, mode)

    def pyplot_bars(q):
        fig, ax = plt.subplots(figsize=(1, 1))
        ax.bar([0], [q])
        return Frame(fig, f"q = {q}", "a bar")

    before = plt.get_fignums()
    box = slider(pyplot_bars, "q", [0.1, 0.2, 0.3], default=0.2, dpi=20)
    if mode == "live":
        box.children[0].children[0].value = 0.3
    assert plt.get_fignums() == before


def _downloads(page):
    """Bytes of each set of frames a browser may fetch, by the sources' order, then the img."""
    sizes = {}
    for picture in BeautifulSoup(page.html, "html.parser").select("picture"):
        urls = [source["srcset"] for source in picture.select("source")]
        image = picture.img
        urls += [image["src"], image["srcset"]]
        for index, srcset in enumerate(urls):
            for density, url in enumerate(re.findall(r"data:image/png;base64,([^ ,]+)", srcset)):
                key = (index, density)
                sizes[key] = sizes.get(key, 0) + len(base64.b64decode(url))
    return sizes


def test_frames_within_budget_pass_and_over_budget_fail_with_bytes_and_advice(static):
    page = slider(bars, "q", [0.2, 0.5], default=0.2, dpi=20)
    largest = max(_downloads(page).values())  # the largest set a browser may fetch
    slider(bars, "q", [0.2, 0.5], default=0.2, dpi=20, max_bytes=largest)
    message = (
        rf"the (light|dark) (wide|narrow) (1x|2x) frames for `q` take {largest:,} bytes, over "
        rf"the budget `max_bytes` = {largest - 1:,}; use fewer values or a lower `dpi` \(now 20\)"
    )
    with pytest.raises(ValueError, match=message):
        slider(bars, "q", [0.2, 0.5], default=0.2, dpi=20, max_bytes=largest - 1)


@style.house_style
def two_panels(q):
    """A frame drawn with the house style: two panels side by side, stacked when narrow."""
    fig, (left, right) = style.new_figure(1, 2, figsize=(6.8, 2.9))
    left.bar([0, 1], [q, 1 - q], color=style.COLORS["model"])
    right.plot([0, 1], [q, q], color=style.COLORS["data"])
    left.set_xlabel("class $i$")
    return Frame(fig, readout=f"q = {q}", alt=f"bars {q} and {1 - q}")


def _png(url):
    return base64.b64decode(url.removeprefix("data:image/png;base64,"))


def test_each_frame_is_drawn_wide_and_narrow_for_light_and_dark_at_1x_and_2x(static):
    page = slider(two_panels, "q", [0.2, 0.5], default=0.2, dpi=50)
    pictures = BeautifulSoup(page.html, "html.parser").select(".nllce-frames > picture")
    assert len(pictures) == 2
    for picture in pictures:
        sources, image = picture.select("source"), picture.img
        assert [source["media"] for source in sources] == [
            "screen and (prefers-color-scheme: dark) and (max-width: 600px)",
            "screen and (prefers-color-scheme: dark)",
            "(max-width: 600px)",
        ]
        # the dark sources say which media query to use when the theme's switch says dark
        assert [source.get("data-media") for source in sources] == [
            media if theme == "dark" else None for theme, _, media in SOURCES
        ]
        drawings = {}
        for (theme, layout, _), source in zip(SOURCES, sources, strict=True):
            one, two = re.fullmatch(r"(\S+) 1x, (\S+) 2x", source["srcset"]).groups()
            drawings[theme, layout] = (_png(one), _png(two), source)
        drawings["light", "wide"] = (
            _png(image["src"]), _png(image["srcset"].removesuffix(" 2x")), image
        )
        for (theme, layout), (one, two, element) in drawings.items():
            width, height = struct.unpack(">II", one[16:24])
            assert struct.unpack(">II", two[16:24]) == (2 * width, 2 * height)
            assert (int(element["width"]), int(element["height"])) == (width, height)
            expected_width = style.NARROW_WIDTH * NARROW_DPI if layout == "narrow" else 6.8 * 50
            assert width == pytest.approx(expected_width, abs=1)
            # the narrow drawing stacks the panels: taller than wide
            assert (height > width) == (layout == "narrow")
            corner = Image.open(io.BytesIO(one)).convert("RGB").getpixel((0, 0))
            paper = "#121212" if theme == "dark" else "#FFFFFF"
            assert "#{:02X}{:02X}{:02X}".format(*corner) == paper, (theme, layout)
            # the smallest text (10 pt ticks) in CSS pixels at the drawing's own width
            dpi = NARROW_DPI if layout == "narrow" else 50
            assert float(element["data-text-px"]) == pytest.approx(10 * dpi / 72, abs=0.05)
        assert image["class"] == ["nllce-frame-image", "dark-light"]  # no theme dimming


def test_the_style_draws_the_same_hues_on_a_dark_page():
    with style.dark_style():
        assert style.is_dark() and style.COLORS["paper"] == "#121212"
        assert style.COLORS["model"] == style.PALETTE["vermillion"]
        assert style.COLORS["data"] != style.PALETTE["blue"]  # lighter, for contrast
    assert not style.is_dark() and style.COLORS["data"] == style.PALETTE["blue"]


BAD_SLIDERS = [
    ([], {}, ValueError, r"`values` for `q` is empty; give at least one slider position"),
    ([0.1, 0.3, 0.2], {}, ValueError,
     r"`values` for `q` must be strictly increasing; 0.2 at position 2 follows 0.3"),
    ([0.1, 0.1], {}, ValueError, r"`values` for `q` must be strictly increasing"),
    ([0.1, float("nan")], {}, ValueError, r"`values` for `q` must be finite; got nan"),
    (["a", "b"], {}, TypeError, r"`values` for `q` must be real numbers; got 'a'"),
    ([True, False], {}, TypeError, r"`values` for `q` must be real numbers; got True"),
    ("abc", {}, TypeError, r"`values` for `q` must be a sequence of numbers"),
    ([0.1, 0.2], {"default": 0.15}, ValueError,
     r"`default` for `q` must be one of `values` \[0.1, 0.2\]; got 0.15"),
    ([0.1, 0.2], {"default": "0.1"}, TypeError, r"`default` for `q` must be a real number"),
    ([0.1, 0.2], {"default": None}, ValueError,
     r"`default` for `q` is required: the slider's starting value, one of `values`"),
    ([0.1001, 0.1002], {"value_format": ".2f", "default": 0.1001}, ValueError,
     r"`values` for `q` print alike with `value_format` '.2f'"),
    ([0.1], {"fixed": {"q": 1}}, ValueError,
     r"`fixed` must not set the slider parameter\(s\) \['q'\]"),
    ([0.1], {"fixed": [1]}, TypeError, r"`fixed` must be a mapping"),
    ([0.1], {"dpi": 0}, ValueError, r"`dpi` must be a positive number; got 0"),
    ([0.1], {"max_bytes": 0}, TypeError, r"`max_bytes` must be a positive integer; got 0"),
    ([0.1], {"unit": 3}, TypeError, r"`unit` must be a str; got 3"),
    ([0.1], {"label": ""}, ValueError, r"`label` must not be empty \(for `q`\)"),
    ([0.1], {"live": {"min": 1.0, "max": 0.0, "step": 0.1}}, ValueError,
     r"slider `q` needs `min` < `max`, `step` > 0 and `min` <= `default` <= `max`"),
    ([0.1], {"live": {"min": 0.0, "max": 1.0, "step": 0.0}}, ValueError, r"slider `q` needs"),
    ([0.1], {"live": {"min": 0.2, "max": 1.0, "step": 0.1}}, ValueError,
     r"got min=0.2, max=1.0, step=0.1, default=0.1"),
    ([0.1], {"live": {"min": 0.0, "max": 1.0, "step": "0.1"}}, TypeError,
     r"`step` for `q` must be a finite real number"),
    ([0.1], {"live": {"min": 0.0, "max": float("inf"), "step": 0.1}}, TypeError,
     r"`max` for `q` must be a finite real number"),
    ([0.1], {"live": {"min": 0.0, "max": 1.0}}, TypeError,
     r"`live` for `q` must be a mapping with the keys min, max and step"),
    ([0.1], {"live": (0.0, 1.0, 0.1)}, TypeError, r"`live` for `q` must be a mapping"),
]


@pytest.mark.parametrize("mode", ["static", "live"])
@pytest.mark.parametrize(("values", "kwargs", "error", "message"), BAD_SLIDERS)
def test_bad_input_fails_in_both_versions_naming_the_parameter(
    monkeypatch, mode, values, kwargs, error, message
):
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, mode)
    kwargs = {"default": 0.1, "dpi": 20, **kwargs}
    with pytest.raises(error, match=message):
        slider(bars, "q", values, **kwargs)


def test_default_is_a_required_argument():
    with pytest.raises(TypeError, match="default"):
        slider(bars, "q", [0.1, 0.2])


def blank_alt(q):
    return Frame(bars_figure(q), "r", "  ")


BAD_FRAMES = [
    (lambda q: Frame(bars_figure(q), "r", None), TypeError,
     r"`alt` must give a str for `q` = 0.1; got NoneType"),
    (blank_alt, ValueError, r"`alt` must not be empty \(for `q` = 0.1\)"),
    (lambda q: Frame(bars_figure(q), 1.0, "a"), TypeError,
     r"`readout` must give a str for `q` = 0.1; got float"),
    (bars_figure, TypeError,
     r"`frame` must return an nllce Frame\(figure, readout, alt\); got Figure for `q` = 0.1"),
    (lambda q: Frame(bars_figure(q).axes[0], "r", "a"), TypeError,
     r"the `figure` of the Frame must be a matplotlib Figure; got Axes for `q` = 0.1"),
]


@pytest.mark.parametrize("mode", ["static", "live"])
@pytest.mark.parametrize(("frame", "error", "message"), BAD_FRAMES)
def test_a_frame_function_returning_a_bad_frame_is_named(monkeypatch, mode, frame, error, message):
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, mode)
    with pytest.raises(error, match=message):
        slider(frame, "q", [0.1], default=0.1, dpi=20)


def test_frame_failing_for_one_value_names_the_value_and_chains_the_error(static):
    def fragile(q):
        if q == 0.5:
            raise ZeroDivisionError("no bars at one half")
        return bars(q)

    with pytest.raises(
        ValueError, match=r"`frame` raised ZeroDivisionError for `q` = 0.5: no bars at one half"
    ) as caught:
        slider(fragile, "q", [0.25, 0.5, 0.75], default=0.25, dpi=20)
    assert isinstance(caught.value.__cause__, ZeroDivisionError)


def test_frame_and_param_must_be_usable(static):
    with pytest.raises(TypeError, match=r"`frame` must be callable; got str"):
        slider("bars", "q", [0.1], default=0.1)
    with pytest.raises(TypeError, match=r"`param` must name a keyword argument of `frame`"):
        slider(bars, "not a name", [0.1], default=0.1)


# ---- static grid ------------------------------------------------------------------------------


def test_grid_has_two_range_inputs_and_a_frame_per_pair_of_positions(static):
    page = slider_grid(
        bars, {"q": [0.2, 0.5, 0.8], "p": [0.1, 0.9]}, defaults={"q": 0.8, "p": 0.1},
        labels={"q": "q₁"}, units={"p": "nats"}, dpi=20,
    )
    parts = static_parts(page)
    assert [label["text"] for label in parts.labels] == ["q₁", "p"]
    assert json.loads(parts.inputs[1]["data-texts"]) == [f"0.1{NBSP}nats", f"0.9{NBSP}nats"]
    assert [element["value"] for element in parts.inputs] == ["2", "0"]
    assert parts.shown()["data-position"] == "2 0"
    positions = [image["data-position"] for image in parts.images]
    assert positions == [f"{i} {j}" for i in range(3) for j in range(2)]
    for image, (q, p) in zip(parts.images, [(q, p) for q in [0.2, 0.5, 0.8] for p in [0.1, 0.9]],
                             strict=True):
        assert png_of(image) == frame_parts(render_frame(bars, {"q": q, "p": p}, dpi=20))[1]
        assert image["alt"] == f"two bars, {q} and {p}"


def test_grid_fixed_and_budget(static):
    page = slider_grid(
        lambda q, p, scale: bars(q * scale, p), {"q": [0.2, 0.4], "p": [0.5]},
        defaults={"q": 0.2, "p": 0.5}, fixed={"scale": 2}, dpi=20,
    )
    alts = [image["alt"] for image in static_parts(page).images]
    assert alts == ["two bars, 0.4 and 0.5", "two bars, 0.8 and 0.5"]
    with pytest.raises(ValueError, match=r"frames for `q` x `p` take [\d,]+ bytes"):
        slider_grid(bars, {"q": [0.2, 0.4], "p": [0.5]}, defaults={"q": 0.2, "p": 0.5}, dpi=20,
                    max_bytes=10)


@pytest.mark.parametrize("mode", ["static", "live"])
@pytest.mark.parametrize(
    ("params", "kwargs", "error", "message"),
    [
        ({"q": [0.1]}, {}, ValueError, r"`params` must be a mapping of exactly two"),
        ([("q", [0.1]), ("p", [0.1])], {}, ValueError, r"`params` must be a mapping"),
        ({"q": [0.1], "p": []}, {}, ValueError, r"`values` for `p` is empty"),
        ({"q": [0.1], "p": [0.3, 0.2]}, {}, ValueError, r"`values` for `p` must be strictly"),
        ({"q": [0.1], "p": [0.2]}, {"defaults": {"q": 0.1, "p": 0.3}}, ValueError,
         r"`defaults` for `p` must be one of `values` \[0.2\]; got 0.3"),
        ({"q": [0.1], "p": [0.2]}, {"defaults": {"q": 0.1}}, ValueError,
         r"`defaults` must give a value for every parameter; missing \['p'\]"),
        ({"q": [0.1], "p": [0.2]}, {"defaults": None}, TypeError,
         r"`defaults` must be a mapping from parameter names"),
        ({"q": [0.1], "p": [0.2]}, {"labels": {"x": "x"}}, ValueError,
         r"`labels` names \['x'\], which are not in `params` \['q', 'p'\]"),
        ({"q": [0.1], "p": [0.2]}, {"units": ["nats"]}, TypeError, r"`units` must be a mapping"),
        ({"q": [0.1], "p": [0.2]}, {"fixed": {"p": 1}}, ValueError, r"`fixed` must not set"),
        ({"q": [0.1], "p": [0.2]}, {"live": {"p": {"min": 0, "max": 0.1, "step": 0.1}}},
         ValueError, r"slider `p` needs `min` < `max`"),
    ],
)
def test_grid_bad_input(monkeypatch, mode, params, kwargs, error, message):
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, mode)
    kwargs = {"defaults": {"q": 0.1, "p": 0.2}, "dpi": 20, **kwargs}
    with pytest.raises(error, match=message):
        slider_grid(bars, params, **kwargs)


def test_grid_frame_failure_names_both_values(static):
    def fragile(q, p):
        if (q, p) == (0.2, 0.9):
            raise RuntimeError("corner")
        return bars(q, p)

    with pytest.raises(ValueError, match=r"`frame` raised RuntimeError for `q` = 0.2, `p` = 0.9"):
        slider_grid(fragile, {"q": [0.1, 0.2], "p": [0.5, 0.9]}, defaults={"q": 0.1, "p": 0.5},
                    dpi=20)


# ---- live: recomputed in the kernel -----------------------------------------------------------


def test_live_slider_recomputes_the_frame_on_every_move(live):
    box = slider(bars, "q", [0.2, 0.5], default=0.5, unit="nats", dpi=20,
                 live={"min": 0.0, "max": 1.0, "step": 0.05})
    (moving, shown), frame = box.children[0].children, box.children[1]
    assert isinstance(moving, ipywidgets.FloatSlider)
    assert (moving.min, moving.max, moving.step, moving.value) == (0.0, 1.0, 0.05, 0.5)
    assert not moving.continuous_update  # recomputed on release, not while dragging
    assert shown.value == f"0.5{NBSP}nats"
    for value in [0.25, 0.75]:
        moving.value = value
        assert shown.value == f"{value}{NBSP}nats"
        assert frame.value == render_frame(bars, {"q": value}, dpi=20)
        alt, _, readout = frame_parts(frame.value)
        assert (alt, readout) == (f"two bars, {value} and 0.5", f"q = {value}, p = 0.5")


def first_bars(size):
    """A frame that indexes with its parameter, as a sample-size slider does."""
    heights = np.arange(1, 11)[:size]  # a float `size` fails here
    fig = Figure(figsize=(1.5, 1))
    fig.add_subplot().bar(np.arange(len(heights)), heights)
    return Frame(fig, f"{len(heights)} bars", f"the first {size} bars")


def test_live_slider_with_integer_bounds_moves_in_whole_numbers(live):
    seen = []
    box = slider(
        lambda size: seen.append(size) or first_bars(size), "size", [1, 3, 10], default=3,
        dpi=20, live={"min": np.int64(1), "max": 10, "step": 1},
    )
    (moving, shown), frame = box.children[0].children, box.children[1]
    assert isinstance(moving, ipywidgets.IntSlider)
    assert (moving.min, moving.max, moving.step, moving.value) == (1, 10, 1, 3)
    moving.value = 7
    assert [type(size) for size in seen] == [int, int] and seen == [3, 7]
    assert shown.value == "7"
    assert frame.value == render_frame(first_bars, {"size": 7}, dpi=20)


@pytest.mark.parametrize(
    ("live_range", "default"),
    [
        ({"min": 0, "max": 10, "step": 0.5}, 4),
        ({"min": 0, "max": 10, "step": 1}, 4.0),
        ({"min": 0.0, "max": 10, "step": 1}, 4),
    ],
)
def test_live_slider_with_any_float_bound_is_a_float_slider(live, live_range, default):
    seen = []
    box = slider(lambda q: seen.append(q) or bars(q / 10), "q", [2, 4], default=default, dpi=20,
                 live=live_range)
    moving = box.children[0].children[0]
    assert isinstance(moving, ipywidgets.FloatSlider)
    moving.value = 5
    assert seen == [4, 5] and all(isinstance(q, float) for q in seen)


def test_live_slider_without_a_range_moves_over_the_values(live):
    box = slider(bars, "q", [0.2, 0.5, 0.8], default=0.5, unit="nats", dpi=20)
    (moving, shown), frame = box.children[0].children, box.children[1]
    assert isinstance(moving, ipywidgets.SelectionSlider)
    assert (moving.value, moving.index, moving.readout) == (0.5, 1, False)
    assert shown.value == f"0.5{NBSP}nats"
    moving.index = 2
    assert shown.value == f"0.8{NBSP}nats"
    assert frame.value == render_frame(bars, {"q": 0.8}, dpi=20)


def test_live_grid_recomputes_when_either_slider_moves(live):
    box = slider_grid(
        bars, {"q": [0.2, 0.5], "p": [0.1, 0.9]}, defaults={"q": 0.5, "p": 0.9},
        labels={"q": "q₁"}, dpi=20, live={"q": {"min": 0.0, "max": 1.0, "step": 0.1}},
    )
    (q_row, p_row), frame = box.children[:2], box.children[2]
    (q_slider, q_shown), (p_slider, p_shown) = q_row.children, p_row.children
    assert isinstance(q_slider, ipywidgets.FloatSlider)
    assert isinstance(p_slider, ipywidgets.SelectionSlider)
    assert q_slider.style.description_width == p_slider.style.description_width == "1.7em"
    assert frame.value == render_frame(bars, {"q": 0.5, "p": 0.9}, dpi=20)
    q_slider.value = 0.3
    assert (q_shown.value, p_shown.value) == ("0.3", "0.9")
    assert frame.value == render_frame(bars, {"q": 0.3, "p": 0.9}, dpi=20)
    p_slider.index = 0
    assert (q_shown.value, p_shown.value) == ("0.3", "0.1")
    assert frame.value == render_frame(bars, {"q": 0.3, "p": 0.1}, dpi=20)


# ---- render_frame: the live callback ----------------------------------------------------------


def test_render_frame_shows_the_image_at_its_pixel_size_with_alt_and_readout():
    frame = render_frame(bars, {"q": 0.5, "p": 0.25}, dpi=40)
    alt, png, readout = frame_parts(frame)
    assert (alt, readout) == ("two bars, 0.5 and 0.25", "q = 0.5, p = 0.25")
    assert struct.unpack(">II", png[16:24]) == (60, 40)  # figsize (1.5, 1) at 40 dpi
    assert frame == render_frame(bars, {"q": 0.5}, fixed={"p": 0.25}, dpi=40)  # deterministic


@pytest.mark.parametrize(
    ("params", "kwargs", "error", "message"),
    [
        ([0.5], {}, TypeError, r"`params` must be a mapping of parameter names"),
        ({"q": 0.5}, {"dpi": -1}, ValueError, r"`dpi` must be a positive number"),
        ({"r": 0.5}, {}, ValueError, r"`frame` raised TypeError for `r` = 0.5"),
        ({"q": 0.5}, {"fixed": {"q": 1}}, ValueError, r"`fixed` must not set"),
    ],
)
def test_render_frame_bad_input(params, kwargs, error, message):
    with pytest.raises(error, match=message):
        render_frame(bars, params, **kwargs)


# ---- figures that stand alone -----------------------------------------------------------------


def test_a_figure_is_the_figure_live_and_a_png_carrying_four_drawings_static(monkeypatch):
    from nllce._pictures import DRAWINGS, embedded
    from nllce.widgets import StaticFigure, figure

    @style.house_style
    def one_bar(height):
        fig, ax = style.new_figure(figsize=(6.4, 3.0))
        ax.bar([0], [height])
        return fig

    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "live")
    live = figure(one_bar, 0.5)
    assert isinstance(live, Figure) and live.get_size_inches().tolist() == [6.4, 3.0]
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "static")
    before = plt.get_fignums()
    static = figure(one_bar, height=0.5)
    assert isinstance(static, StaticFigure) and plt.get_fignums() == before
    png = static._repr_png_()
    drawings = embedded(png)
    assert set(drawings) == set(DRAWINGS)
    # what Jupyter shows (and a notebook keeps) is the light, wide drawing at 1x
    assert Image.open(io.BytesIO(png)).size == (640, 300)
    assert png.startswith(drawings["light", "wide"][0][:33])  # the same header
    narrow = Image.open(io.BytesIO(drawings["dark", "narrow"][1]))
    assert narrow.size == (2 * 360, 2 * 300)  # one panel keeps its height; 2x density
    assert embedded(drawings["light", "wide"][0]) is None  # the drawings carry nothing


def test_a_figure_names_what_is_wrong(monkeypatch):
    from nllce.widgets import figure

    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "static")
    with pytest.raises(TypeError, match=r"`function` must be callable; got int"):
        figure(3)
    with pytest.raises(TypeError, match=r"`function` must return a matplotlib Figure; got str"):
        figure(lambda: "not a figure")


def test_a_negative_value_prints_with_a_minus_sign_like_the_prose(static):
    parts = static_parts(slider(bars, "q", [-3.0, 0.5], default=-3.0, value_format=".2f",
                                dpi=20))
    assert parts.values[0]["text"] == "\N{MINUS SIGN}3.00"


def test_a_frame_without_any_text_is_drawn_and_claims_no_text_size(static):
    page = slider(lambda q: Frame(Figure(figsize=(1, 1)), None, f"an empty square {q}"), "q",
                  [0.1, 0.2], default=0.1, dpi=20)
    assert page.frames == 2 and "data-text-px" not in page.html
