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

Inside :func:`narrow_layout`, :func:`new_figure` makes the same figure for a phone:
:data:`NARROW_WIDTH` inches wide with its panels stacked, so that the text keeps its
size in points when the picture is shown 360 pixels wide. Inside :func:`dark_style`,
the figure is drawn for a dark page: `COLORS` gives the same hues on a dark paper. The
book's static pages draw every figure all four ways and let the reader's browser pick
(``nllce._pictures``).

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

import contextlib
import contextvars
import functools
from collections.abc import Mapping

import matplotlib as mpl
import numpy as np
from cycler import cycler
from matplotlib.figure import Figure

__all__ = [
    "CLASS_COLORS",
    "COLORS",
    "HOUSE_STYLE",
    "NARROW_PANEL_HEIGHT",
    "NARROW_WIDTH",
    "PALETTE",
    "apply_style",
    "dark_style",
    "house_style",
    "is_dark",
    "is_narrow",
    "narrow_layout",
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

class _Roles(Mapping):
    """The colour of each role: its light value, or its dark value inside :func:`dark_style`."""

    def __init__(self, light, dark):
        self.light, self.dark = light, dark

    def __getitem__(self, role):
        return (self.dark if _dark.get() else self.light)[role]

    def __iter__(self):
        return iter(self.light)

    def __len__(self):
        return len(self.light)

    def __repr__(self):
        return f"COLORS({dict(self)})"


_dark = contextvars.ContextVar("nllce_dark_style", default=False)

#: One colour per role, the same on every page. The hues keep their names in dark mode
#: (:func:`dark_style`), so the prose's "the blue curve" stays true; only the ink
#: (text, axes, guides) and the paper change.
COLORS = _Roles(
    light={
        "data": PALETTE["blue"],  # p, the data / target distribution
        "model": PALETTE["vermillion"],  # q, the model
        "entropy": PALETTE["green"],  # H(p), the floor
        "divergence": PALETTE["orange"],  # KL(p || q), the gap above the floor
        "loss": PALETTE["purple"],  # an NLL or cross-entropy curve
        "neutral": "#5F5F5F",  # guides and annotations (6.4:1 contrast on white)
        "text": "#111111",  # labels and annotations
        "ink": "#333333",  # axes, ticks, zero lines, outlines
        "paper": "#FFFFFF",  # the background, and what covers a line under a label
    },
    dark={
        "data": "#3A9BD9",  # the same blue, lighter: 6.1:1 on the dark page (3.6:1 before)
        "model": PALETTE["vermillion"],  # 4.8:1 on the dark page
        "entropy": PALETTE["green"],
        "divergence": PALETTE["orange"],
        "loss": PALETTE["purple"],
        "neutral": "#A3A3A3",
        "text": "#E6E6E6",
        "ink": "#C4C4C4",
        "paper": "#121212",  # sphinx-book-theme's dark background
    },
)

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


def _current_style():
    """`HOUSE_STYLE`, or its dark version inside :func:`dark_style`."""
    if not _dark.get():
        return HOUSE_STYLE
    ink, text, paper = COLORS["ink"], COLORS["text"], COLORS["paper"]
    return {
        **HOUSE_STYLE,
        "figure.facecolor": paper,
        "axes.facecolor": paper,
        "savefig.facecolor": paper,
        "axes.edgecolor": ink,
        "axes.labelcolor": text,
        "text.color": text,
        "xtick.color": ink,
        "ytick.color": ink,
        "axes.prop_cycle": cycler(
            color=[COLORS["model"], COLORS["data"], COLORS["loss"], COLORS["entropy"]]
        ),
    }


@contextlib.contextmanager
def dark_style():
    """Draw figures for a dark page while the block runs (the colours of `COLORS`' dark mode).

    Examples
    --------
    >>> from nllce.style import COLORS, dark_style
    >>> with dark_style():
    ...     COLORS["paper"], COLORS["model"]
    ('#121212', '#D55E00')
    >>> COLORS["paper"]
    '#FFFFFF'
    """
    token = _dark.set(True)
    try:
        yield
    finally:
        _dark.reset(token)


def is_dark():
    """Whether figures are being drawn for a dark page (inside :func:`dark_style`)."""
    return _dark.get()


#: Width in inches of a figure drawn for a phone (:func:`narrow_layout`), 360 px at 100 dpi,
#: about the width of a 390 px screen's text column, so its text is shown near full size.
NARROW_WIDTH = 3.6
#: Height in inches of each stacked panel of a narrow figure, at most (a figure of one
#: panel keeps its height).
NARROW_PANEL_HEIGHT = 2.5

_narrow = contextvars.ContextVar("nllce_narrow_layout", default=False)


@contextlib.contextmanager
def narrow_layout():
    """Make :func:`new_figure` draw for a narrow screen while the block runs.

    A grid of one row becomes one column (the panels stacked, top to bottom in
    the same order), :data:`NARROW_WIDTH` inches wide; each panel is as tall as
    the wide figure, up to :data:`NARROW_PANEL_HEIGHT` (a figure of one panel
    keeps its height), and a mosaic becomes one panel a row. The font sizes stay,
    so the text is about twice as large against the picture.

    Examples
    --------
    >>> from nllce.style import narrow_layout, new_figure
    >>> with narrow_layout():
    ...     fig, (left, right) = new_figure(1, 2, figsize=(6.8, 2.9), width_ratios=(1, 1.6))
    >>> fig.get_size_inches().tolist()
    [3.6, 5.0]
    >>> bool(left.get_position().y0 > right.get_position().y0)  # the first panel is on top
    True
    """
    token = _narrow.set(True)
    try:
        yield
    finally:
        _narrow.reset(token)


def is_narrow():
    """Whether figures are being drawn for a narrow screen (inside :func:`narrow_layout`)."""
    return _narrow.get()


def _narrow_grid(nrows, ncols, figsize, mosaic, subplots_kw):
    """`new_figure`'s arguments for the narrow layout (see :func:`narrow_layout`)."""
    subplots_kw = {key: value for key, value in subplots_kw.items() if key != "width_ratios"}
    if mosaic is not None:
        if isinstance(mosaic, str):  # matplotlib's "AB;CC" form
            mosaic = [list(row.strip()) for row in mosaic.replace("\n", ";").split(";")
                      if row.strip()]
        # One panel a row, in reading order, each as tall as its first row was.
        ratios = subplots_kw.pop("height_ratios", None) or [1] * len(mosaic)
        names, heights = [], []
        for row, ratio in zip(mosaic, ratios, strict=True):
            for name in row:
                if name not in names:
                    names.append(name)
                    heights.append(ratio)
        row_heights = np.array(heights) * figsize[1] / sum(ratios)
        scale = min(1.0, NARROW_PANEL_HEIGHT / row_heights.max())
        subplots_kw["height_ratios"] = heights
        figsize = (NARROW_WIDTH, round(scale * row_heights.sum(), 2))
        return [[name] for name in names], figsize, subplots_kw
    panel_height = figsize[1] / nrows
    if nrows * ncols > 1:
        panel_height = min(panel_height, NARROW_PANEL_HEIGHT)
    if nrows == 1 and ncols > 1:
        nrows, ncols = ncols, 1
    return (nrows, ncols), (NARROW_WIDTH, round(panel_height * nrows, 2)), subplots_kw


def apply_style():
    """Set the house style globally, for quick plots made directly in a notebook."""
    mpl.rcParams.update(HOUSE_STYLE)


def house_style(function):
    """Decorate a figure function so that it draws inside the house style."""

    @functools.wraps(function)
    def styled(*args, **kwargs):
        with mpl.rc_context(_current_style()):
            return function(*args, **kwargs)

    return styled


def new_figure(
    nrows=1, ncols=1, *, figsize=(6.4, 3.0), mosaic=None, narrow_figsize=None, **subplots_kw
):
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
    narrow_figsize : (float, float), optional
        The size inside :func:`narrow_layout`, for a figure that lays itself out for a
        narrow screen; by default the panels are stacked as that function says.
    **subplots_kw
        Passed to ``subplots`` or ``subplot_mosaic`` (``width_ratios``, ...).

    Returns
    -------
    fig : matplotlib.figure.Figure
    axes : Axes, ndarray of Axes, or dict of Axes (with `mosaic`)
    """
    if _narrow.get():
        grid, figsize, subplots_kw = _narrow_grid(nrows, ncols, figsize, mosaic, subplots_kw)
        figsize = narrow_figsize or figsize
        if mosaic is None:
            nrows, ncols = grid
        else:
            mosaic = grid
    with mpl.rc_context(_current_style()):
        fig = Figure(figsize=figsize, layout="constrained")
        if mosaic is None:
            axes = fig.subplots(nrows, ncols, **subplots_kw)
            every_axes = np.ravel(axes)
        else:
            axes = fig.subplot_mosaic(mosaic, **subplots_kw)
            every_axes = axes.values()
        for ax in every_axes:
            # Ticks are created lazily, possibly after the rc context has ended.
            ax.tick_params(labelsize=_TICK_SIZE, color=COLORS["ink"], labelcolor=COLORS["ink"])
    return fig, axes
