"""nllce.coding: code lengths, Huffman codes and a real compressor (chapter 5, bits and codes).

The compressor's files round-trip exactly and are N H(p, q) bits long up to a small
overhead; Huffman's lengths obey Kraft's inequality and are optimal; bad input gets a
named error. Also chapter 5's frame, figure, sympy steps and exercises.
"""

import io
import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

import nllce
from nllce import book_data, coding, figures_coding, frames_coding, information, paths, symbolic
from nllce.exercises import check

Q = book_data.WORKED_MODEL
LABELS = book_data.WORKED_LABELS
# Measured gap between compressed_bits and N H(p, q) in bits: 0.8 to 39 bits over 400
# random (q, sample) pairs with N up to 50,000 and every q_i >= 1e-3; 120-150 bits at
# N = 10^6 (about 1e-4 bits per label for the coder's finite precision).
OVERHEAD = 64


def _ideal_bits(labels, q):
    labels = np.asarray(labels)
    frequencies = nllce.frequencies(labels, len(q))
    return labels.size * information.cross_entropy(frequencies, q, base=2)


# --- the compressor ---------------------------------------------------------------------


@st.composite
def _models_and_samples(draw):
    """A model q over K classes (some may be 0) and a sample of classes that q allows."""
    num_classes = draw(st.integers(1, 8))
    weights = draw(
        st.lists(
            st.one_of(st.just(0.0), st.floats(1e-6, 1.0)),
            min_size=num_classes,
            max_size=num_classes,
        ).filter(lambda ws: sum(ws) > 0)
    )
    q = np.array(weights) / sum(weights)
    allowed = np.flatnonzero(q > 0).tolist()
    labels = draw(st.lists(st.sampled_from(allowed), min_size=1, max_size=300))
    return q, np.array(labels)


@settings(max_examples=200, deadline=None)
@given(_models_and_samples())
def test_decompress_gives_back_exactly_what_compress_coded(model_and_sample):
    q, labels = model_and_sample
    data = coding.compress(labels, q)
    assert isinstance(data, bytes) and len(data) % 4 == 0
    decoded = coding.decompress(data, q, labels.size)
    assert decoded.dtype.kind == "i"
    np.testing.assert_array_equal(decoded, labels)
    assert coding.compressed_bits(labels, q) == 8 * len(data)


@pytest.mark.parametrize("size", [20, 200, 2000, 20_000])
@pytest.mark.parametrize(
    "q",
    [
        book_data.WORKED_MODEL,
        book_data.TRUE_DISTRIBUTION,
        np.full(3, 1 / 3),
        np.array([0.05, 0.05, 0.9]),
    ],
    ids=["worked", "true", "uniform", "sharp"],
)
def test_the_file_is_n_times_the_cross_entropy_in_bits_plus_a_small_overhead(size, q):
    labels = book_data.resampled(size, seed=3)
    bits = coding.compressed_bits(labels, q)
    ideal = _ideal_bits(labels, q)
    # ... which is the NLL in bits
    assert ideal == pytest.approx(nllce.nll(q, labels, reduction="sum") / np.log(2))
    assert bits % coding.WORD_BITS == 0
    assert -1 < bits - ideal < OVERHEAD, (bits, ideal)


def test_random_models_stay_within_the_overhead():
    rng = np.random.default_rng(0)
    for _ in range(60):
        num_classes = int(rng.integers(2, 10))
        q = np.maximum(rng.dirichlet(np.ones(num_classes)), 1e-3)
        q /= q.sum()
        labels = rng.choice(num_classes, size=int(rng.choice([1, 30, 3000])),
                            p=rng.dirichlet(np.ones(num_classes)))
        gap = coding.compressed_bits(labels, q) - _ideal_bits(labels, q)
        assert -1 < gap < OVERHEAD


def test_the_smallest_file_comes_from_the_frequencies():
    labels = book_data.coded_sample()
    p = nllce.frequencies(labels, 3)
    best = coding.compressed_bits(labels, p)
    for t in frames_coding.MARKS:
        assert best <= coding.compressed_bits(labels, paths.tempered(p, t))
    assert best < coding.compressed_bits(labels, book_data.WORKED_MODEL)


def test_the_worked_sample_is_one_word_the_coder_overhead():
    # Three labels need 3.74 ideal bits; the range coder writes one whole 32-bit word.
    assert _ideal_bits(LABELS, Q) == pytest.approx(-np.log2(0.5 * 0.5 * 0.3))
    assert coding.compressed_bits(LABELS, Q) == coding.WORD_BITS


