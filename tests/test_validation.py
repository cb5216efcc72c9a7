"""Bad input gets a clear TypeError/ValueError naming the argument: one test per case."""

import re

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
        r"\(= min\(K \* max\(1e-9, 8 eps\), 1e-06\) for K = 3, float64\); got a sum of 0\.9"
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
    message = r"`prediction` must hold probabilities in \[0, 1\]; got 1\.2"
    with pytest.raises(ValueError, match=message):
        binary_cross_entropy(prediction=[0.5, 1.2], target=[1.0, 0.0])


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


def test_binary_cross_entropy_shapes_must_match():
    message = r"`prediction` has shape \(3,\) but `target` has shape \(3, 1\); they must match"
    with pytest.raises(ValueError, match=message):
        binary_cross_entropy(prediction=[0.5, 0.5, 0.5], target=[[1.0], [0.0], [1.0]])


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


@pytest.mark.parametrize("base", ["2", True, np.timedelta64(2)])
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


@pytest.mark.parametrize("smoothing", ["0.1", None, False, np.timedelta64(0)])
def test_label_smoothing_must_be_a_number(smoothing):
    with pytest.raises(TypeError, match=r"`label_smoothing` must be a real number"):
        cross_entropy_with_logits_grad(LOGITS, [0, 1], label_smoothing=smoothing)


# ---------------------------------------------------------------- every dtype and size


def test_all_zero_float16_distribution_is_refused():
    # K * 8 eps would be 1.0 here: the tolerance is capped instead.
    message = r"`p` must sum to 1 .* within 0\.002 .* K = 128, float16\); got a sum of 0\.0"
    with pytest.raises(ValueError, match=message):
        entropy(np.zeros(128, dtype=np.float16))


@pytest.mark.parametrize(
    ("dtype", "num_classes", "total", "cap"),
    [
        (np.float64, 10**6, 0.9999, "1e-06"),
        (np.float32, 10**5, 0.999, "1e-05"),
        (np.float16, 1000, 0.99, "0.002"),
    ],
)
def test_large_rows_short_of_one_are_refused(dtype, num_classes, total, cap):
    short = np.full(num_classes, total / num_classes, dtype=dtype)
    message = rf"`q` must sum to 1 along its last axis, within {cap} .* K = {num_classes}"
    with pytest.raises(ValueError, match=message):
        cross_entropy(np.full(num_classes, 1 / num_classes), short)


@pytest.mark.parametrize(
    ("dtype", "num_classes"),
    [
        (np.float64, 10**6),
        (np.float32, 10**6),
        (np.float32, 3),
        (np.float16, 1000),
        (np.float16, 3),
    ],
)
def test_well_rounded_rows_are_accepted_at_any_size(dtype, num_classes):
    rng = np.random.default_rng(num_classes)
    weights = rng.random(num_classes)
    rounded = (weights / weights.sum()).astype(dtype)  # each entry rounded to the dtype
    normalised_in_dtype = weights.astype(dtype) / weights.astype(dtype).sum()
    for p in (rounded, normalised_in_dtype):
        assert np.isfinite(entropy(p))


def test_ragged_probabilities_are_named():
    message = r"`p` must be a rectangular array \(every row the same length\)"
    with pytest.raises(ValueError, match=message):
        entropy([[0.5, 0.5], [1.0]])


def test_ragged_logits_and_targets_are_named():
    with pytest.raises(ValueError, match=r"`logits` must be a rectangular array"):
        softmax([[1.0, 2.0], [3.0]])
    with pytest.raises(ValueError, match=r"`target` must be a rectangular array"):
        cross_entropy_with_logits(LOGITS, [[1.0, 0.0, 0.0], [1.0, 0.0]])


def test_ragged_labels_are_named():
    with pytest.raises(ValueError, match=r"`labels` must be a rectangular array"):
        counts([[0, 1], [2]], 3)


