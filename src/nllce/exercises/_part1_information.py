"""The exercises of Part I, chapters 3 and 4, registered on import.

Reference answers and anticipated mistakes are computed with :mod:`nllce`. Labels
match the ``{exercise}`` blocks of ``book/cross_entropy.md`` and
``book/entropy_kl.md``.
"""

import numpy as np
import sympy

from .. import counts, cross_entropy, entropy, frequencies, kl_divergence, nll
from ..book_data import TRUE_DISTRIBUTION, UNSEEN_SHARE
from ..symbolic import kl_divergence_expr
from ._checker import Exercise, Mistake, is_nan, register
from ._part1 import LABELS, LOG2, LONGER, SYMBOLS, K, P, Q


def _negative(answer):
    return bool(np.all(np.asarray(answer, dtype=float) < 0))


# --- chapter 3: frequencies and the cross-entropy ---------------------------------

register(
    Exercise(
        "ex-ce-worked",
        "number",
        nll(Q, LABELS),
        mistakes=[
            Mistake(
                "You forgot to divide by N = 3: that is the summed NLL -log L. The mean NLL, "
                "which equals H(p, q), is -(1/N) log L.",
                answer=nll(Q, LABELS, reduction="sum"),
            ),
            Mistake(
                "You used log base 2, which gives bits; the book's default is nats (natural "
                "log). Multiply by ln 2 to convert.",
                answer=cross_entropy(P, Q, base=2),
            ),
            Mistake(
                "The sign is flipped: -log of a probability is positive, so the NLL is too.",
                answer=-nll(Q, LABELS),
            ),
            Mistake(
                "That is H(p), the entropy of the data alone. H(p, q) puts the model's "
                "log q_i under the data's weights p_i: -sum_i p_i log q_i.",
                answer=entropy(P),
            ),
            Mistake(
                "That is H(q), the entropy of the model alone. H(p, q) weights the model's "
                "-log q_i by the data's frequencies p_i, not by q_i.",
                answer=entropy(Q),
            ),
            Mistake(
                "You swapped p and q: -sum_i q_i log p_i is infinite here because p_0 = 0. "
                "The data's frequencies are the weights: -sum_i p_i log q_i.",
                matches=lambda answer: answer == np.inf,
            ),
        ],
        hint="Average -log q_{x_k} over the three draws, or compute -sum_i p_i log q_i.",
        explanation="-(1/3)(2 log 0.5 + log 0.3) = H(p, q).",
    )
)

register(
    Exercise(
        "ex-ce-sizes",
        "number",
        nll(Q, np.tile(LABELS, 100)) / nll(Q, LABELS),
        mistakes=[
            Mistake(
                "100 is the ratio of the summed NLLs: the big sample has 100 times as many "
                "terms. Dividing by N removes exactly that factor, so the means agree.",
                answer=nll(Q, np.tile(LABELS, 100), reduction="sum") / nll(Q, LABELS, "sum"),
            ),
            Mistake(
                "A ratio of two positive numbers cannot be 0: both samples have a positive "
                "mean NLL.",
                answer=0.0,
            ),
        ],
        hint="Both samples have the same frequencies p = (0, 1/3, 2/3).",
        explanation="The mean NLL depends on the sample only through its frequencies.",
    )
)


def _cross_entropy_from_counts(n, q):
    return cross_entropy(n / n.sum(), q)


register(
    Exercise(
        "ex-ce-function",
        "function",
        _cross_entropy_from_counts,
        inputs=[
            (counts(LABELS, K), Q),
            (counts(LONGER, K), Q),
            (np.array([5, 3, 2]), np.array([0.6, 0.3, 0.1])),
        ],
        mistakes=[
            Mistake(
                "You forgot to divide by N = n.sum(): -sum_i n_i log q_i is the summed NLL, "
                "not the cross-entropy. Use the frequencies p = n / N.",
                answer=lambda n, q: -np.sum(n * np.log(q)),
            ),
            Mistake(
                "You swapped the roles: the frequencies p = n / N are the weights and the "
                "model's log q_i is what gets weighted: -sum_i p_i log q_i.",
                answer=lambda n, q: -np.sum(q * np.log(n / n.sum())),
            ),
            Mistake(
                "The sign is flipped: the cross-entropy -sum_i p_i log q_i is positive.",
                answer=lambda n, q: np.sum(n / n.sum() * np.log(q)),
            ),
            Mistake(
                "You used log base 2 (bits); the book uses the natural log (nats).",
                answer=lambda n, q: -np.sum(n / n.sum() * np.log2(q)),
            ),
            Mistake(
                "You divided by K = len(n), the number of classes; the frequencies divide by "
                "the number of draws N = n.sum(). (For [2, 2, 1], K = N = 3 hides it.)",
                answer=lambda n, q: -np.sum(n * np.log(q)) / n.size,
            ),
            Mistake(
                "That is H(p), the entropy of the data alone; the cross-entropy puts the "
                "model's log q_i under the weights p_i: -sum(p * log(q)).",
                answer=lambda n, q: entropy(n / n.sum()),
            ),
            Mistake(
                "That is H(q), the entropy of the model alone; the weights are the data's "
                "frequencies p = n / n.sum(), not q.",
                answer=lambda n, q: entropy(q),
            ),
        ],
        hint="Turn counts into frequencies p = n / n.sum(), then return -sum(p * log(q)).",
    )
)

