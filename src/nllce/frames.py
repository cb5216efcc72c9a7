"""The frames of Part I's sliders: each figure with its readout and alt text.

A *frame function* is what a slider calls at each position. It takes the
slider's parameters as keyword arguments, computes the numbers once with the
math modules (:mod:`nllce.data`, :mod:`nllce.information`, :mod:`nllce.paths`;
the data from :mod:`nllce.book_data`), hands them to the figure of
:mod:`nllce.figures` that draws them, and writes the readout (the numbers
printed under the figure) and the alt text (the figure described for readers
who cannot see it) from the same numbers. It returns a :class:`Frame`, which
:func:`nllce.widgets.slider` shows. Part II's frames are in
:mod:`nllce.frames_network`.

Examples
--------
>>> frame = likelihood_path(0.5)
>>> frame.readout
'q = (0.250, 0.250, 0.500);  L = q₂ · q₂ · q₁ = 0.0625'
>>> "L = 0.0625" in frame.alt
True
"""

import numpy as np

from . import data, figures, information, smoothing
from ._figures_information import three_classes
from ._frame import Frame
from ._typeset import ALPHA, DOT, PARALLEL, number, scientific, subscript, superscript, vector
from ._validate import as_labels, as_probabilities
from .book_data import (
    TRUE_DISTRIBUTION,
    WORKED_LABELS,
    WORKED_MODEL,
    WORKED_NUM_CLASSES,
    held_out_samples,
    resampled,
)
from .data import running_products, sample_from
from .paths import path_model, tempered

__all__ = [
    "Frame",
    "cross_entropy_along_path",
    "held_out_smoothing",
    "likelihood_path",
    "mean_nll_convergence",
    "resampled_counts",
]

_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _words(number):
    return _NUMBER_WORDS[number] if 0 <= number < len(_NUMBER_WORDS) else str(number)


def likelihood_path(share, *, labels=WORKED_LABELS, focus=2, num_classes=WORKED_NUM_CLASSES):
    """The model on :func:`nllce.paths.path_model` at `share` and the likelihood of `labels`.

    Draws :func:`nllce.figures.likelihood_path`; the readout gives the model and
    the likelihood of the sample under it, which the figure marks.
    """
    q = path_model(share, focus, num_classes)
    labels = as_labels(labels, num_classes)
    n = data.counts(labels, num_classes)
    value = data.likelihood(q, labels)
    shares = np.linspace(0.001, 0.999, 400)
    likelihoods = np.array(
        [data.likelihood(path_model(s, focus, num_classes), labels) for s in shares]
    )
    figure = figures.likelihood_path(
        q=q, counts=n, share=share, likelihood=value, shares=shares, likelihoods=likelihoods,
        focus=focus,
    )
    factors = f" {DOT} ".join(f"q{subscript(label)}" for label in labels)
    readout = f"q = {vector(q)};  L = {factors} = {number(value, 4)}"
    others = " = ".join(f"q{i}" for i in range(num_classes) if i != focus)
    dots = " and ".join(
        f"{_words(int(n[i]))} {'dot' if n[i] == 1 else 'dots'} above class {i}"
        for i in np.argsort(-n, kind="stable") if n[i] > 0
    )
    alt = (
        f"Left: bars of the model with q{focus} = {share:.2f} and {others} = "
        f"{(1 - share) / (num_classes - 1):.2f}, with {dots} for the sample's draws. "
        "Right: the likelihood along the path, rising from 0 to a single peak at "
        f"q{focus} = {n[focus]}/{n.sum()} and falling back to 0 at q{focus} = 1; the current "
        f"model is marked at L = {value:.4f}."
    )
    return Frame(figure, readout, alt)


def resampled_counts(size, seed, *, q=WORKED_MODEL):
    """The sample :func:`nllce.book_data.resampled` ``(size, seed)``, its counts and products.

    Draws :func:`nllce.figures.counts_and_products`; the readout gives the counts
    and the likelihood multiplied in sample order and grouped by class.
    """
    q = as_probabilities(q, name="q")
    num_classes = q.shape[-1]
    sample = resampled(size, seed)
    n = data.counts(sample, num_classes)
    in_order, grouped = running_products(q, sample)
    figure = figures.counts_and_products(
        labels=sample, counts=n, in_order=in_order, grouped=grouped
    )
    powers = f" {DOT} ".join(
        f"q{subscript(i)}{superscript(int(count))}" for i, count in enumerate(n)
    )
    readout = (
        f"counts n = {vector(n, 0)};  product in sample order = "
        f"{scientific(in_order[-1])};  {powers} = {scientific(grouped[-1])}"
    )
    alt = (
        f"Top: a row of {sample.size} coloured tiles, the sampled labels "
        f"{', '.join(map(str, sample))}. Bottom left: bar chart of the counts "
        f"{', '.join(map(str, n))} of classes 0 to {num_classes - 1}. Bottom right: "
        "two descending staircases on a log scale, the running product in sample order and "
        "grouped by class; they end at the same point, the likelihood "
        f"{scientific(in_order[-1], spoken=True)}."
    )
    return Frame(figure, readout, alt)


