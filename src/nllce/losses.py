"""Cross-entropy losses computed from logits or probabilities, and their gradients.

Every loss takes the prediction first and the target second, as
``torch.nn.functional`` does: ``loss(logits, target)``, ``loss(prediction, target)``.

A classifier outputs logits :math:`z_n` for each sample :math:`n`; its model is
:math:`q_n = \\operatorname{softmax}(z_n)`, and its loss on a target distribution
:math:`p_n` (a one-hot label, a smoothed label or soft probabilities) is

.. math::

    \\ell_n = H(p_n, q_n) = -\\sum_i p_{n,i} \\log \\operatorname{softmax}(z_n)_i,
    \\qquad \\frac{\\partial \\ell_n}{\\partial z_n} = \\operatorname{softmax}(z_n) - p_n.
"""

import numpy as np

from ._validate import (
    as_array,
    as_label_smoothing,
    as_labels,
    as_logits,
    as_num_classes,
    as_probabilities,
    as_reduction,
)
from .logits import (
    _checked_row_max,
    _log_normaliser,
    _normalise,
    _row_blocks,
    _shift_rows,
    _softmax_rows,
)

__all__ = [
    "cross_entropy_with_logits",
    "cross_entropy_with_logits_grad",
    "optimal_smoothed_margin",
    "softmax_twice_gradient",
]

_REDUCTIONS = ("mean", "sum", "none")


def _prepare(logits, target, reduction, label_smoothing):
    """Validate the arguments shared by the loss and its gradient.

    Returns the reduction, the smoothing, the logits as rows ``(N, K)``, the shape of
    the rows (``()`` for a single sample), and either integer labels ``(N,)`` or
    (smoothed) probability rows ``(N, K)``; the other is None.
    """
    reduction = as_reduction(reduction, _REDUCTIONS)
    smoothing = as_label_smoothing(label_smoothing)
    z = as_logits(logits, ndims=(1, 2))
    num_classes = z.shape[-1]
    target = as_array(target, "target")
    labels = probabilities = None
    if target.shape == z.shape[:-1]:
        labels = as_labels(target, num_classes, name="target", shape=z.shape[:-1]).reshape(-1)
    elif target.shape == z.shape:
        probabilities = as_probabilities(target, name="target", int_dtype=z.dtype)
        probabilities = probabilities.reshape(-1, num_classes)
        if smoothing:
            probabilities = (1 - smoothing) * probabilities + smoothing / num_classes
    else:
        raise ValueError(
            f"`logits` has shape {z.shape}, so `target` must be labels of shape "
            f"{z.shape[:-1]} or probability rows of shape {z.shape}; "
            f"got `target` of shape {target.shape}"
        )
    return reduction, smoothing, z.reshape(-1, num_classes), z.shape[:-1], labels, probabilities


def _reduce(values, reduction, rows_shape):
    if reduction == "mean":
        return values.mean(axis=0)
    if reduction == "sum":
        return values.sum(axis=0)
    return values.reshape(rows_shape + values.shape[1:])[()]


def _losses_from_labels(z2, labels, smoothing):
    """Per-row cross-entropy for integer labels, smoothed by `smoothing`.

    With :math:`p = (1 - \\varepsilon)\\,\\text{onehot}(y) + \\varepsilon / K` the loss is
    :math:`(1 - \\varepsilon)(m - z_y) + \\frac{\\varepsilon}{K}\\sum_j (m - z_j) + \\log s`:
    three non-negative terms, so no cancellation. Only the target logit is gathered,
    and ``exp`` runs in place. Only rows whose target is the maximum can have a tiny
    loss, so only they may need ``log1p``. After the row maxima (checked first, so
    that bad logits raise before any arithmetic), the rows go block by block: each
    block is read from memory once, and its exact ``log1p`` rows are done while it
    is in the cache.
    """
    _, row_shift = _checked_row_max(z2)
    num_classes = z2.shape[1]
    losses = np.empty(z2.shape[0], dtype=z2.dtype)
    for rows in _row_blocks(*z2.shape):
        z, block_labels = z2[rows], labels[rows]
        shift, shifted = _shift_rows(z, row_shift[rows])
        gap = -shifted[np.arange(block_labels.size), block_labels]
        log_total = _log_normaliser(
            z, shift, shifted, np.exp(shifted), candidates=gap == 0, argmax=block_labels
        )
        if smoothing:
            spread = 0 - shifted.sum(axis=1)
            losses[rows] = (1 - smoothing) * gap + (smoothing / num_classes) * spread + log_total
        else:
            losses[rows] = gap + log_total
    return losses


