"""The held-out chapter's figure: a smoothed model, and its train and held-out losses.

Re-exported by :mod:`nllce.figures`; see there.
"""

import numpy as np

from .style import COLORS, house_style, new_figure

__all__ = ["held_out_smoothing"]

_TOP = 1.6  # nats: the top of the loss axis; the held-out curve leaves it near alpha = 0


@house_style
def held_out_smoothing(
    *, alpha, p, q, p_true, alphas, train_losses, held_out_losses, floor, uniform_loss
):
    r"""A smoothed model next to the train and held-out losses along the pseudo-count.

    Left: for each class, the training frequencies `p`, the smoothed model `q` (at the
    pseudo-count `alpha`) and a tick at the true probability `p_true`. Right: against
    :math:`\alpha` (`alphas`, on a scale linear below 0.1 and logarithmic above), the
    training loss `train_losses`, :math:`H(p, q^{(\alpha)})`, and the held-out loss
    `held_out_losses`, with the floor :math:`H(p_{\text{true}})` (`floor`) and the
    uniform model's loss :math:`\log K` (`uniform_loss`) dashed. A held-out loss of
    ``inf`` (at ``alpha = 0`` when the training sample misses a class) is marked with
    an arrow. :func:`nllce.frames.held_out_smoothing` computes the numbers.
    """
    p, q, p_true = (np.asarray(a, dtype=float) for a in (p, q, p_true))
    alphas = np.asarray(alphas, dtype=float)
    train_losses = np.asarray(train_losses, dtype=float)
    held_out_losses = np.asarray(held_out_losses, dtype=float)
    fig, (bars, curves) = new_figure(1, 2, figsize=(6.8, 2.9), width_ratios=(1, 1.6))

    classes = np.arange(p.size)
    width = 0.38
    bars.bar(classes - width / 2, p, width, color=COLORS["data"], label="training $p$")
    bars.bar(classes + width / 2, q, width, color=COLORS["model"], label="smoothed $q$")
    bars.scatter(
        classes,
        p_true,
        marker="_",
        s=500,
        linewidths=2.5,
        color=COLORS["neutral"],
        zorder=3,
        label="true $p_{\\mathrm{true}}$",
    )
    bars.set(
        xticks=classes,
        xlabel="class $i$",
        ylabel="probability",
        ylim=(0, 1.05),
    )
    bars.legend(loc="upper left", fontsize=9)

    curves.plot(alphas, train_losses, color=COLORS["data"], label="train loss")
    curves.plot(alphas, held_out_losses, color=COLORS["loss"], label="held-out loss")
    curves.axhline(
        floor,
        color=COLORS["entropy"],
        linestyle="--",
        linewidth=1.2,
        label="$H(p_{\\mathrm{true}})$",
    )
    curves.axhline(
        uniform_loss,
        color=COLORS["neutral"],
        linestyle=":",
        linewidth=1.2,
        label="$\\log K$ (uniform)",
    )
    if not np.isfinite(held_out_losses[0]):
        curves.annotate(
            "held-out loss\n$= \\infty$ at $\\alpha = 0$",
            xy=(alphas[0], _TOP),
            xytext=(8, -28),
            textcoords="offset points",
            fontsize=9,
            color=COLORS["loss"],
            arrowprops={"arrowstyle": "->", "color": COLORS["loss"]},
        )
    curves.axvline(alpha, color=COLORS["neutral"], linewidth=1, linestyle=":")
    here = int(np.argmin(np.abs(alphas - alpha)))
    for losses, colour in ((train_losses, COLORS["data"]), (held_out_losses, COLORS["loss"])):
        if np.isfinite(losses[here]) and losses[here] <= _TOP:
            curves.plot([alpha], [losses[here]], "o", color=colour, markersize=6)
    curves.set_xscale("symlog", linthresh=0.1, linscale=0.5)
    curves.set(
        xlim=(0, alphas[-1]),
        ylim=(min(train_losses.min(), floor) - 0.05, _TOP),
        xlabel="pseudo-count $\\alpha$",
        ylabel="mean NLL (nats)",
    )
    curves.legend(loc="upper right", fontsize=8.5)
    return fig
