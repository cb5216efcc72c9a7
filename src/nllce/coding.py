r"""Codes built from a model: code lengths, a Huffman code and a real compressor.

A model :math:`q` of :math:`K` classes defines a code. The *ideal* length of the
word for class :math:`i` is its surprisal in bits,

.. math:: \ell_i = -\log_2 q_i ,

so the ideal code spends :math:`-\sum_k \log_2 q_{x_k} = -\log_2 L(q)` bits on a
sample :math:`x_1, \dots, x_N`: its negative log-likelihood in bits, which is
:math:`N \, H_2(\hat p, q)` for the sample's frequencies :math:`\hat p`. Real codes
come close to that:

- :func:`huffman_code_lengths` gives each class a word of a whole number of bits
  (Huffman's code, the shortest on average among such codes);
- :func:`compress` codes a whole sample with a *range coder*, an arithmetic coder
  that spends a fraction of a bit where a word would need one. It wraps the range
  coder of the `constriction <https://bamler-lab.github.io/constriction/>`_ package
  (``constriction.stream.queue.RangeEncoder`` with the model
  ``constriction.stream.model.Categorical(q, perfect=False)``), and
  :func:`compressed_bits` is the length of its output: within a few dozen bits of
  :math:`N \, H_2(\hat p, q)` for samples of up to about :math:`10^5` labels (the
  coder's finite precision adds about :math:`10^{-4}` bits per label beyond that).

:func:`decompress` gives the labels back exactly. A class that the model gives
probability 0 has no word at all (its ideal length is :math:`+\infty`): coding a
sample that contains it raises a ``ValueError``. Every function checks its
arguments and names the bad one in its message, like the rest of :mod:`nllce`.

Examples
--------
The worked sample ``[2, 2, 1]`` under the model ``q = (0.2, 0.3, 0.5)``:

>>> from nllce import coding
>>> q = [0.2, 0.3, 0.5]
>>> coding.ideal_code_lengths(q).round(3)
array([2.322, 1.737, 1.   ])
>>> coding.huffman_code_lengths(q)
array([2, 2, 1])
>>> coding.canonical_code([2, 2, 1])
['10', '11', '0']
>>> data = coding.compress([2, 2, 1], q)
>>> coding.decompress(data, q, 3)
array([2, 2, 1])

The ideal code spends :math:`1 + 1 + 1.737 = 3.737` bits on these three labels; the
range coder writes whole 32-bit words, so its file is one word long:

>>> coding.compressed_bits([2, 2, 1], q)
32
"""

import heapq
import itertools
import numbers

import constriction
import numpy as np

from ._validate import as_base, as_labels, as_probabilities

__all__ = [
    "WORD_BITS",
    "canonical_code",
    "compress",
    "compressed_bits",
    "decompress",
    "huffman_code_lengths",
    "ideal_code_lengths",
]

#: The range coder writes its output in words of this many bits (unsigned 32-bit integers,
#: stored little-endian by :func:`compress`), so a file's length is a multiple of it.
WORD_BITS = 32
_WORD = np.dtype("<u4")


def _as_model(q):
    """`q` as one distribution over K >= 1 classes, shape (K,)."""
    q = as_probabilities(q, name="q")
    if q.ndim != 1:
        raise ValueError(f"`q` must be one distribution, shape (K,); got shape {q.shape}")
    return q


def _entropy_model(q):
    """constriction's model of `q` (it rescales `q` to its 24-bit fixed-point grid)."""
    return constriction.stream.model.Categorical(q, perfect=False)


def _check_every_label_has_a_word(labels, q):
    impossible = q[labels] == 0
    if impossible.any():
        index = int(np.flatnonzero(impossible)[0])
        label = int(labels[index])
        raise ValueError(
            f"`labels` holds class {label} at index {index}, but the model gives it probability "
            f"`q`[{label}] = 0: the code built for `q` has no word for it (its ideal length "
            f"-log2 q_{label} is infinite, as is the sample's NLL). Give every class that "
            "can occur a positive probability."
        )


