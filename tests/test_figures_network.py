"""The figures of Part II: pure, deterministic, labelled, small, and showing the right numbers.

The figures of the sliders draw the numbers their frame function (nllce.frames_network)
computes, so they are made here through it; the frames' readouts and alt texts are
tested in test_frames_network.py.
"""

import io

import matplotlib as mpl
import numpy as np
import pytest
from matplotlib.figure import Figure

import nllce
from nllce import book_data, classifier, gaussian, losses
from nllce import figures_network as fn
from nllce import frames_network as frames

DATA = classifier.make_toy_data(seed=0)
RUN = classifier.train_softmax_regression(DATA.inputs, DATA.labels, 3, steps=40)

FIGURE_CALLS = {
    "softmax_loss": lambda: frames.softmax_loss(0.5).figure,
    "softmax_twice": lambda: fn.softmax_twice(),
    "training_progress": lambda: frames.training_progress(10, data=DATA, run=RUN).figure,
    "label_smoothing": lambda: frames.label_smoothing(0.1).figure,
    "binary_as_softmax": lambda: fn.binary_as_softmax(),
    "gaussian_variance": lambda: frames.gaussian_variance(0.5).figure,
}


def _png(fig):
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def _marker(ax):
    return next(
        line for line in ax.lines if line.get_marker() == "o" and len(line.get_xdata()) == 1
    )


@pytest.mark.parametrize("name", FIGURE_CALLS)
def test_figure_functions_return_figures_deterministically(name):
    first, second = FIGURE_CALLS[name](), FIGURE_CALLS[name]()
    assert isinstance(first, Figure)
    assert _png(first) == _png(second)


@pytest.mark.parametrize("name", FIGURE_CALLS)
def test_axes_are_labelled_in_lowercase_and_untitled(name):
    for ax in FIGURE_CALLS[name]().axes:
        assert ax.get_title() == ""
        for label in (ax.get_xlabel(), ax.get_ylabel()):
            assert label, f"{name}: an axis has no label"
            assert not label[0].isupper(), f"{name}: axis label {label!r} is not lowercase"


@pytest.mark.parametrize("name", FIGURE_CALLS)
def test_figures_stay_small_at_slider_resolution(name):
    fig = FIGURE_CALLS[name]()
    width, height = fig.get_size_inches()
    assert width <= 7.6 and height <= 5.4
    assert len(_png(fig)) < 80_000


def test_figures_leave_global_style_alone():
    before = dict(mpl.rcParams)
    frames.softmax_loss(1.0)
    frames.training_progress(0, data=DATA, run=RUN)
    assert dict(mpl.rcParams) == before


def test_worked_logits_give_the_worked_model():
    np.testing.assert_allclose(nllce.softmax(book_data.WORKED_LOGITS), [0.2, 0.3, 0.5])


@pytest.mark.parametrize("target_logit", [-3.0, 0.0, 2.5])
def test_softmax_loss_shows_q_and_marks_the_loss(target_logit):
    fig = frames.softmax_loss(target_logit).figure
    logit_ax, prob_ax, loss_ax = fig.axes
    logits = book_data.WORKED_LOGITS.copy()
    logits[2] = target_logit
    heights = [bar.get_height() for bar in prob_ax.patches[:3]]
    np.testing.assert_allclose(heights, nllce.softmax(logits))
    marker = _marker(loss_ax)
    assert marker.get_xdata()[0] == target_logit
    assert marker.get_ydata()[0] == pytest.approx(nllce.cross_entropy_with_logits(logits, 2))
    # one arrow per class, each the descent step -(q - onehot) scaled
    arrows = [a for a in logit_ax.texts if hasattr(a, "arrow_patch") and a.arrow_patch]
    steps = [a.xy[1] - a.xyann[1] for a in arrows]
    gradient = nllce.cross_entropy_with_logits_grad(logits, 2)
    np.testing.assert_allclose(sorted(steps), sorted(-1.5 * gradient))


def test_softmax_twice_gradient_is_the_chain_rule():
    logits = np.array([0.7, -0.2, 1.1])
    step = 1e-6

    def buggy_loss(z):
        return nllce.cross_entropy_with_logits(nllce.softmax(z), 1)

    numeric = [
        (buggy_loss(logits + step * e) - buggy_loss(logits - step * e)) / (2 * step)
        for e in np.eye(3)
    ]
    np.testing.assert_allclose(losses.softmax_twice_gradient(logits, 1), numeric, atol=1e-9)


