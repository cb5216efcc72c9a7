"""Part II's sympy steps verify, and wrong versions of them do not."""

import pytest
import sympy

from nllce import symbolic_network as sn
from nllce.symbolic import Step


def _with_rhs(step, rhs):
    """The same step with a different right side (and the same definitions)."""
    return Step(f"wrong: {step.name}", step.lhs, rhs, where=step.where)


@pytest.mark.parametrize("step", sn.part2_chain(), ids=lambda step: step.name)
def test_every_part2_step_verifies(step):
    assert step.verify()


def test_the_chain_has_every_step_of_the_chapters():
    names = {step.name for step in sn.part2_chain()}
    assert len(names) == len(sn.part2_chain()) == 15


@pytest.mark.parametrize("label", [0, 1, 2])
def test_loss_and_gradient_hold_for_every_label(label):
    assert sn.loss_from_logits(label).verify()
    assert sn.softmax_gradient(label).verify()
    assert sn.hessian_is_covariance(label).verify()


@pytest.mark.parametrize("num_classes", [2, 4])
def test_steps_hold_for_other_numbers_of_classes(num_classes):
    assert sn.softmax_gradient(label=1, num_classes=num_classes).verify()
    assert sn.soft_target_gradient(num_classes).verify()
    assert sn.softmax_shift_invariance(num_classes).verify()


# --- wrong versions must not verify --------------------------------------------------------

Z = sn.logits()
Q = sympy.Matrix([sn.q[c] for c in range(3)])


def test_loss_with_the_sign_flipped_fails():
    step = sn.loss_from_logits()
    assert not _with_rhs(step, -step.rhs).verify()
    assert not _with_rhs(step, -Z[2] + sympy.Max(*Z)).verify()  # max is not logsumexp


def test_gradient_with_the_sign_flipped_or_without_the_one_hot_fails():
    step = sn.softmax_gradient()
    assert not _with_rhs(step, -step.rhs).verify()
    assert not _with_rhs(step, Q).verify()
    assert not _with_rhs(step, Q - sympy.Matrix([1, 0, 0])).verify()  # wrong label


def test_soft_target_gradient_needs_the_target_to_sum_to_one():
    step = sn.soft_target_gradient()
    without_constraint = Step(step.name, step.lhs, step.rhs, where=step.where[:2])
    assert not without_constraint.verify()
    assert not _with_rhs(step, sympy.Matrix([sn.p[c] for c in range(3)]) - Q).verify()


def test_hessian_with_the_outer_product_added_fails():
    step = sn.hessian_is_covariance()
    diagonal = sympy.Matrix(3, 3, lambda a, b: sn.q[a] if a == b else 0)
    assert not _with_rhs(step, diagonal + Q * Q.T).verify()
    assert not _with_rhs(step, diagonal).verify()


def test_quadratic_form_is_not_a_plain_sum_of_squares():
    step = sn.hessian_is_positive_semidefinite()
    v = sympy.IndexedBase("v", real=True)
    assert not _with_rhs(step, sum(sn.q[c] * v[c] ** 2 for c in range(3))).verify()


def test_shift_invariance_fails_for_scaling():
    step = sn.softmax_shift_invariance()
    scaled = [2 * zc for zc in Z]
    normaliser = sum(sympy.exp(zc) for zc in scaled)
    scaled_softmax = sympy.Matrix([sympy.exp(zc) / normaliser for zc in scaled])
    assert not Step("scaling the logits", scaled_softmax, step.rhs, where=step.where).verify()


def test_logsumexp_trick_fails_without_adding_the_shift_back():
    step = sn.logsumexp_shift()
    m = sympy.Symbol("m", real=True)
    assert not _with_rhs(step, step.rhs - m).verify()


def test_sigmoid_of_the_wrong_sign_is_not_the_softmax():
    step = sn.sigmoid_is_two_class_softmax()
    z = sympy.Symbol("z", real=True)
    assert not _with_rhs(step, 1 / (1 + sympy.exp(z))).verify()


