"""The boundary of the simplex (a class that never occurred: KKT), re-exported by
:mod:`nllce.symbolic`."""

from __future__ import annotations

from collections.abc import Sequence

import sympy

from ._symbolic_core import (
    Step,
    _check_num_classes,
    _check_zero_classes,
    lagrangian,
    lam,
    p,
    q,
)

# --- a class that never occurred: the boundary of the simplex (KKT) ----------------

# The KKT conditions need q_i = 0 to be allowed and one multiplier per constraint q_i >= 0.
# Module attributes, not in ``__all__`` (a star import would shadow a reader's ``mu``).
q_boundary = sympy.IndexedBase("q", nonnegative=True)  # a model that may put 0 on a class
mu = sympy.IndexedBase("mu", nonnegative=True)  # KKT multipliers of q_i >= 0


def lagrange_stationary_points(probabilities: Sequence) -> list[dict]:
    r"""The solutions of the Lagrange conditions of :math:`H(p, \cdot)` for a concrete `p`.

    Solves :math:`-p_i / q_i + \lambda = 0` for every class together with
    :math:`\sum_i q_i = 1`. With every :math:`p_i > 0` there is one solution,
    :math:`q = p`; with some :math:`p_i = 0` there is none: the class-``i`` equation
    forces :math:`\lambda = 0`, and then no :math:`q_j` solves :math:`p_j / q_j = 0`
    for a class with :math:`p_j > 0`.

    Parameters
    ----------
    probabilities : sequence of numbers
        The data's distribution :math:`p`; exact numbers (``sympy.Rational``) keep
        the answer exact.

    Returns
    -------
    list of dict
        sympy's solutions, ``[]`` when there is no stationary point.

    Examples
    --------
    >>> from sympy import Rational
    >>> lagrange_stationary_points([Rational(1, 4), Rational(3, 4)])
    [{lambda: 1, q[0]: 1/4, q[1]: 3/4}]
    >>> lagrange_stationary_points([0, Rational(1, 3), Rational(2, 3)])
    []
    """
    values = [sympy.sympify(value) for value in probabilities]
    _check_num_classes(len(values))
    lagrange, coordinates = lagrangian(len(values))
    lagrange = lagrange.xreplace({p[c]: value for c, value in enumerate(values)})
    equations = [sympy.diff(lagrange, c) for c in coordinates] + [sum(coordinates) - 1]
    return sympy.solve(equations, [*coordinates, lam], dict=True)


def kkt_point(num_classes: int = 3, zero_classes: Sequence[int] = (0,)) -> dict:
    r"""The point that satisfies the KKT conditions of :math:`\min_q H(p, q)` on the simplex.

    The data never show the classes in `zero_classes` (:math:`p_i = 0` there); the
    other :math:`p_i` are positive symbols. The conditions are, for every class,

    .. math::

        -\frac{p_i}{q_i} + \lambda - \mu_i = 0, \quad \mu_i q_i = 0, \quad
        \mu_i \ge 0, \quad q_i \ge 0,

    and :math:`\sum_i q_i = 1`, where a class with :math:`p_i = 0` contributes no
    :math:`-p_i / q_i` term (:math:`0 \log q_i = 0`).

    Returns
    -------
    dict
        The unique solution: the model's ``q_boundary[i]``, the multipliers ``mu[i]``
        and ``lam``, in terms of the positive :math:`p_i`.

    Examples
    --------
    >>> point = kkt_point()
    >>> point[q_boundary[0]], point[mu[0]], point[lam]
    (0, p[1] + p[2], p[1] + p[2])
    """
    zero = _check_zero_classes(zero_classes, num_classes)
    coordinates = [q_boundary[c] for c in range(num_classes)]
    multipliers = [mu[c] for c in range(num_classes)]
    probabilities = [sympy.Integer(0) if c in zero else p[c] for c in range(num_classes)]
    objective = -sum(pc * sympy.log(qc) for pc, qc in zip(probabilities, coordinates, strict=True))
    equations = [
        sympy.diff(objective, qc) + lam - mc
        for qc, mc in zip(coordinates, multipliers, strict=True)
    ]
    equations += [mc * qc for qc, mc in zip(coordinates, multipliers, strict=True)]
    equations += [sum(coordinates) - 1]
    solutions = sympy.solve(equations, [*coordinates, *multipliers, lam], dict=True)
    if len(solutions) != 1:  # a convex problem whose minimiser Gibbs' inequality pins down
        raise RuntimeError(f"expected one KKT point, sympy found {solutions}")
    return solutions[0]


