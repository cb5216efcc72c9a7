"""The problem set of Part I (``book/problems_part1.md``), registered on import.

"Find the error" problems built from common misreadings: the forgotten ``1/N``,
the direction of KL, ``H(p, q)`` read as a joint entropy, and one weight per
distinct value. Answers and mistakes are computed with :mod:`nllce`.

``pr1-softmax-twice`` used to be here; it needs softmax, which Part II teaches, so it
moved to Part II's problem set (``_problems2``) and kept its label.
"""


from .. import counts, cross_entropy, entropy, frequencies, kl_divergence
from ..book_data import COIN_P, COIN_Q
from ._checker import Exercise, Mistake, register
from ._part1 import LABELS, K

# --- problem set of Part I ------------------------------------------------------------

register(
    Exercise(
        "pr1-find-error-mean",
        "choice",
        3,
        choices=(1, 2, 3, 4),
        mistakes=[
            Mistake(
                "Line 1 is the likelihood of an i.i.d. sample: one factor per draw. Look "
                "for a line where a factor of N appears or vanishes.",
                answer=1,
            ),
            Mistake(
                "Line 2 is right: grouping the factors by class turns the counts into "
                "exponents, and n_i = N p_i.",
                answer=2,
            ),
            Mistake(
                "Line 4 follows from line 3 only if line 3 is right; check what happened to "
                "the exponent N in line 3.",
                answer=4,
            ),
        ],
        hint="Follow the factor N from the exponents N p_i to the end.",
        explanation="Line 3 drops the 1/N: -log L = -N sum_i p_i log q_i.",
    )
)

_P_COIN, _Q_COIN = COIN_P, COIN_Q
register(
    Exercise(
        "pr1-kl-direction",
        "number",
        kl_divergence(_Q_COIN, _P_COIN) - kl_divergence(_P_COIN, _Q_COIN),
        mistakes=[
            Mistake(
                "KL is not symmetric, so the difference is not 0: compute both directions.",
                answer=0.0,
            ),
            Mistake(
                "You computed KL(p || q) - KL(q || p); the question asks for KL(q || p) "
                "minus KL(p || q).",
                answer=kl_divergence(_P_COIN, _Q_COIN) - kl_divergence(_Q_COIN, _P_COIN),
            ),
            Mistake(
                "You used log base 2 (bits); the book uses the natural log (nats).",
                answer=(kl_divergence(_Q_COIN, _P_COIN, 2) - kl_divergence(_P_COIN, _Q_COIN, 2)),
            ),
        ],
        hint="KL(a || b) = sum_i a_i log(a_i / b_i); compute it both ways.",
    )
)

_FAIR = COIN_P
register(
    Exercise(
        "pr1-joint-entropy",
        "number",
        cross_entropy(_FAIR, _FAIR),
        mistakes=[
            Mistake(
                "That is the joint entropy H(X, Y) of two independent fair coins, 2 ln 2. "
                "H(p, q) is not a joint entropy: it is a cross-entropy between two "
                "distributions over the same two outcomes, -sum_i p_i log q_i.",
                answer=2 * entropy(_FAIR),
            ),
            Mistake(
                "You used log base 2 (bits); use the natural log (nats).",
                answer=cross_entropy(_FAIR, _FAIR, base=2),
            ),
        ],
        hint="Compute -sum_i p_i log q_i with p = q = (1/2, 1/2).",
        explanation="H(p, p) = H(p) = ln 2.",
    )
)

register(
    Exercise(
        "pr1-repeated-samples",
        "number",
        frequencies(LABELS, K)[2],
        mistakes=[
            Mistake(
                "1/2 is one over the number of distinct values. The empirical distribution "
                "puts 1/N on every draw, so a value drawn twice collects 2/N.",
                answer=0.5,
            ),
            Mistake(
                "1/N = 1/3 is the weight of one draw; class 2 was drawn twice, so its "
                "weight is 2/N. Giving each distinct value 1/N is only right when no value "
                "repeats.",
                answer=1 / LABELS.size,
            ),
            Mistake(
                "That is the count n_2; the weight is the frequency n_2 / N.",
                answer=float(counts(LABELS, K)[2]),
            ),
        ],
        hint="p_2 = n_2 / N for the sample [2, 2, 1].",
        explanation="p_2 = n_2 / N.",
    )
)
