"""Exactness against mpmath at 50 digits, special values, and float32.

Targets (float64): absolute error <= 4 eps * max(1, |exact|) for ``log_softmax``,
``logsumexp`` and ``cross_entropy_with_logits`` on every logit family below, and a
relative error within a few ulps, so that a tiny positive loss is never rounded to 0.
The exact values are computed from the very same float inputs.
"""

import math
from fractions import Fraction

import mpmath
import numpy as np
import pytest

from nllce import (
    binary_cross_entropy,
    cross_entropy_with_logits,
    log_softmax,
    logsumexp,
    softmax,
)
from nllce import logits as logits_module

EPS64 = np.finfo(np.float64).eps
SMALLEST64 = np.finfo(np.float64).smallest_subnormal
ULPS = 4


def _signed_powers(rng, size, low, high):
    return rng.choice([-1.0, 1.0], size) * 10.0 ** rng.uniform(low, high, size)


def _dominant(rng, size):
    z = rng.standard_normal(size)
    z[rng.integers(size)] += 30.0
    return z


def _flat_tail(rng, size):
    z = np.full(size, math.log(1e-5))
    z[0] = 0.0
    return z


FAMILIES = {
    "normal": lambda rng, k: rng.standard_normal(k),
    "wide": lambda rng, k: _signed_powers(rng, k, -3, 3),
    "extreme": lambda rng, k: _signed_powers(rng, k, 0, 300),
    "near_tie": lambda rng, k: 3.0 + 1e-9 * rng.standard_normal(k),
    "offset": lambda rng, k: 1e6 + rng.standard_normal(k),
    "dominant": _dominant,
    "flat_tail": _flat_tail,
}


def _rows(family, num_classes, num_rows, seed=0, dtype=np.float64):
    rng = np.random.default_rng([seed, num_classes, list(FAMILIES).index(family)])
    return np.array([FAMILIES[family](rng, num_classes) for _ in range(num_rows)], dtype=dtype)


def _exact_normaliser(row):
    """The row as mpf values, its maximum and ``log(sum(exp(row - max)))``, at 50 digits.

    The normaliser is ``log1p`` of the sum of the non-max terms, so that a tiny
    normaliser keeps all its digits however large the maximum is.
    """
    with mpmath.workdps(50):
        values = [mpmath.mpf(float(x)) for x in row]
        top_index = int(np.argmax(row))
        top = values[top_index]
        rest = mpmath.fsum(
            mpmath.exp(v - top) for index, v in enumerate(values) if index != top_index
        )
        return values, top, mpmath.log1p(rest)


def _errors(ours, exact):
    """Absolute error relative to max(1, |exact|), and relative error (where it is defined).

    The relative error counts only where the exact value is a normal number of the
    result's type: below that, the type itself cannot hold it to full precision.
    """
    with mpmath.workdps(50):
        difference = abs(mpmath.mpf(float(ours)) - exact)
        absolute = float(difference / max(1, abs(exact)))
        normal = abs(exact) >= np.finfo(np.asarray(ours).dtype).tiny
        relative = float(difference / abs(exact)) if normal else 0.0
    return absolute, relative


