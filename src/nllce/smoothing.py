"""Models that survive new data: additive (Laplace) smoothing, and perplexity.

The maximum-likelihood model of a sample is its frequencies, :math:`q_i = n_i / N`. A
class the sample never shows gets probability 0, so the first new draw of that class
costs :math:`-\\log 0 = +\\infty` (:func:`nllce.cross_entropy` says so, by convention,
without a warning). Additive smoothing adds a pseudo-count :math:`\\alpha` to every
class before dividing, which keeps every probability positive;
:func:`nllce.perplexity` turns a cross-entropy into an effective number of equally likely
classes.

Examples
--------
The worked sample ``[2, 2, 1]`` never shows class 0, so its maximum-likelihood model
has :math:`q_0 = 0` and a new sample with a 0 in it gets an infinite loss; add-one
smoothing (``alpha=1``) fixes that:

>>> from nllce import counts, cross_entropy, frequencies
>>> from nllce.smoothing import additive_smoothing, perplexity
>>> n = counts([2, 2, 1], 3)
>>> held_out = frequencies([0, 2, 1, 2], 3)
>>> cross_entropy(held_out, additive_smoothing(n, alpha=0))
np.float64(inf)
>>> cross_entropy(held_out, additive_smoothing(n, alpha=1))
np.float64(1.069167)
>>> perplexity(held_out, additive_smoothing(n, alpha=1))
np.float64(2.9130)
"""

import numpy as np

from ._validate import _is_real_number, _where, as_base, as_real
from .data import counts as _counts
from .information import cross_entropy, entropy

__all__ = ["additive_smoothing", "perplexity", "smoothed_frequencies"]


def _as_counts(values):
    """`values` as a float array of nonnegative finite counts, shape (..., K)."""
    n = as_real(values, name="counts", what="nonnegative counts")
    if n.ndim == 0:
        raise ValueError(
            f"`counts` must hold one count per class, shape (K,) or (..., K); got the "
            f"single number {n[()]!r}"
        )
    if (n < 0).any():
        index = int(np.flatnonzero(n.reshape(-1) < 0)[0])
        raise ValueError(
            f"`counts` must be nonnegative; got {n.reshape(-1)[index]:g}{_where(n.shape, index)}"
        )
    return n


def _as_alpha(alpha):
    """`alpha` as a nonnegative finite float."""
    if not _is_real_number(alpha):
        raise TypeError(
            f"`alpha` must be a nonnegative real number (a pseudo-count per class); got "
            f"{alpha!r} of type {type(alpha).__name__}"
        )
    if np.isnan(alpha):
        raise ValueError("`alpha` must be a nonnegative real number; got nan")
    if np.isinf(alpha):
        raise ValueError(
            f"`alpha` must be finite; got {alpha!r} (as alpha grows the model tends to the "
            "uniform distribution 1/K: pass that directly)"
        )
    if alpha < 0:
        raise ValueError(
            f"`alpha` must be >= 0 (0 gives the frequencies, 1 is add-one smoothing); got {alpha!r}"
        )
    return float(alpha)


def additive_smoothing(counts, alpha):
    r"""The additively smoothed model of a sample's counts: pseudo-count `alpha` per class.

    .. math::

        q_i = \frac{n_i + \alpha}{N + K \alpha},
        \qquad N = \sum_{i=0}^{K-1} n_i .

    Every class gets :math:`\alpha` extra (imagined) draws, so the numerators add up to
    :math:`N + K\alpha`: the :math:`K\alpha` in the denominator is what makes the model
    sum to 1. ``alpha=0`` gives the frequencies :math:`n_i / N` (the maximum-likelihood
    model); ``alpha=1`` is add-one or Laplace smoothing; as ``alpha`` grows the model
    tends to the uniform :math:`1/K`. Equivalently
    :math:`q = (1 - \varepsilon)\, p + \varepsilon / K` with :math:`p_i = n_i / N` and
    :math:`\varepsilon = K\alpha / (N + K\alpha)`: a mix of the frequencies with the
    uniform distribution, like label smoothing. It is also the maximum a posteriori
    model under a symmetric Dirichlet prior with concentration :math:`\alpha + 1`.

    Parameters
    ----------
    counts : array_like, shape (K,) or (..., K)
        The counts :math:`n_i` of each class (:func:`nllce.counts`), nonnegative; they
        need not be whole numbers. Leading axes are separate samples.
    alpha : float
        The pseudo-count :math:`\alpha \ge 0`, the same for every class.

    Returns
    -------
    q : ndarray of float, shape like `counts`
        The smoothed model; it sums to 1 along the last axis, and every entry is
        positive when ``alpha > 0``.

    Raises
    ------
    TypeError
        If `counts` holds booleans or text, or `alpha` is not a real number (a boolean,
        a string, an array).
    ValueError
        If `counts` is empty, a single number, negative, NaN or infinite; if `alpha` is
        negative, NaN or infinite; or if a row of `counts` is all 0 with ``alpha=0``
        (then the model is 0/0).

    See Also
    --------
    smoothed_frequencies : the same from the labels.
    nllce.frequencies : ``alpha=0``.

    Examples
    --------
    >>> from nllce.smoothing import additive_smoothing
    >>> additive_smoothing([0, 1, 2], alpha=0)
    array([0.        , 0.33333333, 0.66666667])
    >>> additive_smoothing([0, 1, 2], alpha=1)
    array([0.16666667, 0.33333333, 0.5       ])
    >>> additive_smoothing([0, 1, 2], alpha=1e9).round(6)
    array([0.333333, 0.333333, 0.333333])
    >>> additive_smoothing([0, 1, 2], alpha=-1)
    Traceback (most recent call last):
        ...
    ValueError: `alpha` must be >= 0 (0 gives the frequencies, 1 is add-one smoothing); got -1
    """
    n = _as_counts(counts)
    alpha = _as_alpha(alpha)
    num_classes = n.shape[-1]
    totals = n.sum(axis=-1, keepdims=True) + num_classes * alpha
    if (totals == 0).any():
        raise ValueError(
            "`counts` has a row of only zeros and `alpha` is 0: the model would be 0/0. "
            "Give at least one count, or a positive `alpha`"
        )
    return (n + alpha) / totals


