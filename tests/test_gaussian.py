"""The Gaussian NLL of the continuous case: the MSE identity, its minimisers, bad input."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from nllce import gaussian

finite = st.floats(-50, 50, allow_nan=False)


def test_gaussian_nll_matches_scipy():
    y = np.array([0.3, -1.2, 2.5, 0.0])
    mu = np.array([0.1, -1.0, 1.5, 0.4])
    expected = -stats.norm.logpdf(y, loc=mu, scale=0.7)
    np.testing.assert_allclose(gaussian.gaussian_nll(y, mu, 0.7, reduction="none"), expected)
    assert gaussian.gaussian_nll(y, mu, 0.7) == pytest.approx(expected.mean())
    assert gaussian.gaussian_nll(y, mu, 0.7, reduction="sum") == pytest.approx(expected.sum())


@given(st.lists(finite, min_size=1, max_size=20), finite, st.floats(0.05, 20))
def test_mean_nll_is_mse_over_two_sigma_squared_plus_constants(ys, mu, sigma):
    mse = gaussian.mean_squared_error(ys, mu)
    expected = mse / (2 * sigma**2) + np.log(sigma) + 0.5 * np.log(2 * np.pi)
    assert gaussian.gaussian_nll(ys, mu, sigma) == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_best_mean_is_the_sample_mean_and_best_sigma_squared_is_the_mse():
    y = np.array([1.1, 1.9, 0.4, 1.5, 2.6, 0.9, 1.6])
    mus = np.linspace(0, 3, 3001)
    for sigma in (0.3, 1.0, 2.5):
        best_mu = mus[np.argmin([gaussian.gaussian_nll(y, m, sigma) for m in mus])]
        assert best_mu == pytest.approx(y.mean(), abs=1e-3)
    sigmas = np.linspace(0.2, 2.0, 18001)
    best_sigma = sigmas[np.argmin([gaussian.gaussian_nll(y, y.mean(), s) for s in sigmas])]
    assert best_sigma == pytest.approx(np.sqrt(gaussian.mean_squared_error(y, y.mean())), abs=1e-4)


def test_differential_entropy_matches_scipy_and_goes_negative():
    for sigma in (0.1, 1 / np.sqrt(2 * np.pi * np.e), 3.0):
        expected = stats.norm(scale=sigma).entropy()
        assert gaussian.gaussian_differential_entropy(sigma) == pytest.approx(expected)
    assert gaussian.gaussian_differential_entropy(1 / np.sqrt(2 * np.pi * np.e)) == pytest.approx(
        0.0, abs=1e-15
    )
    assert gaussian.gaussian_differential_entropy(0.2) < 0
    assert gaussian.gaussian_nll([1.0], [1.0], 0.1) < 0


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: gaussian.gaussian_nll([1.0], [1.0], 0.0), ValueError, "`sigma`"),
        (lambda: gaussian.gaussian_nll([1.0], [1.0], -1.0), ValueError, "`sigma`"),
        (lambda: gaussian.gaussian_nll([np.nan], [1.0], 1.0), ValueError, "`targets`"),
        (lambda: gaussian.gaussian_nll([1.0], [np.inf], 1.0), ValueError, "`predictions`"),
        (lambda: gaussian.gaussian_nll([], [], 1.0), ValueError, "`targets`"),
        (lambda: gaussian.gaussian_nll([1.0, 2.0], [1.0, 2.0, 3.0], 1.0), ValueError, "`targets`"),
        (lambda: gaussian.gaussian_nll(["a"], [1.0], 1.0), TypeError, "`targets`"),
        (
            lambda: gaussian.gaussian_nll([1.0], [1.0], 1.0, reduction="max"),
            ValueError,
            "`reduction`",
        ),
        (
            lambda: gaussian.mean_squared_error([1.0, 2.0], [1.0, 2.0, 3.0]),
            ValueError,
            "`predictions`",
        ),
        (lambda: gaussian.gaussian_differential_entropy(0.0), ValueError, "`sigma`"),
    ],
)
def test_bad_arguments_are_named(call, error, match):
    with pytest.raises(error, match=match):
        call()
