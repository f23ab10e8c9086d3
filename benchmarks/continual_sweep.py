"""The sweep that chose the continual benchmark's online settings (``OnlineSettings``).

Principle: settings are chosen on *development* seeds (2 and 3) of the Permuted- and
Split-Digits streams only, by mean ACC over both seeds; then they are left alone and
reported on seeds 0-1 and on the held-out Rotated-Digits stream by ``neuroplast bench
continual``. Each stage varies one group of knobs around the current defaults:

- ``ewc``: EWC's λ and decay γ;
- ``ewcpp``: EWC++'s λ (its ring sums the tasks' Fishers with no decay);
- ``ratio``: the replay ratio (old examples per step of 10 new) for replay, EWC+replay and
  DER++;
- ``ewc_replay``: EWC+replay's λ, and ``derpp``: DER++'s α and β, at the chosen ratio
  (``--base '{"replay_batch": N}'``);
- ``avalanche``: Avalanche's counterparts at the candidate settings, on the same seeds.

Every run is one JSON line (stage, stream, method, impl, seed, settings, ACC, seconds),
appended as it finishes; runs already in the file are skipped, so a stopped sweep resumes.

    nice -n 15 python benchmarks/continual_sweep.py --stage ewc [--seeds 2,3] [--workers 1]
"""

from __future__ import annotations

import itertools
import json
import subprocess
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import typer

from neuroplast.store import atomic_write_text

DEV_STREAMS = ("permuted", "split")
OUT = Path("benchmarks/results/continual_sweep.jsonl")


def _grid(**axes: list[Any]) -> list[dict[str, Any]]:
    keys = list(axes)
    return [dict(zip(keys, values, strict=True)) for values in itertools.product(*axes.values())]


# (method, impl, settings) per stage; settings are OnlineSettings fields.
STAGES: dict[str, list[tuple[str, str, dict[str, Any]]]] = {
    "ewc": [("ewc", "neuroplast", g) for g in _grid(ewc_lambda=[100.0, 300.0, 1000.0,
                                                                 3000.0],
                                                     ewc_gamma=[0.9, 0.99])],
    "ewcpp": [("ewcpp", "neuroplast", g) for g in _grid(ewcpp_lambda=[100.0, 300.0, 1000.0])],
    "ratio": [(m, "neuroplast", g) for m in ("replay", "ewc_replay", "derpp")
              for g in _grid(replay_batch=[32, 64, 128])],
    "ewc_replay": [("ewc_replay", "neuroplast", g) for g in _grid(ewc_replay_lambda=[100.0,
                                                                                   300.0])],
    "derpp": [("derpp", "neuroplast", g) for g in _grid(der_alpha=[0.3, 1.0],
                                                         der_beta=[0.5, 1.0])],
}


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _run(stream: str, method: str, impl: str, seed: int,
         settings: dict[str, Any], online: bool = True) -> dict[str, Any]:
    import torch

    from neuroplast_bench.avalanche_runner import run_avalanche
    from neuroplast_bench.config import ContinualConfig, OnlineSettings
    from neuroplast_bench.continual import STREAMS
    from neuroplast_bench.metrics import acc

    torch.set_num_threads(1)
    cfg = ContinualConfig(online=OnlineSettings(**settings))
    runner = run_avalanche if impl == "avalanche" else _neuroplast
    start = time.perf_counter()
    matrix = runner(STREAMS[stream](), method, cfg, seed, online)
    return {"stream": stream, "method": method, "impl": impl, "seed": seed,
            **({} if online else {"setting": "offline"}),
            "settings": settings, "acc": round(acc(matrix), 4),
            "seconds": round(time.perf_counter() - start, 1)}


def _neuroplast(*args: Any) -> list[list[float]]:
    from neuroplast_bench.neuroplast_runner import run_neuroplast

    return run_neuroplast(*args)


def _key(row: dict[str, Any]) -> str:
    return json.dumps([row["stream"], row["method"], row["impl"], row["seed"],
                       row["settings"], row.get("setting", "online")], sort_keys=True)


def sweep(stage: str = typer.Option(..., help=f"one of {sorted(STAGES)} or 'extra'"),
          seeds: str = typer.Option("2,3", help="development seeds, comma-separated"),
          streams: str = typer.Option(",".join(DEV_STREAMS)),
          extra: str = typer.Option("", help="with --stage extra: JSON list of "
                                    "[method, impl, settings] to run"),
          base: str = typer.Option("{}", help="JSON object of settings every run of the "
                                   "stage takes (what earlier stages chose)"),
          setting: str = typer.Option("online", help="online or offline"),
          workers: int = typer.Option(1, help="processes (one torch thread each)"),
          out: str = typer.Option(str(OUT))) -> None:
    """Run one stage of the online sweep; append one JSON line per run to ``out``."""
    grid = STAGES[stage] if stage != "extra" else [tuple(x) for x in json.loads(extra)]
    out_path, fixed = Path(out), json.loads(base)
    jobs = [(s, m, i, int(seed), {**fixed, **g}) for s in streams.split(",")
            for m, i, g in grid for seed in seeds.split(",")]
    done = set()
    lines: list[str] = []
    if out_path.exists():
        lines = out_path.read_text().splitlines()
        done = {_key(json.loads(line)) for line in lines if line.strip()}
    online = setting == "online"
    mark = {} if online else {"setting": "offline"}
    todo = [j for j in jobs if _key({"stream": j[0], "method": j[1], "impl": j[2],
                                     "seed": j[3], "settings": j[4], **mark}) not in done]
    commit = _commit()
    out_path.parent.mkdir(parents=True, exist_ok=True)
    print(f"{stage}: {len(todo)} runs to do of {len(jobs)}", flush=True)
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        futures = [pool.submit(_run, *job, online) for job in todo]
        for future in as_completed(futures):
            row = {"stage": stage, "commit": commit, **future.result()}
            lines.append(json.dumps(row, sort_keys=True))
            atomic_write_text(out_path, "\n".join(lines) + "\n")
            print(json.dumps(row, sort_keys=True), flush=True)


if __name__ == "__main__":
    typer.run(sweep)
