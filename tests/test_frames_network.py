"""Part II's slider frames: the readout prints the frame's computed numbers; the alt text
describes the frame with them."""

import numpy as np
import pytest

import nllce
from nllce import book_data, classifier, gaussian, losses
from nllce import frames_network as frames
from nllce._typeset import INFINITY, MINUS, number, vector

DATA = classifier.make_toy_data(seed=0)
RUN = classifier.train_softmax_regression(DATA.inputs, DATA.labels, 3, steps=30)


@pytest.mark.parametrize("target_logit", [-3.0, 0.5, 4.0])
def test_softmax_loss_readout_and_alt_carry_the_frames_numbers(target_logit):
    logits = book_data.WORKED_LOGITS.copy()
    logits[2] = target_logit
    loss = nllce.cross_entropy_with_logits(logits, 2)
    q_text = ", ".join(f"{v:.3f}" for v in nllce.softmax(logits))
    frame = frames.softmax_loss(target_logit)
    assert f"q = ({q_text})" in frame.readout and f"loss = {loss:.3f}" in frame.readout
    gradient = nllce.cross_entropy_with_logits_grad(logits, 2)
    # the label's coordinate of q - onehot is negative: a real minus sign, not a hyphen
    assert f"gradient q {MINUS} onehot(2) = " in frame.readout
    assert frame.readout.endswith(f", {MINUS}{abs(gradient[2]):.3f})")
    assert frame.readout.endswith(f"= {vector(gradient)}") and "-" not in frame.readout
    assert f"current loss {loss:.3f}" in frame.alt
    assert f"{number(target_logit, 2)})" in frame.alt  # the logits, the label's last


def test_training_readout_splits_the_loss_into_floor_and_gap():
    floor = classifier.conditional_entropy(DATA.inputs, DATA.labels, 3)
    frame = frames.training_progress(7, data=DATA, run=RUN)
    assert frame.readout.startswith(f"step 7:  mean NLL = {RUN.mean_nll[7]:.4f};")
    assert f"floor H(Y | X) = {floor:.4f}" in frame.readout
    assert f"gap (average KL) = {RUN.mean_nll[7] - floor:.4f}" in frame.readout
    assert "after 7 gradient steps" in frame.alt
    assert f"now at {RUN.mean_nll[7]:.3f}" in frame.alt
    assert f"gap of {RUN.mean_nll[7] - floor:.3f}" in frame.alt
    assert "uniform grey plane" in frames.training_progress(0, data=DATA, run=RUN).alt


def test_smoothing_readout_reports_target_margin_and_floor():
    frame = frames.label_smoothing(0.2)
    target = 0.8 * np.eye(3)[2] + 0.2 / 3
    assert frame.readout.startswith(f"\N{GREEK SMALL LETTER EPSILON} = 0.20:  smoothed target = "
                                    f"{vector(target)};")
    assert f"best margin m* = {losses.optimal_smoothed_margin(0.2, 3):.3f}" in frame.readout
    assert f"lowest loss = its entropy = {nllce.entropy(target):.4f}" in frame.readout
    assert f"margin {losses.optimal_smoothed_margin(0.2, 3):.2f}" in frame.alt
    assert f"lowest loss {nllce.entropy(target):.3f}" in frame.alt
    unsmoothed = frames.label_smoothing(0.0)
    assert "without a minimum" in unsmoothed.alt and f"m* = {INFINITY};" in unsmoothed.readout


def test_gaussian_readout_reports_the_nll_at_the_mean():
    targets = book_data.GAUSSIAN_TARGETS.copy()
    frame = frames.gaussian_variance(0.7)
    at_best = gaussian.gaussian_nll(targets.mean(), targets, 0.7)
    assert frame.readout.startswith(f"\N{GREEK SMALL LETTER SIGMA} = 0.700:  best "
                                    f"\N{GREEK SMALL LETTER MU} = {targets.mean():.4f} ")
    assert f"{at_best:.4f}" in frame.readout
    best_sigma = np.sqrt(gaussian.mean_squared_error(targets.mean(), targets))
    assert f"sigma = {best_sigma:.2f}" in frame.alt
    assert "sigma = 0.70" in frame.alt and f"marked at {at_best:.3f}" in frame.alt
