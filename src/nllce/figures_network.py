"""The figures of Part II, each a pure function of its parameters.

Like :mod:`nllce.figures`, every function returns a :class:`matplotlib.figure.Figure`
in the house style (:mod:`nllce.style`), changes no global state, and is small
enough for a slider's frames. The running example continues from Part I: the
logits of the worked model ``q = (0.2, 0.3, 0.5)`` are :math:`z = \\log q`, and the
label of most interest is class 2, the worked sample's most frequent class.

The figures of the sliders (:func:`softmax_loss`, :func:`training_progress`,
:func:`label_smoothing`, :func:`gaussian_variance`) only draw the numbers they are
given: the frame functions of :mod:`nllce.frames_network` compute them once and
write the slider's readout and alt text from the same numbers.

Examples
--------
>>> fig = softmax_twice()
>>> [ax.get_xlabel() for ax in fig.axes]
["margin $m$ of the label's logit", "margin $m$ of the label's logit"]
"""

import numpy as np
from matplotlib.ticker import FixedLocator, NullFormatter, ScalarFormatter

from . import binary, losses
from ._figures_training import training_progress
from .logits import softmax as _softmax
from .losses import softmax_twice_gradient
from .style import COLORS, house_style, new_figure

__all__ = [
    "binary_as_softmax",
    "gaussian_variance",
    "label_smoothing",
    "softmax_loss",
    "softmax_twice",
    "training_progress",
]


_ARROW_SCALE = 1.5  # logit units drawn per unit of gradient


@house_style
def softmax_loss(*, logits, label, q, gradient, loss, moving, curve):
    """Logits, the softmax they give, the loss and its gradient, for one example.

    Left: the `logits`, with arrows showing one gradient-descent step's direction,
    :math:`-(q - p)` (minus the `gradient`). Middle: the model
    :math:`q = \\operatorname{softmax}(z)` next to the one-hot target on `label`.
    Right: the loss :math:`-\\log q_y` (`curve`) as the label's logit takes the values
    `moving`, the current `loss` marked. :func:`nllce.frames_network.softmax_loss`
    computes the numbers.
    """
    z = np.asarray(logits, dtype=float)
    num_classes = z.size
    target = np.eye(num_classes)[label]
    target_logit = z[label]

    fig, (logit_ax, prob_ax, loss_ax) = new_figure(
        1, 3, figsize=(7.4, 2.7), width_ratios=(1, 1, 1.4)
    )
    classes = np.arange(num_classes)
    logit_ax.bar(classes, z, color=COLORS["neutral"], width=0.55, alpha=0.55)
    for i in classes:
        step = -_ARROW_SCALE * gradient[i]
        if abs(step) > 1e-3:
            logit_ax.annotate(
                "",
                xy=(i, z[i] + step),
                xytext=(i, z[i]),
                arrowprops={"arrowstyle": "-|>", "color": COLORS["loss"], "linewidth": 2},
            )
    logit_ax.axhline(0, color=COLORS["ink"], linewidth=0.8)
    logit_ax.text(
        0.5,
        0.98,
        f"arrows: $-(q_i - [i = {label}])$",
        transform=logit_ax.transAxes,
        ha="center",
        va="top",
        color=COLORS["loss"],
        fontsize=9,
    )
    logit_ax.set(xticks=classes, xlabel="class $i$", ylabel="logit $z_i$")
    logit_ax.set_ylim(-4.5, 5.5)

    prob_ax.bar(classes, q, color=COLORS["model"], width=0.55, label="model $q$")
    prob_ax.bar(
        classes,
        target,
        width=0.75,
        fill=False,
        edgecolor=COLORS["data"],
        linewidth=2,
        label=f"one-hot({label})",
    )
    prob_ax.set(xticks=classes, ylim=(0, 1.25), xlabel="class $i$", ylabel="probability")
    prob_ax.set_yticks([0, 0.5, 1])
    prob_ax.legend(loc="upper left", ncols=2, fontsize=9)

    loss_ax.plot(moving, curve, color=COLORS["loss"])
    loss_ax.plot([target_logit], [loss], "o", color=COLORS["model"], markersize=8)
    loss_ax.annotate(
        f"loss $= {loss:.3f}$",
        (target_logit, loss),
        xytext=(8, 6),
        textcoords="offset points",
        fontsize=10,
    )
    loss_ax.set(
        xlim=(moving[0], moving[-1]),
        ylim=(0, max(curve) * 1.05),
        xlabel=f"logit $z_{label}$ of the label",
        ylabel=f"loss $-\\log q_{label}$",
    )
    return fig


def _twice(margins, num_classes):
    """Correct and softmax-twice losses for logits ``(m, 0, ..., 0)`` and label 0."""
    rows = np.zeros((margins.size, num_classes))
    rows[:, 0] = margins
    labels = np.zeros(margins.size, dtype=int)
    correct = losses.cross_entropy_with_logits(rows, labels, reduction="none")
    twice = losses.cross_entropy_with_logits(_softmax(rows), labels, reduction="none")
    return rows, labels, correct, twice


