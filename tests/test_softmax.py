"""Softmax, log-softmax, log-sum-exp and the losses from logits (with gradients)."""

import math

import numpy as np
import pytest
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nllce import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    cross_entropy,
    cross_entropy_with_logits,
    cross_entropy_with_logits_grad,
    frequencies,
    log_softmax,
    logsumexp,
    nll,
    softmax,
)

# Timings vary on a shared machine: no per-example deadline.
relaxed = settings(deadline=None)

SAMPLE = np.array([2, 2, 1])
Q = np.array([0.2, 0.3, 0.5])


@st.composite
def logit_rows(draw, low=-50.0, high=50.0, max_rows=5, max_classes=6):
    num_rows = draw(st.integers(1, max_rows))
    num_classes = draw(st.integers(1, max_classes))
    return draw(arrays(np.float64, (num_rows, num_classes), elements=st.floats(low, high)))


@st.composite
def logits_and_targets(draw, low=-5.0, high=5.0):
    """Logits ``(N, K)`` with either integer labels or probability rows as target."""
    z = draw(logit_rows(low, high, max_rows=4, max_classes=5))
    num_rows, num_classes = z.shape
    if draw(st.booleans()):
        target = np.array(
            draw(st.lists(st.integers(0, num_classes - 1), min_size=num_rows, max_size=num_rows))
        )
    else:
        weights = draw(arrays(np.float64, z.shape, elements=st.floats(0.01, 1.0)))
        target = weights / weights.sum(axis=1, keepdims=True)
    return z, target


def _as_probabilities(target, num_classes, smoothing=0.0):
    """The target as probability rows, smoothed like the package does."""
    target = np.asarray(target)
    rows = np.eye(num_classes)[target] if target.dtype.kind == "i" else target
    return (1 - smoothing) * rows + smoothing / num_classes


# ---------------------------------------------------------------- softmax and friends


def test_naive_log_of_softmax_fails_where_log_softmax_does_not():
    z = np.array([1000.0, 1.0])
    with np.errstate(divide="ignore"):
        assert np.log(softmax(z))[1] == -np.inf
    np.testing.assert_array_equal(log_softmax(z), [0.0, -999.0])


def test_softmax_sums_to_one_and_is_positive():
    q = softmax([[1.0, 2.0, 3.0], [0.0, -700.0, 700.0]])
    np.testing.assert_allclose(q.sum(axis=1), 1.0, rtol=1e-15)
    assert (q >= 0).all()


def test_minus_infinity_logit_has_probability_zero():
    with np.errstate(all="raise", under="ignore"):
        np.testing.assert_array_equal(softmax([0.0, -np.inf, 0.0]), [0.5, 0.0, 0.5])
        assert log_softmax([0.0, -np.inf])[1] == -np.inf
        assert logsumexp([0.0, -np.inf]) == 0.0
        assert logsumexp([-np.inf, -np.inf]) == -np.inf


def test_other_axes():
    z = np.arange(24.0).reshape(2, 3, 4) / 7
    for axis in (0, 1, -1):
        np.testing.assert_allclose(
            softmax(z, axis=axis), scipy.special.softmax(z, axis=axis), rtol=1e-14
        )
        np.testing.assert_allclose(
            log_softmax(z, axis=axis), scipy.special.log_softmax(z, axis=axis), rtol=1e-14
        )
        np.testing.assert_allclose(
            logsumexp(z, axis=axis), scipy.special.logsumexp(z, axis=axis), rtol=1e-14
        )


def test_float32_in_float32_out():
    z = np.array([[1.0, 2.0, 3.0]], dtype=np.float32)
    assert softmax(z).dtype == np.float32
    assert log_softmax(z).dtype == np.float32
    assert logsumexp(z).dtype == np.float32
    assert cross_entropy_with_logits(z, [0]).dtype == np.float32
    assert cross_entropy_with_logits(z, [0], label_smoothing=0.1).dtype == np.float32
    assert cross_entropy_with_logits_grad(z, [0]).dtype == np.float32
    assert binary_cross_entropy_with_logits(z, [[1, 0, 1]]).dtype == np.float32


def test_integer_logits_are_accepted():
    np.testing.assert_allclose(softmax([1, 2, 3]), softmax([1.0, 2.0, 3.0]))


@relaxed
@given(logit_rows(-700.0, 700.0))
def test_agree_with_scipy(z):
    np.testing.assert_allclose(
        softmax(z), scipy.special.softmax(z, axis=1), rtol=1e-13, atol=1e-300
    )
    np.testing.assert_allclose(
        log_softmax(z), scipy.special.log_softmax(z, axis=1), rtol=1e-13, atol=1e-13
    )
    np.testing.assert_allclose(
        logsumexp(z), scipy.special.logsumexp(z, axis=1), rtol=1e-14, atol=1e-14
    )


