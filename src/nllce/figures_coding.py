r"""The figures of chapter 5, bits and codes: each a pure function of its parameters.

- :func:`code_areas`: the cross-entropy as an area (after Olah's *Visual
  Information Theory*). Each class is a bar whose width is its probability
  :math:`p_i` in the data and whose height is the length :math:`-\log_2 q_i` of its
  word in a code built for the model :math:`q`: the area inside the outline is
  :math:`H_2(p, q) = \sum_i p_i (-\log_2 q_i)`, the mean number of bits per symbol.
  Shaded green up to the heights :math:`-\log_2 p_i` of the best code is
  :math:`H_2(p)`; what sticks out above it, less what falls short of it, is
  :math:`\mathrm{KL}_2(p \,\|\, q)`, the bits wasted.
- :func:`compression_along_path`: that picture next to the file size of a sample
  compressed with each model along a path: the slider of chapter 5, whose frame
  function :func:`nllce.frames_coding.compression_along_path` computes the numbers.

Like every figure of the book (:mod:`nllce.figures`), these draw only the numbers
they are given, in the house style (:mod:`nllce.style`), and change no global state.

Examples
--------
>>> from nllce import coding, information
>>> p, q = [0.0, 1 / 3, 2 / 3], [0.2, 0.3, 0.5]
>>> fig = code_areas(
...     p=p, lengths=coding.ideal_code_lengths(q), best_lengths=coding.ideal_code_lengths(p),
...     cross_entropy=information.cross_entropy(p, q, base=2),
...     entropy=information.entropy(p, base=2),
... )
>>> fig.axes[0].get_ylabel()
'code length (bits)'
"""

import numpy as np
from matplotlib.patches import Patch, Rectangle

from ._validate import as_probabilities
from .style import COLORS, house_style, is_narrow, new_figure

__all__ = ["code_areas", "compression_along_path"]



def _as_lengths(lengths, name, size):
    lengths = np.asarray(lengths, dtype=float)
    if lengths.shape != (size,) or np.isnan(lengths).any() or (lengths < 0).any():
        raise ValueError(
            f"`{name}` must hold {size} code lengths >= 0 (one per class, inf allowed); "
            f"got {lengths.tolist()}"
        )
    return lengths


def _draw_areas(ax, p, lengths, best_lengths, cross_entropy, entropy, ymax):
    """Draw the bars of :func:`code_areas` on `ax`; return the y limit used."""
    p = as_probabilities(p, name="p")
    if p.ndim != 1:
        raise ValueError(f"`p` must be one distribution, shape (K,); got shape {p.shape}")
    lengths = _as_lengths(lengths, "lengths", p.size)
    best_lengths = _as_lengths(best_lengths, "best_lengths", p.size)
    shown = p > 0
    finite = np.concatenate([lengths[shown], best_lengths[shown]])
    finite = finite[np.isfinite(finite)]
    if ymax is None:
        ymax = max(1.0, 1.6 * finite.max(initial=0.0))
    lefts = np.concatenate([[0.0], np.cumsum(p)[:-1]])
    for i in np.flatnonzero(shown):
        left, width = lefts[i], p[i]
        best, length = best_lengths[i], min(lengths[i], ymax)
        ax.add_patch(Rectangle((left, 0), width, best, color=COLORS["entropy"], alpha=0.55,
                               linewidth=0))
        if length > best:  # the word is longer than the best code's: bits wasted
            ax.add_patch(Rectangle((left, best), width, length - best, color=COLORS["divergence"],
                                   alpha=0.8, linewidth=0))
        elif length < best:  # shorter: these bits are saved, and count against the KL
            ax.add_patch(Rectangle((left, length), width, best - length, facecolor=COLORS["paper"],
                                   edgecolor=COLORS["divergence"], hatch="///", linewidth=0))
        ax.add_patch(Rectangle((left, 0), width, length, fill=False, edgecolor=COLORS["model"],
                               linewidth=2))
        text = "∞" if np.isinf(lengths[i]) else f"{lengths[i]:.2f}"
        ax.annotate(text, (left + width / 2, length), xytext=(0, 2), textcoords="offset points",
                    ha="center", va="bottom", fontsize=9, color=COLORS["model"],
                    bbox={"facecolor": COLORS["paper"], "edgecolor": "none", "pad": 0.5})
    ax.set_xticks(lefts[shown] + p[shown] / 2, [f"class {i}" for i in np.flatnonzero(shown)])
    gap = "\n" if is_narrow() else " "
    ax.set(xlim=(0, 1), ylim=(0, ymax), ylabel="code length (bits)",
           xlabel=f"width: the class's probability $p_i${gap}in the data")
    lines = [
        f"area $= H(p, q) = {cross_entropy:.3f}$ bits",
        f"green $= H(p) = {entropy:.3f}$ bits",
        f"orange $-$ hatched $= \\mathrm{{KL}} = {cross_entropy - entropy:.3f}$ bits",
    ]
    absent = [str(i) for i in np.flatnonzero(~shown)]
    if absent:
        lines.append(f"(class {', '.join(absent)}: $p_i = 0$, no width)")
    ax.text(0.99, 0.98, "\n".join(lines), transform=ax.transAxes, ha="right", va="top",
            fontsize=9)
    return ymax