@house_style
def softmax_twice(num_classes=3):
    """The loss and its gradient when softmax is applied twice, against the correct ones.

    The logits are :math:`(m, 0, \\dots, 0)` with label 0, for margins :math:`m`
    from -2 to 10. Left: the correct loss falls toward 0, the buggy one stops at
    :math:`\\log(1 + (K-1)/e)`. Right: the label's gradient component.
    """
    if isinstance(num_classes, bool) or not isinstance(num_classes, int) or num_classes < 2:
        raise ValueError(f"`num_classes` must be an integer >= 2, got {num_classes!r}")
    margins = np.linspace(-2, 10, 241)
    rows, labels, correct, twice = _twice(margins, num_classes)
    floor = np.log1p((num_classes - 1) / np.e)
    correct_grad = losses.cross_entropy_with_logits_grad(rows, labels, reduction="none")[:, 0]
    twice_grad = np.array([softmax_twice_gradient(row, 0)[0] for row in rows])

    fig, (loss_ax, grad_ax) = new_figure(1, 2, figsize=(7.2, 2.8))
    loss_ax.plot(margins, correct, color=COLORS["loss"], label="correct: softmax once")
    loss_ax.plot(margins, twice, color=COLORS["model"], linestyle="--", label="softmax twice")
    loss_ax.axhline(floor, color=COLORS["neutral"], linewidth=1, linestyle=":")
    loss_ax.annotate(
        f"$\\log(1 + {num_classes - 1}/e) = {floor:.3f}$",
        (10, floor),
        xytext=(0, 4),
        textcoords="offset points",
        ha="right",
        color=COLORS["neutral"],
        fontsize=9,
    )
    loss_ax.set(xlabel="margin $m$ of the label's logit", ylabel="loss")
    loss_ax.set_ylim(bottom=0)
    loss_ax.legend(loc="upper right")
    grad_ax.plot(margins, correct_grad, color=COLORS["loss"], label="correct")
    grad_ax.plot(margins, twice_grad, color=COLORS["model"], linestyle="--", label="softmax twice")
    grad_ax.axhline(0, color=COLORS["ink"], linewidth=0.8)
    grad_ax.set(xlabel="margin $m$ of the label's logit", ylabel="gradient in $z_0$")
    grad_ax.legend(loc="lower right")
    return fig


@house_style
def label_smoothing(*, epsilon, target, one_hot, margins, plain, smoothed, best, floor):
    """What label smoothing does to the target and to the loss's minimum.

    Left: the smoothed `target` :math:`p_\\varepsilon = (1 - \\varepsilon)\\,
    \\text{onehot}(y) + \\varepsilon / K` against the `one_hot` label. Right: the loss
    for logits whose label leads every other class by a margin :math:`m` (`margins`),
    without smoothing (`plain`) and with it (`smoothed`). Without smoothing it falls
    forever; with smoothing it has its minimum at the finite margin `best`, and its
    lowest value is :math:`H(p_\\varepsilon)` (`floor`), not 0.
    :func:`nllce.frames_network.label_smoothing` computes the numbers.
    """
    num_classes = len(target)
    fig, (bar_ax, loss_ax) = new_figure(1, 2, figsize=(7.2, 2.8), width_ratios=(1, 1.6))
    classes = np.arange(num_classes)
    bar_ax.bar(classes, target, color=COLORS["data"], width=0.55, label="smoothed $p_\\varepsilon$")
    bar_ax.bar(
        classes,
        one_hot,
        width=0.75,
        fill=False,
        edgecolor=COLORS["ink"],
        linewidth=1.5,
        linestyle="--",
        label="one-hot",
    )
    bar_ax.set(xticks=classes, ylim=(0, 1.3), xlabel="class $i$", ylabel="target probability")
    bar_ax.set_yticks([0, 0.5, 1])
    bar_ax.legend(loc="upper left", fontsize=9)

    loss_ax.plot(margins, plain, color=COLORS["neutral"], linewidth=1.2, label="no smoothing")
    loss_ax.plot(
        margins, smoothed, color=COLORS["loss"], label=f"smoothing $\\varepsilon = {epsilon:g}$"
    )
    if epsilon > 0:
        loss_ax.axhline(
            floor,
            color=COLORS["entropy"],
            linestyle="--",
            linewidth=1,
            label="lowest loss $H(p_\\varepsilon)$",
        )
        loss_ax.plot([best], [floor], "o", color=COLORS["model"], markersize=7)
        loss_ax.annotate(
            f"minimum at $m = {best:.2f}$",
            (best, floor),
            xytext=(0, 8),
            textcoords="offset points",
            ha="center",
            fontsize=9,
        )
    loss_ax.set(
        xlim=(margins[0], margins[-1]),
        ylim=(0, max(plain) * 1.05),
        xlabel="margin $m$ of the label's logit",
        ylabel="loss",
    )
    loss_ax.legend(loc="upper right")
    return fig


