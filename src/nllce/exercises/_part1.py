"""The exercises of Part I, chapters 1 and 2, registered on import.

Every reference answer and every anticipated mistake is computed with
:mod:`nllce`; nothing is typed in. Labels match the ``{exercise}`` blocks of
``book/likelihood.md`` and ``book/counts.md``. The worked example shared by all of
Part I's exercise modules is named here, from :mod:`nllce.book_data`.
"""

import numpy as np
import sympy

from .. import counts, frequencies, likelihood, log_likelihood, nll
from ..book_data import LONGER_LABELS, WORKED_LABELS, WORKED_MODEL, WORKED_NUM_CLASSES
from ._checker import Exercise, Mistake, register

K = WORKED_NUM_CLASSES
Q = np.array(WORKED_MODEL)
LABELS = np.array(WORKED_LABELS)
P = frequencies(LABELS, K)
LONGER = LONGER_LABELS
BIG = np.tile(LABELS, 2000)  # 6000 draws: its plain product underflows to 0.0
LOG2 = np.log(2)
SYMBOLS = sympy.symbols("q0 q1 q2", positive=True)  # the names readers use in answers


def _letter_of_best(models, labels):
    scores = [likelihood(q, labels) for q in models.values()]
    return list(models)[int(np.argmax(scores))]


# --- chapter 1: the likelihood of a training set ------------------------------

register(
    Exercise(
        "ex-likelihood-worked",
        "number",
        likelihood(Q, LABELS),
        mistakes=[
            Mistake(
                "Each draw contributes a factor: the likelihood multiplies the probabilities, "
                "it does not add them.",
                answer=Q[LABELS].sum(),
            ),
            Mistake(
                "Class 2 was drawn twice, so q_2 appears twice in the product: every draw "
                "contributes its own factor, repeats included.",
                answer=Q[2] * Q[1],
            ),
            Mistake(
                "Classes are numbered from 0: label 2 picks q_2 = 0.5, the third entry of q.",
                answer=Q[1] * Q[1] * Q[0],
            ),
            Mistake(
                "That is the log-likelihood (a negative number); the question asks for the "
                "likelihood itself, the product.",
                answer=log_likelihood(Q, LABELS),
            ),
        ],
        hint="Multiply q_{x_k} over the three draws x = 2, 2, 1.",
        explanation="L = q_2 q_2 q_1.",
    )
)

register(
    Exercise(
        "ex-likelihood-log",
        "number",
        log_likelihood(Q, LABELS),
        mistakes=[
            Mistake(
                "You used log base 2: the book's log is the natural log (numpy's np.log). "
                "Divide your number by log2(e) = 1/ln 2 to convert.",
                answer=log_likelihood(Q, LABELS) / LOG2,
            ),
            Mistake(
                "That is log base 10 (np.log10); the book's log is the natural log, np.log.",
                answer=log_likelihood(Q, LABELS) / np.log(10),
            ),
            Mistake(
                "The sign is flipped: a probability is at most 1, so its log is at most 0. "
                "You computed the negative log-likelihood.",
                answer=-log_likelihood(Q, LABELS),
            ),
            Mistake(
                "You divided by N = 3: that is the mean log-likelihood per draw; the question "
                "asks for log L itself.",
                answer=log_likelihood(Q, LABELS) / LABELS.size,
            ),
        ],
        hint="log L = log q_2 + log q_2 + log q_1, with the natural log.",
        explanation="log L = 2 log 0.5 + log 0.3.",
    )
)

_CANDIDATES = {"A": np.full(K, 1 / K), "B": Q, "C": P}
register(
    Exercise(
        "ex-likelihood-compare",
        "choice",
        _letter_of_best(_CANDIDATES, LABELS),
        choices=tuple(_CANDIDATES),
        mistakes=[
            Mistake(
                "The uniform model wastes a third of its probability on class 0, which the "
                "sample never shows. Compute the three products and compare.",
                answer="A",
            ),
            Mistake(
                "q_B gives L = 0.075, but q_C puts all its probability on the classes that "
                "occur, in proportion 1 : 2, and gets more. Compute the three products.",
                answer="B",
            ),
        ],
        hint="Compute L = q_2^2 q_1 for each model.",
        explanation="q_C, the frequencies of the sample, gives the largest likelihood.",
    )
)


def _mean_nll(q, labels):
    return nll(q, labels)


