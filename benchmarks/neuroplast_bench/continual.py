"""The continual-learning benchmark: our methods and Avalanche's on the same digits streams.

:func:`run_continual` trains every method of both implementations over each stream and
setting, for ``cfg.seeds`` seeds, on identical tensors, model initialisation and budget,
and returns one :class:`~neuroplast_bench.results.MethodResult` per method. Our methods
get ``ratio_vs_avalanche`` (ACC ours / ACC Avalanche) where a counterpart exists; if
Avalanche cannot be imported each such result carries the reason instead.

Every (stream, setting, method, implementation, seed) run is independent, so they run in
``cfg.workers`` processes (one torch thread each by default), longest first;
:func:`estimate_seconds` says up front how long that should take on this machine.

>>> cfg = ContinualConfig(quick=True, hidden=16)
>>> rs = run_continual(cfg, streams=("split",), settings=("online",),
...                    methods=("naive",), avalanche=False)
>>> [(r.stream, r.setting, r.method, r.impl) for r in rs]
[('split', 'online', 'naive', 'neuroplast')]
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from functools import cache
from multiprocessing import get_context

from neuroplast.errors import ConfigError
from neuroplast_bench.avalanche_runner import (
    AVALANCHE_METHODS,
    avalanche_unavailable,
    run_avalanche,
)
from neuroplast_bench.config import ContinualConfig
from neuroplast_bench.neuroplast_runner import NEUROPLAST_METHODS, run_neuroplast
from neuroplast_bench.results import MethodResult
from neuroplast_bench.streams import Stream, permuted_digits, rotated_digits, split_digits

__all__ = ["HELD_OUT", "SETTINGS", "STREAMS", "ContinualConfig", "Job", "default_workers",
           "estimate_seconds", "plan", "plan_size", "probe_seconds_per_row", "run_continual"]

STREAMS: dict[str, Callable[[], Stream]] = {
    "permuted": permuted_digits, "split": split_digits, "rotated": rotated_digits,
}
HELD_OUT: frozenset[str] = frozenset({"rotated"})  # no setting was chosen on these
SETTINGS: tuple[str, ...] = ("offline", "online")

Job = tuple[str, str, str, str, int]
"""``(stream, setting, method, impl, seed)``: one training run."""


def _check(names: Sequence[str], valid: Sequence[str], what: str) -> None:
    for name in names:
        if name not in valid:
            raise ConfigError(f"unknown {what} {name!r}; use one of {list(valid)}")


def plan(streams: Sequence[str], settings: Sequence[str], methods: Sequence[str],
         avalanche: bool, seeds: int) -> list[Job]:
    """Every run :func:`run_continual` makes, in report order."""
    jobs: list[Job] = []
    for stream in streams:
        for setting in settings:
            for impl in ("avalanche", "neuroplast") if avalanche else ("neuroplast",):
                for method in methods:
                    if impl == "avalanche" and method not in AVALANCHE_METHODS:
                        continue
                    jobs.extend((stream, setting, method, impl, seed) for seed in range(seeds))
    return jobs


def plan_size(streams: Sequence[str], settings: Sequence[str], methods: Sequence[str],
              avalanche: bool, seeds: int) -> int:
    """How many runs :func:`run_continual` will make — the length of its progress bar."""
    return len(plan(streams, settings, methods, avalanche, seeds))


@cache
def _stream(name: str) -> Stream:
    return STREAMS[name]()


def _cost(job: Job, cfg: ContinualConfig) -> float:
    """Relative cost of a run: rows through the model (replay and DER++ forward their
    replayed rows too), plus, fitted to the seconds of the online runs of one seed at
    a137ea3: ~20 rows of loop overhead per Avalanche step, and the importance estimate
    at each task's end, ~9 rows per example for Avalanche's batch-gradient one; ours was
    ~17 with vmap and is ~2 since the MLP's per-example Fisher is in closed form (one
    task of Permuted-Digits: 0.27 s instead of 12.6 s)."""
    stream, setting, method, impl, _ = job
    tasks = _stream(stream).tasks
    online = setting == "online"
    cfg = cfg.for_setting(online)
    batch = cfg.online_batch_size if online else cfg.batch_size
    epochs = 1 if online else cfg.epochs
    extra = {"replay": cfg.replay_batch, "ewc_replay": cfg.replay_batch,
             "derpp": 2 * cfg.replay_batch}.get(method, 0)
    rows = sum(len(t.y_train) for t in tasks)
    steps = epochs * rows / batch
    cost = steps * (batch + extra) + (steps * 20 if impl == "avalanche" else 0)
    second_pass = method in ("ewc", "ewc_replay") or (
        method == "ewcpp" and cfg.ewcpp_fisher == "task")  # else its running Fisher
    if method == "ewcpp" and cfg.ewcpp_fisher == "examples":
        cost += steps * batch  # the per-example Fisher of each step's new examples
    if second_pass:
        cost += (9 if impl == "avalanche" else 2) * rows  # importance at each task's end
    return cost * cfg.hidden**2


def estimate_seconds(jobs: Sequence[Job], cfg: ContinualConfig, workers: int,
                     seconds_per_row: float | None = None) -> float:
    """Wall time of ``jobs`` on ``workers`` processes: each run's cost (:func:`_cost`) times
    ``seconds_per_row`` (by default :func:`probe_seconds_per_row` on this machine),
    longest-first scheduling on the workers. A lower bound: the probe times the model's
    step alone, on cores assumed free (at a137ea3, on 2 cores shared with a load of ~10,
    the online runs of one seed took ~28 min against ~3-4)."""
    per_row = probe_seconds_per_row(cfg) if seconds_per_row is None else seconds_per_row
    loads = [0.0] * max(workers, 1)
    for cost in sorted((_cost(j, cfg) for j in jobs), reverse=True):
        loads[loads.index(min(loads))] += cost * per_row
    return max(loads)


def probe_seconds_per_row(cfg: ContinualConfig) -> float:
    """Seconds per row and hidden unit squared of forward/backward/step of the
    benchmark's MLP on a batch of 32, the median of 12 timed steps."""
    import torch

    from neuroplast_bench.model import make_mlp, make_optimizer

    torch.set_num_threads(cfg.threads)
    model = make_mlp(0, cfg.hidden)
    opt = make_optimizer(model, cfg.optimizer, cfg.lr, cfg.momentum)
    x, y = torch.rand(32, 64), torch.randint(0, 10, (32,))
    loss_fn = torch.nn.CrossEntropyLoss()
    times = []
    for _ in range(12):
        start = time.perf_counter()
        opt.zero_grad()
        loss_fn(model(x), y).backward()
        opt.step()
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2] / 32 / cfg.hidden**2


