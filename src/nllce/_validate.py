"""Input checks shared by the public functions of :mod:`nllce`.

Every check either returns a clean NumPy array (or number) or raises a
``TypeError``/``ValueError`` whose message names the argument in backticks and
says what was expected.  Nothing is clipped, renormalised or silently converted
to NaN.  This module uses nothing else from the package.
"""

import numbers

import numpy as np

__all__ = [
    "as_array",
    "as_axis",
    "as_base",
    "as_bernoulli",
    "as_label_smoothing",
    "as_labels",
    "as_logits",
    "as_num_classes",
    "as_probabilities",
    "as_real",
    "as_reduction",
    "check_logits_max",
    "check_same_classes",
    "sum_tolerance",
]

# Relative slack on ``sum(p) == 1`` per class, never tighter than a few ulps of the dtype:
# float64 rows may carry rounding from upstream arithmetic, float32 rows much more.
_SUM_SLACK = 1e-9
_SUM_ULPS = 8
# ... but never more than this, whatever K: a row further from 1 is not a distribution.
# (A row rounded entry by entry to the dtype is within about eps/2 of 1; normalising it
# in that dtype adds a few eps at most.) float64 and wider: `_SUM_CAP_DEFAULT`.
_SUM_CAP = {np.dtype(np.float16): 2e-3, np.dtype(np.float32): 1e-5}
_SUM_CAP_DEFAULT = 1e-6

# dtype kinds: signed and unsigned integers, and floats. Booleans ("b"), complex ("c"),
# text ("U", "S"), objects ("O") and the time-like timedelta64 ("m", which NumPy counts
# as an integer) and datetime64 ("M") are none of these.
_INTEGER_KINDS = "iu"
_FLOAT_KIND = "f"


def _where(index_shape, flat_index):
    """Describe the position of an offending row or element for a message."""
    if len(index_shape) == 0:
        return ""
    position = np.unravel_index(flat_index, index_shape)
    position = position[0] if len(position) == 1 else tuple(int(i) for i in position)
    return f" at index {position}"


def as_array(values, name):
    """``np.asarray(values)``, with a named error where NumPy's would not say what is wrong.

    Ragged nested sequences (rows of different lengths) are refused. An object that
    NumPy cannot read (its ``__array__`` raises) is read through its ``detach()``
    method if it has one: a PyTorch tensor that requires grad is then read as its
    values. What still cannot be read (a bfloat16 tensor, a tensor on a GPU) raises a
    ``TypeError`` that names the argument and keeps the reason.
    """
    try:
        return np.asarray(values)
    except ValueError as error:
        # NumPy: "setting an array element with a sequence. The requested array has an
        # inhomogeneous shape after 1 dimensions. ..."
        if "inhomogeneous" in str(error) or "with a sequence" in str(error):
            raise ValueError(
                f"`{name}` must be a rectangular array (every row the same length); "
                "got nested sequences of different lengths"
            ) from None
        reason = error
    except (TypeError, RuntimeError) as error:
        reason = error
    if callable(getattr(values, "detach", None)):
        try:
            return np.asarray(values.detach())
        except (TypeError, ValueError, RuntimeError) as error:
            reason = error
    raise TypeError(
        f"`{name}` must be an array of numbers that NumPy can read; "
        f"{type(values).__name__} gives {type(reason).__name__}: {reason}. "
        "Convert it first, e.g. a PyTorch tensor with `tensor.detach().cpu().float().numpy()`"
    ) from None


def _as_real_array(values, name, what, int_dtype=np.float64):
    """Convert to a float array, rejecting booleans, text, complex and time values.

    Integers become `int_dtype`, so that, e.g., 0/1 targets keep float32 logits float32.
    """
    array = as_array(values, name)
    if array.dtype == np.bool_:
        raise TypeError(f"`{name}` must hold {what}, not booleans")
    if array.dtype.kind not in _INTEGER_KINDS + _FLOAT_KIND:
        raise TypeError(f"`{name}` must hold real numbers ({what}); got dtype {array.dtype}")
    if array.dtype.kind in _INTEGER_KINDS:
        array = array.astype(int_dtype)
    return array


def as_real(values, *, name, what="real numbers"):
    """Return `values` as a non-empty float array of finite real numbers (ints become float64)."""
    array = _as_real_array(values, name, what)
    if array.size == 0:
        raise ValueError(f"`{name}` must hold at least one number; got shape {array.shape}")
    finite = np.isfinite(array)
    if not finite.all():
        index = int(np.flatnonzero(~finite.reshape(-1))[0])
        raise ValueError(
            f"`{name}` must hold finite {what}; got {array.reshape(-1)[index]}"
            f"{_where(array.shape, index)}"
        )
    return array


def _is_real_number(value):
    """A real number, not a boolean and not a NumPy timedelta64 (which NumPy counts as one)."""
    return isinstance(value, numbers.Real) and not isinstance(
        value, bool | np.bool_ | np.timedelta64
    )


def _is_integer(value):
    """An integer, not a boolean and not a NumPy timedelta64 (which NumPy counts as one)."""
    return isinstance(value, numbers.Integral) and not isinstance(
        value, bool | np.bool_ | np.timedelta64
    )


