"""Additive smoothing and perplexity (nllce.smoothing), and what the held-out chapter
builds on them: values, properties, the MAP derivation, bad input, exercises, the slider."""

import math
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import nllce
from nllce import (
    additive_smoothing,
    book_data,
    cross_entropy,
    entropy,
    exercises,
    frames,
    frequencies,
    perplexity,
    smoothed_frequencies,
    smoothing,
    symbolic,
)

# Timings vary on a shared machine: no per-example deadline.
relaxed = settings(deadline=None)

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = ROOT / "book" / "held_out.md"
WORKED_COUNTS = np.array([0, 1, 2])  # counts of [2, 2, 1]
_EXERCISE_LABEL = re.compile(r"^```\{exercise\}.*?\n:label: (\S+)", re.MULTILINE)


@st.composite
def count_vectors(draw, max_classes=8, min_total=0):
    """Nonnegative integer counts over 1..max_classes classes."""
    num_classes = draw(st.integers(1, max_classes))
    n = draw(arrays(np.int64, num_classes, elements=st.integers(0, 1000)))
    assume(n.sum() >= min_total)
    return n


@st.composite
def distributions(draw, num_classes, allow_zeros=True):
    low = 0.0 if allow_zeros else 1e-6
    weights = draw(arrays(np.float64, num_classes, elements=st.floats(low, 1.0)))
    assume(weights.sum() > 0)
    return weights / weights.sum()


alphas = st.floats(0.0, 1e3, allow_nan=False, allow_infinity=False)


# ---------------------------------------------------------------- the worked sample


def test_worked_sample_add_one():
    np.testing.assert_allclose(additive_smoothing(WORKED_COUNTS, 1), [1 / 6, 2 / 6, 3 / 6])
    np.testing.assert_allclose(
        smoothed_frequencies(book_data.WORKED_LABELS, 3, alpha=1), [1 / 6, 2 / 6, 3 / 6]
    )


def test_the_naive_model_has_infinite_held_out_loss_and_smoothing_fixes_it():
    # The worked sample never shows class 0; the held-out sample does.
    held_out = frequencies(book_data.HELD_OUT_LABELS, 3)
    assert 0 not in book_data.WORKED_LABELS and 0 in book_data.HELD_OUT_LABELS
    assert cross_entropy(held_out, additive_smoothing(WORKED_COUNTS, 0)) == np.inf
    assert nllce.nll(frequencies(book_data.WORKED_LABELS, 3), book_data.HELD_OUT_LABELS) == np.inf
    assert perplexity(held_out, additive_smoothing(WORKED_COUNTS, 0)) == np.inf
    smoothed = cross_entropy(held_out, additive_smoothing(WORKED_COUNTS, 1))
    expected = -(3 * math.log(1 / 2) + math.log(1 / 6) + math.log(2 / 6)) / 5
    assert smoothed == pytest.approx(expected, rel=1e-14)


def test_top_level_names_are_the_smoothing_module_functions():
    assert nllce.additive_smoothing is smoothing.additive_smoothing
    assert nllce.smoothed_frequencies is smoothing.smoothed_frequencies
    assert nllce.perplexity is smoothing.perplexity
    assert {"additive_smoothing", "smoothed_frequencies", "perplexity"} <= set(nllce.__all__)


# ---------------------------------------------------------------- properties


@relaxed
@given(count_vectors(), alphas)
def test_the_smoothed_model_sums_to_one(n, alpha):
    assume(n.sum() > 0 or alpha > 0)
    q = additive_smoothing(n, alpha)
    assert q.shape == n.shape
    assert q.sum() == pytest.approx(1.0, abs=1e-12)
    assert (q >= 0).all()


@relaxed
@given(count_vectors(), st.floats(1e-6, 1e3))
def test_a_positive_alpha_leaves_no_class_at_zero(n, alpha):
    assert (additive_smoothing(n, alpha) > 0).all()


