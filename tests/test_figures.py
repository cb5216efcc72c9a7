"""The figures of Part I: pure, deterministic, labelled, in the house style.

The figures of the sliders draw the numbers their frame function (nllce.frames) computes,
so they are made here through it; the frames' readouts and alt texts are tested in
test_frames.py.
"""

import contextlib
import io

import matplotlib as mpl
import numpy as np
import pytest
from matplotlib.figure import Figure

from nllce import (
    book_data,
    data,
    figures,
    figures_coding,
    figures_network,
    frames,
    frames_coding,
    frames_network,
    information,
    paths,
    style,
)

P_WORKED = (0.0, 1 / 3, 2 / 3)

FIGURE_CALLS = {
    "likelihood_path": lambda: frames.likelihood_path(0.5).figure,
    "underflow": lambda: figures.underflow(),
    "counts_and_products": lambda: figures.counts_and_products(
        labels=book_data.WORKED_LABELS,
        counts=data.counts(book_data.WORKED_LABELS, 3),
        in_order=data.running_products(book_data.WORKED_MODEL, book_data.WORKED_LABELS)[0],
        grouped=data.running_products(book_data.WORKED_MODEL, book_data.WORKED_LABELS)[1],
    ),
    "mean_nll_convergence": lambda: frames.mean_nll_convergence(100, max_size=1000).figure,
    "cross_entropy_simplex": lambda: figures.cross_entropy_simplex(
        P_WORKED, book_data.WORKED_MODEL
    ),
    "cross_entropy_along_path": lambda: frames.cross_entropy_along_path(
        0.5, p=book_data.TRUE_DISTRIBUTION
    ).figure,
    "kl_directions": lambda: figures.kl_directions(P_WORKED, book_data.WORKED_MODEL),
    "chain_map": lambda: figures.chain_map(),
    "resampled_counts": lambda: frames.resampled_counts(6, 2).figure,
    "held_out_smoothing": lambda: frames.held_out_smoothing(0.0).figure,
    "code_areas": lambda: figures_coding.code_areas(
        p=P_WORKED,
        lengths=-np.log2(book_data.WORKED_MODEL),
        best_lengths=[np.inf, np.log2(3), np.log2(3 / 2)],
        cross_entropy=information.cross_entropy(P_WORKED, book_data.WORKED_MODEL, base=2),
        entropy=information.entropy(P_WORKED, base=2),
    ),
    "compression_along_path": lambda: frames_coding.compression_along_path(1.5).figure,
}


def _png(fig, dpi=None):
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


@pytest.mark.parametrize("name", FIGURE_CALLS)
def test_figure_functions_return_figures_deterministically(name):
    first, second = FIGURE_CALLS[name](), FIGURE_CALLS[name]()
    assert isinstance(first, Figure)
    assert _png(first) == _png(second)


@pytest.mark.parametrize("name", FIGURE_CALLS)
def test_axes_are_labelled_in_lowercase_and_untitled(name):
    fig = FIGURE_CALLS[name]()
    plotted = [ax for ax in fig.axes if ax.axison and ax.get_label() != "<colorbar>"]
    for ax in plotted:
        assert ax.get_title() == "", "the caption, not a title, says what a figure shows"
        for label in (ax.get_xlabel(), ax.get_ylabel()):
            if ax.get_ylabel() == "" and label == "" and ax.get_yticks().size == 0:
                continue  # a strip of tiles has no y axis to label
            assert label, f"{name}: an axis has no label"
            assert not label[0].isupper(), f"{name}: axis label {label!r} is not lowercase"


@pytest.mark.parametrize("name", [name for name in FIGURE_CALLS if name != "chain_map"])
def test_figures_stay_small_at_slider_resolution(name):
    # (The preface's map is shown once, large, never as slider frames.)
    fig = FIGURE_CALLS[name]()
    width, height = fig.get_size_inches()
    assert width <= 7.6 and height <= 5.4
    assert len(_png(fig, dpi=80)) < 80_000  # ~18 frames fit the 1.5 MB page budget


def test_figures_leave_global_style_alone():
    before = dict(mpl.rcParams)
    frames.likelihood_path(0.3)
    assert dict(mpl.rcParams) == before


def test_house_style_uses_the_palette_for_roles():
    fig = frames.likelihood_path(0.5).figure
    bars = fig.axes[0].patches
    assert mpl.colors.to_hex(bars[0].get_facecolor()) == style.COLORS["model"].lower()
    quantities = {role: colour for role, colour in style.COLORS.items()
                  if role not in {"neutral", "text", "ink", "paper"}}
    assert set(quantities.values()) <= set(style.PALETTE.values())
    with style.dark_style():  # the same colour names on a dark page; a lighter blue
        dark = {role: style.COLORS[role] for role in quantities}
    assert {role for role in quantities if dark[role] != quantities[role]} == {"data"}


