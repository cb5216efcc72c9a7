"""Softmax, log-softmax and log-sum-exp, exact to a few ulps.

All three subtract the row maximum :math:`m` first, so nothing overflows, and take
the logarithm of the normaliser

.. math::

    s = \\sum_j e^{z_j - m} = 1 + t, \\qquad t = \\sum_{j \\ne \\arg\\max} e^{z_j - m},

as ``log1p(t)`` on the rows where :math:`s < 2`: there ``log(s)`` would lose the
low digits of a small :math:`t`, and a confident model's tiny loss would come back
as 0.  Only those rows pay for the extra sum.
"""

import numpy as np

from ._validate import as_axis, as_logits, check_logits_max

__all__ = ["log_softmax", "logsumexp", "softmax"]


def _as_rows(logits, axis):
    """Validate `logits` and return them as a 2-D array with `axis` last, and that axis."""
    z = as_logits(logits)
    axis = as_axis(axis, z.ndim)
    moved = np.moveaxis(z, axis, -1)
    return moved.reshape(-1, moved.shape[-1]), moved.shape, axis


# Below this many classes, NumPy's per-row reductions spend most of their time on loop
# overhead: a column-by-column maximum and an einsum row sum are 1.5-3x faster. Above
# it, `sum` is kept for its pairwise summation (einsum's error grows with K).
_FEW_CLASSES = 16


def _row_max(z2):
    """Maximum of each row; NaN anywhere in a row makes its maximum NaN."""
    if z2.shape[1] > _FEW_CLASSES:
        return z2.max(axis=1)
    row_max = z2[:, 0].copy()
    for column in range(1, z2.shape[1]):
        np.maximum(row_max, z2[:, column], out=row_max)
    return row_max


def _row_sum(a):
    """Sum of each row of a non-negative 2-D array."""
    if a.shape[1] > _FEW_CLASSES:
        return a.sum(axis=1)
    return np.einsum("ij->i", a)


def _shift_by_max(z2, *, allow_all_neg_inf=False):
    """Row maxima ``m`` and ``z - m`` of 2-D logits, after checking for NaN and +inf.

    The maxima double as the NaN/+inf check. A row of only ``-inf`` (allowed for
    log-sum-exp, whose answer there is ``-inf``) is shifted by 0 instead of ``-inf``.
    """
    row_max = _row_max(z2)
    check_logits_max(row_max, allow_all_neg_inf=allow_all_neg_inf)
    shift = row_max
    if allow_all_neg_inf and np.isneginf(row_max).any():
        shift = np.where(np.isneginf(row_max), 0, row_max)
    # z - m can overflow to -inf only when it is below -1.8e308: that is the exact answer
    # rounded, so the overflow is not worth a warning.
    with np.errstate(over="ignore"):
        shifted = z2 - shift[:, None]
    return row_max, shifted


def _log_normaliser(z2, row_max, exp_shifted, *, candidates=None, argmax=None):
    """``log(s)`` per row, where ``s`` is the row sum of ``exp_shifted = exp(z - row_max)``.

    On rows with ``s < 2`` (among `candidates`, a boolean mask, if given) the result
    is recomputed as ``log1p(t)``, with the max's term ``exp(0) = 1`` (at column
    `argmax`, if known) left out of the sum ``t``: exact even when ``t`` is far below
    the rounding of ``1 + t``. There each term ``exp(x_j)``, ``x_j = fl(z_j - m)``, is
    also corrected by the rounding error ``d_j`` of ``x_j``, as
    ``exp(x_j + d_j) = exp(x_j) (1 + d_j)``: it matters when a tiny term has a large
    exponent. Elsewhere ``log(s)`` is already within an ulp or two of ``max(1, .)``.
    """
    total = _row_sum(exp_shifted)
    near_one = total < 2
    if candidates is not None:
        near_one &= candidates
    log_total = np.log(total, out=np.empty_like(total), where=~near_one)
    rows = np.flatnonzero(near_one)
    if rows.size:
        terms = exp_shifted[rows]
        columns = terms.argmax(axis=1) if argmax is None else argmax[rows]
        terms[np.arange(rows.size), columns] = 0
        rounding = _subtraction_error(z2[rows], row_max[rows, None])
        log_total[rows] = np.log1p(_row_sum(terms) + np.einsum("ij,ij->i", terms, rounding))
    return log_total


