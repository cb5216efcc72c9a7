"""The book's data: every number that a chapter, a figure and an exercise share.

One home for the inputs of the book, so that nothing is typed twice. Chapters,
figures, sliders and exercises import these names; a test checks that the chapters
state them as they are here.

The running example
    :data:`WORKED_LABELS` ``[2, 2, 1]`` over :data:`WORKED_NUM_CLASSES` ``K = 3``
    classes, scored by the model :data:`WORKED_MODEL` ``q``. Part II's logits
    :data:`WORKED_LOGITS` are ``log q``, so ``softmax(WORKED_LOGITS) = q``.
The simulations
    :data:`TRUE_DISTRIBUTION` is the "true" distribution fresh samples are drawn
    from (:func:`resampled`); :data:`GAUSSIAN_TARGETS` are the targets of the
    continuous case; :func:`toy_classifier_data` is the classifier chapter's sample;
    :func:`coded_sample` is the sample that chapter 5 compresses.
The exercises
    The inputs of the exercises, one constant per input, named after what they
    are; the comment names the exercise labels that use them.

Arrays are returned read-only, so no chapter or exercise can change them for
the others.

Examples
--------
>>> from nllce import book_data, frequencies
>>> book_data.WORKED_LABELS
array([2, 2, 1])
>>> frequencies(book_data.WORKED_LABELS, book_data.WORKED_NUM_CLASSES).round(3)
array([0.   , 0.333, 0.667])
"""

import functools

import numpy as np

from .classifier import make_toy_data
from .data import sample_from

__all__ = [
    "BATCH_LABELS",
    "BATCH_LOGITS",
    "BINARY_LOGIT",
    "BINARY_TARGET",
    "CODED_SAMPLE_SEED",
    "CODED_SAMPLE_SIZE",
    "COIN_P",
    "COIN_Q",
    "GAUSSIAN_MEAN",
    "GAUSSIAN_SIGMA",
    "GAUSSIAN_TARGETS",
    "GAUSSIAN_Y",
    "GRADIENT_LOGITS",
    "HELD_OUT_COUNT",
    "HELD_OUT_FIRST_SEED",
    "HELD_OUT_LABELS",
    "HELD_OUT_SIZE",
    "HUFFMAN_MODEL",
    "LAPLACE_ALPHA",
    "LONGER_LABELS",
    "NO_WORD_MODEL",
    "PAIR_INPUTS",
    "PAIR_LABELS",
    "PAIR_MODEL",
    "PROBLEM_LOGITS",
    "PROBLEM_TARGETS",
    "SMOOTHING",
    "SMOOTHING_CLASSES",
    "SMOOTHING_LABEL",
    "SOFTMAX_LOGITS",
    "TRUE_DISTRIBUTION",
    "TWICE_CLASSES",
    "UNSEEN_SHARE",
    "WORKED_LABELS",
    "WORKED_LOGITS",
    "WORKED_MODEL",
    "WORKED_NUM_CLASSES",
    "coded_sample",
    "held_out_samples",
    "resampled",
    "toy_classifier_data",
]


def _frozen(values, dtype=float):
    array = np.array(values, dtype=dtype)
    array.flags.writeable = False
    return array


# --- the running example ---------------------------------------------------------------

#: The worked sample of every chapter, three draws (two 2s and a 1).
WORKED_LABELS = _frozen([2, 2, 1], dtype=int)
#: Its number of classes, ``K``.
WORKED_NUM_CLASSES = 3
#: The model ``q`` that scores it.
WORKED_MODEL = _frozen([0.2, 0.3, 0.5])
#: Part II's logits ``z = log q``, so that ``softmax(z) = q``.
WORKED_LOGITS = _frozen(np.log(WORKED_MODEL))

# --- the simulations -------------------------------------------------------------------

#: The distribution that "fresh" samples are drawn from in the simulations.
TRUE_DISTRIBUTION = _frozen([0.1, 0.3, 0.6])
#: The targets ``y_k`` of the continuous (Gaussian) case.
GAUSSIAN_TARGETS = _frozen([1.1, 1.9, 0.4, 1.5, 2.6, 0.9, 1.6])


def resampled(size, seed):
    """The sample number `seed` of `size` labels from :data:`TRUE_DISTRIBUTION`.

    The samples of the counts slider of chapter 2; the same `size` and `seed`
    always give the same labels.

    >>> resampled(5, seed=0).tolist()
    [2, 1, 0, 0, 2]
    """
    return sample_from(TRUE_DISTRIBUTION, size, seed=seed)


@functools.cache
def toy_classifier_data():
    """The classifier chapter's toy sample (:func:`nllce.classifier.make_toy_data`, seed 0).

    >>> data = toy_classifier_data()
    >>> data.inputs.shape[1], data.num_classes
    (2, 3)
    """
    data = make_toy_data(seed=0)
    for array in (data.inputs, data.labels):
        array.flags.writeable = False
    return data


# --- the exercises' inputs (the comment names the labels that use them) ---------------

