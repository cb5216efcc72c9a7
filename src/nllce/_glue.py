"""Glued numbers, declared once: filled into the prose by the book, shown under the cell live.

The public name is :func:`nllce.widgets.glue`; this module holds it so that it can read
the slider mode of :mod:`nllce.widgets` without importing it at import time.
"""

import numbers

from IPython.display import Markdown
from IPython.display import display as show

__all__ = ["glue", "shown_value"]


def glue(name, variable, display=True):
    """Glue `variable` under `name` for the prose (``{glue:text}`` roles); live, also show it.

    The same call as myst-nb's ``glue``, which it calls: the book build fills every
    ``{glue:text}`name:.4f``` role of the prose from it and sees nothing else. In
    JupyterLab (Binder, a hub, ``make lab``) nothing fills those roles: jupyterlab-myst
    shows the role's text, ``name:.4f``, and a value glued with ``display=False`` shows
    nothing under its cell. So when the sliders are live (``NLLCE_SLIDERS`` unset, see
    :func:`~nllce.widgets.slider_mode`), such a value is also shown under its cell as
    ``name = value``, under the name the prose shows, and the prose still reads.

    Parameters
    ----------
    name : str
        The name the prose's glue roles use.
    variable : object
        The value (a number, a string, or ``IPython.display.Markdown``).
    display : bool, default True
        Show the value under the cell in every mode (myst-nb's own ``display``).

    Examples
    --------
    In the chapters (the book build sets ``NLLCE_SLIDERS=static``)::

        glue("L_worked", float(L_worked), display=False)

    and the prose says ``{glue:text}`L_worked:.4f```. Live, the cell also shows
    ``L_worked = 0.075``.
    """
    from myst_nb import glue as myst_nb_glue

    from .widgets import slider_mode

    myst_nb_glue(name, variable, display)
    if not display and slider_mode() == "live":
        value = shown_value(variable)
        show({"text/plain": f"{name} = {value}", "text/markdown": f"`{name}` = {value}"}, raw=True)


def shown_value(variable):
    """The text that shows a glued value live: six significant digits for a float.

    Examples
    --------
    >>> shown_value(0.075), shown_value(2 / 3), shown_value(3), shown_value(float("inf"))
    ('0.075', '0.666667', '3', 'inf')
    >>> shown_value(Markdown("$10^{-1125}$"))
    '$10^{-1125}$'
    """
    if isinstance(variable, Markdown):
        return variable.data
    if isinstance(variable, numbers.Real) and not isinstance(variable, numbers.Integral):
        return f"{float(variable):.6g}"
    return str(variable)
