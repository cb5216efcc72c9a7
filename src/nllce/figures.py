"""The figures of Part I, each a pure function of its parameters.

Every function returns a :class:`matplotlib.figure.Figure` built in the house
style (:mod:`nllce.style`, re-exported here for other figure modules), draws
nothing else and changes no global state, so a slider can call it once per
frame and a test can call it directly. Figure sizes are modest so that a
slider's frames stay small.

The book's running example lives here too: the worked sample ``[2, 2, 1]``
over ``K = 3`` classes, the model ``q = (0.2, 0.3, 0.5)`` and the "true"
distribution ``(0.1, 0.3, 0.6)`` that fresh samples are drawn from.

Examples
--------
>>> from nllce import figures
>>> fig = figures.likelihood_path(share=0.5)
>>> [ax.get_xlabel() for ax in fig.axes]
['class $i$', 'model probability $q_2$ of class 2']
"""

import numpy as np
from matplotlib.patches import Rectangle

from . import data, information
from ._figures_information import (
    cross_entropy_along_path,
    cross_entropy_simplex,
    kl_directions,
    tempered,
)
from ._figures_map import chain_map
from ._validate import as_labels, as_num_classes, as_probabilities
from .style import (
    CLASS_COLORS,
    COLORS,
    HOUSE_STYLE,
    PALETTE,
    apply_style,
    house_style,
    new_figure,
)

__all__ = [
    "CLASS_COLORS",
    "COLORS",
    "HOUSE_STYLE",
    "PALETTE",
    "TRUE_DISTRIBUTION",
    "WORKED_LABELS",
    "WORKED_MODEL",
    "WORKED_NUM_CLASSES",
    "apply_style",
    "chain_map",
    "counts_and_products",
    "cross_entropy_along_path",
    "cross_entropy_simplex",
    "house_style",
    "kl_directions",
    "likelihood_path",
    "mean_nll_convergence",
    "new_figure",
    "path_model",
    "resampled",
    "resampled_counts",
    "running_products",
    "sample_from",
    "tempered",
    "underflow",
    "underflow_size",
]

#: The worked sample of every chapter, its number of classes, and its model.
WORKED_LABELS = (2, 2, 1)
WORKED_NUM_CLASSES = 3
WORKED_MODEL = (0.2, 0.3, 0.5)
#: The distribution that "fresh" samples are drawn from in the simulations.
TRUE_DISTRIBUTION = (0.1, 0.3, 0.6)


def path_model(share, focus=2, num_classes=WORKED_NUM_CLASSES):
    r"""A model that gives class `focus` probability `share` and splits the rest evenly.

    .. math:: q_{\text{focus}} = s, \qquad q_j = \frac{1 - s}{K - 1} \ (j \ne \text{focus}).

    >>> path_model(0.5).tolist()
    [0.25, 0.25, 0.5]
    """
    num_classes = as_num_classes(num_classes)
    if num_classes < 2:
        raise ValueError(f"`num_classes` must be at least 2 for a path; got {num_classes}")
    if not 0 <= focus < num_classes:
        raise ValueError(f"`focus` must be a class in 0..{num_classes - 1}; got {focus!r}")
    if not isinstance(share, int | float | np.floating) or not 0 <= share <= 1:
        raise ValueError(f"`share` must be a probability in [0, 1]; got {share!r}")
    q = np.full(num_classes, (1 - share) / (num_classes - 1))
    q[focus] = share
    return q


def sample_from(distribution, size, seed):
    """Draw `size` labels from `distribution` with a seeded generator (reproducible).

    >>> sample_from(TRUE_DISTRIBUTION, 5, seed=0).tolist()
    [2, 1, 0, 0, 2]
    """
    distribution = as_probabilities(distribution, name="distribution")
    if distribution.ndim != 1:
        raise ValueError(
            f"`distribution` must be one distribution, shape (K,); got shape {distribution.shape}"
        )
    if isinstance(size, bool) or not isinstance(size, int | np.integer) or size < 1:
        raise ValueError(f"`size` must be a positive integer; got {size!r}")
    rng = np.random.default_rng(seed)
    return rng.choice(distribution.size, size=int(size), p=distribution)


def resampled(size, seed):
    """The sample number `seed` of `size` labels from :data:`TRUE_DISTRIBUTION`.

    The samples of the counts slider of chapter 2; the same `size` and `seed` always
    give the same labels.
    """
    return sample_from(TRUE_DISTRIBUTION, size, seed=seed)


def resampled_counts(size, seed, *, q=WORKED_MODEL):
    """:func:`counts_and_products` of :func:`resampled` ``(size, seed)``: one slider frame."""
    return counts_and_products(resampled(size, seed), q=q)


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


