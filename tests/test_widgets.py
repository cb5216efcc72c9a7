"""Unit tests of nllce.widgets: frames, links, defaults, alt text, readouts, budget, errors."""

import base64
import math
import re
import struct

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from ipywidgets.widgets.widget import _instances as live_widgets
from ipywidgets.widgets.widget_link import Link
from matplotlib.figure import Figure

from nllce.widgets import live_slider, prerendered_grid, prerendered_slider, render_frame

NBSP = "\N{NO-BREAK SPACE}"


def bars(q, p=0.5):
    """A tiny pure figure: two bars whose heights depend on the parameters."""
    fig = Figure(figsize=(1.5, 1))
    fig.add_subplot().bar([0, 1], [q, p])
    return fig


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


def links_from(source):
    """(source attribute, target widget, target attribute) of every jslink from `source`."""
    return [
        (link.source[1], link.target[0], link.target[1])
        for link in list(live_widgets.values())
        if isinstance(link, Link) and link.source[0] is source
    ]


# ---- prerendered_slider -------------------------------------------------------------------


def test_one_frame_per_value_with_the_figure_for_that_value():
    values = [0.2, 0.5, 0.8]
    box = prerendered_slider(bars, "q", values, default=0.5, alt="two bars", dpi=30)
    _, stack = box.children
    assert isinstance(stack, ipywidgets.Stack)
    assert len(stack.children) == len(values)
    for value, child in zip(values, stack.children, strict=True):
        assert isinstance(child, ipywidgets.HTML)
        expected = render_frame(bars, {"q": value}, alt=f"two bars (q = {value})", dpi=30)
        assert child.value == expected
    pngs = [frame_parts(child.value)[1] for child in stack.children]
    assert len(set(pngs)) == len(values)  # the frames differ


def test_slider_is_linked_in_the_browser_to_the_stack():
    box = prerendered_slider(bars, "q", [0.2, 0.5, 0.8], alt="two bars", dpi=20)
    slider, stack = box.children
    assert links_from(slider) == [("index", stack, "selected_index")]
    assert "nllce-slider" in box._dom_classes


def test_frames_share_one_layout_and_one_style():
    box = prerendered_grid(bars, {"q": [0.2, 0.5], "p": [0.1, 0.9]}, alt="b", dpi=20)
    frames = [frame for inner in box.children[2].children for frame in inner.children]
    assert len({id(frame.layout) for frame in frames}) == 1
    assert len({id(frame.style) for frame in frames}) == 1


def test_readout_of_the_slider_shows_values_with_their_unit():
    box = prerendered_slider(bars, "q", [0.25, 0.5], unit="nats", label="q₁", alt="b", dpi=20)
    slider, _ = box.children
    assert slider.description == "q₁"
    assert [label for label, _ in slider.options] == [f"0.25{NBSP}nats", f"0.5{NBSP}nats"]
    assert [index for _, index in slider.options] == [0, 1]


def test_value_format_controls_the_printed_values():
    box = prerendered_slider(bars, "q", [0.125, 0.25], value_format=".2f", alt="b", dpi=20)
    assert box.children[0].options[0][0] == "0.12"


def test_default_value_selects_its_frame_and_the_middle_is_the_fallback():
    values = [0.1, 0.2, 0.3, 0.4]
    box = prerendered_slider(bars, "q", values, default=0.1 + 0.2, alt="b", dpi=20)
    slider, stack = box.children
    assert slider.index == stack.selected_index == 2  # 0.1 + 0.2 != 0.3, but close
    box = prerendered_slider(bars, "q", values, alt="b", dpi=20)
    assert box.children[0].index == box.children[1].selected_index == 1


def test_numpy_values_are_accepted():
    box = prerendered_slider(bars, "q", np.linspace(0.1, 0.9, 5), default=0.5, alt="b", dpi=20)
    assert box.children[0].index == 2


def test_every_frame_gets_its_own_alt_text():
    box = prerendered_slider(bars, "q", [0.2, 0.8], alt=lambda q: f"bar of height {q}", dpi=20)
    alts = [frame_parts(child.value)[0] for child in box.children[1].children]
    assert alts == ["bar of height 0.2", "bar of height 0.8"]
    box = prerendered_slider(bars, "q", [0.2, 0.8], label="q₁", unit="nats", alt="bars", dpi=20)
    alts = [frame_parts(child.value)[0] for child in box.children[1].children]
    assert alts == [f"bars (q₁ = 0.2{NBSP}nats)", f"bars (q₁ = 0.8{NBSP}nats)"]


def test_alt_text_is_escaped():
    box = prerendered_slider(bars, "q", [0.2], alt='say "q < p"', dpi=20)
    assert 'alt="say &quot;q &lt; p&quot; (q = 0.2)"' in box.children[1].children[0].value