@relaxed
@given(count_vectors(min_total=1))
def test_alpha_zero_gives_the_frequencies(n):
    np.testing.assert_allclose(additive_smoothing(n, 0), n / n.sum(), rtol=1e-15)
    labels = np.repeat(np.arange(n.size), n)
    np.testing.assert_allclose(smoothed_frequencies(labels, n.size, 0), n / n.sum(), rtol=1e-15)


@relaxed
@given(count_vectors())
def test_a_huge_alpha_gives_the_uniform_model(n):
    np.testing.assert_allclose(additive_smoothing(n, 1e12), np.full(n.size, 1 / n.size), atol=1e-8)


@relaxed
@given(count_vectors(min_total=1), alphas)
def test_smoothing_mixes_the_frequencies_with_the_uniform_distribution(n, alpha):
    epsilon = n.size * alpha / (n.sum() + n.size * alpha)
    mixture = (1 - epsilon) * n / n.sum() + epsilon / n.size
    np.testing.assert_allclose(additive_smoothing(n, alpha), mixture, rtol=1e-12, atol=1e-15)


@relaxed
@given(count_vectors(min_total=1), st.floats(0.0, 10.0), st.integers(0, 2**32 - 1))
def test_the_smoothed_model_maximises_the_log_posterior(n, alpha, seed):
    # (n_i + alpha) log q_i summed over the classes: no other model scores higher.
    best = additive_smoothing(n, alpha)
    weights = n + alpha

    def score(q):
        return float(np.sum(np.where(weights > 0, weights * np.log(np.maximum(q, 1e-300)), 0)))

    rivals = np.random.default_rng(seed).dirichlet(np.ones(n.size), size=50)
    assert all(score(best) >= score(rival) - 1e-9 for rival in rivals)


def test_label_smoothing_averages_to_additive_smoothing():
    labels, num_classes, epsilon = book_data.LONGER_LABELS, 3, 0.1
    targets = (1 - epsilon) * np.eye(num_classes)[labels] + epsilon / num_classes
    alpha = epsilon * labels.size / (num_classes * (1 - epsilon))
    np.testing.assert_allclose(
        targets.mean(axis=0), smoothed_frequencies(labels, num_classes, alpha), rtol=1e-14
    )


def test_leading_axes_are_separate_samples():
    n = np.array([[0, 1, 2], [3, 0, 0]])
    np.testing.assert_allclose(
        additive_smoothing(n, 0.5), [additive_smoothing(row, 0.5) for row in n], rtol=1e-15
    )


@relaxed
@given(st.integers(1, 20), st.data())
def test_perplexity_of_the_uniform_model_is_k_on_any_data(num_classes, data):
    p = data.draw(distributions(num_classes))
    uniform = np.full(num_classes, 1 / num_classes)
    assert perplexity(p, uniform) == pytest.approx(num_classes, rel=1e-12)
    assert perplexity(uniform) == pytest.approx(num_classes, rel=1e-12)


@relaxed
@given(st.integers(1, 8), st.data())
def test_perplexity_is_exp_of_the_cross_entropy_in_any_base(num_classes, data):
    p = data.draw(distributions(num_classes))
    q = data.draw(distributions(num_classes, allow_zeros=False))
    value = perplexity(p, q)
    assert value == pytest.approx(math.exp(cross_entropy(p, q)), rel=1e-12)
    assert perplexity(p, q, base=2) == pytest.approx(value, rel=1e-12)
    assert perplexity(p, q, base=10) == pytest.approx(value, rel=1e-12)
    assert value >= perplexity(p) * (1 - 1e-12)  # Gibbs: H(p, q) >= H(p)


@relaxed
@given(st.integers(1, 8), st.data())
def test_perplexity_of_a_distribution_lies_between_one_and_k(num_classes, data):
    p = data.draw(distributions(num_classes))
    assert perplexity(p) == pytest.approx(math.exp(entropy(p)), rel=1e-12)
    assert 1 - 1e-12 <= perplexity(p) <= num_classes * (1 + 1e-12)


