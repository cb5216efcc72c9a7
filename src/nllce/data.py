"""From a sample of labels to counts, frequencies, likelihood and NLL.

The worked sample of the book is ``labels = [2, 2, 1]`` with ``K = 3`` classes:
its counts are ``n = [0, 1, 2]`` and its frequencies ``p = [0, 1/3, 2/3]``.
"""

import numpy as np

from ._validate import _is_integer, as_labels, as_num_classes, as_probabilities, as_reduction

__all__ = [
    "counts",
    "frequencies",
    "likelihood",
    "log_likelihood",
    "nll",
    "running_products",
    "sample_from",
    "underflow_size",
]


def counts(labels, num_classes):
    r"""Count how often each class occurs in a sample.

    .. math::

        n_i = \#\{k : x_k = i\}, \qquad i = 0, \dots, K - 1,
        \qquad \sum_i n_i = N.

    Parameters
    ----------
    labels : array_like of int, shape (N,)
        The sample :math:`x_1, \dots, x_N`, each a class in ``0..K-1``.
    num_classes : int
        The number of classes :math:`K`.

    Returns
    -------
    n : ndarray of int, shape (K,)
        The counts :math:`n_i`; classes that never occur count 0.

    Raises
    ------
    TypeError
        If `labels` are not integers (floats and booleans are refused).
    ValueError
        If `labels` is empty, not 1-D, or has a label outside ``0..K-1``.

    Examples
    --------
    >>> from nllce import counts
    >>> counts([2, 2, 1], num_classes=3)
    array([0, 1, 2])
    """
    num_classes = as_num_classes(num_classes)
    return np.bincount(as_labels(labels, num_classes), minlength=num_classes)


def frequencies(labels, num_classes):
    r"""The empirical distribution of a sample: relative frequencies of the classes.

    .. math::

        p_i = \frac{n_i}{N}.

    Parameters
    ----------
    labels : array_like of int, shape (N,)
        The sample, each label a class in ``0..K-1``.
    num_classes : int
        The number of classes :math:`K`.

    Returns
    -------
    p : ndarray of float, shape (K,)
        The frequencies; they sum to 1.

    Raises
    ------
    TypeError, ValueError
        As for :func:`counts`.

    Examples
    --------
    >>> from nllce import frequencies
    >>> frequencies([2, 2, 1], num_classes=3)
    array([0.        , 0.33333333, 0.66666667])
    """
    n = counts(labels, num_classes)
    return n / n.sum()


def _probabilities_of_labels(q, labels):
    """Validate `q` and `labels` and return ``q`` at each label, shape (N,)."""
    q = as_probabilities(q, name="q")
    num_classes = q.shape[-1]
    labels = as_labels(labels, num_classes)
    if q.ndim == 1:
        return q[labels]
    if q.ndim != 2 or q.shape[0] != labels.shape[0]:
        raise ValueError(
            f"`q` must have shape (K,) or (N, K) with N = len(labels); `q` has shape "
            f"{q.shape} but `labels` has shape {labels.shape}"
        )
    return q[np.arange(labels.size), labels]


def _log_or_minus_inf(x):
    """Natural log with ``log 0 = -inf`` and no divide-by-zero warning."""
    out = np.full_like(x, -np.inf)
    return np.log(x, out=out, where=x > 0)


def likelihood(q, labels):
    r"""The likelihood of a sample under a model: the plain product of probabilities.

    .. math::

        L = \prod_{k=1}^{N} q_{x_k} = \prod_{i=0}^{K-1} q_i^{n_i}.

    Parameters
    ----------
    q : array_like, shape (K,) or (N, K)
        The model: one distribution shared by every sample, or one per sample
        (a classifier's predictions).
    labels : array_like of int, shape (N,)
        The sample.

    Returns
    -------
    L : float
        The product, in the floating type of `q`.

    Raises
    ------
    TypeError, ValueError
        If `q` is not a probability distribution along its last axis, if `labels`
        are not valid class labels, or if their shapes do not match.

    See Also
    --------
    log_likelihood : the same quantity on a log scale, which does not underflow.

    Notes
    -----
    The product is computed as written, on purpose: for a large sample it
    underflows to exactly ``0.0`` (below about ``1e-308`` in float64), which is one
    reason to work with :func:`log_likelihood` instead. It is not rescaled.

    Examples
    --------
    The worked sample ``[2, 2, 1]`` has likelihood :math:`q_2^2 q_1`:

    >>> from nllce import likelihood
    >>> q = [0.2, 0.3, 0.5]
    >>> likelihood(q, [2, 2, 1])
    np.float64(0.075)

    A thousand copies of it underflow, although the log-likelihood is finite:

    >>> import numpy as np
    >>> from nllce import log_likelihood
    >>> sample = np.tile([2, 2, 1], 1000)
    >>> likelihood(q, sample)
    np.float64(0.0)
    >>> log_likelihood(q, sample)
    np.float64(-2590.267)
    """
    return _probabilities_of_labels(q, labels).prod()