@relaxed
@given(logit_rows(), st.floats(-100.0, 100.0))
def test_shift_invariance(z, shift):
    np.testing.assert_allclose(softmax(z + shift), softmax(z), rtol=1e-11, atol=1e-300)
    np.testing.assert_allclose(log_softmax(z + shift), log_softmax(z), rtol=1e-11, atol=1e-11)
    np.testing.assert_allclose(logsumexp(z + shift), logsumexp(z) + shift, rtol=1e-13, atol=1e-11)


@relaxed
@given(logit_rows())
def test_log_softmax_is_logits_minus_logsumexp(z):
    np.testing.assert_allclose(log_softmax(z), z - logsumexp(z)[:, None], rtol=1e-13, atol=1e-13)


# ---------------------------------------------------------------- cross-entropy from logits


def test_worked_sample_loss_is_mean_nll():
    logits = np.log(np.tile(Q, (3, 1)))
    expected = nll(Q, SAMPLE)
    assert cross_entropy_with_logits(logits, SAMPLE) == pytest.approx(expected, rel=1e-15)
    assert cross_entropy_with_logits(logits, SAMPLE) == pytest.approx(
        cross_entropy(frequencies(SAMPLE, 3), Q), rel=1e-15
    )
    assert cross_entropy_with_logits(logits, SAMPLE, reduction="sum") == pytest.approx(
        3 * expected, rel=1e-15
    )


def test_worked_sample_gradient_is_softmax_minus_one_hot_over_n():
    logits = np.log(np.tile(Q, (3, 1)))
    expected = (np.tile(Q, (3, 1)) - np.eye(3)[SAMPLE]) / 3
    np.testing.assert_allclose(cross_entropy_with_logits_grad(logits, SAMPLE), expected, atol=1e-16)


def test_single_sample_forms():
    z = np.array([2.0, 1.0, 0.1])
    loss = cross_entropy_with_logits(z, 0)
    assert loss == pytest.approx(-scipy.special.log_softmax(z)[0], rel=1e-15)
    assert cross_entropy_with_logits(z, [1.0, 0.0, 0.0]) == pytest.approx(loss, rel=1e-15)
    assert cross_entropy_with_logits(z, 0, reduction="none") == pytest.approx(loss, rel=1e-15)
    assert cross_entropy_with_logits_grad(z, 0).shape == (3,)


def test_minus_infinity_logits_in_the_loss():
    z = np.array([[0.0, -np.inf, 1.0]])
    with np.errstate(all="raise", under="ignore"):
        assert np.isfinite(cross_entropy_with_logits(z, [0]))
        assert cross_entropy_with_logits(z, [1]) == np.inf
        assert np.isfinite(cross_entropy_with_logits(z, [[0.5, 0.0, 0.5]]))
        assert cross_entropy_with_logits(z, [[0.5, 0.5, 0.0]]) == np.inf
        assert cross_entropy_with_logits(z, [0], label_smoothing=0.1) == np.inf
        np.testing.assert_allclose(cross_entropy_with_logits_grad(z, [0])[0, 1], 0.0, atol=0)


@relaxed
@given(logits_and_targets(-50.0, 50.0))
def test_loss_agrees_with_scipy_log_softmax(case):
    z, target = case
    expected = -(_as_probabilities(target, z.shape[1]) * scipy.special.log_softmax(z, axis=1))
    np.testing.assert_allclose(
        cross_entropy_with_logits(z, target, reduction="none"),
        expected.sum(axis=1),
        rtol=1e-12,
        atol=1e-12,
    )


@relaxed
@given(logits_and_targets(), st.sampled_from(["mean", "sum"]))
def test_loss_is_cross_entropy_of_target_and_softmax(case, reduction):
    z, target = case
    per_sample = cross_entropy(_as_probabilities(target, z.shape[1]), softmax(z))
    expected = per_sample.mean() if reduction == "mean" else per_sample.sum()
    assert cross_entropy_with_logits(z, target, reduction=reduction) == pytest.approx(
        expected, rel=1e-12, abs=1e-12
    )


@relaxed
@given(logits_and_targets(), st.floats(0.0, 0.99))
def test_label_smoothing_is_a_smoothed_target(case, smoothing):
    z, target = case
    smoothed = _as_probabilities(target, z.shape[1], smoothing)
    assert cross_entropy_with_logits(z, target, label_smoothing=smoothing) == pytest.approx(
        cross_entropy_with_logits(z, smoothed), rel=1e-12, abs=1e-12
    )
    np.testing.assert_allclose(
        cross_entropy_with_logits_grad(z, target, label_smoothing=smoothing),
        cross_entropy_with_logits_grad(z, smoothed),
        atol=1e-15,
    )


