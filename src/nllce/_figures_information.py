"""Figures of entropy, cross-entropy and KL on the probability simplex (Part I, ch. 4).

Re-exported by :mod:`nllce.figures`; see there.
"""

import numpy as np
from matplotlib.tri import Triangulation

from . import information
from ._validate import as_probabilities
from .style import COLORS, house_style, new_figure

__all__ = ["cross_entropy_along_path", "cross_entropy_simplex", "kl_directions"]

# Corners of the simplex drawn as a triangle: class 0 bottom left, 1 bottom right, 2 top.
_CORNERS = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, np.sqrt(3) / 2]])


def _to_plane(q):
    return np.asarray(q)[..., :3] @ _CORNERS


def _simplex_grid(p, resolution):
    """Points of the simplex where H(p, q) is finite (q_i > 0 wherever p_i > 0)."""
    a, b = np.meshgrid(np.arange(resolution + 1), np.arange(resolution + 1), indexing="ij")
    a, b = a.ravel(), b.ravel()
    keep = a + b <= resolution
    q = np.stack([a[keep], b[keep], resolution - a[keep] - b[keep]], axis=-1) / resolution
    finite = ((q > 0) | (p == 0)).all(axis=-1)
    return q[finite]


def _draw_simplex(ax, p, q, path):
    grid = _simplex_grid(p, resolution=60)
    values = information.cross_entropy(p, grid)
    floor = information.entropy(p)
    levels = np.linspace(floor, floor + 1.5, 11)
    plane = _to_plane(grid)
    shading = ax.tricontourf(
        Triangulation(plane[:, 0], plane[:, 1]), values, levels=levels, extend="max"
    )
    outline = np.vstack([_CORNERS, _CORNERS[:1]])
    ax.plot(outline[:, 0], outline[:, 1], color=COLORS["ink"], linewidth=1)
    for corner, (x, y) in enumerate(_CORNERS):
        ax.annotate(
            f"class {corner}",
            (x, y),
            xytext=(0, 8 if corner == 2 else -14),
            textcoords="offset points",
            ha="center",
            fontsize=9,
        )
    if path is not None:
        ax.plot(*_to_plane(path).T, color="white", linewidth=1.5)
    ax.plot(
        *_to_plane(p),
        marker="*",
        markersize=14,
        color=COLORS["data"],
        markeredgecolor=COLORS["paper"],
        linestyle="none",
        label="data $p$",
    )
    if q is not None:
        ax.plot(
            *_to_plane(q),
            marker="o",
            markersize=8,
            color=COLORS["model"],
            markeredgecolor=COLORS["paper"],
            linestyle="none",
            label="model $q$",
        )
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set(xlim=(-0.08, 1.08), ylim=(-0.12, 0.98))
    return shading


@house_style
def cross_entropy_simplex(p, q=None):
    """:math:`H(p, q)` for every model `q` of three classes, shaded on the simplex.

    Each point of the triangle is a model :math:`q = (q_0, q_1, q_2)`; the closer
    to a corner, the more probability on that class. The shading is the
    cross-entropy from `p` (star) to that model; it is lowest, :math:`H(p)`, at
    the star. An optional `q` is marked with a dot.
    """
    p = three_classes(p, "p")
    q = None if q is None else three_classes(q, "q")
    fig, ax = new_figure(figsize=(4.4, 3.4))
    shading = _draw_simplex(ax, p, q, path=None)
    colorbar = fig.colorbar(shading, ax=ax, label="cross-entropy $H(p, q)$ (nats)", shrink=0.85)
    colorbar.set_ticks(shading.levels[::2])
    colorbar.ax.yaxis.set_major_formatter("{x:.2f}")
    ax.legend(loc="upper left", fontsize=9)
    return fig


