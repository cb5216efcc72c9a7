r"""Part II's steps as sympy identities: softmax, its gradient, and the variations.

Each function returns a :class:`nllce.symbolic.Step` whose :meth:`~nllce.symbolic.Step.verify`
decides the identity. The steps work with explicit coordinates, ``K = 3`` classes by
default: the logits :math:`z_0, z_1, z_2` are real symbols and

.. math::

    q_i = \operatorname{softmax}(z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}.

Examples
--------
>>> step = softmax_gradient()
>>> step.verify()
True
>>> from nllce.symbolic import Step
>>> Step("sign flipped", step.lhs, -step.rhs, where=step.where).verify()
False
>>> loss_from_logits().lhs
-log(q[2])
"""

from collections.abc import Sequence

import sympy

from .symbolic import Step, i

__all__ = [
    "binary_is_two_class_softmax",
    "class_weights_reweight_target",
    "gaussian_nll_is_scaled_mse",
    "grouping_by_input",
    "hessian_is_covariance",
    "hessian_is_positive_semidefinite",
    "input_term_has_no_gradient",
    "joint_likelihood_split",
    "label_smoothing_is_mixed_target",
    "logits",
    "logsumexp_shift",
    "loss_from_logits",
    "part2_chain",
    "sigmoid_is_two_class_softmax",
    "soft_target_gradient",
    "softmax_definition",
    "softmax_gradient",
    "softmax_shift_invariance",
]

#: Logits, model probabilities and target probabilities, indexed by class.
z = sympy.IndexedBase("z", real=True)
q = sympy.IndexedBase("q", positive=True)
p = sympy.IndexedBase("p", positive=True)


class _Loss(sympy.Function):
    """The loss of one example as a function of the logits, printed as a plain ``\\ell``."""

    def _latex(self, printer, exp=None):
        return r"\ell" if exp is None else rf"\ell^{{{exp}}}"


def logits(num_classes=3):
    """The real logits :math:`z_0, \\dots, z_{K-1}`.

    >>> logits()
    [z[0], z[1], z[2]]
    """
    _check_num_classes(num_classes, minimum=2)
    return [z[c] for c in range(num_classes)]


def softmax_definition(num_classes=3):
    r"""The definition :math:`q_i = e^{z_i} / \sum_j e^{z_j}` as a ``where`` entry of a Step.

    >>> key, value = softmax_definition()
    >>> value(0)
    exp(z[0])/(exp(z[0]) + exp(z[1]) + exp(z[2]))
    """
    return q, sympy.Lambda(i, sympy.exp(z[i]) / _normaliser(logits(num_classes)))


def _normaliser(zs):
    return sum(sympy.exp(zc) for zc in zs)


def _logsumexp(zs):
    return sympy.log(_normaliser(zs))


def _column(base, num_classes):
    return sympy.Matrix([base[c] for c in range(num_classes)])


def _one_hot(label, num_classes):
    return sympy.Matrix([1 if c == label else 0 for c in range(num_classes)])


def loss_from_logits(label=2, num_classes=3):
    r""":math:`-\log q_y = -z_y + \log \sum_j e^{z_j}` for :math:`q = \operatorname{softmax}(z)`."""
    _check_label(label, num_classes)
    zs = logits(num_classes)
    return Step(
        "the loss from logits",
        -sympy.log(q[label]),
        -zs[label] + _logsumexp(zs),
        where=[softmax_definition(num_classes)],
        note="The log of a quotient is the difference of the logs, and "
        "$\\log e^{z_y} = z_y$.",
    )


def softmax_shift_invariance(num_classes=3):
    r""":math:`\operatorname{softmax}(z + c) = \operatorname{softmax}(z)` for every real `c`."""
    zs = logits(num_classes)
    c = sympy.Symbol("c", real=True)
    shifted = [zc + c for zc in zs]
    return Step(
        "adding a constant to every logit changes nothing",
        sympy.Matrix([sympy.exp(zc) / _normaliser(shifted) for zc in shifted]),
        _column(q, num_classes),
        where=[softmax_definition(num_classes)],
        note="$e^{z_i + c} = e^{c} e^{z_i}$: the factor $e^{c}$ appears above and below "
        "and cancels.",
    )


