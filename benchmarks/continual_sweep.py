"""The sweep that chose the continual benchmark's online settings (``OnlineSettings``).

Principle: settings are chosen on *development* seeds (2 and 3) of the Permuted- and
Split-Digits streams only, by mean ACC over both seeds; then they are left alone and
reported on seeds 0-1 and on the held-out Rotated-Digits stream by ``neuroplast bench
continual``. Each stage varies one group of knobs around the current defaults:

- ``ewc``: EWC's λ and decay γ;
- ``ewcpp``: EWC++'s λ (its ring sums the tasks' Fishers with no decay);
- ``ewcpp_running``: EWC++ on its running Fisher (the EMA of the steps' own squared
  gradients, no second pass over the task): λ and the EMA's decay γ;
- ``ratio``: the replay ratio (old examples per step of 10 new): replay at 32 and 128, and
  EWC+replay and DER++ at 32 (their runs at the current settings);
- ``boundary``: EWC++ finding task ends itself (its detector's z threshold), on the
  running Fisher: how many of the stream's tasks it closes, and the ACC that costs;
- ``ewc_replay``: EWC+replay's λ, and ``derpp``: DER++'s α and β;
- ``anchor``: EWC++ centred on the latest weights, on each of its Fishers (the task-end
  one, the batch gradient's square, the per-example one of each step's examples);
- ``fill``: EWC+replay's λ below 30 (the old grid's lowest, where it was best), and the
  buffer taking a task's examples at its end (replay then draws past tasks only);
- ``experience``: replay and EWC+replay with an experience- and class-balanced buffer
  (``replay_policy="experience"``), drawing from all of it or from past experiences only
  (``replay_draw="past"``), the buffer still filled after every step;

``--stage choose`` reads the file and prints each method's chosen settings: the highest
mean ACC over the streams that take part, where a stream takes part in choosing a method's
settings only if its ACC differs between the settings beyond seed noise (one-way ANOVA of
ACC on the setting, p < 0.05). On Split-Digits EWC alone is near chance at every setting
and its seeds differ about as much as its settings, so a rule that averaged every stream
would pick λ by noise there. Nor does a class-incremental stream vote for a regulariser
alone (EWC, EWC++: no setting makes one work there, README "Class-incremental honesty");
this was added after Split-Digits (EWC++ 0.10-0.41 at every setting) had picked EWC++'s
batch-gradient Fisher over the per-example ones that Permuted-Digits preferred.
- ``avalanche``: Avalanche's replay and EWC+replay (λ 30 and 10) on the same seeds.

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
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from neuroplast_bench.config import ContinualConfig

DEV_STREAMS = ("permuted", "split")
OUT = Path("benchmarks/results/continual_sweep.jsonl")


# OnlineSettings' defaults (and the buffer policy) when the sweep began, commit 7ce10f7: the
# rows of that time name only what they changed, so they are read on top of these, and
# ``{}`` and ``{"replay_batch": 32}`` are the same run. Later rows carry ``resolved``.
PRE_SWEEP: dict[str, Any] = {
    "ewc_lambda": 3000.0, "ewc_gamma": 0.9, "ewcpp_lambda": 3000.0, "ewcpp_fisher": "task",
    "ewcpp_gamma": 0.99, "ewcpp_boundary_threshold": 0.0, "ewc_replay_lambda": 30.0,
    "replay_batch": 32, "der_alpha": 0.1, "der_beta": 0.5, "replay_policy": "balanced",
    # Added at the issue-19 follow-up (what every earlier row ran with):
    "ewcpp_anchor": "task", "replay_fill": "step",
    # Added with the experience-balanced buffer (every earlier row drew from all of it):
    "replay_draw": "all",
}
# ContinualConfig fields (not OnlineSettings ones) a row's ``resolved`` records.
CONFIG_FIELDS = ("replay_policy", "ewcpp_anchor", "replay_fill", "replay_draw")
# The settings each method reads, so that two runs differing elsewhere are the same run.
READS: dict[str, tuple[str, ...]] = {
    "naive": (), "ewc": ("ewc_lambda", "ewc_gamma"),
    "ewcpp": ("ewcpp_lambda", "ewcpp_fisher", "ewcpp_gamma", "ewcpp_boundary_threshold",
              "ewcpp_anchor"),
    "replay": ("replay_batch", "replay_policy", "replay_fill", "replay_draw"),
    "ewc_replay": ("ewc_replay_lambda", "ewc_gamma", "replay_batch", "replay_policy",
                   "replay_fill", "replay_draw"),
    "derpp": ("der_alpha", "der_beta", "replay_batch", "replay_policy", "replay_fill",
              "replay_draw"),
}
# Methods that are a regulariser alone: no setting makes them work on a class-incremental
# stream (README, "Class-incremental honesty"), so such a stream never votes for theirs.
REGULARISERS = ("ewc", "ewcpp")
CLASS_INCREMENTAL = ("split",)


def resolved(row: dict[str, Any]) -> dict[str, Any]:
    """The settings ``row``'s method actually ran with."""
    full = {**PRE_SWEEP, **row.get("resolved", {}), **row["settings"]}
    return {k: full[k] for k in READS[row["method"]]}


