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

from collections.abc import Sequence

import sympy

# The steps live in private modules by chapter and are re-exported here. The index
# symbols (i, k, n, p) and the chapters' extra symbols (alpha, epsilon, mu, q_boundary,
# log2) are module attributes but stay out of ``__all__``: a star import would shadow a
# reader's own ``i``, ``n``, ``p`` or ``alpha``.
from ._symbolic_boundary import (
    kkt_minimiser,
    kkt_point,
    lagrange_stationary_points,
    unseen_class_cost,
    unseen_class_curvature,
    unseen_class_price,
)
from ._symbolic_boundary import mu as mu
from ._symbolic_boundary import q_boundary as q_boundary
from ._symbolic_codes import code_length_decomposition, worked_sample_code_length
from ._symbolic_codes import log2 as log2
from ._symbolic_core import (
    K,
    N,
    Step,
    _check_labels,
    _check_num_classes,
    cross_entropy_expr,
    entropy_expr,
    i,
    k,
    kl_divergence_expr,
    lagrangian,
    lam,
    likelihood_with_counts,
    likelihood_with_frequencies,
    n,
    p,
    q,
    y,
)
from ._symbolic_core import alpha as alpha
from ._symbolic_core import epsilon as epsilon
from ._symbolic_smoothing import (
    additive_smoothing_as_mixture,
    additive_smoothing_map,
    log_posterior_with_dirichlet_prior,
)

__all__ = [
    "K",
    "N",
    "Step",
    "additive_smoothing_as_mixture",
    "additive_smoothing_map",
    "bits_from_nats",
    "code_length_decomposition",
    "counts_to_frequencies",
    "cross_entropy_decomposition",
    "cross_entropy_expr",
    "cross_entropy_term_curvature",
    "entropy_expr",
    "grouping_by_class",
    "kkt_minimiser",
    "kkt_point",
    "kl_divergence_expr",
    "lagrange_minimiser",
    "lagrange_stationary_points",
    "lagrangian",
    "lam",
    "likelihood_with_counts",
    "likelihood_with_frequencies",
    "log_likelihood_as_sum",
    "log_posterior_with_dirichlet_prior",
    "mean_nll_gradient",
    "mean_nll_is_cross_entropy",
    "part1_chain",
    "q",
    "unseen_class_cost",
    "unseen_class_curvature",
    "unseen_class_price",
    "worked_sample_code_length",
    "worked_sample_grouping",
    "worked_sample_mean_nll",
    "y",
]

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
    r""":math:`\partial^2 (-p_i \log q_i) / \partial q_i^2 = p_i / q_i^2`, positive if p_i is."""
    return Step(
        "each term of H(p, q) curves upward",
        sympy.Derivative(-p[i] * sympy.log(q[i]), (q[i], 2)),
        p[i] / q[i] ** 2,
        note="With every $p_i > 0$, a positive second derivative in every coordinate (and "
        "no cross terms) makes $H(p, q)$ strictly convex in $q$, so a stationary point is "
        "the minimum. A class with $p_i = 0$ adds no curvature (see the KKT steps).",
    )


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
        unseen_class_curvature(),
        kkt_minimiser(),
        unseen_class_price(),
        unseen_class_cost(),
        bits_from_nats(),
        code_length_decomposition(),
        worked_sample_code_length(),
    ]



# Document and show the re-exported steps where readers import them from.
for _name in __all__:
    if callable(globals()[_name]) and not isinstance(globals()[_name], sympy.Basic):
        globals()[_name].__module__ = __name__
del _name
