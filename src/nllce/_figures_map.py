"""The preface's one-picture map of the derivation (re-exported by :mod:`nllce.figures`)."""

from .style import COLORS, house_style, is_dark, is_narrow, new_figure

__all__ = ["chain_map"]

_CHAIN = [
    (
        "$L(q) = \\prod_{k=1}^{N} q_{x_k}$",
        "ch. 1: likelihood of an i.i.d. sample",
        "group equal factors by class",
    ),
    (
        "$L(q) = \\prod_{i=0}^{K-1} q_i^{n_i}$",
        "ch. 2: counts are all it needs",
        "write each count as $n_i = N p_i$",
    ),
    (
        "$L(q) = \\prod_{i=0}^{K-1} q_i^{N p_i}$",
        "ch. 3: question 1, the power $N p_i$",
        "take $-\\log$ and divide by $N$",
    ),
    (
        "$-\\frac{1}{N} \\log L(q) = -\\sum_i p_i \\log q_i = H(p, q)$",
        "ch. 3: question 2, the $1/N$",
        "split off the part without $q$",
    ),
    (
        "$H(p, q) = H(p) + \\mathrm{KL}(p \\,\\|\\, q) \\geq H(p)$",
        "ch. 4: the best model is $q = p$",
        "let a network output $q$",
    ),
    (
        "$q = \\mathrm{softmax}(z)$, gradient $\\mathrm{softmax}(z) - p$",
        "part II: into the network",
        "",
    ),
]


@house_style
def chain_map():
    """The whole derivation on one picture: each form of the likelihood and the move to the next.

    The two steps that answer the book's two questions are outlined in the model colour.
    """
    narrow = is_narrow()
    # Narrow: each chapter's label under its formula, not beside it, in a taller picture.
    size = _NARROW if narrow else _WIDE
    fig, ax = new_figure(figsize=_WIDE["figsize"], narrow_figsize=_NARROW["figsize"])
    ax.set_axis_off()
    ax.set(xlim=(0, 1), ylim=(-0.4 - size["below"], len(_CHAIN) - 0.6))
    for row, (formula, chapter, move) in enumerate(_CHAIN):
        height = len(_CHAIN) - 1 - row
        is_question = "question" in chapter
        ax.text(
            0.01,
            height,
            formula,
            ha="left",
            va="center",
            fontsize=size["formula"],
            bbox={
                "boxstyle": "round,pad=0.35",
                "facecolor": "#2A3039" if is_dark() else "#F3F3F3",
                "edgecolor": COLORS["model"] if is_question else COLORS["neutral"],
                "linewidth": 2 if is_question else 1,
            },
        )
        ax.text(
            *((0.03, height - size["below"]) if narrow else (0.62, height)),
            chapter,
            ha="left",
            va="center",
            fontsize=size["chapter"],
            color=COLORS["model"] if is_question else COLORS["text"],
        )
        if move:
            top = height - size["below"] - 0.16 if narrow else height - 0.34
            ax.annotate(
                "",
                xy=(0.06, height - 0.66),
                xytext=(0.06, top),
                arrowprops={"arrowstyle": "-|>", "color": COLORS["neutral"]},
            )
            ax.text(
                0.09,
                (top + height - 0.66) / 2,
                move,
                ha="left",
                va="center",
                fontsize=size["move"],
                color=COLORS["neutral"],
                style="italic",
            )
    return fig


_WIDE = {"figsize": (8.6, 6.0), "formula": 15, "chapter": 12.5, "move": 12, "below": 0}
_NARROW = {"figsize": (3.6, 7.6), "formula": 11, "chapter": 10, "move": 9.5, "below": 0.3}