def test_perplexity_is_one_over_the_geometric_mean_probability():
    q, labels = book_data.WORKED_MODEL, book_data.HELD_OUT_LABELS
    geometric_mean = np.prod(q[labels]) ** (1 / labels.size)
    assert perplexity(frequencies(labels, 3), q) == pytest.approx(1 / geometric_mean, rel=1e-13)


def test_perplexity_broadcasts_like_the_cross_entropy():
    models = np.array([[0.2, 0.3, 0.5], [1 / 3, 1 / 3, 1 / 3]])
    np.testing.assert_allclose(
        perplexity(book_data.TRUE_DISTRIBUTION, models),
        np.exp(cross_entropy(book_data.TRUE_DISTRIBUTION, models)),
        rtol=1e-14,
    )


# ---------------------------------------------------------------- the MAP derivation


def test_the_map_steps_verify():
    for step in (
        symbolic.log_posterior_with_dirichlet_prior(),
        symbolic.additive_smoothing_map(2),
        symbolic.additive_smoothing_map(3),
        symbolic.additive_smoothing_as_mixture(),
    ):
        assert step.verify(), step.name


def test_wrong_smoothing_steps_do_not_verify():
    import sympy

    right = symbolic.additive_smoothing_map(3)
    n, alpha, big_n = symbolic.n, symbolic.alpha, symbolic.N
    wrong_denominators = {
        "forgot K": [(n[c] + alpha) / (big_n + alpha) for c in range(3)],
        "alpha on seen classes only": [n[c] / (big_n + 3 * alpha) for c in range(3)],
        "frequencies": [n[c] / big_n for c in range(3)],
    }
    for name, entries in wrong_denominators.items():
        wrong = symbolic.Step(f"{name} (false)", right.lhs, sympy.Matrix(entries), right.where)
        assert not wrong.verify(), name
    mixture = symbolic.additive_smoothing_as_mixture()
    swapped = symbolic.Step(
        "weights swapped (false)",
        mixture.lhs,
        symbolic.epsilon * symbolic.p[symbolic.i] + (1 - symbolic.epsilon) / symbolic.K,
        mixture.where,
    )
    assert not swapped.verify()


def test_alpha_stays_out_of_all_like_the_other_index_symbols():
    assert "alpha" not in symbolic.__all__ and "epsilon" not in symbolic.__all__
    assert symbolic.alpha.is_positive and symbolic.epsilon.is_positive


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("alpha", "error", "match"),
    [
        (-1, ValueError, r"`alpha` must be >= 0"),
        (-1e-12, ValueError, r"`alpha` must be >= 0"),
        (float("nan"), ValueError, r"`alpha` must be a nonnegative real number; got nan"),
        (np.nan, ValueError, r"`alpha` .*nan"),
        (float("inf"), ValueError, r"`alpha` must be finite"),
        (-np.inf, ValueError, r"`alpha` must be finite"),
        (True, TypeError, r"`alpha` must be a nonnegative real number .*bool"),
        (np.True_, TypeError, r"`alpha` must be a nonnegative real number"),
        ("1", TypeError, r"`alpha` must be a nonnegative real number .*str"),
        (None, TypeError, r"`alpha` must be a nonnegative real number"),
        (1 + 0j, TypeError, r"`alpha` must be a nonnegative real number"),
        (np.array([1.0, 2.0]), TypeError, r"`alpha` must be a nonnegative real number"),
    ],
)
def test_bad_alpha_is_named(alpha, error, match):
    with pytest.raises(error, match=match):
        additive_smoothing(WORKED_COUNTS, alpha)
    with pytest.raises(error, match=match):
        smoothed_frequencies(book_data.WORKED_LABELS, 3, alpha)


