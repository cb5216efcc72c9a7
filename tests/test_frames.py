"""Every slider's frame function returns its figure with a readout and alt text that carry
the frame's numbers (Part I here and the contract for all; Part II in test_frames_network.py)."""

import functools
import inspect
import re

import numpy as np
import pytest
from matplotlib.figure import Figure

from nllce import (
    book_data,
    classifier,
    data,
    frames,
    frames_coding,
    frames_network,
    information,
    paths,
)
from nllce._typeset import INFINITY, MINUS, number, scientific, subscript, superscript, vector

# "times 10" in scientific notation, with the no-break spaces that keep a number on one line
TIMES_TEN = "\N{NARROW NO-BREAK SPACE}\N{MULTIPLICATION SIGN}\N{NARROW NO-BREAK SPACE}10"

DATA = classifier.make_toy_data(seed=0)
RUN = classifier.train_softmax_regression(DATA.inputs, DATA.labels, 3, steps=30)

# One call per frame function of the book, at a slider position of its chapter.
FRAME_CALLS = {
    "likelihood_path": lambda: frames.likelihood_path(0.4),
    "resampled_counts": lambda: frames.resampled_counts(12, 0),
    "mean_nll_convergence": lambda: frames.mean_nll_convergence(30),
    "cross_entropy_along_path": lambda: frames.cross_entropy_along_path(0.5),
    "held_out_smoothing": lambda: frames.held_out_smoothing(1.0),
    "compression_along_path": lambda: frames_coding.compression_along_path(0.5),
    "softmax_loss": lambda: frames_network.softmax_loss(-0.693),
    "training_progress": lambda: frames_network.training_progress(20, data=DATA, run=RUN),
    "label_smoothing": lambda: frames_network.label_smoothing(0.1),
    "gaussian_variance": lambda: frames_network.gaussian_variance(0.655),
}


def test_every_frame_function_is_checked_here():
    functions = {
        name
        for module in (frames, frames_coding, frames_network)
        for name in module.__all__
        if inspect.isfunction(getattr(module, name))
    }
    assert functions == set(FRAME_CALLS)


@pytest.mark.parametrize("name", FRAME_CALLS)
def test_a_frame_is_a_figure_with_a_readout_and_a_real_description(name):
    frame = FRAME_CALLS[name]()
    assert isinstance(frame, frames.Frame)
    figure, readout, alt = frame
    assert isinstance(figure, Figure)
    assert isinstance(readout, str) and "=" in readout
    assert len(alt.split()) >= 25, "an alt text describes the figure, not just names it"
    assert alt.startswith(("Left", "Top", "Two", "Three")), alt
    assert any(character.isdigit() for character in alt), "the alt text carries no number"


@pytest.mark.parametrize("name", FRAME_CALLS)
def test_a_frame_is_deterministic(name):
    first, second = FRAME_CALLS[name](), FRAME_CALLS[name]()
    assert (first.readout, first.alt) == (second.readout, second.alt)


def test_likelihood_path_readout_and_alt_carry_the_computed_likelihood():
    frame = frames.likelihood_path(2 / 3)
    expected = data.likelihood(paths.path_model(2 / 3), book_data.WORKED_LABELS)
    assert f"L = q₂ · q₂ · q₁ = {expected:.4f}" in frame.readout
    assert "q = (0.167, 0.167, 0.667)" in frame.readout
    assert "q2 = 0.67" in frame.alt and "q0 = q1 = 0.17" in frame.alt
    assert f"L = {expected:.4f}" in frame.alt
    assert "two dots above class 2 and one dot above class 1" in frame.alt
    # the figure marks the same likelihood
    marker = next(line for line in frame.figure.axes[1].lines if line.get_marker() == "o")
    assert marker.get_ydata()[0] == pytest.approx(expected)