def smoothed_frequencies(labels, num_classes, alpha):
    r"""The additively smoothed model of a sample of labels.

    .. math::

        q_i = \frac{n_i + \alpha}{N + K \alpha}

    with :math:`n_i` the counts of `labels` (:func:`nllce.counts`) and :math:`N` their
    number; :func:`additive_smoothing` of those counts.

    Parameters
    ----------
    labels : array_like of int, shape (N,)
        The sample, each label a class in ``0..K-1``.
    num_classes : int
        The number of classes :math:`K`.
    alpha : float
        The pseudo-count :math:`\alpha \ge 0`.

    Returns
    -------
    q : ndarray of float, shape (K,)

    Raises
    ------
    TypeError, ValueError
        As for :func:`nllce.counts` and :func:`additive_smoothing`.

    Examples
    --------
    >>> from nllce.smoothing import smoothed_frequencies
    >>> smoothed_frequencies([2, 2, 1], 3, alpha=0.5)
    array([0.11111111, 0.33333333, 0.55555556])
    """
    return additive_smoothing(_counts(labels, num_classes), alpha)


def perplexity(p, q=None, base=None):
    r"""The perplexity: the exponential of the (cross-)entropy.

    .. math::

        \mathrm{PP}(p, q) = e^{H(p, q)}
        = \Big(\prod_{k=1}^{N} \frac{1}{q_{x_k}}\Big)^{1/N},
        \qquad \mathrm{PP}(p) = e^{H(p)} .

    With `p` the frequencies of a sample, the perplexity of the model `q` is the
    exponential of its *mean* NLL: one over the geometric mean of the probabilities it
    gave the draws. It reads as a number of classes: the uniform model over :math:`K`
    classes has perplexity :math:`K` on any data, so a perplexity of 2.5 means the model
    was, on average, as unsure as a choice among 2.5 equally likely classes.

    Parameters
    ----------
    p : array_like, shape (..., K)
        The data distribution (a sample's frequencies, or a true distribution).
    q : array_like, shape (..., K), optional
        The model. Without it, the perplexity of `p` itself, :math:`e^{H(p)}`.
    base : float, optional
        Base of both the logarithm and the power: :math:`b^{H_b}`. The result does not
        depend on it (``2 ** H_bits == e ** H_nats``); ``None`` (default) means e.

    Returns
    -------
    PP : float or ndarray
        Between 1 and :math:`K` for :math:`\mathrm{PP}(p)`; at least
        :math:`\mathrm{PP}(p)` for :math:`\mathrm{PP}(p, q)`, and ``+inf`` if some
        :math:`p_i > 0` has :math:`q_i = 0`.

    Raises
    ------
    TypeError, ValueError
        As for :func:`nllce.cross_entropy`: `p` or `q` not a distribution, shapes that
        do not match, a `base` that is not positive, finite and different from 1.

    Examples
    --------
    >>> from nllce.smoothing import perplexity
    >>> perplexity([0.25, 0.25, 0.25, 0.25])
    np.float64(4.0)
    >>> perplexity([0.1, 0.3, 0.6], [0.2, 0.3, 0.5])
    np.float64(2.5549)
    >>> perplexity([0.1, 0.3, 0.6], [0.2, 0.3, 0.5], base=2)
    np.float64(2.5549)
    >>> perplexity([0.5, 0.5], [1.0, 0.0])
    np.float64(inf)
    """
    base = as_base(base)
    value = entropy(p, base=base) if q is None else cross_entropy(p, q, base=base)
    return np.exp(value) if base is None else np.power(base, value)