register(
    Exercise(
        "ex-ce-limit",
        "number",
        cross_entropy(TRUE_DISTRIBUTION, Q),
        mistakes=[
            Mistake(
                "That is H(p_true), the entropy of the true distribution: the mean NLL only "
                "gets down to it if the model is the true distribution itself. Here the "
                "model is q, so the limit is H(p_true, q).",
                answer=entropy(TRUE_DISTRIBUTION),
            ),
            Mistake(
                "You swapped the arguments: the draws come from p_true, so p_true weights "
                "the model's log-probabilities: -sum_i p_true,i log q_i.",
                answer=cross_entropy(Q, TRUE_DISTRIBUTION),
            ),
            Mistake(
                "You used log base 2 (bits); the book uses the natural log (nats).",
                answer=cross_entropy(TRUE_DISTRIBUTION, Q, base=2),
            ),
            Mistake(
                "That is the entropy of the model, H(q); the limit weights log q_i by the "
                "true frequencies p_true,i.",
                answer=entropy(Q),
            ),
        ],
        hint="As N grows, the frequencies of the sample approach p_true = (0.1, 0.3, 0.6).",
        explanation="The law of large numbers turns the mean NLL into H(p_true, q).",
    )
)

# --- chapter 4: entropy, KL and the best model ----------------------------------------

register(
    Exercise(
        "ex-kl-worked",
        "number",
        kl_divergence(P, Q),
        mistakes=[
            Mistake(
                "KL is not symmetric: you computed KL(q || p), which is infinite because q "
                "gives class 0 probability 0.2 where p has 0. The book's KL(p || q) weights "
                "by the data p.",
                matches=lambda answer: answer == np.inf,
            ),
            Mistake(
                "Your answer is nan: p_0 = 0, and numpy computes 0 * log(0 / 0.2) as "
                "0 * -inf = nan. By convention 0 log 0 = 0: that term is 0, so sum only over "
                "the classes with p_i > 0.",
                matches=is_nan,
            ),
            Mistake(
                "That is H(p, q), the whole cross-entropy; the KL is what is left after "
                "subtracting the floor H(p).",
                answer=cross_entropy(P, Q),
            ),
            Mistake(
                "You used log base 2 (bits); the book uses the natural log (nats).",
                answer=kl_divergence(P, Q, base=2),
            ),
            Mistake(
                "The sign is flipped: by Gibbs' inequality KL(p || q) >= 0. The terms are "
                "p_i log(p_i / q_i), data over model.",
                answer=-kl_divergence(P, Q),
            ),
        ],
        hint="KL(p || q) = sum_i p_i log(p_i / q_i) with p = (0, 1/3, 2/3) and 0 log 0 = 0.",
        explanation="KL(p || q) = H(p, q) - H(p).",
    )
)

register(
    Exercise(
        "ex-kl-best",
        "array",
        frequencies(LONGER, K),
        mistakes=[
            Mistake(
                "Those are the counts; a model is a probability distribution: divide by N "
                "so that it sums to 1.",
                answer=counts(LONGER, K).astype(float),
            ),
            Mistake(
                "Putting all the probability on the most frequent class gives the other "
                "draws probability 0, so L = 0 and H(p, q) = inf: the worst model, not the "
                "best.",
                answer=np.eye(K)[np.argmax(counts(LONGER, K))],
            ),
            Mistake(
                "The uniform model ignores the data; the minimiser of H(p, q) is q = p.",
                answer=np.full(K, 1 / K),
            ),
        ],
        hint="H(p, q) = H(p) + KL(p || q) is smallest where the KL is 0.",
        explanation="The maximum-likelihood model is the sample's frequencies, q = p.",
    )
)