def as_num_classes(num_classes):
    """Return `num_classes` as a positive ``int``."""
    if not _is_integer(num_classes):
        raise TypeError(
            f"`num_classes` must be a positive integer; got {num_classes!r} "
            f"of type {type(num_classes).__name__}"
        )
    if num_classes < 1:
        raise ValueError(f"`num_classes` must be a positive integer; got {num_classes}")
    return int(num_classes)


def as_labels(labels, num_classes, *, name="labels", shape=None):
    """Return class labels as an integer array with values in ``0..num_classes-1``.

    By default `labels` must be a non-empty 1-D sample; with `shape` it must have
    exactly that shape instead (the rows of a batch of logits).
    """
    array = as_array(labels, name)
    if shape is None:
        if array.ndim != 1:
            raise ValueError(
                f"`{name}` must be a 1-D sequence of class labels; got shape {array.shape}"
            )
        if array.size == 0:
            raise ValueError(f"`{name}` is empty: a sample needs at least one label")
    elif array.shape != tuple(shape):
        raise ValueError(
            f"`{name}` must hold one label per row of the logits, shape {tuple(shape)}; "
            f"got shape {array.shape}"
        )
    if array.dtype == np.bool_:
        raise TypeError(
            f"`{name}` must hold integer class labels 0..{num_classes - 1}, not booleans"
        )
    if array.dtype.kind not in _INTEGER_KINDS:
        raise TypeError(
            f"`{name}` must hold integer class labels 0..{num_classes - 1}; got dtype {array.dtype}"
        )
    if array.size:
        # NumPy would wrap a negative label around to the end of the classes: refuse it.
        lowest, highest = array.min(), array.max()
        if lowest < 0:
            where = _where(array.shape, int(np.argmin(array.reshape(-1))))
            raise ValueError(
                f"`{name}` must be in 0..{num_classes - 1}; got {lowest}{where} "
                "(negative labels are not class indices)"
            )
        if highest >= num_classes:
            where = _where(array.shape, int(np.argmax(array.reshape(-1))))
            raise ValueError(
                f"`{name}` must be in 0..{num_classes - 1} for {num_classes} classes; "
                f"got {highest}{where}"
            )
    return array.astype(np.intp, copy=False)


def _sum_cap(dtype):
    return _SUM_CAP.get(np.dtype(dtype), _SUM_CAP_DEFAULT)


def sum_tolerance(dtype, num_classes):
    """Tolerance on ``|sum(p) - 1|`` for a distribution over `num_classes` classes.

    It is ``min(num_classes * max(1e-9, 8 * eps), cap)``, where ``eps`` is the machine
    epsilon of `dtype`: ``min(1e-9 * K, 1e-6)`` for float64, ``min(9.5e-7 * K, 1e-5)``
    for float32 and ``2e-3`` for float16. It grows with ``K`` for the rounding of the
    sum that normalised the row, but never past the cap: a row that far from 1 is no
    distribution, however many classes it has.
    """
    grows = num_classes * max(_SUM_SLACK, _SUM_ULPS * float(np.finfo(dtype).eps))
    return min(grows, _sum_cap(dtype))


def as_probabilities(p, *, name="p", int_dtype=np.float64):
    """Return `p` as a float array of probability distributions along its last axis."""
    array = _as_real_array(p, name, "probabilities", int_dtype)
    if array.ndim == 0 or array.shape[-1] == 0:
        raise ValueError(
            f"`{name}` must be a distribution over at least one class (shape (K,) or (..., K));"
            f" got shape {array.shape}"
        )
    flat = array.reshape(-1)
    if not np.isfinite(flat).all():
        index = int(np.flatnonzero(~np.isfinite(flat))[0])
        raise ValueError(
            f"`{name}` must hold probabilities in [0, 1]; got {flat[index]}"
            f"{_where(array.shape, index)}"
        )
    if (flat < 0).any():
        index = int(np.flatnonzero(flat < 0)[0])
        raise ValueError(
            f"`{name}` must hold probabilities in [0, 1]; got {flat[index]}"
            f"{_where(array.shape, index)}"
        )
    # Summed in at least float64, so that the check's own rounding does not count.
    totals = array.sum(axis=-1, dtype=np.promote_types(array.dtype, np.float64))
    row_shape = totals.shape
    totals = totals.reshape(-1)
    whole = (array == np.floor(array)).all(axis=-1).reshape(-1)
    looks_like_counts = whole & (totals > 1)
    if looks_like_counts.any():
        row = int(np.flatnonzero(looks_like_counts)[0])
        raise ValueError(
            f"`{name}` looks like counts, not probabilities: whole numbers summing to "
            f"{totals[row]:g}{_where(row_shape, row)}. Turn labels into probabilities with "
            "`frequencies(labels, num_classes)`, or counts `n` with `n / n.sum()`"
        )
    if (flat > 1).any():
        index = int(np.flatnonzero(flat > 1)[0])
        raise ValueError(
            f"`{name}` must hold probabilities in [0, 1]; got {flat[index]}"
            f"{_where(array.shape, index)}"
        )
    num_classes = array.shape[-1]
    tolerance = sum_tolerance(array.dtype, num_classes)
    off = np.abs(totals - 1) > tolerance
    if off.any():
        row = int(np.flatnonzero(off)[0])
        raise ValueError(
            f"`{name}` must sum to 1 along its last axis, within {tolerance:.3g} "
            f"(= min(K * max(1e-9, 8 eps), {_sum_cap(array.dtype):g}) for K = {num_classes}, "
            f"{array.dtype}); "
            f"got a sum of {float(totals[row])!r}{_where(row_shape, row)}"
        )
    return array