@house_style
def likelihood_path(share, *, labels=WORKED_LABELS, focus=2, num_classes=WORKED_NUM_CLASSES):
    """The model along :func:`path_model` and the likelihood of `labels` as it moves.

    Left: the model's bars, with one dot above class ``i`` per time the sample shows
    it. Right: the likelihood along the whole path, the current model marked, and a
    dashed line at the frequency of class `focus` in the sample.
    """
    q = path_model(share, focus, num_classes)
    labels = as_labels(labels, num_classes)
    n = data.counts(labels, num_classes)
    fig, (bars, curve) = new_figure(1, 2, figsize=(6.8, 2.9), width_ratios=(1, 1.6))

    classes = np.arange(num_classes)
    bars.bar(classes, q, color=COLORS["model"], width=0.6)
    for i in classes:
        heights = q[i] + 0.07 * np.arange(1, n[i] + 1)
        bars.plot(np.full(n[i], i), heights, "o", color=COLORS["data"], markersize=6)
    bars.set(xticks=classes, ylim=(0, 1.25), xlabel="class $i$", ylabel="model $q_i$")
    bars.set_yticks([0, 0.5, 1])

    shares = np.linspace(0.001, 0.999, 400)
    likelihoods = [data.likelihood(path_model(s, focus, num_classes), labels) for s in shares]
    curve.plot(shares, likelihoods, color=COLORS["loss"])
    frequency = n[focus] / n.sum()
    curve.axvline(frequency, color=COLORS["neutral"], linestyle="--", linewidth=1)
    curve.annotate(
        f"$n_{focus} / N = {n[focus]}/{n.sum()}$",
        (frequency, 1),
        xycoords=("data", "axes fraction"),
        xytext=(-4, -2),
        textcoords="offset points",
        ha="right",
        va="top",
        color=COLORS["neutral"],
        fontsize=9,
    )
    curve.plot([share], [data.likelihood(q, labels)], "o", color=COLORS["model"], markersize=8)
    curve.set(
        xlim=(0, 1),
        ylim=(0, 1.08 * max(likelihoods)),
        xlabel=f"model probability $q_{focus}$ of class {focus}",
        ylabel="likelihood $L$",
    )
    return fig


def underflow_size(q=WORKED_MODEL, unit=WORKED_LABELS, max_size=3000):
    """The smallest sample size at which :func:`nllce.likelihood` of `unit` repeated is 0.0.

    Returns ``None`` if the product stays positive up to `max_size` draws.

    >>> underflow_size()
    864
    """
    q = as_probabilities(q, name="q")
    unit = as_labels(unit, q.shape[-1], name="unit")
    if data.likelihood(q, np.resize(unit, max_size)) > 0:
        return None
    low, high = 1, max_size  # likelihood(low draws) > 0 == likelihood(high draws)
    if data.likelihood(q, unit[:1]) == 0:
        return 1
    while high - low > 1:
        middle = (low + high) // 2
        if data.likelihood(q, np.resize(unit, middle)) > 0:
            low = middle
        else:
            high = middle
    return high


@house_style
def underflow(q=WORKED_MODEL, unit=WORKED_LABELS, max_size=3000):
    """The float64 product of a growing sample next to its log-likelihood.

    The sample is `unit` repeated. The product (computed as written, by
    :func:`nllce.likelihood`) underflows to exactly 0.0 while the sum of logs
    (:func:`nllce.log_likelihood`) keeps going down a straight line.
    """
    q = as_probabilities(q, name="q")
    unit = as_labels(unit, q.shape[-1], name="unit")
    if isinstance(max_size, bool) or not isinstance(max_size, int) or max_size < unit.size:
        raise ValueError(f"`max_size` must be an integer >= len(unit); got {max_size!r}")
    sizes = np.unique(np.linspace(unit.size, max_size, 120).astype(int))
    samples = [np.resize(unit, size) for size in sizes]
    products = np.array([data.likelihood(q, sample) for sample in samples])
    log10_l = np.array([data.log_likelihood(q, sample) for sample in samples]) / np.log(10)

    fig, ax = new_figure(figsize=(6.4, 3.0))
    ax.plot(sizes, log10_l, color=COLORS["data"], label="sum of logs: $\\log_{10} L$")
    shown = products > 0
    ax.plot(
        sizes[shown],
        np.log10(products[shown]),
        color=COLORS["model"],
        linestyle="--",
        label="$\\log_{10}$ of the float64 product",
    )
    smallest = np.log10(np.finfo(np.float64).smallest_subnormal)
    ax.axhline(smallest, color=COLORS["neutral"], linewidth=1, linestyle=":")
    ax.annotate(
        "smallest positive float64",
        (sizes[-1], smallest),
        xytext=(0, 4),
        textcoords="offset points",
        ha="right",
        color=COLORS["neutral"],
        fontsize=9,
    )
    first_zero = underflow_size(q, unit, max_size)
    if first_zero is not None:
        ax.axvline(first_zero, color=COLORS["model"], linewidth=1)
        ax.annotate(
            f"the product is 0.0\nfrom N = {first_zero} on",
            (first_zero, 0),
            xytext=(6, -4),
            textcoords="offset points",
            va="top",
            color=COLORS["model"],
            fontsize=9,
        )
    ax.set(xlabel="sample size $N$", ylabel="$\\log_{10}$ of the likelihood")
    ax.legend(loc="lower left")
    return fig


