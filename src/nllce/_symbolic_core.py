"""The building blocks of :mod:`nllce.symbolic`: its symbols, :class:`Step`, the
symbolic information quantities and the argument checks shared by the steps.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import sympy

from ._sympy_check import equal, substitute, tex
from ._sympy_layout import layout

# The index symbols i, k and the bases n, p are module attributes (``symbolic.p``,
# ``from nllce.symbolic import i``) but stay out of ``__all__``: a star import would
# shadow the reader's own ``i``, ``n`` and ``p``.
K, N = sympy.symbols("K N", integer=True, positive=True)
i = sympy.Symbol("i", integer=True, nonnegative=True)  # class index
k = sympy.Symbol("k", integer=True, positive=True)  # sample index, 1..N
q = sympy.IndexedBase("q", positive=True)  # model probabilities
p = sympy.IndexedBase("p", positive=True)  # data (empirical) probabilities
n = sympy.IndexedBase("n", integer=True, nonnegative=True)  # class counts
y = sympy.IndexedBase("y", integer=True, nonnegative=True)  # y[k, i] = 1 if x_k = i else 0
lam = sympy.Symbol("lambda", real=True)  # Lagrange multiplier
# The held-out chapter's pseudo-count and mixing weight (module attributes, not in
# ``__all__``, like ``i``, ``n`` and ``p``: a star import would shadow a reader's ``alpha``).
alpha = sympy.Symbol("alpha", positive=True)  # pseudo-count of additive smoothing
epsilon = sympy.Symbol("varepsilon", positive=True)  # weight of the uniform distribution


@dataclass(frozen=True)
class Step:
    r"""One equality of a derivation, checked by sympy.

    Parameters
    ----------
    name : str
        What the step does, in words (shown above the equation).
    lhs, rhs : sympy expression or Matrix
        The two sides. Unevaluated forms (``evaluate=False``, ``Derivative``)
        are kept for display and evaluated by :meth:`verify`.
    where : mapping, optional
        Definitions substituted into both sides before comparing. A key is a
        ``Symbol``, an ``Indexed`` (``p[2]``) or an ``IndexedBase`` (``p``); the
        value for an ``IndexedBase`` is a ``sympy.Lambda`` of the index, e.g.
        ``{p: Lambda(i, n[i] / N)}`` for :math:`p_i = n_i / N`.
    note : str, optional
        One sentence on why the step holds, shown under the equation (Markdown;
        ``$...$`` is inline math).

    Notes
    -----
    :meth:`verify` returns ``True`` only when sympy reduces
    :math:`\text{lhs} - \text{rhs}` to zero, or, for two positive sides,
    :math:`\log \text{lhs} - \log \text{rhs}` to zero. Before simplifying it
    unrolls sums and products with numeric bounds, turns the logarithm of a
    product of positive factors into a sum of logarithms, expands logarithms
    as the symbols' assumptions allow, and splits sums of terms and puts double
    sums in one order where that is always allowed: for finite bounds, or for
    nonnegative terms (Tonelli). An infinite double sum of terms of either sign
    is left in its order, since exchanging it can change its value. Anything
    sympy cannot reduce to zero counts as not verified: ``False`` never means
    "true but unproven" for the steps of this book, which the tests check. A
    side that is not an expression (an equation such as ``Eq(a, b)``, a
    boolean) never verifies.
    """

    name: str
    lhs: sympy.Basic
    rhs: sympy.Basic
    where: tuple[tuple[sympy.Basic, sympy.Basic], ...] = field(default=())
    note: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError(f"`name` must be a non-empty string, got {self.name!r}")
        for side in ("lhs", "rhs"):
            value = getattr(self, side)
            try:
                object.__setattr__(self, side, sympy.sympify(value))
            except (sympy.SympifyError, TypeError) as error:
                raise TypeError(f"`{side}` must be a sympy expression, got {value!r}") from error
        where = self.where.items() if isinstance(self.where, Mapping) else self.where
        pairs = tuple((sympy.sympify(key), sympy.sympify(value)) for key, value in where)
        for key, value in pairs:
            if isinstance(key, sympy.IndexedBase) and not isinstance(value, sympy.Lambda):
                raise TypeError(
                    f"`where[{key}]` must be a sympy.Lambda of the index, got {value!r}"
                )
        object.__setattr__(self, "where", pairs)

    def substituted(self) -> tuple[sympy.Basic, sympy.Basic]:
        """Both sides with the ``where`` definitions substituted."""
        return substitute(self.lhs, self.where), substitute(self.rhs, self.where)

    def verify(self) -> bool:
        """Decide symbolically whether ``lhs == rhs`` given ``where``.

        Returns
        -------
        bool
            ``True`` only when sympy proves the identity; ``False`` when it does not
            hold, cannot be proven, or a side is not an expression (e.g. ``Eq(a, b)``).
        """
        return self._verified

    @cached_property
    def _verified(self) -> bool:
        lhs, rhs = self.substituted()
        if isinstance(lhs, sympy.MatrixBase) or isinstance(rhs, sympy.MatrixBase):
            if not (isinstance(lhs, sympy.MatrixBase) and isinstance(rhs, sympy.MatrixBase)):
                return False
            if lhs.shape != rhs.shape:
                return False
            pairs = list(zip(lhs, rhs, strict=True))
        else:
            pairs = [(lhs, rhs)]
        # An equation, inequality or boolean has no difference to reduce to zero.
        if not all(isinstance(side, sympy.Expr) for pair in pairs for side in pair):
            return False
        return all(equal(a, b) for a, b in pairs)

    def latex(self, max_width: float = 30) -> str:
        r"""The equation and its definitions as LaTeX, without delimiters, in lines that fit.

        Parameters
        ----------
        max_width : float, optional
            The widest line, in ems, as estimated from the LaTeX; the default fits
            the 700 px content column of the book's pages.

        Returns
        -------
        str
            ``lhs = rhs`` if that fits and there are no definitions. Otherwise an
            ``aligned`` block (the right side under the left one if need be, a long
            sum wrapped after whole terms) with the ``where`` definitions on their
            own line(s) under it, the two in a ``gathered`` block.

        Examples
        --------
        >>> from nllce.symbolic import counts_to_frequencies
        >>> print(counts_to_frequencies().latex())  # doctest: +NORMALIZE_WHITESPACE
        \begin{gathered}\begin{aligned}\prod_{i=0}^{K - 1} {q}_{i}^{{n}_{i}}
        &= \prod_{i=0}^{K - 1} {q}_{i}^{N {p}_{i}}\end{aligned} \\[1ex]
        \text{where }\; {p}_{i} = \frac{{n}_{i}}{N}\end{gathered}
        """
        if isinstance(max_width, bool) or not isinstance(max_width, int | float):
            raise TypeError(f"`max_width` must be a number of ems, got {max_width!r}")
        if not max_width > 0:
            raise ValueError(f"`max_width` must be positive, got {max_width!r}")
        where = [_definition_latex(key, value) for key, value in self.where]
        return layout(self.lhs, self.rhs, where, max_width)

    def _repr_latex_(self) -> str:
        return f"$\\displaystyle {self.latex()}$"

    def _repr_markdown_(self) -> str:
        verdict = "verified by sympy ✓" if self.verify() else "does NOT hold (sympy) ✗"
        note = f"\n\n{self.note}" if self.note else ""
        return f"**{self.name}** ({verdict})\n\n$$\n{self.latex()}\n$${note}\n"

    def __str__(self) -> str:
        return f"{self.name}: {self.lhs} = {self.rhs}"


# --- symbolic counterparts of the information quantities ---------------------


def cross_entropy_expr(p_=p, q_=q, upper=K - 1):
    r""":math:`H(p, q) = -\sum_{i=0}^{K-1} p_i \log q_i` as a sympy ``Sum``."""
    return -sympy.Sum(p_[i] * sympy.log(q_[i]), (i, 0, upper))


def entropy_expr(p_=p, upper=K - 1):
    r""":math:`H(p) = -\sum_{i=0}^{K-1} p_i \log p_i` as a sympy ``Sum``."""
    return -sympy.Sum(p_[i] * sympy.log(p_[i]), (i, 0, upper))


def kl_divergence_expr(p_=p, q_=q, upper=K - 1):
    r""":math:`\mathrm{KL}(p \,\|\, q) = \sum_{i=0}^{K-1} p_i \log (p_i / q_i)`."""
    return sympy.Sum(p_[i] * sympy.log(p_[i] / q_[i]), (i, 0, upper))


def likelihood_with_counts():
    r""":math:`\prod_{i=0}^{K-1} q_i^{n_i}`."""
    return sympy.Product(q[i] ** n[i], (i, 0, K - 1))


def likelihood_with_frequencies():
    r""":math:`\prod_{i=0}^{K-1} q_i^{N p_i}`."""
    return sympy.Product(q[i] ** (N * p[i]), (i, 0, K - 1))


def lagrangian(num_classes: int = 3):
    r"""The Lagrangian :math:`-\sum_i p_i \log q_i + \lambda (\sum_i q_i - 1)`.

    Returns
    -------
    expression, coordinates
        The Lagrangian and the list ``[q_0, ..., q_{K-1}]``.
    """
    _check_num_classes(num_classes)
    coordinates = [q[c] for c in range(num_classes)]
    objective = -sum(p[c] * sympy.log(q[c]) for c in range(num_classes))
    return objective + lam * (sum(coordinates) - 1), coordinates


# --- argument checks ---------------------------------------------------------


def _check_labels(labels: Sequence[int], num_classes: int) -> list[int]:
    _check_num_classes(num_classes)
    labels = list(labels)
    if not labels:
        raise ValueError("`labels` must hold at least one label, got an empty sequence")
    for label in labels:
        if isinstance(label, bool) or not isinstance(label, int) or not 0 <= label < num_classes:
            raise ValueError(f"`labels` must be integers in 0..{num_classes - 1}, got {label!r}")
    return labels


def _check_num_classes(num_classes: int) -> None:
    if isinstance(num_classes, bool) or not isinstance(num_classes, int) or num_classes < 1:
        raise ValueError(f"`num_classes` must be a positive integer, got {num_classes!r}")


def _check_zero_classes(zero_classes: Sequence[int], num_classes: int) -> tuple[int, ...]:
    _check_num_classes(num_classes)
    zero = tuple(zero_classes)
    for c in zero:
        if isinstance(c, bool) or not isinstance(c, int) or not 0 <= c < num_classes:
            raise ValueError(
                f"`zero_classes` must be class indices in 0..{num_classes - 1}, got {c!r}"
            )
    if len(set(zero)) >= num_classes:
        raise ValueError(
            f"`zero_classes` must leave at least one class that occurred, got {zero_classes!r}"
        )
    return zero


def _definition_latex(key, value) -> tuple[str, str]:
    if isinstance(key, sympy.IndexedBase):  # shown for a general index: p_i = n_i / N
        key, value = key[i], value(i)
    return tex(key), tex(value)
