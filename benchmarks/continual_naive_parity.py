"""Is our naive fine-tuning online Avalanche's ``Naive``, up to the order of the examples?

Both runners train the same MLP from the same seed with one SGD optimizer whose momentum is
kept across experiences (Avalanche 0.6.0's ``make_optimizer`` resets the state only on its
first call), one pass in shuffled batches of 10 with the last batch short, the same
clipping and the same mean cross-entropy. They differ only in who shuffles: ours draws
each task's order from a ``torch.Generator`` seeded with the seed, Avalanche's sampler
from the global RNG. This check hands Avalanche our order (each task's training examples
put in the order ours visits them, Avalanche's loader told not to shuffle) and compares
the two accuracy matrices; with no memory to sample, ``shuffle=False`` changes nothing
else. It then runs Avalanche with its own shuffle, as the benchmark does. One JSON line
per (stream, seed):

    nice -n 15 python benchmarks/continual_naive_parity.py --streams permuted,rotated \
        --seeds 0,1 --out benchmarks/results/continual_naive_parity_<commit>.jsonl
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    import torch

    from neuroplast_bench.config import ContinualConfig
    from neuroplast_bench.streams import Stream


def _our_orders(sizes: list[int], seed: int) -> list[torch.Tensor]:
    """The orders ``run_neuroplast`` visits each task's examples in online (one pass each)."""
    import torch

    gen = torch.Generator().manual_seed(seed)
    return [torch.randperm(n, generator=gen) for n in sizes]


def _avalanche_in_order(stream: Stream, cfg: ContinualConfig, seed: int
                        ) -> list[list[float]]:
    """Avalanche's Naive online over ``stream`` with its shuffle off (the order is given)."""
    import torch

    from neuroplast_bench.avalanche_runner import _benchmark, _strategy
    from neuroplast_bench.model import accuracy, make_mlp

    cfg = cfg.for_setting(True)
    model = make_mlp(seed, cfg.hidden, stream.n_inputs, stream.n_classes)
    matrix = []
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("ignore")
        strategy = _strategy("naive", model, cfg, cfg.online_batch_size, 1)
        torch.manual_seed(seed)
        for exp in _benchmark(stream).train_stream:
            strategy.train(exp, num_workers=0, shuffle=False)
            matrix.append([accuracy(strategy.model, t.x_test, t.y_test) for t in stream.tasks])
    return matrix


def parity(streams: str = typer.Option("permuted,rotated"),
           seeds: str = typer.Option("0,1"),
           out: str = typer.Option("", help="JSON lines file to append to (default: print)"),
           ) -> None:
    import torch

    from neuroplast_bench.avalanche_runner import run_avalanche
    from neuroplast_bench.config import ContinualConfig
    from neuroplast_bench.continual import STREAMS
    from neuroplast_bench.metrics import acc
    from neuroplast_bench.neuroplast_runner import run_neuroplast

    torch.set_num_threads(1)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip() or "unknown"
    cfg = ContinualConfig()
    for name in streams.split(","):
        for seed in (int(s) for s in seeds.split(",")):
            stream = STREAMS[name]()
            orders = _our_orders([len(t.y_train) for t in stream.tasks], seed)
            ordered = dataclasses.replace(stream, tasks=tuple(
                dataclasses.replace(t, x_train=t.x_train[o], y_train=t.y_train[o])
                for t, o in zip(stream.tasks, orders, strict=True)))
            ours = run_neuroplast(stream, "naive", cfg, seed, online=True)
            theirs_ours_order = _avalanche_in_order(ordered, cfg, seed)
            theirs = run_avalanche(stream, "naive", cfg, seed, online=True)
            diff = max(abs(a - b) for ra, rb in zip(ours, theirs_ours_order, strict=True)
                       for a, b in zip(ra, rb, strict=True))
            line = json.dumps({"commit": commit, "stream": name, "seed": seed,
                               "method": "naive", "setting": "online",
                               "acc_neuroplast": round(acc(ours), 4),
                               "acc_avalanche_our_order": round(acc(theirs_ours_order), 4),
                               "acc_avalanche_own_order": round(acc(theirs), 4),
                               "max_abs_diff_R": diff})
            print(line, flush=True)
            if out:
                with Path(out).open("a") as f:
                    f.write(line + "\n")


if __name__ == "__main__":
    typer.run(parity)
