r"""The continuous case: the negative log-likelihood of a Gaussian model.

A regression model that predicts a mean :math:`\mu_k` for target :math:`y_k` and
a noise scale :math:`\sigma` assigns the density

.. math::

    \mathcal{N}(y; \mu, \sigma^2) = \frac{1}{\sqrt{2\pi\sigma^2}}
    \exp\Big(-\frac{(y - \mu)^2}{2\sigma^2}\Big),

so its mean NLL is the mean squared error over :math:`2\sigma^2` plus terms that
do not depend on the predictions. Densities can exceed 1, so this NLL (and the
differential entropy) can be negative.

Like every loss of :mod:`nllce`, these take the prediction first and the target
second, as ``torch.nn.functional`` does. `predictions` and `targets` have the same
shape, or one of them is a single number (one shared prediction, say); `sigma` is a
single number or broadcasts against them (one per target, or a column of candidate
values).
"""

import numpy as np

from ._validate import as_real, as_reduction

__all__ = ["gaussian_differential_entropy", "gaussian_nll", "mean_squared_error"]

_REDUCTIONS = ("mean", "sum", "none")
_HALF_LOG_TWO_PI = 0.5 * np.log(2 * np.pi)


def _as_sigma(sigma, shape=()):
    """`sigma` as a float array of finite positive scales that broadcasts against `shape`."""
    sigma = as_real(sigma, name="sigma", what="noise scales")
    if (sigma <= 0).any():
        raise ValueError(f"`sigma` must be > 0; got {sigma.min()}")
    try:
        np.broadcast_shapes(sigma.shape, shape)
    except ValueError:
        raise ValueError(
            f"`sigma` has shape {sigma.shape}, which does not broadcast against the "
            f"targets' shape {shape}; give one scale, or one per target"
        ) from None
    return sigma


def _predictions_and_targets(predictions, targets):
    """Validate both; they must have the same shape, or one must be a single number."""
    predictions = as_real(predictions, name="predictions", what="predicted means")
    targets = as_real(targets, name="targets", what="target values")
    if predictions.shape != targets.shape and predictions.ndim and targets.ndim:
        raise ValueError(
            f"`predictions` has shape {predictions.shape} but `targets` has shape "
            f"{targets.shape}; they must have the same shape (or one be a single number)"
        )
    return predictions, targets


def mean_squared_error(predictions, targets):
    r"""The mean squared error :math:`\frac1N \sum_k (\mu_k - y_k)^2`.

    Parameters
    ----------
    predictions : array_like
        The predicted means :math:`\mu_k`.
    targets : array_like
        The targets :math:`y_k`, same shape as `predictions`, or either one a single
        number.

    Returns
    -------
    float
        ``inf`` if the mean overflows the float range.

    Raises
    ------
    TypeError, ValueError
        If either is not real numbers (booleans, text and complex numbers are
        refused), is empty or holds NaN or inf, or the shapes differ.

    See Also
    --------
    torch.nn.functional.mse_loss : PyTorch's version, same argument order.
    gaussian_nll : the NLL it is proportional to, for a fixed :math:`\sigma`.

    Examples
    --------
    >>> mean_squared_error(predictions=2.0, targets=[1.0, 2.0, 4.0])
    1.6666666666666667
    """
    predictions, targets = _predictions_and_targets(predictions, targets)
    with np.errstate(over="ignore"):  # an MSE beyond the float range is inf
        return float(np.mean(np.square(predictions - targets)))


def _standardised(predictions, targets, sigma):
    """``(predictions - targets) / sigma``, finite whenever the exact quotient is."""
    with np.errstate(over="ignore"):
        residuals = predictions - targets
        standardised = residuals / sigma
        overflowed = np.isinf(residuals)
        if overflowed.any():  # e.g. 1e308 - (-1e308): divide first
            by_parts = predictions / sigma - targets / sigma
            standardised = np.where(overflowed, by_parts, standardised)
    return standardised


