"""The derivation as sympy steps that verify themselves.

Each :class:`Step` is one equality of the chain from the likelihood to the
cross-entropy: a name, a left side, a right side, and optional definitions
(``where``) substituted before the two sides are compared. :meth:`Step.verify`
decides the identity symbolically and returns ``False`` when it does not hold,
so a wrong step cannot pass unnoticed.

The symbols carry the assumptions the derivation relies on: model and data
probabilities ``q_i`` and ``p_i`` are positive, counts ``n_i`` are nonnegative
integers, ``N`` and ``K`` are positive integers. Steps stated for a general
number of classes use symbolic sums and products over ``i = 0, ..., K - 1``;
steps that need explicit coordinates (solving, differentiating) take
``num_classes``.

Examples
--------
>>> from nllce.symbolic import mean_nll_is_cross_entropy
>>> step = mean_nll_is_cross_entropy()
>>> step.verify()
True
>>> wrong = Step("forgot 1/N", -sympy.log(likelihood_with_frequencies()), step.rhs)
>>> wrong.verify()
False
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import sympy

from ._sympy_check import equal, substitute, tex
from ._sympy_layout import layout

__all__ = [
    "K",
    "N",
    "Step",
    "bits_from_nats",
    "counts_to_frequencies",
    "cross_entropy_decomposition",
    "cross_entropy_expr",
    "cross_entropy_term_curvature",
    "entropy_expr",
    "grouping_by_class",
    "kl_divergence_expr",
    "lagrange_minimiser",
    "lagrangian",
    "lam",
    "likelihood_with_counts",
    "likelihood_with_frequencies",
    "log_likelihood_as_sum",
    "mean_nll_gradient",
    "mean_nll_is_cross_entropy",
    "part1_chain",
    "q",
    "worked_sample_grouping",
    "worked_sample_mean_nll",
    "y",
]

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


# --- the steps of Part I ------------------------------------------------------


def worked_sample_grouping(labels: Sequence[int] = (2, 2, 1), num_classes: int = 3) -> Step:
    r"""A concrete sample's product over samples equals its product over classes.

    >>> worked_sample_grouping().latex()
    '{q}_{2} {q}_{2} {q}_{1} = {q}_{0}^{0} {q}_{1}^{1} {q}_{2}^{2}'
    """
    labels = _check_labels(labels, num_classes)
    per_sample = sympy.Mul(*(q[label] for label in labels), evaluate=False)
    per_class = sympy.Mul(
        *(sympy.Pow(q[c], labels.count(c), evaluate=False) for c in range(num_classes)),
        evaluate=False,
    )
    return Step(
        f"group the sample {list(labels)} by class",
        per_sample,
        per_class,
        note="Multiplication does not care about order, so equal factors can be "
        "collected into powers; a class that never occurs contributes $q_i^0 = 1$.",
    )


def grouping_by_class() -> Step:
    r"""Any sample: :math:`\prod_k \prod_i q_i^{y_{ki}} = \prod_i q_i^{n_i}`.

    ``y[k, i]`` is 1 when sample ``k`` has label ``i`` and 0 otherwise, so
    :math:`q_{x_k} = \prod_i q_i^{y_{ki}}` and :math:`n_i = \sum_k y_{ki}`.
    """
    per_sample = sympy.Product(sympy.Product(q[i] ** y[k, i], (i, 0, K - 1)), (k, 1, N))
    return Step(
        "product over samples = product over classes",
        per_sample,
        likelihood_with_counts(),
        where={n: sympy.Lambda(i, sympy.Sum(y[k, i], (k, 1, N)))},
        note="Each factor $q_{x_k}$ is $q_i$ for exactly one class $i$; collecting the "
        "factors of each class adds their exponents, and the sum counts that class.",
    )


def counts_to_frequencies() -> Step:
    r""":math:`\prod_i q_i^{n_i} = \prod_i q_i^{N p_i}` with :math:`p_i = n_i / N`."""
    return Step(
        "counts are N times frequencies",
        likelihood_with_counts(),
        likelihood_with_frequencies(),
        where={p: sympy.Lambda(i, n[i] / N)},
        note="This is where the power $N p_i$ comes from: it is the count $n_i$, "
        "rewritten with the frequency $p_i = n_i / N$.",
    )


def log_likelihood_as_sum() -> Step:
    r""":math:`\log \prod_i q_i^{N p_i} = N \sum_i p_i \log q_i`."""
    return Step(
        "the log turns the product into a sum",
        sympy.log(likelihood_with_frequencies()),
        -N * cross_entropy_expr(),
        note="$\\log(ab) = \\log a + \\log b$ and $\\log(a^c) = c \\log a$, for positive $a, b$.",
    )


def mean_nll_is_cross_entropy() -> Step:
    r""":math:`-\frac1N \log \prod_i q_i^{N p_i} = -\sum_i p_i \log q_i = H(p, q)`."""
    return Step(
        "the mean negative log-likelihood is the cross-entropy",
        -sympy.log(likelihood_with_frequencies()) / N,
        cross_entropy_expr(),
        note="Dividing by $N$ cancels the $N$ in every exponent $N p_i$.",
    )


def worked_sample_mean_nll(labels: Sequence[int] = (2, 2, 1), num_classes: int = 3) -> Step:
    r"""The worked sample's mean NLL written out with its frequencies."""
    labels = _check_labels(labels, num_classes)
    size = len(labels)
    product = sympy.Mul(*(q[label] for label in labels), evaluate=False)
    frequency_terms = sympy.Add(
        *(
            sympy.Mul(sympy.Rational(labels.count(c), size), sympy.log(q[c]), evaluate=False)
            for c in range(num_classes)
        ),
        evaluate=False,
    )
    return Step(
        f"mean NLL of {list(labels)} = cross-entropy against its frequencies",
        sympy.Mul(sympy.Rational(-1, size), sympy.log(product), evaluate=False),
        sympy.Mul(-1, frequency_terms, evaluate=False),
    )