def test_one_class_costs_nothing():
    assert coding.compress([0, 0, 0], [1.0]) == b""
    np.testing.assert_array_equal(coding.decompress(b"", [1.0], 3), [0, 0, 0])


# --- code lengths -------------------------------------------------------------------------


def test_ideal_code_lengths_are_surprisals():
    np.testing.assert_allclose(coding.ideal_code_lengths(Q), -np.log2(Q))
    np.testing.assert_allclose(coding.ideal_code_lengths(Q, base=None), -np.log(Q))
    np.testing.assert_allclose(coding.ideal_code_lengths(Q, base=10), -np.log10(Q))
    lengths = coding.ideal_code_lengths([0.5, 0.5, 0.0])
    assert lengths.tolist() == [1.0, 1.0, np.inf]
    assert coding.ideal_code_lengths([1.0, 0.0]).tolist() == [0.0, np.inf]
    assert np.sum(2.0 ** -coding.ideal_code_lengths(Q)) == pytest.approx(1.0)  # Kraft, =
    # the mean length on data from p is H(p, q)
    p = nllce.frequencies(LABELS, 3)
    mean = np.sum(p[p > 0] * coding.ideal_code_lengths(Q)[p > 0])
    assert mean == pytest.approx(information.cross_entropy(p, Q, base=2))


def test_ideal_code_lengths_broadcast_over_rows():
    rows = np.array([[0.5, 0.5], [0.25, 0.75]])
    np.testing.assert_allclose(coding.ideal_code_lengths(rows), -np.log2(rows))


def _optimal_mean_length(q):
    """The smallest sum q_i l_i over whole-bit lengths that obey Kraft (brute force)."""
    size = len(q)
    best = np.inf
    for lengths in itertools.product(range(1, size), repeat=size):
        if sum(2.0**-length for length in lengths) <= 1:
            best = min(best, float(np.dot(q, lengths)))
    return best


@settings(max_examples=60, deadline=None)
@given(
    st.integers(2, 5).flatmap(
        lambda k: st.lists(st.floats(0.0, 1.0), min_size=k, max_size=k).filter(
            lambda ws: sum(ws) > 0
        )
    )
)
def test_huffman_lengths_obey_kraft_and_are_optimal(weights):
    q = np.array(weights) / sum(weights)
    lengths = coding.huffman_code_lengths(q)
    assert lengths.dtype.kind == "i" and (lengths >= 1).all()
    assert np.sum(2.0**-lengths) == pytest.approx(1.0)  # Kraft, with equality
    mean = float(np.dot(q, lengths))
    assert mean == pytest.approx(_optimal_mean_length(q), abs=1e-12)
    # within one bit of the entropy (strictly, unless a class of probability 0 needs a word)
    entropy = information.entropy(q, base=2)
    assert entropy - 1e-12 <= mean <= entropy + 1 + 1e-12
    if (q > 1e-6).all():
        assert mean < entropy + 1


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        (Q, [2, 2, 1]),
        (book_data.HUFFMAN_MODEL, [3, 3, 2, 1]),
        ([0.25, 0.25, 0.25, 0.25], [2, 2, 2, 2]),
        ([0.5, 0.5, 0.0], [2, 1, 2]),  # a class with q_i = 0 still gets a word
        ([1.0], [0]),
    ],
)
def test_huffman_lengths_of_small_models(q, expected):
    assert coding.huffman_code_lengths(q).tolist() == expected


def test_canonical_code_is_a_prefix_code_with_those_lengths():
    for lengths in ([2, 2, 1], [3, 3, 2, 1], [1, 3, 3, 3], [4, 3, 2, 1], [2, 2, 2, 2], [0]):
        words = coding.canonical_code(lengths)
        assert [len(word) for word in words] == lengths
        assert set("".join(words)) <= {"0", "1"}
        for first, second in itertools.permutations(words, 2):
            assert not second.startswith(first), (first, second)
    assert coding.canonical_code([2, 2, 1]) == ["10", "11", "0"]


# --- bad input ----------------------------------------------------------------------------


def test_a_label_the_model_rules_out_has_no_word():
    with pytest.raises(ValueError, match=r"class 2 at index 0.*`q`\[2\] = 0.*has no word for it"):
        coding.compress(LABELS, [0.5, 0.5, 0.0])
    with pytest.raises(ValueError, match="has no word for it"):
        coding.compressed_bits(LABELS, book_data.NO_WORD_MODEL)


