"""The exercises of the held-out chapter (``book/held_out.md``), registered on import.

Reference answers and anticipated mistakes are computed with :mod:`nllce`; the inputs
come from :mod:`nllce.book_data`: the worked sample ``[2, 2, 1]`` as the training
sample, :data:`~nllce.book_data.HELD_OUT_LABELS` as new data, and add-one smoothing,
``alpha =`` :data:`~nllce.book_data.LAPLACE_ALPHA`.
"""

import numpy as np

from .. import counts, cross_entropy, frequencies, nll
from ..book_data import (
    HELD_OUT_LABELS,
    LAPLACE_ALPHA,
    LONGER_LABELS,
    WORKED_LABELS,
    WORKED_NUM_CLASSES,
)
from ..smoothing import additive_smoothing, perplexity
from ._checker import Exercise, Mistake, register

K = WORKED_NUM_CLASSES
ALPHA = LAPLACE_ALPHA
N_TRAIN = counts(WORKED_LABELS, K)  # (0, 1, 2)
P_TRAIN = frequencies(WORKED_LABELS, K)
HELD_OUT = np.array(HELD_OUT_LABELS)
P_HELD = frequencies(HELD_OUT, K)
Q_ADD_ONE = additive_smoothing(N_TRAIN, ALPHA)
LOG2 = np.log(2)


def _forgot_k(n, alpha):
    """Pseudo-counts in the numerators but only one alpha in the denominator."""
    n = np.asarray(n, dtype=float)
    return (n + alpha) / (n.sum() + alpha)


def _seen_only(n, alpha):
    """alpha added to the classes that occurred only, over the full denominator."""
    n = np.asarray(n, dtype=float)
    return np.where(n > 0, n + alpha, 0.0) / (n.sum() + n.size * alpha)


def _seen_only_renormalised(n, alpha):
    """alpha added to the classes that occurred only, then normalised."""
    n = np.asarray(n, dtype=float)
    bumped = np.where(n > 0, n + alpha, 0.0)
    return bumped / bumped.sum()


_FORGOT_K = (
    "The denominator must be the sum of all the numerators: K classes each got alpha, so "
    "it is N + K alpha, not N + alpha. Check: your model does not sum to 1."
)
_SEEN_ONLY = (
    "Every class gets the pseudo-count, including the classes the sample never showed: "
    "they are the ones smoothing is for. Class 0 must get alpha / (N + K alpha), not 0."
)
_UNSMOOTHED = (
    "Those are the plain frequencies n_i / N (alpha = 0), the maximum-likelihood model; "
    "add alpha to every count and K alpha to N."
)

register(
    Exercise(
        "ex-heldout-laplace",
        "array",
        Q_ADD_ONE,
        mistakes=[
            Mistake(_FORGOT_K, answer=_forgot_k(N_TRAIN, ALPHA)),
            Mistake(_SEEN_ONLY, answer=_seen_only(N_TRAIN, ALPHA)),
            Mistake(
                "You added alpha to the classes that occurred only and renormalised: class 0 "
                "still gets 0. Every class gets the pseudo-count, seen or not.",
                answer=_seen_only_renormalised(N_TRAIN, ALPHA),
            ),
            Mistake(_UNSMOOTHED, answer=P_TRAIN),
            Mistake(
                "Those are the smoothed counts n_i + alpha; divide them by their sum, "
                "N + K alpha, to get probabilities.",
                answer=N_TRAIN + ALPHA,
            ),
        ],
        hint="q_i = (n_i + alpha) / (N + K alpha) with n = (0, 1, 2), N = 3, K = 3, alpha = 1.",
        explanation="q = (1, 2, 3) / 6: every class, seen or not, gets one imagined draw.",
    )
)

