"""nllce: why minimising negative log-likelihood is minimising cross-entropy.

The math helpers behind the book, re-exported here. Labels are integers in
``0..K-1``; distributions lie along the last axis; logarithms are natural (nats)
unless ``base=2`` (bits).

- :mod:`nllce.data`: ``counts``, ``frequencies``, ``likelihood``, ``log_likelihood``, ``nll``
- :mod:`nllce.information`: ``entropy``, ``cross_entropy``, ``kl_divergence``
- :mod:`nllce.logits`: ``logsumexp``, ``softmax``, ``log_softmax``
- :mod:`nllce.losses`: ``cross_entropy_with_logits`` and its gradient
- :mod:`nllce.binary`: ``binary_cross_entropy_with_logits``, ``binary_cross_entropy``
- :mod:`nllce.smoothing`: ``additive_smoothing``, ``smoothed_frequencies``, ``perplexity``

The book's data (the worked sample, every exercise's inputs) is in
:mod:`nllce.book_data`; the figures, frames and sliders in :mod:`nllce.figures`,
:mod:`nllce.frames` and :mod:`nllce.widgets`; the exercises in :mod:`nllce.exercises`.
Code lengths, Huffman codes and a real compressor (chapter 5) are in
:mod:`nllce.coding` (``from nllce import coding``), not re-exported here.

One rule for the order of the arguments:

- Information functions take ``(p, q)``, the order of the formulas: the data (target)
  distribution first, the model second, as in ``H(p, q)`` and ``KL(p || q)``:
  ``entropy(p)``, ``cross_entropy(p, q)``, ``kl_divergence(p, q)``.
- Loss functions take ``(prediction, target)``, the order of
  ``torch.nn.functional``: ``cross_entropy_with_logits(logits, labels)``,
  ``binary_cross_entropy_with_logits(logits, target)``,
  ``binary_cross_entropy(prediction, target)``, ``nll(q, labels)`` and, in
  :mod:`nllce.gaussian`, ``gaussian_nll(predictions, targets, sigma)``.

So ``cross_entropy(p, q)`` and ``cross_entropy_with_logits(log(q), labels)`` hold the
model in different places. Where that could confuse, pass keywords:
``binary_cross_entropy(prediction=q, target=t)``.

Examples
--------
The worked sample ``[2, 2, 1]`` with ``K = 3`` classes: the mean NLL under a model
``q`` is the cross-entropy from the frequencies ``p`` to ``q``.

>>> import nllce
>>> q = [0.2, 0.3, 0.5]
>>> p = nllce.frequencies([2, 2, 1], num_classes=3)
>>> nllce.nll(q, [2, 2, 1])
np.float64(0.863422)
>>> nllce.cross_entropy(p, q)
np.float64(0.863422)
"""

from importlib.metadata import version

from .binary import binary_cross_entropy, binary_cross_entropy_with_logits
from .data import counts, frequencies, likelihood, log_likelihood, nll
from .information import cross_entropy, entropy, kl_divergence
from .logits import log_softmax, logsumexp, softmax
from .losses import cross_entropy_with_logits, cross_entropy_with_logits_grad
from .smoothing import additive_smoothing, perplexity, smoothed_frequencies

__version__ = version("nllce")

__all__ = [
    "additive_smoothing",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "counts",
    "cross_entropy",
    "cross_entropy_with_logits",
    "cross_entropy_with_logits_grad",
    "entropy",
    "frequencies",
    "kl_divergence",
    "likelihood",
    "log_likelihood",
    "log_softmax",
    "logsumexp",
    "nll",
    "perplexity",
    "smoothed_frequencies",
    "softmax",
]
