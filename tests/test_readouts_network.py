"""Part II's slider readouts print the frame's computed numbers; alt texts describe it."""

import numpy as np
import pytest

import nllce
from nllce import classifier, gaussian
from nllce import figures_network as fn
from nllce import readouts_network as rn

DATA = classifier.make_toy_data(seed=0)
RUN = classifier.train_softmax_regression(DATA.inputs, DATA.labels, 3, steps=30)


@pytest.mark.parametrize("target_logit", [-3.0, 0.5, 4.0])
def test_softmax_loss_readout_and_alt_carry_the_frames_numbers(target_logit):
    logits = np.array(fn.WORKED_LOGITS)
    logits[2] = target_logit
    loss = nllce.cross_entropy_with_logits(logits, 2)
    q_text = ", ".join(f"{v:.3f}" for v in nllce.softmax(logits))
    readout = rn.softmax_loss_readout(target_logit)
    assert f"q = ({q_text})" in readout and f"loss = {loss:.3f}" in readout
    gradient = nllce.cross_entropy_with_logits_grad(logits, 2)
    assert f"{gradient[2]:.3f})" in readout
    assert f"current loss {loss:.3f}" in rn.softmax_loss_alt(target_logit)


def test_training_readout_splits_the_loss_into_floor_and_gap():
    floor = classifier.conditional_entropy(DATA.inputs, DATA.labels, 3)
    readout = rn.training_readout(7, data=DATA, run=RUN)
    assert f"mean NLL = {RUN.mean_nll[7]:.4f}" in readout
    assert f"floor H(Y|X) = {floor:.4f}" in readout
    assert f"gap (average KL) = {RUN.mean_nll[7] - floor:.4f}" in readout
    assert "uniform grey plane" in rn.training_alt(0, data=DATA, run=RUN)
    assert "after 7 gradient steps" in rn.training_alt(7, data=DATA, run=RUN)


def test_smoothing_readout_reports_target_margin_and_floor():
    readout = rn.smoothing_readout(0.2)
    target = 0.8 * np.eye(3)[2] + 0.2 / 3
    assert f"{fn.optimal_smoothed_margin(0.2, 3):.3f}" in readout
    assert f"{nllce.entropy(target):.4f}" in readout
    assert "without a minimum" in rn.smoothing_alt(0.0)
    assert f"margin {fn.optimal_smoothed_margin(0.2, 3):.2f}" in rn.smoothing_alt(0.2)


def test_gaussian_readout_reports_the_nll_at_the_mean():
    targets = np.array(fn.GAUSSIAN_TARGETS)
    readout = rn.gaussian_readout(0.7)
    assert f"{targets.mean():.4f}" in readout
    assert f"{gaussian.gaussian_nll(targets, targets.mean(), 0.7):.4f}" in readout
    best_sigma = np.sqrt(gaussian.mean_squared_error(targets, targets.mean()))
    assert f"sigma = {best_sigma:.2f}" in rn.gaussian_alt(0.7)


@pytest.mark.parametrize(
    "alt",
    [
        rn.softmax_loss_alt(0.0),
        rn.training_alt(5, data=DATA, run=RUN),
        rn.smoothing_alt(0.1),
        rn.gaussian_alt(1.0),
    ],
)
def test_alt_texts_are_real_descriptions(alt):
    assert len(alt.split()) >= 25
    assert alt.startswith(("Left", "Three panels"))