def _grid(**axes: list[Any]) -> list[dict[str, Any]]:
    keys = list(axes)
    return [dict(zip(keys, values, strict=True)) for values in itertools.product(*axes.values())]


# (method, impl, settings) per stage; settings are OnlineSettings fields (or, like
# replay_policy, ContinualConfig ones).
STAGES: dict[str, list[tuple[str, str, dict[str, Any]]]] = {
    "ewc": [("ewc", "neuroplast", g) for g in _grid(ewc_lambda=[100.0, 300.0, 1000.0,
                                                                 3000.0],
                                                     ewc_gamma=[0.9, 0.99])],
    "ewcpp": [("ewcpp", "neuroplast", g) for g in _grid(ewcpp_lambda=[100.0, 300.0, 1000.0])],
    "ewcpp_running": [("ewcpp", "neuroplast", {"ewcpp_fisher": "running", **g})
                      for g in _grid(ewcpp_lambda=[3000.0, 10000.0], ewcpp_gamma=[0.99, 0.999])],
    "ratio": ([("replay", "neuroplast", g) for g in _grid(replay_batch=[32, 128])]
              + [(m, "neuroplast", {"replay_batch": 32}) for m in ("ewc_replay", "derpp")]),
    "boundary": [("ewcpp", "neuroplast", {"ewcpp_fisher": "running", "ewcpp_gamma": 0.99,
                                          "ewcpp_lambda": 10000.0,
                                          "ewcpp_boundary_threshold": t}) for t in (2.0, 3.0)],
    "ewc_replay": [("ewc_replay", "neuroplast", {"replay_batch": 32, **g})
                   for g in _grid(ewc_replay_lambda=[30.0, 100.0, 300.0])],
    "derpp": [("derpp", "neuroplast", {"replay_batch": 32, **g})
              for g in _grid(der_alpha=[0.3, 1.0], der_beta=[0.5, 1.0])],
    # Issue 19's follow-up: EWC++ centred on the latest weights, on each of its Fishers
    # (the per-example running one, "examples", at EWC's λ and around it) ...
    "anchor": [("ewcpp", "neuroplast", {"ewcpp_anchor": "latest", **g}) for g in [
        {"ewcpp_fisher": "running", "ewcpp_lambda": 10000.0},
        {"ewcpp_fisher": "task", "ewcpp_lambda": 300.0},
        {"ewcpp_fisher": "task", "ewcpp_lambda": 1000.0},
        {"ewcpp_fisher": "examples", "ewcpp_lambda": 300.0},
        {"ewcpp_fisher": "examples", "ewcpp_lambda": 1000.0},
        {"ewcpp_fisher": "examples", "ewcpp_lambda": 3000.0}]],
    # ... EWC+replay's λ below the old grid's lowest (30, where it was best), and the
    # buffer taking a task's examples at its end (replay then draws past tasks only) ...
    "fill": ([("ewc_replay", "neuroplast", {"ewc_replay_lambda": lam, **f})
              for lam in (3.0, 10.0) for f in ({}, {"replay_fill": "task"})]
             + [("replay", "neuroplast", {"replay_fill": "task"}),
                ("ewc_replay", "neuroplast", {"ewc_replay_lambda": 30.0, "replay_fill": "task"})]),
    # ... the buffer keeping equal shares per experience (filled as examples arrive, each
    # task's end marked as a boundary), replay drawing from all of it or from past
    # experiences only, at the chosen λ (a prototype grouping by experience alone, and
    # draws giving each experience an equal share of a step, "even": rows in
    # benchmarks/results/continual_experience_only.jsonl) ...
    "experience": [(m, "neuroplast", g) for m in ("replay", "ewc_replay") for g in (
        {"replay_policy": "experience", "replay_draw": "past"},
        {"replay_policy": "experience"})],
    # ... and Avalanche's counterparts on the development seeds, at both λ.
    "avalanche": [(m, "avalanche", g) for m, g in (
        ("replay", {}), ("ewc_replay", {"ewc_replay_lambda": 30.0}),
        ("ewc_replay", {"ewc_replay_lambda": 10.0}))],
}


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def run_config(settings: dict[str, Any], online: bool) -> ContinualConfig:
    """The benchmark config a run of ``settings`` trains with. Most online settings have an
    offline field of the same name: an offline run sets the offline one (ContinualConfig's),
    an online run the online one (OnlineSettings').

    >>> run_config({"ewc_replay_lambda": 7.0}, online=False).ewc_replay_lambda
    7.0
    >>> run_config({"ewc_replay_lambda": 7.0}, online=True).online.ewc_replay_lambda
    7.0
    """
    from neuroplast_bench.config import ContinualConfig, OnlineSettings

    online_fields = set(OnlineSettings.__dataclass_fields__) if online else set()
    return ContinualConfig(online=OnlineSettings(**{k: v for k, v in settings.items()
                                                    if k in online_fields}),
                           **{k: v for k, v in settings.items() if k not in online_fields})


