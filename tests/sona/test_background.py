"""The background loop's base LoRA changes outputs by real gradients, and EWC++ runs: its
Fisher fills, its penalty is active, and its boundary detector fires on a drift, not on
noise."""

from __future__ import annotations

import numpy as np
import torch

from neuroplast.sona.background import BaseTrainer
from neuroplast.sona.config import SonaConfig
from neuroplast.sona.router import build_router

CFG = SonaConfig(embedding_dim=16, hidden_dim=16, max_routes=2, base_steps=20, base_batch=32,
                 base_lora_lr=0.02)
MEANS = np.random.default_rng(7).normal(size=(4, 16)).astype(np.float32)


def _samples(seed: int, flipped: bool, n: int = 400) -> list[tuple[torch.Tensor, int, float]]:
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        c, route = i % 4, int(rng.integers(2))
        good = (route == 0) == (c < 2)
        if flipped and c < 2:  # the best route of half the query space changes
            good = not good
        q = float(np.clip((0.85 if good else 0.15) + rng.normal(0, 0.05), 0, 1))
        x = MEANS[c] + rng.normal(0, 0.1, 16).astype(np.float32)
        out.append((torch.from_numpy(x / np.linalg.norm(x)), route, q))
    return out


def _net() -> torch.nn.Module:
    net = build_router(16, 16, 2, 2, 4, seed=3)
    with torch.no_grad():  # a head that reads the hidden state, as the instant loop makes
        net.head.weight.normal_(0, 0.5, generator=torch.Generator().manual_seed(1))
    return net


def test_base_lora_trained_in_the_background_changes_outputs() -> None:
    net = _net()
    trainer = BaseTrainer(CFG)
    x = torch.stack([s[0] for s in _samples(0, False, 8)])
    before = net(x).detach()
    weights = trainer.train(net, _samples(1, False))
    assert trainer.steps == 20
    assert weights["adapt.lora_B.base.weight"].abs().max() > 0
    with torch.no_grad():
        for name, p in net.named_parameters():
            if name in weights:
                p.copy_(weights[name])
    assert (net(x) - before).abs().max() > 1e-2
    assert trainer.ewc.active  # consolidated after the round: the penalty is live


def _prequential(net: torch.nn.Module, samples: list[tuple[torch.Tensor, int, float]]
                 ) -> list[float]:
    """Squared errors of the router's predictions before it learns from ``samples``."""
    with torch.no_grad():
        logits = net(torch.stack([x for x, _, _ in samples]))
        p = torch.sigmoid(logits[torch.arange(len(samples)), [r for _, r, _ in samples]])
    return ((p - torch.tensor([q for _, _, q in samples])) ** 2).tolist()


def test_ewcpp_boundary_fires_on_a_drift_and_not_on_noise() -> None:
    net = _net()
    trainer = BaseTrainer(CFG)

    def cycle(seed: int, flipped: bool) -> None:
        samples = _samples(seed, flipped)
        weights = trainer.train(net, samples, _prequential(net, samples))
        with torch.no_grad():
            for name, p in net.named_parameters():
                if name in weights:
                    p.copy_(weights[name])

    for seed in range(8):  # same world, fresh noise: 160 steps
        cycle(seed, flipped=False)
    assert trainer.boundaries == 0 and trainer.ewc.task_count == 0
    assert trainer.drift.last_z < CFG.drift.threshold
    fisher = trainer.ewc.state_dict()
    assert any(k.startswith("running:") and v.abs().sum() > 0 for k, v in fisher.items())
    cycle(8, flipped=True)  # one region's best route flips: found at its first cycle
    assert trainer.boundaries == 1 and trainer.ewc.task_count == 1
    assert len(trainer.ewc.tasks) == 1  # the old task is protected now
    for seed in range(9, 14):  # the new world, learnt: no more boundaries
        cycle(seed, flipped=True)
    assert trainer.boundaries == 1