def mean_nll_convergence(
    size, *, p_true=TRUE_DISTRIBUTION, q=WORKED_MODEL, num_paths=5, max_size=10_000, seed=0
):
    """Total and mean NLL of `num_paths` fresh samples from `p_true` as they grow to `size`.

    Draws :func:`nllce.figures.mean_nll_convergence`; the readout gives each
    sample's mean NLL at `size` draws and their limit, the cross-entropy
    :math:`H(p_{\\text{true}}, q)`. Sample ``j`` is
    ``sample_from(p_true, max_size, seed=seed + j)``, cut at `size`.
    """
    p_true = as_probabilities(p_true, name="p_true")
    q = as_probabilities(q, name="q")
    if (
        isinstance(size, bool)
        or not isinstance(size, int | np.integer)
        or not 1 <= size <= max_size
    ):
        raise ValueError(f"`size` must be an integer in 1..{max_size} (`max_size`); got {size!r}")
    limit = information.cross_entropy(p_true, q)
    # Every size up to 30, then 200 log-spaced ones: the same picture on a log axis,
    # at a fraction of the drawing cost.
    sizes = np.unique(np.concatenate([np.arange(1, 31), np.geomspace(1, size, 200).astype(int)]))
    sizes = sizes[sizes <= size]
    samples = [sample_from(p_true, max_size, seed=seed + j)[:size] for j in range(num_paths)]
    running = np.array([np.cumsum(data.nll(q, s, reduction="none")) for s in samples])
    means = running[:, -1] / size
    figure = figures.mean_nll_convergence(
        size=size, sizes=sizes, totals=running[:, sizes - 1], limit=limit,
        worst=-np.log(q.min()), max_size=max_size,
    )
    readout = (
        f"N = {number(size, 0, grouped=True)}:  mean NLLs "
        f"{', '.join(number(mean, 3) for mean in means)} nats;  "
        f"H(p{subscript('true')}, q) = {number(limit, 4)} nats"
    )
    alt = (
        "Two line charts against the sample size N on a log axis, drawn up to "
        f"N = {number(size, 0, grouped=True)}. "
        f"Left: the total NLL of {_words(num_paths)} samples, rising steadily with N. Right: "
        f"their mean NLL, now between {means.min():.3f} and {means.max():.3f}, scattered for "
        "small N and closing in on a dashed horizontal line at the cross-entropy of q "
        f"against the true distribution, {limit:.3f} nats, as N grows."
    )
    return Frame(figure, readout, alt)


def cross_entropy_along_path(t, *, p=TRUE_DISTRIBUTION):
    """The model :math:`q(t) \\propto p^t` (:func:`nllce.paths.tempered`) and H(p, q(t)).

    Draws :func:`nllce.figures.cross_entropy_along_path`; the readout splits the
    cross-entropy into the entropy and the KL divergence, the bar of the figure.
    """
    p = three_classes(p, "p")
    q = tempered(p, t)
    temperatures = np.linspace(0, 3, 121)
    path = np.array([tempered(p, s) for s in temperatures])
    floor, here = information.entropy(p), information.cross_entropy(p, q)
    gap = here - floor  # = KL(p || q(t)), the figure's bar from the floor up to `here`
    figure = figures.cross_entropy_along_path(
        p=p, t=t, q=q, temperatures=temperatures, path=path,
        along=information.cross_entropy(p, path), floor=floor, here=here,
    )
    readout = (
        f"q(t) = {vector(q)};  H(p, q(t)) = H(p) + KL(p {PARALLEL} q(t)) = "
        f"{number(floor, 4)} + {number(gap, 4)} = {number(here, 4)} nats"
    )
    alt = (
        "Left: a triangle of three-class models shaded by the cross-entropy, with a white "
        f"curve from the centre (uniform model) through a star at p toward the class "
        f"{int(np.argmax(p))} corner, and a dot at the current model q(t) for t = {t:g}. "
        "Right: the cross-entropy along the path, a U-shaped curve that touches the dashed "
        f"floor H(p) = {floor:.3f} only at t = 1; at the current t an orange bar of height "
        f"{gap:.3f} nats marks the KL divergence."
    )
    return Frame(figure, readout, alt)