def test_readout_is_printed_under_each_frame():
    box = prerendered_slider(
        bars, "q", [0.25, 0.5], alt="b", dpi=20, readout=lambda q: f"-log q = {-np.log(q):.3f} <"
    )
    readouts = [frame_parts(child.value)[2] for child in box.children[1].children]
    assert readouts == ["-log q = 1.386 &lt;", "-log q = 0.693 &lt;"]
    no_readout = prerendered_slider(bars, "q", [0.25], alt="b", dpi=20)
    assert frame_parts(no_readout.children[1].children[0].value)[2] is None


def test_fixed_arguments_reach_the_figure():
    seen = []

    def figure(q, p):
        seen.append((q, p))
        return bars(q, p)

    prerendered_slider(figure, "q", [0.2, 0.4], fixed={"p": 0.9}, alt="b", dpi=20)
    assert seen == [(0.2, 0.9), (0.4, 0.9)]


def test_figures_are_closed_after_rendering():
    def pyplot_bars(q):
        fig, ax = plt.subplots(figsize=(1, 1))
        ax.bar([0], [q])
        return fig

    before = plt.get_fignums()
    prerendered_slider(pyplot_bars, "q", [0.1, 0.2, 0.3], alt="b", dpi=20)
    assert plt.get_fignums() == before


def test_frames_within_budget_pass_and_over_budget_fail_with_bytes_and_advice():
    box = prerendered_slider(bars, "q", [0.2, 0.5], alt="b", dpi=20)
    used = sum(len(child.value) for child in box.children[1].children)
    prerendered_slider(bars, "q", [0.2, 0.5], alt="b", dpi=20, max_bytes=used)
    message = (
        rf"the 2 frames for `q` take {used:,} bytes, over the budget `max_bytes` = "
        rf"{used - 1:,}; use fewer values or a lower `dpi` \(now 20\)"
    )
    with pytest.raises(ValueError, match=message):
        prerendered_slider(bars, "q", [0.2, 0.5], alt="b", dpi=20, max_bytes=used - 1)


@pytest.mark.parametrize(
    ("values", "kwargs", "error", "message"),
    [
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
        ([0.1001, 0.1002], {"value_format": ".2f"}, ValueError,
         r"`values` for `q` print alike with `value_format` '.2f'"),
        ([0.1], {"fixed": {"q": 1}}, ValueError,
         r"`fixed` must not set the slider parameter\(s\) \['q'\]"),
        ([0.1], {"fixed": [1]}, TypeError, r"`fixed` must be a mapping"),
        ([0.1], {"alt": None}, TypeError, r"`alt` is required: describe what the figure shows"),
        ([0.1], {"alt": "  "}, ValueError, r"`alt` must not be empty"),
        ([0.1], {"alt": 3}, TypeError, r"`alt` must be a str or a callable; got int"),
        ([0.1], {"alt": lambda q: None}, TypeError,
         r"`alt` must give a str for `q` = 0.1; got NoneType"),
        ([0.1], {"readout": "H"}, TypeError, r"`readout` must be callable; got str"),
        ([0.1], {"readout": lambda q: 1.0}, TypeError,
         r"`readout` must give a str for `q` = 0.1; got float"),
        ([0.1], {"dpi": 0}, ValueError, r"`dpi` must be a positive number; got 0"),
        ([0.1], {"max_bytes": 0}, TypeError, r"`max_bytes` must be a positive integer; got 0"),
        ([0.1], {"unit": 3}, TypeError, r"`unit` must be a str; got 3"),
        ([0.1], {"label": ""}, ValueError, r"`label` must not be empty \(for `q`\)"),
    ],
)
def test_bad_input_fails_at_build_time_naming_the_parameter(values, kwargs, error, message):
    kwargs = {"alt": "bars", "dpi": 20, **kwargs}
    with pytest.raises(error, match=message):
        prerendered_slider(bars, "q", values, **kwargs)


def test_figure_failing_for_one_value_names_the_value_and_chains_the_error():
    def fragile(q):
        if q == 0.5:
            raise ZeroDivisionError("no bars at one half")
        return bars(q)

    with pytest.raises(
        ValueError, match=r"`figure` raised ZeroDivisionError for `q` = 0.5: no bars at one half"
    ) as caught:
        prerendered_slider(fragile, "q", [0.25, 0.5, 0.75], alt="bars", dpi=20)
    assert isinstance(caught.value.__cause__, ZeroDivisionError)


def test_readout_failing_for_one_value_names_the_value():
    with pytest.raises(
        ValueError, match=r"`readout` raised ValueError for `q` = 0.0: math domain error"
    ) as caught:
        prerendered_slider(bars, "q", [0.0, 0.5], alt="b", dpi=20,
                           readout=lambda q: f"-log q = {-math.log(q):.3f}")
    assert isinstance(caught.value.__cause__, ValueError)


