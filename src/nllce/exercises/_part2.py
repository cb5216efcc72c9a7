"""The exercises of Part II, registered on import.

Every reference answer and every anticipated mistake is computed with
:mod:`nllce`; nothing is typed in. Labels match the ``{exercise}`` blocks of
``book/softmax.md``, ``classifier.md`` and ``variations.md``; the problem set
``problems_part2.md`` is in :mod:`nllce.exercises._problems2`.
"""

import numpy as np

from .. import (
    binary_cross_entropy_with_logits,
    cross_entropy,
    cross_entropy_with_logits,
    cross_entropy_with_logits_grad,
    entropy,
    frequencies,
    logsumexp,
    nll,
    softmax,
)
from ..book_data import (
    BATCH_LABELS,
    BATCH_LOGITS,
    BINARY_LOGIT,
    BINARY_TARGET,
    GAUSSIAN_MEAN,
    GAUSSIAN_SIGMA,
    GAUSSIAN_Y,
    GRADIENT_LOGITS,
    PAIR_INPUTS,
    PAIR_LABELS,
    PAIR_MODEL,
    SMOOTHING,
    SMOOTHING_CLASSES,
    SMOOTHING_LABEL,
    SOFTMAX_LOGITS,
    WORKED_MODEL,
)
from ..classifier import conditional_entropy
from ..gaussian import gaussian_nll, mean_squared_error
from ..losses import optimal_smoothed_margin
from ._checker import Exercise, Mistake, is_nan, register

LOG2 = np.log(2)


def _one_hot(label, num_classes):
    return np.eye(num_classes)[label]


def _log_sum_exp_naive(z):
    return np.log(np.sum(np.exp(z)))


def _log_sum_exp_not_added_back(z):
    return np.log(np.sum(np.exp(z - np.max(z))))


def _pair_model_rows():
    return np.array([PAIR_MODEL[x] for x in PAIR_INPUTS[:, 0]])


def _group_cross_entropies():
    """H(p(.|x), q(.|x)) for the inputs a and b of the pairs."""
    return [
        cross_entropy(frequencies(PAIR_LABELS[PAIR_INPUTS[:, 0] == x], 3), q)
        for x, q in PAIR_MODEL.items()
    ]


def _group_entropies():
    return [entropy(frequencies(PAIR_LABELS[PAIR_INPUTS[:, 0] == x], 3)) for x in PAIR_MODEL]


# --- chapter 6: softmax and its gradient -------------------------------------------

_LOSS = cross_entropy_with_logits(SOFTMAX_LOGITS, 0)
register(
    Exercise(
        "ex-softmax-loss",
        "number",
        _LOSS,
        mistakes=[
            Mistake(
                "That is the log-probability log q_0 = z_0 - logsumexp(z), which is never "
                "positive. The loss is its negative: -z_0 + logsumexp(z).",
                answer=-_LOSS,
            ),
            Mistake(
                "That is the probability q_0 = softmax(z)_0 itself; the loss is -log q_0.",
                answer=softmax(SOFTMAX_LOGITS)[0],
            ),
            Mistake(
                "You applied softmax twice: you turned the logits into probabilities and "
                "then fed them to a loss that applies softmax again. Feed it the logits.",
                answer=cross_entropy_with_logits(softmax(SOFTMAX_LOGITS), 0),
            ),
            Mistake(
                "You forgot the -z_y term: logsumexp(z) alone is the normaliser. The loss "
                "-log softmax(z)_y = -z_y + logsumexp(z) also subtracts the label's own logit.",
                answer=logsumexp(SOFTMAX_LOGITS),
            ),
            Mistake(
                "You used the largest logit instead of logsumexp: max(z) - z_0 is 0 here, "
                "but logsumexp(z) is larger than max(z), by up to log K.",
                answer=0.0,
            ),
            Mistake(
                "You used log base 2; the book (and every deep-learning library) uses the "
                "natural log. Multiply by ln 2 to convert.",
                answer=_LOSS / LOG2,
            ),
        ],
        hint="The loss is -z_y + log(e^{z_0} + e^{z_1} + e^{z_2}) with y = 0.",
        explanation="-z_0 + logsumexp(z) = -log softmax(z)_0.",
    )
)