register(
    Exercise(
        "ex-kl-bits",
        "number",
        entropy(P, base=2),
        mistakes=[
            Mistake(
                "That is in nats (natural log). Bits use log base 2: divide nats by ln 2.",
                answer=entropy(P),
            ),
            Mistake(
                "You multiplied by ln 2; converting nats to bits divides by ln 2.",
                answer=entropy(P) * LOG2,
            ),
            Mistake("The sign is flipped: entropy is never negative.", matches=_negative),
            Mistake(
                "Your answer is nan: p_0 = 0, and numpy computes 0 * log2(0) as 0 * -inf = "
                "nan. By convention 0 log 0 = 0: leave out the classes with p_i = 0 "
                "(p[p > 0]), or use nllce.entropy(p, base=2).",
                matches=is_nan,
            ),
        ],
        hint="H(p) = -sum_i p_i log2 p_i for p = (0, 1/3, 2/3), with 0 log 0 = 0.",
    )
)

_p_symbols = sympy.symbols("p0 p1 p2", positive=True)
_index_to_symbol = {
    **{sympy.IndexedBase("p", positive=True)[i]: _p_symbols[i] for i in range(K)},
    **{sympy.IndexedBase("q", positive=True)[i]: SYMBOLS[i] for i in range(K)},
}


def _kl_expression(first, second):
    """KL(first || second) over 3 classes from nllce.symbolic, in plain symbols p0.. q0.."""
    expression = kl_divergence_expr(first, second, upper=K - 1).doit()
    return expression.xreplace(_index_to_symbol)


_P_BASE, _Q_BASE = sympy.IndexedBase("p", positive=True), sympy.IndexedBase("q", positive=True)
register(
    Exercise(
        "ex-kl-expression",
        "expression",
        _kl_expression(_P_BASE, _Q_BASE),
        mistakes=[
            Mistake(
                "That is KL(q || p): the direction matters. H(p, q) - H(p) weights the log "
                "ratio by the data p: sum_i p_i log(p_i / q_i).",
                answer=_kl_expression(_Q_BASE, _P_BASE),
            ),
            Mistake(
                "The sign is flipped: H(p, q) - H(p) = sum_i p_i log(p_i / q_i), data over "
                "model inside the log.",
                answer=-_kl_expression(_P_BASE, _Q_BASE),
            ),
        ],
        hint="Subtract -sum p_i log p_i from -sum p_i log q_i and collect the logs.",
        explanation="It is KL(p || q).",
    )
)

# A model that moves the share UNSEEN_SHARE of the probability to class 0, which the worked
# sample never shows: (1 - share) p + share onehot(0). The loss rises by -log(1 - share).
_SHARED = (1 - UNSEEN_SHARE) * P + UNSEEN_SHARE * np.eye(K)[0]
_RISE = cross_entropy(P, _SHARED) - entropy(P)
register(
    Exercise(
        "ex-kl-unseen-class",
        "number",
        _RISE,
        mistakes=[
            Mistake(
                "Class 0's own term is 0 log q_0 = 0, true, but its probability is taken from "
                "classes 1 and 2: each keeps only 1 - share of its probability, so each "
                "log q_i drops and the mean NLL rises.",
                answer=0.0,
            ),
            Mistake(
                "That is the share itself, the first-order estimate: the loss starts rising at "
                "rate mu_0 = 1 (the KKT multiplier). The exact rise is -log(1 - share), a "
                "little more.",
                answer=UNSEEN_SHARE,
            ),
            Mistake(
                "The sign is flipped: moving probability away from the classes that occurred "
                "makes them less likely, so the mean NLL goes up, not down.",
                answer=-_RISE,
            ),
            Mistake(
                "That is the new mean NLL H(p, q) itself; the question asks how much it rose "
                "above the best model's H(p).",
                answer=cross_entropy(P, _SHARED),
            ),
            Mistake(
                "You used log base 2 (bits); the book uses the natural log (nats).",
                answer=_RISE / LOG2,
            ),
        ],
        hint="Classes 1 and 2 keep 1 - share of their probability: compute "
        "H(p, q) - H(p) = -sum_i p_i log(q_i / p_i) over the classes with p_i > 0.",
        explanation="The rise is KL(p || q) = -log(1 - share): the price of giving an unseen "
        "class probability, at rate mu_0 = 1 for small shares.",
    )
)
