"""A classifier in miniature: softmax regression on a toy 2-D data set.

Part II of the book moves from one shared model distribution ``q`` to one
distribution per input, :math:`q(\\cdot \\mid x) = \\operatorname{softmax}(z(x))`.
This module holds everything the classifier chapter computes, as pure and
deterministic functions:

* :func:`make_toy_data` draws a small labelled data set whose inputs repeat,
  so that the empirical conditional distribution :math:`p(\\cdot \\mid x)`
  is more than a one-hot vector;
* :func:`group_by_input` turns the ``N`` pairs ``(x_k, y_k)`` into distinct
  inputs, their weights :math:`N_x / N` and the conditional frequencies;
* :func:`conditional_entropy` is the floor under the mean NLL of any model;
* :func:`train_softmax_regression` runs plain gradient descent using
  :func:`nllce.cross_entropy_with_logits` and its gradient.
"""

from dataclasses import dataclass

import numpy as np

from nllce import counts, cross_entropy_with_logits, cross_entropy_with_logits_grad, entropy
from nllce import softmax as _softmax

__all__ = [
    "ToyData",
    "TrainingRun",
    "conditional_entropy",
    "design_matrix",
    "group_by_input",
    "make_toy_data",
    "predict_proba",
    "train_softmax_regression",
]

# Class directions of the toy data's true model: class 0 lower left, class 1 lower
# right, class 2 at the top; the scale sets how mixed the labels at one input are.
_TRUE_DIRECTIONS = np.array([[-0.87, -0.5], [0.87, -0.5], [0.0, 1.0]])


@dataclass(frozen=True)
class ToyData:
    """A labelled sample of pairs ``(x_k, y_k)``.

    Parameters
    ----------
    inputs : ndarray, shape (N, 2)
        The inputs :math:`x_k`; equal rows are the same input seen again.
    labels : ndarray of int, shape (N,)
        The labels :math:`y_k` in ``0..K-1``.
    num_classes : int
        ``K``.
    """

    inputs: np.ndarray
    labels: np.ndarray
    num_classes: int


@dataclass(frozen=True)
class TrainingRun:
    """The record of a gradient-descent run.

    Parameters
    ----------
    weights : ndarray, shape (steps + 1, 3, K)
        The weights before the first step and after every step; row 0 of each
        matrix multiplies the constant feature 1 (the bias).
    mean_nll : ndarray, shape (steps + 1,)
        The mean negative log-likelihood :math:`-\\frac1N \\sum_k \\log q(y_k \\mid x_k)`
        at each recorded weight matrix.
    learning_rate : float
        The step size used.
    """

    weights: np.ndarray
    mean_nll: np.ndarray
    learning_rate: float


def make_toy_data(*, seed=0, grid_size=4, min_repeats=2, max_repeats=12, sharpness=2.5):
    """Draw a toy data set with three classes on a grid of repeated 2-D inputs.

    The inputs are the ``grid_size**2`` points of a square grid on
    :math:`[-1, 1]^2`. Input :math:`x` occurs :math:`N_x` times, with
    :math:`N_x` drawn uniformly from ``min_repeats..max_repeats``, and each
    occurrence gets a label drawn from the true model

    .. math::

        p_{\\text{true}}(\\cdot \\mid x) = \\operatorname{softmax}(s \\, D x),

    where the rows of ``D`` point to the lower left, the lower right and the
    top, and :math:`s` is ``sharpness``. Labels at one input therefore
    disagree sometimes, and the data have a positive conditional entropy.

    Parameters
    ----------
    seed : int
        Seed of :func:`numpy.random.default_rng`; the same seed gives the same data.
    grid_size : int
        Points per side of the input grid (at least 2).
    min_repeats, max_repeats : int
        Range of the number of labels drawn at each input (``1 <= min <= max``).
    sharpness : float
        Scale :math:`s >= 0` of the true logits; 0 gives uniformly random labels.

    Returns
    -------
    ToyData
        The sample, with ``num_classes == 3``.

    Examples
    --------
    >>> data = make_toy_data(seed=0)
    >>> data.inputs.shape[1], data.num_classes
    (2, 3)
    >>> len(data.labels) == len(data.inputs)
    True
    """
    grid_size = _positive_int(grid_size, "grid_size", minimum=2)
    min_repeats = _positive_int(min_repeats, "min_repeats", minimum=1)
    max_repeats = _positive_int(max_repeats, "max_repeats", minimum=min_repeats)
    if not np.isfinite(sharpness) or sharpness < 0:
        raise ValueError(f"`sharpness` must be a finite number >= 0, got {sharpness!r}")
    rng = np.random.default_rng(seed)
    axis = np.linspace(-1.0, 1.0, grid_size)
    grid = np.array([(a, b) for b in axis for a in axis])
    repeats = rng.integers(min_repeats, max_repeats + 1, size=len(grid))
    inputs = np.repeat(grid, repeats, axis=0)
    true_q = _softmax(sharpness * inputs @ _TRUE_DIRECTIONS.T)
    # Inverse-CDF sampling: one uniform number per label, fully determined by the seed.
    uniforms = rng.random(len(inputs))
    labels = (uniforms[:, None] > np.cumsum(true_q, axis=1)[:, :-1]).sum(axis=1)
    return ToyData(inputs=inputs, labels=labels.astype(np.int64), num_classes=3)