_GRADIENT = cross_entropy_with_logits_grad(GRADIENT_LOGITS, 0)
register(
    Exercise(
        "ex-softmax-grad",
        "array",
        _GRADIENT,
        mistakes=[
            Mistake(
                "The sign is flipped: you computed onehot(y) - q, the direction that "
                "*decreases* the loss. The gradient is q - onehot(y), predicted minus wanted.",
                answer=-_GRADIENT,
            ),
            Mistake(
                "That is softmax(z) alone: the derivative of -z_y subtracts 1 from the "
                "label's coordinate.",
                answer=softmax(GRADIENT_LOGITS),
            ),
            Mistake(
                "The label is class 0, the first coordinate: subtract 1 there, not at the "
                "largest logit.",
                answer=softmax(GRADIENT_LOGITS) - _one_hot(2, 3),
            ),
            Mistake(
                "That is the gradient with respect to the probabilities q: d(-log q_y)/dq = "
                "-onehot(y) / q_y. The question asks for the gradient with respect to the "
                "logits z, through the softmax: q - onehot(y).",
                answer=-_one_hot(0, 3) / softmax(GRADIENT_LOGITS)[0],
            ),
        ],
        hint="Compute q = softmax(z) and subtract 1 from the coordinate of the label y = 0.",
        explanation="q - onehot(0); its coordinates add up to 0.",
    )
)

register(
    Exercise(
        "ex-softmax-stable",
        "function",
        logsumexp,
        inputs=[
            (np.array([1000.0, 1.0]),),
            (np.array([-1000.0, -1001.0]),),
            (np.array([0.5, 1.5, -2.0]),),
            (np.array([800.0, 800.0, 800.0]),),
        ],
        mistakes=[
            Mistake(
                "Your function overflows: e^1000 is inf in float64 (and e^-1000 is 0, whose "
                "log is -inf). Subtract the largest logit m first and add it back: "
                "m + log(sum(exp(z - m))).",
                answer=_log_sum_exp_naive,
            ),
            Mistake(
                "You subtracted the largest logit m but did not add it back: "
                "logsumexp(z) = m + log(sum(exp(z - m))).",
                answer=_log_sum_exp_not_added_back,
            ),
            Mistake(
                "max(z) is only the largest term; logsumexp adds the log of the sum of the "
                "others' shares, log(sum(exp(z - m))), which is between 0 and log K.",
                answer=np.max,
            ),
        ],
        hint="Use m = np.max(z) and return m + np.log(np.sum(np.exp(z - m))).",
        explanation="Shifting by the max keeps every exponent <= 0 and one term equal to 1.",
    )
)

register(
    Exercise(
        "ex-softmax-shift",
        "choice",
        "A",
        choices=("A", "B", "C"),
        mistakes=[
            Mistake(
                "Adding 100 to every logit multiplies every e^{z_i} by the same e^100, which "
                "cancels between numerator and denominator: the model does not change.",
                answer="B",
            ),
            Mistake(
                "A naive exp(103) is fine (about 5.4e44; overflow starts near e^709), and "
                "nllce subtracts the largest logit first anyway, so nothing overflows.",
                answer="C",
            ),
        ],
        hint="Write e^{z_i + 100} = e^100 e^{z_i} in the softmax.",
        explanation="softmax is unchanged when the same number is added to every logit.",
    )
)

# --- chapter 7: the classifier --------------------------------------------------------

_PAIRS_NLL = nll(_pair_model_rows(), PAIR_LABELS)
register(
    Exercise(
        "ex-classifier-grouped",
        "number",
        _PAIRS_NLL,
        mistakes=[
            Mistake(
                "You forgot to divide by N = 5: that is the summed NLL, -log L. The mean "
                "divides by the number of pairs.",
                answer=nll(_pair_model_rows(), PAIR_LABELS, reduction="sum"),
            ),
            Mistake(
                "You averaged the two inputs' cross-entropies with equal weights 1/2. Input a "
                "occurs 3 times and b twice, so their weights are N_x / N = 3/5 and 2/5.",
                answer=float(np.mean(_group_cross_entropies())),
            ),
            Mistake(
                "You used q(.|a) for every pair. A classifier has one distribution per input: "
                "the pairs at input b are scored by q(.|b).",
                answer=nll(WORKED_MODEL, PAIR_LABELS),
            ),
            Mistake(
                "You used log base 2; the book uses the natural log.",
                answer=_PAIRS_NLL / LOG2,
            ),
            Mistake(
                "You divided by K = 3, the number of classes; the mean is over the N = 5 "
                "pairs: divide the summed NLL by N.",
                answer=nll(_pair_model_rows(), PAIR_LABELS, reduction="sum") / 3,
            ),
        ],
        hint="Average -log q(y_k | x_k) over the five pairs, or weight each input's "
        "cross-entropy by N_x / N.",
        explanation="3/5 H(p(.|a), q(.|a)) + 2/5 H(p(.|b), q(.|b)), the same as the "
        "average over pairs.",
    )
)

