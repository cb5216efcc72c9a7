"""The sympy steps of the derivation: every step verifies, every wrong step fails."""

import math
import re

import pytest
import sympy

from nllce import symbolic, symbolic_network
from nllce._sympy_check import tex
from nllce._sympy_layout import latex_width
from nllce.symbolic import (
    K,
    N,
    Step,
    cross_entropy_expr,
    entropy_expr,
    i,
    k,
    kl_divergence_expr,
    likelihood_with_frequencies,
    n,
    p,
    q,
    y,
)

ALL_STEPS = symbolic.part1_chain()


@pytest.mark.parametrize("step", ALL_STEPS, ids=[step.name for step in ALL_STEPS])
def test_every_step_of_the_chain_verifies(step):
    assert step.verify() is True


@pytest.mark.parametrize("num_classes", [2, 3, 4])
def test_lagrange_minimiser_is_p_for_several_sizes(num_classes):
    assert symbolic.lagrange_minimiser(num_classes).verify()


@pytest.mark.parametrize("labels", [(0,), (1, 0), (2, 2, 1), (0, 0, 0, 3), (3, 1, 3, 1, 2)])
def test_worked_sample_steps_hold_for_other_samples(labels):
    num_classes = max(labels) + 1
    assert symbolic.worked_sample_grouping(labels, num_classes).verify()
    assert symbolic.worked_sample_mean_nll(labels, num_classes).verify()


def _counts_definition():
    return {n: sympy.Lambda(i, sympy.Sum(y[k, i], (k, 1, N)))}


WRONG_STEPS = [
    Step("forgot 1/N", -sympy.log(likelihood_with_frequencies()), cross_entropy_expr()),
    Step(
        "swapped p and q",
        -sympy.log(likelihood_with_frequencies()) / N,
        cross_entropy_expr(q, p),
    ),
    Step("sign flipped", sympy.log(likelihood_with_frequencies()) / N, cross_entropy_expr()),
    Step("KL taken as symmetric", kl_divergence_expr(), kl_divergence_expr(q, p)),
    Step(
        "KL in the wrong direction",
        cross_entropy_expr(),
        entropy_expr() + kl_divergence_expr(q, p),
    ),
    Step(
        "H(p, q) read as H(p)",
        cross_entropy_expr(),
        entropy_expr(),
    ),
    Step(
        "worked sample grouped wrongly",
        sympy.Mul(q[2], q[2], q[1], evaluate=False),
        q[2] * q[1] ** 2,
    ),
    Step(
        "general grouping off by one",
        symbolic.grouping_by_class().lhs,
        sympy.Product(q[i] ** (n[i] + 1), (i, 0, K - 1)),
        where=_counts_definition(),
    ),
    Step(
        "exponent p_i instead of N p_i",
        symbolic.likelihood_with_counts(),
        sympy.Product(q[i] ** p[i], (i, 0, K - 1)),
        where={p: sympy.Lambda(i, n[i] / N)},
    ),
    Step(
        "bits multiplied by ln 2",
        symbolic.bits_from_nats().lhs,
        cross_entropy_expr() * sympy.log(2),
    ),
    Step(
        "minimiser with classes swapped",
        symbolic.lagrange_minimiser().lhs,
        sympy.Matrix([p[0], p[2], p[1]]),
        where={p[2]: 1 - p[0] - p[1]},
    ),
    Step(
        "gradient without the 1/N (summed NLL)",
        symbolic.mean_nll_gradient().lhs,
        sympy.Matrix([-n[c] / q[c] for c in range(3)]),
    ),
    Step(
        "curvature with the wrong sign",
        symbolic.cross_entropy_term_curvature().lhs,
        -p[i] / q[i] ** 2,
    ),
    Step("matrix against scalar", sympy.Matrix([p[0]]), p[0]),
    Step("matrices of different shapes", sympy.Matrix([p[0], p[1]]), sympy.Matrix([p[0]])),
]


@pytest.mark.parametrize("step", WRONG_STEPS, ids=[step.name for step in WRONG_STEPS])
def test_wrong_steps_do_not_verify(step):
    assert step.verify() is False


def test_each_correct_step_fails_when_one_side_is_perturbed():
    # A check that cannot fail is worthless: nudge every step of the chain.
    for step in ALL_STEPS:
        if isinstance(step.rhs, sympy.MatrixBase):
            perturbed = step.rhs + sympy.ones(*step.rhs.shape)
        else:
            perturbed = 2 * step.rhs + 1
        assert not Step(step.name, step.lhs, perturbed, where=dict(step.where)).verify(), step.name