def _losses_from_probabilities(z2, probabilities):
    """Per-row cross-entropy for probability rows: ``log s * sum(p) - sum(p * (z - m))``.

    Both terms are non-negative; classes with ``p = 0`` are skipped, so a ``-inf``
    logit there costs nothing (``0 * -inf`` would be NaN).
    """
    _, shifted, log_total = _normalise(z2)
    weighted = np.zeros(shifted.shape, dtype=np.result_type(probabilities, shifted))
    np.multiply(probabilities, shifted, out=weighted, where=probabilities > 0)
    return log_total * probabilities.sum(axis=1) - weighted.sum(axis=1)


def cross_entropy_with_logits(logits, target, reduction="mean", label_smoothing=0.0):
    r"""The cross-entropy loss of a classifier, from its logits.

    .. math::

        \ell_n = -\sum_i p_{n,i} \log \operatorname{softmax}(z_n)_i,
        \qquad \text{mean: } \frac{1}{N} \sum_n \ell_n,

    where :math:`p_n` is the one-hot vector of label :math:`y_n` (then
    :math:`\ell_n = -\log \operatorname{softmax}(z_n)_{y_n}`) or a given probability
    row. With label smoothing :math:`\varepsilon` the target becomes
    :math:`(1 - \varepsilon) p_n + \varepsilon / K`, as in PyTorch.

    Parameters
    ----------
    logits : array_like, shape (N, K) or (K,)
        The logits :math:`z`, one row per sample (or a single sample). ``-inf`` is
        allowed (probability 0); NaN and ``+inf`` are not.
    target : array_like, shape (N,) of int or (N, K) of float
        Class labels in ``0..K-1``, or probability rows that sum to 1. For a single
        sample: one label, or one row of shape (K,).
    reduction : {"mean", "sum", "none"}, optional
        Average (default) or add up the per-sample losses, or return them, shape (N,).
    label_smoothing : float, optional
        :math:`\varepsilon` in ``[0, 1)``; 0 (default) leaves the target unchanged.

    Returns
    -------
    loss : float or ndarray
        In nats, in the floating type of `logits` (and `target`, if it is a float
        array). ``+inf`` exactly when the target puts weight on a ``-inf`` logit.

    Raises
    ------
    TypeError, ValueError
        For logits that are not 1-D or 2-D, or that contain NaN or ``+inf`` or a row
        of only ``-inf``; labels that are not integers or not in ``0..K-1``;
        probability rows that are not distributions; mismatched shapes; an unknown
        `reduction`; `label_smoothing` outside ``[0, 1)``.

    See Also
    --------
    cross_entropy_with_logits_grad : its gradient with respect to `logits`.
    nllce.cross_entropy : the same quantity from probabilities, ``cross_entropy(p, q)``.
    torch.nn.functional.cross_entropy : PyTorch's version, same argument order and defaults.
    scipy.special.log_softmax : ``-log_softmax(logits)[np.arange(N), labels].mean()``
        is the same for labels.

    Notes
    -----
    The absolute error is at most a few ulps of ``max(1, loss)`` in float64, and the
    relative error a few ulps too: a tiny loss is never rounded to 0 unless it is
    below the smallest float. With logits :math:`z_n = \log q` the loss is the mean
    NLL of the sample under :math:`q`.

    The readable reference version, for finite logits of shape (N, K), labels and
    ``reduction="mean"``::

        def cross_entropy_with_logits(z, labels):
            m = np.max(z, axis=1, keepdims=True)  # the shift: exp(z - m) <= 1 never overflows
            shifted = z - m
            log_s = np.log(np.sum(np.exp(shifted), axis=1))
            return np.mean(log_s - shifted[np.arange(len(z)), labels])

    This function computes the same, but takes ``log1p`` of the sum without the
    maximum's term where the target is the maximum (there the loss can be tiny, and
    ``log(s)`` would round it to 0), corrected for the rounding of ``z_j - m``; it
    gathers only the target logits and goes through the rows in blocks that stay in
    the CPU cache, so each block is read from memory once.
    The shift by the maximum and the ``log1p`` form, and their rounding error
    analysis, are from P. Blanchard, D. J. Higham and N. J. Higham, "Accurately
    computing the log-sum-exp and softmax functions", *IMA Journal of Numerical
    Analysis* 41(4), 2311--2330, 2021, doi:10.1093/imanum/draa038.

    Examples
    --------
    The worked sample ``[2, 2, 1]`` under the model ``q = [0.2, 0.3, 0.5]``:

    >>> import numpy as np
    >>> from nllce import cross_entropy_with_logits
    >>> logits = np.log([[0.2, 0.3, 0.5]] * 3)
    >>> cross_entropy_with_logits(logits, [2, 2, 1])
    np.float64(0.863422)
    >>> cross_entropy_with_logits(logits, [2, 2, 1], reduction="none")
    array([0.69314718, 0.69314718, 1.2039728 ])

    A confident, correct prediction has a tiny loss, not 0 (the naive
    ``log(sum(exp(z))) - z[0]`` gives exactly 0 here):

    >>> cross_entropy_with_logits([40.0, 0.0], 0)
    np.float64(4.248354e-18)
    >>> np.log(np.exp(40.0) + np.exp(0.0)) - 40.0
    np.float64(0.0)

    Soft targets and label smoothing:

    >>> cross_entropy_with_logits([[2.0, 0.0]], [[0.9, 0.1]])
    np.float64(0.326928)
    >>> cross_entropy_with_logits([[2.0, 0.0]], [0], label_smoothing=0.2)
    np.float64(0.326928)
    """
    reduction, smoothing, z2, rows_shape, labels, probabilities = _prepare(
        logits, target, reduction, label_smoothing
    )
    if labels is not None:
        losses = _losses_from_labels(z2, labels, smoothing)
    else:
        losses = _losses_from_probabilities(z2, probabilities)
    return _reduce(losses, reduction, rows_shape)


