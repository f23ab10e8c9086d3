"""Two users whose SONA routers share their weights as peers, against each alone.

Usage: ``python benchmarks/sona_sharing.py [--queries 2000] [--every 50] [--weight 0.5]
[--seeds 0,1,2] [--blends precision,average] [--cache results/sona_embeddings.npy]``

The world is the SONA routing benchmark's (``neuroplast_bench.sona_world``: tldr queries
embedded by MiniLM, a hidden topic per query, a hidden table of each route's quality per
topic, noise), held still (the table before its drift) so that what changes is only who
knows what. Its topics are dealt into three parts: A's own, B's own, and shared. For the
first half of the stream each user asks only about their own and the shared topics; in
the second half each also asks about the other's own topics (a user taking up work the
other has done). Both users face the same queries with and without sharing (drawn in
advance, noise included). With sharing, every ``--every`` queries each router takes the
other's weights as a peer router (``neuroplast.sona.peer_routers``: exactly what travels
between services trusted with weights, minus the HTTP, which tests/server/ covers),
counted at ``--weight`` of its own evidence. ``--blends`` names how a peer's router is
weighed: ``precision`` (the engine's: by each router's evidence near the query) and, as an
ablation, ``average`` (a plain weighted mean of the logits, ``(own + w·peer) / (1 + w)``,
whatever either has seen).

Printed: one JSON line per seed, user and condition (quality of the routes picked as a
fraction of the oracle's: overall, in the second half on the other's topics, new to this
user, on its first 200 such queries, and on its own topics in the second half, where it
has its own evidence), then one line per seed and user of sharing against alone.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path
from typing import Any

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def _streams(world: Any, labels: np.ndarray, n: int, seed: int) -> dict[str, dict[str, Any]]:
    """Each user's queries: topic, corpus row, the mean and noisy quality of each route,
    and which part of the world the topic is in (own / shared / other's)."""
    rng = np.random.default_rng(30_000 + seed)
    topics = list(rng.permutation(world.topics))
    third = len(topics) // 3
    parts = {"a": topics[:third], "b": topics[third:2 * third], "shared": topics[2 * third:]}
    pools = {t: np.flatnonzero(labels == t) for t in world.topics}
    out = {}
    for me, other in (("a", "b"), ("b", "a")):
        early = parts[me] + parts["shared"]
        late = early + parts[other]
        picked = [int(rng.choice(early if t < n // 2 else late)) for t in range(n)]
        rows = np.array([rng.choice(pools[t]) for t in picked])
        mean = np.stack([world.before[t] for t in picked])
        noisy = np.clip(mean + rng.normal(0.0, world.noise, size=mean.shape), 0.0, 1.0)
        part = np.array(["own" if t in parts[me] else "shared" if t in parts["shared"]
                         else "other" for t in picked])
        out[me] = {"topic": np.array(picked), "row": rows, "mean": mean, "quality": noisy,
                   "part": part}
    return out


def _average(names: Any, own: Any, own_var: Any, h0: Any, peers: Any) -> Any:
    """The ablation's blend: a weighted mean of the logits, blind to evidence (the
    signature of ``neuroplast.sona.peer_routers.blend``)."""
    import torch

    total, weight = own.clone(), torch.ones_like(own)
    for peer in peers:
        theirs = peer.read(h0)
        for i, name in enumerate(names):
            if name in theirs:
                total[i] += peer.weight * theirs[name][0]
                weight[i] += peer.weight
    return torch.sigmoid(total / weight)


def _run(world: Any, vecs: np.ndarray, streams: dict[str, dict[str, Any]], every: int,
         weight: float, share: bool, blend: str = "precision") -> dict[str, np.ndarray]:
    """Both users through their streams, in turn; the mean quality of each pick."""
    import neuroplast.sona.engine as engine_module
    from neuroplast.sona.peer_routers import blend as precision

    # the ablation swaps the function the engine calls (module global), for this run only
    engine_module.blend = _average if blend == "average" else precision  # type: ignore[attr-defined]
    try:
        return _drive(world, vecs, streams, every, weight, share)
    finally:
        engine_module.blend = precision  # type: ignore[attr-defined]


def _drive(world: Any, vecs: np.ndarray, streams: dict[str, dict[str, Any]], every: int,
           weight: float, share: bool) -> dict[str, np.ndarray]:
    from neuroplast.sona import Engine, SonaConfig
    from neuroplast.sona.peer_routers import PeerRouter, router_weights

    names = list(world.routes)
    # one config on both installs: the same seed gives the same frozen projection
    config = SonaConfig(embedding_dim=vecs.shape[1], background_interval_s=0.0, seed=0)
    engines = {u: Engine(config) for u in streams}
    got = {u: np.zeros(len(streams[u]["topic"])) for u in streams}
    for t in range(len(streams["a"]["topic"])):
        if share and t and t % every == 0:
            weights = {u: router_weights(e) for u, e in engines.items()}
            for me, other in (("a", "b"), ("b", "a")):
                engines[me].set_peer_routers([PeerRouter.from_weights(
                    other, weight, *weights[other], engines[me])])
        for user, engine in engines.items():
            s = streams[user]
            x = vecs[s["row"][t]]
            r = names.index(engine.suggest_route(x, names).route)
            got[user][t] = s["mean"][t, r]
            engine.end_trajectory(engine.begin_trajectory(x).set_route(names[r]),
                                  float(s["quality"][t, r]))
            engine.tick()
    for engine in engines.values():
        engine.close()
    return got


def _figures(got: np.ndarray, s: dict[str, Any]) -> dict[str, float]:
    n = len(got)
    best = s["mean"].max(1)
    late = np.arange(n) >= n // 2
    new = np.flatnonzero(late & (s["part"] == "other"))[:200]
    own = late & (s["part"] != "other")
    return {"vs_oracle": float(got.mean() / best.mean()),
            "new_topics_first200_vs_oracle": float(got[new].mean() / best[new].mean()),
            "own_topics_late_vs_oracle": float(got[own].mean() / best[own].mean()),
            "regret": float((best - got).sum())}


def main() -> None:
    import torch

    from neuroplast_bench.sona_world import embedded_corpus, make_world

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=2000, help="per user")
    parser.add_argument("--every", type=int, default=50, help="queries between exchanges")
    parser.add_argument("--weight", type=float, default=0.5, help="PeersConfig.adapter_weight")
    parser.add_argument("--seeds", default="0,1,2")
    parser.add_argument("--blends", default="precision",
                        help="comma-separated: precision (the engine's), average (ablation)")
    parser.add_argument("--cache", type=Path, default=Path("results/sona_embeddings.npy"),
                        help="the SONA benchmark's MiniLM embeddings of the corpus")
    args = parser.parse_args()
    torch.set_num_threads(1)
    vecs, labels, _ = embedded_corpus(args.cache)
    for seed in (int(s) for s in args.seeds.split(",")):
        world = make_world(seed)
        streams = _streams(world, labels, args.queries, seed)
        figures = {}
        blends = args.blends.split(",")
        for condition in ["alone", *(f"shared_{b}" for b in blends)]:
            start = time.perf_counter()
            got = _run(world, vecs, streams, args.every, args.weight,
                       condition != "alone", condition.removeprefix("shared_"))
            for user in streams:
                figures[(user, condition)] = f = _figures(got[user], streams[user])
                print(json.dumps({"bench": "sona_sharing", "seed": seed, "user": user,
                                  "condition": condition, "queries": args.queries,
                                  "every": args.every, "weight": args.weight,
                                  "routes": len(world.routes), "topics": len(world.topics),
                                  **{k: round(v, 4) for k, v in f.items()},
                                  "seconds": round(time.perf_counter() - start, 1)}),
                      flush=True)
        for user in streams:
            alone = figures[(user, "alone")]
            for b in blends:
                shared = figures[(user, f"shared_{b}")]
                print(json.dumps({"bench": "sona_sharing_ratio", "seed": seed, "user": user,
                                  "blend": b,
                                  **{f"{k}_shared_over_alone": round(shared[k] / alone[k], 4)
                                     for k in alone}}), flush=True)


if __name__ == "__main__":
    main()