def test_new_figure_builds_grids_and_mosaics_without_pyplot():
    import matplotlib.pyplot as plt

    open_before = plt.get_fignums()
    _fig, axes = style.new_figure(1, 2)
    assert axes.shape == (2,)
    _fig, axes = style.new_figure(mosaic=[["a", "b"]])
    assert set(axes) == {"a", "b"}
    assert plt.get_fignums() == open_before


def test_apply_style_sets_rcparams():
    with mpl.rc_context():
        style.apply_style()
        assert mpl.rcParams["axes.spines.top"] is False
        assert mpl.rcParams["font.size"] == style.HOUSE_STYLE["font.size"]


def test_likelihood_path_marks_the_current_likelihood():
    fig = frames.likelihood_path(0.4).figure
    marker = next(line for line in fig.axes[1].lines if line.get_marker() == "o")
    q = paths.path_model(0.4)
    assert marker.get_xdata()[0] == 0.4
    assert marker.get_ydata()[0] == pytest.approx(data.likelihood(q, book_data.WORKED_LABELS))


def test_path_model_maximum_is_at_the_sample_frequency():
    shares = np.linspace(0.01, 0.99, 981)
    likelihoods = [data.likelihood(paths.path_model(s), book_data.WORKED_LABELS) for s in shares]
    assert shares[int(np.argmax(likelihoods))] == pytest.approx(2 / 3, abs=1e-3)


def test_underflow_size_is_the_first_size_with_a_zero_product():
    size = data.underflow_size(book_data.WORKED_MODEL, book_data.WORKED_LABELS)
    unit = book_data.WORKED_LABELS
    assert data.likelihood(book_data.WORKED_MODEL, np.resize(unit, size)) == 0.0
    assert data.likelihood(book_data.WORKED_MODEL, np.resize(unit, size - 1)) > 0.0
    assert (
        data.underflow_size(book_data.WORKED_MODEL, book_data.WORKED_LABELS, max_size=100) is None
    )


def test_running_products_end_at_the_likelihood():
    labels = data.sample_from(book_data.TRUE_DISTRIBUTION, 20, seed=3)
    in_order, grouped = data.running_products(book_data.WORKED_MODEL, labels)
    assert in_order[-1] == pytest.approx(grouped[-1], rel=1e-12)
    assert in_order[-1] == pytest.approx(data.likelihood(book_data.WORKED_MODEL, labels))


def test_sample_from_is_reproducible_and_follows_the_distribution():
    first = data.sample_from(book_data.TRUE_DISTRIBUTION, 20_000, seed=7)
    assert np.array_equal(first, data.sample_from(book_data.TRUE_DISTRIBUTION, 20_000, seed=7))
    np.testing.assert_allclose(data.frequencies(first, 3), book_data.TRUE_DISTRIBUTION, atol=0.02)


def test_tempered_path_passes_through_p_and_the_uniform_model():
    p = book_data.TRUE_DISTRIBUTION
    np.testing.assert_allclose(paths.tempered(p, 1), p)
    np.testing.assert_allclose(paths.tempered(p, 0), [1 / 3] * 3)
    along = [information.cross_entropy(p, paths.tempered(p, t)) for t in np.linspace(0, 3, 61)]
    assert int(np.argmin(along)) == 20  # t = 1: the cross-entropy is lowest at q = p


def test_convergence_figure_draws_one_line_per_sample_up_to_size():
    fig = frames.mean_nll_convergence(50, num_paths=3, max_size=500).figure
    sample_lines = [line for line in fig.axes[1].lines if line.get_xdata()[0] == 1]
    assert len(sample_lines) == 3
    assert all(line.get_xdata()[-1] == 50 for line in sample_lines)


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: paths.path_model(1.5), ValueError, "`share`"),
        (lambda: paths.path_model(0.5, focus=3), ValueError, "`focus`"),
        (lambda: data.sample_from([0.5, 0.6], 3, seed=0), ValueError, "`distribution`"),
        (lambda: data.sample_from([0.5, 0.5], 0, seed=0), ValueError, "`size`"),
        (lambda: frames.likelihood_path(0.5, labels=[0, 3]), ValueError, "`labels`"),
        (lambda: frames.resampled_counts(6, 0, q=[0.5, 0.6]), ValueError, "`q`"),
        (lambda: frames.mean_nll_convergence(0), ValueError, "`size`"),
        (lambda: frames.mean_nll_convergence(2.5), ValueError, "`size`"),
        (lambda: frames.cross_entropy_along_path(0.5, p=[0.5, 0.5]), ValueError, "`p`"),
        (lambda: frames.cross_entropy_along_path(-1), ValueError, "`t`"),
        (lambda: figures.cross_entropy_simplex([0.5, 0.5]), ValueError, "`p`"),
        (lambda: paths.tempered([0.5, 0.5], -1), ValueError, "`t`"),
        (lambda: figures.kl_directions([0.5, 0.5], [1.0]), ValueError, "`p` and `q`"),
        (lambda: figures.underflow(max_size=1), ValueError, "`max_size`"),
    ],
)
def test_bad_figure_arguments_are_named(call, error, match):
    with pytest.raises(error, match=match):
        call()


