"""A router's learnt weights as they travel to a peer, and a peer's router as evidence.

What travels (:func:`router_weights`): the two LoRA adapters of the router's hidden layer
(micro and base), the route head's rows of the routes it knows, the instant loop's
evidence about each of them (``A_r⁻¹``, see ``instant``), the route names in head order
and a digest of the frozen projection. Installs built with the same seed and dimensions
share that projection, so a peer's router computes, on this install's hidden input
``h0 = tanh(proj(x))``, the peer's own hidden state ``h = (I + D)·h0`` (``D``: the scaled
sum of both LoRA updates), its logits ``head·h + bias`` and how much evidence it has near
``x``: the variance ``hᵀ A_r⁻¹ h``, small where the peer's users asked such queries and
large where they never did (:class:`PeerRouter`).

How it counts (:func:`blend`): per route, this router's logit and each peer's that knows
the route, each weighted by its precision (1 / variance), a peer's times ``weight`` < 1:
``(ℓ/v + Σ w·ℓ_p/v_p) / (1/v + Σ w/v_p)``. Where this install's users have answers and
the peer's have not, its own router decides; where only the peer's have, the peer's
counts most; where both have, its own counts more. It moves the router's estimate only,
not its uncertainty: the install's own latest outcomes near the query (``shrinkage``)
weigh as much against it as against the router alone, and exploration is as without the
peer (a peer's confidence is about its users' outcomes, not this one's). The install's own
training never sees it: taking a peer's router away gives back exactly the scores it would
have had.

>>> import numpy as np
>>> from neuroplast.sona.config import SonaConfig
>>> from neuroplast.sona.engine import Engine
>>> cfg = SonaConfig(embedding_dim=3, hidden_dim=8, background_interval_s=0)
>>> alice, bob = Engine(cfg), Engine(cfg)
>>> for i in range(40):          # alice's users ask e0, where b works; bob's e1, where a does
...     _ = alice.end_trajectory(alice.begin_trajectory(np.eye(3)[0]).set_route("ab"[i % 2]),
...                              quality=0.9 if i % 2 else 0.1)
...     _ = bob.end_trajectory(bob.begin_trajectory(np.eye(3)[1]).set_route("ab"[i % 2]),
...                            quality=0.1 if i % 2 else 0.9)
>>> meta, tensors = router_weights(alice)
>>> meta["routes"], sorted(tensors)[-3:]
(['a', 'b'], ['head.bias', 'head.weight', 'instant.cov'])
>>> def choice(engine, e):
...     return engine.suggest_route(np.eye(3)[e], routes=["a", "b"])
>>> before = [choice(bob, e) for e in (0, 1)]
>>> [s.route for s in before]                    # bob reads e0 as e1: a
['a', 'a']
>>> bob.set_peer_routers([PeerRouter.from_weights("alice", 0.5, meta, tensors, bob)])
>>> [choice(bob, e).route for e in (0, 1)]       # alice knows e0; bob still knows e1
['b', 'a']
>>> round(choice(bob, 1).scores["a"], 2), round(before[1].scores["a"], 2)
(0.88, 0.88)
>>> bob.set_peer_routers([])                     # alice's contribution is gone
>>> [choice(bob, e).scores for e in (0, 1)] == [s.scores for s in before]
True
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import torch

from neuroplast.errors import InvalidInputError
from neuroplast.sona.router import BASE, MICRO

if TYPE_CHECKING:
    from neuroplast.sona.engine import Engine

__all__ = ["ROUTER_FORMAT", "PeerRouter", "blend", "projection_digest", "router_weights"]

ROUTER_FORMAT = "neuroplast.sona.router/2"
_LORA = tuple(f"adapt.lora_{part}.{name}.weight" for name in (MICRO, BASE) for part in "AB")
TENSORS = (*_LORA, "head.weight", "head.bias", "instant.cov")
# a peer's variance is read as at least this share of the prior's: however little a
# (trusted) peer claims to doubt, it counts as at most 10^4 times the prior's evidence
_VAR_FLOOR = 1e-4


def projection_digest(engine: Engine) -> str:
    """SHA-256 of the router's frozen projection: equal on installs that share it."""
    proj = engine.net.proj
    digest = hashlib.sha256()
    for tensor in (proj.weight, proj.bias):
        digest.update(tensor.detach().to(torch.float32).contiguous().numpy().tobytes())
    return digest.hexdigest()


def router_weights(engine: Engine) -> tuple[dict[str, Any], dict[str, torch.Tensor]]:
    """What ``engine`` shares with a peer: ``(meta, tensors)`` (see the module doc)."""
    with engine._lock:
        routes = sorted(engine.routes, key=engine.routes.__getitem__)
        params = dict(engine.net.named_parameters())
        tensors = {name: params[name].detach().clone().contiguous() for name in _LORA}
        rows = len(routes)
        tensors["head.weight"] = params["head.weight"].detach()[:rows].clone().contiguous()
        tensors["head.bias"] = params["head.bias"].detach()[:rows].clone().contiguous()
        tensors["instant.cov"] = engine.instant.cov[:rows].clone().contiguous()
        layer = engine.net.adapt
        meta = {"format": ROUTER_FORMAT, "routes": routes,
                "embedding_dim": engine.config.embedding_dim,
                "hidden_dim": engine.config.hidden_dim,
                "prior_precision": engine.config.prior_precision,
                "scaling": {MICRO: layer.scaling[MICRO], BASE: layer.scaling[BASE]},
                "projection": projection_digest(engine)}
    return meta, tensors


