"""Chapter 5's steps (bits and codes), re-exported by :mod:`nllce.symbolic`."""

from __future__ import annotations

from collections.abc import Sequence

import sympy

from ._symbolic_core import K, Step, _check_labels, i, p, q

# --- chapter 5: bits and codes ------------------------------------------------


class log2(sympy.Function):  # lowercase, like sympy.log
    r""":math:`\log_2 x`, kept as written for display; :meth:`doit` gives :math:`\ln x / \ln 2`.

    A module attribute, not in ``__all__`` (a star import would shadow NumPy's ``log2``).

    >>> print(sympy.latex(log2(q[1])))
    \log_2{\left({q}_{1} \right)}
    >>> log2(8).doit()
    3
    """

    nargs = 1

    def doit(self, **hints):
        argument = self.args[0].doit(**hints) if hints.get("deep", True) else self.args[0]
        return sympy.log(argument, 2)

    def _latex(self, printer, exp=None):
        power = "" if exp is None else f"^{{{exp}}}"
        return rf"\log_2{power}{{\left({printer._print(self.args[0])} \right)}}"


def code_length_decomposition() -> Step:
    r"""Bits per symbol = best possible + bits wasted, in bits.

    .. math::

        -\sum_i p_i \log_2 q_i = -\sum_i p_i \log_2 p_i + \sum_i p_i \log_2 \frac{p_i}{q_i},

    that is :math:`H_2(p, q) = H_2(p) + \mathrm{KL}_2(p \,\|\, q)`: the mean length of the
    words of a code built for :math:`q`, on data from :math:`p`.
    """
    return Step(
        "bits per symbol = best possible + bits wasted",
        -sympy.Sum(p[i] * log2(q[i]), (i, 0, K - 1)),
        -sympy.Sum(p[i] * log2(p[i]), (i, 0, K - 1))
        + sympy.Sum(p[i] * log2(p[i] / q[i]), (i, 0, K - 1)),
        note="$\\log_2 q_i = \\log_2 p_i - \\log_2 (p_i / q_i)$ in every term: the words of "
        "$q$'s code are as long as those of $p$'s, plus what the wrong model wastes.",
    )


def worked_sample_code_length(labels: Sequence[int] = (2, 2, 1), num_classes: int = 3) -> Step:
    r"""The length of a sample coded with :math:`q`'s ideal code is :math:`N \, H_2(p, q)`.

    .. math:: -\log_2 (q_{x_1} \cdots q_{x_N}) = N \Big(-\sum_i p_i \log_2 q_i\Big),
        \quad p_i = n_i / N:

    the sample's NLL in bits is its file size.

    >>> worked_sample_code_length().verify()
    True
    """
    labels = _check_labels(labels, num_classes)
    size = len(labels)
    product = sympy.Mul(*(q[label] for label in labels), evaluate=False)
    frequency_terms = sympy.Add(
        *(
            sympy.Mul(sympy.Rational(labels.count(c), size), log2(q[c]), evaluate=False)
            for c in range(num_classes)
        ),
        evaluate=False,
    )
    return Step(
        f"the file of {list(labels)}: -log2 L = N H(p, q) bits",
        -log2(product),
        sympy.Mul(size, sympy.Mul(-1, frequency_terms, evaluate=False), evaluate=False),
        note="Each label $x_k$ costs $-\\log_2 q_{x_k}$ bits; grouped by class, class $i$ costs "
        "$n_i = N p_i$ times $-\\log_2 q_i$.",
    )

