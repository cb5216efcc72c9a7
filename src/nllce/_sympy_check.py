"""Deciding sympy identities, and printing them: the engine behind ``Step``.

Private to :mod:`nllce.symbolic`. :func:`equal` returns ``True`` only when
sympy reduces the difference of two expressions (or of their logarithms, for
two positive expressions) to zero after a few rewrites that are valid under
the symbols' assumptions.
"""

from collections.abc import Iterable

import sympy


def tex(expr) -> str:
    # Unevaluated products such as q_2 q_2 q_1 keep their written order; everything
    # else uses sympy's canonical order (which prints K - 1, not -1 + K).
    return sympy.latex(expr, order="none" if _has_unevaluated(expr) else None)


def ordered_terms(expr: sympy.Add) -> list:
    """The terms of a sum in the order :func:`tex` prints them."""
    return list(expr.args) if _has_unevaluated(expr) else expr.as_ordered_terms()


def _has_unevaluated(expr) -> bool:
    return any(
        isinstance(node, sympy.Mul | sympy.Add | sympy.Pow) and node.func(*node.args) != node
        for node in sympy.preorder_traversal(expr)
    )


def substitute(expr, where: Iterable[tuple[sympy.Basic, sympy.Basic]]):
    for key, value in where:
        if isinstance(key, sympy.IndexedBase):
            expr = expr.replace(
                lambda node, base=key: isinstance(node, sympy.Indexed) and node.base == base,
                lambda node, define=value: define(*node.indices),
            )
        else:
            expr = expr.xreplace({key: value})
    return expr


def equal(lhs, rhs) -> bool:
    if _is_zero(lhs - rhs):
        return True
    # a == b  <=>  log a == log b  for positive a, b (the log is one-to-one there)
    return _is_positive(lhs) and _is_positive(rhs) and _is_zero(sympy.log(lhs) - sympy.log(rhs))


def _is_zero(expr) -> bool:
    expr = _log_of_products(expr.doit())
    expr = expr.replace(
        lambda node: isinstance(node, sympy.Sum),
        lambda node: sympy.Sum(sympy.expand_log(node.function), *node.limits),
    )
    expr = sympy.expand_log(expr)
    expr = expr.replace(lambda node: isinstance(node, sympy.Sum), _flatten_sum)
    return sympy.simplify(expr) == 0


def _is_positive(expr) -> bool:
    if isinstance(expr, sympy.Product):
        return _is_positive(expr.function)
    if isinstance(expr, sympy.Mul):
        return all(_is_positive(factor) for factor in expr.args)
    if isinstance(expr, sympy.Pow):
        return _is_positive(expr.base) and bool(expr.exp.is_extended_real)
    return bool(expr.is_positive)


def _log_of_products(expr):
    """log(prod_j f_j) -> sum_j log f_j where every factor is positive."""
    return expr.replace(
        lambda node: (
            isinstance(node, sympy.log)
            and isinstance(node.args[0], sympy.Product)
            and _is_positive(node.args[0].function)
        ),
        lambda node: sympy.Sum(
            sympy.expand_log(sympy.log(node.args[0].function)), *node.args[0].limits
        ),
    )


def _exchangeable(body, limits) -> bool:
    """Whether a sum's terms may be split and its order of summation changed.

    Always for finite bounds. For infinite bounds only when every term is
    nonnegative (Tonelli); otherwise the value can depend on the order (a
    conditionally convergent double series), or a convergent sum can split into
    two divergent ones.
    """
    finite = all(sympy.sympify(bound).is_finite for limit in limits for bound in limit[1:])
    return finite or bool(body.is_extended_nonnegative)


def _flatten_sum(total: sympy.Sum):
    """Split sums of terms, merge nested sums, and order the limits by variable name.

    Splitting and ordering are done only where they are allowed (:func:`_exchangeable`).
    """
    body, limits = total.function, list(total.limits)
    if isinstance(body, sympy.Add) and _exchangeable(body, limits):
        return sympy.Add(*(_flatten_sum(sympy.Sum(term, *limits)) for term in body.args))
    outer_variables = {limit[0] for limit in limits}
    factors = sympy.Mul.make_args(body)
    inner = [factor for factor in factors if isinstance(factor, sympy.Sum)]
    if len(inner) == 1:
        (inner_sum,) = inner
        rest = sympy.Mul(*(factor for factor in factors if factor is not inner_sum))
        inner_variables = set(inner_sum.variables)
        if not inner_variables & (rest.free_symbols | outer_variables):
            return _flatten_sum(sympy.Sum(rest * inner_sum.function, *inner_sum.limits, *limits))
    variables = {limit[0] for limit in limits}
    rectangular = all(
        not (sympy.sympify(bound).free_symbols & variables)
        for limit in limits
        for bound in limit[1:]
    )
    if rectangular and _exchangeable(body, limits):
        limits.sort(key=lambda limit: limit[0].name)
    return sympy.Sum(body, *limits)