@dataclass(frozen=True)
class PeerRouter:
    """A peer's router on this install's hidden input ``h0``: its hidden state
    ``adapt·h0``, logits ``head·h + bias`` and variances ``hᵀ cov_r h``, one per route in
    ``routes``; its precision counts ``weight`` times."""

    name: str
    weight: float
    routes: tuple[str, ...]
    adapt: torch.Tensor   # (hidden, hidden): I + D
    head: torch.Tensor    # (routes, hidden)
    bias: torch.Tensor    # (routes,)
    cov: torch.Tensor     # (routes, hidden, hidden)
    prior: float          # the peer's prior precision: its variance with no evidence is |h|²/prior

    @classmethod
    def from_weights(cls, name: str, weight: float, meta: dict[str, Any],
                     tensors: dict[str, torch.Tensor], engine: Engine) -> PeerRouter:
        """The peer router ``meta`` and ``tensors`` describe, checked against ``engine``
        (same projection, dimensions and adapter ranks); ``InvalidInputError`` if not."""
        if not 0.0 < weight < 1.0:
            raise InvalidInputError(f"a peer router's weight is {weight!r}; use a value in "
                                    "(0, 1): below the install's own")
        cfg = engine.config
        if meta.get("format") != ROUTER_FORMAT or meta.get("hidden_dim") != cfg.hidden_dim or (
                meta.get("embedding_dim") != cfg.embedding_dim):
            raise InvalidInputError(f"{name}'s router is {meta.get('format')!r} of dimensions "
                                    f"{meta.get('embedding_dim')!r}/{meta.get('hidden_dim')!r};"
                                    f" this install's is {ROUTER_FORMAT} of {cfg.embedding_dim}"
                                    f"/{cfg.hidden_dim}")
        if meta.get("projection") != projection_digest(engine):
            raise InvalidInputError(f"{name}'s router has another projection (another [sona."
                                    "engine] seed or dimensions); its scores mean nothing here")
        routes = meta.get("routes")
        if not isinstance(routes, list) or not routes or len(set(routes)) != len(routes) or (
                not all(isinstance(r, str) and 0 < len(r) <= 200 for r in routes)):
            raise InvalidInputError(f"{name}'s router names no routes, or names one twice")
        own = dict(engine.net.named_parameters())
        hidden = cfg.hidden_dim
        want = {n: tuple(own[n].shape) for n in _LORA}
        want.update({"head.weight": (len(routes), hidden), "head.bias": (len(routes),),
                     "instant.cov": (len(routes), hidden, hidden)})
        got = {n: tuple(t.shape) for n, t in tensors.items()}
        if got != want:
            raise InvalidInputError(f"{name}'s router has tensors {sorted(got.items())}; this "
                                    f"install's take {sorted(want.items())}")
        scaling, prior = meta.get("scaling"), meta.get("prior_precision")
        if not isinstance(scaling, dict) or not all(
                _finite(scaling.get(k)) and abs(float(scaling[k])) < 1e3 for k in (MICRO, BASE)
        ) or not _finite(prior) or not 0 < float(prior) < 1e6:
            raise InvalidInputError(f"{name}'s router has no scaling of its adapters or no "
                                    "prior precision")
        t = {n: v.to(torch.float32) for n, v in tensors.items()}
        if not all(bool(v.isfinite().all()) for v in t.values()):
            raise InvalidInputError(f"{name}'s router holds values that are not finite")
        update = sum(float(scaling[k]) * (t[f"adapt.lora_B.{k}.weight"] @
                                          t[f"adapt.lora_A.{k}.weight"]) for k in (MICRO, BASE))
        return cls(name, float(weight), tuple(routes), torch.eye(hidden) + update,
                   t["head.weight"], t["head.bias"], t["instant.cov"], float(prior))

    def read(self, h0: torch.Tensor) -> dict[str, tuple[float, float]]:
        """The peer's ``(logit, variance)`` of each of its routes for hidden input ``h0``."""
        h = self.adapt @ h0
        logits = self.head @ h + self.bias
        var = torch.einsum("i,rij,j->r", h, self.cov, h)
        floor = _VAR_FLOOR * float(h @ h) / self.prior + 1e-12
        return {r: (float(lo), max(float(v), floor))
                for r, lo, v in zip(self.routes, logits, var, strict=True)}


def blend(names: Sequence[str], own: torch.Tensor, own_var: torch.Tensor, h0: torch.Tensor,
          peers: Sequence[PeerRouter]) -> torch.Tensor:
    """Per route in ``names``: the expected quality from this router's logits ``own`` (of
    variances ``own_var``) and the peers' that know the route; see the module doc."""
    precision = 1.0 / own_var.clamp_min(1e-12)
    total = own * precision
    for peer in peers:
        theirs = peer.read(h0)
        for i, name in enumerate(names):
            if name in theirs:
                logit, var = theirs[name]
                total[i] += peer.weight * logit / var
                precision[i] += peer.weight / var
    return torch.sigmoid(total / precision)


def _finite(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(
        value)
