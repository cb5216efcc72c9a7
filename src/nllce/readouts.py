"""What the Part I sliders print under each frame, and their alt text.

Each function is a pure function of the slider values, like the figure it goes
with in :mod:`nllce.figures`: ``*_readout`` returns the numbers computed for
that frame, ``*_alt`` a description of the frame for readers who cannot see it.
The chapters pass them to :func:`nllce.widgets.prerendered_slider`.

Examples
--------
>>> likelihood_path_readout(0.5)
'q = (0.250, 0.250, 0.500);  L = q2 · q2 · q1 = 0.0625'
"""

import numpy as np

from . import data, information
from .figures import (
    TRUE_DISTRIBUTION,
    WORKED_LABELS,
    WORKED_MODEL,
    WORKED_NUM_CLASSES,
    path_model,
    resampled,
    running_products,
    sample_from,
    tempered,
)

__all__ = [
    "convergence_alt",
    "convergence_readout",
    "likelihood_path_alt",
    "likelihood_path_readout",
    "resampled_alt",
    "resampled_readout",
    "tempered_path_alt",
    "tempered_path_readout",
]

_PATHS = 5  # samples drawn by figures.mean_nll_convergence
_MAX_SIZE = 10_000


def _shown(values, digits=3):
    return "(" + ", ".join(f"{value:.{digits}f}" for value in values) + ")"


def likelihood_path_readout(share):
    """The model on the path and the worked sample's likelihood under it."""
    model = path_model(share)
    value = data.likelihood(model, WORKED_LABELS)
    return f"q = {_shown(model)};  L = q2 · q2 · q1 = {value:.4f}"


def likelihood_path_alt(share):
    """Alt text of :func:`nllce.figures.likelihood_path` at `share`."""
    value = data.likelihood(path_model(share), WORKED_LABELS)
    return (
        f"Left: bars of the model with q2 = {share:.2f} and q0 = q1 = {(1 - share) / 2:.2f}, "
        "with two dots above class 2 and one above class 1 for the sample's draws. "
        "Right: the likelihood along the path, rising from 0 to a single peak at q2 = 2/3 "
        f"and falling back to 0 at q2 = 1; the current model is marked at L = {value:.4f}."
    )


def resampled_readout(size, seed):
    """Counts of the resampled sample and its likelihood multiplied in two orders."""
    sample = resampled(size, seed)
    n = data.counts(sample, WORKED_NUM_CLASSES)
    in_order, grouped = running_products(WORKED_MODEL, sample)
    powers = " · ".join(f"q{i}^{count}" for i, count in enumerate(n))
    return (
        f"counts n = {tuple(int(c) for c in n)};  product in sample order = "
        f"{in_order[-1]:.4g};  {powers} = {grouped[-1]:.4g}"
    )


def resampled_alt(size, seed):
    """Alt text of :func:`nllce.figures.counts_and_products` for the resampled sample."""
    sample = resampled(size, seed)
    n = data.counts(sample, WORKED_NUM_CLASSES)
    return (
        f"Top: a row of {size} coloured tiles, the sampled labels "
        f"{', '.join(map(str, sample))}. Bottom left: bar chart of the counts "
        f"{', '.join(map(str, n))} of classes 0 to {WORKED_NUM_CLASSES - 1}. Bottom right: "
        "two descending staircases on a log scale, the running product in sample order and "
        "grouped by class; they end at the same point, the likelihood."
    )


def convergence_readout(size):
    """The mean NLL of each of the five samples at `size` draws, and the limit."""
    means = [
        data.nll(WORKED_MODEL, sample_from(TRUE_DISTRIBUTION, _MAX_SIZE, seed=path)[:size])
        for path in range(_PATHS)
    ]
    limit = information.cross_entropy(TRUE_DISTRIBUTION, WORKED_MODEL)
    shown = ", ".join(f"{mean:.3f}" for mean in means)
    return f"N = {size}: mean NLLs {shown};  H(p_true, q) = {limit:.4f} nats"


def convergence_alt(size):
    """Alt text of :func:`nllce.figures.mean_nll_convergence` at `size`."""
    limit = information.cross_entropy(TRUE_DISTRIBUTION, WORKED_MODEL)
    return (
        f"Two line charts against the sample size N on a log axis, drawn up to N = {size}. "
        "Left: the total NLL of five samples, rising steadily with N. Right: their mean "
        "NLL, scattered for small N and closing in on a dashed horizontal line at "
        f"H(p_true, q) = {limit:.3f} nats as N grows."
    )


def tempered_path_readout(t, p=TRUE_DISTRIBUTION):
    """The model q(t) and the split H(p, q(t)) = H(p) + KL(p || q(t))."""
    model = tempered(p, t)
    total, floor = information.cross_entropy(p, model), information.entropy(p)
    return (
        f"q(t) = {_shown(model)};  H(p, q) = {total:.4f} = H(p) {floor:.4f} "
        f"+ KL {total - floor:.4f} nats"
    )


def tempered_path_alt(t, p=TRUE_DISTRIBUTION):
    """Alt text of :func:`nllce.figures.cross_entropy_along_path` at `t`."""
    gap = information.kl_divergence(p, tempered(p, t))
    top = int(np.argmax(p))
    return (
        "Left: a triangle of three-class models shaded by the cross-entropy, with a white "
        f"curve from the centre (uniform model) through a star at p toward the class {top} "
        f"corner, and a dot at the current model q(t) for t = {t:g}. Right: the "
        "cross-entropy along the path, a U-shaped curve that touches the dashed floor H(p) "
        f"only at t = 1; at the current t an orange bar of height {gap:.3f} nats marks the "
        "KL divergence."
    )
