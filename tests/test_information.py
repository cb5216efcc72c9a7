"""Entropy, cross-entropy, KL and binary cross-entropy: values, identities, conventions."""

import math

import numpy as np
import pytest
import scipy.stats
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nllce import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    cross_entropy,
    entropy,
    frequencies,
    kl_divergence,
)

# Timings vary on a shared machine: no per-example deadline.
relaxed = settings(deadline=None)

P = frequencies([2, 2, 1], 3)  # the worked sample: [0, 1/3, 2/3]
Q = np.array([0.2, 0.3, 0.5])


def _normalised(weights):
    assume(weights.sum() > 0)
    return weights / weights.sum()


@st.composite
def distribution_pairs(draw, max_classes=8, allow_zeros=True):
    """Two distributions over the same classes; `p` may have zeros, `q` has none."""
    num_classes = draw(st.integers(1, max_classes))
    low = 0.0 if allow_zeros else 1e-6
    p = _normalised(draw(arrays(np.float64, num_classes, elements=st.floats(low, 1.0))))
    q = _normalised(draw(arrays(np.float64, num_classes, elements=st.floats(1e-6, 1.0))))
    return p, q


# ---------------------------------------------------------------- the worked sample


def test_worked_sample_values():
    entropy_p = -(1 / 3) * math.log(1 / 3) - (2 / 3) * math.log(2 / 3)
    cross = -(1 / 3) * math.log(0.3) - (2 / 3) * math.log(0.5)
    assert entropy(P) == pytest.approx(entropy_p, rel=1e-15)
    assert cross_entropy(P, Q) == pytest.approx(cross, rel=1e-15)
    assert kl_divergence(P, Q) == pytest.approx(cross - entropy_p, rel=1e-14)


def test_worked_sample_against_scipy():
    assert entropy(P) == pytest.approx(scipy.stats.entropy(P), rel=1e-14)
    assert kl_divergence(P, Q) == pytest.approx(scipy.stats.entropy(P, Q), rel=1e-14)
    assert entropy(P, base=2) == pytest.approx(scipy.stats.entropy(P, base=2), rel=1e-14)


# ---------------------------------------------------------------- conventions


def test_zero_log_zero_is_zero():
    with np.errstate(all="raise", under="ignore"):
        assert entropy([1.0, 0.0]) == 0.0
        assert cross_entropy([1.0, 0.0], [1.0, 0.0]) == 0.0
        assert kl_divergence([0.0, 1.0], [0.5, 0.5]) == pytest.approx(math.log(2), rel=1e-15)


def test_zero_results_are_positive_zero():
    assert math.copysign(1.0, entropy([1.0, 0.0])) == 1.0
    assert math.copysign(1.0, cross_entropy([0.0, 1.0], [0.0, 1.0])) == 1.0


def test_model_zero_where_data_is_positive_is_exactly_infinite():
    with np.errstate(all="raise", under="ignore"):
        assert cross_entropy([0.5, 0.5], [1.0, 0.0]) == np.inf
        assert kl_divergence([0.5, 0.5], [1.0, 0.0]) == np.inf
        assert binary_cross_entropy(prediction=0.0, target=1.0) == np.inf
        assert binary_cross_entropy(prediction=1.0, target=0.0) == np.inf


def test_kl_with_subnormal_model_probability_stays_finite():
    q = np.array([5e-324, 1.0])
    expected = 0.5 * (math.log(0.5) - math.log(5e-324)) + 0.5 * math.log(0.5)
    assert kl_divergence([0.5, 0.5], q) == pytest.approx(expected, rel=1e-14)


def test_rows_broadcast_one_data_distribution_against_many_models():
    models = np.array([[0.2, 0.3, 0.5], [1 / 3, 1 / 3, 1 / 3], [0.0, 0.5, 0.5]])
    expected = [cross_entropy(P, row) for row in models]
    np.testing.assert_allclose(cross_entropy(P, models), expected, rtol=1e-15)
    assert kl_divergence(P, models).shape == (3,)
    assert entropy(models).shape == (3,)