_FLOOR = conditional_entropy(PAIR_INPUTS, PAIR_LABELS, 3)
register(
    Exercise(
        "ex-classifier-floor",
        "number",
        _FLOOR,
        mistakes=[
            Mistake(
                "That is the entropy of all five labels pooled, H(Y), which ignores the "
                "inputs: it is the floor of a model that gives every input the same q. "
                "A classifier can use x, so its floor is the conditional entropy.",
                answer=entropy(frequencies(PAIR_LABELS, 3)),
            ),
            Mistake(
                "You averaged the two inputs' entropies with equal weights; weight them by "
                "N_x / N = 3/5 and 2/5.",
                answer=float(np.mean(_group_entropies())),
            ),
            Mistake(
                "That is in bits; use the natural log.",
                answer=_FLOOR / LOG2,
            ),
            Mistake(
                "Your answer is nan: p(.|b) = (1, 0, 0) has zeros, and numpy computes "
                "0 * log 0 as 0 * -inf = nan. By convention 0 log 0 = 0: sum only over the "
                "classes with p_i > 0 (or use nllce.entropy).",
                matches=is_nan,
            ),
            Mistake(
                "The floor is the greatest lower bound of any model's mean NLL, met at "
                "q(.|x) = p(.|x) (a softmax model only approaches it where some p(i|x) is "
                "0); it is not the NLL of the given model.",
                answer=_PAIRS_NLL,
            ),
        ],
        hint="Compute H(p(.|a)) and H(p(.|b)) from the labels at each input, then weight "
        "them by N_x / N.",
        explanation="3/5 H(0, 1/3, 2/3) + 2/5 H(1, 0, 0) = 3/5 H(0, 1/3, 2/3).",
    )
)

_BATCH_GRAD = cross_entropy_with_logits_grad(BATCH_LOGITS, BATCH_LABELS)
register(
    Exercise(
        "ex-classifier-batch-grad",
        "array",
        _BATCH_GRAD,
        mistakes=[
            Mistake(
                "You forgot the 1/N of the mean: each row is (q_k - onehot(y_k)) / N with "
                "N = 2 examples.",
                answer=_BATCH_GRAD * len(BATCH_LABELS),
            ),
            Mistake(
                "The sign is flipped: the gradient is (q - onehot) / N, predicted minus wanted.",
                answer=-_BATCH_GRAD,
            ),
            Mistake(
                "You divided by K = 3 (the classes) instead of N = 2 (the examples).",
                answer=_BATCH_GRAD * len(BATCH_LABELS) / 3,
            ),
            Mistake(
                "That is the gradient with respect to the probabilities q: row k is "
                "-onehot(y_k) / (N q_k,y_k). The question asks for the logits z, through the "
                "softmax: (q_k - onehot(y_k)) / N.",
                answer=-np.eye(3)[BATCH_LABELS]
                / softmax(BATCH_LOGITS)[np.arange(len(BATCH_LABELS)), BATCH_LABELS][:, None]
                / len(BATCH_LABELS),
            ),
        ],
        hint="Row k is (softmax(z_k) - onehot(y_k)) / N.",
        explanation="Each example's row is its own q - onehot, scaled by 1/N.",
    )
)

register(
    Exercise(
        "ex-classifier-no-repeats",
        "choice",
        "A",
        choices=("A", "B", "C"),
        mistakes=[
            Mistake(
                "With no repeated input, p(.|x) is one-hot at every input, whose entropy is "
                "0; the pooled label entropy H(Y) is the floor of a model that ignores x.",
                answer="B",
            ),
            Mistake(
                "log K is the loss of the uniform model (every class 1/K), where training "
                "starts, not the floor.",
                answer="C",
            ),
        ],
        hint="What is p(.|x) when input x occurs exactly once, and what is its entropy?",
        explanation="Each p(.|x) is one-hot, so the conditional entropy is 0: a model "
        "flexible enough can push the training loss toward 0 by memorising (a softmax "
        "never reaches 0 at finite logits).",
    )
)

# --- chapter 8: variations ------------------------------------------------------------

_BCE = binary_cross_entropy_with_logits(BINARY_LOGIT, BINARY_TARGET)
_SIGMOID = 1 / (1 + np.exp(-BINARY_LOGIT))
register(
    Exercise(
        "ex-variations-bce",
        "number",
        _BCE,
        mistakes=[
            Mistake(
                "That is the loss for target t = 0; the target here is t = 1, so the loss "
                "is -log sigma(z).",
                answer=binary_cross_entropy_with_logits(BINARY_LOGIT, 1 - BINARY_TARGET),
            ),
            Mistake(
                "That is the probability sigma(z) itself; the loss is -log sigma(z).",
                answer=_SIGMOID,
            ),
            Mistake(
                "The sign is flipped: log sigma(z) is negative, the loss is its negative.",
                answer=-_BCE,
            ),
            Mistake("You used log base 2; use the natural log.", answer=_BCE / LOG2),
        ],
        hint="With logits (0, z) for classes (0, 1) and target (0, 1), the loss is "
        "-log softmax(0, z)_1 = log(1 + e^{-z}).",
        explanation="-log sigma(-1.5) = log(1 + e^{1.5}).",
    )
)