def ideal_code_lengths(q, base=2):
    r"""The ideal code lengths of the classes under a model: their surprisals.

    .. math:: \ell_i = -\log_b q_i ,

    in bits for ``base=2`` (the default), in nats for ``base=None``. A class with
    :math:`q_i = 0` gets :math:`+\infty`: the code has no word for it. The lengths
    satisfy Kraft's inequality with equality, :math:`\sum_i 2^{-\ell_i} = 1` in bits,
    and the expected length under data from :math:`p`, :math:`\sum_i p_i \ell_i`, is
    the cross-entropy :math:`H(p, q)`.

    Parameters
    ----------
    q : array_like, shape (K,) or (..., K)
        The model: probability distribution(s) along the last axis.
    base : float or None, default 2
        The base of the logarithm: 2 for bits, None for nats (natural log).

    Returns
    -------
    ndarray of float, the shape of `q`
        :math:`-\log_b q_i`, ``inf`` where :math:`q_i = 0`.

    Raises
    ------
    ValueError
        If `q` is not a distribution along its last axis or `base` is not a valid base.
    TypeError
        If `q` holds no real numbers or `base` is not a number.

    Examples
    --------
    >>> ideal_code_lengths([0.5, 0.25, 0.25])
    array([1., 2., 2.])
    >>> ideal_code_lengths([0.5, 0.5, 0.0])
    array([ 1.,  1., inf])
    >>> ideal_code_lengths([0.5, 0.5], base=None).round(4)  # nats
    array([0.6931, 0.6931])
    """
    q = as_probabilities(q, name="q")
    base = as_base(base)
    lengths = np.full(q.shape, np.inf)
    np.log(q, out=lengths, where=q > 0)
    lengths = np.negative(lengths, out=lengths, where=q > 0)
    if base is not None:
        lengths /= np.log(base)
    return lengths + 0.0  # -0.0 (q_i = 1) becomes 0.0


def huffman_code_lengths(q):
    r"""The word lengths of a binary Huffman code for a model, in whole bits.

    Huffman's algorithm merges the two least probable groups of classes until one
    group is left; each merge adds one bit to the word of every class in the two
    groups. The result is a prefix code with the smallest expected length
    :math:`\sum_i q_i \ell_i` among all codes whose words have whole numbers of bits,
    and

    .. math:: H_2(q) \le \sum_i q_i \ell_i < H_2(q) + 1

    (:math:`\le` on the right when a class with :math:`q_i = 0` needs a word).

    Its lengths satisfy Kraft's inequality :math:`\sum_i 2^{-\ell_i} \le 1` (with
    equality for :math:`K \ge 2`), so :func:`canonical_code` turns them into words.
    Ties between equal weights go to the older group (classes first, by index, then
    merged groups in the order they were made), so the result is deterministic. A class with
    :math:`q_i = 0` still gets a (long) word: a complete code must put it somewhere,
    and it costs nothing on data the model explains. One class needs no bits: its
    length is 0.

    Parameters
    ----------
    q : array_like, shape (K,)
        The model: one probability distribution over K classes.

    Returns
    -------
    ndarray of int, shape (K,)
        The length :math:`\ell_i` in bits of the word of each class.

    Raises
    ------
    ValueError
        If `q` is not one probability distribution.
    TypeError
        If `q` holds no real numbers.

    Examples
    --------
    >>> huffman_code_lengths([0.2, 0.3, 0.5])
    array([2, 2, 1])
    >>> huffman_code_lengths([0.1, 0.15, 0.25, 0.5])
    array([3, 3, 2, 1])
    >>> huffman_code_lengths([1.0])
    array([0])
    """
    q = _as_model(q)
    lengths = np.zeros(q.size, dtype=int)
    order = itertools.count()
    # (weight, tie-breaker, classes in the group); the tie-breaker keeps lists uncompared.
    heap = [(float(weight), next(order), [index]) for index, weight in enumerate(q)]
    heapq.heapify(heap)
    while len(heap) > 1:
        first_weight, _, first = heapq.heappop(heap)
        second_weight, _, second = heapq.heappop(heap)
        lengths[first + second] += 1
        heapq.heappush(heap, (first_weight + second_weight, next(order), first + second))
    return lengths