register(
    Exercise(
        "ex-likelihood-underflow",
        "function",
        _mean_nll,
        inputs=[(Q, LABELS), (Q, BIG), (np.array([0.5, 0.25, 0.25]), LONGER)],
        mistakes=[
            Mistake(
                "Your function works on small samples but returns inf on the 6000-draw "
                "sample: the plain product underflowed to 0.0 before you took its log. Take "
                "the log of each probability first and add (or average) the logs.",
                answer=lambda q, labels: -np.log(np.prod(q[labels])) / labels.size,
            ),
            Mistake(
                "You forgot to divide by N: that is the summed NLL -log L, which grows with "
                "the sample size. The mean divides by N = len(labels).",
                answer=lambda q, labels: -np.sum(np.log(q[labels])),
            ),
            Mistake(
                "The sign is flipped: log q is negative, so the NLL -(1/N) log L is positive.",
                answer=lambda q, labels: np.mean(np.log(q[labels])),
            ),
            Mistake(
                "You used log base 2 (bits); the book uses the natural log (nats), np.log.",
                answer=lambda q, labels: -np.mean(np.log2(q[labels])),
            ),
            Mistake(
                "You divided by K = len(q), the number of classes; the mean is over the N "
                "draws: divide by N = len(labels). (On the worked sample K = N = 3, so only "
                "the longer samples show the difference.)",
                answer=lambda q, labels: -np.sum(np.log(q[labels])) / q.size,
            ),
        ],
        hint="Return -mean(log q[labels]) with the natural log, computed without the product.",
    )
)

# --- chapter 2: from samples to counts ------------------------------------------

register(
    Exercise(
        "ex-counts-worked",
        "array",
        counts(LONGER, K),
        mistakes=[
            Mistake(
                "Those are the frequencies p_i = n_i / N; the counts n_i are whole numbers: "
                "how many times each class occurs.",
                answer=frequencies(LONGER, K),
            ),
            Mistake(
                "Counts are listed by class (n_0, n_1, n_2), not in the order the classes "
                "first appear in the sample.",
                answer=np.array([1, 4, 1]),
            ),
        ],
        hint="Count how many 0s, 1s and 2s the sample [0, 2, 2, 2, 1, 2] holds.",
        explanation="n = (n_0, n_1, n_2).",
    )
)

_q0, _q1, _q2 = SYMBOLS


def _power_product(exponents):
    return sympy.Mul(*(q**e for q, e in zip(SYMBOLS, exponents, strict=True)))


register(
    Exercise(
        "ex-counts-expression",
        "expression",
        _power_product(counts(LONGER, K)),
        mistakes=[
            Mistake(
                "Each class appears once in your product, but class 2 was drawn four times: "
                "the exponent of q_i is the count n_i.",
                answer=_q0 * _q1 * _q2,
            ),
            Mistake(
                "Your exponents are the frequencies p_i = n_i/N. The likelihood's exponents "
                "are the counts n_i = N p_i; your expression is the N-th root of L.",
                answer=_power_product(sympy.nsimplify(f) for f in frequencies(LONGER, K)),
            ),
            Mistake(
                "That is a sum; the likelihood is a product of one factor per draw.",
                answer=sum(c * q for c, q in zip(counts(LONGER, K), SYMBOLS, strict=True)),
            ),
        ],
        hint="Write the product of q_{x_k} over the six draws and collect equal factors.",
        explanation="L = q_0 q_1 q_2^4: the exponents are the counts.",
    )
)

register(
    Exercise(
        "ex-counts-missing",
        "number",
        float(Q[0] ** counts(LABELS, K)[0]),
        mistakes=[
            Mistake(
                "q_0^0 = 1, not 0: a class that never occurs multiplies the likelihood by 1 "
                "and so changes nothing. (If it were 0, every likelihood would be 0.)",
                answer=0.0,
            ),
            Mistake(
                "The exponent is the count n_0, which is 0 for [2, 2, 1]: the factor is "
                "q_0^0, not q_0.",
                answer=Q[0],
            ),
        ],
        hint="Class 0 occurs n_0 = 0 times in [2, 2, 1]; what is q_0^0?",
        explanation="Any positive number to the power 0 is 1.",
    )
)


def _likelihood_from_counts(q, n):
    return likelihood(q, np.repeat(np.arange(n.size), n))


register(
    Exercise(
        "ex-counts-function",
        "function",
        _likelihood_from_counts,
        inputs=[
            (Q, counts(LABELS, K)),
            (Q, counts(LONGER, K)),
            (np.array([0.1, 0.9]), np.array([3, 0])),
        ],
        mistakes=[
            Mistake(
                "You multiplied q_i by n_i; the count is an exponent: q_i ** n_i.",
                answer=lambda q, n: np.prod(q * n),
            ),
            Mistake(
                "You added the factors q_i ** n_i; the likelihood multiplies them (np.prod).",
                answer=lambda q, n: np.sum(q**n),
            ),
            Mistake(
                "Your exponents are the frequencies n_i / N; the likelihood needs the counts "
                "n_i themselves.",
                answer=lambda q, n: np.prod(q ** (n / n.sum())),
            ),
        ],
        hint="Return the product over classes of q[i] ** n[i].",
    )
)