def _legend_handles():
    return [
        Patch(facecolor="none", edgecolor=COLORS["model"], linewidth=2,
              label="$-\\log_2 q_i$: the word in $q$'s code"),
        Patch(color=COLORS["entropy"], alpha=0.55, label="$-\\log_2 p_i$: the best word"),
        Patch(color=COLORS["divergence"], alpha=0.8, label="bits wasted"),
        Patch(facecolor=COLORS["paper"], edgecolor=COLORS["divergence"], hatch="///",
              label="bits saved"),
    ]


@house_style
def code_areas(*, p, lengths, best_lengths, cross_entropy, entropy, ymax=None):
    r"""The cross-entropy in bits as an area: widths :math:`p_i`, heights :math:`-\log_2 q_i`.

    One bar per class with :math:`p_i > 0`; a class with :math:`p_i = 0` has no width
    and is only named. The outline (the model's colour) has height `lengths`, the
    words of a code built for :math:`q`; its area is `cross_entropy`. The green part
    has height `best_lengths`, the words of the best code :math:`-\log_2 p_i`; its
    area is `entropy`. Orange is where :math:`q`'s word is longer (bits wasted),
    hatched where it is shorter (bits saved); orange minus hatched is the KL
    divergence, never negative (Gibbs' inequality) although a hatched part can be
    large. An infinite length is cut at the top and marked ∞.

    Parameters
    ----------
    p : array_like, shape (K,)
        The data's distribution: the widths.
    lengths, best_lengths : array_like, shape (K,)
        :math:`-\log_2 q_i` and :math:`-\log_2 p_i`
        (:func:`nllce.coding.ideal_code_lengths`).
    cross_entropy, entropy : float
        :math:`H_2(p, q)` and :math:`H_2(p)`, printed in the corner.
    ymax : float, optional
        The top of the axis (a slider keeps it fixed); by default 1.6 times the
        longest finite word.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, ax = new_figure(figsize=(5.6, 3.2))
    _draw_areas(ax, p, lengths, best_lengths, cross_entropy, entropy, ymax)
    where = "outside lower center" if is_narrow() else "outside right center"
    fig.legend(handles=_legend_handles(), loc=where, fontsize=9)
    return fig


@house_style
def compression_along_path(
    *, p, lengths, best_lengths, cross_entropy, entropy, t, temperatures, ideal_bits, marks,
    compressed, current_bits, best_bits, ymax=None,
):
    r"""The area picture of model :math:`q(t)` and the file size of a sample along the path.

    Left: :func:`code_areas` for the sample's frequencies `p` and the model at
    position `t`. Right: against the position on the path, the ideal file size
    :math:`N \, H_2(p, q(t))` in bits (`ideal_bits` at `temperatures`, a curve), the
    sizes a real compressor wrote at the positions `marks` (`compressed`, dots) and
    at `t` (`current_bits`, the big dot), above the smallest file, `best_bits`
    (dashed), reached at :math:`q = p`.
    :func:`nllce.frames_coding.compression_along_path` computes the numbers.
    """
    fig, (areas, sizes) = new_figure(1, 2, figsize=(7.4, 3.1), width_ratios=(1.15, 1))
    _draw_areas(areas, p, lengths, best_lengths, cross_entropy, entropy, ymax)
    sizes.plot(temperatures, ideal_bits, color=COLORS["loss"],
               label="$N\\,H(p, q(t))$ bits")
    sizes.plot(marks, compressed, "o", color=COLORS["model"], markerfacecolor=COLORS["paper"],
               markersize=5, label="compressed file")
    sizes.axhline(best_bits, color=COLORS["entropy"], linestyle="--", linewidth=1.2,
                  label="smallest file ($q = p$)")
    sizes.plot([t], [current_bits], "o", color=COLORS["model"], markersize=8)
    sizes.set(xlim=(temperatures[0], temperatures[-1]),
              xlabel="position on the path $t$ ($q(1) = p$)", ylabel="file size (bits)")
    sizes.legend(loc="upper center", fontsize=9)
    low, high = min(best_bits, np.min(ideal_bits)), max(np.max(ideal_bits), np.max(compressed))
    sizes.set_ylim(low - 0.08 * (high - low), high + 0.35 * (high - low))
    return fig