def test_figure_not_returning_a_figure_is_a_type_error():
    with pytest.raises(
        TypeError, match=r"`figure` must return a matplotlib Figure; got Axes for `q` = 0.1"
    ):
        prerendered_slider(lambda q: bars(q).axes[0], "q", [0.1], alt="b", dpi=20)


def test_figure_and_param_must_be_usable():
    with pytest.raises(TypeError, match=r"`figure` must be callable; got str"):
        prerendered_slider("bars", "q", [0.1], alt="b")
    with pytest.raises(TypeError, match=r"`param` must name a keyword argument of `figure`"):
        prerendered_slider(bars, "not a name", [0.1], alt="b")


# ---- prerendered_grid ---------------------------------------------------------------------


def test_grid_nests_stacks_and_links_each_slider():
    box = prerendered_grid(
        bars, {"q": [0.2, 0.5, 0.8], "p": [0.1, 0.9]}, defaults={"q": 0.8, "p": 0.1},
        labels={"q": "q₁"}, units={"p": "nats"}, alt="bars", dpi=20,
        readout=lambda q, p: f"q={q}, p={p}",
    )
    first, second, outer = box.children
    assert (first.description, second.description) == ("q₁", "p")
    assert first.style.description_width == second.style.description_width == "1.7em"
    assert [label for label, _ in second.options] == [f"0.1{NBSP}nats", f"0.9{NBSP}nats"]
    assert (first.index, outer.selected_index) == (2, 2)
    assert links_from(first) == [("index", outer, "selected_index")]
    assert links_from(second) == [("index", inner, "selected_index") for inner in outer.children]
    for i, q in enumerate([0.2, 0.5, 0.8]):
        inner = outer.children[i]
        assert inner.selected_index == second.index == 0
        for j, p in enumerate([0.1, 0.9]):
            expected = render_frame(
                bars, {"q": q, "p": p}, dpi=20, readout=f"q={q}, p={p}",
                alt=f"bars (q₁ = {q}, p = {p}{NBSP}nats)",
            )
            assert inner.children[j].value == expected


def test_grid_alt_and_fixed_and_budget():
    box = prerendered_grid(
        lambda q, p, scale: bars(q * scale, p), {"q": [0.2, 0.4], "p": [0.5]},
        fixed={"scale": 2}, alt=lambda q, p: f"bars {q} and {p}", dpi=20,
    )
    alts = [frame_parts(inner.children[0].value)[0] for inner in box.children[2].children]
    assert alts == ["bars 0.2 and 0.5", "bars 0.4 and 0.5"]
    with pytest.raises(ValueError, match=r"the 2 frames for `q` x `p` take [\d,]+ bytes"):
        prerendered_grid(bars, {"q": [0.2, 0.4], "p": [0.5]}, alt="b", dpi=20, max_bytes=10)


@pytest.mark.parametrize(
    ("params", "kwargs", "error", "message"),
    [
        ({"q": [0.1]}, {}, ValueError, r"`params` must be a mapping of exactly two"),
        ([("q", [0.1]), ("p", [0.1])], {}, ValueError, r"`params` must be a mapping"),
        ({"q": [0.1], "p": []}, {}, ValueError, r"`values` for `p` is empty"),
        ({"q": [0.1], "p": [0.3, 0.2]}, {}, ValueError, r"`values` for `p` must be strictly"),
        ({"q": [0.1], "p": [0.2]}, {"defaults": {"p": 0.3}}, ValueError,
         r"`defaults` for `p` must be one of `values` \[0.2\]; got 0.3"),
        ({"q": [0.1], "p": [0.2]}, {"labels": {"x": "x"}}, ValueError,
         r"`labels` names \['x'\], which are not in `params` \['q', 'p'\]"),
        ({"q": [0.1], "p": [0.2]}, {"units": ["nats"]}, TypeError, r"`units` must be a mapping"),
        ({"q": [0.1], "p": [0.2]}, {"fixed": {"p": 1}}, ValueError, r"`fixed` must not set"),
    ],
)
def test_grid_bad_input(params, kwargs, error, message):
    with pytest.raises(error, match=message):
        prerendered_grid(bars, params, **{"alt": "bars", "dpi": 20, **kwargs})


def test_grid_figure_failure_names_both_values():
    def fragile(q, p):
        if (q, p) == (0.2, 0.9):
            raise RuntimeError("corner")
        return bars(q, p)

    with pytest.raises(ValueError, match=r"`figure` raised RuntimeError for `q` = 0.2, `p` = 0.9"):
        prerendered_grid(fragile, {"q": [0.1, 0.2], "p": [0.5, 0.9]}, alt="b", dpi=20)


# ---- live_slider and render_frame ---------------------------------------------------------