def canonical_code(lengths):
    r"""The words of the canonical prefix code with the given lengths.

    Words are handed out in order of length (ties by class index), each the binary
    number after the previous one, shifted left when the length grows. This works,
    and gives a prefix code (no word starts another), exactly when the lengths
    satisfy Kraft's inequality :math:`\sum_i 2^{-\ell_i} \le 1`.

    Parameters
    ----------
    lengths : array_like of int, shape (K,)
        The length in bits of the word of each class, e.g. from
        :func:`huffman_code_lengths`. A single class may have length 0 (the empty word).

    Returns
    -------
    list of str
        The word of each class, as a string of ``0`` and ``1``.

    Raises
    ------
    ValueError
        If `lengths` is empty, not 1-D, negative, has a 0 next to other classes, or
        breaks Kraft's inequality (no prefix code has those lengths).
    TypeError
        If `lengths` holds anything but integers.

    Examples
    --------
    >>> canonical_code([3, 3, 2, 1])
    ['110', '111', '10', '0']
    >>> canonical_code([1, 1, 1])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: `lengths` break Kraft's inequality: sum 2^-l_i = 1.5 > 1, so no prefix code ...
    """
    array = np.asarray(lengths)
    if array.dtype == np.bool_ or array.dtype.kind not in "iu":
        raise TypeError(f"`lengths` must hold whole numbers of bits; got {lengths!r}")
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"`lengths` must be a non-empty 1-D sequence; got shape {array.shape}")
    if (array < 0).any():
        raise ValueError(f"`lengths` must be nonnegative; got {array.tolist()}")
    if array.size > 1 and (array == 0).any():
        raise ValueError(
            "`lengths` holds a word of 0 bits next to other words: the empty word is a "
            "prefix of every word, so only a single class can have it"
        )
    kraft = sum(2.0 ** -int(length) for length in array)
    if kraft > 1:
        shortest = int(array.min())
        raise ValueError(
            f"`lengths` break Kraft's inequality: sum 2^-l_i = {kraft:g} > 1, so no prefix "
            f"code has them (there are only {2**shortest} words of {shortest} bit"
            f"{'' if shortest == 1 else 's'})"
        )
    words = [""] * array.size
    value, previous = 0, None
    for index in sorted(range(array.size), key=lambda i: (int(array[i]), i)):
        length = int(array[index])
        if previous is not None:
            value = (value + 1) << (length - previous)
        previous = length
        words[index] = format(value, f"0{length}b") if length else ""
    return words


def compress(labels, q):
    r"""Compress a sample with a range coder built for the model `q`.

    Each label :math:`x_k` costs about :math:`-\log_2 q_{x_k}` bits, so the whole
    file is about :math:`-\log_2 L(q) = N \, H_2(\hat p, q)` bits: the sample's
    NLL in bits (:func:`compressed_bits`). The coder is constriction's
    ``RangeEncoder`` with the model ``Categorical(q, perfect=False)``; it writes
    32-bit words (:data:`WORD_BITS`), here as little-endian bytes. The file holds
    neither :math:`N` nor `q`: the receiver needs both to decode
    (:func:`decompress`). With a single class, every label costs 0 bits and the
    file is empty.

    constriction represents `q` on a fixed-point grid of 24 bits: probabilities
    far below :math:`2^{-24}` are coded as if they were about :math:`2^{-24}`, so
    no label costs more than about 24 bits, and the length stays close to
    :math:`N \, H_2(\hat p, q)` only when every :math:`q_i` the sample uses is well
    above that.

    Parameters
    ----------
    labels : array_like of int, shape (N,)
        The sample: class labels in ``0..K-1``.
    q : array_like, shape (K,)
        The model the code is built for: one probability distribution.

    Returns
    -------
    bytes
        The compressed sample, a multiple of 4 bytes long.

    Raises
    ------
    ValueError
        If `q` is not one distribution, `labels` is empty, not 1-D or out of
        ``0..K-1``, or a label has model probability 0 (the code has no word for it).
    TypeError
        If `labels` holds anything but integers, or `q` anything but real numbers.

    Examples
    --------
    >>> data = compress([2, 2, 1], [0.2, 0.3, 0.5])
    >>> len(data), decompress(data, [0.2, 0.3, 0.5], 3)
    (4, array([2, 2, 1]))
    >>> compress([2, 2, 1], [0.5, 0.5, 0.0])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: `labels` holds class 2 at index 0, but the model gives it probability ...
    """
    q = _as_model(q)
    labels = as_labels(labels, q.size)
    _check_every_label_has_a_word(labels, q)
    if q.size == 1:
        return b""
    encoder = constriction.stream.queue.RangeEncoder()
    encoder.encode(labels.astype(np.int32), _entropy_model(q))
    return encoder.get_compressed().astype(_WORD).tobytes()


