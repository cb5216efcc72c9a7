"""Unit tests of nllce.widgets: one call, two versions (static and live), frames, errors."""

import base64
import re
import struct

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from ipywidgets.widgets.widget import _instances as live_widgets
from ipywidgets.widgets.widget_link import Link
from matplotlib.figure import Figure

from nllce.frames import Frame
from nllce.widgets import (
    ENVIRONMENT_VARIABLE,
    SLIDER_CLASS,
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


def links_from(source):
    """(source attribute, target widget, target attribute) of every jslink from `source`."""
    return [
        (link.source[1], link.target[0], link.target[1])
        for link in list(live_widgets.values())
        if isinstance(link, Link) and link.source[0] is source
    ]


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
    assert seen == [0.2, 0.5, 0.8]
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "live")
    live_box = slider(frame, "q", [0.2, 0.5, 0.8], **kwargs)
    assert seen == [0.2, 0.5, 0.8, 0.5]  # live renders only the default frame

    positions, stack = static_box.children
    assert isinstance(positions, ipywidgets.SelectionSlider) and isinstance(stack, ipywidgets.Stack)
    (moving, shown), picture = live_box.children[0].children, live_box.children[1]
    assert isinstance(moving, ipywidgets.FloatSlider)
    # the same starting value, label and frame
    assert positions.label == shown.value == "0.5"
    assert positions.description == moving.description == "q₁"
    assert stack.children[stack.selected_index].value == picture.value
    assert SLIDER_CLASS in static_box._dom_classes and SLIDER_CLASS in live_box._dom_classes


# ---- static: prerendered frames ---------------------------------------------------------------


def test_one_frame_per_value_with_the_figure_readout_and_alt_of_that_value(static):
    values = [0.2, 0.5, 0.8]
    box = slider(bars, "q", values, default=0.5, dpi=30)
    _, stack = box.children
    assert isinstance(stack, ipywidgets.Stack)
    assert len(stack.children) == len(values)
    for value, child in zip(values, stack.children, strict=True):
        assert isinstance(child, ipywidgets.HTML)
        assert child.value == render_frame(bars, {"q": value}, dpi=30)
        alt, _, readout = frame_parts(child.value)
        assert (alt, readout) == (f"two bars, {value} and 0.5", f"q = {value}, p = 0.5")
    pngs = [frame_parts(child.value)[1] for child in stack.children]
    assert len(set(pngs)) == len(values)  # the frames differ


def test_slider_is_linked_in_the_browser_to_the_stack(static):
    box = slider(bars, "q", [0.2, 0.5, 0.8], default=0.2, dpi=20)
    positions, stack = box.children
    assert links_from(positions) == [("index", stack, "selected_index")]
    assert SLIDER_CLASS in box._dom_classes


def test_frames_share_one_layout_and_one_style(static):
    box = slider_grid(bars, {"q": [0.2, 0.5], "p": [0.1, 0.9]}, defaults={"q": 0.2, "p": 0.1},
                      dpi=20)
    frames = [frame for inner in box.children[2].children for frame in inner.children]
    assert len({id(frame.layout) for frame in frames}) == 1
    assert len({id(frame.style) for frame in frames}) == 1


def test_slider_prints_values_with_their_unit(static):
    box = slider(bars, "q", [0.25, 0.5], default=0.25, unit="nats", label="q₁", dpi=20)
    positions, _ = box.children
    assert positions.description == "q₁"
    assert [label for label, _ in positions.options] == [f"0.25{NBSP}nats", f"0.5{NBSP}nats"]
    assert [index for _, index in positions.options] == [0, 1]


def test_value_format_controls_the_printed_values(static):
    box = slider(bars, "q", [0.125, 0.25], default=0.25, value_format=".2f", dpi=20)
    assert box.children[0].options[0][0] == "0.12"


def test_default_value_selects_its_frame(static):
    values = [0.1, 0.2, 0.3, 0.4]
    box = slider(bars, "q", values, default=0.1 + 0.2, dpi=20)
    positions, stack = box.children
    assert positions.index == stack.selected_index == 2  # 0.1 + 0.2 != 0.3, but close


def test_numpy_values_are_accepted(static):
    box = slider(bars, "q", np.linspace(0.1, 0.9, 5), default=0.5, dpi=20)
    assert box.children[0].index == 2


def test_alt_text_and_readout_are_escaped(static):
    def quoted(q):
        return Frame(bars_figure(q), readout=f"-log q = {-np.log(q):.3f} <", alt='say "q < p"')

    box = slider(quoted, "q", [0.25, 0.5], default=0.25, dpi=20)
    parts = [frame_parts(child.value) for child in box.children[1].children]
    assert [alt for alt, _, _ in parts] == ["say &quot;q &lt; p&quot;"] * 2
    assert [readout for _, _, readout in parts] == ["-log q = 1.386 &lt;", "-log q = 0.693 &lt;"]


def test_a_frame_without_readout_prints_none(static):
    box = slider(lambda q: Frame(bars_figure(q), None, "bars"), "q", [0.25], default=0.25, dpi=20)
    assert frame_parts(box.children[1].children[0].value)[2] is None


def test_fixed_arguments_reach_the_frame(static):
    seen = []

    def frame(q, p):
        seen.append((q, p))
        return bars(q, p)

    slider(frame, "q", [0.2, 0.4], default=0.2, fixed={"p": 0.9}, dpi=20)
    assert seen == [(0.2, 0.9), (0.4, 0.9)]


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


def test_frames_within_budget_pass_and_over_budget_fail_with_bytes_and_advice(static):
    box = slider(bars, "q", [0.2, 0.5], default=0.2, dpi=20)
    used = sum(len(child.value) for child in box.children[1].children)
    slider(bars, "q", [0.2, 0.5], default=0.2, dpi=20, max_bytes=used)
    message = (
        rf"the 2 frames for `q` take {used:,} bytes, over the budget `max_bytes` = "
        rf"{used - 1:,}; use fewer values or a lower `dpi` \(now 20\)"
    )
    with pytest.raises(ValueError, match=message):
        slider(bars, "q", [0.2, 0.5], default=0.2, dpi=20, max_bytes=used - 1)


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


def test_grid_nests_stacks_and_links_each_slider(static):
    box = slider_grid(
        bars, {"q": [0.2, 0.5, 0.8], "p": [0.1, 0.9]}, defaults={"q": 0.8, "p": 0.1},
        labels={"q": "q₁"}, units={"p": "nats"}, dpi=20,
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
            assert inner.children[j].value == render_frame(bars, {"q": q, "p": p}, dpi=20)


def test_grid_fixed_and_budget(static):
    box = slider_grid(
        lambda q, p, scale: bars(q * scale, p), {"q": [0.2, 0.4], "p": [0.5]},
        defaults={"q": 0.2, "p": 0.5}, fixed={"scale": 2}, dpi=20,
    )
    alts = [frame_parts(inner.children[0].value)[0] for inner in box.children[2].children]
    assert alts == ["two bars, 0.4 and 0.5", "two bars, 0.8 and 0.5"]
    with pytest.raises(ValueError, match=r"the 2 frames for `q` x `p` take [\d,]+ bytes"):
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