def test_live_slider_recomputes_the_frame_on_every_move():
    box = live_slider(
        bars, "q", min=0.0, max=1.0, step=0.05, default=0.5, unit="nats", alt="bars",
        readout=lambda q: f"q = {q:.2f}", dpi=20,
    )
    (slider, shown), frame = box.children[0].children, box.children[1]
    assert isinstance(slider, ipywidgets.FloatSlider)
    assert (slider.min, slider.max, slider.step, slider.value) == (0.0, 1.0, 0.05, 0.5)
    assert shown.value == f"0.5{NBSP}nats"
    for value in [0.25, 0.75]:
        slider.value = value
        assert shown.value == f"{value}{NBSP}nats"
        assert frame.value == render_frame(
            bars, {"q": value}, alt=f"bars (q = {value}{NBSP}nats)", readout=f"q = {value:.2f}",
            dpi=20,
        )


def first_bars(size):
    """A figure that indexes with its parameter, as a sample-size slider does."""
    heights = np.arange(1, 11)[:size]  # a float `size` fails here
    fig = Figure(figsize=(1.5, 1))
    fig.add_subplot().bar(np.arange(len(heights)), heights)
    return fig


def test_live_slider_with_integer_bounds_moves_in_whole_numbers():
    seen = []
    box = live_slider(
        lambda size: seen.append(size) or first_bars(size), "size",
        min=np.int64(1), max=10, step=1, default=3, alt="first bars", dpi=20,
    )
    (slider, shown), frame = box.children[0].children, box.children[1]
    assert isinstance(slider, ipywidgets.IntSlider)
    assert (slider.min, slider.max, slider.step, slider.value) == (1, 10, 1, 3)
    slider.value = 7
    assert [type(size) for size in seen] == [int, int] and seen == [3, 7]
    assert shown.value == "7"
    assert frame.value == render_frame(first_bars, {"size": 7}, alt="first bars (size = 7)",
                                       dpi=20)


@pytest.mark.parametrize(
    "bounds",
    [
        {"min": 0, "max": 10, "step": 0.5, "default": 4},
        {"min": 0, "max": 10, "step": 1, "default": 4.0},
        {"min": 0.0, "max": 10, "step": 1, "default": 4},
    ],
)
def test_live_slider_with_any_float_bound_is_a_float_slider(bounds):
    seen = []
    box = live_slider(lambda q: seen.append(q) or bars(q / 10), "q", alt="b", dpi=20, **bounds)
    slider = box.children[0].children[0]
    assert isinstance(slider, ipywidgets.FloatSlider)
    slider.value = 5
    assert seen == [4, 5] and all(isinstance(q, float) for q in seen)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"min": 1.0, "max": 0.0}, ValueError, r"slider `q` needs `min` < `max`, `step` > 0"),
        ({"step": 0.0}, ValueError, r"slider `q` needs"),
        ({"default": 2.0}, ValueError, r"got min=0.0, max=1.0, step=0.1, default=2.0"),
        ({"step": "0.1"}, TypeError, r"`step` for `q` must be a finite real number"),
        ({"max": float("inf")}, TypeError, r"`max` for `q` must be a finite real number"),
        ({"alt": None}, TypeError, r"`alt` is required"),
    ],
)
def test_live_slider_bad_input(kwargs, error, message):
    kwargs = {"min": 0.0, "max": 1.0, "step": 0.1, "default": 0.5, "alt": "b", **kwargs}
    with pytest.raises(error, match=message):
        live_slider(bars, "q", **kwargs)


def test_render_frame_shows_the_image_at_its_pixel_size_with_alt_and_readout():
    frame = render_frame(bars, {"q": 0.5, "p": 0.25}, alt="two bars", readout="H = 1", dpi=40)
    alt, png, readout = frame_parts(frame)
    assert (alt, readout) == ("two bars", "H = 1")
    assert struct.unpack(">II", png[16:24]) == (60, 40)  # figsize (1.5, 1) at 40 dpi
    assert frame == render_frame(bars, {"q": 0.5, "p": 0.25}, alt="two bars", readout="H = 1",
                                 dpi=40)  # deterministic


@pytest.mark.parametrize(
    ("params", "kwargs", "error", "message"),
    [
        ([0.5], {}, TypeError, r"`params` must be a mapping of parameter names"),
        ({"q": 0.5}, {"alt": ""}, ValueError, r"`alt` must not be empty \(for `q` = 0.5\)"),
        ({"q": 0.5}, {"readout": 1}, TypeError, r"`readout` must give a str for `q` = 0.5"),
        ({"q": 0.5}, {"dpi": -1}, ValueError, r"`dpi` must be a positive number"),
        ({"r": 0.5}, {}, ValueError, r"`figure` raised TypeError for `r` = 0.5"),
    ],
)
def test_render_frame_bad_input(params, kwargs, error, message):
    with pytest.raises(error, match=message):
        render_frame(bars, params, **{"alt": "bars", **kwargs})