def kkt_minimiser(num_classes: int = 3, zero_classes: Sequence[int] = (0,)) -> Step:
    r"""The KKT point is :math:`q^\star = p`, with :math:`q^\star_i = 0` where :math:`p_i = 0`.

    Compares :func:`kkt_point`'s model with :math:`p` given that :math:`p` sums to
    one. Unlike :func:`lagrange_minimiser`, this holds when a class never occurred.
    """
    zero = _check_zero_classes(zero_classes, num_classes)
    point = kkt_point(num_classes, zero)
    seen = [c for c in range(num_classes) if c not in zero]
    last = seen[-1]
    return Step(
        "the KKT point is q = p, with q_i = 0 where p_i = 0",
        sympy.Matrix([point[q_boundary[c]] for c in range(num_classes)]),
        sympy.Matrix([0 if c in zero else p[c] for c in range(num_classes)]),
        where={p[last]: 1 - sum(p[c] for c in seen if c != last)},
        note="A class with $p_i > 0$ needs $q_i > 0$, so $\\mu_i = 0$ and $q_i = p_i / \\lambda$ "
        "as before. A class with $p_i = 0$ has $\\mu_i = \\lambda > 0$, so $\\mu_i q_i = 0$ "
        "forces $q_i = 0$; then $\\sum_i q_i = 1$ gives $\\lambda = 1$.",
    )


def _unseen_class_models(share):
    """The worked sample's p = (0, p_1, p_2) and the model that moves `share` to class 0."""
    probabilities = [sympy.Integer(0), p[1], p[2]]
    model = [share, (1 - share) * p[1], (1 - share) * p[2]]
    return probabilities, model


def _entropy_terms(weights, model):
    """-sum_i w_i log m_i over the classes with w_i != 0 (0 log m_i = 0)."""
    return -sum(w * sympy.log(m) for w, m in zip(weights, model, strict=True) if w != 0)


def unseen_class_cost() -> Step:
    r"""Moving a share :math:`\varepsilon` to a class never seen costs :math:`-\log(1-\varepsilon)`.

    For :math:`p = (0, p_1, p_2)` and the model
    :math:`q(\varepsilon) = (1 - \varepsilon) p + \varepsilon (1, 0, 0)`:
    :math:`H(p, q(\varepsilon)) - H(p) = -(p_1 + p_2) \log(1 - \varepsilon)`, which is
    :math:`-\log(1 - \varepsilon)` since :math:`p_1 + p_2 = 1`.
    """
    share = sympy.Symbol("varepsilon", positive=True)
    probabilities, model = _unseen_class_models(share)
    return Step(
        "moving a share epsilon of the probability to class 0",
        _entropy_terms(probabilities, model) - _entropy_terms(probabilities, probabilities),
        -(p[1] + p[2]) * sympy.log(1 - share),
        note="Classes 1 and 2 keep the fraction $1 - \\varepsilon$ of their probability, so "
        "each $\\log q_i$ drops by $\\log(1 - \\varepsilon)$; and $p_1 + p_2 = 1$.",
    )


def unseen_class_price() -> Step:
    r"""The rate at which the loss rises as mass moves to the unseen class: KKT's :math:`\mu_0`.

    :math:`\frac{d}{d\varepsilon} H(p, q(\varepsilon)) \big|_{\varepsilon = 0} = 1` for the
    models of :func:`unseen_class_cost`, given :math:`p_1 + p_2 = 1`.
    """
    share = sympy.Symbol("varepsilon", positive=True)
    probabilities, model = _unseen_class_models(share)
    return Step(
        "the price of the constraint q_0 >= 0",
        sympy.Subs(sympy.Derivative(_entropy_terms(probabilities, model), share), share, 0),
        sympy.Integer(1),
        where={p[2]: 1 - p[1]},
        note="The slope at $\\varepsilon = 0$ is $p_1 + p_2 = 1$: the KKT multiplier "
        "$\\mu_0$. Moving probability to a class that never occurred only costs.",
    )


def unseen_class_curvature() -> Step:
    r"""With :math:`p_0 = 0` the curvature of :math:`H(p, q)` in :math:`q_0` is 0."""
    return Step(
        "no curvature in q_0 when p_0 = 0",
        sympy.Derivative(-p[0] * sympy.log(q[0]), (q[0], 2)),
        sympy.Integer(0),
        where={p[0]: 0},
        note="The term $-p_0 \\log q_0$ is $0$ for every $q_0$: $H(p, q)$ is flat in $q_0$, "
        "convex but not strictly convex.",
    )

