"""The house style of the book's figures.

One palette and one set of matplotlib settings for every figure, so that the
same quantity has the same colour on every page: the data distribution ``p``
is blue, the model ``q`` vermillion, the entropy green, the KL divergence
orange. The palette is Okabe and Ito's, which stays distinguishable under the
common colour-vision deficiencies. Axis labels are lowercase (symbols keep
their case); figures have no titles, because the caption says what they show.

Figure functions build their figure with :func:`new_figure` inside
:func:`house_style`, so nothing global changes and the result does not depend
on what a notebook set before.

Examples
--------
>>> from nllce.style import COLORS, house_style, new_figure
>>> @house_style
... def bars(q):
...     fig, ax = new_figure(figsize=(3, 2))
...     ax.bar(range(len(q)), q, color=COLORS["model"])
...     ax.set_xlabel("class $i$")
...     ax.set_ylabel("model $q_i$")
...     return fig
>>> fig = bars([0.2, 0.3, 0.5])
>>> fig.get_size_inches().tolist()
[3.0, 2.0]
"""

import functools

import matplotlib as mpl
import numpy as np
from cycler import cycler
from matplotlib.figure import Figure

__all__ = [
    "CLASS_COLORS",
    "COLORS",
    "HOUSE_STYLE",
    "PALETTE",
    "apply_style",
    "house_style",
    "new_figure",
]

#: Okabe & Ito's colour-blind-safe palette.
PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}

#: One colour per role, the same on every page.
COLORS = {
    "data": PALETTE["blue"],  # p, the data / target distribution
    "model": PALETTE["vermillion"],  # q, the model
    "entropy": PALETTE["green"],  # H(p), the floor
    "divergence": PALETTE["orange"],  # KL(p || q), the gap above the floor
    "loss": PALETTE["purple"],  # an NLL or cross-entropy curve
    "neutral": "#5F5F5F",  # guides and annotations (4.5:1 contrast on white)
}

#: Colours of the classes 0, 1, 2, ... in pictures of a sample.
CLASS_COLORS = (
    PALETTE["sky_blue"],
    PALETTE["orange"],
    PALETTE["purple"],
    PALETTE["green"],
    PALETTE["yellow"],
    PALETTE["blue"],
    PALETTE["vermillion"],
    PALETTE["black"],
)

_TICK_SIZE = 10

#: The matplotlib settings of the house style, readable at 100% zoom (static figures at
#: 100 dpi; the book renders slider frames at 92-100 dpi, so a frame fills the column).
HOUSE_STYLE = {
    "figure.dpi": 100,  # static figures in the page; slider frames set their own dpi
    "savefig.dpi": 80,
    "figure.facecolor": "white",
    "font.size": 11,
    "axes.labelsize": 11,
    "axes.titlesize": 11,
    "legend.fontsize": 10,
    "legend.frameon": False,
    "xtick.labelsize": _TICK_SIZE,
    "ytick.labelsize": _TICK_SIZE,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#333333",
    "axes.labelcolor": "#111111",
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "axes.prop_cycle": cycler(
        color=[COLORS["model"], COLORS["data"], COLORS["loss"], COLORS["entropy"]]
    ),
    "lines.linewidth": 2.0,
    "image.cmap": "viridis",
    "mathtext.fontset": "dejavusans",
}


def apply_style():
    """Set the house style globally, for quick plots made directly in a notebook."""
    mpl.rcParams.update(HOUSE_STYLE)


def house_style(function):
    """Decorate a figure function so that it draws inside the house style."""

    @functools.wraps(function)
    def styled(*args, **kwargs):
        with mpl.rc_context(HOUSE_STYLE):
            return function(*args, **kwargs)

    return styled


def new_figure(nrows=1, ncols=1, *, figsize=(6.4, 3.0), mosaic=None, **subplots_kw):
    """A figure in the house style and its axes (like ``plt.subplots``, without pyplot).

    The figure is not registered with pyplot, so it is not shown twice in a notebook
    and needs no closing; its layout is constrained, so labels never overlap.

    Parameters
    ----------
    nrows, ncols : int, default 1
        Grid of axes.
    figsize : (float, float), default (6.4, 3.0)
        Size in inches; at 80 dpi the default is 512 x 240 pixels.
    mosaic : str or list, optional
        A layout for :meth:`matplotlib.figure.Figure.subplot_mosaic` instead of a grid.
    **subplots_kw
        Passed to ``subplots`` or ``subplot_mosaic`` (``width_ratios``, ...).

    Returns
    -------
    fig : matplotlib.figure.Figure
    axes : Axes, ndarray of Axes, or dict of Axes (with `mosaic`)
    """
    with mpl.rc_context(HOUSE_STYLE):
        fig = Figure(figsize=figsize, layout="constrained")
        if mosaic is None:
            axes = fig.subplots(nrows, ncols, **subplots_kw)
            every_axes = np.ravel(axes)
        else:
            axes = fig.subplot_mosaic(mosaic, **subplots_kw)
            every_axes = axes.values()
        for ax in every_axes:
            # Ticks are created lazily, possibly after the rc context has ended.
            ax.tick_params(labelsize=_TICK_SIZE, color="#333333", labelcolor="#333333")
    return fig, axes