def group_by_input(inputs, labels, num_classes):
    """Group equal inputs: distinct inputs, their weights and conditional frequencies.

    With :math:`N_x` the number of pairs whose input is :math:`x` and
    :math:`n_{x,i}` the number of those labelled :math:`i`,

    .. math::

        w_x = \\frac{N_x}{N}, \\qquad p(i \\mid x) = \\frac{n_{x,i}}{N_x}.

    These are exactly what the mean NLL of a classifier depends on:
    :math:`-\\frac1N \\sum_k \\log q(y_k \\mid x_k) =
    \\sum_x w_x \\, H\\big(p(\\cdot \\mid x), q(\\cdot \\mid x)\\big)`.

    Parameters
    ----------
    inputs : array_like, shape (N, d)
        The inputs; rows that are exactly equal count as one input.
    labels : array_like of int, shape (N,)
        Labels in ``0..num_classes-1``.
    num_classes : int
        ``K``.

    Returns
    -------
    distinct_inputs : ndarray, shape (M, d)
        The ``M`` distinct inputs, in lexicographic order.
    input_weights : ndarray, shape (M,)
        :math:`w_x = N_x / N`; they sum to 1.
    conditional_frequencies : ndarray, shape (M, K)
        Row ``m`` is :math:`p(\\cdot \\mid x_m)`.

    Examples
    --------
    The worked sample ``[2, 2, 1]`` seen at one input, and label 0 at another:

    >>> x, w, p = group_by_input([[0.0], [0.0], [0.0], [1.0]], [2, 2, 1, 0], 3)
    >>> w
    array([0.75, 0.25])
    >>> p.round(4)
    array([[0.    , 0.3333, 0.6667],
           [1.    , 0.    , 0.    ]])
    """
    inputs = _inputs_2d(inputs)
    labels = np.asarray(labels)
    if labels.shape != (len(inputs),):
        raise ValueError(
            f"`labels` must have shape ({len(inputs)},) to match `inputs` of shape "
            f"{inputs.shape}, got shape {labels.shape}"
        )
    distinct_inputs, group = np.unique(inputs, axis=0, return_inverse=True)
    group = group.reshape(-1)
    group_counts = np.stack(
        [counts(labels[group == m], num_classes) for m in range(len(distinct_inputs))]
    )
    group_sizes = group_counts.sum(axis=1)
    input_weights = group_sizes / len(labels)
    conditional_frequencies = group_counts / group_sizes[:, None]
    return distinct_inputs, input_weights, conditional_frequencies


def conditional_entropy(inputs, labels, num_classes, base=None):
    """Empirical conditional entropy of the labels given the inputs.

    .. math::

        H(Y \\mid X) = \\sum_x w_x \\, H\\big(p(\\cdot \\mid x)\\big),

    the frequency-weighted average of the entropies of the conditional label
    frequencies. No classifier, however flexible, has a mean NLL below it on
    these data: the mean NLL is this floor plus

    .. math::

        \\sum_x w_x \\operatorname{KL}\\big(p(\\cdot|x) \\,\\|\\, q(\\cdot|x)\\big) \\ge 0.

    Parameters
    ----------
    inputs, labels, num_classes
        As in :func:`group_by_input`.
    base : float, optional
        Logarithm base; ``None`` gives nats, ``2`` bits.

    Returns
    -------
    float

    Examples
    --------
    Inputs that never repeat have one-hot conditionals and a floor of 0:

    >>> conditional_entropy([[0.0], [1.0], [2.0]], [2, 2, 1], 3)
    0.0
    >>> round(conditional_entropy([[0.0], [0.0], [0.0]], [2, 2, 1], 3), 4)
    0.6365
    """
    _, input_weights, conditional_frequencies = group_by_input(inputs, labels, num_classes)
    entropies = np.array([entropy(p, base=base) for p in conditional_frequencies])
    return float(input_weights @ entropies)