def logsumexp_shift(num_classes=3):
    r""":math:`\log \sum_j e^{z_j} = m + \log \sum_j e^{z_j - m}`: the log-sum-exp trick."""
    zs = logits(num_classes)
    m = sympy.Symbol("m", real=True)
    return Step(
        "the log-sum-exp trick",
        _logsumexp(zs),
        m + _logsumexp([zc - m for zc in zs]),
        note="Factor $e^{m}$ out of the sum; any $m$ works, and $m = \\max_j z_j$ keeps "
        "every exponent at most 0 (no overflow) and one term equal to 1 (no $\\log 0$).",
    )


def softmax_gradient(label=2, num_classes=3):
    r""":math:`\partial \ell / \partial z = q - \text{onehot}(y)` for :math:`\ell = -\log q_y`."""
    _check_label(label, num_classes)
    zs = logits(num_classes)
    loss = _Loss(*zs)
    return Step(
        "the gradient of the loss is predicted minus wanted",
        sympy.Matrix([sympy.Derivative(loss, zc) for zc in zs]),
        _column(q, num_classes) - _one_hot(label, num_classes),
        where=[(loss, -zs[label] + _logsumexp(zs)), softmax_definition(num_classes)],
        note="The derivative of $\\log \\sum_j e^{z_j}$ in $z_i$ is "
        "$e^{z_i} / \\sum_j e^{z_j} = q_i$; the derivative of $-z_y$ is $-1$ in "
        "coordinate $y$ and 0 elsewhere.",
    )


def soft_target_gradient(num_classes=3):
    r""":math:`\partial H(p, q) / \partial z = q - p` when :math:`\sum_i p_i = 1`.

    Here :math:`q = \operatorname{softmax}(z)` and :math:`p` is any target distribution.
    """
    zs = logits(num_classes)
    loss = _Loss(*zs)
    last = num_classes - 1
    return Step(
        "the gradient for a soft target",
        sympy.Matrix([sympy.Derivative(loss, zc) for zc in zs]),
        _column(q, num_classes) - _column(p, num_classes),
        where=[
            (loss, -sum(p[c] * sympy.log(q[c]) for c in range(num_classes))),
            softmax_definition(num_classes),
            (p[last], 1 - sum(p[c] for c in range(last))),
        ],
        note="Each term $-p_i \\log q_i$ contributes $p_i\\,(q - \\text{onehot}(i))$; they "
        "add up to $q \\sum_i p_i - p$, which is $q - p$ because the target sums to 1.",
    )


def hessian_is_covariance(label=2, num_classes=3):
    r"""The Hessian of :math:`\ell = -\log q_y` in the logits: :math:`\mathrm{diag}(q) - qq^T`."""
    _check_label(label, num_classes)
    zs = logits(num_classes)
    loss = _Loss(*zs)
    column = _column(q, num_classes)
    diagonal = sympy.Matrix(num_classes, num_classes, lambda a, b: q[a] if a == b else 0)
    return Step(
        "the Hessian of the loss in the logits",
        sympy.Matrix(num_classes, num_classes, lambda a, b: sympy.Derivative(loss, zs[a], zs[b])),
        diagonal - column * column.T,
        where=[(loss, -zs[label] + _logsumexp(zs)), softmax_definition(num_classes)],
        note="Differentiate the gradient $q_i - [i = y]$ once more: "
        "$\\partial q_i / \\partial z_j = q_i [i = j] - q_i q_j$. The label drops out, "
        "because $-z_y$ is linear.",
    )


def hessian_is_positive_semidefinite(num_classes=3):
    r""":math:`v^\top (\operatorname{diag}(q) - q q^\top) v = \sum_i q_i (v_i - \bar v)^2 \ge 0`.

    Here :math:`\bar v = \sum_j q_j v_j`: the quadratic form is the variance of
    :math:`v` under :math:`q`, which is never negative, so the Hessian is positive
    semidefinite and the loss is convex in the logits.
    """
    v = sympy.IndexedBase("v", real=True)
    column = _column(q, num_classes)
    diagonal = sympy.Matrix(num_classes, num_classes, lambda a, b: q[a] if a == b else 0)
    vector = _column(v, num_classes)
    mean_v = sum(q[c] * v[c] for c in range(num_classes))
    quadratic_form = sympy.expand((vector.T * (diagonal - column * column.T) * vector)[0])
    return Step(
        "the Hessian's quadratic form is a variance",
        quadratic_form,
        sum(q[c] * (v[c] - mean_v) ** 2 for c in range(num_classes)),
        where=[softmax_definition(num_classes)],
        note="Expand the square and use $\\sum_i q_i = 1$: both sides are "
        "$\\sum_i q_i v_i^2 - \\left(\\sum_i q_i v_i\\right)^2$.",
    )


