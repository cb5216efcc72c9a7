"""The frames of Part II's sliders: each figure with its readout and alt text.

As in :mod:`nllce.frames`, a frame function takes the slider's parameters as
keyword arguments, computes the numbers once with the math modules
(:mod:`nllce.losses`, :mod:`nllce.logits`, :mod:`nllce.information`,
:mod:`nllce.classifier`, :mod:`nllce.gaussian`; the data from
:mod:`nllce.book_data`), hands them to the figure of
:mod:`nllce.figures_network` that draws them, and writes the readout and the
alt text from the same numbers. It returns a :class:`nllce.frames.Frame`, which
:func:`nllce.widgets.slider` shows; fixed arguments (the classifier's data and
training run) reach it through the slider's ``fixed``.

Examples
--------
>>> softmax_loss(0.0).readout.split(";")[:2]
['q = (0.133, 0.200, 0.667)', '  loss = 0.405']
"""

import numpy as np

from . import classifier, figures_network, gaussian, information, losses
from ._figures_training import region_grid
from ._frame import Frame
from ._typeset import EPSILON, MINUS, MU, SIGMA, number, superscript, vector
from ._validate import as_labels, as_logits
from .book_data import GAUSSIAN_TARGETS, WORKED_LOGITS
from .logits import softmax

__all__ = ["gaussian_variance", "label_smoothing", "softmax_loss", "training_progress"]

def _label(label, num_classes):
    return int(as_labels([label], num_classes, name="label")[0])


def softmax_loss(target_logit, *, logits=WORKED_LOGITS, label=2):
    """Logits whose `label` entry is `target_logit`: the model, the loss and its gradient.

    Draws :func:`nllce.figures_network.softmax_loss`; the readout gives
    :math:`q = \\operatorname{softmax}(z)`, the loss :math:`-\\log q_y` and its
    gradient :math:`q - \\text{onehot}(y)`, the arrows of the figure.
    """
    z = as_logits(logits, name="logits").astype(float)
    if z.ndim != 1:
        raise ValueError(f"`logits` must be one vector of K logits, got shape {z.shape}")
    label = _label(label, z.size)
    if not np.isfinite(target_logit):
        raise ValueError(f"`target_logit` must be a finite number, got {target_logit!r}")
    z[label] = target_logit
    q = softmax(z)
    loss = losses.cross_entropy_with_logits(z, label)
    gradient = losses.cross_entropy_with_logits_grad(z, label)
    moving = np.linspace(-4, 5, 181)
    rows = np.repeat(z[None, :], moving.size, axis=0)
    rows[:, label] = moving
    curve = losses.cross_entropy_with_logits(rows, np.full(moving.size, label), reduction="none")
    figure = figures_network.softmax_loss(
        logits=z, label=label, q=q, gradient=gradient, loss=loss, moving=moving, curve=curve
    )
    readout = (
        f"q = {vector(q)};  loss = {number(loss, 3)};  "
        f"gradient q {MINUS} onehot({label}) = {vector(gradient)}"
    )
    alt = (
        f"Three panels for the logits {vector(z, 2)} with label {label}. Left: bars of the "
        f"logits, with an arrow up on class {label} and arrows down on the other classes "
        f"showing one gradient-descent step. Middle: bars of q = {vector(q, 2)} "
        f"inside the outline of the one-hot target on class {label}. Right: the loss "
        f"falling toward 0 as the label's logit grows, with the current loss {loss:.3f} "
        "marked."
    )
    return Frame(figure, readout, alt)


def training_progress(step, *, data, run):
    """Softmax regression after `step` gradient steps of `run` on `data`.

    Draws :func:`nllce.figures_network.training_progress`; the readout splits the
    mean NLL at `step` into the floor :math:`H(Y \\mid X)` of the data and the gap
    above it (the weighted average KL divergence), the bar of the figure.

    Parameters
    ----------
    step : int
        A recorded step of `run` (0 is before training).
    data : nllce.classifier.ToyData
        The data the run was trained on.
    run : nllce.classifier.TrainingRun
        The output of :func:`nllce.classifier.train_softmax_regression`.
    """
    last = len(run.mean_nll) - 1
    if isinstance(step, bool) or not isinstance(step, int | np.integer) or not 0 <= step <= last:
        raise ValueError(f"`step` must be an integer in 0..{last}, got {step!r}")
    groups = classifier.group_by_input(data.inputs, data.labels, data.num_classes)
    floor = classifier.conditional_entropy(data.inputs, data.labels, data.num_classes)
    axis, grid = region_grid()
    q_grid = classifier.predict_proba(run.weights[step], grid)
    loss = float(run.mean_nll[step])
    figure = figures_network.training_progress(
        step=step, axis=axis, q_grid=q_grid, groups=groups, num_examples=len(data.labels),
        mean_nll=run.mean_nll, floor=floor,
    )
    readout = (
        f"step {step}:  mean NLL = {number(loss, 4)};  floor H(Y | X) = {number(floor, 4)};  "
        f"gap (average KL) = {number(loss - floor, 4)}"
    )
    background = "a uniform grey plane" if step == 0 else "coloured regions, one per class"
    alt = (
        f"Left: the {len(groups[0])} grid inputs drawn as pies of their labels over "
        f"{background}, after {step} gradient steps. Right: the mean NLL falling from "
        f"log {data.num_classes} toward a dashed floor at {floor:.3f}, now at {loss:.3f}, "
        f"with a bar showing the gap of {loss - floor:.3f}."
    )
    return Frame(figure, readout, alt)