def gaussian_nll(predictions, targets, sigma, reduction="mean"):
    r"""Negative log-likelihood of targets under :math:`\mathcal{N}(\mu_k, \sigma^2)`.

    .. math::

        -\log \mathcal{N}(y_k; \mu_k, \sigma^2)
        = \frac12 \Big(\frac{y_k - \mu_k}{\sigma}\Big)^2 + \log \sigma + \tfrac12 \log(2\pi).

    Parameters
    ----------
    predictions : array_like
        The predicted means :math:`\mu_k`.
    targets : array_like
        The observed values :math:`y_k`, same shape as `predictions`, or either one a
        single number.
    sigma : float or array_like
        The standard deviation :math:`\sigma > 0`: one shared by every target, one
        per target, or any array that broadcasts against them (e.g. a column of
        candidate values).
    reduction : {"mean", "sum", "none"}, optional
        Average (default) or add up the per-target values, or return them.

    Returns
    -------
    float or ndarray
        In nats. It can be negative: a density is not a probability. Finite for every
        finite `sigma` > 0, however small or large, unless the NLL itself overflows.

    Raises
    ------
    TypeError, ValueError
        If an argument is not real numbers (booleans, text and complex numbers are
        refused), is empty or holds NaN or inf; if `sigma` is not positive; if
        `predictions` and `targets` differ in shape, or `sigma` does not broadcast
        against them; or for an unknown `reduction`.

    See Also
    --------
    torch.nn.functional.gaussian_nll_loss : PyTorch's version, same argument order,
        but it takes the variance ``sigma**2`` and by default leaves out the
        constant ``log(2 pi) / 2``.
    scipy.stats.norm : ``-norm.logpdf(targets, loc=predictions, scale=sigma)`` is
        the same, elementwise.

    Examples
    --------
    With :math:`\sigma = 1` the mean NLL is half the MSE plus :math:`\frac12\log 2\pi`:

    >>> y, mu = [1.0, 2.0, 4.0], 2.0
    >>> gaussian_nll(mu, y, 1.0) - mean_squared_error(mu, y) / 2
    np.float64(0.918939)
    >>> 0.5 * np.log(2 * np.pi)
    np.float64(0.918939)
    >>> bool(gaussian_nll(predictions=[0.0], targets=[0.0], sigma=0.1) < 0)
    True
    """
    reduction = as_reduction(reduction, _REDUCTIONS)
    predictions, targets = _predictions_and_targets(predictions, targets)
    sigma = _as_sigma(sigma, np.broadcast_shapes(predictions.shape, targets.shape))
    standardised = _standardised(predictions, targets, sigma)
    with np.errstate(over="ignore"):  # an NLL beyond the float range is inf
        values = 0.5 * np.square(standardised) + np.log(sigma) + _HALF_LOG_TWO_PI
    if reduction == "none":
        return values[()]
    return values.mean() if reduction == "mean" else values.sum()


def gaussian_differential_entropy(sigma):
    r"""Differential entropy of a Gaussian, :math:`h = \frac12 \log(2\pi e) + \log \sigma`.

    It is negative for :math:`\sigma < 1/\sqrt{2\pi e} \approx 0.242`: unlike the
    entropy of a discrete distribution, it has no floor at zero.

    Parameters
    ----------
    sigma : float or array_like
        The standard deviation :math:`\sigma > 0`.

    Returns
    -------
    float or ndarray
        In nats; finite for every finite `sigma` > 0.

    Raises
    ------
    TypeError, ValueError
        If `sigma` is not real numbers, is empty, or is not finite and positive.

    See Also
    --------
    scipy.stats.norm : ``norm(scale=sigma).entropy()`` is the same.

    Examples
    --------
    >>> gaussian_differential_entropy(1.0)
    np.float64(1.418939)
    >>> bool(gaussian_differential_entropy(0.2) < 0)
    True
    """
    sigma = _as_sigma(sigma)
    return (0.5 * np.log(2 * np.pi * np.e) + np.log(sigma))[()]