def cross_entropy_with_logits_grad(logits, target, reduction="mean", label_smoothing=0.0):
    r"""The gradient of :func:`cross_entropy_with_logits` with respect to the logits.

    .. math::

        \frac{\partial \ell_n}{\partial z_{n,i}} = \operatorname{softmax}(z_n)_i - p_{n,i},
        \qquad \text{mean: } \frac{\operatorname{softmax}(z) - p}{N}.

    Parameters
    ----------
    logits, target, reduction, label_smoothing
        As for :func:`cross_entropy_with_logits`. With ``reduction="none"``, row
        :math:`n` is the gradient of the loss of sample :math:`n` alone.

    Returns
    -------
    grad : ndarray
        Same shape as `logits`. Each row sums to 0 (up to rounding).

    Raises
    ------
    TypeError, ValueError
        As for :func:`cross_entropy_with_logits`.

    See Also
    --------
    torch.nn.functional.cross_entropy : PyTorch's autograd gives the same gradient.
    scipy.special.softmax : ``(softmax(z) - p) / N`` is the same (mean reduction).

    Examples
    --------
    >>> import numpy as np
    >>> from nllce import cross_entropy_with_logits_grad, softmax
    >>> z = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
    >>> cross_entropy_with_logits_grad(z, [2, 0], reduction="sum")
    array([[ 0.09003057,  0.24472847, -0.33475904],
           [-0.66666667,  0.33333333,  0.33333333]])
    >>> cross_entropy_with_logits_grad(z, [2, 0])
    array([[ 0.04501529,  0.12236424, -0.16737952],
           [-0.33333333,  0.16666667,  0.16666667]])
    """
    reduction, smoothing, z2, rows_shape, labels, probabilities = _prepare(
        logits, target, reduction, label_smoothing
    )
    grad = _softmax_rows(z2)
    if labels is not None:
        grad[np.arange(labels.size), labels] -= 1 - smoothing
        if smoothing:
            grad -= smoothing / z2.shape[1]
    else:
        grad = grad - probabilities
    if reduction == "mean":
        grad /= z2.shape[0]
    return grad.reshape(rows_shape + z2.shape[1:])


