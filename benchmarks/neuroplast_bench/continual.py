"""The continual-learning benchmark: our methods and Avalanche's on the same digits streams.

:func:`run_continual` trains every method of both implementations over each stream and
setting, for ``cfg.seeds`` seeds, on identical tensors, model initialisation and budget,
and returns one :class:`~neuroplast_bench.results.MethodResult` per method. Our methods
get ``ratio_vs_avalanche`` (ACC ours / ACC Avalanche) where a counterpart exists; if
Avalanche cannot be imported each such result carries the reason instead.

>>> cfg = ContinualConfig(quick=True, hidden=16)
>>> rs = run_continual(cfg, streams=("split",), settings=("online",),
...                    methods=("naive",), avalanche=False)
>>> [(r.stream, r.setting, r.method, r.impl) for r in rs]
[('split', 'online', 'naive', 'neuroplast')]
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from neuroplast.errors import ConfigError
from neuroplast_bench.avalanche_runner import (
    AVALANCHE_METHODS,
    avalanche_unavailable,
    run_avalanche,
)
from neuroplast_bench.config import ContinualConfig
from neuroplast_bench.neuroplast_runner import NEUROPLAST_METHODS, run_neuroplast
from neuroplast_bench.results import MethodResult
from neuroplast_bench.streams import Stream, permuted_digits, split_digits

__all__ = ["SETTINGS", "STREAMS", "ContinualConfig", "plan_size", "run_continual"]

STREAMS: dict[str, Callable[[], Stream]] = {"permuted": permuted_digits, "split": split_digits}
SETTINGS: tuple[str, ...] = ("offline", "online")

Runner = Callable[[Stream, str, ContinualConfig, int, bool], list[list[float]]]


def _check(names: Sequence[str], valid: Sequence[str], what: str) -> None:
    for name in names:
        if name not in valid:
            raise ConfigError(f"unknown {what} {name!r}; use one of {list(valid)}")


def plan_size(streams: Sequence[str], settings: Sequence[str], methods: Sequence[str],
              avalanche: bool, seeds: int) -> int:
    """How many (stream, setting, method, implementation, seed) runs :func:`run_continual`
    will make — the length of its progress bar."""
    per = len(methods) + (sum(m in AVALANCHE_METHODS for m in methods) if avalanche else 0)
    return len(streams) * len(settings) * per * seeds


def _timed(runner: Runner, stream: Stream, method: str, cfg: ContinualConfig, online: bool,
           on_run: Callable[[str], None] | None, label: str
           ) -> tuple[list[list[list[float]]], float]:
    import torch

    matrices, seconds = [], 0.0
    for seed in range(cfg.seeds):
        if on_run is not None:
            on_run(f"{label} seed {seed}")
        torch.set_num_threads(cfg.threads)
        start = time.perf_counter()
        matrices.append(runner(stream, method, cfg, seed, online))
        seconds += time.perf_counter() - start
    return matrices, seconds / cfg.seeds


def run_continual(
    cfg: ContinualConfig,
    streams: Sequence[str] = ("permuted", "split"),
    settings: Sequence[str] = SETTINGS,
    methods: Sequence[str] = NEUROPLAST_METHODS,
    avalanche: bool = True,
    on_run: Callable[[str], None] | None = None,
) -> list[MethodResult]:
    """Run the benchmark; ``on_run(label)`` is called before each run (for a progress bar).

    With ``avalanche=True`` and Avalanche not importable, our results say why in ``note``.
    """
    _check(streams, list(STREAMS), "stream")
    _check(settings, SETTINGS, "setting")
    _check(methods, NEUROPLAST_METHODS, "method")
    note = avalanche_unavailable() if avalanche else None
    results: list[MethodResult] = []
    for stream_name in streams:
        stream = STREAMS[stream_name]()
        for setting in settings:
            online = setting == "online"
            theirs: dict[str, MethodResult] = {}
            if avalanche and note is None:
                for method in (m for m in methods if m in AVALANCHE_METHODS):
                    label = f"{stream_name}/{setting} avalanche {method}"
                    mats, secs = _timed(run_avalanche, stream, method, cfg, online, on_run,
                                        label)
                    theirs[method] = MethodResult(stream_name, setting, method, "avalanche",
                                                  mats, secs)
            for method in methods:
                label = f"{stream_name}/{setting} neuroplast {method}"
                mats, secs = _timed(run_neuroplast, stream, method, cfg, online, on_run, label)
                r = MethodResult(stream_name, setting, method, "neuroplast", mats, secs)
                if method in theirs and theirs[method].acc > 0:
                    r.ratio_vs_avalanche = r.acc / theirs[method].acc
                elif avalanche and method in AVALANCHE_METHODS:
                    r.note = note
                results.append(r)
            results.extend(theirs.values())
    return results
