"""Bad input gets a clear TypeError/ValueError naming the argument: one test per case."""

import numpy as np
import pytest

from nllce import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    counts,
    cross_entropy,
    cross_entropy_with_logits,
    cross_entropy_with_logits_grad,
    entropy,
    frequencies,
    kl_divergence,
    likelihood,
    log_softmax,
    logsumexp,
    nll,
    softmax,
)

Q = [0.2, 0.3, 0.5]
LOGITS = np.zeros((2, 3))

# ---------------------------------------------------------------- labels


def test_label_above_range_names_the_value():
    with pytest.raises(ValueError, match=r"`labels` must be in 0\.\.2 for 3 classes; got 3"):
        counts([0, 3, 1], 3)


def test_negative_label_is_refused_not_wrapped():
    with pytest.raises(ValueError, match=r"`labels` must be in 0\.\.2; got -1 at index 1"):
        nll(Q, [0, -1])


def test_float_labels_are_refused():
    with pytest.raises(TypeError, match=r"`labels` must hold integer class labels.*float64"):
        frequencies([2.0, 2.0, 1.0], 3)


def test_boolean_labels_are_refused():
    with pytest.raises(TypeError, match=r"`labels` .* not booleans"):
        counts([True, False], 2)


def test_empty_sample_is_refused():
    with pytest.raises(ValueError, match=r"`labels` is empty"):
        likelihood(Q, [])


def test_two_dimensional_labels_are_refused():
    with pytest.raises(ValueError, match=r"`labels` must be a 1-D .* got shape \(1, 3\)"):
        counts([[2, 2, 1]], 3)


def test_target_label_out_of_range():
    with pytest.raises(ValueError, match=r"`target` must be in 0\.\.2 .* got 5"):
        cross_entropy_with_logits(LOGITS, [0, 5])


def test_float_target_labels_are_refused():
    with pytest.raises(TypeError, match=r"`target` must hold integer class labels"):
        cross_entropy_with_logits(LOGITS, [0.0, 1.0])


@pytest.mark.parametrize("num_classes", [2.5, True, "3"])
def test_num_classes_must_be_an_integer(num_classes):
    with pytest.raises(TypeError, match=r"`num_classes` must be a positive integer"):
        counts([0], num_classes)


def test_num_classes_must_be_positive():
    with pytest.raises(ValueError, match=r"`num_classes` must be a positive integer; got 0"):
        counts([0], 0)


# ---------------------------------------------------------------- probabilities


def test_negative_probability():
    with pytest.raises(ValueError, match=r"`p` must hold probabilities in \[0, 1\]; got -0\.1"):
        entropy([-0.1, 0.6, 0.5])


def test_probability_above_one():
    with pytest.raises(ValueError, match=r"`q` must hold probabilities in \[0, 1\]; got 1\.5"):
        cross_entropy([0.5, 0.5], [0.5, 1.5])


def test_nan_probability():
    with pytest.raises(ValueError, match=r"`p` must hold probabilities .* got nan at index 1"):
        entropy([0.5, np.nan, 0.5])


def test_infinite_probability():
    with pytest.raises(ValueError, match=r"`q` must hold probabilities .* got inf"):
        kl_divergence([0.5, 0.5], [np.inf, 0.0])


def test_probabilities_not_summing_to_one_state_tolerance_and_sum():
    message = (
        r"`q` must sum to 1 along its last axis, within 3e-09 "
        r"\(= K \* max\(1e-9, 8 eps\) for K = 3, float64\); got a sum of 0\.9"
    )
    with pytest.raises(ValueError, match=message):
        nll([0.2, 0.3, 0.4], [2, 2, 1])


def test_row_not_summing_to_one_is_located():
    with pytest.raises(ValueError, match=r"got a sum of 1\.1 at index 1"):
        cross_entropy([0.5, 0.5], [[0.5, 0.5], [0.6, 0.5]])


def test_counts_passed_as_probabilities():
    message = r"`p` looks like counts, not probabilities: whole numbers summing to 3.*frequencies"
    with pytest.raises(ValueError, match=message):
        entropy(counts([2, 2, 1], 3))


def test_boolean_probabilities_are_refused():
    with pytest.raises(TypeError, match=r"`p` must hold probabilities, not booleans"):
        entropy([True, False])


def test_text_probabilities_are_refused():
    with pytest.raises(TypeError, match=r"`p` must hold real numbers .* got dtype <U3"):
        entropy(["0.5", "0.5"])


def test_scalar_is_not_a_distribution():
    with pytest.raises(ValueError, match=r"`p` must be a distribution over at least one class"):
        entropy(1.0)


def test_target_rows_must_be_distributions():
    with pytest.raises(ValueError, match=r"`target` must sum to 1 .* got a sum of 0\.5"):
        cross_entropy_with_logits(LOGITS, [[0.5, 0.0, 0.0], [1.0, 0.0, 0.0]])


def test_bernoulli_probability_outside_unit_interval():
    with pytest.raises(ValueError, match=r"`q` must hold probabilities in \[0, 1\]; got 1\.2"):
        binary_cross_entropy([1.0, 0.0], [0.5, 1.2])


def test_bernoulli_target_nan():
    with pytest.raises(ValueError, match=r"`target` must hold probabilities in \[0, 1\]; got NaN"):
        binary_cross_entropy_with_logits([0.0], [np.nan])


