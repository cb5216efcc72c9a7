"""A figure that stands alone on a static page, drawn for every reader.

Made by :func:`nllce.widgets.figure` in the book's build.

Jupyter shows a :class:`StaticFigure` as a PNG, the light and wide drawing, so the
cell's alt text and caption (its ``mystnb`` metadata) apply as to any figure. The PNG
carries all four drawings (``nllce._pictures``), which the book's build puts in
its place as a ``<picture>`` (``_ext/slider_frames.py``).
"""

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from ._pictures import draw_four_ways, embed
from ._slider_parts import png_bytes, smallest_text_points

__all__ = ["StaticFigure"]


class StaticFigure:
    """``function(*args, **kwargs)`` drawn four ways, shown as a PNG that carries them.

    Parameters
    ----------
    function : callable
        A figure function of the book (drawn with :func:`nllce.style.new_figure`),
        returning a matplotlib Figure.
    args, kwargs
        Its arguments.
    dpi : float
        Resolution of the wide drawing at 1x.
    """

    def __init__(self, function, args, kwargs, dpi):
        def render(dpis):
            drawn = function(*args, **kwargs)
            if not isinstance(drawn, Figure):
                raise TypeError(
                    f"`function` must return a matplotlib Figure; got {type(drawn).__name__}"
                )
            try:
                pngs = [png_bytes(drawn, dpi) for dpi in dpis]
                return pngs, smallest_text_points(drawn), None
            finally:
                plt.close(drawn)

        self.drawings, _ = draw_four_ways(render, dpi)

    def _repr_png_(self):
        return embed(self.drawings["light", "wide"][0], self.drawings)

    def __repr__(self):
        return "<nllce figure, drawn wide and narrow, light and dark>"