@house_style
def cross_entropy_along_path(*, p, t, q, temperatures, path, along, floor, here):
    r"""Models :math:`q(t) \propto p^t` on the simplex, and :math:`H(p, q(t))` along them.

    Left: the simplex shaded by :math:`H(p, \cdot)`, the `path` of models (one row per
    value of `temperatures`) from the uniform model (``t = 0``) through ``p``
    (``t = 1``) toward the most likely class, and the current model `q`. Right: the
    cross-entropies `along` the path against ``t`` above the floor :math:`H(p)`
    (`floor`); the vertical bar up to `here` at the current `t` is
    :math:`\mathrm{KL}(p\|q(t))`. :func:`nllce.frames.cross_entropy_along_path`
    computes the numbers.
    """
    p = three_classes(p, "p")
    fig, (simplex, curve) = new_figure(1, 2, figsize=(6.8, 3.0), width_ratios=(1, 1.25))
    _draw_simplex(simplex, p, q, path)

    curve.plot(temperatures, along, color=COLORS["loss"], label="$H(p, q(t))$")
    curve.axhline(floor, color=COLORS["entropy"], linestyle="--", label="$H(p)$")
    curve.vlines(
        t,
        floor,
        here,
        color=COLORS["divergence"],
        linewidth=4,
        label="$\\mathrm{KL}(p \\,\\|\\, q(t))$",
    )
    curve.plot([t], [here], "o", color=COLORS["model"], markersize=7)
    curve.set(
        xlim=(0, temperatures[-1]),
        ylim=(floor - 0.05, max(along) + 0.05),
        xlabel="position on the path $t$ ($q(1) = p$)",
        ylabel="nats",
    )
    curve.legend(loc="upper center", fontsize=9)
    return fig


@house_style
def kl_directions(p, q):
    r"""The per-class terms of :math:`\mathrm{KL}(p\|q)` and of :math:`\mathrm{KL}(q\|p)`.

    Each bar is one term :math:`a_i \log(a_i / b_i)`; a term that is infinite
    (:math:`a_i > 0 = b_i`) is drawn as an arrow off the top, labelled inf.
    """
    p = as_probabilities(p, name="p")
    q = as_probabilities(q, name="q")
    if p.shape != q.shape or p.ndim != 1:
        raise ValueError(
            f"`p` and `q` must be distributions of the same shape (K,); got {p.shape} and {q.shape}"
        )
    fig, axes = new_figure(1, 2, figsize=(6.4, 2.6))
    classes = np.arange(p.size)
    finite_tops = []
    directions = [(p, q, "p", "q"), (q, p, "q", "p")]
    for ax, (a, b, a_name, b_name) in zip(axes, directions, strict=True):
        name = f"{a_name} \\,\\|\\, {b_name}"
        ax.set_ylabel(f"term ${a_name}_i \\log({a_name}_i / {b_name}_i)$")
        terms = np.array([_kl_term(a[i], b[i]) for i in classes])
        finite = np.isfinite(terms)
        finite_tops.extend(terms[finite])
        ax.bar(classes[finite], terms[finite], color=COLORS["divergence"], width=0.6)
        total = information.kl_divergence(a, b)
        ax.set(xticks=classes, xlabel="class $i$")
        ax.axhline(0, color=COLORS["ink"], linewidth=0.8)
        ax.text(
            0.98,
            0.98,
            f"$\\mathrm{{KL}}({name}) = {total:.3f}$".replace("inf", "\\infty"),
            transform=ax.transAxes,
            ha="right",
            va="top",
            fontsize=10,
        )
        for i in classes[~finite]:
            ax.annotate(
                "",
                xy=(i, 0.84),
                xycoords=("data", "axes fraction"),
                xytext=(i, 0.0),
                textcoords="data",
                arrowprops={"arrowstyle": "-|>", "color": COLORS["divergence"], "linewidth": 2},
            )
            ax.annotate(
                "inf",
                (i, 0.85),
                xycoords=("data", "axes fraction"),
                ha="center",
                va="bottom",
                color=COLORS["divergence"],
                fontsize=10,
            )
        ax.set_xlim(-0.5, p.size - 0.5)
    top = max(finite_tops, default=1.0)
    low = min(finite_tops, default=0.0)
    for ax in axes:
        ax.set_ylim(min(low, 0) * 1.3 - 0.05, max(top, 0.1) * 1.6)
    return fig


def _kl_term(a, b):
    """One term a log(a / b) of a KL divergence, with 0 log 0 = 0 and a > 0 = b giving inf."""
    if a == 0:
        return 0.0
    return np.inf if b == 0 else a * np.log(a / b)


def three_classes(distribution, name):
    """`distribution` as one validated distribution over three classes (a triangle)."""
    distribution = as_probabilities(distribution, name=name)
    if distribution.shape != (3,):
        raise ValueError(
            f"`{name}` must be one distribution over 3 classes (the simplex is drawn as a "
            f"triangle); got shape {distribution.shape}"
        )
    return distribution