# --- infinite double sums: exchanging the order is not always allowed --------------

_m, _n = sympy.symbols("m n", integer=True, nonnegative=True)
_a = sympy.IndexedBase("a", real=True)  # terms of either sign
_INFINITE_LIMITS_N_FIRST = ((_n, 0, sympy.oo), (_m, 0, sympy.oo))  # sum over n, then m
_INFINITE_LIMITS_M_FIRST = ((_m, 0, sympy.oo), (_n, 0, sympy.oo))


def test_an_infinite_double_sum_of_signed_terms_is_not_reordered():
    # False in general: a_mn = delta_mn - delta_(n, m+1) gives 0 summed over n first and
    # 1 summed over m first (next test). Without absolute convergence the order matters.
    step = Step(
        "exchange an infinite double sum",
        sympy.Sum(_a[_m, _n], *_INFINITE_LIMITS_N_FIRST),
        sympy.Sum(_a[_m, _n], *_INFINITE_LIMITS_M_FIRST),
    )
    assert step.verify() is False


def test_the_counterexample_really_changes_with_the_order():
    terms = sympy.KroneckerDelta(_m, _n) - sympy.KroneckerDelta(_n, _m + 1)
    assert sympy.Sum(terms, *_INFINITE_LIMITS_N_FIRST).doit() == 0
    inner_over_m = [sympy.Sum(terms.subs(_n, c), (_m, 0, sympy.oo)).doit() for c in range(4)]
    assert inner_over_m == [1, 0, 0, 0]  # so summing over m first gives 1
    wrong = Step(
        "exchange the counterexample",
        sympy.Sum(terms, *_INFINITE_LIMITS_N_FIRST),
        sympy.Sum(terms, *_INFINITE_LIMITS_M_FIRST),
    )
    assert wrong.verify() is False


def test_nonnegative_and_finite_double_sums_are_still_reordered():
    positive = sympy.IndexedBase("b", positive=True)
    tonelli = Step(
        "exchange an infinite double sum of positive terms",
        sympy.Sum(positive[_m, _n], *_INFINITE_LIMITS_N_FIRST),
        sympy.Sum(positive[_m, _n], *_INFINITE_LIMITS_M_FIRST),
    )
    assert tonelli.verify() is True
    finite = Step(
        "exchange a finite double sum",
        sympy.Sum(_a[_m, _n], (_n, 0, K - 1), (_m, 1, N)),
        sympy.Sum(_a[_m, _n], (_m, 1, N), (_n, 0, K - 1)),
    )
    assert finite.verify() is True


# --- sides that are not expressions --------------------------------------------


@pytest.mark.parametrize(
    ("lhs", "rhs"),
    [
        (sympy.Eq(p[0], q[0]), p[0]),
        (p[0], sympy.Eq(p[0], q[0])),
        (sympy.Eq(p[0], q[0]), sympy.Eq(p[0], q[0])),
        (sympy.Lt(p[0], 1), sympy.true),
    ],
)
def test_a_relational_side_does_not_verify(lhs, rhs):
    assert Step("an equation as a side", lhs, rhs).verify() is False


def test_index_symbols_stay_out_of_all_but_remain_importable():
    assert {"i", "k", "n", "p"}.isdisjoint(symbolic.__all__)
    assert (symbolic.i, symbolic.k, symbolic.n, symbolic.p) == (i, k, n, p)
    assert all(hasattr(symbolic, name) for name in symbolic.__all__)


def test_symbols_carry_the_assumptions_of_the_derivation():
    assert q[i].is_positive and p[i].is_positive
    assert n[i].is_integer and n[i].is_nonnegative
    assert N.is_integer and N.is_positive and K.is_positive


def test_latex_shows_the_worked_sample_in_written_order():
    step = symbolic.worked_sample_grouping()
    assert step.latex() == "{q}_{2} {q}_{2} {q}_{1} = {q}_{0}^{0} {q}_{1}^{1} {q}_{2}^{2}"
    assert step._repr_latex_().startswith("$\\displaystyle ")


def test_latex_shows_definitions_and_canonical_limits():
    text = symbolic.counts_to_frequencies().latex()
    assert "\\text{where }" in text
    assert "\\frac{{n}_{i}}{N}" in text
    assert "K - 1" in text


def test_markdown_reports_the_verdict():
    good = symbolic.mean_nll_is_cross_entropy()._repr_markdown_()
    bad = WRONG_STEPS[0]._repr_markdown_()
    assert "verified by sympy" in good and "$$" in good
    assert "does NOT hold" in bad