@pytest.mark.parametrize(
    ("counts_", "error", "match"),
    [
        ([True, False, True], TypeError, r"`counts` .*not booleans"),
        (["a", "b"], TypeError, r"`counts` must hold real numbers"),
        ("012", TypeError, r"`counts` must hold real numbers"),
        ([1.0, np.nan, 2.0], ValueError, r"`counts` must hold finite"),
        ([1.0, np.inf], ValueError, r"`counts` must hold finite"),
        ([1, -1, 2], ValueError, r"`counts` must be nonnegative; got -1"),
        ([], ValueError, r"`counts` must hold at least one number"),
        (3, ValueError, r"`counts` must hold one count per class"),
        ([[1, 2], [3]], ValueError, r"`counts` must be a rectangular array"),
        ([1 + 1j, 2], TypeError, r"`counts` must hold real numbers"),
    ],
)
def test_bad_counts_are_named(counts_, error, match):
    with pytest.raises(error, match=match):
        additive_smoothing(counts_, 1.0)


def test_no_counts_and_no_pseudo_count_is_refused():
    with pytest.raises(ValueError, match=r"`counts` has a row of only zeros and `alpha` is 0"):
        additive_smoothing([0, 0, 0], 0)
    np.testing.assert_allclose(additive_smoothing([0, 0, 0], 0.5), [1 / 3, 1 / 3, 1 / 3])


@pytest.mark.parametrize(
    ("labels", "num_classes", "error", "match"),
    [
        ([0, 3], 3, ValueError, r"`labels` must be in 0\.\.2"),
        ([0.0, 1.0], 3, TypeError, r"`labels` must hold integer class labels"),
        ([True], 2, TypeError, r"`labels` .*not booleans"),
        ([], 3, ValueError, r"`labels` is empty"),
        ([0, 1], 2.0, TypeError, r"`num_classes` must be a positive integer"),
        ([0, 1], True, TypeError, r"`num_classes` must be a positive integer"),
        ([0, 1], 0, ValueError, r"`num_classes` must be a positive integer"),
    ],
)
def test_bad_labels_of_smoothed_frequencies_are_named(labels, num_classes, error, match):
    with pytest.raises(error, match=match):
        smoothed_frequencies(labels, num_classes, 1.0)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"p": [0.5, 0.6]}, ValueError, r"`p` must sum to 1"),
        ({"p": [0.5, np.nan, 0.5]}, ValueError, r"`p` must hold probabilities"),
        ({"p": [True, False]}, TypeError, r"`p` .*not booleans"),
        ({"p": "abc"}, TypeError, r"`p` must hold real numbers"),
        ({"q": [0.5, 0.5]}, ValueError, r"`p` has shape \(3,\) but `q` has shape \(2,\)"),
        ({"q": [0.2, np.inf, 0.5]}, ValueError, r"`q` must hold probabilities"),
        ({"base": 1}, ValueError, r"`base` must be positive, finite and not 1"),
        ({"base": 0}, ValueError, r"`base` must be positive"),
        ({"base": np.inf}, ValueError, r"`base` must be positive, finite"),
        ({"base": np.nan}, ValueError, r"`base` must be positive"),
        ({"base": True}, TypeError, r"`base` must be None"),
        ({"base": "2"}, TypeError, r"`base` must be None"),
    ],
)
def test_bad_perplexity_arguments_are_named(kwargs, error, match):
    arguments = {"p": book_data.TRUE_DISTRIBUTION, "q": book_data.WORKED_MODEL, **kwargs}
    with pytest.raises(error, match=match):
        perplexity(**arguments)


# ---------------------------------------------------------------- the chapter's data


def test_held_out_samples_are_fresh_reproducible_and_read_only():
    samples = book_data.held_out_samples()
    assert samples.shape == (book_data.HELD_OUT_COUNT, book_data.HELD_OUT_SIZE)
    assert not samples.flags.writeable
    first = nllce.data.sample_from(
        book_data.TRUE_DISTRIBUTION, book_data.HELD_OUT_SIZE, seed=book_data.HELD_OUT_FIRST_SEED
    )
    np.testing.assert_array_equal(samples[0], first)
    assert len({tuple(row) for row in samples}) == len(samples)
    assert (samples == 0).any(), "the chapter needs class 0 to turn up in new data"


# ---------------------------------------------------------------- the exercises

HELD_OUT_LABELS = [label for label in exercises.labels() if label.startswith("ex-heldout-")]


