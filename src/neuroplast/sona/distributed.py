"""Federation across processes and machines: agents as Ray tasks, the coordinator an actor.

:func:`federate` runs ``agents`` ephemeral agents, each warm-started from the coordinator,
each doing ``work(agent, index)`` (recording its trajectories), then exporting its bundle
and sending it to the coordinator, which validates and aggregates it
(:class:`~neuroplast.sona.federated.FederatedCoordinator`). Two backends, same code path:

* ``"local"``: agents one after another in this process;
* ``"ray"``: each agent a Ray task, the coordinator a Ray actor (one at a time aggregates,
  so its state needs no lock); ``address=None`` starts a local Ray cluster for the run
  and stops it after, ``address="ray://host:10001"`` or ``"auto"`` joins an existing one.

What crosses between processes is bytes in the bundle format (JSON + safetensors, digest
checked, never unpickled by us) plus the config as JSON; ``work`` must be importable by
the workers (a function or class of an installed module, e.g. :class:`Shards`), as for
any Ray task.

>>> import numpy as np
>>> from neuroplast.sona.config import SonaConfig
>>> def work(agent, index):
...     for i in range(10):
...         agent.record(np.eye(4)[i % 2], "ab"[i % 2], 0.9 if i % 2 else 0.3)
>>> cfg = SonaConfig(embedding_dim=4, hidden_dim=8, min_trajectories=50, base_steps=2,
...                  base_batch=8, background_interval_s=0, bank={"min_cluster_size": 2})
>>> out = federate(3, work, cfg, backend="local", consolidate_every=3)
>>> out["sent"], out["accepted"] + out["rejected"], out["agents_seen"]
(30, 30, 3)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from neuroplast.errors import BackendUnavailable, InvalidInputError
from neuroplast.sona.bundle import read_bundle, write_bundle
from neuroplast.sona.config import SonaConfig
from neuroplast.sona.federated import EphemeralAgent, FederatedCoordinator

__all__ = ["CoordinatorService", "Shards", "federate", "run_agent"]

Work = Callable[[EphemeralAgent, int], None]


class Shards:
    """Work that deals logged trajectories out to agents: agent ``i`` of ``n`` records
    rows ``i, i + n, i + 2n, ...`` (embeddings, routes, qualities), in order.

    >>> import numpy as np
    >>> work = Shards(np.eye(3, dtype=np.float32), ["a", "b", "a"], [0.9, 0.2, 0.8], agents=2)
    >>> [len(work.rows(i)) for i in range(2)]
    [2, 1]
    """

    def __init__(self, embeddings: Any, routes: list[str], qualities: list[float],
                 agents: int) -> None:
        import numpy as np

        self.embeddings = np.asarray(embeddings, dtype=np.float32)
        if not (len(self.embeddings) == len(routes) == len(qualities)):
            raise InvalidInputError(
                f"{len(self.embeddings)} embeddings, {len(routes)} routes and "
                f"{len(qualities)} qualities: give one of each per trajectory")
        self.routes, self.qualities, self.agents = list(routes), list(qualities), agents

    def rows(self, index: int) -> range:
        return range(index, len(self.routes), self.agents)

    def __call__(self, agent: EphemeralAgent, index: int) -> None:
        for r in self.rows(index):
            agent.record(self.embeddings[r], self.routes[r], self.qualities[r])


class CoordinatorService:
    """A coordinator behind a bytes-only interface (what the Ray actor wraps)."""

    def __init__(self, config_json: str, quality_threshold: float = 0.4,
                 consolidate_every: int = 50) -> None:
        self.coordinator = FederatedCoordinator(SonaConfig.from_json(config_json),
                                                quality_threshold, consolidate_every)

    def warm_start(self, k: int = 100) -> bytes:
        """The coordinator's starting point for a new agent (router weights, routes, best
        ``k`` patterns, route state, the latest outcomes under those patterns as the
        bundle's trajectories) as a bundle."""
        import numpy as np

        weights, routes, patterns, errors, state, outcomes = \
            self.coordinator.starting_point(k)
        cfg = self.coordinator.engine.config
        emb = (np.stack([e for e, _, _ in outcomes]) if outcomes
               else np.zeros((0, cfg.embedding_dim), np.float32))
        return write_bundle("coordinator", cfg, routes, errors, patterns, emb,
                            [q for _, _, q in outcomes], [r for _, r, _ in outcomes],
                            weights, state)

    def aggregate(self, bundle: bytes) -> dict[str, Any]:
        return self.coordinator.aggregate(bundle)

    def finish(self) -> dict[str, Any]:
        """Consolidate what arrived since the last consolidation; the totals."""
        if self.coordinator.agents_seen % self.coordinator.consolidate_every:
            self.coordinator.consolidate()
        return {**self.coordinator.stats(),
                "patterns_all": len(self.coordinator.get_all_patterns())}


