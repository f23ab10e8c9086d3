"""``neuroplast bench sona``: routing against baselines on held-out world seeds, and speed.

Prints one JSON line per figure (and appends them to ``<out>/sona.jsonl``):

* ``routing``: per router, each metric of :func:`~neuroplast_bench.sona_routing.run_router`
  as a mean over the seeds, with every seed's value beside it;
* ``speed``: see :mod:`neuroplast_bench.sona_speed`;
* ``federation`` (when asked): see :mod:`neuroplast_bench.sona_federation`.

The default seeds (100-104) were never used while the engine was developed (0-3 were),
until seeds 100 and 103 were examined to find why the router fell below 0.93 of the oracle
there (commit d0552ba); seeds 105-109 were held out from that change.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["ROUTERS", "main"]

ROUTERS = ("oracle", "best_fixed", "random", "linucb", "knn", "sona")


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, cwd=Path(__file__).parent, check=False).stdout.strip()
    except OSError:
        return ""


def _emit(line: dict[str, Any], out: Path) -> None:
    text = json.dumps(line, sort_keys=True)
    print(text, flush=True)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "sona.jsonl").open("a", encoding="utf-8") as f:
        f.write(text + "\n")


def main(out: Path, seeds: list[int], queries: int, routers: tuple[str, ...] = ROUTERS,
         speed: bool = True, routing: bool = True, federation: bool = False,
         fed_agents: int = 64, fed_per_agent: int = 200) -> None:
    import torch
    from tqdm import tqdm

    from neuroplast_bench.sona_routing import run_seed
    from neuroplast_bench.sona_world import embedded_corpus

    torch.set_num_threads(1)
    commit = _commit()
    if routing:
        vecs, labels, _ = embedded_corpus(out / "sona_embeddings.npy")
        per_seed: dict[str, list[dict[str, float]]] = {r: [] for r in routers}
        worlds = []
        with tqdm(total=len(seeds) * len(routers) * queries, desc="sona routing",
                  unit="q") as bar:
            for seed in seeds:
                res = run_seed(seed, vecs, labels, queries, list(routers), bar.update)
                worlds.append(res.pop("_world"))
                for r in routers:
                    per_seed[r].append(res[r])
        for r in routers:
            metrics = per_seed[r][0].keys()  # the engine adds its own (EWC++ boundaries)
            _emit({"bench": "sona", "figure": "routing", "router": r, "seeds": seeds,
                   "queries": queries, "commit": commit,
                   **{m: float(np.mean([s[m] for s in per_seed[r]])) for m in metrics},
                   "per_seed": {m: [round(s[m], 4) for s in per_seed[r]] for m in metrics},
                   "worlds": worlds}, out)
    if speed:
        from neuroplast_bench.sona_speed import run_speed

        for line in run_speed():
            _emit({"bench": "sona", "figure": "speed", "commit": commit, **line}, out)
    if federation:
        from neuroplast_bench.sona_federation import run_federation
        from neuroplast_bench.sona_world import embedded_corpus

        cache = out / "sona_embeddings.npy"
        embedded_corpus(cache)  # computed once here, read by every agent (and Ray worker)
        for line in run_federation(cache, seeds[0], fed_agents, fed_per_agent):
            _emit({"bench": "sona", "figure": "federation", "commit": commit, **line}, out)