def test_resampled_readout_and_alt_carry_both_equal_products_and_the_sample():
    sample = book_data.resampled(12, 1)
    assert np.array_equal(sample, data.sample_from(book_data.TRUE_DISTRIBUTION, 12, seed=1))
    frame = frames.resampled_counts(12, 1)
    likelihood = data.likelihood(book_data.WORKED_MODEL, sample)
    value = scientific(likelihood)
    assert value == f"{likelihood:.3e}".split("e")[0] + f"{TIMES_TEN}⁻⁵"
    assert frame.readout.count(value) == 2
    counts = data.counts(sample, 3)
    assert f"counts n = {tuple(int(c) for c in counts)}" in frame.readout
    assert f"q₀¹ · q₁² · q₂⁹ = {value}" in frame.readout  # counts (1, 2, 9) as powers
    assert ", ".join(map(str, sample)) in frame.alt
    assert f"the counts {', '.join(map(str, counts))}" in frame.alt
    assert f"the likelihood {scientific(likelihood, spoken=True)}." in frame.alt
    assert "times 10 to the power minus 5" in frame.alt


def test_convergence_readout_and_alt_carry_the_limit_and_one_mean_per_sample():
    frame = frames.mean_nll_convergence(100)
    limit = information.cross_entropy(book_data.TRUE_DISTRIBUTION, book_data.WORKED_MODEL)
    assert f"H(pₜᵣᵤₑ, q) = {limit:.4f} nats" in frame.readout
    assert frame.readout.startswith("N = 100:  mean NLLs ")
    means = frame.readout.split("mean NLLs ")[1].split(" nats;")[0].split(", ")
    assert len(means) == 5
    expected = [
        data.nll(book_data.WORKED_MODEL, data.sample_from(book_data.TRUE_DISTRIBUTION, 10_000,
                                                          seed=path)[:100])
        for path in range(5)
    ]
    assert means == [f"{mean:.3f}" for mean in expected]
    assert "N = 100" in frame.alt and f"{limit:.3f} nats" in frame.alt
    assert f"between {min(expected):.3f} and {max(expected):.3f}" in frame.alt
    # N with a thousands separator, as the prose writes it
    assert frames.mean_nll_convergence(10_000).readout.startswith("N = 10,000:  mean NLLs ")


def test_tempered_path_readout_splits_cross_entropy_into_entropy_and_kl():
    p = book_data.TRUE_DISTRIBUTION
    floor = information.entropy(p)
    at_p = frames.cross_entropy_along_path(1.0)
    assert f"H(p, q(t)) = H(p) + KL(p ‖ q(t)) = {floor:.4f} + 0.0000 = {floor:.4f} nats" in (
        at_p.readout
    )
    frame = frames.cross_entropy_along_path(2.5, p=p)
    q = paths.tempered(p, 2.5)
    kl, here = information.kl_divergence(p, q), information.cross_entropy(p, q)
    assert f"= {floor:.4f} + {kl:.4f} = {here:.4f} nats" in frame.readout
    assert "t = 2.5" in frame.alt and f"height {kl:.3f} nats" in frame.alt


# ---- typography: the readouts read like the prose, with a steady number of digits ----------

