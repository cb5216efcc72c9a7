r"""The frame of chapter 5's slider: a sample compressed with the models along a path.

A frame function (see :mod:`nllce.frames`) computes the numbers once, with the
math modules (:mod:`nllce.coding`, :mod:`nllce.information`, :mod:`nllce.paths`),
hands them to the figure that draws them
(:func:`nllce.figures_coding.compression_along_path`), and writes the readout and
the alt text from the same numbers.

Examples
--------
>>> frame = compression_along_path(1.0)
>>> frame.readout.startswith("q(t) = (0.105, 0.302, 0.593);  compressed: 2,624 bits")
True
"""

import numpy as np

from . import coding, data, information
from ._frame import Frame
from ._typeset import DOT, TIMES, number, vector
from ._validate import as_labels, as_num_classes
from .book_data import coded_sample
from .figures_coding import compression_along_path as _compression_figure
from .paths import tempered

__all__ = ["MARKS", "compression_along_path"]

#: The positions of the chapter's slider (the dots), where the compressor runs.
MARKS = (0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0)


def compression_along_path(t, *, labels=None, num_classes=3, marks=MARKS):
    r"""A sample compressed with the model :math:`q(t) \propto p^{\,t}`, and its file size.

    The sample is `labels` (by default :func:`nllce.book_data.coded_sample`, 2,000
    draws from the true distribution) with frequencies :math:`p`; the models are
    :func:`nllce.paths.tempered` ``(p, t)``: uniform at ``t = 0``, :math:`p`
    at ``t = 1``. The frame computes the ideal code lengths of :math:`q(t)` and of
    :math:`p` (:func:`nllce.coding.ideal_code_lengths`), the ideal file size
    :math:`N \, H_2(p, q)` along the path, and the real file sizes
    (:func:`nllce.coding.compressed_bits`) at `t`, at each of `marks` and at
    :math:`q = p`. The readout compares the file with the NLL in bits.
    """
    num_classes = as_num_classes(num_classes)
    labels = coded_sample() if labels is None else as_labels(labels, num_classes)
    size = labels.size
    p = data.frequencies(labels, num_classes)
    q = tempered(p, t)
    lengths, best_lengths = coding.ideal_code_lengths(q), coding.ideal_code_lengths(p)
    here, floor = information.cross_entropy(p, q, base=2), information.entropy(p, base=2)
    nll_nats = data.nll(q, labels, reduction="sum")
    temperatures = np.linspace(0.0, max(3.0, *marks, t), 121)
    path = np.array([tempered(p, s) for s in temperatures])
    ideal_bits = size * information.cross_entropy(p, path, base=2)
    compressed = [coding.compressed_bits(labels, tempered(p, s)) for s in marks]
    current, best = coding.compressed_bits(labels, q), coding.compressed_bits(labels, p)
    steepest = tempered(p, float(temperatures[-1]))
    ymax = 1.15 * max(
        coding.ideal_code_lengths(steepest)[p > 0].max(),
        coding.ideal_code_lengths(np.full(num_classes, 1 / num_classes)).max(),
        best_lengths[p > 0].max(),
    )
    figure = _compression_figure(
        p=p, lengths=lengths, best_lengths=best_lengths, cross_entropy=here, entropy=floor,
        t=t, temperatures=temperatures, ideal_bits=ideal_bits, marks=list(marks),
        compressed=compressed, current_bits=current, best_bits=best, ymax=ymax,
    )
    readout = (
        f"q(t) = {vector(q)};  compressed: {number(current, 0, grouped=True)} bits;  "
        f"N{DOT}H(p, q) = {number(size, 0, grouped=True)} {TIMES} {number(here, 4)} = "
        f"{number(size * here, 1, grouped=True)} bits = "
        f"NLL {number(nll_nats, 1, grouped=True)} nats / ln 2;  "
        f"smallest file (q = p): {number(best, 0, grouped=True)} bits"
    )
    heights = ", ".join(f"{length:.2f}" for length in lengths[p > 0])
    alt = (
        f"Left: the code-length picture of the model q(t) at t = {t:g}. One bar per class, "
        f"as wide as the class's frequency in the sample, {vector(p[p > 0], 2)}, and "
        "as tall as its code length, minus the base-2 log of its probability under q(t), "
        f"{heights} bits; the area inside the outline "
        f"is H(p, q) = {here:.3f} bits per symbol. The green part, up to the best code's "
        f"lengths, has area H(p) = {floor:.3f} bits; the orange part above it, less the "
        f"hatched part below, is the KL divergence, {here - floor:.3f} bits. Right: the file "
        f"size of the {size:,} labels against t, a U-shaped curve N{DOT}H(p, q(t)) with its "
        f"minimum at t = 1, where q = p and the file is {best:,} bits (dashed line). Dots, "
        "the sizes the range coder actually wrote, sit on the curve; the current file is "
        f"{current:,} bits against {size * here:,.1f} ideal bits."
    )
    return Frame(figure, readout, alt)
