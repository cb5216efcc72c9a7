r"""The continuous case: the negative log-likelihood of a Gaussian model.

A regression model that predicts a mean :math:`\mu_k` for target :math:`y_k` and
a noise scale :math:`\sigma` assigns the density

.. math::

    \mathcal{N}(y; \mu, \sigma^2) = \frac{1}{\sqrt{2\pi\sigma^2}}
    \exp\Big(-\frac{(y - \mu)^2}{2\sigma^2}\Big),

so its mean NLL is the mean squared error over :math:`2\sigma^2` plus terms that
do not depend on the predictions. Densities can exceed 1, so this NLL (and the
differential entropy) can be negative.
"""

import numpy as np

from ._validate import as_reduction

__all__ = ["gaussian_differential_entropy", "gaussian_nll", "mean_squared_error"]

_REDUCTIONS = ("mean", "sum", "none")


def _as_finite(values, name):
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as error:
        raise TypeError(f"`{name}` must be an array of real numbers, got {values!r}") from error
    if array.size == 0:
        raise ValueError(f"`{name}` must not be empty")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"`{name}` must be finite (no NaN or inf)")
    return array


def _as_scale(sigma):
    sigma = _as_finite(sigma, "sigma")
    if np.any(sigma <= 0):
        raise ValueError(f"`sigma` must be > 0, got {sigma.min()!r}")
    return sigma


def _residuals(targets, predictions):
    targets = _as_finite(targets, "targets")
    predictions = _as_finite(predictions, "predictions")
    try:
        np.broadcast_shapes(targets.shape, predictions.shape)
    except ValueError:
        raise ValueError(
            f"`targets` has shape {targets.shape} but `predictions` has shape "
            f"{predictions.shape}; they must broadcast together"
        ) from None
    return targets - predictions


def mean_squared_error(targets, predictions):
    r"""The mean squared error :math:`\frac1N \sum_k (y_k - \mu_k)^2`.

    Parameters
    ----------
    targets, predictions : array_like
        The targets :math:`y_k` and the predicted means :math:`\mu_k`, same shape
        (or broadcastable, e.g. one shared prediction).

    Returns
    -------
    float

    Examples
    --------
    >>> mean_squared_error([1.0, 2.0, 4.0], 2.0)
    1.6666666666666667
    """
    residuals = _residuals(targets, predictions)
    return float(np.mean(residuals**2))


def gaussian_nll(targets, predictions, sigma, reduction="mean"):
    r"""Negative log-likelihood of targets under :math:`\mathcal{N}(\mu_k, \sigma^2)`.

    .. math::

        -\log \mathcal{N}(y_k; \mu_k, \sigma^2)
        = \frac{(y_k - \mu_k)^2}{2\sigma^2} + \log \sigma + \tfrac12 \log(2\pi).

    Parameters
    ----------
    targets : array_like
        The observed values :math:`y_k`.
    predictions : array_like
        The predicted means :math:`\mu_k`, broadcastable against `targets`.
    sigma : float or array_like
        The standard deviation :math:`\sigma > 0` (shared, or one per target).
    reduction : {"mean", "sum", "none"}, optional
        Average (default) or add up the per-target values, or return them.

    Returns
    -------
    float or ndarray
        In nats. It can be negative: a density is not a probability.

    Examples
    --------
    With :math:`\sigma = 1` the mean NLL is half the MSE plus :math:`\frac12\log 2\pi`:

    >>> y, mu = [1.0, 2.0, 4.0], 2.0
    >>> gaussian_nll(y, mu, 1.0) - mean_squared_error(y, mu) / 2
    np.float64(0.918939)
    >>> 0.5 * np.log(2 * np.pi)
    np.float64(0.918939)
    >>> bool(gaussian_nll([0.0], [0.0], 0.1) < 0)
    True
    """
    reduction = as_reduction(reduction, _REDUCTIONS)
    residuals = _residuals(targets, predictions)
    sigma = _as_scale(sigma)
    values = residuals**2 / (2 * sigma**2) + np.log(sigma) + 0.5 * np.log(2 * np.pi)
    if reduction == "none":
        return values
    return values.mean() if reduction == "mean" else values.sum()


def gaussian_differential_entropy(sigma):
    r"""Differential entropy of a Gaussian, :math:`h = \frac12 \log(2\pi e \sigma^2)`.

    It is negative for :math:`\sigma < 1/\sqrt{2\pi e} \approx 0.242`: unlike the
    entropy of a discrete distribution, it is no floor at zero.

    Examples
    --------
    >>> gaussian_differential_entropy(1.0)
    np.float64(1.418939)
    >>> bool(gaussian_differential_entropy(0.2) < 0)
    True
    """
    sigma = _as_scale(sigma)
    return 0.5 * np.log(2 * np.pi * np.e * sigma**2)