def sigmoid_is_two_class_softmax():
    r""":math:`\operatorname{softmax}(0, z)_1 = \sigma(z) = 1 / (1 + e^{-z})`."""
    logit = sympy.Symbol("z", real=True)
    return Step(
        "the sigmoid is a two-class softmax",
        sympy.exp(logit) / (1 + sympy.exp(logit)),
        1 / (1 + sympy.exp(-logit)),
        note="The left side is $\\operatorname{softmax}(0, z)_1 = e^{z} / (e^{0} + e^{z})$; "
        "divide above and below by $e^{z}$.",
    )


def binary_is_two_class_softmax():
    r"""Binary cross-entropy with logits is the cross-entropy of a two-class softmax.

    .. math::

        \begin{aligned}
        &-t \log \sigma(z) - (1 - t) \log(1 - \sigma(z)) \\
        &\quad = -(1 - t) \log \operatorname{softmax}(0, z)_0
        - t \log \operatorname{softmax}(0, z)_1
        \end{aligned}
    """
    logit = sympy.Symbol("z", real=True)
    t = sympy.Symbol("t", nonnegative=True)
    sigma = 1 / (1 + sympy.exp(-logit))
    normaliser = 1 + sympy.exp(logit)
    return Step(
        "binary cross-entropy = two-class cross-entropy",
        -t * sympy.log(sigma) - (1 - t) * sympy.log(1 - sigma),
        -(1 - t) * sympy.log(1 / normaliser) - t * sympy.log(sympy.exp(logit) / normaliser),
        note="Class 1 gets the logit $z$ and class 0 the logit 0; the target is "
        "$(1 - t, t)$.",
    )


def label_smoothing_is_mixed_target(label=2, num_classes=3):
    r"""Label smoothing is the cross-entropy against a mixed target.

    The target is :math:`p_\varepsilon = (1-\varepsilon)\,\text{onehot}(y) + \varepsilon/K`:

    .. math::

        (1 - \varepsilon)(-\log q_y) + \frac{\varepsilon}{K} \sum_i (-\log q_i)
        = -\sum_i \Big((1 - \varepsilon)[i = y] + \frac{\varepsilon}{K}\Big) \log q_i
    """
    _check_label(label, num_classes)
    eps = sympy.Symbol("varepsilon", nonnegative=True)
    one_hot = _one_hot(label, num_classes)
    mixed = [(1 - eps) * one_hot[c] + eps / num_classes for c in range(num_classes)]
    return Step(
        "label smoothing is a mixed target",
        (1 - eps) * -sympy.log(q[label])
        + eps / num_classes * sum(-sympy.log(q[c]) for c in range(num_classes)),
        -sum(mixed[c] * sympy.log(q[c]) for c in range(num_classes)),
        note="Both sides are linear in the target; collect the coefficient of each "
        "$\\log q_i$.",
    )


def class_weights_reweight_target(labels=(2, 2, 1), weights=(1, 1, 2), num_classes=3):
    r"""Class-weighted mean NLL = cross-entropy against reweighted frequencies.

    With class weights :math:`w_i`, the weighted mean NLL (normalised by the total
    weight, as PyTorch's ``reduction="mean"`` does) of a sample under a shared model
    :math:`q` is :math:`H(p^w, q)` with :math:`p^w_i = w_i n_i / \sum_j w_j n_j`.
    """
    labels = _check_labels(labels, num_classes)
    weights = [sympy.nsimplify(w) for w in weights]
    if len(weights) != num_classes or not all(w.is_positive for w in weights):
        raise ValueError(
            f"`weights` must hold {num_classes} positive numbers, got {tuple(weights)!r}"
        )
    total_weight = sum(weights[y] for y in labels)
    reweighted = [weights[c] * labels.count(c) / total_weight for c in range(num_classes)]
    return Step(
        f"class weights {tuple(weights)} reweight the frequencies of {list(labels)}",
        -sympy.Add(*(weights[y] * sympy.log(q[y]) for y in labels), evaluate=False) / total_weight,
        -sympy.Add(*(reweighted[c] * sympy.log(q[c]) for c in range(num_classes)), evaluate=False),
        note="Group the weighted terms by class, as in Part I: class $i$ appears $n_i$ "
        "times, each time with weight $w_i$.",
    )