def _run(stream: str, method: str, impl: str, seed: int,
         settings: dict[str, Any], online: bool = True) -> dict[str, Any]:
    import torch

    from neuroplast_bench.avalanche_runner import run_avalanche
    from neuroplast_bench.continual import STREAMS
    from neuroplast_bench.metrics import acc
    from neuroplast_bench.neuroplast_runner import run_neuroplast

    torch.set_num_threads(1)
    cfg = run_config(settings, online)
    info: dict[str, Any] = {}
    start, cpu = time.perf_counter(), time.process_time()
    if impl == "avalanche":
        matrix = run_avalanche(STREAMS[stream](), method, cfg, seed, online)
    else:
        matrix = run_neuroplast(STREAMS[stream](), method, cfg, seed, online, info)
    return {"stream": stream, "method": method, "impl": impl, "seed": seed, **info,
            "resolved": {**cfg.online.to_dict(),
                         **{k: getattr(cfg.for_setting(online), k) for k in CONFIG_FIELDS}},
            **({} if online else {"setting": "offline"}),
            "settings": settings, "acc": round(acc(matrix), 4),
            "seconds": round(time.perf_counter() - start, 1),
            "cpu_seconds": round(time.process_time() - cpu, 1)}


def _key(row: dict[str, Any]) -> str:
    return json.dumps([row["stream"], row["method"], row["impl"], row["seed"],
                       row["settings"], row.get("setting", "online")], sort_keys=True)


def choose(rows: list[dict[str, Any]], seeds: set[int]) -> dict[str, dict[str, Any]]:
    """Each method's chosen settings (see the module docstring) with their evidence."""
    from scipy.stats import f_oneway

    chosen: dict[str, dict[str, Any]] = {}
    online = [r for r in rows if r.get("setting", "online") == "online" and
              r["impl"] == "neuroplast" and r["seed"] in seeds and r["stream"] in DEV_STREAMS]
    for method in sorted({r["method"] for r in online}):
        by: dict[str, dict[str, list[float]]] = {}
        for r in online:
            if r["method"] == method:
                key = json.dumps(resolved(r), sort_keys=True)
                by.setdefault(r["stream"], {}).setdefault(key, []).append(r["acc"])
        eligible = [s for s in by if not (method in REGULARISERS and s in CLASS_INCREMENTAL)]
        common = set.intersection(*(set(by[s]) for s in eligible))
        voting = {}
        for stream, groups in by.items():
            full = [v for k, v in groups.items() if k in common and len(v) == len(seeds)]
            p = float(f_oneway(*full).pvalue) if len(full) > 1 else 1.0
            voting[stream] = round(p, 4)
        streams = [s for s in eligible if voting[s] < 0.05] or eligible
        score = {k: sum(sum(by[s][k]) / len(by[s][k]) for s in streams) / len(streams)
                 for k in common}
        # Ties (settings that train identically on the voting streams) go to the best mean
        # over every eligible stream.
        overall = {k: sum(sum(by[s][k]) / len(by[s][k]) for s in eligible) for k in common}
        best = max(score, key=lambda k: (round(score[k], 6), overall[k]))
        chosen[method] = {"settings": json.loads(best), "score": round(score[best], 4),
                          "anova_p": voting, "voting": sorted(streams),
                          "means": {s: {k: round(sum(v) / len(v), 4) for k, v in g.items()}
                                    for s, g in by.items()}}
    return chosen


def sweep(stage: str = typer.Option(..., help=f"one of {sorted(STAGES)}, 'extra' or 'choose'"),
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
    out_path, fixed = Path(out), json.loads(base)
    if stage == "choose":
        rows = [json.loads(line) for line in out_path.read_text().splitlines() if line.strip()]
        for method, c in choose(rows, {int(x) for x in seeds.split(",")}).items():
            print(method, json.dumps(c, sort_keys=True))
        return
    grid = STAGES[stage] if stage != "extra" else [tuple(x) for x in json.loads(extra)]
    jobs = [(s, m, i, int(seed), {**fixed, **g}) for s in streams.split(",")
            for m, i, g in grid for seed in seeds.split(",")]
    done = set()
    if out_path.exists():
        done = {_key(json.loads(line)) for line in out_path.read_text().splitlines()
                if line.strip()}
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
            line = json.dumps({"stage": stage, "commit": commit, **future.result()},
                              sort_keys=True)
            # One write of one line in append mode: sweeps of other stages running at the
            # same time append to the same file without overwriting each other's lines.
            with out_path.open("a") as f:
                f.write(line + "\n")
            print(line, flush=True)


if __name__ == "__main__":
    typer.run(sweep)