#: A second sample, where [2, 2, 1] is too small (the ``ex-counts-...`` exercises,
#: ``ex-likelihood-underflow``, ``ex-kl-best``).
LONGER_LABELS = _frozen([0, 2, 2, 2, 1, 2], dtype=int)
#: The logits of ``ex-softmax-loss`` (label 0).
SOFTMAX_LOGITS = _frozen([2.0, -1.0, 0.5])
#: The logits of ``ex-softmax-grad`` and ``pr2-smoothed-grad`` (label 0).
GRADIENT_LOGITS = _frozen([1.0, 2.0, 3.0])
#: The classifier exercises' inputs a, a, a, b, b and their labels (``ex-classifier-...``).
PAIR_INPUTS = _frozen([[0.0], [0.0], [0.0], [1.0], [1.0]])
PAIR_LABELS = _frozen([2, 2, 1, 0, 0], dtype=int)
#: The model of those exercises, ``{a: q(. | a), b: q(. | b)}``, with the worked model at a.
PAIR_MODEL = {0.0: WORKED_MODEL, 1.0: _frozen([0.7, 0.2, 0.1])}
#: Two rows of logits and their labels (``ex-classifier-batch-grad``).
BATCH_LOGITS = _frozen([[0.0, 1.0, -1.0], [2.0, 0.0, 1.0]])
BATCH_LABELS = _frozen([0, 2], dtype=int)
#: One logit and its binary target (``ex-variations-bce``).
BINARY_LOGIT, BINARY_TARGET = -1.5, 1
#: The smoothing, the number of classes and the label (``ex-variations-smoothed-target``,
#: ``ex-variations-margin``).
SMOOTHING, SMOOTHING_CLASSES, SMOOTHING_LABEL = 0.1, 4, 1
#: The targets, the predicted mean and the standard deviation (``ex-variations-gaussian``).
GAUSSIAN_Y = _frozen([1.0, 2.0, 4.0])
GAUSSIAN_MEAN, GAUSSIAN_SIGMA = 2.0, 0.5
#: The share of probability a model moves to the class the worked sample never shows
#: (``ex-kl-unseen-class``).
UNSEEN_SHARE = 0.1
#: The data's fair coin ``p`` and a model ``q`` of it (``pr1-kl-direction``).
COIN_P, COIN_Q = _frozen([0.5, 0.5]), _frozen([0.9, 0.1])
#: One row of logits and its label (``pr1-softmax-twice``, in Part II's problem set).
PROBLEM_LOGITS = _frozen([[2.0, 0.0, -1.0]])
PROBLEM_TARGETS = _frozen([0], dtype=int)
#: The number of classes of ``pr2-softmax-twice-floor``.
TWICE_CLASSES = 10

# --- the held-out chapter (book/held_out.md) -------------------------------------------

#: Size ``M`` and number of the fresh held-out samples that the held-out chapter and its
#: slider score models on, and the seed of the first (the others follow it).
HELD_OUT_SIZE, HELD_OUT_COUNT, HELD_OUT_FIRST_SEED = 30, 20, 100
#: A small held-out sample with a 0 in it, which the worked sample never shows
#: (``ex-heldout-loss``, ``ex-heldout-perplexity``).
HELD_OUT_LABELS = _frozen([2, 0, 2, 1, 2], dtype=int)
#: The pseudo-count of add-one (Laplace) smoothing (the ``ex-heldout-...`` exercises).
LAPLACE_ALPHA = 1.0


@functools.cache
def held_out_samples():
    """The held-out samples: :data:`HELD_OUT_COUNT` rows of :data:`HELD_OUT_SIZE` labels.

    Row ``j`` is ``sample_from(TRUE_DISTRIBUTION, HELD_OUT_SIZE, seed=HELD_OUT_FIRST_SEED + j)``:
    fresh draws from the true distribution, independent of the training sample.

    >>> held_out_samples().shape
    (20, 30)
    """
    rows = [
        sample_from(TRUE_DISTRIBUTION, HELD_OUT_SIZE, seed=HELD_OUT_FIRST_SEED + j)
        for j in range(HELD_OUT_COUNT)
    ]
    return _frozen(rows, dtype=int)


# --- chapter 5, bits and codes (book/bits_codes.md) ------------------------------------

#: The size N of the sample that chapter 5 compresses (:func:`coded_sample`), large
#: enough for a range coder's constant overhead, a few dozen bits, to be small next to
#: the N H(p, q) bits of the file.
CODED_SAMPLE_SIZE = 2000
#: The seed of that sample, ``resampled(CODED_SAMPLE_SIZE, CODED_SAMPLE_SEED)``.
CODED_SAMPLE_SEED = 0
#: The four-class model whose Huffman code the reader builds (``ex-codes-huffman``).
HUFFMAN_MODEL = _frozen([0.1, 0.15, 0.25, 0.5])
#: A model that gives class 2 probability 0, so its code has no word for class 2
#: (``ex-codes-no-word``).
NO_WORD_MODEL = _frozen([0.6, 0.4, 0.0])


@functools.cache
def coded_sample():
    """The sample of chapter 5 that a real compressor codes: :data:`CODED_SAMPLE_SIZE` labels.

    ``resampled(CODED_SAMPLE_SIZE, CODED_SAMPLE_SEED)``: draws from :data:`TRUE_DISTRIBUTION`.

    >>> coded_sample().size, coded_sample()[:5].tolist()
    (2000, [2, 1, 0, 0, 2])
    """
    labels = resampled(CODED_SAMPLE_SIZE, CODED_SAMPLE_SEED)
    labels.flags.writeable = False
    return labels
