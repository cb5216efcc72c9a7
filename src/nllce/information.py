"""Entropy, cross-entropy and Kullback-Leibler divergence of discrete distributions.

The arguments come in the order of the formulas: the data (target) distribution `p`
first, the model `q` second, as in :math:`H(p, q)` and :math:`\\mathrm{KL}(p \\,\\|\\, q)`.
(The losses of :mod:`nllce.losses` take the prediction first, as PyTorch does.)
Distributions lie along the last axis; leading axes broadcast, so one `p` can be
compared with many `q` at once.  Conventions: :math:`0 \\log 0 = 0`, and a class
with :math:`p_i > 0` but :math:`q_i = 0` makes the cross-entropy and the divergence
exactly ``+inf`` -- a fact to learn from, not an error, so no warning is raised.
"""

import numpy as np

from ._validate import as_base, as_probabilities, check_same_classes

__all__ = ["cross_entropy", "entropy", "kl_divergence"]


def _p_log_q(p, q):
    """Elementwise ``p * log(q)`` with ``0 log q = 0`` (even for q = 0) and ``log 0 = -inf``."""
    shape = np.broadcast_shapes(p.shape, q.shape)
    log_q = np.full(q.shape, -np.inf, dtype=q.dtype)
    np.log(q, out=log_q, where=q > 0)
    out = np.zeros(shape, dtype=np.result_type(p, log_q))
    return np.multiply(p, log_q, out=out, where=p > 0)


def _log_ratio(p, q):
    """``log(p / q)`` for ``p, q > 0``; where ``p / q`` overflows (tiny q), ``log p - log q``."""
    with np.errstate(over="ignore"):
        ratio = p / q
    log_ratio = np.log(ratio)
    overflowed = np.isinf(ratio)
    if overflowed.any():
        log_ratio[overflowed] = np.log(p[overflowed]) - np.log(q[overflowed])
    return log_ratio


def _minus(terms):
    """``-sum(terms)`` over the last axis, written ``0 - sum`` so that zero is ``+0.0``."""
    return 0 - terms.sum(axis=-1)


def _in_base(nats, base):
    """Convert a result in nats to `base` and return a scalar for 0-d results."""
    result = nats if base is None else nats / np.log(base)
    return result[()]


def entropy(p, base=None):
    r"""The entropy of a distribution.

    .. math::

        H(p) = -\sum_i p_i \log p_i, \qquad 0 \log 0 = 0.

    Parameters
    ----------
    p : array_like, shape (K,) or (..., K)
        Probability distribution(s) along the last axis.
    base : float, optional
        Base of the logarithm: ``None`` (default) for nats, ``2`` for bits.

    Returns
    -------
    H : float or ndarray, shape (...)
        The entropy, between 0 and :math:`\log K`.

    Raises
    ------
    TypeError, ValueError
        If `p` is not a probability distribution along its last axis (negative,
        above 1, NaN, counts, or not summing to 1), or `base` is not positive or is 1.

    See Also
    --------
    scipy.stats.entropy : the same, ``scipy.stats.entropy(p)`` (it normalises `p`
        first instead of checking it).
    scipy.special.entr : the elementwise terms :math:`-p_i \log p_i`.

    Examples
    --------
    >>> from nllce import entropy, frequencies
    >>> p = frequencies([2, 2, 1], 3)
    >>> entropy(p)
    np.float64(0.636514)
    >>> entropy([0.5, 0.5], base=2)
    np.float64(1.0)
    >>> entropy([1.0, 0.0])
    np.float64(0.0)
    """
    base = as_base(base)
    p = as_probabilities(p, name="p")
    return _in_base(_minus(_p_log_q(p, p)), base)


