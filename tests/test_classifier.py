"""The toy classifier: data, grouping, the floor and gradient descent."""

import numpy as np
import pytest

import nllce
from nllce import classifier

DATA = classifier.make_toy_data(seed=0)


def _run(steps=150, **kwargs):
    return classifier.train_softmax_regression(DATA.inputs, DATA.labels, 3, steps=steps, **kwargs)


def test_toy_data_is_deterministic_and_differs_between_seeds():
    again = classifier.make_toy_data(seed=0)
    other = classifier.make_toy_data(seed=1)
    assert np.array_equal(DATA.inputs, again.inputs) and np.array_equal(DATA.labels, again.labels)
    assert not np.array_equal(DATA.labels[: len(other.labels)], other.labels[: len(DATA.labels)])


def test_toy_data_repeats_inputs_with_disagreeing_labels():
    distinct, weights, conditional = classifier.group_by_input(DATA.inputs, DATA.labels, 3)
    assert len(distinct) == 16
    sizes = np.round(weights * len(DATA.labels)).astype(int)
    assert sizes.min() >= 2 and sizes.max() <= 12
    assert np.any(conditional.max(axis=1) < 1)  # some input has labels that disagree
    assert set(np.unique(DATA.labels)) == {0, 1, 2}


def test_sharpness_zero_gives_labels_independent_of_the_input():
    flat = classifier.make_toy_data(
        seed=3, grid_size=2, min_repeats=3000, max_repeats=3000, sharpness=0.0
    )
    _, _, conditional = classifier.group_by_input(flat.inputs, flat.labels, 3)
    np.testing.assert_allclose(conditional, 1 / 3, atol=0.03)


def test_grouping_weights_and_frequencies_reproduce_the_counts():
    distinct, weights, conditional = classifier.group_by_input(DATA.inputs, DATA.labels, 3)
    assert weights.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(conditional.sum(axis=1), 1.0)
    for x, w, p_x in zip(distinct, weights, conditional, strict=True):
        at_x = DATA.labels[np.all(DATA.inputs == x, axis=1)]
        assert w == pytest.approx(len(at_x) / len(DATA.labels))
        np.testing.assert_allclose(p_x, nllce.frequencies(at_x, 3))


def test_mean_nll_equals_the_weighted_conditional_cross_entropies():
    run = _run(steps=7)
    weights_now = run.weights[-1]
    q_rows = classifier.predict_proba(weights_now, DATA.inputs)
    distinct, input_weights, conditional = classifier.group_by_input(DATA.inputs, DATA.labels, 3)
    q_distinct = classifier.predict_proba(weights_now, distinct)
    grouped = sum(
        w * nllce.cross_entropy(p_x, q_x)
        for w, p_x, q_x in zip(input_weights, conditional, q_distinct, strict=True)
    )
    assert nllce.nll(q_rows, DATA.labels) == pytest.approx(grouped, rel=1e-12)
    assert run.mean_nll[-1] == pytest.approx(grouped, rel=1e-12)


def test_conditional_entropy_is_the_floor_plus_nothing_at_the_conditional_frequencies():
    distinct, input_weights, conditional = classifier.group_by_input(DATA.inputs, DATA.labels, 3)
    floor = classifier.conditional_entropy(DATA.inputs, DATA.labels, 3)
    manual = sum(w * nllce.entropy(p_x) for w, p_x in zip(input_weights, conditional, strict=True))
    assert floor == pytest.approx(manual)
    # a lookup-table model, q(.|x) = p(.|x), reaches the floor exactly
    lookup = {tuple(x): p_x for x, p_x in zip(distinct, conditional, strict=True)}
    q_rows = np.array([lookup[tuple(x)] for x in DATA.inputs])
    assert nllce.nll(q_rows, DATA.labels) == pytest.approx(floor, rel=1e-12)
    assert classifier.conditional_entropy(DATA.inputs, DATA.labels, 3, base=2) == pytest.approx(
        floor / np.log(2)
    )


def test_conditional_entropy_is_zero_without_repeats_and_below_the_pooled_entropy():
    unique_inputs = np.arange(5.0)[:, None]
    assert classifier.conditional_entropy(unique_inputs, [0, 1, 2, 2, 1], 3) == 0.0
    pooled = nllce.entropy(nllce.frequencies(DATA.labels, 3))
    assert classifier.conditional_entropy(DATA.inputs, DATA.labels, 3) < pooled