def test_where_accepts_a_mapping_and_stores_pairs():
    step = symbolic.counts_to_frequencies()
    assert step.where == ((p, sympy.Lambda(i, n[i] / N)),)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"name": "", "lhs": 1, "rhs": 1}, ValueError, "`name`"),
        ({"name": "x", "lhs": object(), "rhs": 1}, TypeError, "`lhs`"),
        ({"name": "x", "lhs": 1, "rhs": 1, "where": {p: 1}}, TypeError, "`where\\[p\\]`"),
    ],
)
def test_bad_step_arguments_are_named(kwargs, error, match):
    with pytest.raises(error, match=match):
        Step(**kwargs)


@pytest.mark.parametrize(
    ("labels", "num_classes", "match"),
    [
        ((), 3, "`labels`"),
        ((3,), 3, "`labels`"),
        ((True,), 3, "`labels`"),
        ((0,), 0, "`num_classes`"),
    ],
)
def test_bad_samples_are_named(labels, num_classes, match):
    with pytest.raises(ValueError, match=match):
        symbolic.worked_sample_grouping(labels, num_classes)


def test_lagrangian_has_one_coordinate_per_class():
    lagrange, coordinates = symbolic.lagrangian(4)
    assert coordinates == [q[0], q[1], q[2], q[3]]
    assert symbolic.lam in lagrange.free_symbols


# --- a class that never occurred: Lagrange fails, KKT does not ----------------------


def test_lagrange_has_no_stationary_point_when_a_class_never_occurred():
    third = sympy.Rational(1, 3)
    assert symbolic.lagrange_stationary_points([0, third, 2 * third]) == []
    (point,) = symbolic.lagrange_stationary_points([sympy.Rational(1, 6), third, sympy.S.Half])
    assert [point[q[c]] for c in range(3)] == [sympy.Rational(1, 6), third, sympy.S.Half]
    assert point[symbolic.lam] == 1


@pytest.mark.parametrize(
    ("num_classes", "zero_classes"),
    [(3, (0,)), (3, ()), (2, (1,)), (4, (0, 1)), (4, (1, 3)), (5, (0, 2, 4))],
)
def test_kkt_point_is_p_with_zeros_where_p_is_zero(num_classes, zero_classes):
    assert symbolic.kkt_minimiser(num_classes, zero_classes).verify()
    point = symbolic.kkt_point(num_classes, zero_classes)
    seen = sum(p[c] for c in range(num_classes) if c not in zero_classes)
    for c in range(num_classes):  # mu_i = lambda = sum of the seen p_i exactly where p_i = 0
        expected = seen if c in zero_classes else 0
        assert sympy.simplify(point[symbolic.mu[c]] - expected) == 0
    assert sympy.simplify(point[symbolic.lam] - seen) == 0


def test_wrong_boundary_steps_do_not_verify():
    kkt = symbolic.kkt_minimiser()
    spread = Step("mass on the unseen class", kkt.lhs, sympy.Matrix([p[0], p[1], p[2]]),
                  where=dict(kkt.where))
    assert not spread.verify()
    curvature = symbolic.unseen_class_curvature()
    assert not Step("curvature without p_0 = 0", curvature.lhs, curvature.rhs).verify()
    cost = symbolic.unseen_class_cost()
    assert not Step("cost with the sign flipped", cost.lhs, -cost.rhs).verify()
    price = symbolic.unseen_class_price()
    assert not Step("moving mass is free", price.lhs, 0, where=dict(price.where)).verify()


def test_the_cost_of_an_unseen_class_matches_numbers():
    share = sympy.Symbol("varepsilon", positive=True)
    cost = symbolic.unseen_class_cost()
    values = {p[1]: sympy.Rational(1, 3), p[2]: sympy.Rational(2, 3), share: sympy.Rational(1, 10)}
    assert float(cost.lhs.xreplace(values)) == pytest.approx(-math.log(0.9))


@pytest.mark.parametrize(
    ("num_classes", "zero_classes", "match"),
    [(3, (3,), "`zero_classes`"), (3, (True,), "`zero_classes`"), (2, (0, 1), "at least one"),
     (0, (), "`num_classes`")],
)
def test_bad_zero_classes_are_named(num_classes, zero_classes, match):
    with pytest.raises(ValueError, match=match):
        symbolic.kkt_point(num_classes, zero_classes)


# --- layout: every step fits the page column ----------------------------------

BOOK_STEPS = symbolic.part1_chain() + symbolic_network.part2_chain()
COLUMN = 30  # ems: the 688 px content column at about 21 px per estimated em


