"""The exercises of Part I, chapter 5 (bits and codes), registered on import.

Reference answers and anticipated mistakes are computed with :mod:`nllce` (the
code lengths and the compressor of :mod:`nllce.coding`); the inputs come from
:mod:`nllce.book_data`. Labels match the ``{exercise}`` blocks of
``book/bits_codes.md``.
"""

import numpy as np

from .. import cross_entropy, entropy, kl_divergence, nll
from ..book_data import (
    HUFFMAN_MODEL,
    NO_WORD_MODEL,
    TRUE_DISTRIBUTION,
    WORKED_LABELS,
    WORKED_MODEL,
    WORKED_NUM_CLASSES,
)
from ..coding import compressed_bits, huffman_code_lengths, ideal_code_lengths
from ._checker import Exercise, Mistake, register

K = WORKED_NUM_CLASSES
Q = np.array(WORKED_MODEL)
LABELS = np.array(WORKED_LABELS)
N = LABELS.size
P = np.bincount(LABELS, minlength=K) / N
LOG2 = np.log(2)


def _negative(answer):
    return bool(np.all(np.asarray(answer, dtype=float) < 0))


# --- the file size of the worked sample --------------------------------------------

register(
    Exercise(
        "ex-codes-file-size",
        "number",
        nll(Q, LABELS, reduction="sum") / LOG2,
        mistakes=[
            Mistake(
                "That is in nats: the natural log gives the NLL in nats. A file is measured "
                "in bits: use log2, or divide the nats by ln 2.",
                answer=nll(Q, LABELS, reduction="sum"),
            ),
            Mistake(
                "That is H(p, q) in bits, the bits per symbol. The file holds N = 3 symbols: "
                "multiply by N, or add up -log2 q_{x_k} over the three draws.",
                answer=cross_entropy(P, Q, base=2),
            ),
            Mistake(
                "That is the mean NLL in nats: bits per symbol, and in the wrong unit. The "
                "file is N H(p, q) in bits: sum -log2 q_{x_k} over the three draws.",
                answer=nll(Q, LABELS),
            ),
            Mistake(
                "4 bits is the file of the Huffman code for q, whose words have whole numbers "
                "of bits (1, 1 and 2 here). The ideal code spends exactly -log2 q_i bits, "
                "fractions included.",
                answer=float(huffman_code_lengths(Q)[LABELS].sum()),
            ),
            Mistake(
                "32 bits is what the range coder writes: it stores whole 32-bit words, and "
                "three labels fit in one. The ideal length is the sum of -log2 q_{x_k}.",
                answer=float(compressed_bits(LABELS, Q)),
            ),
            Mistake(
                "The sign is flipped: a code length -log2 q_i is never negative.",
                matches=_negative,
            ),
        ],
        hint="Add up the ideal code lengths -log2 q_{x_k} of the three draws x = 2, 2, 1.",
        explanation="-log2(0.5 · 0.5 · 0.3) = -log2 L = N H(p, q) in bits: the NLL in bits.",
    )
)

# --- the bits wasted by the wrong model ----------------------------------------------

register(
    Exercise(
        "ex-codes-wasted",
        "number",
        kl_divergence(TRUE_DISTRIBUTION, Q, base=2),
        mistakes=[
            Mistake(
                "That is in nats. Bits use log2: divide the nats by ln 2.",
                answer=kl_divergence(TRUE_DISTRIBUTION, Q),
            ),
            Mistake(
                "You computed KL(q || p_true), the cost of coding data from q with p_true's "
                "code. Here the data come from p_true and the code is q's: the data's "
                "probabilities weight the log ratio, sum_i p_i log2(p_i / q_i).",
                answer=kl_divergence(Q, TRUE_DISTRIBUTION, base=2),
            ),
            Mistake(
                "That is H(p_true, q), all the bits per symbol that q's code spends. The "
                "waste is what it spends beyond the best code: H(p_true, q) - H(p_true).",
                answer=cross_entropy(TRUE_DISTRIBUTION, Q, base=2),
            ),
            Mistake(
                "That is H(p_true), what the best code spends per symbol. The waste is the "
                "difference H(p_true, q) - H(p_true).",
                answer=entropy(TRUE_DISTRIBUTION, base=2),
            ),
            Mistake(
                "The sign is flipped: no code beats the best code on average, so the bits "
                "wasted, KL(p || q), are never negative (Gibbs' inequality).",
                matches=_negative,
            ),
        ],
        hint="Bits wasted per symbol = H(p, q) - H(p) = sum_i p_i log2(p_i / q_i), with p the "
        "distribution the data come from.",
        explanation="KL(p_true || q) in bits: the data's distribution weights the log ratio.",
    )
)