def _as_epsilon(epsilon):
    if isinstance(epsilon, bool) or not isinstance(epsilon, int | float | np.integer | np.floating):
        raise TypeError(f"`epsilon` must be a real number in [0, 1), got {epsilon!r}")
    if not 0 <= epsilon < 1:
        raise ValueError(f"`epsilon` (the label smoothing) must be in [0, 1), got {epsilon!r}")
    return float(epsilon)


def label_smoothing(epsilon, *, num_classes=3, label=2):
    """The label-smoothed target for `epsilon`, and the loss it gives along a margin.

    Draws :func:`nllce.figures_network.label_smoothing`; the readout gives the
    smoothed target :math:`p_\\varepsilon`, the best margin
    (:func:`nllce.losses.optimal_smoothed_margin`) and the lowest loss
    :math:`H(p_\\varepsilon)`, the minimum the figure marks.
    """
    epsilon = _as_epsilon(epsilon)
    label = _label(label, num_classes)
    one_hot = np.eye(num_classes)[label]
    target = (1 - epsilon) * one_hot + epsilon / num_classes
    margins = np.linspace(-2, 12, 281)
    rows = np.zeros((margins.size, num_classes))
    rows[:, label] = margins
    labels = np.full(margins.size, label)
    best = losses.optimal_smoothed_margin(epsilon, num_classes)
    floor = information.entropy(target)
    figure = figures_network.label_smoothing(
        epsilon=epsilon, target=target, one_hot=one_hot, margins=margins,
        plain=losses.cross_entropy_with_logits(rows, labels, reduction="none"),
        smoothed=losses.cross_entropy_with_logits(
            rows, labels, reduction="none", label_smoothing=epsilon
        ),
        best=best, floor=floor,
    )
    # Unicode has no subscript epsilon: the readout names p_epsilon in words.
    readout = (
        f"{EPSILON} = {number(epsilon, 2)}:  smoothed target = {vector(target)};  "
        f"best margin m* = {number(best, 3)};  lowest loss = its entropy = {number(floor, 4)}"
    )
    if epsilon == 0:
        right = "the two loss curves coincide and fall toward 0 without a minimum"
    else:
        right = (
            "the unsmoothed loss falls toward 0 while the smoothed loss has its minimum at "
            f"margin {best:.2f}, on a dashed line at the lowest loss {floor:.3f}, "
            "and rises after it"
        )
    alt = (
        f"Left: bars of the smoothed target with label smoothing {epsilon:g}, class {label} "
        "highest, inside the dashed one-hot outline. Right: loss against the margin of the "
        f"label's logit; {right}."
    )
    return Frame(figure, readout, alt)


def gaussian_variance(sigma, *, targets=GAUSSIAN_TARGETS):
    """The Gaussian NLL of a constant prediction of `targets` at noise scale `sigma`.

    Draws :func:`nllce.figures_network.gaussian_variance`; the readout gives the
    best prediction (the mean of the targets, whatever `sigma`), the scaled mean
    squared error and the lowest mean NLL, which the figure marks.
    """
    targets = np.asarray(targets, dtype=float)
    if not np.isfinite(sigma) or sigma <= 0:
        raise ValueError(f"`sigma` must be a finite number > 0, got {sigma!r}")
    best_mu = float(targets.mean())
    mse = gaussian.mean_squared_error(best_mu, targets)
    best_sigma = float(np.sqrt(mse))
    at_best = gaussian.gaussian_nll(best_mu, targets, sigma)
    mus = np.linspace(best_mu - 2.5, best_mu + 2.5, 201)
    others = {
        other: [gaussian.gaussian_nll(mu, targets, other) for mu in mus]
        for other in (0.3, 0.6, 1.2)
        if not np.isclose(other, sigma)
    }
    sigmas = np.geomspace(0.15, 3, 200)
    figure = figures_network.gaussian_variance(
        sigma=sigma, mus=mus, curve=[gaussian.gaussian_nll(mu, targets, sigma) for mu in mus],
        others=others, best_mu=best_mu, sigmas=sigmas,
        lowest=[gaussian.gaussian_nll(best_mu, targets, s) for s in sigmas],
        best_sigma=best_sigma, at_best=at_best,
    )
    readout = (
        f"{SIGMA} = {number(sigma, 3)}:  best {MU} = {number(best_mu, 4)} "
        f"(the mean, whatever {SIGMA});  MSE / (2{SIGMA}{superscript(2)}) = "
        f"{number(mse / (2 * sigma**2), 4)};  mean NLL at the best {MU} = {number(at_best, 4)}"
    )
    alt = (
        f"Left: a parabola of the mean NLL against the prediction mu for sigma = {sigma:.2f}, "
        f"lowest at the mean of the targets, {best_mu:.2f}, with fainter parabolas for other "
        "values of sigma sharing that lowest point. Right: the lowest NLL against sigma on a "
        f"log axis, smallest at sigma = {best_sigma:.2f}, with the current sigma marked at "
        f"{at_best:.3f}."
    )
    return Frame(figure, readout, alt)