register(
    Exercise(
        "ex-heldout-loss",
        "number",
        nll(Q_ADD_ONE, HELD_OUT),
        mistakes=[
            Mistake(
                "Infinite: that is the loss of the unsmoothed model (0, 1/3, 2/3), which gives "
                "the held-out 0 probability 0. Score the add-one model instead.",
                matches=lambda answer: answer == np.inf,
            ),
            Mistake(
                "You forgot to divide by M = 5: that is the summed NLL of the held-out sample. "
                "The held-out loss is the mean, H(p', q).",
                answer=nll(Q_ADD_ONE, HELD_OUT, reduction="sum"),
            ),
            Mistake(
                "You used log base 2 (bits); the book uses the natural log (nats). Multiply "
                "by ln 2 to convert.",
                answer=cross_entropy(P_HELD, Q_ADD_ONE, base=2),
            ),
            Mistake(
                "That is the train loss, H(p, q) on [2, 2, 1]; the held-out loss scores the "
                "same model on the new sample [2, 0, 2, 1, 2].",
                answer=cross_entropy(P_TRAIN, Q_ADD_ONE),
            ),
            Mistake(
                "You swapped the arguments: the held-out frequencies are the weights and the "
                "model is inside the log, -sum_i p'_i log q_i.",
                answer=cross_entropy(Q_ADD_ONE, P_HELD),
            ),
            Mistake(
                "The sign is flipped: -log of a probability is positive, so the loss is too.",
                answer=-nll(Q_ADD_ONE, HELD_OUT),
            ),
        ],
        hint="Average -log q_x over the five held-out labels x, with q = (1/6, 2/6, 3/6).",
        explanation="Every held-out label, the 0 included, now has a positive probability.",
    )
)

_mean_nll = nll(Q_ADD_ONE, HELD_OUT)
register(
    Exercise(
        "ex-heldout-perplexity",
        "number",
        perplexity(P_HELD, Q_ADD_ONE),
        mistakes=[
            Mistake(
                "You exponentiated the total NLL, which grows with the sample: exp(M H) is "
                "the inverse of the likelihood. Perplexity is exp of the mean NLL, H(p', q).",
                answer=np.exp(nll(Q_ADD_ONE, HELD_OUT, reduction="sum")),
            ),
            Mistake(
                "The base of the power must match the base of the log: you raised 2 to a loss "
                "in nats. Use exp(H_nats), or 2 ** H_bits; both give the same number.",
                answer=2**_mean_nll,
            ),
            Mistake(
                "The base of the power must match the base of the log: you raised e to a loss "
                "in bits. Use exp(H_nats), or 2 ** H_bits; both give the same number.",
                answer=np.exp(_mean_nll / LOG2),
            ),
            Mistake(
                "That is the held-out loss H(p', q) itself; perplexity is its exponential, "
                "exp(H), a number of classes rather than nats.",
                answer=_mean_nll,
            ),
            Mistake(
                "That is 1 / perplexity, the geometric mean of the probabilities q gave the "
                "held-out labels; perplexity is its inverse, exp(+H).",
                answer=np.exp(-_mean_nll),
            ),
            Mistake(
                "Infinite: that is the perplexity of the unsmoothed model, which gives the "
                "held-out 0 probability 0. Use the add-one model.",
                matches=lambda answer: answer == np.inf,
            ),
        ],
        hint="Perplexity is exp(mean NLL) = exp(H(p', q)): the held-out loss, exponentiated.",
        explanation="Between 1 and K = 3: about as unsure as a choice among that many classes.",
    )
)


def _reference_smoothing(n, alpha):
    return additive_smoothing(n, alpha)


register(
    Exercise(
        "ex-heldout-function",
        "function",
        _reference_smoothing,
        inputs=[
            (N_TRAIN, ALPHA),
            (counts(LONGER_LABELS, K), 0.5),
            (counts(HELD_OUT, K), 2.0),
            (counts(WORKED_LABELS, 5), 0.25),
        ],
        mistakes=[
            Mistake(_FORGOT_K, answer=_forgot_k),
            Mistake(_SEEN_ONLY, answer=_seen_only),
            Mistake(
                "You added alpha to the classes with a positive count only and renormalised: "
                "an unseen class still gets 0. Add alpha to every entry of n.",
                answer=_seen_only_renormalised,
            ),
            Mistake(
                "alpha is ignored: that returns the frequencies n / N. Add alpha to every "
                "count and K alpha to the total.",
                answer=lambda n, alpha: np.asarray(n, dtype=float) / np.sum(n),
            ),
        ],
        hint="Return (n + alpha) / (n.sum() + len(n) * alpha); len(n) is K.",
        explanation="With alpha = 0 it gives the frequencies, and it sums to 1 for every alpha.",
    )
)