def test_float32_in_float32_out():
    p32, q32 = P.astype(np.float32), Q.astype(np.float32)
    for value in (entropy(p32), cross_entropy(p32, q32), kl_divergence(p32, q32)):
        assert value.dtype == np.float32
    assert binary_cross_entropy(prediction=q32, target=np.ones(3, np.float32)).dtype == np.float32


def test_binary_cross_entropy_values():
    expected = [-math.log(0.8), -math.log(0.2), math.log(2)]
    prediction, target = [0.8, 0.8, 0.5], [1, 0, 0.5]
    np.testing.assert_allclose(
        binary_cross_entropy(prediction, target, reduction="none"), expected, rtol=1e-15
    )
    assert binary_cross_entropy(prediction, target) == pytest.approx(np.mean(expected))
    assert binary_cross_entropy(prediction, target, "sum") == pytest.approx(np.sum(expected))
    assert binary_cross_entropy(prediction=0.0, target=0.0) == 0.0
    assert binary_cross_entropy(prediction=1.0, target=1.0) == 0.0


def test_binary_cross_entropy_takes_the_prediction_first_like_its_logits_twin():
    z, t = np.array([2.0, -1.0]), np.array([0.9, 0.2])
    q = 1 / (1 + np.exp(-z))
    np.testing.assert_allclose(
        binary_cross_entropy(q, t, reduction="none"),
        binary_cross_entropy_with_logits(z, t, reduction="none"),
        rtol=1e-14,
    )


# ---------------------------------------------------------------- identities


@relaxed
@given(distribution_pairs())
def test_cross_entropy_is_entropy_plus_divergence(pair):
    p, q = pair
    assert cross_entropy(p, q) == pytest.approx(entropy(p) + kl_divergence(p, q), abs=1e-13)


@relaxed
@given(distribution_pairs())
def test_divergence_is_non_negative(pair):
    p, q = pair
    assert kl_divergence(p, q) >= 0


@relaxed
@given(distribution_pairs())
def test_divergence_is_zero_iff_distributions_are_equal(pair):
    p, q = pair
    assert kl_divergence(p, p) == 0
    if np.max(np.abs(p - q)) > 1e-6:
        assert kl_divergence(p, q) > 0


@relaxed
@given(distribution_pairs())
def test_cross_entropy_is_minimised_by_the_data_distribution(pair):
    p, q = pair
    assert cross_entropy(p, q) >= cross_entropy(p, p) - 1e-14


@relaxed
@given(distribution_pairs(), st.sampled_from([2, 10, math.e, 0.5]))
def test_other_bases_are_nats_divided_by_log_base(pair, base):
    p, q = pair
    log_base = math.log(base)
    assert entropy(p, base=base) == pytest.approx(entropy(p) / log_base, rel=1e-14, abs=1e-15)
    assert cross_entropy(p, q, base=base) == pytest.approx(
        cross_entropy(p, q) / log_base, rel=1e-14
    )
    assert kl_divergence(p, q, base=base) == pytest.approx(
        kl_divergence(p, q) / log_base, rel=1e-14, abs=1e-15
    )


@relaxed
@given(distribution_pairs())
def test_bits_are_nats_over_ln_2(pair):
    p, q = pair
    assert cross_entropy(p, q, base=2) == pytest.approx(cross_entropy(p, q) / math.log(2))


@relaxed
@given(distribution_pairs())
def test_agrees_with_scipy(pair):
    p, q = pair
    assert entropy(p) == pytest.approx(scipy.stats.entropy(p), rel=1e-12, abs=1e-15)
    assert kl_divergence(p, q) == pytest.approx(scipy.stats.entropy(p, q), rel=1e-9, abs=1e-14)


@relaxed
@given(distribution_pairs())
def test_entropy_is_between_zero_and_log_k(pair):
    p, _ = pair
    assert 0 <= entropy(p) <= math.log(len(p)) + 1e-14


@relaxed
@given(st.floats(0, 1), st.floats(1e-9, 1 - 1e-9))
def test_binary_cross_entropy_is_two_class_cross_entropy(p, q):
    assert binary_cross_entropy(prediction=q, target=p) == pytest.approx(
        cross_entropy([1 - p, p], [1 - q, q]), rel=1e-12, abs=1e-15
    )