def gaussian_nll_is_scaled_mse(sample_size=3):
    r"""The mean Gaussian NLL is the mean squared error over :math:`2\sigma^2`, plus constants.

    .. math::

        -\frac1N \sum_k \log \mathcal{N}(y_k; \mu_k, \sigma^2)
        = \frac{1}{2\sigma^2} \cdot \frac1N \sum_k (y_k - \mu_k)^2
          + \log \sigma + \tfrac12 \log (2\pi)
    """
    _check_num_classes(sample_size, minimum=1, name="sample_size")
    y = sympy.symbols(f"y_1:{sample_size + 1}", real=True)
    mu = sympy.symbols(f"mu_1:{sample_size + 1}", real=True)
    sigma = sympy.Symbol("sigma", positive=True)
    densities = [
        sympy.exp(-((yk - mk) ** 2) / (2 * sigma**2)) / sympy.sqrt(2 * sympy.pi * sigma**2)
        for yk, mk in zip(y, mu, strict=True)
    ]
    mse = sum((yk - mk) ** 2 for yk, mk in zip(y, mu, strict=True)) / sample_size
    return Step(
        "Gaussian NLL = MSE / $(2\\sigma^2)$ + constants",
        -sympy.log(sympy.Mul(*densities)) / sample_size,
        mse / (2 * sigma**2) + sympy.log(sigma) + sympy.log(2 * sympy.pi) / 2,
        note="The log of each density is "
        "$-(y_k - \\mu_k)^2 / (2\\sigma^2) - \\log \\sigma - \\tfrac12 \\log(2\\pi)$; "
        "only the first term depends on the predictions $\\mu_k$.",
    )


def grouping_by_input(pairs=(("a", 2), ("a", 2), ("a", 1), ("b", 0), ("b", 2)), num_classes=3):
    r"""A classifier's mean NLL = frequency-weighted average of conditional cross-entropies.

    .. math::

        -\frac1N \sum_k \log q(y_k \mid x_k)
        = \sum_x \frac{N_x}{N} \Big(-\sum_i \frac{n_{x,i}}{N_x} \log q(i \mid x)\Big)

    for the concrete sample of ``(input, label)`` pairs `pairs`; the model is one
    positive symbol :math:`q_{x,i}` per input and class.
    """
    pairs = [(str(x), y) for x, y in pairs]
    _check_labels([y for _, y in pairs], num_classes)
    inputs = sorted({x for x, _ in pairs})
    q = {x: sympy.symbols(f"q_{x}0:{num_classes}", positive=True) for x in inputs}
    size = len(pairs)
    per_pair = sympy.Mul(*(q[x][y] for x, y in pairs), evaluate=False)
    weighted = 0
    for x in inputs:
        labels_at_x = [y for xx, y in pairs if xx == x]
        weight = sympy.Rational(len(labels_at_x), size)
        conditional = [
            sympy.Rational(labels_at_x.count(c), len(labels_at_x)) for c in range(num_classes)
        ]
        weighted += weight * -sum(conditional[c] * sympy.log(q[x][c]) for c in range(num_classes))
    return Step(
        "the mean NLL of a classifier, grouped by input",
        sympy.Mul(sympy.Rational(-1, size), sympy.log(per_pair), evaluate=False),
        weighted,
        note="Collect the factors of each input, then of each class at that input: "
        "each count $n_{x,i}$ is $N \\cdot (N_x / N) \\cdot (n_{x,i} / N_x)$.",
    )


def _pair_symbols(pairs, num_classes):
    """The inputs of `pairs`, a positive p(x) per input and a positive q_{x i} per class."""
    inputs = sorted({x for x, _ in pairs})
    p_inputs = {x: sympy.Symbol(f"p_{x}", positive=True) for x in inputs}
    q = {x: sympy.symbols(f"q_{x}0:{num_classes}", positive=True) for x in inputs}
    return p_inputs, q


def _checked_pairs(pairs, num_classes):
    pairs = [(str(x), y) for x, y in pairs]
    _check_labels([y for _, y in pairs], num_classes)
    return pairs


