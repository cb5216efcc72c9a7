"""Every slider's frame function returns its figure with a readout and alt text that carry
the frame's numbers (Part I here and the contract for all; Part II in test_frames_network.py)."""

import inspect

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
    assert f"L = q2 · q2 · q1 = {expected:.4f}" in frame.readout
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
    value = f"{data.likelihood(book_data.WORKED_MODEL, sample):.4g}"
    assert frame.readout.count(value) == 2
    counts = data.counts(sample, 3)
    assert f"counts n = {tuple(int(c) for c in counts)}" in frame.readout
    assert ", ".join(map(str, sample)) in frame.alt
    assert f"the counts {', '.join(map(str, counts))}" in frame.alt
    assert f"the likelihood {value}" in frame.alt


def test_convergence_readout_and_alt_carry_the_limit_and_one_mean_per_sample():
    frame = frames.mean_nll_convergence(100)
    limit = information.cross_entropy(book_data.TRUE_DISTRIBUTION, book_data.WORKED_MODEL)
    assert f"{limit:.4f}" in frame.readout
    means = frame.readout.split("mean NLLs ")[1].split(";")[0].split(", ")
    assert len(means) == 5
    expected = [
        data.nll(book_data.WORKED_MODEL, data.sample_from(book_data.TRUE_DISTRIBUTION, 10_000,
                                                          seed=path)[:100])
        for path in range(5)
    ]
    assert means == [f"{mean:.3f}" for mean in expected]
    assert "N = 100" in frame.alt and f"{limit:.3f} nats" in frame.alt
    assert f"between {min(expected):.3f} and {max(expected):.3f}" in frame.alt


def test_tempered_path_readout_splits_cross_entropy_into_entropy_and_kl():
    p = book_data.TRUE_DISTRIBUTION
    at_p = frames.cross_entropy_along_path(1.0)
    assert f"KL {0:.4f}" in at_p.readout
    assert f"H(p) {information.entropy(p):.4f}" in at_p.readout
    frame = frames.cross_entropy_along_path(2.5, p=p)
    kl = information.kl_divergence(p, paths.tempered(p, 2.5))
    assert f"KL {kl:.4f} nats" in frame.readout
    assert "t = 2.5" in frame.alt and f"height {kl:.3f} nats" in frame.alt
