"""Counts, frequencies, likelihood and NLL: the worked sample, identities, edge cases."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nllce import (
    counts,
    cross_entropy,
    frequencies,
    likelihood,
    log_likelihood,
    nll,
)

# Timings vary on a shared machine: no per-example deadline.
relaxed = settings(deadline=None)

SAMPLE = [2, 2, 1]
Q = np.array([0.2, 0.3, 0.5])


@st.composite
def samples_and_models(draw, max_classes=6, max_size=30):
    """A sample of labels and a model ``q`` with no zero probability."""
    num_classes = draw(st.integers(1, max_classes))
    labels = draw(st.lists(st.integers(0, num_classes - 1), min_size=1, max_size=max_size))
    weights = draw(arrays(np.float64, num_classes, elements=st.floats(1e-3, 1.0)))
    return np.array(labels), num_classes, weights / weights.sum()


# ---------------------------------------------------------------- the worked sample


def test_worked_sample_counts_and_frequencies():
    np.testing.assert_array_equal(counts(SAMPLE, 3), [0, 1, 2])
    np.testing.assert_allclose(frequencies(SAMPLE, 3), [0, 1 / 3, 2 / 3], rtol=1e-15)


def test_worked_sample_likelihood_is_q2_squared_times_q1():
    assert likelihood(Q, SAMPLE) == pytest.approx(Q[2] ** 2 * Q[1], rel=1e-15)


def test_worked_sample_log_likelihood_and_nll():
    log_l = 2 * math.log(0.5) + math.log(0.3)
    assert log_likelihood(Q, SAMPLE) == pytest.approx(log_l, rel=1e-15)
    assert nll(Q, SAMPLE, reduction="sum") == pytest.approx(-log_l, rel=1e-15)
    assert nll(Q, SAMPLE) == pytest.approx(-log_l / 3, rel=1e-15)
    np.testing.assert_allclose(nll(Q, SAMPLE, reduction="none"), -np.log([0.5, 0.5, 0.3]))


def test_worked_sample_mean_nll_is_cross_entropy_of_frequencies():
    assert nll(Q, SAMPLE) == pytest.approx(cross_entropy(frequencies(SAMPLE, 3), Q), rel=1e-15)


# ---------------------------------------------------------------- behaviour


def test_unseen_classes_count_zero():
    np.testing.assert_array_equal(counts([0, 0], 4), [2, 0, 0, 0])
    assert counts([0, 0], 4).dtype.kind == "i"


def test_counts_accept_unsigned_and_numpy_integers():
    labels = np.array([2, 2, 1], dtype=np.uint8)
    np.testing.assert_array_equal(counts(labels, np.int64(3)), [0, 1, 2])


def test_frequencies_sum_to_one():
    p = frequencies(np.arange(7) % 3, 3)
    assert p.sum() == pytest.approx(1.0, abs=1e-15)


def test_per_sample_model_picks_each_row():
    q_rows = np.array([[0.1, 0.9], [0.6, 0.4], [0.5, 0.5]])
    labels = [1, 0, 1]
    assert likelihood(q_rows, labels) == pytest.approx(0.9 * 0.6 * 0.5, rel=1e-15)
    assert nll(q_rows, labels) == pytest.approx(-np.log([0.9, 0.6, 0.5]).mean(), rel=1e-15)


def test_likelihood_underflows_but_log_likelihood_does_not():
    sample = np.tile(SAMPLE, 1000)
    assert likelihood(Q, sample) == 0.0
    assert log_likelihood(Q, sample) == pytest.approx(1000 * math.log(0.075), rel=1e-13)


def test_impossible_label_gives_minus_infinity_without_warning():
    with np.errstate(all="raise", under="ignore"):
        assert log_likelihood([0.5, 0.5, 0.0], SAMPLE) == -np.inf
        assert nll([0.5, 0.5, 0.0], SAMPLE) == np.inf
        assert likelihood([0.5, 0.5, 0.0], SAMPLE) == 0.0


def test_float32_model_gives_float32_results():
    q32 = Q.astype(np.float32)
    assert likelihood(q32, SAMPLE).dtype == np.float32
    assert log_likelihood(q32, SAMPLE).dtype == np.float32
    assert nll(q32, SAMPLE).dtype == np.float32


# ---------------------------------------------------------------- identities


@relaxed
@given(samples_and_models())
def test_log_likelihood_groups_by_class(case):
    labels, num_classes, q = case
    grouped = np.sum(counts(labels, num_classes) * np.log(q))
    assert log_likelihood(q, labels) == pytest.approx(grouped, rel=1e-12, abs=1e-12)


@relaxed
@given(samples_and_models())
def test_likelihood_is_product_of_powers(case):
    labels, num_classes, q = case
    powers = np.prod(q ** counts(labels, num_classes))
    assert likelihood(q, labels) == pytest.approx(powers, rel=1e-12)


@relaxed
@given(samples_and_models())
def test_mean_nll_is_cross_entropy_from_frequencies(case):
    labels, num_classes, q = case
    p = frequencies(labels, num_classes)
    assert nll(q, labels) == pytest.approx(cross_entropy(p, q), rel=1e-12, abs=1e-14)
    assert nll(q, labels, reduction="sum") == pytest.approx(
        len(labels) * cross_entropy(p, q), rel=1e-12, abs=1e-14
    )


@relaxed
@given(samples_and_models())
def test_counts_add_up_to_the_sample_size(case):
    labels, num_classes, _ = case
    n = counts(labels, num_classes)
    assert n.sum() == len(labels)
    np.testing.assert_array_equal(n, [np.sum(labels == i) for i in range(num_classes)])


# ---------------------------------------------------------------- bad input, every route


@pytest.mark.parametrize("function", [counts, frequencies])
def test_time_labels_are_refused_when_counting(function):
    with pytest.raises(TypeError, match=r"`labels` must hold integer class labels .* timedelta64"):
        function(np.array([2, 2, 1], dtype="m8[s]"), 3)


@pytest.mark.parametrize("function", [likelihood, log_likelihood, nll])
def test_time_labels_and_ragged_models_are_refused_by_the_likelihood(function):
    with pytest.raises(TypeError, match=r"`labels` must hold integer class labels .* datetime64"):
        function(Q, np.array([2, 2, 1], dtype="M8[D]"))
    with pytest.raises(ValueError, match=r"`q` must be a rectangular array"):
        function([[0.5, 0.5], [1.0]], [0, 1])