def _run_job(job: Job, cfg: ContinualConfig
             ) -> tuple[Job, list[list[float]], float, float]:
    import torch

    stream, setting, method, impl, seed = job
    torch.set_num_threads(cfg.threads)
    runner = run_avalanche if impl == "avalanche" else run_neuroplast
    start, cpu = time.perf_counter(), time.process_time()
    matrix = runner(_stream(stream), method, cfg, seed, setting == "online")
    return job, matrix, time.perf_counter() - start, time.process_time() - cpu


def _execute(jobs: list[Job], cfg: ContinualConfig, workers: int,
             on_run: Callable[[str], None] | None
             ) -> dict[Job, tuple[list[list[float]], float, float]]:
    order = sorted(jobs, key=lambda j: _cost(j, cfg), reverse=True)  # longest first
    done: dict[Job, tuple[list[list[float]], float, float]] = {}

    def record(job: Job, matrix: list[list[float]], seconds: float, cpu: float) -> None:
        done[job] = (matrix, seconds, cpu)
        if on_run is not None:
            stream, setting, method, impl, seed = job
            on_run(f"{stream}/{setting} {impl} {method} seed {seed}")

    if workers <= 1:
        for job in order:
            record(*_run_job(job, cfg))
        return done
    # spawn: a clean interpreter per worker (no forked torch thread pools or locks).
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        futures = [pool.submit(_run_job, job, cfg) for job in order]
        for future in as_completed(futures):
            record(*future.result())
    return done


def default_workers() -> int:
    """One process per available core."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def run_continual(
    cfg: ContinualConfig,
    streams: Sequence[str] = ("permuted", "split", "rotated"),
    settings: Sequence[str] = SETTINGS,
    methods: Sequence[str] = NEUROPLAST_METHODS,
    avalanche: bool = True,
    on_run: Callable[[str], None] | None = None,
    workers: int = 1,
) -> list[MethodResult]:
    """Run the benchmark in ``workers`` processes; ``on_run(label)`` is called as each run
    finishes (for a progress bar).

    With ``avalanche=True`` and Avalanche not importable, our results say why in ``note``.
    """
    _check(streams, list(STREAMS), "stream")
    _check(settings, SETTINGS, "setting")
    _check(methods, NEUROPLAST_METHODS, "method")
    note = avalanche_unavailable() if avalanche else None
    jobs = plan(streams, settings, methods, avalanche and note is None, cfg.seeds)
    done = _execute(jobs, cfg, workers, on_run)

    def result(stream: str, setting: str, method: str, impl: str) -> MethodResult:
        runs = [done[(stream, setting, method, impl, seed)] for seed in range(cfg.seeds)]
        r = MethodResult(stream, setting, method, impl, [m for m, _, _ in runs],
                         sum(t for _, t, _ in runs) / len(runs))
        # CPU seconds of each seed's run: what the benchmark costs on cores of its own,
        # which wall time on a shared machine does not say.
        r.extra["cpu_seconds"] = [round(c, 1) for _, _, c in runs]
        return r

    results: list[MethodResult] = []
    for stream in streams:
        for setting in settings:
            theirs = {m: result(stream, setting, m, "avalanche") for m in methods
                      if avalanche and note is None and m in AVALANCHE_METHODS}
            for r in theirs.values():
                if stream in HELD_OUT:
                    r.extra["held_out"] = True
            for method in methods:
                r = result(stream, setting, method, "neuroplast")
                if stream in HELD_OUT:
                    r.extra["held_out"] = True
                if method in theirs and theirs[method].acc > 0:
                    r.ratio_vs_avalanche = r.acc / theirs[method].acc
                elif avalanche and method in AVALANCHE_METHODS:
                    r.note = note
                results.append(r)
            results.extend(theirs.values())
    return results
