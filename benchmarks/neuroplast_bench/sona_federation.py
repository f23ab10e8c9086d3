"""The SONA federation benchmark: many short-lived agents on one routing world, local and Ray.

Each agent serves ``per_agent`` queries of the world's stream (before its drift): it picks
a route with ``suggest_route``, earns that route's noisy quality, records the trajectory,
then exports its bundle to the coordinator. Figures, per backend: trajectories per second
(agents, export, aggregation and consolidation included; Ray's cluster start included),
sent = accepted + rejected, patterns at the coordinator. Then a fresh agent warm-started
from the coordinator and a cold one serve the same next ``first`` queries: mean quality of
their picks as a fraction of the oracle's.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["WorldWork", "run_federation"]


class WorldWork:
    """Agent ``i`` serves queries ``[offset + i·n, offset + (i+1)·n)`` of a world's stream.

    Importable (a class of the installed harness), so Ray's workers can run it."""

    def __init__(self, seed: int, per_agent: int, cache: str, length: int) -> None:
        self.seed, self.per_agent, self.cache, self.length = seed, per_agent, cache, length
        self._loaded: Any = None

    def _world(self) -> Any:
        if self._loaded is None:
            from neuroplast_bench.sona_routing import make_stream
            from neuroplast_bench.sona_world import embedded_corpus, make_world

            vecs, labels, _ = embedded_corpus(Path(self.cache))
            world = make_world(self.seed)
            # twice what is served: every query before the drift (the routing benchmark's)
            stream = make_stream(world, labels, 2 * self.length)
            self._loaded = (vecs, world, stream)
        return self._loaded

    def serve(self, engine: Any, rows: range) -> float:
        """Route ``rows`` of the stream with ``engine``; mean quality vs the oracle's."""
        vecs, world, stream = self._world()
        got, best = [], []
        for t in rows:
            x = vecs[stream.row[t]]
            s = engine.suggest_route(x, world.routes)
            r = world.routes.index(s.route)
            engine.end_trajectory(engine.begin_trajectory(x).set_route(s.route),
                                  float(stream.quality[t, r]))
            engine.tick()
            got.append(stream.mean[t, r])
            best.append(stream.mean[t].max())
        return float(np.mean(got) / np.mean(best))

    def __call__(self, agent: Any, index: int) -> None:
        start = index * self.per_agent
        self.serve(agent.engine, range(start, start + self.per_agent))


def run_federation(cache: Path, seed: int = 100, agents: int = 64, per_agent: int = 200,
                   first: int = 200, backends: tuple[str, ...] = ("local", "ray"),
                   num_cpus: int = 2) -> list[dict[str, Any]]:
    import torch

    from neuroplast.sona import EphemeralAgent, SonaConfig
    from neuroplast.sona.bundle import read_bundle
    from neuroplast.sona.distributed import CoordinatorService, federate, run_agent

    torch.set_num_threads(1)
    cfg = SonaConfig.for_ephemeral()
    lines = []
    work = WorldWork(seed, per_agent, str(cache), agents * per_agent + first)
    for backend in backends:
        if backend == "local":  # the same path federate takes, kept to warm-start from
            t = time.perf_counter()
            coord = CoordinatorService(cfg.to_json())
            warm0 = coord.warm_start()
            for i in range(agents):
                coord.aggregate(run_agent(f"agent-{i}", cfg.to_json(), warm0, work, i))
            out = {**coord.finish(), "seconds": time.perf_counter() - t}
            out["trajectories_per_s"] = out["sent"] / out["seconds"]
            # a new agent warm-started from the coordinator vs a cold one, same queries
            fresh = range(agents * per_agent, agents * per_agent + first)
            warm_agent = EphemeralAgent("warm", cfg)
            start = read_bundle(coord.warm_start(), cfg)
            warm_agent.warm_start(start.weights, start.routes, start.patterns, start.stats,
                                  start.state, start.outcomes())
            cold_agent = EphemeralAgent("cold", cfg)
            out["warm_first_vs_oracle"] = work.serve(warm_agent.engine, fresh)
            out["cold_first_vs_oracle"] = work.serve(cold_agent.engine, fresh)
            out["first"] = first
            warm_agent.close()
            cold_agent.close()
        else:
            out = federate(agents, work, cfg, backend="ray", num_cpus=num_cpus)
        lines.append({"backend": backend, "seed": seed, "agents": agents,
                      "per_agent": per_agent, "sent_equals_accepted_plus_rejected":
                      out["sent"] == out["accepted"] + out["rejected"],
                      **{k: v for k, v in out.items() if k != "backend"}})
    return lines