# ---------------------------------------------------------------- shapes


def test_mismatched_classes_name_both_shapes():
    with pytest.raises(ValueError, match=r"`p` has shape \(3,\) but `q` has shape \(4,\)"):
        cross_entropy([0.2, 0.3, 0.5], [0.25, 0.25, 0.25, 0.25])


def test_unbroadcastable_rows_name_both_shapes():
    with pytest.raises(ValueError, match=r"`p` has shape \(2, 2\) but `q` has shape \(3, 2\)"):
        kl_divergence(np.full((2, 2), 0.5), np.full((3, 2), 0.5))


def test_model_rows_must_match_labels():
    with pytest.raises(ValueError, match=r"`q` has shape \(2, 3\) but `labels` has shape \(3,\)"):
        nll(np.full((2, 3), 1 / 3), [2, 2, 1])


def test_target_shape_must_match_logits():
    message = (
        r"`logits` has shape \(2, 3\), so `target` must be labels of shape \(2,\) or "
        r"probability rows of shape \(2, 3\); got `target` of shape \(3,\)"
    )
    with pytest.raises(ValueError, match=message):
        cross_entropy_with_logits_grad(LOGITS, [0, 1, 2])


def test_logits_must_be_one_or_two_dimensional():
    with pytest.raises(ValueError, match=r"`logits` must be 1-D or 2-D; got shape \(1, 2, 3\)"):
        cross_entropy_with_logits(np.zeros((1, 2, 3)), [[0, 1]])


def test_binary_shapes_must_match():
    message = r"`logits` has shape \(2,\) but `target` has shape \(3,\)"
    with pytest.raises(ValueError, match=message):
        binary_cross_entropy_with_logits([0.0, 1.0], [0, 1, 1])


def test_binary_cross_entropy_shapes_must_broadcast():
    with pytest.raises(ValueError, match=r"`p` has shape \(2,\) but `q` has shape \(3,\)"):
        binary_cross_entropy([0.5, 0.5], [0.5, 0.5, 0.5])


# ---------------------------------------------------------------- logits


def test_nan_logits():
    with pytest.raises(ValueError, match=r"`logits` must not contain NaN"):
        log_softmax([0.0, np.nan, 1.0])


def test_positive_infinite_logits():
    with pytest.raises(ValueError, match=r"`logits` must not contain \+inf .* -inf is allowed"):
        cross_entropy_with_logits([[0.0, np.inf]], [0])


def test_binary_positive_infinite_logit():
    with pytest.raises(ValueError, match=r"`logits` must not contain \+inf"):
        binary_cross_entropy_with_logits([np.inf], [1])


def test_row_of_only_minus_infinity():
    with pytest.raises(ValueError, match=r"`logits` has a row of only -inf at index 1"):
        softmax([[0.0, 1.0], [-np.inf, -np.inf]])


def test_boolean_logits():
    with pytest.raises(TypeError, match=r"`logits` must hold real-valued logits, not booleans"):
        softmax([True, False])


def test_empty_logits():
    with pytest.raises(ValueError, match=r"`logits` must have at least one class and one row"):
        logsumexp(np.zeros((2, 0)))


def test_axis_out_of_range():
    with pytest.raises(ValueError, match=r"`axis` must be in -2\.\.1 for 2-D logits; got 2"):
        softmax(LOGITS, axis=2)


def test_axis_must_be_an_integer():
    with pytest.raises(TypeError, match=r"`axis` must be an integer; got 1\.0"):
        log_softmax(LOGITS, axis=1.0)


# ---------------------------------------------------------------- options


@pytest.mark.parametrize("base", [0, -2, 1, 1.0, np.inf])
def test_base_must_be_positive_finite_and_not_one(base):
    with pytest.raises(ValueError, match=r"`base` must be positive, finite and not 1"):
        entropy([0.5, 0.5], base=base)


@pytest.mark.parametrize("base", ["2", True])
def test_base_must_be_a_number(base):
    with pytest.raises(TypeError, match=r"`base` must be None \(nats\) or a positive real"):
        cross_entropy([0.5, 0.5], [0.5, 0.5], base=base)


@pytest.mark.parametrize("reduction", ["avg", None, "MEAN"])
def test_unknown_reduction(reduction):
    with pytest.raises(ValueError, match=r"`reduction` must be one of 'mean', 'sum', 'none'"):
        cross_entropy_with_logits(LOGITS, [0, 1], reduction=reduction)


def test_unknown_reduction_in_nll():
    with pytest.raises(ValueError, match=r"`reduction` must be one of .*; got 'avg'"):
        nll(Q, [0], reduction="avg")


@pytest.mark.parametrize("smoothing", [1.0, -0.1, np.nan, 2])
def test_label_smoothing_outside_unit_interval(smoothing):
    with pytest.raises(ValueError, match=r"`label_smoothing` must be in \[0, 1\)"):
        cross_entropy_with_logits(LOGITS, [0, 1], label_smoothing=smoothing)


@pytest.mark.parametrize("smoothing", ["0.1", None, False])
def test_label_smoothing_must_be_a_number(smoothing):
    with pytest.raises(TypeError, match=r"`label_smoothing` must be a real number"):
        cross_entropy_with_logits_grad(LOGITS, [0, 1], label_smoothing=smoothing)
