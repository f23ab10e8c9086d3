"""The SONA routing benchmark: one stream per world seed, every router on the same stream.

The stream: ``n`` queries drawn from the world's topics (the quiet topic absent in the
middle third), the quality each route *would* earn on each query drawn in advance, so the
engine and every baseline face identical queries and identical noise. Figures per router:
mean expected quality of its picks over the last 1,000 queries as a fraction of the
oracle's, overall regret, how often it picked the best route, quality on the drifted
(topic, route) pairs in the 1,000 queries after the drift, and on the quiet topic's
queries once it returns, against the same topic's queries before it went quiet.

The engine's EWC++ task boundaries are counted on the stream (before the drift: false
alarms; after it: detections, and how many queries after the drift the first came) and on
the same stream in the same world without its drift (every boundary there is false).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from neuroplast_bench.sona_baselines import KNNRouter, LinUCB, RandomRouter
from neuroplast_bench.sona_world import World, make_world

__all__ = ["SonaRouter", "Stream", "make_stream", "run_router", "run_seed"]


@dataclass
class Stream:
    topic: np.ndarray       # (n,) hidden topic of each query
    row: np.ndarray         # (n,) row of the corpus
    mean: np.ndarray        # (n, routes) the table's quality of each route at that time
    quality: np.ndarray     # (n, routes) the noisy quality each route would earn


def make_stream(world: World, labels: np.ndarray, n: int) -> Stream:
    rng = np.random.default_rng(20_000 + world.seed)
    pools = {t: np.flatnonzero(labels == t) for t in world.topics}
    quiet = (n // 3, 2 * n // 3)
    topics, rows = np.zeros(n, np.int64), np.zeros(n, np.int64)
    for t in range(n):
        active = [k for k in world.topics
                  if not (k == world.quiet_topic and quiet[0] <= t < quiet[1])]
        topics[t] = rng.choice(active)
        rows[t] = rng.choice(pools[int(topics[t])])
    mean = np.stack([world.table(t, n)[topics[t]] for t in range(n)])
    noisy = np.clip(mean + rng.normal(0.0, world.noise, size=mean.shape), 0.0, 1.0)
    return Stream(topics, rows, mean, noisy)


def run_router(router: Any, stream: Stream, vecs: np.ndarray, world: World,
               progress: Callable[[int], None] | None = None) -> dict[str, float]:
    """Drive ``router`` through ``stream``; the figures of the module doc."""
    n = len(stream.topic)
    picks = np.zeros(n, np.int64)
    start = time.perf_counter()
    for t in range(n):
        x = vecs[stream.row[t]]
        r = router.choose(x)
        picks[t] = r
        router.learn(x, r, float(stream.quality[t, r]))
        if progress is not None and t % 500 == 499:
            progress(500)
    elapsed = time.perf_counter() - start
    extra = router.extra(n) if hasattr(router, "extra") else {}
    got = stream.mean[np.arange(n), picks]
    best = stream.mean.max(1)
    last = slice(n - 1000, n)
    half = n // 2
    drift_rows = np.array([any(stream.topic[t] == d for d, _ in world.drifted)
                           for t in range(n)])
    after = np.zeros(n, bool)
    after[half:half + 1000] = True
    quiet = stream.topic == world.quiet_topic
    before_q = quiet & (np.arange(n) < n // 3)
    back_q = quiet & (np.arange(n) >= 2 * n // 3)
    return {
        "final1000_vs_oracle": float(got[last].mean() / best[last].mean()),
        "regret": float((best - got).sum()),
        "best_route_rate": float((got == best).mean()),
        "drift_recovery_vs_oracle": float(got[drift_rows & after].mean()
                                          / best[drift_rows & after].mean()),
        "quiet_before_vs_oracle": float(got[before_q].mean() / best[before_q].mean()),
        "quiet_back_vs_oracle": float(got[back_q][:200].mean() / best[back_q][:200].mean()),
        "ms_per_query": 1000.0 * elapsed / n,
        **extra,
    }


class _Oracle:
    def __init__(self, stream: Stream) -> None:
        self.stream, self.t = stream, 0

    def choose(self, x: np.ndarray) -> int:
        r = int(np.argmax(self.stream.mean[self.t]))
        self.t += 1
        return r

    def learn(self, x: np.ndarray, route: int, quality: float) -> None:
        pass


class _Fixed:
    def __init__(self, route: int) -> None:
        self.route = route

    def choose(self, x: np.ndarray) -> int:
        return self.route

    def learn(self, x: np.ndarray, route: int, quality: float) -> None:
        pass


class SonaRouter:
    """The engine behind the harness's two verbs; background cycles ticked in line."""

    def __init__(self, world: World, dim: int, **overrides: Any) -> None:
        from neuroplast.sona import Engine, SonaConfig

        self.names = list(world.routes)
        cfg = SonaConfig(embedding_dim=dim, background_interval_s=0.0, seed=world.seed,
                         **overrides)
        self.engine = Engine(cfg)
        self.builder: Any = None
        self.t = 0
        self.boundaries: list[int] = []  # the query at which each EWC++ boundary fired

    def choose(self, x: np.ndarray) -> int:
        s = self.engine.suggest_route(x, self.names)
        return self.names.index(s.route)

    def learn(self, x: np.ndarray, route: int, quality: float) -> None:
        b = self.engine.begin_trajectory(x).set_route(self.names[route])
        self.engine.end_trajectory(b, quality)
        before = self.engine.base.boundaries
        self.engine.tick()
        self.boundaries += [self.t] * (self.engine.base.boundaries - before)
        self.t += 1

    def extra(self, n: int) -> dict[str, float]:
        """When EWC++'s boundary detector fired: before the drift (at n/2, false alarms on
        a stationary world) and after it, and how many queries after the drift the first
        one came (-1: none)."""
        after = [t - n // 2 for t in self.boundaries if t >= n // 2]
        return {"ewc_boundaries_before_drift": float(len(self.boundaries) - len(after)),
                "ewc_boundaries_after_drift": float(len(after)),
                "ewc_first_boundary_queries_after_drift": float(after[0] if after else -1)}


def stationary_boundaries(world: World, labels: np.ndarray, vecs: np.ndarray, n: int,
                          sona_overrides: dict[str, Any] | None = None) -> int:
    """EWC++ boundaries the engine finds on ``world``'s stream with the drift taken out
    (the same queries and noise draws, the first half's table throughout)."""
    still = dataclasses.replace(world, after=world.before.copy(), drifted=[])
    stream = make_stream(still, labels, n)
    router = SonaRouter(still, vecs.shape[1], **(sona_overrides or {}))
    for t in range(n):
        x = vecs[stream.row[t]]
        r = router.choose(x)
        router.learn(x, r, float(stream.quality[t, r]))
    return len(router.boundaries)


def run_seed(seed: int, vecs: np.ndarray, labels: np.ndarray, n: int,
             routers: list[str], progress: Callable[[int], None] | None = None,
             sona_overrides: dict[str, Any] | None = None) -> dict[str, dict[str, float]]:
    """Every router in ``routers`` on seed ``seed``'s world and stream."""
    world = make_world(seed)
    stream = make_stream(world, labels, n)
    dim, k = vecs.shape[1], len(world.routes)
    fixed = int(np.argmax(stream.mean.mean(0)))  # best single route in hindsight
    makers: dict[str, Callable[[], Any]] = {
        "oracle": lambda: _Oracle(stream),
        "best_fixed": lambda: _Fixed(fixed),
        "random": lambda: RandomRouter(k, seed),
        "linucb": lambda: LinUCB(k, dim, alpha=0.5),
        "knn": lambda: KNNRouter(k, dim, k=10, seed=seed),
        "sona": lambda: SonaRouter(world, dim, **(sona_overrides or {})),
    }
    out = {}
    for name in routers:
        out[name] = run_router(makers[name](), stream, vecs, world, progress)
    if "sona" in routers:
        out["sona"]["ewc_boundaries_without_drift"] = float(
            stationary_boundaries(world, labels, vecs, n, sona_overrides))
    out["_world"] = {"routes": float(k), "topics": float(len(world.topics)),
                     "noise": world.noise}
    return out
