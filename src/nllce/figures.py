"""The figures of Part I, each a pure function of its parameters.

Every function returns a :class:`matplotlib.figure.Figure` built in the house
style (:mod:`nllce.style`, re-exported here for other figure modules), draws
nothing else and changes no global state, so a test can call it directly.
Figure sizes are modest so that a slider's frames stay small.

A figure computes nothing that a reader or an exercise also needs: the numbers
come from the math modules (:mod:`nllce.data`, :mod:`nllce.information`,
:mod:`nllce.paths`) and the data from :mod:`nllce.book_data`. The figures of
the sliders (:func:`likelihood_path`, :func:`counts_and_products`,
:func:`mean_nll_convergence`, :func:`cross_entropy_along_path`,
:func:`held_out_smoothing`) only draw the numbers they are given: the frame
functions of :mod:`nllce.frames` compute them once and write the slider's readout and
alt text from the same numbers.

Examples
--------
>>> from nllce import figures
>>> fig = figures.underflow()
>>> [ax.get_xlabel() for ax in fig.axes]
['sample size $N$']
"""

import numpy as np
from matplotlib.patches import Rectangle

from . import data
from ._figures_held_out import held_out_smoothing
from ._figures_information import cross_entropy_along_path, cross_entropy_simplex, kl_directions
from ._figures_map import chain_map
from ._validate import as_labels, as_probabilities
from .book_data import WORKED_LABELS, WORKED_MODEL
from .data import underflow_size
from .style import (
    CLASS_COLORS,
    COLORS,
    HOUSE_STYLE,
    PALETTE,
    apply_style,
    house_style,
    is_narrow,
    new_figure,
)

__all__ = [
    "CLASS_COLORS",
    "COLORS",
    "HOUSE_STYLE",
    "PALETTE",
    "apply_style",
    "chain_map",
    "counts_and_products",
    "cross_entropy_along_path",
    "cross_entropy_simplex",
    "held_out_smoothing",
    "house_style",
    "kl_directions",
    "likelihood_path",
    "mean_nll_convergence",
    "new_figure",
    "underflow",
]


@house_style
def likelihood_path(*, q, counts, share, likelihood, shares, likelihoods, focus=2):
    """A model on the path :func:`nllce.paths.path_model` and the likelihood along it.

    Left: the model's bars `q`, with one dot above class ``i`` per draw of it in
    the sample (`counts`). Right: the likelihood `likelihoods` at each of `shares`
    (the whole path), the current model marked at (`share`, `likelihood`), and a
    dashed line at the frequency of class `focus` in the sample.
    :func:`nllce.frames.likelihood_path` computes the numbers.
    """
    q, n = np.asarray(q), np.asarray(counts)
    num_classes = q.size
    fig, (bars, curve) = new_figure(1, 2, figsize=(6.8, 2.9), width_ratios=(1, 1.6))

    classes = np.arange(num_classes)
    bars.bar(classes, q, color=COLORS["model"], width=0.6)
    for i in classes:
        heights = q[i] + 0.07 * np.arange(1, n[i] + 1)
        bars.plot(np.full(n[i], i), heights, "o", color=COLORS["data"], markersize=6)
    bars.set(xticks=classes, ylim=(0, 1.25), xlabel="class $i$", ylabel="model $q_i$")
    bars.set_yticks([0, 0.5, 1])

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
    curve.plot([share], [likelihood], "o", color=COLORS["model"], markersize=8)
    curve.set(
        xlim=(0, 1),
        ylim=(0, 1.08 * max(likelihoods)),
        xlabel=f"model probability $q_{focus}$ of class {focus}",
        ylabel="likelihood $L$",
    )
    return fig


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
        "smallest positive\nfloat64" if is_narrow() else "smallest positive float64",
        (sizes[-1], smallest),
        xytext=(0, -4),  # under the line: the note on the product is above it
        textcoords="offset points",
        ha="right",
        va="top",
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
    if is_narrow():  # under the plot: inside, it would cross the line
        fig.legend(loc="outside lower center")
    else:
        ax.legend(loc="lower left")
    return fig


@house_style
def counts_and_products(*, labels, counts, in_order, grouped):
    """A sample, its counts, and its likelihood multiplied in two orders.

    Top: the sample `labels` as coloured tiles in the order drawn. Bottom left: the
    `counts`. Bottom right: the running products (:func:`nllce.data.running_products`)
    in sample order (`in_order`) and grouped by class (`grouped`); the two walks
    differ but end at the same likelihood. :func:`nllce.frames.resampled_counts`
    computes the numbers.
    """
    labels, n = np.asarray(labels), np.asarray(counts)
    num_classes = n.size

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
def mean_nll_convergence(*, size, sizes, totals, limit, worst, max_size):
    """Total and mean NLL of fresh samples as they grow to `size` draws.

    Left: the total NLL :math:`-\\log L` grows without bound. Right: the mean NLL
    :math:`-\\frac1N \\log L` settles at the cross-entropy `limit`,
    :math:`H(p_{\\text{true}}, q)` (dashed). Each row of `totals` is one sample's total
    NLL after each of `sizes` draws; `worst` is the largest loss of one draw,
    :math:`-\\log \\min_i q_i`, and the axes span `max_size` draws whatever `size` is,
    so frames of a slider line up. :func:`nllce.frames.mean_nll_convergence` computes
    the numbers.
    """
    sizes = np.asarray(sizes)
    fig, (total_ax, mean_ax) = new_figure(1, 2, figsize=(6.8, 2.9))
    for path_totals in np.asarray(totals):
        total_ax.plot(sizes, path_totals, color=COLORS["loss"], linewidth=1, alpha=0.8)
        mean_ax.plot(sizes, path_totals / sizes, color=COLORS["loss"], linewidth=1, alpha=0.8)
    for ax in (total_ax, mean_ax):
        ax.set_xscale("log")
        ax.set_xlim(1, max_size)
        ax.axvline(size, color=COLORS["neutral"], linewidth=1, linestyle=":")
        ax.set_xlabel("sample size $N$")
    total_ax.set_yscale("log")
    total_ax.set(ylim=(0.1, worst * max_size * 1.5), ylabel="total NLL $-\\log L$")
    mean_ax.axhline(
        limit, color=COLORS["data"], linestyle="--", label="$H(p_{\\mathrm{true}}, q)$"
    )
    mean_ax.set(ylim=(0, worst * 1.05), ylabel="mean NLL $-(\\log L)\\,/\\,N$")
    mean_ax.legend(loc="upper right")
    return fig
