"""The classifier chapter's training figure: regions and the loss, step by step.

Private to :mod:`nllce.figures_network`, which re-exports :func:`training_progress`.
"""

import numpy as np
from matplotlib.patches import Patch, Wedge

from .style import CLASS_COLORS, COLORS, house_style, new_figure

__all__ = ["region_grid", "training_progress"]


def region_grid(extent=1.3, resolution=121):
    """The axis and the grid of inputs (row by row) on which the regions are drawn."""
    axis = np.linspace(-extent, extent, resolution)
    return axis, np.array([(a, b) for b in axis for a in axis])


def _soft_regions(q_grid, resolution):
    """RGB image mixing the class colours by the model's probabilities on the grid."""
    colours = np.array([_rgb(c) for c in CLASS_COLORS[: q_grid.shape[1]]])
    image = (q_grid @ colours).reshape(resolution, resolution, 3)
    return 0.45 + 0.55 * image  # lighten, so the pies stay visible


def _rgb(hex_colour):
    hex_colour = hex_colour.lstrip("#")
    return [int(hex_colour[j : j + 2], 16) / 255 for j in (0, 2, 4)]


@house_style
def training_progress(*, step, axis, q_grid, groups, num_examples, mean_nll, floor):
    """Softmax regression after `step` gradient steps: regions, and the loss so far.

    Left: each distinct input as a pie of its labels (area proportional to how often
    it occurs), over the model's probabilities mixed into colours; lines mark
    where the most probable class changes. Right: the mean NLL along the run, the
    conditional entropy of the data (the floor no classifier can go below) and, at
    the current step, the gap above it: the weighted average KL divergence.
    :func:`nllce.frames_network.training_progress` computes the numbers.

    Parameters
    ----------
    step : int
        A recorded step of the run (0 is before training).
    axis : ndarray, shape (R,)
        The coordinates of ``region_grid``, the same on both input axes.
    q_grid : ndarray, shape (R * R, K)
        The model's probabilities at each point of ``region_grid``, row by row.
    groups : tuple of ndarray
        :func:`nllce.classifier.group_by_input` of the data: the distinct inputs,
        their weights and their conditional label frequencies.
    num_examples : int
        The number of examples, so that a pie's area counts its examples.
    mean_nll : ndarray
        The mean NLL after each recorded step of the run.
    floor : float
        The conditional entropy :math:`H(Y \\mid X)` of the data.
    """
    distinct, weights, conditional = groups
    num_classes = q_grid.shape[1]
    last = len(mean_nll) - 1
    extent = float(axis[-1])
    image = _soft_regions(q_grid, axis.size)

    fig, (region_ax, loss_ax) = new_figure(1, 2, figsize=(7.2, 3.3), width_ratios=(1, 1.25))
    region_ax.imshow(image, origin="lower", extent=(-extent, extent, -extent, extent))
    winner = q_grid.argmax(axis=1).reshape(axis.size, axis.size)
    if np.unique(winner).size > 1:
        region_ax.contour(
            axis,
            axis,
            winner,
            levels=np.arange(num_classes) + 0.5,
            colors=COLORS["ink"],
            linewidths=1,
        )
    sizes = weights * num_examples
    for point, frequencies, size in zip(distinct, conditional, sizes, strict=True):
        radius = 0.045 * np.sqrt(size)
        start = 90.0
        for c, share in enumerate(frequencies):
            if share > 0:
                region_ax.add_patch(
                    Wedge(
                        point,
                        radius,
                        start,
                        start + 360 * share,
                        facecolor=CLASS_COLORS[c],
                        edgecolor=COLORS["paper"],
                        linewidth=0.6,
                    )
                )
                start += 360 * share
    region_ax.legend(
        handles=[
            Patch(facecolor=CLASS_COLORS[c], label=f"class {c}") for c in range(num_classes)
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.2),
        ncols=num_classes,
        fontsize=9,
        handlelength=1,
    )
    region_ax.set(
        xlim=(-extent, extent),
        ylim=(-extent, extent),
        aspect="equal",
        xlabel="input $x_1$",
        ylabel="input $x_2$",
    )

    steps = np.arange(last + 1)
    loss_ax.plot(steps, mean_nll, color=COLORS["loss"], linewidth=1.5, alpha=0.35)
    loss_ax.plot(
        steps[: step + 1], mean_nll[: step + 1], color=COLORS["loss"], label="mean NLL"
    )
    loss_ax.axhline(
        floor, color=COLORS["entropy"], linestyle="--", label="floor: $H(Y \\mid X)$ of the data"
    )
    current = mean_nll[step]
    loss_ax.vlines(
        step, floor, current, color=COLORS["divergence"], linewidth=3, label="gap: average KL"
    )
    loss_ax.plot([step], [current], "o", color=COLORS["loss"], markersize=7)
    loss_ax.annotate(
        f"{current:.3f}", (step, current), xytext=(6, 4), textcoords="offset points", fontsize=10
    )
    loss_ax.set(
        xlim=(-0.02 * last, last * 1.02),
        ylim=(0, mean_nll[0] * 1.08),
        xlabel="gradient step",
        ylabel="mean NLL (nats)",
    )
    loss_ax.legend(loc="upper right")
    return fig
