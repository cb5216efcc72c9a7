"""Paths through the models: the one-parameter families the book's sliders walk along.

A slider moves one number; these functions turn it into a whole model ``q``, so
that the frames (figure, readout, alt text) and the exercises agree on where the
slider is.

- :func:`path_model`: give one class the share ``s`` and split the rest evenly
  (chapter 1's likelihood slider);
- :func:`tempered`: :math:`q(t) \\propto p^t`, from the uniform model (``t = 0``)
  through ``p`` (``t = 1``) toward p's most likely class (chapter 4's slider).

Examples
--------
>>> path_model(0.5).tolist()
[0.25, 0.25, 0.5]
>>> tempered([0.1, 0.3, 0.6], 0).round(3).tolist()
[0.333, 0.333, 0.333]
"""

import numpy as np

from ._validate import as_num_classes, as_probabilities

__all__ = ["path_model", "tempered"]


def path_model(share, focus=2, num_classes=3):
    r"""A model that gives class `focus` probability `share` and splits the rest evenly.

    .. math:: q_{\text{focus}} = s, \qquad q_j = \frac{1 - s}{K - 1} \ (j \ne \text{focus}).

    >>> path_model(0.5).tolist()
    [0.25, 0.25, 0.5]
    """
    num_classes = as_num_classes(num_classes)
    if num_classes < 2:
        raise ValueError(f"`num_classes` must be at least 2 for a path; got {num_classes}")
    if not 0 <= focus < num_classes:
        raise ValueError(f"`focus` must be a class in 0..{num_classes - 1}; got {focus!r}")
    if (
        isinstance(share, bool)
        or not isinstance(share, int | float | np.integer | np.floating)
        or not 0 <= share <= 1
    ):
        raise ValueError(f"`share` must be a probability in [0, 1]; got {share!r}")
    q = np.full(num_classes, (1 - share) / (num_classes - 1))
    q[focus] = share
    return q


def tempered(p, t):
    r"""The distribution :math:`q(t) \propto p^t`: uniform at ``t = 0``, ``p`` at ``t = 1``.

    Larger `t` sharpens `p` toward its most likely class. Classes with
    :math:`p_i = 0` get :math:`q_i = 0` for every ``t > 0``.

    >>> tempered([0.1, 0.3, 0.6], 1).round(3).tolist()
    [0.1, 0.3, 0.6]
    >>> tempered([0.1, 0.3, 0.6], 0).round(3).tolist()
    [0.333, 0.333, 0.333]
    """
    p = as_probabilities(p, name="p")
    if not isinstance(t, int | float | np.number) or isinstance(t, bool) or not 0 <= t < np.inf:
        raise ValueError(f"`t` must be a finite number >= 0; got {t!r}")
    powered = np.power(p, t) if t > 0 else np.ones_like(p)
    return powered / powered.sum(axis=-1, keepdims=True)