@pytest.mark.parametrize(
    ("q", "error", "match"),
    [
        ([0.2, 0.3, 0.4], ValueError, r"`q` must sum to 1"),
        ([1.2, -0.2, 0.0], ValueError, r"`q` must hold probabilities"),
        ([[0.2, 0.3, 0.5]], ValueError, r"`q` must be one distribution"),
        ([2, 1, 0], ValueError, r"`q` looks like counts"),
        ([], ValueError, r"`q` must be a distribution over at least one class"),
        (["a", "b"], TypeError, r"`q` must hold real numbers"),
    ],
)
def test_q_must_be_one_distribution(q, error, match):
    with pytest.raises(error, match=match):
        coding.compress([0], q)
    with pytest.raises(error, match=match):
        coding.decompress(b"", q, 1)
    if "one distribution" not in match:  # ideal_code_lengths takes rows too
        with pytest.raises(error, match=match):
            coding.ideal_code_lengths(q)
    with pytest.raises(error, match=match):
        coding.huffman_code_lengths(q)


@pytest.mark.parametrize(
    ("labels", "error", "match"),
    [
        ([0, 3], ValueError, r"`labels` must be in 0\.\.2 for 3 classes; got 3"),
        ([0, -1], ValueError, r"`labels` must be in 0\.\.2; got -1"),
        ([2.0, 1.0], TypeError, r"`labels` must hold integer class labels"),
        ([True], TypeError, r"`labels` .* not booleans"),
        ([], ValueError, r"`labels` is empty"),
        ([[2, 2, 1]], ValueError, r"`labels` must be a 1-D"),
    ],
)
def test_labels_must_be_classes_of_the_model(labels, error, match):
    with pytest.raises(error, match=match):
        coding.compress(labels, Q)
    with pytest.raises(error, match=match):
        coding.compressed_bits(labels, Q)


@pytest.mark.parametrize(
    ("data", "n", "error", "match"),
    [
        ("abcd", 3, TypeError, r"`data` must be the bytes that `compress` returned"),
        ([1, 2, 3, 4], 3, TypeError, r"`data` must be the bytes"),
        (b"abc", 3, ValueError, r"`data` must be a whole number of 32-bit words"),
        (b"abcd", 3.0, TypeError, r"`n` must be the number of labels"),
        (b"abcd", True, TypeError, r"`n` must be the number of labels"),
        (b"abcd", 0, ValueError, r"`n` must be at least 1"),
    ],
)
def test_decompress_refuses_bad_arguments(data, n, error, match):
    with pytest.raises(error, match=match):
        coding.decompress(data, Q, n)


def test_decompress_refuses_data_that_compress_cannot_have_written():
    # Decoded with a model that rules class 0 out, arbitrary words can produce class 0.
    words = np.array([1, 0xDEADBEEF], dtype="<u4").tobytes()
    with pytest.raises(ValueError, match=r"`data` decodes to a class that `q` gives probability 0"):
        coding.decompress(words, [0.0, 0.5, 0.5], 20)
    # Asking for far more labels than one word can hold makes the coder give up.
    with pytest.raises(ValueError, match=r"`data` cannot be decoded with this `q`"):
        coding.decompress(np.array([1], dtype="<u4").tobytes(), Q, 10**6)


def test_decompress_accepts_any_bytes_like_data():
    data = coding.compress(LABELS, Q)
    for form in (data, bytearray(data), memoryview(data)):
        np.testing.assert_array_equal(coding.decompress(form, Q, 3), LABELS)


@pytest.mark.parametrize(
    ("base", "error", "match"),
    [(1, ValueError, r"`base` must be positive"), ("2", TypeError, r"`base` must be None")],
)
def test_ideal_code_lengths_refuse_a_bad_base(base, error, match):
    with pytest.raises(error, match=match):
        coding.ideal_code_lengths(Q, base=base)


@pytest.mark.parametrize(
    ("lengths", "error", "match"),
    [
        ([1, 1, 1], ValueError, r"`lengths` break Kraft's inequality: sum 2\^-l_i = 1\.5"),
        ([1.0, 2.0], TypeError, r"`lengths` must hold whole numbers of bits"),
        ([], TypeError, r"`lengths` must hold whole numbers of bits"),
        ([[1, 1]], ValueError, r"`lengths` must be a non-empty 1-D"),
        ([1, -1], ValueError, r"`lengths` must be nonnegative"),
        ([0, 1], ValueError, r"`lengths` holds a word of 0 bits"),
    ],
)
def test_canonical_code_refuses_impossible_lengths(lengths, error, match):
    with pytest.raises(error, match=match):
        coding.canonical_code(lengths)


# --- chapter 5: the frame, the figure, the sympy steps, the exercises ---------------------


def _png(figure):
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=80, metadata={"Software": None})
    return buffer.getvalue()