def test_binary_cross_entropy_with_the_target_swapped_fails():
    step = sn.binary_is_two_class_softmax()
    t = sympy.Symbol("t", nonnegative=True)
    assert not _with_rhs(step, step.rhs.subs(t, 1 - t)).verify()


def test_label_smoothing_with_the_other_convention_fails():
    step = sn.label_smoothing_is_mixed_target()
    eps = sympy.Symbol("varepsilon", nonnegative=True)
    other = [(1 - eps) if c == 2 else eps / 2 for c in range(3)]
    assert not _with_rhs(step, -sum(other[c] * sympy.log(sn.q[c]) for c in range(3))).verify()


def test_class_weights_divided_by_n_instead_of_the_total_weight_fail():
    step = sn.class_weights_reweight_target()
    wrong_lhs = -(sympy.log(sn.q[2]) * 2 + sympy.log(sn.q[2]) * 2 + sympy.log(sn.q[1])) / 3
    assert not Step("divided by N", wrong_lhs, step.rhs).verify()


def test_gaussian_with_sigma_instead_of_its_square_fails():
    step = sn.gaussian_nll_is_scaled_mse()
    sigma = sympy.Symbol("sigma", positive=True)
    assert not _with_rhs(step, step.rhs.subs(sigma**2, sigma)).verify()
    assert not _with_rhs(step, step.rhs - sympy.log(sigma)).verify()  # constants dropped


def test_grouping_with_equal_input_weights_fails():
    step = sn.grouping_by_input()
    qa = sympy.symbols("q_a0:3", positive=True)
    qb = sympy.symbols("q_b0:3", positive=True)
    equal_weights = sympy.Rational(1, 2) * (
        -(sympy.log(qa[1]) + 2 * sympy.log(qa[2])) / 3 - (sympy.log(qb[0]) + sympy.log(qb[2])) / 2
    )
    assert not _with_rhs(step, equal_weights).verify()


def test_steps_render_as_latex_with_their_definitions():
    step = sn.softmax_gradient()
    text = step.latex()
    assert r"\frac{\partial}{\partial {z}_{0}} \ell" in text
    assert r"\text{where }" in text and r"{q}_{i} = \frac{e^{{z}_{i}}}" in text


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: sn.loss_from_logits(label=3), "`label`"),
        (lambda: sn.softmax_gradient(label=True), "`label`"),
        (lambda: sn.logits(1), "`num_classes`"),
        (lambda: sn.gaussian_nll_is_scaled_mse(0), "`sample_size`"),
        (lambda: sn.class_weights_reweight_target(weights=(1, 0, 2)), "`weights`"),
        (lambda: sn.class_weights_reweight_target(weights=(1, 2)), "`weights`"),
        (lambda: sn.grouping_by_input(pairs=[("a", 5)]), "`labels`"),
        (lambda: sn.class_weights_reweight_target(labels=()), "`labels`"),
    ],
)
def test_bad_arguments_are_named(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_the_inputs_part_of_the_joint_nll_cannot_be_dropped_from_its_value():
    # p(x) drops out of the gradient, not out of the value: the joint NLL is not the
    # conditional NLL, and a p(x) that depended on theta would not drop out.
    split = sn.joint_likelihood_split()
    assert not _with_rhs(split, split.rhs.args[1]).verify()
    gradient = sn.input_term_has_no_gradient()
    theta = sympy.Symbol("theta", real=True)
    p_a = sympy.Symbol("p_a", positive=True)
    depends = gradient.lhs.expr.subs(p_a, sympy.exp(theta))
    moved = Step("p(a) depends on theta", sympy.Derivative(depends, theta), gradient.rhs)
    assert not moved.verify()


@pytest.mark.parametrize("pairs", [(("a", 0),), (("a", 1), ("b", 1), ("a", 2), ("c", 0))])
def test_joint_steps_hold_for_other_samples(pairs):
    assert sn.joint_likelihood_split(pairs).verify()
    assert sn.input_term_has_no_gradient(pairs).verify()