def _as_one_line(text):
    """Undo the layout: the equation of a laid-out step as ``lhs = rhs``."""
    equation = text.removeprefix(r"\begin{gathered}").split(r" \\[1ex] ")[0]
    if equation.startswith(r"\begin{aligned}"):
        equation = equation.removeprefix(r"\begin{aligned}").removesuffix(r"\end{aligned}")
        equation = re.sub(r"^& (\{-\} )?", lambda m: "- " if m.group(1) else "", equation)
        equation = re.sub(r" \\\\ &\\quad \{\} ", " ", equation)
        equation = equation.replace(r" \\ &= ", " = ").replace(" &= ", " = ")
    return equation


@pytest.mark.parametrize("step", BOOK_STEPS, ids=[step.name for step in BOOK_STEPS])
def test_every_step_of_the_book_fits_the_column(step):
    assert latex_width(step.latex()) <= COLUMN


@pytest.mark.parametrize("max_width", [10, 20, COLUMN, math.inf])
@pytest.mark.parametrize("step", BOOK_STEPS, ids=[step.name for step in BOOK_STEPS])
def test_layout_only_breaks_lines(step, max_width):
    assert _as_one_line(step.latex(max_width)) == f"{tex(step.lhs)} = {tex(step.rhs)}"


@pytest.mark.parametrize(
    "step", [s for s in BOOK_STEPS if s.where], ids=[s.name for s in BOOK_STEPS if s.where]
)
def test_definitions_go_on_their_own_lines(step):
    text = step.latex()
    assert text.startswith(r"\begin{gathered}") and text.endswith(r"\end{gathered}")
    below = text.split(r" \\[1ex] ")[1]
    assert below.startswith((r"\text{where }", r"\begin{aligned}\text{where }"))
    narrow = step.latex(max_width=5).split(r" \\[1ex] ")[1]
    assert narrow.count(r", \\ & ") == len(step.where) - 1  # one definition a line


def test_a_wide_sum_wraps_after_whole_terms():
    step = symbolic_network.hessian_is_positive_semidefinite()
    assert latex_width(tex(step.lhs)) > COLUMN and latex_width(tex(step.rhs)) > COLUMN
    equation = step.latex().split(r" \\[1ex] ")[0]
    assert equation.startswith(r"\begin{gathered}\begin{aligned}& {-} {q}_{0}^{2}")
    assert equation.endswith(r"\end{aligned}")
    lines = equation[len(r"\begin{gathered}\begin{aligned}") : -len(r"\end{aligned}")]
    lines = lines.split(r" \\ ")
    assert len(lines) >= 4
    assert lines[0].endswith(r"{q}_{1} {v}_{1}^{2}")  # a whole term, not half a product
    assert [line[:3] for line in lines].count("&= ") == 1  # the = starts one line
    assert all(latex_width(line) <= COLUMN for line in lines)


def test_a_short_left_side_keeps_the_right_side_beside_it():
    text = symbolic_network.grouping_by_input().latex()
    first, second = text.removeprefix(r"\begin{aligned}").split(r" \\ ")
    assert first.startswith(r"- \frac{\log") and " &= " in first
    assert second.startswith(r"&\quad {} - \frac{\log")


def test_a_step_that_fits_stays_one_plain_line():
    step = symbolic.mean_nll_is_cross_entropy()
    assert step.latex() == f"{tex(step.lhs)} = {tex(step.rhs)}"
    assert "aligned" in step.latex(max_width=10)


def test_width_estimate_follows_tex_styles():
    assert latex_width(r"\frac{a + b}{c}") < latex_width("a + b + c")
    assert latex_width("x^{2}") < latex_width("x 2")  # a superscript is set smaller
    assert latex_width(r"\sum_{i=0}^{K - 1} x") < latex_width("i=0 x")  # limits stack
    matrix = r"\left[\begin{matrix}a & b\\c + d & e\end{matrix}\right]"
    assert latex_width(matrix) == pytest.approx(
        latex_width("c + d") + latex_width("b") + 1.0 + 2 * 0.6, abs=0.02
    )


@pytest.mark.parametrize(
    ("max_width", "error"),
    [(0, ValueError), (-3.0, ValueError), (math.nan, ValueError), ("30", TypeError),
     (True, TypeError)],
)  # fmt: skip
def test_bad_max_width_is_named(max_width, error):
    with pytest.raises(error, match="`max_width`"):
        symbolic.counts_to_frequencies().latex(max_width)