def _luminance(colour):
    """WCAG 2 relative luminance of a '#RRGGBB' colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one, other):
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_role_colour_stands_out_from_the_paper_in_both_modes(dark):
    from nllce.style import COLORS, dark_style

    with dark_style() if dark else contextlib.nullcontext():
        colours = dict(COLORS)
    paper = colours.pop("paper")
    # WCAG 2.2: 4.5:1 for text, 3:1 for the lines and marks of a graphic
    assert _contrast(colours.pop("text"), paper) >= 4.5
    assert _contrast(colours["neutral"], paper) >= 4.5  # annotations are written in it
    low = {role: round(_contrast(c, paper), 2) for role, c in colours.items()}
    low = {role: ratio for role, ratio in low.items() if ratio < 3}
    # the orange of the KL (a filled area, always labelled) is the one light-mode exception
    assert low == ({} if dark else {"divergence": 2.25}), low


# The book's sliders and figures, drawn for a phone (nllce.style.narrow_layout).
NARROW_DRAWINGS = {
    "likelihood_path": lambda: frames.likelihood_path(share=0.4).figure,
    "resampled_counts": lambda: frames.resampled_counts(size=12, seed=0).figure,
    "mean_nll_convergence": lambda: frames.mean_nll_convergence(size=30).figure,
    "cross_entropy_along_path": lambda: frames.cross_entropy_along_path(t=0.5).figure,
    "held_out_smoothing": lambda: frames.held_out_smoothing(alpha=1.0).figure,
    "softmax_loss": lambda: frames_network.softmax_loss(target_logit=1.0).figure,
    "label_smoothing": lambda: frames_network.label_smoothing(epsilon=0.1).figure,
    "gaussian_variance": lambda: frames_network.gaussian_variance(sigma=1.0).figure,
    "compression_along_path": lambda: frames_coding.compression_along_path(t=0.5).figure,
    "underflow": figures.underflow,
    "chain_map": figures.chain_map,
    "softmax_twice": figures_network.softmax_twice,
    "binary_as_softmax": figures_network.binary_as_softmax,
}


@pytest.mark.parametrize("name", NARROW_DRAWINGS)
def test_every_figure_drawn_for_a_phone_is_360px_wide_with_text_of_at_least_9px(name):
    from nllce._pictures import NARROW_DPI
    from nllce._slider_parts import smallest_text_points

    with style.narrow_layout():
        fig = NARROW_DRAWINGS[name]()
    fig.canvas.draw()  # tick labels exist once drawn
    width, height = fig.get_size_inches()
    assert width == style.NARROW_WIDTH
    assert height <= 8  # a phone screen's height, about
    # a 390 px phone shows the 360 px drawing in its ~354 px column
    assert smallest_text_points(fig) * NARROW_DPI / 72 * 354 / 360 >= 9


def test_the_narrow_layout_stacks_grids_and_mosaics_and_keeps_text_sizes():
    with style.narrow_layout():
        fig, axes = style.new_figure(1, 3, figsize=(7.4, 2.7), width_ratios=(1, 1, 1.4))
        mosaic_fig, named = style.new_figure(
            figsize=(6.8, 3.6), mosaic=[["tiles", "tiles"], ["bars", "walk"]],
            height_ratios=(1, 3.2),
        )
    assert axes.shape == (3,) and fig.get_size_inches().tolist() == [3.6, 7.5]
    tops = [ax.get_position().y0 for ax in axes]
    assert tops == sorted(tops, reverse=True)  # first panel on top
    assert mosaic_fig.get_size_inches()[0] == 3.6
    ys = [named[name].get_position().y0 for name in ("tiles", "bars", "walk")]
    assert ys == sorted(ys, reverse=True)
    with style.narrow_layout():  # matplotlib's string form of a mosaic
        _fig, named = style.new_figure(figsize=(6.8, 3.6), mosaic="AA;BC")
    assert [named[name].get_position().y0 > named["C"].get_position().y0 for name in "AB"] == [
        True, True
    ]
    assert not style.is_narrow()
