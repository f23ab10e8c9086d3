"""The continual benchmark as a command: progress bar, report, JSON file and plots.

Shared by ``neuroplast bench continual`` and ``benchmarks/continual.py``.
"""

from __future__ import annotations

import time
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from neuroplast.errors import ConfigError
from neuroplast.store import atomic_write_text
from neuroplast_bench.avalanche_runner import avalanche_unavailable
from neuroplast_bench.config import ContinualConfig
from neuroplast_bench.continual import (
    SETTINGS,
    STREAMS,
    default_workers,
    estimate_seconds,
    plan,
    run_continual,
)
from neuroplast_bench.neuroplast_runner import NEUROPLAST_METHODS
from neuroplast_bench.plot import plot_stream
from neuroplast_bench.report import json_lines, print_report
from neuroplast_bench.results import MethodResult
from neuroplast_bench.targets import check_targets

__all__ = ["main", "pick", "pick_methods"]


def pick(value: str, choices: tuple[str, ...] | list[str], what: str) -> tuple[str, ...]:
    """``"all"`` → every choice; a valid name → just it; else a :class:`ConfigError`.

    >>> pick("all", ("a", "b"), "stream"), pick("b", ("a", "b"), "stream")
    (('a', 'b'), ('b',))
    """
    if value == "all":
        return tuple(choices)
    if value not in choices:
        raise ConfigError(f"--{what} {value!r} is unknown; use one of {[*choices, 'all']}")
    return (value,)


def pick_methods(value: str) -> tuple[str, ...]:
    """``"all"`` → every method; else the comma-separated names, each checked.

    >>> pick_methods("ewcpp,replay")
    ('ewcpp', 'replay')
    """
    if value == "all":
        return NEUROPLAST_METHODS
    names = tuple(v.strip() for v in value.split(",") if v.strip())
    for name in names:
        if name not in NEUROPLAST_METHODS:
            raise ConfigError(f"--methods: {name!r} is unknown; use some of "
                              f"{list(NEUROPLAST_METHODS)} or 'all'")
    return names


def main(out: Path = Path("results"), stream: str = "all", setting: str = "all",
         seeds: int | None = None, quick: bool = False, avalanche: bool = True,
         methods: tuple[str, ...] = NEUROPLAST_METHODS) -> list[MethodResult]:
    """Run, print the report, write ``continual.jsonl`` and one PNG per stream/setting."""
    if seeds is None:  # quick runs default to one seed, full runs to the config's
        seeds = 1 if quick else ContinualConfig().seeds
    cfg = ContinualConfig(quick=quick, seeds=seeds)
    streams, settings = pick(stream, list(STREAMS), "stream"), pick(setting, SETTINGS, "setting")
    console = Console(stderr=True)
    jobs = plan(streams, settings, methods, avalanche and avalanche_unavailable() is None,
                cfg.seeds)
    total, workers = len(jobs), default_workers()
    eta = estimate_seconds(jobs, cfg, workers)
    console.print(f"continual: {total} runs on {workers} processes; estimate {eta / 60:.0f} min "
                  "from a timed probe of the model's step on this machine (a lower bound: "
                  "data handling, evaluation and other load on the cores come on top)")
    began = time.monotonic()
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=True) as progress:
        bar = progress.add_task("continual", total=total)

        def on_run(label: str) -> None:
            progress.advance(bar)
            progress.update(bar, description=f"done: {label}")

        results = run_continual(cfg, streams, settings, methods, avalanche, on_run, workers)
    console.print(f"continual: took {(time.monotonic() - began) / 60:.1f} min "
                  f"(estimated {eta / 60:.0f})")
    note = next((r.note for r in results if r.note), None)
    print_report(results, check_targets(results), note)
    out.mkdir(parents=True, exist_ok=True)
    atomic_write_text(out / "continual.jsonl", "\n".join(json_lines(results)) + "\n")
    atomic_write_text(out / "continual_config.json", cfg.to_json() + "\n")
    for s in streams:
        for st in settings:
            group = [r for r in results if r.stream == s and r.setting == st]
            if group:
                console.print(f"plot: {plot_stream(group, out)}")
    return results