_SMOOTHED = (1 - SMOOTHING) * _one_hot(SMOOTHING_LABEL, SMOOTHING_CLASSES) + (
    SMOOTHING / SMOOTHING_CLASSES
)
_OTHER_CONVENTION = np.where(
    _one_hot(SMOOTHING_LABEL, SMOOTHING_CLASSES) == 1,
    1 - SMOOTHING,
    SMOOTHING / (SMOOTHING_CLASSES - 1),
)
register(
    Exercise(
        "ex-variations-smoothed-target",
        "array",
        _SMOOTHED,
        mistakes=[
            Mistake(
                "That is the other convention, which spreads epsilon over the K - 1 wrong "
                "classes only. PyTorch (and this book) spread it over all K classes, so the "
                "label keeps 1 - epsilon + epsilon / K.",
                answer=_OTHER_CONVENTION,
            ),
            Mistake(
                "Your target sums to 1 + epsilon: scale the one-hot part by 1 - epsilon "
                "before adding epsilon / K.",
                answer=_one_hot(SMOOTHING_LABEL, SMOOTHING_CLASSES) + SMOOTHING / SMOOTHING_CLASSES,
            ),
            Mistake(
                "Classes are numbered from 0: label 1 is the second entry.",
                answer=(1 - SMOOTHING) * _one_hot(0, SMOOTHING_CLASSES)
                + SMOOTHING / SMOOTHING_CLASSES,
            ),
        ],
        hint="p = (1 - epsilon) onehot(y) + epsilon / K, with K = 4, y = 1, epsilon = 0.1.",
        explanation="The label keeps 1 - epsilon + epsilon/K, every other class gets epsilon/K.",
    )
)

_MARGIN = optimal_smoothed_margin(SMOOTHING, SMOOTHING_CLASSES)
register(
    Exercise(
        "ex-variations-margin",
        "number",
        _MARGIN,
        mistakes=[
            Mistake(
                "With smoothing the minimum is at a finite margin: the best q is the smoothed "
                "target itself, which gives every class at least epsilon / K.",
                matches=lambda answer: np.isinf(answer),
            ),
            Mistake(
                "The label's target probability is 1 - epsilon + epsilon / K, not 1 - epsilon: "
                "it also gets its share of the smoothing.",
                answer=np.log((1 - SMOOTHING) / (SMOOTHING / SMOOTHING_CLASSES)),
            ),
            Mistake(
                "That uses the epsilon / (K - 1) convention; this book (like PyTorch) spreads "
                "epsilon over all K classes.",
                answer=np.log((1 - SMOOTHING) / (SMOOTHING / (SMOOTHING_CLASSES - 1))),
            ),
        ],
        hint="At the minimum q = p_epsilon, and a logit difference is the log of a "
        "probability ratio: m = log(p_y / p_other).",
        explanation="m = log((1 - epsilon + epsilon/K) / (epsilon/K)) = log(1 + K(1 - epsilon)"
        " / epsilon).",
    )
)

_GAUSSIAN = gaussian_nll(predictions=GAUSSIAN_MEAN, targets=GAUSSIAN_Y, sigma=GAUSSIAN_SIGMA)
_MSE = mean_squared_error(predictions=GAUSSIAN_MEAN, targets=GAUSSIAN_Y)
register(
    Exercise(
        "ex-variations-gaussian",
        "number",
        _GAUSSIAN,
        mistakes=[
            Mistake(
                "You kept only MSE / (2 sigma^2): the constants log sigma + log(2 pi) / 2 do "
                "not change the best prediction, but they are part of the NLL.",
                answer=_MSE / (2 * GAUSSIAN_SIGMA**2),
            ),
            Mistake(
                "Divide the squared error by 2 sigma^2 (the variance), not by 2 sigma.",
                answer=_MSE / (2 * GAUSSIAN_SIGMA)
                + np.log(GAUSSIAN_SIGMA)
                + 0.5 * np.log(2 * np.pi),
            ),
            Mistake(
                "You forgot the 1/N: that is the summed NLL of the three targets.",
                answer=gaussian_nll(GAUSSIAN_MEAN, GAUSSIAN_Y, GAUSSIAN_SIGMA, reduction="sum"),
            ),
            Mistake(
                "The sign of log sigma is flipped: the density has 1/sigma in front, so its "
                "negative log adds +log sigma (negative here, since sigma < 1); you added "
                "-log sigma.",
                answer=_MSE / (2 * GAUSSIAN_SIGMA**2)
                - np.log(GAUSSIAN_SIGMA)
                + 0.5 * np.log(2 * np.pi),
            ),
        ],
        hint="Mean NLL = MSE / (2 sigma^2) + log sigma + log(2 pi) / 2, with MSE the mean of "
        "(y_k - mu)^2.",
        explanation="MSE / (2 sigma^2) + log sigma + log(2 pi) / 2.",
    )
)
