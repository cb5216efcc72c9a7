"""The problem set of Part II (``book/problems_part2.md``), registered on import.

"Find the error" problems built from the misreadings people make in practice: the
forgotten ``1/N``, KL the wrong way round, softmax applied twice, ``H(p, q)`` read as
a joint entropy, and a gradient that mixes chapters. Every answer and anticipated
mistake is computed with :mod:`nllce`.

``pr1-softmax-twice`` is registered here too: it moved from Part I's problem set
(it needs softmax, taught in Part II) and kept its label, which students' notebooks call.
"""

import numpy as np

from .. import (
    cross_entropy,
    cross_entropy_with_logits,
    cross_entropy_with_logits_grad,
    entropy,
    frequencies,
    kl_divergence,
    nll,
    softmax,
)
from ..book_data import (
    GRADIENT_LOGITS,
    PROBLEM_LOGITS,
    PROBLEM_TARGETS,
    SMOOTHING,
    TWICE_CLASSES,
    WORKED_LABELS,
    WORKED_MODEL,
)
from ._checker import Exercise, Mistake, is_nan, register

LOG2 = np.log(2)


def _one_hot(label, num_classes):
    return np.eye(num_classes)[label]


_GRADIENT = cross_entropy_with_logits_grad(GRADIENT_LOGITS, 0)

_WORKED_P = frequencies(WORKED_LABELS, 3)
_KL = kl_divergence(_WORKED_P, WORKED_MODEL)
register(
    Exercise(
        "pr2-kl-direction",
        "number",
        _KL,
        mistakes=[
            Mistake(
                "That is KL(q || p), the wrong direction: it weighs by q and is infinite "
                "here, because q_0 > 0 = p_0. The gap above the floor is KL(p || q), "
                "weighted by the data.",
                matches=lambda answer: np.isinf(answer),
            ),
            Mistake(
                "Your answer is nan: p_0 = 0, and numpy computes 0 * log(0 / q_0) as "
                "0 * -inf = nan. By convention 0 log 0 = 0: sum only over the classes with "
                "p_i > 0 (or use nllce.kl_divergence).",
                matches=is_nan,
            ),
            Mistake(
                "That is the whole cross-entropy H(p, q) = H(p) + KL(p || q); subtract the "
                "floor H(p).",
                answer=cross_entropy(_WORKED_P, WORKED_MODEL),
            ),
            Mistake("That is in bits; use the natural log.", answer=_KL / LOG2),
        ],
        hint="KL(p || q) = sum_i p_i log(p_i / q_i), with 0 log 0 = 0.",
        explanation="KL(p || q) = H(p, q) - H(p), the part of the loss training can remove.",
    )
)

# pr1-softmax-twice keeps its old label: it was Part I's problem set until we noticed that
# it needs softmax, which Part II teaches. Students' notebooks call it by this label.
register(
    Exercise(
        "pr1-softmax-twice",
        "number",
        cross_entropy_with_logits(PROBLEM_LOGITS, PROBLEM_TARGETS),
        mistakes=[
            Mistake(
                "You applied softmax twice: the loss with logits already applies softmax, so "
                "feeding it softmax(z) squashes the probabilities toward uniform and the "
                "loss can never get near 0. Pass the logits z themselves.",
                answer=cross_entropy_with_logits(softmax(PROBLEM_LOGITS), PROBLEM_TARGETS),
            ),
            Mistake(
                "That is -z_y alone; the loss is -z_y + log sum_j exp(z_j): it needs the "
                "normaliser.",
                answer=-PROBLEM_LOGITS[0, PROBLEM_TARGETS[0]],
            ),
            Mistake(
                "You used log base 2; use the natural log (nats).",
                answer=cross_entropy_with_logits(PROBLEM_LOGITS, PROBLEM_TARGETS) / LOG2,
            ),
            Mistake(
                "That is logsumexp(z) alone, the normaliser: you forgot the -z_y term. The "
                "loss is -z_y + logsumexp(z).",
                answer=cross_entropy_with_logits(PROBLEM_LOGITS, PROBLEM_TARGETS)
                + PROBLEM_LOGITS[0, PROBLEM_TARGETS[0]],
            ),
        ],
        hint="Compute -log softmax(z)_0 = -z_0 + log(e^2 + e^0 + e^-1).",
        explanation="-z_0 + logsumexp(z), from the logits; the label keeps its old name "
        "(pr1-) from when this problem was in Part I's set.",
    )
)

