"""The background loop: the base LoRA trained on replayed trajectories, with EWC++.

Objective, over a batch of the cycle's new trajectories mixed with replayed older ones
(route ``r``, quality ``q``): ``mean BCE(logit_r, q) + EWC++ penalty``, minimised by Adam
on the base adapter alone, through :class:`~neuroplast.learn.OnlineLearner` on a copy of
the live router (so serving never waits), then the trained base adapter is copied into the
live router in one step. The EWC++ regularizer persists across cycles: its running Fisher
sees every step's gradient. A task boundary is found on the outcomes, not the gradients:
the cycle's new trajectories' prequential squared errors (how far the router's prediction
was from each measured quality *before* it learnt from it) go to a
:class:`~neuroplast.core.LossShiftDetector`; when their mean jumps (a route's quality
changed: predictions that were right are now wrong), the old task is closed — EWC++'s
``end_task`` on the weights before this cycle's training, with the running Fisher of the
old data — so what it had learnt is protected while the new one is learnt. (EWC++'s own
detector reads the gradient norm of training batches, in which a change confined to some
routes and regions is diluted by replay of everything else: on the routing benchmark it
fired after one drift in five.)

>>> import torch
>>> from neuroplast.sona.config import SonaConfig
>>> from neuroplast.sona.router import build_router
>>> cfg = SonaConfig(embedding_dim=4, hidden_dim=4, max_routes=2, base_steps=3, base_batch=4)
>>> net = build_router(4, 4, 2, 2, 4)
>>> loop = BaseTrainer(cfg)
>>> data = [(torch.eye(4)[i % 4], i % 2, 1.0) for i in range(8)]
>>> weights = loop.train(net, data, losses=[0.01] * 8)
>>> sorted(weights), loop.steps, loop.boundaries
(['adapt.lora_A.base.weight', 'adapt.lora_B.base.weight'], 3, 0)
"""

from __future__ import annotations

import copy
import random
from collections.abc import Sequence

import torch

from neuroplast.core.ewcpp import EWCPlusPlus
from neuroplast.core.loss_shift import LossShiftDetector
from neuroplast.core.replay import Example
from neuroplast.learn import LearnerConfig, OnlineLearner
from neuroplast.sona.config import SonaConfig
from neuroplast.sona.router import BASE, RouterNet, route_loss, set_trainable

__all__ = ["BaseTrainer"]

Sample = tuple[torch.Tensor, int, float]
"""(query embedding, route index, quality)."""


class BaseTrainer:
    """Trains the base adapter of a router snapshot; keeps EWC++ across cycles."""

    def __init__(self, config: SonaConfig) -> None:
        self.config = config
        self.ewc = EWCPlusPlus(copy.deepcopy(config.ewc))
        self.drift = LossShiftDetector(copy.deepcopy(config.drift))
        self.steps = 0
        self.boundaries = 0
        self.last_loss = float("nan")
        self._rng = random.Random(config.seed)

    def train(self, live: RouterNet, samples: Sequence[Sample],
              losses: Sequence[float] = ()) -> dict[str, torch.Tensor]:
        """``base_steps`` steps on batches drawn from ``samples``; the new base weights.
        ``losses``: the prequential squared errors of the trajectories new since the last
        cycle (see the module doc)."""
        cfg = self.config
        if not samples:
            return {}
        snapshot = copy.deepcopy(live)
        set_trainable(snapshot, {f".{BASE}."})
        before = self.ewc.task_count
        if self.drift.update(losses) and self.steps:  # a Fisher of the old data exists
            self.ewc.end_task(snapshot)  # θ* before the new data, the old data's Fisher
        n = cfg.base_steps * cfg.base_batch
        # every sample once when they fit, then draws with replacement to fill the steps
        order = list(range(len(samples)))
        self._rng.shuffle(order)
        picks = order[:n] + [self._rng.randrange(len(samples)) for _ in range(n - len(order))]
        examples = [Example(samples[i][0], torch.tensor([float(samples[i][1]), samples[i][2]]))
                    for i in picks]
        learner = OnlineLearner(
            snapshot, route_loss,
            LearnerConfig(batch_size=cfg.base_batch, steps_per_round=1, lr=cfg.base_lora_lr,
                          replay_batch=0, yield_s=0.0, max_pending=max(n, cfg.base_batch),
                          seed=cfg.seed),
            regularizer=self.ewc)
        try:
            learner.learn_now(examples)
            trained = learner.live_model
        finally:
            learner.close()
        self.steps += cfg.base_steps
        self.boundaries += self.ewc.task_count - before
        with torch.no_grad():
            x = torch.stack([e.inputs for e in examples[: cfg.base_batch]])
            y = torch.stack([e.target for e in examples[: cfg.base_batch]])
            self.last_loss = float(route_loss(trained(x), y).mean())
        return {n: p.detach().clone() for n, p in trained.named_parameters()
                if f".{BASE}." in n}
