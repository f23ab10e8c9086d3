"""Federated learning from short-lived agents: export, aggregate, consolidate, warm-start.

An :class:`EphemeralAgent` runs its own engine, then exports a bundle (:mod:`.bundle`). The
:class:`FederatedCoordinator` validates it, accepts the trajectories at or above its
quality threshold (the rest are counted as rejected: accepted + rejected = sent), replays
the accepted ones through its own engine (so its router learns from every agent), merges
the agent's patterns into its bank (merged, not duplicated), and consolidates — a
background cycle — every ``consolidate_every`` agents. A new agent warm-starts from the
coordinator's router weights and its best patterns.

Topologies: *star* (agents → one coordinator); *hierarchical*: a regional coordinator
exports its own state as a bundle with :meth:`FederatedCoordinator.export` and a global
coordinator aggregates it like an agent's.

>>> import numpy as np
>>> cfg = SonaConfig(embedding_dim=4, hidden_dim=8, min_trajectories=50,
...                  background_interval_s=0, bank={"min_cluster_size": 2})
>>> coord = FederatedCoordinator(cfg, consolidate_every=2)
>>> for a in range(2):
...     agent = coord.new_agent(f"agent-{a}")
...     for i in range(12):
...         agent.record(np.eye(4)[i % 2], "ab"[i % 2], 0.9 if i % 3 else 0.2)
...     report = coord.aggregate(agent.export())
>>> report["accepted"] + report["rejected"], coord.agents_seen
(12, 2)
>>> len(coord.get_all_patterns()) > 0, len(coord.get_initial_patterns(1))
(True, 1)
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import torch

from neuroplast.config import check_range
from neuroplast.errors import InvalidInputError
from neuroplast.sona.bundle import read_bundle, write_bundle
from neuroplast.sona.config import SonaConfig
from neuroplast.sona.engine import Engine
from neuroplast.sona.pattern import LearnedPattern

__all__ = ["EphemeralAgent", "FederatedCoordinator"]


class EphemeralAgent:
    """A short-lived agent with its own engine; ``export()`` is its whole contribution."""

    def __init__(self, agent_id: str, config: SonaConfig | None = None) -> None:
        if not isinstance(agent_id, str) or not agent_id:
            raise InvalidInputError(f"agent_id={agent_id!r} is invalid; use a non-empty name")
        self.agent_id = agent_id
        cfg = copy.deepcopy(config) if config is not None else SonaConfig.for_ephemeral()
        cfg.background_interval_s = 0.0  # an agent consolidates when it exports
        self.engine = Engine(cfg)

    def record(self, embedding: Any, route: str, quality: float) -> None:
        """One finished query (a convenience over begin/end_trajectory)."""
        b = self.engine.begin_trajectory(embedding).set_route(route)
        self.engine.end_trajectory(b, quality)
        self.engine.tick()

    def warm_start(self, weights: dict[str, torch.Tensor], routes: list[str],
                   patterns: list[LearnedPattern], errors: dict[str, Any] | None = None,
                   state: dict[str, torch.Tensor] | None = None,
                   outcomes: list[tuple[Any, str, float]] | None = None) -> None:
        """Start from what the coordinator's route choice reads, not its router alone:

        * its router's ``weights``, ``routes`` and best ``patterns``;
        * how sure that router is (``Engine.route_state``: ``errors``, the measured model
          error, outcome noise and variogram, JSON; ``state``, the last layer's precision
          per route). Without them the agent treats a model known to fit as untested and
          explores every route anew, as a cold agent does;
        * the latest ``outcomes`` ``(embedding, route, quality)`` it holds under those
          patterns, the evidence its route choice weighs against the model near them
          (``Engine.take_outcomes``). Without them the agent's first queries near a pattern
          rest on the model alone, however much the federation measured there.
        """
        eng = self.engine
        checked = eng.check_outcomes(outcomes or [])  # before anything changes
        eng.load_route_state(state or {}, errors or {})
        eng.net.load_state_dict({**eng.net.state_dict(), **weights})
        for r in routes:
            eng._route_index(r)
        eng.bank.replace(patterns)
        eng.take_outcomes(checked)

    def export(self) -> bytes:
        """A bundle of everything learnt; runs a background cycle first (SONA's ephemeral
        agents exported before consolidating, so their bundles carried no patterns)."""
        eng = self.engine
        eng.force_learn()
        with eng._lock:
            trajs = list(eng._buffer)
            weights = {k: v.detach().clone() for k, v in eng.net.state_dict().items()}
            routes = list(eng.routes)
        emb = (np.stack([t.query_embedding for t in trajs]) if trajs
               else np.zeros((0, eng.config.embedding_dim), np.float32))
        with_route = [t for t in trajs if t.route is not None]
        emb = emb[[i for i, t in enumerate(trajs) if t.route is not None]] if trajs else emb
        return write_bundle(self.agent_id, eng.config, routes, eng.stats(), eng.bank.patterns,
                            emb, [t.quality for t in with_route],
                            [t.route or "" for t in with_route], weights)

    def close(self) -> None:
        self.engine.close()


class FederatedCoordinator:
    """Aggregates agents' bundles into one engine and warm-starts new agents from it."""

    def __init__(self, config: SonaConfig | None = None, quality_threshold: float = 0.4,
                 consolidate_every: int = 50, agent_config: SonaConfig | None = None) -> None:
        check_range("FederatedCoordinator", "quality_threshold", quality_threshold, 0.0, 1.0)
        check_range("FederatedCoordinator", "consolidate_every", consolidate_every, 1)
        cfg = copy.deepcopy(config) if config is not None else SonaConfig.for_coordinator()
        cfg.background_interval_s = 0.0  # consolidation is driven by arriving agents
        self.config = cfg
        self.agent_config = agent_config or cfg
        self.engine = Engine(cfg)
        self.quality_threshold = quality_threshold
        self.consolidate_every = consolidate_every
        self.agents_seen = 0
        self.contributions: dict[str, dict[str, int]] = {}
        self.totals = {"sent": 0, "accepted": 0, "rejected": 0, "consolidations": 0}
        self._shapes = {k: tuple(v.shape) for k, v in self.engine.net.state_dict().items()}

    def aggregate(self, data: bytes) -> dict[str, Any]:
        """Validate and take in one bundle; returns what was accepted and rejected."""
        bundle = read_bundle(data, self.config)
        for name, t in bundle.weights.items():
            if self._shapes.get(name) != tuple(t.shape):
                raise InvalidInputError(
                    f"bundle weight {name!r} has shape {tuple(t.shape)} but this "
                    f"coordinator's router has {self._shapes.get(name)}; agents must use the "
                    "coordinator's embedding_dim, hidden_dim, max_routes and LoRA ranks")
        eng = self.engine
        keep = [i for i, q in enumerate(bundle.qualities) if q >= self.quality_threshold]
        for i in keep:
            b = eng.begin_trajectory(bundle.embeddings[i]).set_route(bundle.trajectory_routes[i])
            eng.end_trajectory(b, bundle.qualities[i])
        eng.bank.absorb(bundle.patterns)
        sent = len(bundle.qualities)
        report = {"agent_id": bundle.agent_id, "sent": sent, "accepted": len(keep),
                  "rejected": sent - len(keep), "patterns": len(bundle.patterns)}
        mine = self.contributions.setdefault(bundle.agent_id, {"bundles": 0, "accepted": 0,
                                                               "rejected": 0})
        mine["bundles"] += 1
        mine["accepted"] += report["accepted"]
        mine["rejected"] += report["rejected"]
        for key in ("sent", "accepted", "rejected"):
            self.totals[key] += report[key]
        self.agents_seen += 1
        if self.agents_seen % self.consolidate_every == 0:
            self.consolidate()
        return report

    def consolidate(self) -> bool:
        ran = self.engine.force_learn()
        self.totals["consolidations"] += ran
        return ran

    def get_all_patterns(self) -> list[LearnedPattern]:
        return self.engine.bank.patterns

    def get_initial_patterns(self, k: int = 20) -> list[LearnedPattern]:
        """The ``k`` patterns with the most quality-weighted evidence."""
        ranked = sorted(self.get_all_patterns(),
                        key=lambda p: p.total_weight * p.avg_quality, reverse=True)
        return ranked[:k]

    def new_agent(self, agent_id: str, k: int = 100) -> EphemeralAgent:
        """An agent warm-started from this coordinator's router and best patterns."""
        agent = EphemeralAgent(agent_id, self.agent_config)
        agent.warm_start(*self.starting_point(k))
        return agent

    def starting_point(self, k: int = 100) -> tuple[
            dict[str, torch.Tensor], list[str], list[LearnedPattern], dict[str, Any],
            dict[str, torch.Tensor], list[tuple[np.ndarray, str, float]]]:
        """What a new agent starts from, as :meth:`EphemeralAgent.warm_start` takes it: the
        router's weights, the routes, the best ``k`` patterns, the route state, and the
        latest outcomes held under those patterns."""
        eng = self.engine
        with eng._lock:
            weights = {n: v.detach().clone() for n, v in eng.net.state_dict().items()}
            routes = list(eng.routes)
        state, errors = eng.route_state()
        patterns = self.get_initial_patterns(k)
        outcomes = [(t.query_embedding, t.route or "", t.quality)
                    for t in eng.latest_outcomes({p.id for p in patterns})]
        return weights, routes, patterns, errors, state, outcomes

    def export(self, coordinator_id: str) -> bytes:
        """This coordinator's state as a bundle, for a global coordinator (hierarchical)."""
        agent = EphemeralAgent.__new__(EphemeralAgent)
        agent.agent_id, agent.engine = coordinator_id, self.engine
        return agent.export()

    def stats(self) -> dict[str, Any]:
        return {**self.totals, "agents_seen": self.agents_seen,
                "patterns": len(self.engine.bank), "agents": len(self.contributions)}