_TWICE_FLOOR = float(np.log1p((TWICE_CLASSES - 1) / np.e))
register(
    Exercise(
        "pr2-softmax-twice-floor",
        "number",
        _TWICE_FLOOR,
        mistakes=[
            Mistake(
                "With softmax applied twice the loss cannot reach 0: the second softmax sees "
                "numbers between 0 and 1, so it gives the label at most e / (e + K - 1).",
                answer=0.0,
            ),
            Mistake(
                "That is the floor for K = 3 classes; here K = 10.",
                answer=float(np.log1p(2 / np.e)),
            ),
            Mistake(
                "log K is the loss of the uniform model; the bug's floor is lower, "
                "log(1 + (K - 1)/e), approached as the first softmax nears one-hot.",
                answer=float(np.log(TWICE_CLASSES)),
            ),
        ],
        hint="The buggy pipeline comes ever closer to feeding the loss the one-hot vector "
        "(1, 0, ..., 0) as logits, without reaching it; compute the loss of that limit.",
        explanation="log(1 + (K - 1)/e), the loss of the logits (1, 0, ..., 0): a floor the "
        "loss approaches but never reaches, since a softmax is never exactly one-hot.",
    )
)

_Y_LABEL = 2
_PREDICTION = np.array(WORKED_MODEL)
_ONE_HOT_CE = cross_entropy(_one_hot(_Y_LABEL, 3), _PREDICTION)
register(
    Exercise(
        "pr2-not-joint",
        "number",
        _ONE_HOT_CE,
        mistakes=[
            Mistake(
                "That is H(q, onehot(y)), the arguments swapped, which is infinite: it takes "
                "the log of the target's zeros. Cross-entropy is not symmetric, and the comma "
                "in H(p, q) is not the comma of a joint entropy H(X, Y) = H(Y, X).",
                matches=lambda answer: np.isinf(answer),
            ),
            Mistake(
                "That is H(p), the entropy of the one-hot target alone, which is 0. The loss "
                "is the cross-entropy H(p, q) = -sum_i p_i log q_i, which also needs the "
                "prediction q.",
                answer=0.0,
            ),
            Mistake(
                "That is the entropy of the prediction, H(q), which is also H(onehot) + H(q), "
                "the joint entropy of label and prediction if they were independent. The "
                "loss is the cross-entropy -sum_i p_i log q_i with p = onehot(y).",
                answer=entropy(_PREDICTION),
            ),
        ],
        hint="With a one-hot target, H(onehot(y), q) = -log q_y.",
        explanation="-log q_2, one term of the sum survives.",
    )
)

_MIXED_GRAD = cross_entropy_with_logits_grad(GRADIENT_LOGITS, 0, label_smoothing=SMOOTHING)
register(
    Exercise(
        "pr2-smoothed-grad",
        "array",
        _MIXED_GRAD,
        mistakes=[
            Mistake(
                "You left out the smoothing: the target is p_epsilon = (1 - epsilon) "
                "onehot(y) + epsilon / K, and the gradient is q - p_epsilon.",
                answer=_GRADIENT,
            ),
            Mistake(
                "The sign is flipped: the gradient is q - p_epsilon, predicted minus wanted.",
                answer=-_MIXED_GRAD,
            ),
            Mistake(
                "That uses epsilon / (K - 1) for the other classes; this book (like PyTorch) "
                "gives every class epsilon / K and the label 1 - epsilon on top.",
                answer=softmax(GRADIENT_LOGITS)
                - np.where(_one_hot(0, 3) == 1, 1 - SMOOTHING, SMOOTHING / 2),
            ),
            Mistake(
                "That is the gradient with respect to the probabilities q, -p_epsilon / q. "
                "The question asks for the logits z, through the softmax: q - p_epsilon.",
                answer=-(_GRADIENT + _one_hot(0, 3) - _MIXED_GRAD) / softmax(GRADIENT_LOGITS),
            ),
        ],
        hint="q = softmax(z); subtract p_epsilon = 0.9 onehot(0) + 0.1 / 3.",
        explanation="The gradient is still predicted minus wanted, with the mixed target.",
    )
)

_Q = np.array(WORKED_MODEL)
_SUMMED = nll(_Q, WORKED_LABELS, reduction="sum")
register(
    Exercise(
        "pr2-forgot-mean",
        "number",
        nll(_Q, np.tile(WORKED_LABELS, 4)) - nll(_Q, WORKED_LABELS),
        mistakes=[
            Mistake(
                "Summed losses grow with N: the sample repeated 4 times has 4 times the summed "
                "NLL. The mean NLL does not change when the same frequencies are repeated.",
                answer=4 * _SUMMED - _SUMMED,
            ),
        ],
        hint="Both samples have the frequencies (0, 1/3, 2/3): compute each mean NLL.",
        explanation="Same frequencies, same cross-entropy: the mean NLL compares samples of "
        "different sizes fairly.",
        atol=1e-6,
    )
)