def cross_entropy_decomposition() -> Step:
    r""":math:`H(p, q) = H(p) + \mathrm{KL}(p \,\|\, q)`."""
    return Step(
        "cross-entropy = entropy + KL divergence",
        cross_entropy_expr(),
        entropy_expr() + kl_divergence_expr(),
        note="Add and subtract $\\sum_i p_i \\log p_i$; the part that depends on $q$ is the KL.",
    )


def bits_from_nats() -> Step:
    r"""Cross-entropy in bits is the cross-entropy in nats divided by :math:`\ln 2`."""
    in_bits = -sympy.Sum(p[i] * sympy.log(q[i], 2), (i, 0, K - 1))
    return Step(
        "bits = nats / ln 2",
        in_bits,
        cross_entropy_expr() / sympy.log(2),
        note="$\\log_2 x = \\ln x / \\ln 2$ for every term, and the constant factors out.",
    )


def mean_nll_gradient(num_classes: int = 3) -> Step:
    r"""Gradient of the mean NLL in :math:`q`: :math:`-p_j / q_j`, free of :math:`N`."""
    _check_num_classes(num_classes)
    mean_nll = -sympy.Sum(n[i] * sympy.log(q[i]), (i, 0, num_classes - 1)) / N
    gradient = sympy.Matrix([sympy.Derivative(mean_nll, q[c]) for c in range(num_classes)])
    return Step(
        "gradient of the mean NLL",
        gradient,
        sympy.Matrix([-p[c] / q[c] for c in range(num_classes)]),
        where={p: sympy.Lambda(i, n[i] / N)},
        note="Only the frequencies appear: the mean NLL's gradient keeps the same "
        "size whatever $N$ is, while the summed NLL's gradient grows with $N$.",
    )


def cross_entropy_term_curvature() -> Step:
    r""":math:`\partial^2 (-p_i \log q_i) / \partial q_i^2 = p_i / q_i^2 > 0`."""
    return Step(
        "each term of H(p, q) curves upward",
        sympy.Derivative(-p[i] * sympy.log(q[i]), (q[i], 2)),
        p[i] / q[i] ** 2,
        note="A positive second derivative in every coordinate (and no cross terms) "
        "makes $H(p, q)$ convex in $q$, so a stationary point is the minimum.",
    )


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


def lagrange_minimiser(num_classes: int = 3) -> Step:
    r"""Solving the Lagrange conditions gives :math:`q^\star = p`.

    sympy solves :math:`\partial \mathcal{L} / \partial q_i = 0` together with
    :math:`\sum_i q_i = 1`; the step compares that solution with ``p`` given
    that ``p`` sums to one.
    """
    lagrange, coordinates = lagrangian(num_classes)
    equations = [sympy.diff(lagrange, c) for c in coordinates] + [sum(coordinates) - 1]
    solutions = sympy.solve(equations, [*coordinates, lam], dict=True)
    if len(solutions) != 1:  # the Lagrange conditions of H(p, .) have exactly one solution
        raise RuntimeError(f"expected one stationary point, sympy found {solutions}")
    minimiser = sympy.Matrix([solutions[0][c] for c in coordinates])
    last = num_classes - 1
    return Step(
        "the stationary point of the Lagrangian is q = p",
        minimiser,
        sympy.Matrix([p[c] for c in range(num_classes)]),
        where={p[last]: 1 - sum(p[c] for c in range(last))},
        note="sympy solves $\\partial \\mathcal{L} / \\partial q_i = -p_i / q_i + \\lambda = 0$ "
        "with $\\sum_i q_i = 1$: $q_i = p_i / \\lambda$ and $\\lambda = \\sum_i p_i = 1$.",
    )


def part1_chain() -> list[Step]:
    """The steps of Part I in the order the chapters take them."""
    return [
        worked_sample_grouping(),
        grouping_by_class(),
        counts_to_frequencies(),
        log_likelihood_as_sum(),
        mean_nll_is_cross_entropy(),
        worked_sample_mean_nll(),
        mean_nll_gradient(),
        cross_entropy_decomposition(),
        lagrange_minimiser(),
        cross_entropy_term_curvature(),
        bits_from_nats(),
    ]


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


def _definition_latex(key, value) -> tuple[str, str]:
    if isinstance(key, sympy.IndexedBase):  # shown for a general index: p_i = n_i / N
        key, value = key[i], value(i)
    return tex(key), tex(value)
