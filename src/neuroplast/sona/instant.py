"""The instant loop: one gradient step per finished trajectory, and the router's uncertainty.

Objective of each step, on the trajectory's route ``r`` and quality ``q`` (plus
``instant_replay`` stored trajectories, quality term only)::

    L = BCE(logit_r, q)                                    quality regression per route
        - policy_weight · (q - b) · log softmax(logits)_r  REINFORCE with a running baseline b

minimised by SGD on the route head (``head_lr``) and the micro-LoRA (``micro_lora_lr``),
after which the micro adapter shrinks by ``micro_decay`` towards zero. A one-step
trajectory, or one with no steps, gives a non-zero gradient whenever the predicted quality
differs from the measured one; good and bad outcomes push the route's score in opposite
directions.

Uncertainty is a last-layer Gaussian per route (neural-linear): with features ``h`` of the
queries a route served, precision ``A_r = prior·I + Σ γ^age h hᵀ``, the predictive spread
of a new query is ``ν·sqrt(hᵀ A_r⁻¹ h)``, with ``ν`` the running error of the predictions.
``γ = evidence_decay`` forgets old evidence, so a route that drifts becomes uncertain again.
"""

from __future__ import annotations

import torch

from neuroplast.sona.config import SonaConfig
from neuroplast.sona.router import MICRO, RouterNet

__all__ = ["InstantLoop"]


class InstantLoop:
    """The per-trajectory learner of a :class:`RouterNet` (not thread-safe: the engine locks).

    >>> from neuroplast.sona.router import build_router
    >>> cfg = SonaConfig(embedding_dim=4, hidden_dim=4, max_routes=2)
    >>> net = build_router(4, 4, 2, 2, 4)
    >>> loop = InstantLoop(net, cfg)
    >>> x = torch.tensor([1.0, 0.0, 0.0, 0.0])
    >>> before = net(x)[0].item()
    >>> loop.update(x, 0, 1.0) > 0            # the loss it took a step on
    True
    >>> net(x)[0].item() > before              # a good outcome raised route 0's score
    True
    """

    def __init__(self, net: RouterNet, config: SonaConfig) -> None:
        self.net = net
        self.config = config
        h, r = config.hidden_dim, config.max_routes
        # A_r⁻¹ per route, kept directly (Sherman-Morrison), so a query's spread is one matvec.
        self.cov = torch.eye(h).repeat(r, 1, 1) / config.prior_precision
        self.baseline = 0.5
        self.err2 = 0.04  # running squared error of predicted vs measured quality
        self.updates = 0
        self.last_error = 0.0  # predicted - measured quality of the latest update, before it
        self._head = [p for n, p in net.named_parameters() if n.startswith("head.")]
        self._micro = [p for n, p in net.named_parameters() if f".{MICRO}." in n]
        self._micro_b = [p for n, p in net.named_parameters() if f"lora_B.{MICRO}." in n]

    # -- reading -------------------------------------------------------------------------
    @torch.no_grad()
    def predict(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """(expected quality, spread, features) per route for one query ``x``."""
        h = self.net.features(x.unsqueeze(0))[0]
        q = torch.sigmoid(self.net.head(h))
        var = torch.einsum("i,rij,j->r", h, self.cov, h).clamp_min(0.0)
        spread = (self.err2 ** 0.5) * var.sqrt()
        return q, spread, h

    # -- learning ------------------------------------------------------------------------
    def update(self, x: torch.Tensor, route: int, quality: float,
               replay: list[tuple[torch.Tensor, int, float]] | None = None) -> float:
        """One SGD step on the objective in the module doc; returns the loss it stepped on."""
        cfg = self.config
        xs = [x] + [e[0] for e in replay or []]
        routes = torch.tensor([route] + [e[1] for e in replay or []])
        quals = torch.tensor([quality] + [e[2] for e in replay or []], dtype=torch.float32)
        for p in self._head + self._micro:
            p.grad = None
        h = self.net.features(torch.stack(xs))
        logits = self.net.head(h)
        chosen = logits.gather(1, routes.unsqueeze(1)).squeeze(1)
        reg = torch.nn.functional.binary_cross_entropy_with_logits(chosen, quals)
        advantage = quality - self.baseline
        pg = -advantage * torch.log_softmax(logits[0], 0)[route]
        loss = reg + cfg.policy_weight * pg
        loss.backward()
        with torch.no_grad():
            for p in self._head:
                p.add_(p.grad, alpha=-cfg.head_lr)
            for p in self._micro:
                p.add_(p.grad, alpha=-cfg.micro_lora_lr)
            for p in self._micro_b:  # only B: shrinking B shrinks the whole delta B·A
                p.mul_(1.0 - cfg.micro_decay)
            err = float(torch.sigmoid(chosen[0])) - quality  # taken before this step
            self.last_error = err
            self._observe(h[0].detach(), route, err)
        self.baseline += 0.01 * (quality - self.baseline)
        self.updates += 1
        return float(loss.detach())

    def _observe(self, h: torch.Tensor, route: int, err: float) -> None:
        gamma = self.config.evidence_decay
        inv = self.cov[route]
        v = inv @ h
        # (γA + hhᵀ)⁻¹ = (1/γ)(A⁻¹ − A⁻¹h hᵀA⁻¹ / (γ + hᵀA⁻¹h))
        self.cov[route] = (inv - torch.outer(v, v) / (gamma + float(h @ v))) / gamma
        self.err2 += 0.01 * (err * err - self.err2)

    def state_dict(self) -> dict[str, torch.Tensor]:
        return {"cov": self.cov.clone(), "scalars": torch.tensor(
            [self.baseline, self.err2, float(self.updates)], dtype=torch.float64)}

    def load_state_dict(self, state: dict[str, torch.Tensor]) -> None:
        self.cov = state["cov"].clone().float()
        self.baseline, self.err2, updates = (float(v) for v in state["scalars"])
        self.updates = int(updates)