def log_likelihood(q, labels):
    r"""The log-likelihood of a sample: a sum of logs, grouped by class.

    .. math::

        \log L = \sum_{k=1}^{N} \log q_{x_k} = \sum_{i=0}^{K-1} n_i \log q_i.

    Parameters
    ----------
    q : array_like, shape (K,) or (N, K)
        The model: one shared distribution, or one per sample.
    labels : array_like of int, shape (N,)
        The sample.

    Returns
    -------
    log_L : float
        The natural log of the likelihood; ``-inf`` if the model gives an observed
        label probability 0 (without a warning).

    Raises
    ------
    TypeError, ValueError
        As for :func:`likelihood`.

    Examples
    --------
    >>> import numpy as np
    >>> from nllce import log_likelihood
    >>> q = [0.2, 0.3, 0.5]
    >>> log_likelihood(q, [2, 2, 1])
    np.float64(-2.590267)
    >>> 2 * np.log(0.5) + np.log(0.3)
    np.float64(-2.590267)
    >>> log_likelihood([0.5, 0.5, 0.0], [2, 2, 1])
    np.float64(-inf)
    """
    return _log_or_minus_inf(_probabilities_of_labels(q, labels)).sum()


def nll(q, labels, reduction="mean"):
    r"""The negative log-likelihood of a sample, averaged (default) or summed.

    .. math::

        \text{mean: } -\frac{1}{N} \log L = -\sum_i p_i \log q_i = H(p, q),
        \qquad \text{sum: } -\log L,

    where :math:`p = n / N` are the frequencies of the sample: the mean NLL is the
    cross-entropy from the data to the model.

    Parameters
    ----------
    q : array_like, shape (K,) or (N, K)
        The model: one shared distribution, or one per sample.
    labels : array_like of int, shape (N,)
        The sample.
    reduction : {"mean", "sum", "none"}, optional
        ``"none"`` returns the per-sample losses :math:`-\log q_{x_k}`, shape (N,).

    Returns
    -------
    loss : float or ndarray
        The NLL in nats; ``inf`` if an observed label has probability 0.

    Raises
    ------
    TypeError, ValueError
        As for :func:`likelihood`, or for an unknown `reduction`.

    See Also
    --------
    nllce.cross_entropy : the mean NLL is ``cross_entropy(frequencies(labels, K), q)``.
    nllce.cross_entropy_with_logits : the same from logits, ``log(q)``.
    torch.nn.functional.nll_loss : PyTorch's version, same argument order, but it
        takes log-probabilities: ``nll_loss(log(q), labels)``.

    Examples
    --------
    >>> from nllce import cross_entropy, frequencies, nll
    >>> q = [0.2, 0.3, 0.5]
    >>> nll(q, [2, 2, 1])
    np.float64(0.863422)
    >>> cross_entropy(frequencies([2, 2, 1], 3), q)
    np.float64(0.863422)
    >>> nll(q, [2, 2, 1], reduction="sum")
    np.float64(2.590267)
    """
    reduction = as_reduction(reduction, ("mean", "sum", "none"))
    losses = -_log_or_minus_inf(_probabilities_of_labels(q, labels))
    if reduction == "none":
        return losses
    return losses.mean() if reduction == "mean" else losses.sum()


# --- the sample itself: drawing one, and multiplying its factors one at a time ---------


def sample_from(distribution, size, seed):
    """Draw `size` labels from `distribution` with a seeded generator (reproducible).

    >>> sample_from([0.1, 0.3, 0.6], 5, seed=0).tolist()
    [2, 1, 0, 0, 2]
    """
    distribution = as_probabilities(distribution, name="distribution")
    if distribution.ndim != 1:
        raise ValueError(
            f"`distribution` must be one distribution, shape (K,); got shape {distribution.shape}"
        )
    if not _is_integer(size) or size < 1:
        raise ValueError(f"`size` must be a positive integer; got {size!r}")
    rng = np.random.default_rng(seed)
    return rng.choice(distribution.size, size=int(size), p=distribution)


def running_products(q, labels):
    """Products of the first 0, 1, ..., N factors, in sample order and grouped by class.

    Returns
    -------
    in_order, grouped : ndarray, shape (N + 1,)
        ``in_order[m]`` multiplies ``q[x_1] ... q[x_m]``; ``grouped[m]`` multiplies
        the first `m` factors after sorting the labels by class, i.e. it walks through
        :math:`q_0^{n_0} q_1^{n_1} \\cdots`. Both end at the likelihood.

    >>> [a.tolist() for a in running_products([0.2, 0.3, 0.5], [2, 2, 1])]
    [[1.0, 0.5, 0.25, 0.075], [1.0, 0.3, 0.15, 0.075]]
    """
    q = as_probabilities(q, name="q")
    labels = as_labels(labels, q.shape[-1])
    in_order = np.concatenate([[1.0], np.cumprod(q[labels])])
    grouped = np.concatenate([[1.0], np.cumprod(q[np.sort(labels)])])
    return in_order, grouped


def underflow_size(q, unit, max_size=3000):
    """The smallest sample size at which :func:`nllce.likelihood` of `unit` repeated is 0.0.

    The sample is `unit` repeated (``np.resize``); returns ``None`` if the float64
    product stays positive up to `max_size` draws.

    >>> underflow_size([0.2, 0.3, 0.5], [2, 2, 1])
    864
    """
    q = as_probabilities(q, name="q")
    unit = as_labels(unit, q.shape[-1], name="unit")
    if not _is_integer(max_size) or max_size < unit.size:
        raise ValueError(f"`max_size` must be an integer >= len(unit); got {max_size!r}")
    if likelihood(q, np.resize(unit, max_size)) > 0:
        return None
    if likelihood(q, unit[:1]) == 0:
        return 1
    low, high = 1, max_size  # likelihood(low draws) > 0 == likelihood(high draws)
    while high - low > 1:
        middle = (low + high) // 2
        if likelihood(q, np.resize(unit, middle)) > 0:
            low = middle
        else:
            high = middle
    return high