def run_agent(agent_id: str, config_json: str, warm: bytes, work: Work, index: int) -> bytes:
    """One ephemeral agent: warm-started from ``warm``, ``work`` done, its bundle back."""
    cfg = SonaConfig.from_json(config_json)
    agent = EphemeralAgent(agent_id, cfg)
    try:
        start = read_bundle(warm, cfg)
        agent.warm_start(start.weights, start.routes, start.patterns, start.stats,
                         start.state, start.outcomes())
        work(agent, index)
        return agent.export()
    finally:
        agent.close()


def federate(agents: int, work: Work, config: SonaConfig | None = None, *,
             backend: str = "local", address: str | None = None, num_cpus: int | None = None,
             quality_threshold: float = 0.4, consolidate_every: int = 50,
             warm_every: int = 0) -> dict[str, Any]:
    """Run ``agents`` agents doing ``work`` into one coordinator; its totals and timing.

    ``warm_every``: agents are started in waves of this many, each wave warm-started from
    the coordinator as the previous waves left it (0: every agent from the initial state,
    all at once — the most parallel).
    """
    if isinstance(agents, bool) or not isinstance(agents, int) or agents < 1:
        raise InvalidInputError(f"agents={agents!r}; use 1 or more")
    if backend not in ("local", "ray"):
        raise InvalidInputError(f"backend={backend!r} is unknown; use 'local' or 'ray'")
    if isinstance(warm_every, bool) or not isinstance(warm_every, int) or warm_every < 0:
        raise InvalidInputError(f"warm_every={warm_every!r}; use 0 (one wave) or the agents "
                                "per wave")
    if num_cpus is not None and (isinstance(num_cpus, bool) or not isinstance(num_cpus, int)
                                 or num_cpus < 1):
        raise InvalidInputError(f"num_cpus={num_cpus!r}; use 1 or more")
    if backend == "local" and (address is not None or num_cpus is not None):
        raise InvalidInputError("address and num_cpus set up a Ray cluster: pass them with "
                                "backend='ray'")
    cfg = config or SonaConfig.for_ephemeral()
    cfg_json = cfg.to_json()
    wave = warm_every or agents
    start = time.perf_counter()
    if backend == "local":
        coord = CoordinatorService(cfg_json, quality_threshold, consolidate_every)
        for first in range(0, agents, wave):
            warm = coord.warm_start()
            for i in range(first, min(agents, first + wave)):
                coord.aggregate(run_agent(f"agent-{i}", cfg_json, warm, work, i))
        totals = coord.finish()
    else:
        totals = _federate_ray(agents, work, cfg_json, address, num_cpus, quality_threshold,
                               consolidate_every, wave)
    took = time.perf_counter() - start
    return {**totals, "backend": backend, "agents": agents, "seconds": took,
            "trajectories_per_s": totals["sent"] / took if took > 0 else 0.0}


def _federate_ray(agents: int, work: Work, cfg_json: str, address: str | None,
                  num_cpus: int | None, quality_threshold: float, consolidate_every: int,
                  wave: int) -> dict[str, Any]:
    try:
        import ray
    except ImportError as exc:
        raise BackendUnavailable(
            "backend='ray' needs Ray: pip install 'neuroplast[ray]' (or use backend='local')"
        ) from exc
    started = False
    if not ray.is_initialized():
        if address is None:
            ray.init(num_cpus=num_cpus, include_dashboard=False, log_to_driver=False)
        else:
            ray.init(address=address, log_to_driver=False)
        started = True
    try:
        # the actor takes no CPU slot: it waits on bundles, the agents do the work
        actor = ray.remote(num_cpus=0)(CoordinatorService).remote(
            cfg_json, quality_threshold, consolidate_every)
        task = ray.remote(_agent_then_send)
        for first in range(0, agents, wave):
            warm = ray.get(actor.warm_start.remote())
            ray.get([task.remote(f"agent-{i}", cfg_json, warm, work, i, actor)
                     for i in range(first, min(agents, first + wave))])
        return ray.get(actor.finish.remote())  # type: ignore[no-any-return]
    finally:
        if started:
            ray.shutdown()


def _agent_then_send(agent_id: str, cfg_json: str, warm: bytes, work: Work, index: int,
                     coordinator: Any) -> dict[str, Any]:
    """A Ray task: one agent, whose bundle goes straight to the coordinator actor."""
    import ray
    import torch

    torch.set_num_threads(1)  # one task per CPU slot: no oversubscription
    bundle = run_agent(agent_id, cfg_json, warm, work, index)
    return ray.get(coordinator.aggregate.remote(bundle))  # type: ignore[no-any-return]
