"""The classifier chapter's training figure: regions and the loss, step by step.

Private to :mod:`nllce.figures_network`, which re-exports :func:`training_progress`.
"""

import numpy as np
from matplotlib.patches import Patch, Wedge

from . import classifier
from .style import CLASS_COLORS, COLORS, house_style, new_figure

__all__ = ["training_progress"]


def _soft_regions(weights, extent, resolution):
    """RGB image mixing the class colours by the model's probabilities on a grid."""
    axis = np.linspace(-extent, extent, resolution)
    grid = np.array([(a, b) for b in axis for a in axis])
    q = classifier.predict_proba(weights, grid)
    colours = np.array([_rgb(c) for c in CLASS_COLORS[: q.shape[1]]])
    image = (q @ colours).reshape(resolution, resolution, 3)
    return axis, grid, q, 0.45 + 0.55 * image  # lighten, so the pies stay visible


def _rgb(hex_colour):
    hex_colour = hex_colour.lstrip("#")
    return [int(hex_colour[j : j + 2], 16) / 255 for j in (0, 2, 4)]


@house_style
def training_progress(step, *, data, run):
    """Softmax regression after `step` gradient steps: regions, and the loss so far.

    Left: each distinct input as a pie of its labels (area proportional to how often
    it occurs), over the model's probabilities mixed into colours; lines mark
    where the most probable class changes. Right: the mean NLL along the run, the
    conditional entropy of the data (the floor no classifier can go below) and, at
    the current step, the gap above it: the weighted average KL divergence.

    Parameters
    ----------
    step : int
        A recorded step of `run` (0 is before training).
    data : ToyData
        The data the run was trained on.
    run : TrainingRun
        The output of :func:`nllce.classifier.train_softmax_regression`.
    """
    last = len(run.mean_nll) - 1
    if isinstance(step, bool) or not isinstance(step, int | np.integer) or not 0 <= step <= last:
        raise ValueError(f"`step` must be an integer in 0..{last}, got {step!r}")
    distinct, weights, conditional = classifier.group_by_input(
        data.inputs, data.labels, data.num_classes
    )
    floor = classifier.conditional_entropy(data.inputs, data.labels, data.num_classes)
    extent = 1.3
    axis, _, q_grid, image = _soft_regions(run.weights[step], extent, 121)

    fig, (region_ax, loss_ax) = new_figure(1, 2, figsize=(7.2, 3.3), width_ratios=(1, 1.25))
    region_ax.imshow(image, origin="lower", extent=(-extent, extent, -extent, extent))
    winner = q_grid.argmax(axis=1).reshape(axis.size, axis.size)
    if np.unique(winner).size > 1:
        region_ax.contour(
            axis,
            axis,
            winner,
            levels=np.arange(data.num_classes) + 0.5,
            colors="#333333",
            linewidths=1,
        )
    sizes = weights * len(data.labels)
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
                        edgecolor="white",
                        linewidth=0.6,
                    )
                )
                start += 360 * share
    region_ax.legend(
        handles=[
            Patch(facecolor=CLASS_COLORS[c], label=f"class {c}") for c in range(data.num_classes)
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.2),
        ncols=data.num_classes,
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
    loss_ax.plot(steps, run.mean_nll, color=COLORS["loss"], linewidth=1.5, alpha=0.35)
    loss_ax.plot(
        steps[: step + 1], run.mean_nll[: step + 1], color=COLORS["loss"], label="mean NLL"
    )
    loss_ax.axhline(
        floor, color=COLORS["entropy"], linestyle="--", label="floor: $H(Y \\mid X)$ of the data"
    )
    current = run.mean_nll[step]
    loss_ax.vlines(
        step, floor, current, color=COLORS["divergence"], linewidth=3, label="gap: average KL"
    )
    loss_ax.plot([step], [current], "o", color=COLORS["loss"], markersize=7)
    loss_ax.annotate(
        f"{current:.3f}", (step, current), xytext=(6, 4), textcoords="offset points", fontsize=10
    )
    loss_ax.set(
        xlim=(-0.02 * last, last * 1.02),
        ylim=(0, run.mean_nll[0] * 1.08),
        xlabel="gradient step",
        ylabel="mean NLL (nats)",
    )
    loss_ax.legend(loc="upper right")
    return fig
