"""Softmax, log-softmax and log-sum-exp, exact to a few ulps.

All three subtract the row maximum :math:`m` first, so nothing overflows, and take
the logarithm of the normaliser

.. math::

    s = \\sum_j e^{z_j - m} = 1 + t, \\qquad t = \\sum_{j \\ne \\arg\\max} e^{z_j - m},

as ``log1p(t)`` on the rows where :math:`s < 2`: there ``log(s)`` would lose the
low digits of a small :math:`t`, and a confident model's tiny loss would come back
as 0.  Only those rows pay for the extra sum, and for the rounding errors of
:math:`z_j - m` that it must take into account. The rows go through in blocks
small enough to stay in the CPU cache, so these extra passes cost little.
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

# Work that makes several passes over the logits goes through them in blocks of rows of
# about this many elements: the block and its temporaries then stay in the CPU cache,
# and each extra pass costs arithmetic, not memory traffic.
_BLOCK_ELEMENTS = 1 << 15


def _row_blocks(num_rows, num_classes):
    """Slices of consecutive rows, about `_BLOCK_ELEMENTS` elements each."""
    step = max(1, _BLOCK_ELEMENTS // num_classes)
    return [slice(start, min(start + step, num_rows)) for start in range(0, num_rows, step)]


def _row_max(z2):
    """Maximum of each row; NaN anywhere in a row makes its maximum NaN."""
    if z2.shape[1] > _FEW_CLASSES:
        return z2.max(axis=1)
    row_max = np.empty(z2.shape[0], dtype=z2.dtype)
    for rows in _row_blocks(*z2.shape):
        block, block_max = z2[rows], row_max[rows]
        np.copyto(block_max, block[:, 0])
        for column in range(1, z2.shape[1]):
            np.maximum(block_max, block[:, column], out=block_max)
    return row_max


def _row_sum(a):
    """Sum of each row of a non-negative 2-D array."""
    if a.shape[1] > _FEW_CLASSES:
        return a.sum(axis=1)
    return np.einsum("ij->i", a)


def _checked_row_max(z2, *, allow_all_neg_inf=False):
    """Row maxima ``m`` of 2-D logits, after checking them for NaN and +inf, and the shifts.

    The maxima double as the NaN/+inf check. The shift of a row is its maximum, or 0
    for a row of only ``-inf`` (allowed for log-sum-exp, whose answer there is ``-inf``).
    """
    row_max = _row_max(z2)
    check_logits_max(row_max, allow_all_neg_inf=allow_all_neg_inf)
    if allow_all_neg_inf and np.isneginf(row_max).any():
        return row_max, np.where(np.isneginf(row_max), 0, row_max)
    return row_max, row_max


def _shift_rows(z, row_shift, out=None):
    """The shifts spelled out to the shape of the block `z`, and ``z - shift``.

    Spelled out, the shifts keep the subtractions here and in `_log_normaliser` in
    long inner loops, much faster than broadcasting a column when rows are short.
    """
    shift = np.empty_like(z)
    np.copyto(shift, row_shift[:, None])
    # z - m can overflow to -inf only when it is below -1.8e308: that is the exact answer
    # rounded, so the overflow is not worth a warning.
    with np.errstate(over="ignore"):
        return shift, np.subtract(z, shift, out=out)


def _log_normaliser(z, shift, shifted, exp_shifted, *, candidates=None, argmax=None):
    """``log(s)`` per row of a block, where ``s`` is the row sum of ``exp_shifted``.

    Here ``shifted = fl(z - shift)`` and ``exp_shifted = exp(shifted)``, all of the
    block's shape. On rows with ``s < 2`` (among `candidates`, a boolean mask, if
    given) the result is recomputed as ``log1p(t)``, with the max's term
    ``exp(0) = 1`` (at column `argmax`, if known) left out of the sum ``t``: exact
    even when ``t`` is far below the rounding of ``1 + t``. There each term
    ``exp(x_j)``, ``x_j = fl(z_j - m)``, is also corrected by the rounding error
    ``d_j`` of ``x_j``, as ``exp(x_j + d_j) = exp(x_j) (1 + d_j)``: it matters when a
    tiny term has a large exponent. Elsewhere ``log(s)`` is already within an ulp or
    two of ``max(1, .)``. `exp_shifted` is overwritten on the recomputed rows.
    """
    total = _row_sum(exp_shifted)
    near_one = total < 2
    if candidates is not None:
        near_one &= candidates
    log_total = np.log(total, out=np.empty_like(total), where=~near_one)
    if near_one.any():
        # Views when every row needs it (a confident model), copies of a few rows otherwise.
        rows = slice(None) if near_one.all() else np.flatnonzero(near_one)
        terms = exp_shifted[rows]
        columns = terms.argmax(axis=1) if argmax is None else argmax[rows]
        terms[np.arange(len(terms)), columns] = 0
        error = _subtraction_error(z[rows], shift[rows], shifted[rows])
        correction = np.einsum("ij,ij->i", terms, error)
        # A -inf logit (or an overflowed z - m) has the term exp(-inf) = 0 and an error
        # that is not finite: 0 * inf is NaN. The term contributes nothing, nor should
        # its error.
        unknown = np.isnan(correction)
        if unknown.any():
            error = np.nan_to_num(error[unknown], nan=0.0)
            correction[unknown] = np.einsum("ij,ij->i", terms[unknown], error)
        log_total[rows] = np.log1p(_row_sum(terms) + correction)
    return log_total


def _subtraction_error(z, shift, difference):
    """The rounding error ``(z - shift) - difference`` of ``difference = fl(z - shift)``.

    `shift` holds row maxima, so ``z <= shift``. When also ``z >= -shift`` throughout
    (checked against the smallest shift of the block), ``|z| <= |shift|`` and Dekker's
    Fast2Sum gives the error exactly in two operations; otherwise Knuth's TwoSum does
    in five. Where ``z - shift`` is infinite (``-inf`` logits, overflow) the error is
    not finite; the caller drops those terms, which are ``exp(-inf) = 0``.
    """
    with np.errstate(invalid="ignore"):
        lowest_shift = shift.min()
        if lowest_shift >= 0 and z.min() >= -lowest_shift:
            z_seen = difference + shift
            return np.subtract(z, z_seen, out=z_seen)
        shift_seen = difference - z  # minus the shift, as the rounded difference saw it
        z_seen = difference - shift_seen
        error = np.subtract(z, z_seen, out=z_seen)
        shift_seen += shift
        error -= shift_seen
    return error


def _normalise(z2, *, allow_all_neg_inf=False):
    """Return the row maxima ``m``, ``z - m`` and ``log(sum(exp(z - m)))`` per row."""
    row_max, row_shift = _checked_row_max(z2, allow_all_neg_inf=allow_all_neg_inf)
    shifted = np.empty_like(z2)
    log_total = np.empty(z2.shape[0], dtype=z2.dtype)
    for rows in _row_blocks(*z2.shape):
        z = z2[rows]
        shift, block_shifted = _shift_rows(z, row_shift[rows], out=shifted[rows])
        log_total[rows] = _log_normaliser(z, shift, block_shifted, np.exp(block_shifted))
    return row_max, shifted, log_total


def _softmax_rows(z2):
    """Softmax of each row of 2-D logits, as a new array."""
    _, row_shift = _checked_row_max(z2)
    with np.errstate(over="ignore"):  # as in `_shift_rows`
        probabilities = z2 - row_shift[:, None]
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

    See Also
    --------
    scipy.special.logsumexp : SciPy's version (it also takes weights ``b``).
    torch.logsumexp : PyTorch's version.

    Notes
    -----
    The readable reference version, for finite logits along the last axis::

        def logsumexp(z):
            m = np.max(z, axis=-1, keepdims=True)  # the shift: exp(z - m) <= 1 never overflows
            s = np.sum(np.exp(z - m), axis=-1)     # 1 <= s <= K: the maximum gives exp(0) = 1
            return m[..., 0] + np.log(s)

    This function computes the same, faster and more accurately: where ``s < 2`` it
    takes ``log1p`` of the sum without the maximum's term (``1 + t`` would round a
    tiny ``t`` away), corrects each ``exp(z_j - m)`` for the rounding error of
    ``z_j - m``, and goes through the rows in blocks that stay in the CPU cache.
    The shift by the maximum and the ``log1p`` form, and their rounding error
    analysis, are from P. Blanchard, D. J. Higham and N. J. Higham, "Accurately
    computing the log-sum-exp and softmax functions", *IMA Journal of Numerical
    Analysis* 41(4), 2311--2330, 2021, doi:10.1093/imanum/draa038.

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

    See Also
    --------
    scipy.special.softmax : SciPy's version.
    torch.nn.functional.softmax : PyTorch's version.

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

    See Also
    --------
    scipy.special.log_softmax : SciPy's version.
    torch.nn.functional.log_softmax : PyTorch's version.

    Notes
    -----
    The readable reference version, for finite logits along the last axis::

        def log_softmax(z):
            m = np.max(z, axis=-1, keepdims=True)  # the shift: exp(z - m) <= 1 never overflows
            shifted = z - m
            s = np.sum(np.exp(shifted), axis=-1, keepdims=True)
            return shifted - np.log(s)

    This function computes the same, with ``log(s)`` taken as in :func:`logsumexp`
    (``log1p`` where ``s < 2``, corrected for the rounding of ``z_j - m``), so that
    the log-probability of a confident winner is not rounded to 0.
    The shift by the maximum and the ``log1p`` form, and their rounding error
    analysis, are from P. Blanchard, D. J. Higham and N. J. Higham, "Accurately
    computing the log-sum-exp and softmax functions", *IMA Journal of Numerical
    Analysis* 41(4), 2311--2330, 2021, doi:10.1093/imanum/draa038.

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