def _subtraction_error(z, shift):
    """The rounding error ``(z - shift) - fl(z - shift)``, exactly (Knuth's TwoSum).

    Where ``z - shift`` is infinite (``-inf`` logits, overflow, an all ``-inf`` row)
    the error is set to 0: those terms are ``exp(-inf) = 0`` anyway. The steps reuse
    their temporaries in place to save passes over memory.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        difference = z - shift
        shift_part = z - difference
        difference += shift_part  # z as seen by the rounded difference
        np.subtract(z, difference, out=difference)
        np.subtract(shift, shift_part, out=shift_part)
        difference -= shift_part
    difference[np.isnan(difference)] = 0
    return difference


def _normalise(z2, *, allow_all_neg_inf=False):
    """Return the row maxima ``m``, ``z - m`` and ``log(sum(exp(z - m)))`` per row."""
    row_max, shifted = _shift_by_max(z2, allow_all_neg_inf=allow_all_neg_inf)
    return row_max, shifted, _log_normaliser(z2, row_max, np.exp(shifted))


def _softmax_rows(z2):
    """Softmax of each row of 2-D logits, as a new array."""
    _, probabilities = _shift_by_max(z2)
    np.exp(probabilities, out=probabilities)
    probabilities /= _row_sum(probabilities)[:, None]
    return probabilities


def logsumexp(logits, axis=-1):
    r"""The log of the sum of exponentials, without overflow or underflow.

    .. math::

        \operatorname{LSE}(z) = \log \sum_j e^{z_j}
        = m + \log\Bigl(1 + \sum_{j \ne \arg\max} e^{z_j - m}\Bigr),
        \qquad m = \max_j z_j.

    Parameters
    ----------
    logits : array_like
        The values :math:`z`; ``-inf`` entries contribute nothing.
    axis : int, optional
        The axis to reduce (default: the last).

    Returns
    -------
    lse : float or ndarray
        The shape of `logits` without `axis`; ``-inf`` for a row of only ``-inf``.

    Raises
    ------
    TypeError, ValueError
        If `logits` are not real numbers, are empty, contain NaN or ``+inf``, or
        `axis` is out of range.

    Examples
    --------
    >>> import numpy as np
    >>> from nllce import logsumexp
    >>> logsumexp([0.0, 0.0])
    np.float64(0.693147)
    >>> logsumexp([1000.0, 1000.0])
    np.float64(1000.693147)
    >>> logsumexp([[1.0, 2.0], [3.0, -np.inf]])
    array([2.31326169, 3.        ])
    """
    z2, moved_shape, _ = _as_rows(logits, axis)
    row_max, _, log_total = _normalise(z2, allow_all_neg_inf=True)
    return (row_max + log_total).reshape(moved_shape[:-1])[()]


def softmax(logits, axis=-1):
    r"""Turn logits into probabilities.

    .. math::

        \operatorname{softmax}(z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}
        = \frac{e^{z_i - m}}{\sum_j e^{z_j - m}}, \qquad m = \max_j z_j.

    Adding the same constant to every logit changes nothing, which is why the
    shift by :math:`m` is free.

    Parameters
    ----------
    logits : array_like
        The logits :math:`z`; a ``-inf`` logit gets probability exactly 0.
    axis : int, optional
        The axis along which the probabilities sum to 1 (default: the last).

    Returns
    -------
    q : ndarray
        Same shape and floating type as `logits`.

    Raises
    ------
    TypeError, ValueError
        If `logits` are not real numbers, are empty, contain NaN or ``+inf``, have
        a row of only ``-inf`` (0/0), or `axis` is out of range.

    Examples
    --------
    >>> import numpy as np
    >>> from nllce import softmax
    >>> softmax([1.0, 2.0, 3.0])
    array([0.09003057, 0.24472847, 0.66524096])
    >>> softmax([1001.0, 1002.0, 1003.0])
    array([0.09003057, 0.24472847, 0.66524096])
    >>> softmax([0.0, -np.inf])
    array([1., 0.])
    """
    z2, moved_shape, axis = _as_rows(logits, axis)
    return np.moveaxis(_softmax_rows(z2).reshape(moved_shape), -1, axis)


def log_softmax(logits, axis=-1):
    r"""The log of the softmax, computed directly and exactly.

    .. math::

        \log \operatorname{softmax}(z)_i = z_i - \operatorname{LSE}(z)
        = (z_i - m) - \log\Bigl(1 + \sum_{j \ne \arg\max} e^{z_j - m}\Bigr).

    Parameters
    ----------
    logits : array_like
        The logits :math:`z`; a ``-inf`` logit gets log-probability ``-inf``.
    axis : int, optional
        The axis of the classes (default: the last).

    Returns
    -------
    log_q : ndarray
        Same shape and floating type as `logits`. The absolute error is at most a
        few ulps of ``max(1, |log_q|)``.

    Raises
    ------
    TypeError, ValueError
        As for :func:`softmax`.

    Examples
    --------
    Taking the log of a softmax loses everything the softmax rounded to 0:
    :math:`e^{-999}` underflows, and its log becomes ``-inf``.

    >>> import numpy as np
    >>> from nllce import log_softmax, softmax
    >>> z = np.array([1000.0, 1.0])
    >>> with np.errstate(divide="ignore"):
    ...     np.log(softmax(z))
    array([  0., -inf])
    >>> log_softmax(z)
    array([   0., -999.])

    The tiny log-probability of the winning class survives too:

    >>> log_softmax([40.0, 0.0])
    array([-4.24835426e-18, -4.00000000e+01])
    """
    z2, moved_shape, axis = _as_rows(logits, axis)
    _, shifted, log_total = _normalise(z2)
    shifted -= log_total[:, None]
    return np.moveaxis(shifted.reshape(moved_shape), -1, axis)