# --- a class with q_i = 0 ----------------------------------------------------------

_NO_WORD_CLASS = int(np.flatnonzero(NO_WORD_MODEL == 0)[0])
_CHOICES = ("A", "B", "C", "D")
register(
    Exercise(
        "ex-codes-no-word",
        "choice",
        # B: the class with q_i = 0 has an infinitely long ideal word, and it occurs
        "B" if np.isinf(ideal_code_lengths(NO_WORD_MODEL)[LABELS]).any() else "A",
        choices=_CHOICES,
        mistakes=[
            Mistake(
                "Size is not the problem: a code built for this q cannot code a single "
                f"draw of class {_NO_WORD_CLASS}, however long or short the sample.",
                answer="A",
            ),
            Mistake(
                "The short words are not the problem: a code may give its shortest word to "
                f"class 0. The trouble is class {_NO_WORD_CLASS}, which occurs in the sample "
                "but has probability 0 under q.",
                answer="C",
            ),
            Mistake(
                "-log2 0 is +infinity, not 0: a word of 0 bits belongs to a class of "
                "probability 1. The less likely a class, the longer its word, and a class "
                "of probability 0 has no finite word at all.",
                answer="D",
            ),
        ],
        hint="Compute the ideal length -log2 q_i of the word of each class in the sample.",
        explanation=f"q_{_NO_WORD_CLASS} = 0: no word, an infinite NLL, and nllce.coding."
        "compress raises a ValueError.",
    )
)

# --- a Huffman code -------------------------------------------------------------------

register(
    Exercise(
        "ex-codes-huffman",
        "array",
        huffman_code_lengths(HUFFMAN_MODEL).astype(float),
        mistakes=[
            Mistake(
                "That is Shannon's code: every ideal length rounded up. It is a prefix code "
                "(Kraft sum below 1), but not the shortest: Huffman's merges give the least "
                "likely class a shorter word.",
                answer=np.ceil(ideal_code_lengths(HUFFMAN_MODEL)),
            ),
            Mistake(
                "Those are the ideal lengths -log2 q_i. The words of a real code have whole "
                "numbers of bits: run Huffman's merges.",
                answer=ideal_code_lengths(HUFFMAN_MODEL),
            ),
            Mistake(
                "Those are the surprisals in nats (natural log), and not whole numbers: a "
                "code's words have whole numbers of bits.",
                answer=ideal_code_lengths(HUFFMAN_MODEL, base=None),
            ),
            Mistake(
                "Reversed: the most likely class gets the shortest word, the least likely "
                "the longest.",
                answer=huffman_code_lengths(HUFFMAN_MODEL)[::-1].astype(float),
            ),
            Mistake(
                "A fixed-length code of 2 bits a word is a prefix code, but it ignores the "
                "probabilities: Huffman's code spends fewer bits on average.",
                answer=np.full(HUFFMAN_MODEL.size, 2.0),
            ),
        ],
        hint="Merge the two least likely groups, add one bit to every class in them, and "
        "repeat until one group is left.",
        explanation="Huffman's merges: 0.1 + 0.15, then 0.25 + 0.25, then 0.5 + 0.5.",
    )
)