@house_style
def binary_as_softmax():
    """A sigmoid is a two-class softmax, and binary cross-entropy is its cross-entropy.

    Left: :math:`\\sigma(z)` as a line and :math:`\\operatorname{softmax}(0, z)_1` as
    dots on it. Right: the binary loss for targets 1 and 0 from
    :func:`nllce.binary_cross_entropy_with_logits` (lines) and from
    :func:`nllce.cross_entropy_with_logits` with logits ``(0, z)`` (dots).
    """
    z = np.linspace(-6, 6, 241)
    dots = np.linspace(-6, 6, 13)
    pairs = np.stack([np.zeros_like(dots), dots], axis=1)
    fig, (prob_ax, loss_ax) = new_figure(1, 2, figsize=(7.2, 2.8))
    prob_ax.plot(z, 1 / (1 + np.exp(-z)), color=COLORS["model"], label="$\\sigma(z)$")
    prob_ax.plot(
        dots,
        _softmax(pairs)[:, 1],
        "o",
        color=COLORS["data"],
        markersize=5,
        label="softmax$(0, z)_1$",
    )
    prob_ax.set(xlabel="logit $z$", ylabel="probability of class 1")
    prob_ax.legend(loc="upper left")
    for t, style in ((1, "-"), (0, "--")):
        line = binary.binary_cross_entropy_with_logits(z, np.full(z.size, t), reduction="none")
        loss_ax.plot(z, line, color=COLORS["loss"], linestyle=style, label=f"target $t = {t}$")
        as_softmax = losses.cross_entropy_with_logits(
            pairs, np.full(dots.size, t), reduction="none"
        )
        loss_ax.plot(dots, as_softmax, "o", color=COLORS["data"], markersize=5)
    loss_ax.set(xlabel="logit $z$", ylabel="loss")
    loss_ax.set_ylim(bottom=0)
    loss_ax.legend(loc="upper center")
    return fig


@house_style
def gaussian_variance(*, sigma, mus, curve, others, best_mu, sigmas, lowest, best_sigma, at_best):
    """The Gaussian NLL of a constant prediction, for one noise scale `sigma`.

    Left: the mean NLL `curve` as a function of the prediction :math:`\\mu` (`mus`, the
    same prediction for every target), with fainter curves for the noise scales of
    the mapping `others`; its lowest point is at the mean of the targets, `best_mu`,
    whatever :math:`\\sigma` is. Right: the lowest mean NLL (`lowest`) for each of
    `sigmas`, smallest at `best_sigma`, where :math:`\\sigma^2` equals the mean squared
    error; the current `sigma` is marked at `at_best`.
    :func:`nllce.frames_network.gaussian_variance` computes the numbers.
    """
    fig, (mu_ax, sigma_ax) = new_figure(1, 2, figsize=(7.2, 2.8))
    for index, faint in enumerate(others.values()):
        label = "$\\sigma = $ " + ", ".join(f"{s:g}" for s in others) if index == 0 else None
        mu_ax.plot(mus, faint, color=COLORS["neutral"], linewidth=1, alpha=0.5, label=label)
    mu_ax.plot(mus, curve, color=COLORS["loss"], label=f"$\\sigma = {sigma:g}$")
    mu_ax.axvline(
        best_mu, color=COLORS["data"], linestyle="--", linewidth=1, label="mean of the targets"
    )
    mu_ax.set(xlabel="prediction $\\mu$", ylabel="mean NLL (nats)", ylim=(0, 8))
    # A white box keeps the legend readable over the faint curves behind it.
    mu_ax.legend(loc="upper center", fontsize=9, frameon=True, framealpha=0.9, edgecolor="none")

    sigma_ax.plot(sigmas, lowest, color=COLORS["loss"])
    sigma_ax.axvline(
        best_sigma, color=COLORS["data"], linestyle="--", linewidth=1, label="$\\sigma^2 = $ MSE"
    )
    sigma_ax.plot([sigma], [at_best], "o", color=COLORS["model"], markersize=7)
    sigma_ax.set_xscale("log")
    sigma_ax.xaxis.set_major_locator(FixedLocator([0.2, 0.5, 1, 2]))
    sigma_ax.xaxis.set_major_formatter(ScalarFormatter())
    sigma_ax.xaxis.set_minor_formatter(NullFormatter())
    sigma_ax.set(xlabel="noise scale $\\sigma$", ylabel="mean NLL at the best $\\mu$", ylim=(0, 8))
    sigma_ax.legend(loc="upper right", fontsize=9)
    return fig