def _check_row(row):
    """Assert log_softmax, logsumexp and the loss for three targets on one row.

    Errors are measured in ulps of the row's type: its eps times max(1, |exact|)
    (absolute) or times |exact| (relative).
    """
    eps = np.finfo(row.dtype).eps
    smallest = np.finfo(row.dtype).smallest_subnormal
    values, top, log_normaliser = _exact_normaliser(row)
    worst = 0.0
    with mpmath.workdps(50):
        for value, ours in zip(values, log_softmax(row), strict=True):
            absolute, relative = _errors(ours, (value - top) - log_normaliser)
            worst = max(worst, absolute / eps, relative / eps)
        worst = max(worst, _errors(logsumexp(row), top + log_normaliser)[0] / eps)
        for target in {int(np.argmax(row)), int(np.argmin(row)), len(row) // 2}:
            exact = log_normaliser + (top - values[target])
            loss = cross_entropy_with_logits(row, target)
            if exact > 0:
                assert loss > 0 or exact < smallest, "a positive loss came back as 0"
            absolute, relative = _errors(loss, exact)
            worst = max(worst, absolute / eps, relative / eps)
    assert worst <= ULPS, f"error of {worst:.2f} ulps"
    return worst


@pytest.mark.parametrize("family", list(FAMILIES))
@pytest.mark.parametrize("num_classes", [2, 10, 1000])
def test_float64_within_four_ulps(family, num_classes):
    for row in _rows(family, num_classes, num_rows=6 if num_classes <= 10 else 2):
        _check_row(row)


@pytest.mark.parametrize("family", ["normal", "dominant", "flat_tail"])
def test_float64_within_four_ulps_with_fifty_thousand_classes(family):
    _check_row(_rows(family, 50_000, num_rows=1)[0])


@pytest.mark.parametrize("family", ["normal", "wide", "near_tie", "dominant", "flat_tail"])
@pytest.mark.parametrize("num_classes", [2, 10, 1000])
def test_float32_in_float32_out_within_four_ulps(family, num_classes):
    rows = _rows(family, num_classes, num_rows=3, dtype=np.float32)
    assert log_softmax(rows).dtype == np.float32
    for row in rows:
        _check_row(row)


@pytest.mark.parametrize("num_classes", [2, 10])
@pytest.mark.parametrize("gap", [20.0, 40.0, 100.0, 700.0])
def test_tiny_loss_keeps_its_relative_accuracy(num_classes, gap):
    rng = np.random.default_rng(int(gap))
    row = rng.standard_normal(num_classes)
    row[0] = row.max() + gap
    loss = cross_entropy_with_logits(row, 0)
    assert 0 < loss < 1e-8
    _, _, exact = _exact_normaliser(row)  # row[0] is the maximum: the loss is log1p(rest)
    assert _errors(loss, exact)[1] <= ULPS * EPS64


def test_mean_of_tiny_losses_is_not_zero():
    z = np.array([[40.0, 0.0, -1.0]] * 1000)
    expected = math.log1p(math.exp(-40.0) + math.exp(-41.0))
    assert cross_entropy_with_logits(z, np.zeros(1000, dtype=int)) == pytest.approx(
        expected, rel=1e-14
    )


def test_huge_logits_give_correct_finite_results():
    big = 1e308
    with np.errstate(all="raise", under="ignore"):
        np.testing.assert_array_equal(log_softmax([big, big]), [-math.log(2), -math.log(2)])
        np.testing.assert_array_equal(softmax([big, -big, big]), [0.5, 0.0, 0.5])
        assert logsumexp([big, big]) == big
        np.testing.assert_array_equal(log_softmax([-big, -big]), [-math.log(2), -math.log(2)])
        assert cross_entropy_with_logits([[big, 0.5 * big]], [1]) == 0.5 * big
        assert cross_entropy_with_logits([[big, 0.5 * big]], [0]) == 0.0
        # The exact answer, -2e308, is beyond the largest float: it rounds to -inf.
        assert log_softmax([big, -big])[1] == -np.inf
        assert cross_entropy_with_logits([[big, -big]], [1]) == np.inf


def test_minus_infinity_logits_exactly_and_without_warnings():
    with np.errstate(all="raise", under="ignore"):
        assert cross_entropy_with_logits([[0.0, -np.inf]], [0]) == 0.0
        assert cross_entropy_with_logits([[0.0, -np.inf]], [1]) == np.inf
        assert cross_entropy_with_logits([[0.0, -np.inf, 0.0]], [2]) == math.log(2)


def _mixed_batch(num_rows, num_classes, seed):
    """Rows of every kind in one array: confident, plain, tied, with -inf, huge.

    Consecutive rows differ in kind, so a block of rows (the functions work block by
    block) mixes rows that need the exact ``log1p`` path with rows that do not. The
    first 100 rows are all confident, positive and moderate: whole blocks where every
    row takes the exact path and the two-operation rounding error applies.
    """
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((num_rows, num_classes))
    targets = rng.integers(num_classes, size=num_rows)
    kind = np.arange(num_rows) % 5
    kind[:100] = 0
    confident = kind <= 1
    z[confident, targets[confident]] += rng.uniform(5.0, 40.0, confident.sum())
    z[kind == 2] *= 1e3
    z[kind == 3] = 3.0 + 1e-9 * z[kind == 3]
    with_minus_inf = np.flatnonzero(kind == 4)
    z[with_minus_inf, (targets[with_minus_inf] + 1) % num_classes] = -np.inf
    return z, targets


@pytest.mark.parametrize(
    ("num_rows", "num_classes", "block_elements"), [(300, 12, 512), (70, 1000, None)]
)
def test_batched_rows_within_four_ulps(monkeypatch, num_rows, num_classes, block_elements):
    if block_elements is not None:  # small blocks: many of them, of every mix of rows
        monkeypatch.setattr(logits_module, "_BLOCK_ELEMENTS", block_elements)
    z, targets = _mixed_batch(num_rows, num_classes, seed=num_classes)
    losses = cross_entropy_with_logits(z, targets, reduction="none")
    log_q = log_softmax(z)
    lse = logsumexp(z)
    worst = 0.0
    with mpmath.workdps(50):
        rows = zip(z, targets, losses, log_q, lse, strict=True)
        for row, target, loss, row_log_q, row_lse in rows:
            finite = np.isfinite(row)
            values, top, log_normaliser = _exact_normaliser(row[finite])
            exact_loss = log_normaliser + (top - mpmath.mpf(float(row[target])))
            if exact_loss > 0:
                assert loss > 0 or exact_loss < SMALLEST64, "a positive loss came back as 0"
            absolute, relative = _errors(loss, exact_loss)
            worst = max(worst, absolute / EPS64, relative / EPS64)
            for value, ours in zip(values, row_log_q[finite], strict=True):
                worst = max(worst, _errors(ours, (value - top) - log_normaliser)[0] / EPS64)
            assert np.all(row_log_q[~finite] == -np.inf)
            worst = max(worst, _errors(row_lse, top + log_normaliser)[0] / EPS64)
    assert worst <= ULPS, f"error of {worst:.2f} ulps"


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("cheap", [True, False])
def test_subtraction_error_is_exact(dtype, cheap):
    """Both formulas for the rounding error of ``z - shift``: Fast2Sum when every
    ``|z| <= shift``, TwoSum otherwise (here: some ``z`` far below ``-shift``)."""
    rng = np.random.default_rng([cheap, np.dtype(dtype).itemsize])
    z = rng.standard_normal((50, 7)) * 10.0 ** rng.uniform(-8, 2, (50, 7))
    shift = np.repeat(np.abs(z).max() * rng.uniform(1, 4, (50, 1)), 7, axis=1)
    if not cheap:
        z[::3, 0] = -1e3 * shift[::3, 0]
    z, shift = z.astype(dtype), shift.astype(dtype)
    assert (z.min() >= -shift.min()) == cheap
    difference = z - shift
    error = logits_module._subtraction_error(z, shift, difference)
    columns = (z.ravel().tolist(), shift.ravel().tolist(), difference.ravel().tolist())
    exact = [Fraction(a) - Fraction(b) - Fraction(d) for a, b, d in zip(*columns, strict=True)]
    assert [Fraction(e) for e in error.ravel().tolist()] == exact
    assert np.count_nonzero(error) > z.size // 2  # the roundings were there to be found


# ---------------------------------------------------------------- binary cross-entropy

BINARY_PREDICTIONS = [5e-324, 1e-300, 1e-20, 2.0**-60, 1e-9, 0.25, 0.5, 1 - 2.0**-30, 1 - 2.0**-53]
BINARY_TARGETS = [0.0, 1e-20, 1e-3, 0.5, 1 - 1e-3, 1.0]


def _exact_binary_cross_entropy(q, t):
    """``-t log q - (1 - t) log(1 - q)`` from the very same floats, at 50 digits."""
    with mpmath.workdps(50):
        q, t = mpmath.mpf(q), mpmath.mpf(t)
        total = mpmath.mpf(0)
        if t > 0:
            total -= t * mpmath.log(q)
        if t < 1:
            total -= (1 - t) * mpmath.log1p(-q)
        return total


@pytest.mark.parametrize("q", BINARY_PREDICTIONS)
def test_binary_cross_entropy_keeps_its_relative_accuracy(q):
    """A few ulps relative, also near q = 0, where ``log(1 - q)`` would round to 0."""
    losses = binary_cross_entropy(
        prediction=np.full(len(BINARY_TARGETS), q), target=BINARY_TARGETS, reduction="none"
    )
    for t, loss in zip(BINARY_TARGETS, losses, strict=True):
        exact = _exact_binary_cross_entropy(q, t)
        if exact == 0:
            assert loss == 0
            continue
        assert loss > 0 or exact < SMALLEST64, f"a positive loss came back as 0 (t = {t})"
        _, relative = _errors(loss, exact)
        assert relative <= ULPS * EPS64, f"t = {t}: {relative / EPS64:.1f} ulps"


def test_binary_cross_entropy_of_a_tiny_confident_prediction():
    # 1 - 1e-20 rounds to exactly 1, so log(1 - q) would give a loss of 0.
    assert binary_cross_entropy(prediction=1e-20, target=0.0) == pytest.approx(1e-20, rel=EPS64)
    assert binary_cross_entropy(prediction=1e-300, target=0.0) == pytest.approx(1e-300, rel=EPS64)