def cross_entropy(p, q, base=None):
    r"""The cross-entropy from the data distribution `p` to the model `q`.

    .. math::

        H(p, q) = -\sum_i p_i \log q_i = H(p) + \mathrm{KL}(p \,\|\, q).

    Despite the notation, :math:`H(p, q)` is not the joint entropy of two random
    variables.

    Parameters
    ----------
    p : array_like, shape (..., K)
        The data (target) distribution(s).
    q : array_like, shape (..., K)
        The model distribution(s); leading axes broadcast against those of `p`.
    base : float, optional
        Base of the logarithm: ``None`` (default) for nats, ``2`` for bits.

    Returns
    -------
    H_pq : float or ndarray
        The cross-entropy; ``+inf`` if some :math:`p_i > 0` has :math:`q_i = 0`.

    Raises
    ------
    TypeError, ValueError
        If `p` or `q` is not a probability distribution, their shapes do not
        match, or `base` is invalid.

    See Also
    --------
    nllce.cross_entropy_with_logits : the same from logits, as a loss (prediction first).
    scipy.special.xlogy : the elementwise terms, ``-xlogy(p, q).sum(axis=-1)``.
    scipy.stats.entropy : ``entropy(p) + entropy(p, q)`` is :math:`H(p) + \mathrm{KL}`.
    torch.nn.functional.cross_entropy : PyTorch's version takes logits and
        the target second: ``cross_entropy(logits, p)``.

    Examples
    --------
    The mean NLL of the worked sample ``[2, 2, 1]``:

    >>> from nllce import cross_entropy, frequencies
    >>> p = frequencies([2, 2, 1], 3)
    >>> cross_entropy(p, [0.2, 0.3, 0.5])
    np.float64(0.863422)
    >>> cross_entropy(p, [0.5, 0.5, 0.0])
    np.float64(inf)

    Classes the data never shows cost nothing, whatever the model says:

    >>> cross_entropy([0.0, 1.0], [0.0, 1.0])
    np.float64(0.0)
    """
    base = as_base(base)
    p = as_probabilities(p, name="p")
    q = as_probabilities(q, name="q")
    check_same_classes(p, q)
    return _in_base(_minus(_p_log_q(p, q)), base)


def kl_divergence(p, q, base=None):
    r"""The Kullback-Leibler divergence of the model `q` from the data `p`.

    .. math::

        \mathrm{KL}(p \,\|\, q) = \sum_i p_i \log \frac{p_i}{q_i} \ \ge\ 0,

    with equality exactly when :math:`p = q` (Gibbs' inequality).

    Parameters
    ----------
    p : array_like, shape (..., K)
        The data (target) distribution(s).
    q : array_like, shape (..., K)
        The model distribution(s); leading axes broadcast against those of `p`.
    base : float, optional
        Base of the logarithm: ``None`` (default) for nats, ``2`` for bits.

    Returns
    -------
    kl : float or ndarray
        The divergence; ``+inf`` if some :math:`p_i > 0` has :math:`q_i = 0`.

    Raises
    ------
    TypeError, ValueError
        As for :func:`cross_entropy`.

    See Also
    --------
    scipy.stats.entropy : the same, ``scipy.stats.entropy(p, q)``.
    scipy.special.rel_entr : the elementwise terms :math:`p_i \log(p_i / q_i)`.
    torch.nn.functional.kl_div : PyTorch's version, with the arguments the other
        way round and the model as log-probabilities:
        ``kl_div(log(q), p, reduction="sum")`` for one pair.

    Notes
    -----
    The terms :math:`p_i \log(p_i / q_i)` have both signs. When `q` is within
    rounding of `p` their computed sum can land a few ulps below zero; since the
    divergence is never negative, such a sum is returned as ``0``. When ``p == q``
    every term is exactly zero.

    Examples
    --------
    >>> from nllce import cross_entropy, entropy, frequencies, kl_divergence
    >>> p = frequencies([2, 2, 1], 3)
    >>> q = [0.2, 0.3, 0.5]
    >>> kl_divergence(p, q)
    np.float64(0.226908)
    >>> entropy(p) + kl_divergence(p, q) - cross_entropy(p, q)
    np.float64(0.0)
    >>> kl_divergence(p, p)
    np.float64(0.0)
    """
    base = as_base(base)
    p = as_probabilities(p, name="p")
    q = as_probabilities(q, name="q")
    shape = check_same_classes(p, q)
    p, q = np.broadcast_arrays(p, q)
    terms = np.zeros(shape, dtype=np.result_type(p, q))
    data = p > 0
    impossible = data & (q == 0)
    terms[impossible] = np.inf
    possible = data & ~impossible
    terms[possible] = p[possible] * _log_ratio(p[possible], q[possible])
    return _in_base(np.maximum(terms.sum(axis=-1), 0), base)