def held_out_smoothing(
    alpha, *, labels=WORKED_LABELS, num_classes=WORKED_NUM_CLASSES, p_true=TRUE_DISTRIBUTION,
    held_out=None,
):
    """The additively smoothed model of `labels` at `alpha`, and its train and held-out losses.

    Draws :func:`nllce.figures.held_out_smoothing`. The model is
    :func:`nllce.smoothed_frequencies`; the train loss is its cross-entropy
    against the frequencies of `labels`, the held-out loss the mean of its
    cross-entropies against the frequencies of each row of `held_out` (by default
    :func:`nllce.book_data.held_out_samples`, fresh draws from `p_true`). The curves
    run over pseudo-counts from 0 to 100; the readout gives the numbers at `alpha`
    and the pseudo-count with the lowest held-out loss (searched from 0.001 to 100 in
    steps of 0.6 %).
    """
    q = smoothing.smoothed_frequencies(labels, num_classes, alpha)  # checks all three
    p_true = as_probabilities(p_true, name="p_true")
    held_out = held_out_samples() if held_out is None else np.asarray(held_out)
    if held_out.ndim != 2:
        raise ValueError(f"`held_out` must be a 2-D array of samples; got shape {held_out.shape}")
    n = data.counts(labels, num_classes)
    p = n / n.sum()
    p_held = np.array([data.frequencies(row, num_classes) for row in held_out])
    grid = np.union1d(np.concatenate([[0.0], np.geomspace(1e-9, 100, 300)]), [alpha])
    models = np.array([smoothing.additive_smoothing(n, a) for a in grid])
    train_losses = information.cross_entropy(p, models)
    held_out_losses = information.cross_entropy(p_held[:, None, :], models).mean(axis=0)
    here = int(np.flatnonzero(grid == alpha)[0])
    fine = np.geomspace(1e-3, 100, 2001)  # the best pseudo-count, to within 0.6 %
    fine_models = np.array([smoothing.additive_smoothing(n, a) for a in fine])
    fine_losses = information.cross_entropy(p_held[:, None, :], fine_models).mean(axis=0)
    best, lowest = fine[int(np.argmin(fine_losses))], fine_losses.min()
    floor, uniform_loss = information.entropy(p_true), np.log(num_classes)
    figure = figures.held_out_smoothing(
        alpha=alpha, p=p, q=q, p_true=p_true, alphas=grid, train_losses=train_losses,
        held_out_losses=held_out_losses, floor=floor, uniform_loss=uniform_loss,
    )
    train, held = train_losses[here], held_out_losses[here]
    held_readout = number(held, 4) + ("" if np.isinf(held) else " nats")
    readout = (
        f"{ALPHA} = {number(alpha, 2)}:  q = {vector(q)};  train loss {number(train, 4)} nats, "
        f"held-out loss {held_readout} (mean of {len(held_out)} samples of "
        f"{held_out.shape[1]});  lowest held-out loss at {ALPHA} = {number(best, 2)}"
    )
    held_text = "infinite" if np.isinf(held) else f"{held:.3f} nats"
    start = held_out_losses[0]
    start_text = "is infinite" if np.isinf(start) else f"starts at {start:.3f} nats"
    alt = (
        f"Left: bars of the training frequencies {vector(p, 2)} and of the smoothed model "
        f"{vector(q, 2)} for classes 0 to {num_classes - 1}, with ticks at the true "
        f"probabilities {vector(p_true, 2)}. Right: against the pseudo-count alpha from 0 "
        f"to 100, the train loss rises from {train_losses[0]:.3f} toward log K = "
        f"{uniform_loss:.3f}; the held-out loss {start_text} at alpha = 0, is lowest, "
        f"{lowest:.3f} nats, near alpha = {best:.2f}, and ends near log K too. A dashed "
        f"line marks the floor, the entropy of the true distribution, {floor:.3f}. At the "
        f"current alpha = {alpha:g} the train loss is {train:.3f} nats and the held-out "
        f"loss {held_text}."
    )
    return Frame(figure, readout, alt)