# Every slider of the book at the positions its chapter gives it (the `values` of each
# `slider(...)` call in book/*.md), plus the ends of its live range: a readout must keep its
# shape along the slider, so that the text does not jump as the slider moves.
BOOK_RUN = classifier.train_softmax_regression(
    DATA.inputs, DATA.labels, 3, steps=150, learning_rate=1.0
)  # book/classifier.md
BEST_SIGMA = round(float(np.std(book_data.GAUSSIAN_TARGETS)), 3)  # book/variations.md
BOOK_SLIDERS = {
    "likelihood_path": (  # book/likelihood.md; live 0.02..0.98
        frames.likelihood_path, [0.02, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 2 / 3, 0.7, 0.8, 0.9, 0.98]
    ),
    "resampled_counts": (  # book/counts.md, a grid of sizes and seeds
        lambda position: frames.resampled_counts(*position),
        [(size, seed) for size in (3, 6, 12, 24) for seed in (0, 1, 2)],
    ),
    "mean_nll_convergence": (  # book/cross_entropy.md; live 1..10,000
        frames.mean_nll_convergence, [1, 3, 10, 30, 100, 300, 1000, 3000, 10000]
    ),
    "cross_entropy_along_path": (  # book/entropy_kl.md; live 0..3
        frames.cross_entropy_along_path, [0.0, 0.05, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0]
    ),
    "held_out_smoothing": (  # book/held_out.md; live 0..20 in steps of 0.05
        frames.held_out_smoothing,
        [0.0, 0.05, 0.1, 0.2, 0.4, 0.7, 1.0, 2.0, 4.0, 10.0, 19.95, 20.0, 30.0, 100.0],
    ),
    "compression_along_path": (  # book/bits_codes.md: frames_coding.MARKS; live 0..3
        frames_coding.compression_along_path, [*frames_coding.MARKS, 0.05, 2.95]
    ),
    "softmax_loss": (  # book/softmax.md; live -4..5
        frames_network.softmax_loss,
        [-4.0, -3.0, -2.0, -1.25, round(book_data.WORKED_LOGITS[2], 3), -0.25, 0.25, 0.75, 1.5,
         2.25, 3.0, 4.0, 5.0],
    ),
    "training_progress": (  # book/classifier.md; live 0..150
        lambda step: frames_network.training_progress(step, data=DATA, run=BOOK_RUN),
        [0, 1, 2, 3, 5, 8, 12, 20, 35, 60, 100, 150],
    ),
    "label_smoothing": (  # book/variations.md; live 0..0.9
        frames_network.label_smoothing, [0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.9]
    ),
    "gaussian_variance": (  # book/variations.md; live 0.15..3
        frames_network.gaussian_variance,
        [0.15, 0.25, 0.35, 0.5, BEST_SIGMA, 0.9, 1.2, 1.6, 2.2, 3.0],
    ),
}
# A number of a readout: its digits (thousands grouped by commas) and its decimals, or an
# infinity. Unicode subscripts and superscripts are not decimal digits, so they do not count.
NUMBER = re.compile(rf"{INFINITY}|\d+(?:,\d{{3}})*(?:\.(\d+))?")


@functools.cache
def _readouts(name):
    """``{position: (readout, alt)}`` along the book's slider `name` (computed once)."""
    call, positions = BOOK_SLIDERS[name]
    return {position: call(position)[1:] for position in positions}


def _decimals(readout):
    """The number of decimals of each number in `readout`, in order (None for an infinity)."""
    return [
        None if match.group(0) == INFINITY else len(match.group(1) or "")
        for match in NUMBER.finditer(readout)
    ]


def test_every_frame_function_has_its_book_slider_here():
    assert set(BOOK_SLIDERS) == set(FRAME_CALLS)
    assert BEST_SIGMA == 0.663


@pytest.mark.parametrize("name", BOOK_SLIDERS)
def test_readouts_are_typeset_like_the_prose(name):
    for position, (readout, alt) in _readouts(name).items():
        where = f"{name} at {position}: {readout!r}"
        assert "^" not in readout and "**" not in readout, f"ASCII powers in {where}"
        assert "_" not in readout, f"ASCII subscripts in {where}"
        assert not re.search(r"-\s*\d", readout), f"a hyphen as a minus sign in {where}"
        assert not re.search(r"\d[eE][-+]?\d", readout), f"a 1e-05 float in {where}"
        assert not re.search(r"\b(inf|nan)\b", readout), f"a Python float word in {where}"
        assert not re.search(r"\d \* \d|\d\*\d", readout), f"ASCII times in {where}"
        # the alt texts carry no formula notation either
        assert "^" not in alt and "_" not in alt, f"{name} at {position}: {alt!r}"
        assert not re.search(r"\d[eE][-+]?\d", alt), f"{name} at {position}: {alt!r}"


@pytest.mark.parametrize("name", BOOK_SLIDERS)
def test_readouts_keep_the_same_decimals_along_the_slider(name):
    shapes = {position: _decimals(readout) for position, (readout, _) in _readouts(name).items()}
    first_position, first = next(iter(shapes.items()))
    for position, shape in shapes.items():
        assert len(shape) == len(first), (name, first_position, position, first, shape)
        for here, there in zip(first, shape, strict=True):
            assert here == there or None in (here, there), (name, position, first, shape)