def test_the_frame_reports_the_real_file_and_the_nll_in_bits():
    frame = frames_coding.compression_along_path(0.5)
    labels = book_data.coded_sample()
    p = nllce.frequencies(labels, 3)
    q = paths.tempered(p, 0.5)
    bits = coding.compressed_bits(labels, q)
    ideal = labels.size * information.cross_entropy(p, q, base=2)
    assert f"compressed: {bits:,} bits" in frame.readout
    assert f"= {ideal:,.1f} bits = NLL" in frame.readout
    assert f"smallest file (q = p): {coding.compressed_bits(labels, p):,} bits" in frame.readout
    assert f"the current file is {bits:,} bits" in frame.alt
    assert frame.alt.startswith("Left") and len(frame.alt.split()) > 60
    assert isinstance(frame.figure, Figure)
    # the big dot of the right panel is the real file
    dot = [line for line in frame.figure.axes[1].lines if line.get_markersize() == 8]
    assert dot and dot[0].get_ydata()[0] == bits


def test_the_frame_and_the_figure_are_deterministic_and_small():
    first, second = (frames_coding.compression_along_path(2.0) for _ in range(2))
    assert (first.readout, first.alt) == (second.readout, second.alt)
    assert _png(first.figure) == _png(second.figure)
    assert len(_png(first.figure)) < 80_000
    width, height = first.figure.get_size_inches()
    assert width <= 7.6 and height <= 5.4


def test_code_areas_marks_infinite_words_and_names_classes_without_width():
    p, q = np.array([0.0, 0.5, 0.5]), np.array([0.5, 0.5, 0.0])
    figure = figures_coding.code_areas(
        p=p, lengths=coding.ideal_code_lengths(q), best_lengths=coding.ideal_code_lengths(p),
        cross_entropy=information.cross_entropy(p, q, base=2),
        entropy=information.entropy(p, base=2),
    )
    texts = [text.get_text() for text in figure.axes[0].texts]
    assert "∞" in texts
    assert any("class 0: $p_i = 0$, no width" in text for text in texts)
    assert [label.get_text() for label in figure.axes[0].get_xticklabels()] == [
        "class 1",
        "class 2",
    ]


def test_code_areas_refuses_lengths_of_the_wrong_shape():
    with pytest.raises(ValueError, match=r"`lengths` must hold 3 code lengths"):
        figures_coding.code_areas(
            p=[0.2, 0.3, 0.5], lengths=[1.0, 2.0], best_lengths=[1.0, 1.0, 1.0],
            cross_entropy=1.0, entropy=1.0,
        )


def test_the_chapter_steps_verify_and_their_wrong_versions_do_not():
    assert symbolic.code_length_decomposition().verify()
    for labels in [(2, 2, 1), (0,), (1, 0, 1, 1)]:
        assert symbolic.worked_sample_code_length(labels, max(labels) + 1).verify()
    step = symbolic.worked_sample_code_length()
    nats = symbolic.Step("in nats (false)", step.lhs, step.rhs * np.log(2))
    assert not nats.verify()
    assert not symbolic.Step("forgot N (false)", step.lhs, step.rhs / 3).verify()
    assert "\\log_2" in step.latex()


@pytest.mark.parametrize(
    ("label", "answer", "says"),
    [
        ("ex-codes-file-size", 2.5903, "That is in nats"),
        ("ex-codes-file-size", 1.2457, "multiply by N"),
        ("ex-codes-file-size", -3.737, "never negative"),
        ("ex-codes-file-size", 32, "32-bit words"),
        ("ex-codes-wasted", 0.0685, "KL(q || p_true)"),
        ("ex-codes-wasted", 0.0401, "That is in nats"),
        ("ex-codes-wasted", -0.0578, "never negative"),
        ("ex-codes-no-word", "d", "-log2 0 is +infinity"),
        ("ex-codes-huffman", [4, 3, 2, 1], "Shannon's code"),
    ],
)
def test_the_codes_exercises_name_the_anticipated_mistakes(label, answer, says):
    feedback = check(label, answer)
    assert feedback.status == "mistake"
    assert says in feedback.message


def test_the_codes_exercises_accept_the_chapters_answers():
    q, labels = book_data.WORKED_MODEL, book_data.WORKED_LABELS
    p_true = book_data.TRUE_DISTRIBUTION
    assert check("ex-codes-file-size", -np.log2(q[labels]).sum()).correct
    assert check("ex-codes-file-size", 3.737).correct
    assert check("ex-codes-wasted", np.sum(p_true * np.log2(p_true / q))).correct
    assert check("ex-codes-no-word", " b ").correct
    assert check("ex-codes-huffman", [3, 3, 2, 1]).correct
