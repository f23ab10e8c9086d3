"""The instant loop takes real gradient steps: one-step trajectories move outputs, good and
bad outcomes move them in opposite directions, and the uncertainty shrinks with evidence."""

from __future__ import annotations

import copy

import torch

from neuroplast.sona.config import SonaConfig
from neuroplast.sona.instant import InstantLoop
from neuroplast.sona.router import build_router

CFG = SonaConfig(embedding_dim=6, hidden_dim=8, max_routes=3)


def _loop() -> InstantLoop:
    return InstantLoop(build_router(6, 8, 3, 2, 4, seed=1), CFG)


def _x() -> torch.Tensor:
    return torch.tensor([0.5, -0.2, 0.1, 0.7, 0.0, 0.3])


def test_one_step_moves_the_route_score_and_the_micro_adapter() -> None:
    loop = _loop()
    x = _x()
    b_before = loop.net.adapt.lora_B["micro"].weight.clone()
    q_before = loop.predict(x)[0][1].item()
    loop.update(x, route=1, quality=1.0)  # a trajectory with no steps: quality only
    assert loop.predict(x)[0][1].item() - q_before > 1e-3
    assert (loop.net.adapt.lora_B["micro"].weight - b_before).abs().max() > 0
    assert loop.net.adapt.lora_B["base"].weight.abs().max() == 0  # background's alone


def test_good_and_bad_feedback_move_outputs_in_opposite_directions() -> None:
    good, bad = _loop(), _loop()
    bad.net = copy.deepcopy(good.net)
    bad = InstantLoop(bad.net, CFG)
    x = _x()
    start = good.predict(x)[0][2].item()
    good.update(x, 2, 0.95)
    bad.update(x, 2, 0.05)
    up, down = good.predict(x)[0][2].item() - start, bad.predict(x)[0][2].item() - start
    assert up > 1e-3 and down < -1e-3


def test_the_step_is_the_gradient_of_the_stated_objective() -> None:
    loop = _loop()
    x = _x()
    net = copy.deepcopy(loop.net)
    logits = net(x.unsqueeze(0))[0]
    bce = torch.nn.functional.binary_cross_entropy_with_logits(logits[0], torch.tensor(0.8))
    pg = -(0.8 - loop.baseline) * torch.log_softmax(logits, 0)[0]
    (bce + CFG.policy_weight * pg).backward()
    expected = net.head.bias.detach() - CFG.head_lr * net.head.bias.grad
    loop.update(x, 0, 0.8)
    assert torch.allclose(loop.net.head.bias, expected, atol=1e-6)


def test_uncertainty_shrinks_where_a_route_was_tried_and_only_there() -> None:
    loop = _loop()
    x = _x()
    _, spread0, _ = loop.predict(x)
    for _ in range(20):
        loop.update(x, 0, 0.6)
    _, spread, _ = loop.predict(x)
    assert spread[0] < 0.3 * spread0[0]
    # routes 1 and 2 saw nothing; their spread only follows the running error
    assert torch.allclose(spread[1] / spread0[1], spread[2] / spread0[2])
