"""Binary cross-entropy: two classes, one number per example.

The ``K = 2`` case of :mod:`nllce.losses`, with the model's probability of class 1
(or its logit) as one number instead of a row of two. The loss follows the rule of
every loss here: prediction first, target second, like ``torch.nn.functional``.

.. math::

    \\ell_n = -\\big(p_n \\log q_n + (1 - p_n) \\log(1 - q_n)\\big),
    \\qquad q_n = \\sigma(z_n) = \\frac{1}{1 + e^{-z_n}}.
"""

import numpy as np

from ._validate import as_base, as_bernoulli, as_logits, as_reduction, check_logits_max

__all__ = ["binary_cross_entropy", "binary_cross_entropy_with_logits"]

_REDUCTIONS = ("mean", "sum", "none")


def binary_cross_entropy(prediction, target, reduction="mean", base=None):
    r"""The binary cross-entropy loss from predicted probabilities.

    .. math::

        \ell = -t \log q - (1 - t) \log (1 - q),

    where :math:`q` is the predicted probability of the positive class and :math:`t`
    the target's. It is :func:`nllce.cross_entropy` of ``[1 - t, t]`` and
    ``[1 - q, q]``, with the prediction first, as for every loss.

    Parameters
    ----------
    prediction : array_like
        The model's probabilities :math:`q` in ``[0, 1]`` (any shape, also a scalar).
    target : array_like
        The targets :math:`t` in ``[0, 1]``: 0/1 labels or soft probabilities, same
        shape as `prediction`.
    reduction : {"mean", "sum", "none"}, optional
        Average (default) or add up the elementwise losses, or return them.
    base : float, optional
        Base of the logarithm: ``None`` (default) for nats, ``2`` for bits.

    Returns
    -------
    loss : float or ndarray
        ``+inf`` where the model gives the observed outcome probability 0
        (:math:`q = 0 < t` or :math:`q = 1 > t`). The relative error is a few ulps,
        also for a tiny loss.

    Raises
    ------
    TypeError, ValueError
        If `prediction` or `target` is outside ``[0, 1]`` or NaN, their shapes
        differ, `reduction` is unknown, or `base` is invalid.

    See Also
    --------
    binary_cross_entropy_with_logits : the same from logits, without computing `q`.
    torch.nn.functional.binary_cross_entropy : PyTorch's version, same argument
        order; it clamps :math:`\log q` at -100 where this returns ``inf``.
    scipy.special.xlogy : ``-xlogy(t, q) - xlog1py(1 - t, -q)`` is the same, elementwise.
    scipy.special.xlog1py : the second term, with ``log1p``.

    Notes
    -----
    Both terms are non-negative, so their sum loses nothing. The second is computed
    as :math:`-(1 - t)\,\mathrm{log1p}(-q)`: for a small :math:`q`, ``1 - q`` rounds
    to 1 (to exactly 1 below :math:`q \approx 10^{-16}`) and ``log(1 - q)`` would
    lose every digit of the loss :math:`\approx q`.

    Examples
    --------
    >>> from nllce import binary_cross_entropy
    >>> binary_cross_entropy(prediction=0.8, target=1)
    np.float64(0.223144)
    >>> binary_cross_entropy([0.8, 0.8, 0.5], [1, 0, 0.5], reduction="none", base=2)
    array([0.32192809, 2.32192809, 1.        ])

    A confident, correct prediction of 0 has a tiny loss, which ``log(1 - q)`` loses:

    >>> import numpy as np
    >>> binary_cross_entropy(prediction=1e-20, target=0)
    np.float64(1e-20)
    >>> -np.log(1 - 1e-20)
    np.float64(-0.0)
    """
    reduction = as_reduction(reduction, _REDUCTIONS)
    base = as_base(base)
    q = as_bernoulli(prediction, name="prediction")
    t = as_bernoulli(target, name="target", int_dtype=q.dtype)
    if t.shape != q.shape:
        raise ValueError(
            f"`prediction` has shape {q.shape} but `target` has shape {t.shape}; they must match"
        )
    with np.errstate(divide="ignore"):  # log 0 = -inf is the answer, not a mistake
        log_q, log_not_q = np.log(q), np.log1p(-q)
    dtype = np.result_type(q, t)
    # 0 * log 0 = 0: a term whose weight is 0 is skipped (0 * -inf would be NaN).
    positive_part = np.zeros(q.shape, dtype=dtype)
    np.multiply(t, log_q, out=positive_part, where=t > 0)
    negative_part = np.zeros(q.shape, dtype=dtype)
    np.multiply(1 - t, log_not_q, out=negative_part, where=t < 1)
    losses = 0 - (positive_part + negative_part)
    if base is not None:
        losses = losses / np.log(base)
    if reduction == "none":
        return losses[()]
    return losses.mean() if reduction == "mean" else losses.sum()


