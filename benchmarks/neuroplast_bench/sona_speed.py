"""Speed of the SONA engine's verbs, one figure each, with the crate's published figure or
an in-run baseline beside it.

Each yields ``{"what", "median_us" or "seconds", ...}``. Background cycles use trajectories
of real query embeddings (the routing benchmark's corpus when it is cached, else random
unit vectors) so k-means sees realistic structure.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Iterator
from typing import Any

import numpy as np

__all__ = ["run_speed"]

CRATE_CYCLE_10K_S = 10.0  # the SONA crate's 10,000-trajectory background cycle (issue 20)


def _median_us(fn: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return float(np.median(times) * 1e6)


def _vectors(n: int, dim: int, rng: np.random.Generator) -> np.ndarray:
    centres = rng.normal(size=(40, dim))
    v = centres[rng.integers(40, size=n)] + rng.normal(0, 0.6, size=(n, dim))
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def _engine(dim: int, hidden: int, **kw: Any) -> Any:
    from neuroplast.sona import Engine, SonaConfig

    return Engine(SonaConfig(embedding_dim=dim, hidden_dim=hidden, background_interval_s=0.0,
                             **kw))


def _suggest(dim: int, rng: np.random.Generator) -> Iterator[dict[str, Any]]:
    """``suggest_route`` over 6 routes once patterns exist: the evidence of the 8 nearest
    patterns (the default) against the nearest one only, same engine state, same queries."""
    qs = _vectors(2000, dim, rng)
    routes = [f"r{i}" for i in range(6)]
    times = {}
    for k in (1, 8):
        e = _engine(dim, 128, min_trajectories=100, evidence_patterns=k, seed=1)
        for i in range(1000):
            e.end_trajectory(e.begin_trajectory(qs[i]).set_route(routes[i % 6]),
                             float(rng.uniform()))
            e.tick()
        j = iter(range(1000, 2000))
        times[k] = _median_us(lambda e=e, j=j: e.suggest_route(qs[next(j)], routes), 1000)
        patterns = e.stats()["patterns"]
        e.close()
    yield {"what": "suggest_route_6_routes_8_patterns_evidence", "median_us": times[8],
           "patterns": patterns, "baseline": "the nearest pattern's evidence only",
           "baseline_us": times[1], "ratio": times[8] / times[1]}


def run_speed(dim: int = 384) -> Iterator[dict[str, Any]]:
    from neuroplast.sona.pattern import LearnedPattern

    rng = np.random.default_rng(0)
    eng = _engine(dim, 256)
    h1, h32 = rng.normal(size=256).astype(np.float32), rng.normal(size=(32, 256)).astype(
        np.float32)
    yield {"what": "micro_lora_apply_256d_rank2_one", "median_us":
           _median_us(lambda: eng.apply_micro_lora(h1), 2000)}
    yield {"what": "micro_lora_apply_256d_rank2_batch32", "median_us":
           _median_us(lambda: eng.apply_micro_lora(h32), 2000)}
    qs = _vectors(3000, dim, rng)
    it = iter(range(3000))

    def record() -> None:
        i = next(it)
        b = eng.begin_trajectory(qs[i]).set_route(f"r{i % 4}")
        b.add_step(h1, [1.0], 0.1).add_step(h1, [1.0], 0.2)
        eng.end_trajectory(b, 0.5)
    yield {"what": "trajectory_record_begin_2steps_end_with_instant_update",
           "median_us": _median_us(record, 2000)}
    eng.close()
    yield from _suggest(dim, rng)

    for n in (1_000, 100_000):
        from neuroplast.sona.bank import ReasoningBank

        bank = ReasoningBank()
        cents = _vectors(n, dim, rng)
        t = time.perf_counter()
        bank.replace([LearnedPattern(i + 1, cents[i]) for i in range(n)])
        built = time.perf_counter() - t
        q = _vectors(200, dim, rng)
        j = iter(range(10**9))
        ours = _median_us(lambda b=bank, q=q, j=j: b.search(q[next(j) % 200], 5), 300)
        # the old path, in the same run: one product with the whole contiguous unit matrix
        # and argpartition (exact; what the bank did at every size before the index)
        matrix = np.ascontiguousarray(np.stack([p.centroid for p in bank.patterns]))

        def exact(qv: np.ndarray, m: np.ndarray = matrix) -> np.ndarray:
            sims = m @ qv
            top = np.argpartition(-sims, 4)[:5]
            return top[np.argsort(-sims[top])]
        k = iter(range(10**9))
        old = _median_us(lambda q=q, k=k: exact(q[next(k) % 200]), 100)
        ids = np.array([p.id for p in bank.patterns])
        recall = np.mean([len(set(ids[exact(v)]) & {p.id for p, _ in bank.search(v, 5)}) / 5
                          for v in q])
        line = {"what": f"pattern_search_top5_{n}", "median_us": ours, "target_us": 1000.0,
                "indexed": bank.indexed, "recall_at_5_vs_exact": float(recall),
                "bank_build_s": built, "baseline": "exact contiguous matmul + argpartition",
                "baseline_us": old, "speedup": old / ours}
        if bank.indexed:  # what a background cycle pays to keep the index in step
            from neuroplast.sona.pattern import LearnedPattern as P

            moved = [P(0, v, total_weight=1e6) for v in _vectors(50, dim, rng)]
            t = time.perf_counter()
            bank.absorb(moved)
            line["absorb_50_with_index_update_s"] = time.perf_counter() - t
        yield line

    warm = _engine(dim, 128, min_trajectories=100)  # first cycle imports sklearn's k-means
    for i in range(200):
        warm.end_trajectory(warm.begin_trajectory(qs[i]).set_route("a"), 0.5)
    warm.force_learn()
    warm.close()
    for n in (1_000, 10_000):
        e = _engine(dim, 128, min_trajectories=n, trajectory_capacity=max(n, 10_000))
        qs = _vectors(n, dim, rng)
        for i in range(n):
            e.end_trajectory(e.begin_trajectory(qs[i]).set_route(f"r{i % 4}"),
                             float(rng.uniform()))
        t = time.perf_counter()
        e.force_learn()
        took = time.perf_counter() - t
        line = {"what": f"background_cycle_{n}", "seconds": took,
                "patterns": e.stats()["patterns"], "base_steps": e.stats()["base_steps"]}
        if n == 10_000:
            line.update({"target_s": 1.0, "crate_s": CRATE_CYCLE_10K_S,
                         "speedup_vs_crate": CRATE_CYCLE_10K_S / took})
        yield line
        e.close()

    tracemalloc.start()
    e = _engine(dim, 128, min_trajectories=1000)
    qs = _vectors(1000, dim, rng)
    before = tracemalloc.get_traced_memory()[0]
    for i in range(1000):
        e.end_trajectory(e.begin_trajectory(qs[i]).set_route("a").add_step(qs[i], [], 0.1),
                         0.5)
    used = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    yield {"what": "memory_per_trajectory_384d_one_step", "bytes": used / 1000}
    e.close()