def test_training_starts_at_log_k_and_decreases_toward_its_limit_above_the_floor():
    run = _run()
    floor = classifier.conditional_entropy(DATA.inputs, DATA.labels, 3)
    assert run.mean_nll[0] == pytest.approx(np.log(3))
    assert np.all(np.diff(run.mean_nll) < 0)
    long = _run(steps=3000)
    assert floor < long.mean_nll[-1] <= run.mean_nll[-1] < long.mean_nll[-1] + 1e-3
    # at the limit the gradient with respect to the weights vanishes
    features = classifier.design_matrix(DATA.inputs)
    gradient = features.T @ nllce.cross_entropy_with_logits_grad(
        features @ long.weights[-1], DATA.labels
    )
    assert np.max(np.abs(gradient)) < 1e-6


def test_training_matches_a_plain_loop_and_is_deterministic():
    run = _run(steps=25, learning_rate=0.7)
    features = classifier.design_matrix(DATA.inputs)
    weights = np.zeros((3, 3))
    for _ in range(25):
        weights = weights - 0.7 * features.T @ nllce.cross_entropy_with_logits_grad(
            features @ weights, DATA.labels
        )
    np.testing.assert_array_equal(run.weights[-1], weights)
    assert run.weights.shape == (26, 3, 3) and run.learning_rate == 0.7
    np.testing.assert_array_equal(run.mean_nll, _run(steps=25, learning_rate=0.7).mean_nll)


def test_weight_gradient_matches_finite_differences():
    weights = np.array([[0.1, -0.2, 0.3], [0.5, 0.0, -0.4], [-0.3, 0.2, 0.1]])
    features = classifier.design_matrix(DATA.inputs)

    def loss(w):
        return nllce.cross_entropy_with_logits(features @ w, DATA.labels)

    analytic = features.T @ nllce.cross_entropy_with_logits_grad(features @ weights, DATA.labels)
    step = 1e-6
    numeric = np.zeros_like(weights)
    for index in np.ndindex(weights.shape):
        bump = np.zeros_like(weights)
        bump[index] = step
        numeric[index] = (loss(weights + bump) - loss(weights - bump)) / (2 * step)
    np.testing.assert_allclose(analytic, numeric, atol=1e-8)


def test_cross_entropy_with_logits_equals_nll_of_softmax_on_the_chapter_data():
    """The two halves of the book compute the same loss on the classifier chapter's data."""
    run = _run()
    for weights in run.weights[[0, 10, 150]]:
        logits = classifier.design_matrix(DATA.inputs) @ weights
        from_logits = nllce.cross_entropy_with_logits(logits, DATA.labels)
        from_probabilities = nllce.nll(nllce.softmax(logits), DATA.labels)
        assert from_logits == pytest.approx(from_probabilities, rel=1e-13)
        per_example = nllce.cross_entropy_with_logits(logits, DATA.labels, reduction="none")
        np.testing.assert_allclose(
            per_example,
            nllce.nll(nllce.softmax(logits), DATA.labels, reduction="none"),
            rtol=1e-12,
        )


def test_predict_proba_rows_are_distributions():
    q = classifier.predict_proba(_run(steps=20).weights[-1], DATA.inputs)
    assert q.shape == (len(DATA.inputs), 3)
    np.testing.assert_allclose(q.sum(axis=1), 1.0)


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: classifier.make_toy_data(grid_size=1), ValueError, "`grid_size`"),
        (lambda: classifier.make_toy_data(grid_size=2.5), TypeError, "`grid_size`"),
        (lambda: classifier.make_toy_data(min_repeats=0), ValueError, "`min_repeats`"),
        (
            lambda: classifier.make_toy_data(min_repeats=5, max_repeats=4),
            ValueError,
            "`max_repeats`",
        ),
        (lambda: classifier.make_toy_data(sharpness=-1.0), ValueError, "`sharpness`"),
        (lambda: classifier.group_by_input([1.0, 2.0], [0, 1], 3), ValueError, "`inputs`"),
        (lambda: classifier.group_by_input([[np.nan]], [0], 3), ValueError, "`inputs`"),
        (lambda: classifier.group_by_input([[0.0], [1.0]], [0], 3), ValueError, "`labels`"),
        (lambda: classifier.group_by_input([[0.0]], [3], 3), ValueError, "`labels`"),
        (lambda: classifier.predict_proba(np.zeros((2, 3)), [[0.0, 1.0]]), ValueError, "`weights`"),
        (lambda: _run(steps=-1), ValueError, "`steps`"),
        (lambda: _run(steps=True), TypeError, "`steps`"),
        (lambda: _run(learning_rate=0.0), ValueError, "`learning_rate`"),
    ],
)
def test_bad_arguments_are_named(call, error, match):
    with pytest.raises(error, match=match):
        call()