def test_readouts_use_the_symbols_of_the_chapters():
    assert "L = q₂ · q₂ · q₁ = " in frames.likelihood_path(0.4).readout
    powers = frames.resampled_counts(24, 0).readout
    assert f"q₀⁵ · q₁⁴ · q₂¹⁵ = 7.910{TIMES_TEN}⁻¹¹" in powers
    assert "KL(p ‖ q(t))" in frames.cross_entropy_along_path(0.5).readout
    assert frames.held_out_smoothing(0.0).readout.startswith("\N{GREEK SMALL LETTER ALPHA} = 0.00:")
    assert "held-out loss \N{INFINITY} (mean" in frames.held_out_smoothing(0.0).readout
    assert (
        "N\N{MIDDLE DOT}H(p, q) = 2,000 \N{MULTIPLICATION SIGN} "
        in frames_coding.compression_along_path(1.0).readout
    )
    gradient = frames_network.softmax_loss(0.0).readout.split("onehot(2) = ")[1]
    assert gradient.endswith(f", {MINUS}0.333)") and "-" not in gradient
    assert "floor H(Y | X) = " in frames_network.training_progress(3, data=DATA, run=RUN).readout
    assert "best margin m* = \N{INFINITY}" in frames_network.label_smoothing(0.0).readout
    assert "MSE / (2\N{GREEK SMALL LETTER SIGMA}²)" in frames_network.gaussian_variance(1.0).readout


# ---- the helpers (nllce._typeset) ----------------------------------------------------------


def test_subscripts_and_superscripts():
    assert (subscript(12), subscript("true"), subscript(-3)) == ("₁₂", "ₜᵣᵤₑ", "₋₃")
    assert (superscript(15), superscript(-6), superscript("n")) == ("¹⁵", "⁻⁶", "ⁿ")
    assert superscript(f"{MINUS}2") == "⁻²"
    with pytest.raises(ValueError, match="Unicode has no subscript form of"):  # no epsilon
        subscript("\N{GREEK SMALL LETTER EPSILON}")
    with pytest.raises(ValueError, match=r"no superscript form of \['q'\]"):
        superscript("q2")


@pytest.mark.parametrize(
    ("value", "digits", "grouped", "text"),
    [
        (0.5, 3, False, "0.500"),
        (-0.5, 3, False, f"{MINUS}0.500"),
        (np.float64(-1e-17), 4, False, "0.0000"),  # no negative zero
        (-0.00004, 4, False, "0.0000"),
        (2, 3, False, "2.000"),
        (10_000, 0, True, "10,000"),
        (-2744.68, 1, True, f"{MINUS}2,744.7"),
        (1234.5, 1, False, "1234.5"),
        (float("inf"), 4, False, INFINITY),
        (-np.inf, 2, False, MINUS + INFINITY),
    ],
)
def test_number_prints_fixed_decimals_and_a_real_minus(value, digits, grouped, text):
    assert number(value, digits, grouped=grouped) == text


def test_number_refuses_nan():
    with pytest.raises(ValueError, match="NaN"):
        number(float("nan"))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (9.375e-06, f"9.375{TIMES_TEN}⁻⁶"),
        (0.03, f"3.000{TIMES_TEN}⁻²"),
        (7.9e-11, f"7.900{TIMES_TEN}⁻¹¹"),
        (9.99996, f"1.000{TIMES_TEN}¹"),  # the mantissa rounds up
        (-2.5e3, f"{MINUS}2.500{TIMES_TEN}³"),
        (0.0, f"0.000{TIMES_TEN}⁰"),
    ],
)
def test_scientific_is_a_mantissa_times_a_power_of_ten(value, text):
    assert scientific(value) == text


def test_scientific_spoken_and_vector():
    assert scientific(4.005e-10, spoken=True) == "4.005 times 10 to the power minus 10"
    assert scientific(250.0, 1, spoken=True) == "2.5 times 10 to the power 2"
    assert vector([0.25, -0.5, 1]) == f"(0.250, {MINUS}0.500, 1.000)"
    assert vector(np.array([3, 1, 8]), 0) == "(3, 1, 8)"