def test_the_chapter_and_the_registry_name_the_same_exercises():
    text = CHAPTER.read_text()
    on_page = _EXERCISE_LABEL.findall(text)
    assert len(on_page) >= 3
    assert set(on_page) == set(HELD_OUT_LABELS)
    for label in on_page:
        assert f'check("{label}", ' in text, f"{label} has no answer cell"


@pytest.mark.parametrize("label", HELD_OUT_LABELS)
def test_held_out_references_are_correct_and_every_mistake_gets_its_feedback(label):
    exercise = exercises.exercise(label)
    assert exercises.check(label, exercise.reference).correct
    assert exercise.hint and len(exercise.mistakes) >= 3
    for mistake in exercise.mistakes:
        answer = mistake.answer if mistake.matches is None else np.inf
        feedback = exercises.check(label, answer)
        assert feedback.status == "mistake", (label, mistake.message)
        assert feedback.message == mistake.message


def test_the_anticipated_mistakes_are_the_ones_the_chapter_warns_about():
    def said(label, answer):
        return exercises.check(label, answer).message

    n, alpha = WORKED_COUNTS, book_data.LAPLACE_ALPHA
    assert "N + K alpha" in said("ex-heldout-laplace", (n + alpha) / (n.sum() + alpha))
    assert "Every class" in said("ex-heldout-laplace", np.where(n > 0, n + alpha, 0) / 6)
    p_new = frequencies(book_data.HELD_OUT_LABELS, 3)
    q = additive_smoothing(n, alpha)
    assert "base 2" in said("ex-heldout-loss", cross_entropy(p_new, q, base=2))
    total = nllce.nll(q, book_data.HELD_OUT_LABELS, reduction="sum")
    assert "total NLL" in said("ex-heldout-perplexity", math.exp(total))
    assert "base of the power" in said("ex-heldout-perplexity", 2 ** cross_entropy(p_new, q))
    assert "alpha" in said("ex-heldout-function", lambda n, alpha: (n + alpha) / (n.sum() + alpha))


# ---------------------------------------------------------------- the slider


def test_the_frame_reports_the_losses_it_draws():
    frame = frames.held_out_smoothing(1.0)
    q = additive_smoothing(WORKED_COUNTS, 1.0)
    p_held = np.array([frequencies(row, 3) for row in book_data.held_out_samples()])
    held = cross_entropy(p_held, q).mean()
    train = cross_entropy(frequencies(book_data.WORKED_LABELS, 3), q)
    assert f"held-out loss {held:.4f}" in frame.readout
    assert f"train loss {train:.4f}" in frame.readout
    assert f"held-out loss {held:.3f} nats" in frame.alt


def test_the_frame_at_alpha_zero_says_the_held_out_loss_is_infinite():
    frame = frames.held_out_smoothing(0.0)
    assert "held-out loss \N{INFINITY} (mean of" in frame.readout
    assert "held-out loss infinite" in frame.alt


def test_the_frame_checks_alpha():
    with pytest.raises(ValueError, match=r"`alpha` must be >= 0"):
        frames.held_out_smoothing(-0.5)
    with pytest.raises(TypeError, match=r"`alpha`"):
        frames.held_out_smoothing("1")


def test_held_out_loss_falls_then_rises_and_train_loss_only_rises():
    p_held = np.array([frequencies(row, 3) for row in book_data.held_out_samples()])
    p_train = frequencies(book_data.WORKED_LABELS, 3)
    grid = np.geomspace(1e-3, 1e3, 200)
    models = np.array([additive_smoothing(WORKED_COUNTS, a) for a in grid])
    train = cross_entropy(p_train, models)
    held = cross_entropy(p_held[:, None, :], models).mean(axis=0)
    assert (np.diff(train) > 0).all()
    lowest = int(np.argmin(held))
    assert 0 < lowest < grid.size - 1
    assert (np.diff(held[: lowest + 1]) < 0).all() and (np.diff(held[lowest:]) > 0).all()
    assert held[-1] == pytest.approx(math.log(3), abs=1e-3)