def design_matrix(inputs):
    """Prepend the constant feature 1 to each input.

    Parameters
    ----------
    inputs : array_like, shape (N, d)

    Returns
    -------
    ndarray, shape (N, d + 1)

    Examples
    --------
    >>> design_matrix([[0.5, -1.0]])
    array([[ 1. ,  0.5, -1. ]])
    """
    inputs = _inputs_2d(inputs)
    return np.hstack([np.ones((len(inputs), 1)), inputs])


def predict_proba(weights, inputs):
    """The model's distribution over classes at each input.

    .. math::

        q(\\cdot \\mid x) = \\operatorname{softmax}\\big(W^\\top (1, x)\\big).

    Parameters
    ----------
    weights : array_like, shape (d + 1, K)
    inputs : array_like, shape (N, d)

    Returns
    -------
    ndarray, shape (N, K)
        Rows sum to 1.

    Examples
    --------
    Zero weights say "every class equally likely":

    >>> predict_proba(np.zeros((3, 3)), [[0.2, 0.4]]).round(4)
    array([[0.3333, 0.3333, 0.3333]])
    """
    features = design_matrix(inputs)
    weights = np.asarray(weights, dtype=float)
    if weights.ndim != 2 or weights.shape[0] != features.shape[1]:
        raise ValueError(
            f"`weights` must have shape ({features.shape[1]}, K) for inputs with "
            f"{features.shape[1] - 1} features, got shape {weights.shape}"
        )
    return _softmax(features @ weights)


def train_softmax_regression(inputs, labels, num_classes, *, steps=200, learning_rate=1.0):
    """Fit softmax regression by plain gradient descent on the mean NLL.

    Starting from zero weights (every class equally likely, so the first mean
    NLL is :math:`\\log K`), each step computes the logits
    :math:`Z = X W`, the mean loss with :func:`nllce.cross_entropy_with_logits`,
    its gradient with respect to the logits,
    :math:`G = (\\operatorname{softmax}(Z) - P) / N` with :math:`P` the one-hot
    targets (:func:`nllce.cross_entropy_with_logits_grad`), and by the chain
    rule the gradient :math:`X^\\top G` with respect to the weights:

    .. math::

        W \\leftarrow W - \\eta \\, X^\\top G.

    The run is deterministic: the same arguments give the same record.

    Parameters
    ----------
    inputs : array_like, shape (N, d)
    labels : array_like of int, shape (N,)
    num_classes : int
        ``K``.
    steps : int
        Number of gradient steps (>= 0).
    learning_rate : float
        Step size :math:`\\eta > 0`.

    Returns
    -------
    TrainingRun

    Examples
    --------
    >>> data = make_toy_data(seed=0)
    >>> run = train_softmax_regression(data.inputs, data.labels, 3, steps=50)
    >>> bool(np.isclose(run.mean_nll[0], np.log(3)))
    True
    >>> bool(np.all(np.diff(run.mean_nll) < 0))
    True
    """
    features = design_matrix(inputs)
    labels = np.asarray(labels)
    steps = _positive_int(steps, "steps", minimum=0)
    if not (np.isfinite(learning_rate) and learning_rate > 0):
        raise ValueError(f"`learning_rate` must be a finite number > 0, got {learning_rate!r}")
    weights = np.zeros((features.shape[1], num_classes))
    history = np.empty((steps + 1, *weights.shape))
    mean_nll = np.empty(steps + 1)
    for step in range(steps + 1):
        logits = features @ weights
        history[step] = weights
        mean_nll[step] = cross_entropy_with_logits(logits, labels)
        if step < steps:
            weights = weights - learning_rate * features.T @ cross_entropy_with_logits_grad(
                logits, labels
            )
    return TrainingRun(weights=history, mean_nll=mean_nll, learning_rate=float(learning_rate))


def _inputs_2d(inputs):
    inputs = np.asarray(inputs, dtype=float)
    if inputs.ndim != 2 or len(inputs) == 0:
        raise ValueError(
            f"`inputs` must be a non-empty 2-D array of shape (N, d), got shape {inputs.shape}"
        )
    if not np.all(np.isfinite(inputs)):
        raise ValueError("`inputs` must be finite (no NaN or inf)")
    return inputs


def _positive_int(value, name, minimum):
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise TypeError(f"`{name}` must be an int, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"`{name}` must be >= {minimum}, got {value}")
    return int(value)
