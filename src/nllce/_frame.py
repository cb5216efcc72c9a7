"""The one thing a slider shows at each position: :class:`Frame`.

Re-exported by :mod:`nllce.frames` (where the book's frame functions live) and
used by :mod:`nllce.widgets`; this module imports nothing heavy, so that the
widgets do not pull in the figures.
"""

from typing import NamedTuple

from matplotlib.figure import Figure

__all__ = ["Frame"]


class Frame(NamedTuple):
    """A slider's picture at one position, with its numbers and its description.

    A *frame function* takes the slider's parameters as keyword arguments,
    computes the numbers once with the math modules, draws them, and returns a
    ``Frame`` whose readout and alt text are written from those same numbers,
    so that the picture, the printed numbers and the description always agree.
    :func:`nllce.widgets.slider` shows the frames.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
        The picture; the slider renders it to a PNG and closes it.
    readout : str or None
        The numbers computed for this position, printed under the picture
        (None prints nothing).
    alt : str
        What the picture shows, for readers who cannot see it; it should carry
        the numbers of this position too.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> frame = Frame(Figure(), readout="q = 0.25", alt="a bar of height 0.25")
    >>> frame.readout, frame.alt
    ('q = 0.25', 'a bar of height 0.25')
    """

    figure: Figure
    readout: str | None
    alt: str