def binary_cross_entropy_with_logits(logits, target, reduction="mean"):
    r"""The binary cross-entropy loss from logits, :math:`q = \sigma(z)`.

    .. math::

        \ell = -t \log \sigma(z) - (1 - t) \log (1 - \sigma(z))
        = \begin{cases}
            (1 - t)\, z + \log(1 + e^{-z}) & z \ge 0, \\
            -t\, z + \log(1 + e^{z}) & z < 0,
          \end{cases}

    a sum of two non-negative terms in each branch, so it is exact to a few ulps,
    also when tiny.

    Parameters
    ----------
    logits : array_like
        The logits :math:`z` (any shape, also a scalar). ``-inf`` is allowed
        (probability 0); NaN and ``+inf`` are not.
    target : array_like
        The targets :math:`t` in ``[0, 1]``: 0/1 labels or soft probabilities, same
        shape as `logits`.
    reduction : {"mean", "sum", "none"}, optional
        Average (default) or add up the elementwise losses, or return them.

    Returns
    -------
    loss : float or ndarray
        In nats; ``+inf`` where ``t > 0`` and :math:`z = -\infty`.

    Raises
    ------
    TypeError, ValueError
        For NaN or ``+inf`` logits, targets outside ``[0, 1]``, mismatched shapes, or
        an unknown `reduction`.

    See Also
    --------
    binary_cross_entropy : the same from probabilities :math:`q = \sigma(z)`.
    torch.nn.functional.binary_cross_entropy_with_logits : PyTorch's version, same
        arguments.
    scipy.special.log_expit : ``-t * log_expit(z) - (1 - t) * log_expit(-z)`` is the
        same, elementwise.

    Examples
    --------
    >>> import numpy as np
    >>> from nllce import binary_cross_entropy, binary_cross_entropy_with_logits
    >>> binary_cross_entropy_with_logits([2.0, -1.0], [1, 0], reduction="none")
    array([0.12692801, 0.31326169])
    >>> q = 1 / (1 + np.exp([-2.0, 1.0]))
    >>> binary_cross_entropy(prediction=q, target=[1, 0], reduction="none")
    array([0.12692801, 0.31326169])
    >>> binary_cross_entropy_with_logits(50.0, 1)
    np.float64(1.92875e-22)
    """
    reduction = as_reduction(reduction, _REDUCTIONS)
    z = as_logits(logits, min_ndim=0)
    check_logits_max(z.max(), allow_all_neg_inf=True)
    t = as_bernoulli(target, name="target", int_dtype=z.dtype)
    if t.shape != z.shape:
        raise ValueError(
            f"`logits` has shape {z.shape} but `target` has shape {t.shape}; they must match"
        )
    positive = z >= 0
    linear = np.zeros(z.shape, dtype=np.result_type(z, t))
    np.multiply(1 - t, z, out=linear, where=positive)
    # -t * z with t = 0 and z = -inf would be NaN; the term is 0 there.
    np.multiply(-t, z, out=linear, where=~positive & (t > 0))
    losses = linear + np.log1p(np.exp(-np.abs(z)))
    if reduction == "none":
        return losses[()]
    return losses.mean() if reduction == "mean" else losses.sum()