@relaxed
@given(logits_and_targets(), st.sampled_from(["mean", "sum", "none"]), st.floats(0.0, 0.5))
def test_gradient_matches_finite_differences(case, reduction, smoothing):
    z, target = case
    grad = cross_entropy_with_logits_grad(z, target, reduction, smoothing)

    def total_loss(logits):
        return np.sum(cross_entropy_with_logits(logits, target, reduction, smoothing))

    step = 1e-6
    numeric = np.zeros_like(z)
    for index in np.ndindex(z.shape):
        bump = np.zeros_like(z)
        bump[index] = step
        numeric[index] = (total_loss(z + bump) - total_loss(z - bump)) / (2 * step)
    # With "none", each row's loss depends on its own logits only: summing is exact.
    np.testing.assert_allclose(grad, numeric, atol=1e-7)


@relaxed
@given(logits_and_targets())
def test_gradient_rows_sum_to_zero(case):
    z, target = case
    grad = cross_entropy_with_logits_grad(z, target, reduction="sum")
    np.testing.assert_allclose(grad.sum(axis=1), 0.0, atol=1e-14)


# ---------------------------------------------------------------- the reference versions


def _reference_version(function):
    """The readable version shown as code in the Notes of `function`'s docstring."""
    lines = function.__doc__.splitlines()
    literal = (line.rstrip().endswith("::") and ".. " not in line for line in lines)
    start = next(n for n, is_literal in enumerate(literal) if is_literal) + 1
    block = []
    for line in lines[start:]:
        if line.strip() and not line.startswith(" " * 8):
            break
        block.append(line[8:])
    namespace = {"np": np}
    exec(compile("\n".join(block), f"<{function.__name__} reference>", "exec"), namespace)
    return namespace[function.__name__]


@pytest.mark.parametrize("function", [logsumexp, log_softmax, cross_entropy_with_logits])
def test_the_reference_version_in_the_docstring_computes_the_same(function):
    z = np.random.default_rng(0).standard_normal((20, 7)) * 5
    labels = np.arange(20) % 7
    arguments = (z, labels) if function is cross_entropy_with_logits else (z,)
    np.testing.assert_allclose(
        _reference_version(function)(*arguments), function(*arguments), rtol=1e-13
    )


# ---------------------------------------------------------------- binary


def test_binary_from_logits_matches_binary_cross_entropy():
    z = np.array([2.0, -1.0, 0.0, 3.0])
    t = np.array([1.0, 0.0, 0.3, 1.0])
    expected = binary_cross_entropy(prediction=scipy.special.expit(z), target=t, reduction="none")
    np.testing.assert_allclose(
        binary_cross_entropy_with_logits(z, t, reduction="none"), expected, rtol=1e-14
    )
    assert binary_cross_entropy_with_logits(z, t) == pytest.approx(expected.mean(), rel=1e-14)
    assert binary_cross_entropy_with_logits(z, t, reduction="sum") == pytest.approx(
        expected.sum(), rel=1e-14
    )


def test_binary_minus_infinity_logit():
    with np.errstate(all="raise", under="ignore"):
        assert binary_cross_entropy_with_logits(-np.inf, 0) == 0.0
        assert binary_cross_entropy_with_logits(-np.inf, 0.5) == np.inf


def test_binary_tiny_loss_keeps_its_digits():
    # log(1 + e^-50) = e^-50 (1 - e^-50 / 2 ...), far below float64 rounding of 1.
    assert binary_cross_entropy_with_logits(50.0, 1) == pytest.approx(math.exp(-50), rel=1e-15)
    assert binary_cross_entropy_with_logits(-50.0, 0) == pytest.approx(math.exp(-50), rel=1e-15)


@relaxed
@given(arrays(np.float64, st.integers(1, 6), elements=st.floats(-30, 30)), st.floats(0.0, 1.0))
def test_binary_is_two_class_softmax_cross_entropy(z, t):
    targets = np.full(z.shape, t)
    two_class_logits = np.stack([np.zeros_like(z), z], axis=1)
    two_class_targets = np.stack([1 - targets, targets], axis=1)
    np.testing.assert_allclose(
        binary_cross_entropy_with_logits(z, targets, reduction="none"),
        cross_entropy_with_logits(two_class_logits, two_class_targets, reduction="none"),
        rtol=1e-12,
        atol=1e-14,
    )
