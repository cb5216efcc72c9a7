"""The Gaussian NLL of the continuous case: the MSE identity, its minimisers, bad input."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from nllce import gaussian

finite = st.floats(-50, 50, allow_nan=False)
HALF_LOG_TWO_PI = 0.5 * math.log(2 * math.pi)


def test_gaussian_nll_matches_scipy():
    y = np.array([0.3, -1.2, 2.5, 0.0])
    mu = np.array([0.1, -1.0, 1.5, 0.4])
    expected = -stats.norm.logpdf(y, loc=mu, scale=0.7)
    np.testing.assert_allclose(gaussian.gaussian_nll(mu, y, 0.7, reduction="none"), expected)
    assert gaussian.gaussian_nll(mu, y, 0.7) == pytest.approx(expected.mean())
    assert gaussian.gaussian_nll(mu, y, 0.7, reduction="sum") == pytest.approx(expected.sum())


@given(st.lists(finite, min_size=1, max_size=20), finite, st.floats(0.05, 20))
def test_mean_nll_is_mse_over_two_sigma_squared_plus_constants(ys, mu, sigma):
    mse = gaussian.mean_squared_error(predictions=mu, targets=ys)
    expected = mse / (2 * sigma**2) + np.log(sigma) + HALF_LOG_TWO_PI
    assert gaussian.gaussian_nll(mu, ys, sigma) == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_best_mean_is_the_sample_mean_and_best_sigma_squared_is_the_mse():
    y = np.array([1.1, 1.9, 0.4, 1.5, 2.6, 0.9, 1.6])
    mus = np.linspace(0, 3, 3001)
    for sigma in (0.3, 1.0, 2.5):
        best_mu = mus[np.argmin([gaussian.gaussian_nll(m, y, sigma) for m in mus])]
        assert best_mu == pytest.approx(y.mean(), abs=1e-3)
    sigmas = np.linspace(0.2, 2.0, 18001)
    best_sigma = sigmas[np.argmin([gaussian.gaussian_nll(y.mean(), y, s) for s in sigmas])]
    assert best_sigma == pytest.approx(np.sqrt(gaussian.mean_squared_error(y.mean(), y)), abs=1e-4)


def test_a_column_of_sigmas_broadcasts_against_the_targets():
    y = np.array([1.1, 1.9, 0.4])
    sigmas = np.array([[0.5], [1.0], [2.0]])
    table = gaussian.gaussian_nll(1.0, y, sigmas, reduction="none")
    assert table.shape == (3, 3)
    np.testing.assert_allclose(table[1], gaussian.gaussian_nll(1.0, y, 1.0, reduction="none"))


def test_differential_entropy_matches_scipy_and_goes_negative():
    for sigma in (0.1, 1 / np.sqrt(2 * np.pi * np.e), 3.0):
        expected = stats.norm(scale=sigma).entropy()
        assert gaussian.gaussian_differential_entropy(sigma) == pytest.approx(expected)
    assert gaussian.gaussian_differential_entropy(1 / np.sqrt(2 * np.pi * np.e)) == pytest.approx(
        0.0, abs=1e-15
    )
    assert gaussian.gaussian_differential_entropy(0.2) < 0
    assert gaussian.gaussian_nll([1.0], [1.0], 0.1) < 0


# ---------------------------------------------------------------- extreme scales


@pytest.mark.parametrize(
    ("prediction", "target", "sigma", "z"),
    [
        (1e-200, 0.0, 1e-200, 1.0),  # sigma**2 underflows to 0
        (3e-300, 0.0, 1e-300, 3.0),
        (2e200, 0.0, 1e200, 2.0),  # residual**2 and sigma**2 overflow to inf
        (1e308, -1e308, 1e308, 2.0),  # even the residual overflows
    ],
)
def test_tiny_and_huge_sigma_give_the_finite_answer(prediction, target, sigma, z):
    exact = 0.5 * z**2 + math.log(sigma) + HALF_LOG_TWO_PI
    with np.errstate(all="raise"):
        value = gaussian.gaussian_nll([prediction], [target], sigma)
    assert value == pytest.approx(exact, rel=1e-14)


@pytest.mark.parametrize("sigma", [1e-300, 5e-324, 1e300])
def test_differential_entropy_of_extreme_sigma_is_finite(sigma):
    exact = 0.5 * math.log(2 * math.pi * math.e) + math.log(sigma)
    assert gaussian.gaussian_differential_entropy(sigma) == pytest.approx(exact, rel=1e-14)


def test_an_nll_beyond_the_float_range_is_inf_without_warning():
    with np.errstate(all="raise"):
        assert gaussian.gaussian_nll(1e300, 0.0, 1e-300) == np.inf
        assert gaussian.mean_squared_error(1e300, 0.0) == np.inf


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: gaussian.gaussian_nll([1.0], [1.0], 0.0), ValueError, "`sigma` must be > 0"),
        (lambda: gaussian.gaussian_nll([1.0], [1.0], -1.0), ValueError, "`sigma` must be > 0"),
        (
            lambda: gaussian.gaussian_nll([1.0], [np.nan], 1.0),
            ValueError,
            r"`targets` must hold finite target values; got nan at index 0",
        ),
        (
            lambda: gaussian.gaussian_nll([np.inf], [1.0], 1.0),
            ValueError,
            r"`predictions` must hold finite predicted means; got inf",
        ),
        (
            lambda: gaussian.gaussian_nll([1.0], [1.0], [1.0, np.inf]),
            ValueError,
            r"`sigma` must hold finite noise scales; got inf at index 1",
        ),
        (
            lambda: gaussian.gaussian_nll([], [], 1.0),
            ValueError,
            r"`predictions` must hold at least one number; got shape \(0,\)",
        ),
        (
            lambda: gaussian.gaussian_nll([1.0, 2.0, 3.0], [1.0, 2.0], 1.0),
            ValueError,
            r"`predictions` has shape \(3,\) but `targets` has shape \(2,\)",
        ),
        (
            lambda: gaussian.gaussian_nll([1.0], [1.0], 1.0, reduction="max"),
            ValueError,
            "`reduction`",
        ),
        (lambda: gaussian.gaussian_differential_entropy(0.0), ValueError, "`sigma` must be > 0"),
    ],
)
def test_bad_arguments_are_named(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_mismatched_shapes_do_not_broadcast_silently():
    # (3,) against (3, 1) would broadcast to a (3, 3) table of every pair.
    message = (
        r"`predictions` has shape \(3,\) but `targets` has shape \(3, 1\); they must have "
        r"the same shape \(or one be a single number\)"
    )
    with pytest.raises(ValueError, match=message):
        gaussian.mean_squared_error(np.zeros(3), np.zeros((3, 1)))
    with pytest.raises(ValueError, match=message):
        gaussian.gaussian_nll(np.zeros(3), np.zeros((3, 1)), 1.0)


def test_sigma_that_does_not_broadcast_is_named():
    message = (
        r"`sigma` has shape \(3,\), which does not broadcast against the targets' shape \(2,\)"
    )
    with pytest.raises(ValueError, match=message):
        gaussian.gaussian_nll([1.0, 2.0], [1.0, 2.0], [1.0, 1.0, 1.0])


@pytest.mark.parametrize(
    ("argument", "value", "match"),
    [
        ("predictions", [True, False], r"`predictions` must hold predicted means, not booleans"),
        ("targets", ["1.5"], r"`targets` must hold real numbers \(target values\); got dtype <U3"),
        ("targets", [1 + 2j], r"`targets` must hold real numbers .* got dtype complex128"),
        ("sigma", True, r"`sigma` must hold noise scales, not booleans"),
        ("sigma", "0.5", r"`sigma` must hold real numbers \(noise scales\); got dtype <U3"),
        ("sigma", 0.5 + 0j, r"`sigma` must hold real numbers .* got dtype complex128"),
        ("predictions", np.array([1], dtype="m8[s]"), r"`predictions` .* got dtype timedelta64"),
        ("targets", [[1.0], [1.0, 2.0]], r"`targets` must be a rectangular array"),
    ],
)
def test_booleans_text_complex_and_time_are_refused_by_name(argument, value, match):
    arguments = {"predictions": [1.0], "targets": [1.0], "sigma": 1.0} | {argument: value}
    error = ValueError if "rectangular" in match else TypeError
    with pytest.raises(error, match=match):
        gaussian.gaussian_nll(**arguments)
    if argument != "sigma":
        with pytest.raises(error, match=match):
            gaussian.mean_squared_error(arguments["predictions"], arguments["targets"])


def test_differential_entropy_names_sigma():
    with pytest.raises(TypeError, match=r"`sigma` must hold noise scales, not booleans"):
        gaussian.gaussian_differential_entropy(True)
