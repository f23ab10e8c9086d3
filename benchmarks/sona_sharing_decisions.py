"""Where a shared SONA router's knowledge goes: on each user's first queries about the
other user's own topics, does the peer's router know the best route, does the blend carry
it into this router's estimate, and does it change the route the engine picks?

Usage: ``python benchmarks/sona_sharing_decisions.py [--queries 1000] [--seeds 0,1,2]
[--cache results/sona_embeddings.npy]``

The world, the two users' streams and the exchange (every 50 queries, each router takes
the other's weights as a peer at weight 0.5) are ``benchmarks/sona_sharing.py``'s shared
run. At each of a user's first 200 second-half queries on the other's own topics (before
the engine picks, without touching its state or its random stream), it records whether
the route with the highest estimate is the oracle's best (by the world's mean quality):

- ``router_alone``: this router's own estimate, no peer;
- ``peer_router``: the peer's router alone (the blend with this router's precision ~0);
- ``router_blended``: this router's estimate blended with the peer's (what the engine
  computes before shrinkage, ``neuroplast.sona.peer_routers.blend``);
- ``final_alone`` / ``final_shared``: the engine's final mean (the router's estimate shrunk
  towards the latest outcomes of the nearest patterns, ``neuroplast.sona.shrinkage``)
  without and with the peer;

and ``changed``: the share of those queries where the peer changes the final greedy pick,
``router_shift`` / ``final_shift``: the mean largest change the peer makes to the router's
estimate and to the final mean. It mirrors ``Engine.suggest_route``'s first steps (private
attributes): a diagnosis, not an API.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).parent))
FIRST = 200  # queries on the other's topics per user: the benchmark's "first 200"


def _estimates(engine: Any, x: np.ndarray, names: list[str]) -> dict[str, np.ndarray]:
    import torch

    from neuroplast.sona.peer_routers import blend

    xt = torch.from_numpy(engine.vector(x))
    idx = [engine._route_index(n) for n in names]
    with torch.no_grad():
        q, _, h = engine.instant.predict(xt)
        var = torch.einsum("i,rij,j->r", h, engine.instant.cov, h)[idx]
        logits, h0 = engine.net.head(h)[idx], torch.tanh(engine.net.proj(xt))
        out = {"router_alone": q[idx].numpy().copy(),
               "router_blended": blend(names, logits.clone(), var, h0,
                                       engine._peer_routers).numpy(),
               "peer_router": blend(names, logits.clone(), var * 1e12, h0,
                                    engine._peer_routers).numpy()}
    state, counts = engine._rng.bit_generator.state, dict(engine._counts)
    shared = engine.suggest_route(x, names).scores
    peers, engine._peer_routers = engine._peer_routers, ()
    alone = engine.suggest_route(x, names).scores
    engine._peer_routers = peers
    engine._rng.bit_generator.state, engine._counts = state, counts  # as if never asked
    out["final_alone"] = np.array([alone[n] for n in names])
    out["final_shared"] = np.array([shared[n] for n in names])
    return out


def run(seed: int, queries: int, cache: Path) -> list[dict[str, Any]]:
    import sona_sharing
    from neuroplast.sona import Engine, SonaConfig
    from neuroplast.sona.peer_routers import PeerRouter, router_weights
    from neuroplast_bench.sona_world import embedded_corpus, make_world

    vecs, labels, _ = embedded_corpus(cache)
    world = make_world(seed)
    streams = sona_sharing._streams(world, labels, queries, seed)
    names = list(world.routes)
    config = SonaConfig(embedding_dim=vecs.shape[1], background_interval_s=0.0, seed=0)
    engines = {u: Engine(config) for u in streams}
    rows: dict[str, list[dict[str, float]]] = {u: [] for u in streams}
    for t in range(queries):
        if t and t % 50 == 0:  # sona_sharing's exchange, at its defaults
            weights = {u: router_weights(e) for u, e in engines.items()}
            for me, other in (("a", "b"), ("b", "a")):
                engines[me].set_peer_routers([PeerRouter.from_weights(
                    other, 0.5, *weights[other], engines[me])])
        for user, engine in engines.items():
            s = streams[user]
            x = vecs[s["row"][t]]
            if t >= queries // 2 and s["part"][t] == "other" and len(rows[user]) < FIRST:
                best = int(np.argmax(s["mean"][t]))
                est = _estimates(engine, x, names)
                row = {k: float(int(np.argmax(v)) == best) for k, v in est.items()}
                row["changed"] = float(np.argmax(est["final_alone"])
                                       != np.argmax(est["final_shared"]))
                row["router_shift"] = float(np.abs(est["router_blended"]
                                                   - est["router_alone"]).max())
                row["final_shift"] = float(np.abs(est["final_shared"]
                                                  - est["final_alone"]).max())
                rows[user].append(row)
            r = names.index(engine.suggest_route(x, names).route)
            engine.end_trajectory(engine.begin_trajectory(x).set_route(names[r]),
                                  float(s["quality"][t, r]))
            engine.tick()
    for engine in engines.values():
        engine.close()
    return [{"bench": "sona_sharing_decisions", "seed": seed, "user": user,
             "queries": queries, "measured": len(got),
             **{k: round(float(np.mean([r[k] for r in got])), 4) for k in got[0]}}
            for user, got in rows.items()]


def main() -> None:
    import torch

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=1000, help="per user")
    parser.add_argument("--seeds", default="0,1,2")
    parser.add_argument("--cache", type=Path, default=Path("results/sona_embeddings.npy"),
                        help="the SONA benchmark's MiniLM embeddings of the corpus")
    args = parser.parse_args()
    torch.set_num_threads(1)
    for seed in (int(s) for s in args.seeds.split(",")):
        for line in run(seed, args.queries, args.cache):
            print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