@house_style
def counts_and_products(labels, *, q=WORKED_MODEL):
    """A sample, its counts, and its likelihood multiplied in two orders.

    Top: the sample as coloured tiles in the order drawn. Bottom left: the counts.
    Bottom right: the running product in sample order and grouped by class; the
    two walks differ but end at the same likelihood.
    """
    q = as_probabilities(q, name="q")
    num_classes = q.shape[-1]
    labels = as_labels(labels, num_classes)
    n = data.counts(labels, num_classes)
    in_order, grouped = running_products(q, labels)

    fig, axes = new_figure(
        figsize=(6.8, 3.6),
        mosaic=[["tiles", "tiles"], ["bars", "walk"]],
        height_ratios=(1, 3.2),
        width_ratios=(1, 1.8),
    )
    tiles, bars, walk = axes["tiles"], axes["bars"], axes["walk"]

    for position, label in enumerate(labels, start=1):
        color = CLASS_COLORS[label % len(CLASS_COLORS)]
        tiles.add_patch(Rectangle((position - 0.45, 0.1), 0.9, 0.8, facecolor=color))
        tiles.text(position, 0.5, str(label), ha="center", va="center", fontsize=9)
    tiles.set(xlim=(0.4, max(labels.size, 12) + 0.6), ylim=(0, 1), yticks=[])
    tiles.set_xlabel("sample position $k$ (tile shows the label $x_k$)")
    tiles.spines["left"].set_visible(False)

    classes = np.arange(num_classes)
    bars.bar(classes, n, color=[CLASS_COLORS[c % len(CLASS_COLORS)] for c in classes])
    bars.set(xticks=classes, xlabel="class $i$", ylabel="count $n_i$")
    bars.yaxis.get_major_locator().set_params(integer=True)

    steps = np.arange(labels.size + 1)
    walk.step(steps, in_order, where="post", color=COLORS["model"], label="in sample order")
    walk.step(
        steps, grouped, where="post", color=COLORS["data"], linestyle="--", label="grouped by class"
    )
    walk.plot([labels.size], [in_order[-1]], "o", color=COLORS["loss"], markersize=7)
    walk.set_yscale("log")
    walk.set(xlabel="factors multiplied so far", ylabel="running product")
    walk.legend(loc="lower left")
    return fig


@house_style
def mean_nll_convergence(
    size, *, p_true=TRUE_DISTRIBUTION, q=WORKED_MODEL, num_paths=5, max_size=10_000, seed=0
):
    """Total and mean NLL of fresh samples as they grow to `size` draws.

    Left: the total NLL :math:`-\\log L` grows without bound. Right: the mean NLL
    :math:`-\\frac1N \\log L` settles at the cross-entropy :math:`H(p_{\\text{true}}, q)`
    (dashed). Each line is one sample drawn from `p_true`; the axes span `max_size`
    draws whatever `size` is, so frames of a slider line up.
    """
    p_true = as_probabilities(p_true, name="p_true")
    q = as_probabilities(q, name="q")
    if (
        isinstance(size, bool)
        or not isinstance(size, int | np.integer)
        or not 1 <= size <= max_size
    ):
        raise ValueError(f"`size` must be an integer in 1..{max_size} (`max_size`); got {size!r}")
    target = information.cross_entropy(p_true, q)
    # Every size up to 30, then 200 log-spaced ones: the same picture on a log axis,
    # at a fraction of the drawing cost.
    shown = np.unique(np.concatenate([np.arange(1, 31), np.geomspace(1, size, 200).astype(int)]))
    shown = shown[shown <= size]
    fig, (total_ax, mean_ax) = new_figure(1, 2, figsize=(6.8, 2.9))
    for path in range(num_paths):
        labels = sample_from(p_true, max_size, seed=seed + path)[:size]
        totals = np.cumsum(data.nll(q, labels, reduction="none"))[shown - 1]
        total_ax.plot(shown, totals, color=COLORS["loss"], linewidth=1, alpha=0.8)
        mean_ax.plot(shown, totals / shown, color=COLORS["loss"], linewidth=1, alpha=0.8)
    for ax in (total_ax, mean_ax):
        ax.set_xscale("log")
        ax.set_xlim(1, max_size)
        ax.axvline(size, color=COLORS["neutral"], linewidth=1, linestyle=":")
        ax.set_xlabel("sample size $N$")
    worst = -np.log(q.min())
    total_ax.set_yscale("log")
    total_ax.set(ylim=(0.1, worst * max_size * 1.5), ylabel="total NLL $-\\log L$")
    mean_ax.axhline(
        target, color=COLORS["data"], linestyle="--", label="$H(p_{\\mathrm{true}}, q)$"
    )
    mean_ax.set(ylim=(0, worst * 1.05), ylabel="mean NLL $-(\\log L)\\,/\\,N$")
    mean_ax.legend(loc="upper right")
    return fig