def decompress(data, q, n):
    r"""The `n` labels that :func:`compress` coded into `data` with the model `q`.

    ``decompress(compress(labels, q), q, len(labels))`` gives `labels` back
    exactly. The file holds neither `n` nor `q`: decoding with another model or
    another `n` gives other labels, not an error, unless they include a class
    that `q` gives probability 0, which `compress` never writes.

    Parameters
    ----------
    data : bytes, bytearray or memoryview
        The output of :func:`compress`.
    q : array_like, shape (K,)
        The model the sample was compressed with.
    n : int
        How many labels were compressed (at least 1).

    Returns
    -------
    ndarray of int, shape (n,)
        The labels.

    Raises
    ------
    TypeError
        If `data` is not bytes-like, or `n` is not an integer.
    ValueError
        If `q` is not one distribution, `n` < 1, the length of `data` is not a
        multiple of 4 bytes, or `data` cannot have come from :func:`compress` with
        this `q`.

    Examples
    --------
    >>> q = [0.1, 0.3, 0.6]
    >>> labels = [2, 1, 2, 2, 0, 2, 1, 2]
    >>> decompress(compress(labels, q), q, len(labels)).tolist() == labels
    True
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(
            f"`data` must be the bytes that `compress` returned; got {type(data).__name__}"
        )
    q = _as_model(q)
    if isinstance(n, bool | np.bool_) or not isinstance(n, numbers.Integral):
        raise TypeError(f"`n` must be the number of labels, an integer; got {n!r}")
    if n < 1:
        raise ValueError(f"`n` must be at least 1 (a sample has labels); got {n}")
    data = bytes(data)
    if len(data) % _WORD.itemsize:
        raise ValueError(
            f"`data` must be a whole number of {WORD_BITS}-bit words ({_WORD.itemsize} bytes "
            f"each), as `compress` writes them; got {len(data)} bytes"
        )
    if q.size == 1:
        return np.zeros(int(n), dtype=int)
    words = np.frombuffer(data, dtype=_WORD).astype(np.uint32)
    try:
        labels = constriction.stream.queue.RangeDecoder(words).decode(_entropy_model(q), int(n))
    except (AssertionError, ValueError, RuntimeError) as error:
        raise ValueError(
            f"`data` cannot be decoded with this `q` into `n` = {n} labels: it was not made "
            f"by `compress` with this model ({type(error).__name__}: {error})"
        ) from None
    labels = labels.astype(int)
    if (q[labels] == 0).any():
        raise ValueError(
            "`data` decodes to a class that `q` gives probability 0, which `compress` never "
            "writes: it was made with another model (or is not from `compress`)"
        )
    return labels


def compressed_bits(labels, q):
    r"""The length in bits of the sample compressed with the model `q` (:func:`compress`).

    It is close to the sample's NLL in bits,

    .. math::

        -\log_2 L(q) = -\sum_{k=1}^{N} \log_2 q_{x_k} = N \, H_2(\hat p, q),

    and above it by the range coder's overhead: a few dozen bits for the whole file
    (the coder's final state and the rounding up to a whole 32-bit word), plus about
    :math:`10^{-4}` bits per label for its finite precision (measured: at most 39
    bits in all for up to :math:`10^5` labels, 120 to 150 bits for :math:`10^6`),
    as long as the :math:`q_i` the sample uses are well above :math:`2^{-24}`.
    So it is smallest, up to that overhead, for the model with the smallest NLL,
    :math:`q = \hat p`.

    Parameters
    ----------
    labels : array_like of int, shape (N,)
        The sample: class labels in ``0..K-1``.
    q : array_like, shape (K,)
        The model the code is built for.

    Returns
    -------
    int
        ``8 * len(compress(labels, q))``, a multiple of :data:`WORD_BITS`.

    Raises
    ------
    ValueError, TypeError
        As :func:`compress`.

    Examples
    --------
    >>> import nllce
    >>> labels = nllce.data.sample_from([0.1, 0.3, 0.6], 3000, seed=0)
    >>> p_hat = nllce.frequencies(labels, 3)
    >>> bits = compressed_bits(labels, [0.2, 0.3, 0.5])
    >>> ideal = 3000 * nllce.cross_entropy(p_hat, [0.2, 0.3, 0.5], base=2)
    >>> bits % 32, 0 <= bits - ideal < 64
    (0, np.True_)
    """
    return 8 * len(compress(labels, q))