def as_bernoulli(p, *, name, int_dtype=np.float64):
    """Return `p` as a float array of probabilities in ``[0, 1]``, element by element."""
    array = _as_real_array(p, name, "probabilities", int_dtype)
    if np.isnan(array).any():
        raise ValueError(f"`{name}` must hold probabilities in [0, 1]; got NaN")
    outside = (array < 0) | (array > 1)
    if outside.any():
        index = int(np.flatnonzero(outside.reshape(-1))[0])
        raise ValueError(
            f"`{name}` must hold probabilities in [0, 1]; got {array.reshape(-1)[index]}"
            f"{_where(array.shape, index)}"
        )
    return array


def as_logits(logits, *, name="logits", ndims=None, min_ndim=1):
    """Return `logits` as a non-empty float array of at least `min_ndim` dimensions.

    NaN and ``+inf`` are detected later, from the row maxima the caller computes
    anyway (see :func:`check_logits_max`), so that the check costs no extra pass.
    """
    array = _as_real_array(logits, name, "real-valued logits")
    if ndims is not None and array.ndim not in ndims:
        expected = " or ".join(f"{n}-D" for n in ndims)
        raise ValueError(f"`{name}` must be {expected}; got shape {array.shape}")
    if array.ndim < min_ndim or array.size == 0:
        raise ValueError(
            f"`{name}` must have at least one class and one row; got shape {array.shape}"
        )
    return array


def as_axis(axis, ndim):
    """Return `axis` as a non-negative axis index of an array with `ndim` dimensions."""
    if not _is_integer(axis):
        raise TypeError(f"`axis` must be an integer; got {axis!r}")
    if not -ndim <= axis < ndim:
        raise ValueError(f"`axis` must be in {-ndim}..{ndim - 1} for {ndim}-D logits; got {axis}")
    return int(axis) % ndim


def check_logits_max(row_max, *, name="logits", allow_all_neg_inf=False):
    """Raise if the row maxima of logits reveal NaN, ``+inf`` or an all ``-inf`` row.

    ``np.max`` propagates NaN, so a NaN anywhere in a row shows in its maximum.
    """
    if np.isnan(row_max).any():
        raise ValueError(f"`{name}` must not contain NaN")
    if np.isposinf(row_max).any():
        raise ValueError(
            f"`{name}` must not contain +inf (its probability would be inf/inf); "
            "-inf is allowed and means probability 0"
        )
    if not allow_all_neg_inf and np.isneginf(row_max).any():
        row = int(np.flatnonzero(np.isneginf(row_max).reshape(-1))[0])
        raise ValueError(
            f"`{name}` has a row of only -inf{_where(np.shape(row_max), row)}: "
            "softmax is 0/0 there; at least one logit per row must be finite"
        )


def check_same_classes(p, q, *, names=("p", "q")):
    """Raise unless `p` and `q` have the same number of classes and broadcast together."""
    p_shape, q_shape = np.shape(p), np.shape(q)
    message = (
        f"`{names[0]}` has shape {p_shape} but `{names[1]}` has shape {q_shape}; they must "
        "have the same number of classes along the last axis and broadcast together"
    )
    if p_shape[-1:] != q_shape[-1:]:
        raise ValueError(message)
    try:
        return np.broadcast_shapes(p_shape, q_shape)
    except ValueError:
        raise ValueError(message) from None


def as_base(base):
    """Return the logarithm base as a float (``None`` means natural log, nats)."""
    if base is None:
        return None
    if not _is_real_number(base):
        raise TypeError(f"`base` must be None (nats) or a positive real number; got {base!r}")
    if not (np.isfinite(base) and base > 0) or base == 1:
        raise ValueError(
            f"`base` must be positive, finite and not 1 (e.g. 2 for bits); got {base!r}"
        )
    return float(base)


def as_reduction(reduction, allowed):
    """Return `reduction` if it is one of `allowed`."""
    if not isinstance(reduction, str) or reduction not in allowed:
        options = ", ".join(repr(option) for option in allowed)
        raise ValueError(f"`reduction` must be one of {options}; got {reduction!r}")
    return reduction


def as_label_smoothing(label_smoothing):
    """Return `label_smoothing` as a float in ``[0, 1)``."""
    if not _is_real_number(label_smoothing):
        raise TypeError(
            f"`label_smoothing` must be a real number in [0, 1); got {label_smoothing!r}"
        )
    if not 0 <= label_smoothing < 1:
        raise ValueError(f"`label_smoothing` must be in [0, 1); got {label_smoothing!r}")
    return float(label_smoothing)
