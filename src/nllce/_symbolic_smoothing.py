"""The held-out chapter's steps (additive smoothing), re-exported by
:mod:`nllce.symbolic`."""

from __future__ import annotations

import sympy

from ._symbolic_core import (
    K,
    N,
    Step,
    _check_num_classes,
    alpha,
    epsilon,
    i,
    lam,
    likelihood_with_counts,
    n,
    p,
    q,
)

# --- the held-out chapter: additive smoothing -------------------------------------


def log_posterior_with_dirichlet_prior() -> Step:
    r""":math:`\log \prod_i q_i^{n_i} q_i^{\alpha} = \sum_i (n_i + \alpha) \log q_i`.

    The likelihood times the Dirichlet prior's :math:`\prod_i q_i^{\alpha}` (the
    prior with concentration :math:`\alpha + 1`, up to its constant): the log
    posterior, up to a constant, treats :math:`\alpha` as extra counts.
    """
    prior = sympy.Product(q[i] ** alpha, (i, 0, K - 1))
    return Step(
        "the prior adds alpha to every count",
        sympy.log(likelihood_with_counts() * prior),
        sympy.Sum((n[i] + alpha) * sympy.log(q[i]), (i, 0, K - 1)),
        note="$q_i^{n_i} \\, q_i^{\\alpha} = q_i^{n_i + \\alpha}$ for each class, then the log "
        "turns the product into a sum.",
    )


def additive_smoothing_map(num_classes: int = 3) -> Step:
    r"""The maximiser of :math:`\sum_i (n_i + \alpha) \log q_i` on the simplex.

    sympy solves the Lagrange conditions of
    :math:`-\sum_i (n_i + \alpha) \log q_i + \lambda (\sum_i q_i - 1)`; the step
    compares the solution with :math:`(n_i + \alpha) / (N + K\alpha)`, given
    :math:`N = \sum_i n_i`.
    """
    _check_num_classes(num_classes)
    coordinates = [q[c] for c in range(num_classes)]
    objective = -sum((n[c] + alpha) * sympy.log(q[c]) for c in range(num_classes))
    lagrange = objective + lam * (sum(coordinates) - 1)
    equations = [sympy.diff(lagrange, c) for c in coordinates] + [sum(coordinates) - 1]
    solutions = sympy.solve(equations, [*coordinates, lam], dict=True)
    if len(solutions) != 1:  # a strictly concave objective on the simplex: one point
        raise RuntimeError(f"expected one stationary point, sympy found {solutions}")
    return Step(
        "the most probable model under the prior is additive smoothing",
        sympy.Matrix([solutions[0][c] for c in coordinates]),
        sympy.Matrix([(n[c] + alpha) / (N + num_classes * alpha) for c in range(num_classes)]),
        where={N: sum(n[c] for c in range(num_classes))},
        note="As for the maximum-likelihood model, with $n_i + \\alpha$ in place of $n_i$: "
        "$q_i = (n_i + \\alpha) / \\lambda$, and $\\sum_i q_i = 1$ makes $\\lambda$ the sum "
        "of all the numerators, $N + K\\alpha$.",
    )


def additive_smoothing_as_mixture() -> Step:
    r""":math:`(n_i + \alpha) / (N + K\alpha) = (1 - \varepsilon) p_i + \varepsilon / K`.

    With :math:`p_i = n_i / N` and :math:`\varepsilon = K\alpha / (N + K\alpha)`:
    smoothing mixes the frequencies with the uniform distribution.
    """
    return Step(
        "additive smoothing mixes the frequencies with the uniform distribution",
        (n[i] + alpha) / (N + K * alpha),
        (1 - epsilon) * p[i] + epsilon / K,
        where={p: sympy.Lambda(i, n[i] / N), epsilon: K * alpha / (N + K * alpha)},
        note="Split the fraction: $n_i / (N + K\\alpha) = (1 - \\varepsilon)\\, n_i / N$ and "
        "$\\alpha / (N + K\\alpha) = \\varepsilon / K$.",
    )