def joint_likelihood_split(pairs=(("a", 2), ("a", 1), ("b", 0)), num_classes=3):
    r"""The joint mean NLL of pairs = the inputs' part + the conditional mean NLL.

    .. math::

        -\frac1N \log \prod_k p(x_k) \, q(y_k \mid x_k)
        = -\frac1N \log \prod_k p(x_k) - \frac1N \log \prod_k q(y_k \mid x_k)

    for the concrete sample `pairs`, with one positive symbol :math:`p_x` per input and
    :math:`q_{x i}` per input and class.
    """
    pairs = _checked_pairs(pairs, num_classes)
    p_inputs, q = _pair_symbols(pairs, num_classes)
    size = sympy.Rational(-1, len(pairs))

    def mean_log(factors):
        return sympy.Mul(size, sympy.log(sympy.Mul(*factors, evaluate=False)), evaluate=False)

    joint = [sympy.Mul(p_inputs[x], q[x][y], evaluate=False) for x, y in pairs]
    return Step(
        "the joint NLL = the inputs' part + the conditional NLL",
        mean_log(joint),
        sympy.Add(
            mean_log([p_inputs[x] for x, _ in pairs]),
            mean_log([q[x][y] for x, y in pairs]),
            evaluate=False,
        ),
        note="The log of a product is the sum of the logs, so the factors $p(x_k)$ and "
        "$q(y_k \\mid x_k)$ separate.",
    )


def input_term_has_no_gradient(pairs=(("a", 2), ("a", 1), ("b", 0)), num_classes=3):
    r"""The joint and the conditional mean NLL have the same gradient in a parameter.

    The model's probabilities :math:`q_{x i}(\theta)` are positive functions of a
    parameter :math:`\theta`; the inputs' probabilities :math:`p_x` are not.
    """
    pairs = _checked_pairs(pairs, num_classes)
    p_inputs, _ = _pair_symbols(pairs, num_classes)
    theta = sympy.Symbol("theta", real=True)
    q = {
        x: [sympy.Function(f"q_{x}{c}", positive=True)(theta) for c in range(num_classes)]
        for x in p_inputs
    }
    size = sympy.Rational(-1, len(pairs))
    joint = size * sympy.log(sympy.Mul(*(p_inputs[x] * q[x][y] for x, y in pairs)))
    conditional = size * sympy.log(sympy.Mul(*(q[x][y] for x, y in pairs)))
    return Step(
        "p(x) drops out of the gradient",
        sympy.Derivative(joint, theta),
        sympy.Derivative(conditional, theta),
        note="$\\sum_k \\log p(x_k)$ does not depend on $\\theta$: its derivative is 0, "
        "so the joint and the conditional NLL train the model the same way.",
    )


def part2_chain():
    """The steps of Part II in the order the chapters take them."""
    return [
        softmax_shift_invariance(),
        loss_from_logits(),
        logsumexp_shift(),
        softmax_gradient(),
        soft_target_gradient(),
        hessian_is_covariance(),
        hessian_is_positive_semidefinite(),
        joint_likelihood_split(),
        input_term_has_no_gradient(),
        grouping_by_input(),
        sigmoid_is_two_class_softmax(),
        binary_is_two_class_softmax(),
        label_smoothing_is_mixed_target(),
        class_weights_reweight_target(),
        gaussian_nll_is_scaled_mse(),
    ]


def _check_num_classes(value, minimum, name="num_classes"):
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"`{name}` must be an integer >= {minimum}, got {value!r}")


def _check_label(label, num_classes):
    _check_num_classes(num_classes, minimum=2)
    if isinstance(label, bool) or not isinstance(label, int) or not 0 <= label < num_classes:
        raise ValueError(f"`label` must be an integer in 0..{num_classes - 1}, got {label!r}")


def _check_labels(labels: Sequence[int], num_classes):
    _check_num_classes(num_classes, minimum=2)
    labels = list(labels)
    if not labels:
        raise ValueError("`labels` must hold at least one label, got an empty sequence")
    for label in labels:
        if isinstance(label, bool) or not isinstance(label, int) or not 0 <= label < num_classes:
            raise ValueError(f"`labels` must be integers in 0..{num_classes - 1}, got {label!r}")
    return labels
