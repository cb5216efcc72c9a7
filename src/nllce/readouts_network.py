"""What the Part II sliders print under each frame, and their alt text.

Each function is a pure function of the slider value (and of the same fixed
arguments as the figure it goes with in :mod:`nllce.figures_network`):
``*_readout`` returns the numbers computed for that frame, ``*_alt`` a
description of the frame for readers who cannot see it. The chapters pass them
to :func:`nllce.widgets.prerendered_slider`, binding fixed arguments with
``functools.partial``.

Examples
--------
>>> softmax_loss_readout(0.0).split(";")[:2]
['q = (0.133, 0.200, 0.667)', '  loss = 0.405']
"""

import numpy as np

from . import classifier, gaussian, information, losses
from .figures_network import GAUSSIAN_TARGETS, WORKED_LOGITS, optimal_smoothed_margin
from .softmax import softmax

__all__ = [
    "gaussian_alt",
    "gaussian_readout",
    "smoothing_alt",
    "smoothing_readout",
    "softmax_loss_alt",
    "softmax_loss_readout",
    "training_alt",
    "training_readout",
]


# Typography of the readouts (escaped, so the source stays ASCII).
_MINUS, _EPSILON, _SIGMA, _MU, _SQUARED = "\u2212", "\u03b5", "\u03c3", "\u03bc", "\u00b2"


def _shown(values, digits=3):
    return "(" + ", ".join(f"{v:.{digits}f}" for v in values) + ")"


def _logits_with(target_logit, logits, label):
    z = np.array(logits, dtype=float)
    z[label] = target_logit
    return z


def softmax_loss_readout(target_logit, *, logits=WORKED_LOGITS, label=2):
    """The model, the loss and its gradient when the label's logit is `target_logit`."""
    z = _logits_with(target_logit, logits, label)
    loss = losses.cross_entropy_with_logits(z, label)
    gradient = losses.cross_entropy_with_logits_grad(z, label)
    return (
        f"q = {_shown(softmax(z))};  loss = {loss:.3f};  "
        f"gradient q {_MINUS} onehot({label}) = {_shown(gradient)}"
    )


def softmax_loss_alt(target_logit, *, logits=WORKED_LOGITS, label=2):
    """Alt text of :func:`nllce.figures_network.softmax_loss`."""
    z = _logits_with(target_logit, logits, label)
    loss = losses.cross_entropy_with_logits(z, label)
    return (
        f"Three panels for the logits {_shown(z, 2)} with label {label}. Left: bars of the "
        f"logits, with an arrow up on class {label} and arrows down on the other classes "
        f"showing one gradient-descent step. Middle: bars of q = {_shown(softmax(z), 2)} "
        f"inside the outline of the one-hot target on class {label}. Right: the loss "
        f"falling toward 0 as the label's logit grows, with the current loss {loss:.3f} "
        "marked."
    )


def training_readout(step, *, data, run):
    """Mean NLL, floor and gap after `step` steps of the run shown by the training figure."""
    floor = classifier.conditional_entropy(data.inputs, data.labels, data.num_classes)
    loss = run.mean_nll[step]
    return (
        f"step {step}: mean NLL = {loss:.4f};  floor H(Y|X) = {floor:.4f};  "
        f"gap (average KL) = {loss - floor:.4f}"
    )


def training_alt(step, *, data, run):
    """Alt text of :func:`nllce.figures_network.training_progress`."""
    distinct, _, _ = classifier.group_by_input(data.inputs, data.labels, data.num_classes)
    floor = classifier.conditional_entropy(data.inputs, data.labels, data.num_classes)
    loss = run.mean_nll[step]
    background = "a uniform grey plane" if step == 0 else "coloured regions, one per class"
    return (
        f"Left: the {len(distinct)} grid inputs drawn as pies of their labels over "
        f"{background}, after {step} gradient steps. Right: the mean NLL falling from "
        f"log {data.num_classes} toward a dashed floor at {floor:.3f}, now at {loss:.3f}, "
        f"with a bar showing the gap of {loss - floor:.3f}."
    )


def _smoothed(epsilon, num_classes, label):
    return (1 - epsilon) * np.eye(num_classes)[label] + epsilon / num_classes


def smoothing_readout(epsilon, *, num_classes=3, label=2):
    """The smoothed target, the best margin and the lowest loss for `epsilon`."""
    target = _smoothed(epsilon, num_classes, label)
    margin = optimal_smoothed_margin(epsilon, num_classes)
    return (
        f"target p_{_EPSILON} = {_shown(target)};  best margin m* = {margin:.3f};  "
        f"lowest loss H(p_{_EPSILON}) = {information.entropy(target):.4f}"
    )


def smoothing_alt(epsilon, *, num_classes=3, label=2):
    """Alt text of :func:`nllce.figures_network.label_smoothing`."""
    if epsilon == 0:
        right = "the two loss curves coincide and fall toward 0 without a minimum"
    else:
        margin = optimal_smoothed_margin(epsilon, num_classes)
        right = (
            "the unsmoothed loss falls toward 0 while the smoothed loss has its minimum at "
            f"margin {margin:.2f}, on a dashed line at the lowest loss "
            f"{information.entropy(_smoothed(epsilon, num_classes, label)):.3f}, "
            "and rises after it"
        )
    return (
        f"Left: bars of the smoothed target with label smoothing {epsilon:g}, class {label} "
        "highest, inside the dashed one-hot outline. Right: loss against the margin of the "
        f"label's logit; {right}."
    )


def gaussian_readout(sigma, *, targets=GAUSSIAN_TARGETS):
    """The best prediction, the scaled MSE and the lowest mean NLL for noise scale `sigma`."""
    targets = np.asarray(targets, dtype=float)
    best_mu = targets.mean()
    mse = gaussian.mean_squared_error(targets, best_mu)
    at_best = gaussian.gaussian_nll(targets, best_mu, sigma)
    return (
        f"{_SIGMA} = {sigma:.3f}:  best {_MU} = {best_mu:.4f} (the mean, whatever {_SIGMA});  "
        f"MSE / (2{_SIGMA}{_SQUARED}) = {mse / (2 * sigma**2):.4f};  "
        f"mean NLL at the best {_MU} = {at_best:.4f}"
    )


def gaussian_alt(sigma, *, targets=GAUSSIAN_TARGETS):
    """Alt text of :func:`nllce.figures_network.gaussian_variance`."""
    targets = np.asarray(targets, dtype=float)
    best_mu = targets.mean()
    best_sigma = np.sqrt(gaussian.mean_squared_error(targets, best_mu))
    return (
        f"Left: a parabola of the mean NLL against the prediction mu for sigma = {sigma:.2f}, "
        f"lowest at the mean of the targets, {best_mu:.2f}, with fainter parabolas for other "
        "values of sigma sharing that lowest point. Right: the lowest NLL against sigma on a "
        f"log axis, smallest at sigma = {best_sigma:.2f}, with the current sigma marked."
    )