# --- two facts the book derives: where smoothing stops, and softmax applied twice ------


def optimal_smoothed_margin(label_smoothing, num_classes):
    """The logit margin that minimises the label-smoothed loss.

    The minimiser of :math:`H(p_\\varepsilon, q)` is :math:`q = p_\\varepsilon`, whose
    label's logit exceeds every other logit by

    .. math::

        m^\\star = \\log \\frac{1 - \\varepsilon + \\varepsilon / K}{\\varepsilon / K}
        = \\log\\Big(1 + \\frac{K (1 - \\varepsilon)}{\\varepsilon}\\Big),

    finite for :math:`\\varepsilon > 0`; without smoothing (:math:`\\varepsilon = 0`)
    there is no minimiser and the margin is ``inf``.

    Parameters
    ----------
    label_smoothing : float in [0, 1)
        :math:`\\varepsilon`, spread over all `num_classes` classes (PyTorch's convention).
    num_classes : int
        ``K``, at least 2.

    Examples
    --------
    >>> round(optimal_smoothed_margin(0.1, 3), 4)
    3.3322
    >>> optimal_smoothed_margin(0.0, 3)
    inf
    """
    epsilon = as_label_smoothing(label_smoothing)
    num_classes = as_num_classes(num_classes)
    if num_classes < 2:
        raise ValueError(f"`num_classes` must be at least 2; got {num_classes!r}")
    if epsilon == 0:
        return float("inf")
    return float(np.log1p(num_classes * (1 - epsilon) / epsilon))


def softmax_twice_gradient(logits, label):
    """The gradient in the logits when softmax is applied before a loss that applies it again.

    The buggy loss is :math:`\\ell(s)` with :math:`s = \\operatorname{softmax}(z)`
    and :math:`\\ell` the cross-entropy from logits, so by the chain rule its
    gradient is :math:`J^\\top (\\operatorname{softmax}(s) - p)` with the softmax
    Jacobian :math:`J = \\operatorname{diag}(s) - s s^\\top` (symmetric).

    Parameters
    ----------
    logits : array_like, shape (K,)
    label : int

    Returns
    -------
    ndarray, shape (K,)

    Examples
    --------
    Where training starts, at equal logits, it is a third of the correct gradient
    :math:`q - p = (-2/3, 1/3, 1/3)`:

    >>> softmax_twice_gradient([0.0, 0.0, 0.0], 0).round(4)
    array([-0.2222,  0.1111,  0.1111])
    """
    z = as_logits(logits, name="logits").astype(float)
    if z.ndim != 1:
        raise ValueError(f"`logits` must be one vector of K logits; got shape {z.shape}")
    label = int(as_labels([label], z.size, name="label")[0])
    s = np.exp(z - z.max())
    s /= s.sum()
    outer = cross_entropy_with_logits_grad(s, label)
    jacobian = np.diag(s) - np.outer(s, s)
    return jacobian @ outer