def test_softmax_twice_loss_levels_off_at_its_floor():
    fig = fn.softmax_twice(num_classes=3)
    twice = next(line for line in fig.axes[0].lines if line.get_label() == "softmax twice")
    assert twice.get_ydata()[-1] == pytest.approx(np.log1p(2 / np.e), abs=1e-3)
    assert np.all(twice.get_ydata() > np.log1p(2 / np.e) - 1e-12)


def test_training_progress_draws_the_run_and_the_floor():
    fig = frames.training_progress(12, data=DATA, run=RUN).figure
    loss_ax = fig.axes[1]
    floor = classifier.conditional_entropy(DATA.inputs, DATA.labels, 3)
    floor_line = next(line for line in loss_ax.lines if line.get_linestyle() == "--")
    assert floor_line.get_ydata()[0] == pytest.approx(floor)
    assert _marker(loss_ax).get_ydata()[0] == pytest.approx(RUN.mean_nll[12])
    region_ax = fig.axes[0]
    assert len(region_ax.patches) >= 16  # at least one wedge per distinct input


def test_training_progress_at_step_zero_has_no_boundaries():
    fig = frames.training_progress(0, data=DATA, run=RUN).figure
    assert not fig.axes[0].collections  # uniform model: no class wins anywhere


def test_optimal_margin_zeroes_the_smoothed_gradient():
    for epsilon, num_classes in [(0.1, 3), (0.3, 5), (0.01, 10)]:
        margin = losses.optimal_smoothed_margin(epsilon, num_classes)
        logits = np.zeros(num_classes)
        logits[0] = margin
        gradient = nllce.cross_entropy_with_logits_grad(logits, 0, label_smoothing=epsilon)
        np.testing.assert_allclose(gradient, 0.0, atol=1e-12)


def test_label_smoothing_marks_the_minimum_at_the_entropy_of_the_target():
    fig = frames.label_smoothing(0.2).figure
    marker = _marker(fig.axes[1])
    target = 0.8 * np.eye(3)[2] + 0.2 / 3
    assert marker.get_xdata()[0] == pytest.approx(losses.optimal_smoothed_margin(0.2, 3))
    assert marker.get_ydata()[0] == pytest.approx(nllce.entropy(target))
    unsmoothed = frames.label_smoothing(0.0).figure
    assert not [line for line in unsmoothed.axes[1].lines if line.get_marker() == "o"]


def test_gaussian_figure_marks_the_nll_at_the_mean():
    fig = frames.gaussian_variance(0.8).figure
    targets = book_data.GAUSSIAN_TARGETS.copy()
    marker = _marker(fig.axes[1])
    assert marker.get_ydata()[0] == pytest.approx(
        gaussian.gaussian_nll(targets.mean(), targets, 0.8)
    )


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: frames.softmax_loss(np.nan), ValueError, "`target_logit`"),
        (lambda: frames.softmax_loss(0.0, label=3), ValueError, "`label`"),
        (lambda: frames.softmax_loss(0.0, logits=[[0.0, 1.0]]), ValueError, "`logits`"),
        (lambda: fn.softmax_twice(num_classes=1), ValueError, "`num_classes`"),
        (lambda: losses.softmax_twice_gradient([[0.0, 1.0]], 0), ValueError, "`logits`"),
        (lambda: frames.training_progress(41, data=DATA, run=RUN), ValueError, "`step`"),
        (lambda: frames.training_progress(1.5, data=DATA, run=RUN), ValueError, "`step`"),
        (lambda: frames.label_smoothing(1.0), ValueError, "`epsilon`"),
        (lambda: frames.label_smoothing("0.1"), TypeError, "`epsilon`"),
        (lambda: losses.optimal_smoothed_margin(-0.1, 3), ValueError, "`label_smoothing`"),
        (lambda: losses.optimal_smoothed_margin("0.1", 3), TypeError, "`label_smoothing`"),
        (lambda: losses.softmax_twice_gradient([0.0, 1.0], 2), ValueError, "`label`"),
        (lambda: frames.gaussian_variance(0.0), ValueError, "`sigma`"),
    ],
)
def test_bad_figure_arguments_are_named(call, error, match):
    with pytest.raises(error, match=match):
        call()