@pytest.mark.parametrize("dtype", ["m8[s]", "M8[D]"])
def test_time_labels_are_not_integers(dtype):
    labels = np.array([1, 2], dtype="i8").astype(dtype)
    message = r"`labels` must hold integer class labels 0\.\.2; got dtype " + re.escape(
        str(np.dtype(dtype))
    )
    with pytest.raises(TypeError, match=message):
        counts(labels, 3)


def test_time_targets_are_not_labels():
    with pytest.raises(TypeError, match=r"`target` must hold integer class labels .* timedelta64"):
        cross_entropy_with_logits(LOGITS, np.array([0, 1], dtype="m8[s]"))


def test_timedelta_num_classes_is_not_an_integer():
    with pytest.raises(TypeError, match=r"`num_classes` must be a positive integer; got"):
        counts([0], np.timedelta64(3))


def test_time_probabilities_and_logits_are_not_numbers():
    with pytest.raises(TypeError, match=r"`p` must hold real numbers .* got dtype timedelta64"):
        entropy(np.array([0, 1], dtype="m8"))
    with pytest.raises(TypeError, match=r"`logits` must hold real numbers .* datetime64"):
        logsumexp(np.array([0, 1], dtype="M8[D]"))


def test_complex_probabilities_are_refused():
    with pytest.raises(TypeError, match=r"`q` must hold real numbers .* got dtype complex128"):
        kl_divergence([0.5, 0.5], [0.5 + 0j, 0.5])


# ---------------------------------------------------------------- tensors


class FakeTensor:
    """Mimics how a PyTorch tensor meets NumPy.

    ``np.asarray`` goes through ``__array__``, which raises for a tensor that requires
    grad (``RuntimeError``) and for bfloat16, which NumPy has no dtype for
    (``TypeError``); ``detach()`` drops the grad requirement, not the dtype.
    """

    def __init__(self, values, *, requires_grad=False, dtype="float32"):
        self.values, self.requires_grad, self.dtype = values, requires_grad, dtype

    def detach(self):
        return FakeTensor(self.values, dtype=self.dtype)

    def numpy(self):
        if self.requires_grad:
            raise RuntimeError(
                "Can't call numpy() on Tensor that requires grad. "
                "Use tensor.detach().numpy() instead."
            )
        if self.dtype == "bfloat16":
            raise TypeError("Got unsupported ScalarType BFloat16")
        return np.asarray(self.values, dtype=self.dtype)

    def __array__(self, dtype=None, copy=None):
        return self.numpy() if dtype is None else self.numpy().astype(dtype)


def test_fake_tensor_fails_in_numpy_as_torch_does():
    with pytest.raises(RuntimeError, match="requires grad"):
        np.asarray(FakeTensor([1.0], requires_grad=True))
    with pytest.raises(TypeError, match="BFloat16"):
        np.asarray(FakeTensor([1.0], dtype="bfloat16"))


def test_tensor_that_requires_grad_is_read_through_detach():
    logits = FakeTensor([[2.0, -1.0, 0.5]], requires_grad=True)
    expected = cross_entropy_with_logits(np.array([[2.0, -1.0, 0.5]], np.float32), [0])
    assert cross_entropy_with_logits(logits, FakeTensor([0], dtype="int64")) == expected
    np.testing.assert_array_equal(
        softmax(logits), softmax(np.array([[2.0, -1.0, 0.5]], np.float32))
    )


@pytest.mark.parametrize("requires_grad", [False, True])
def test_bfloat16_tensor_is_named(requires_grad):
    tensor = FakeTensor([0.5, 0.5], dtype="bfloat16", requires_grad=requires_grad)
    message = (
        r"`p` must be an array of numbers that NumPy can read; FakeTensor gives "
        r"TypeError: Got unsupported ScalarType BFloat16\. Convert it first"
    )
    with pytest.raises(TypeError, match=message):
        entropy(tensor)


def test_list_of_tensors_that_require_grad_is_named():
    tensors = [FakeTensor(0.5, requires_grad=True), FakeTensor(0.5, requires_grad=True)]
    with pytest.raises(TypeError, match=r"`q` must be an array of numbers .* requires grad"):
        cross_entropy([0.5, 0.5], tensors)
