"""Cost of online EWC per training step on a ~1M-parameter MLP, against a plain step.

One step = forward, loss (+ EWC penalty), backward, (Fisher accumulate), Adam step.
Plain and EWC steps alternate in the same run, so load on the machine hits both alike;
the figure is the ratio of medians. Target: ratio <= 1.5.

    .venv/bin/python benchmarks/ewc_overhead.py [--repeats 200] [--batch 64] [--threads 1]
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import time

import torch

from neuroplast.core.ewc import OnlineEWC, OnlineEWCConfig

TARGET = 1.5


def _model() -> torch.nn.Module:
    torch.manual_seed(0)
    return torch.nn.Sequential(
        torch.nn.Linear(512, 1024),
        torch.nn.ReLU(),
        torch.nn.Linear(1024, 512),
        torch.nn.ReLU(),
        torch.nn.Linear(512, 10),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=200)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    gen = torch.Generator().manual_seed(1)
    x = torch.randn(args.batch, 512, generator=gen)
    y = torch.randint(0, 10, (args.batch,), generator=gen)
    ce = torch.nn.functional.cross_entropy

    plain_model, ewc_model = _model(), _model()
    ewc = OnlineEWC(OnlineEWCConfig())
    ewc.estimate_fisher(ewc_model, lambda o, t: ce(o, t, reduction="none"), [(x[:16], y[:16])])
    ewc.consolidate(copy.deepcopy(ewc_model))  # active penalty, nonzero after the first step
    opts = {
        "plain": torch.optim.Adam(plain_model.parameters(), lr=1e-3),
        "ewc": torch.optim.Adam(ewc_model.parameters(), lr=1e-3),
    }

    def step(kind: str) -> float:
        model = ewc_model if kind == "ewc" else plain_model
        start = time.perf_counter()
        loss = ce(model(x), y)
        if kind == "ewc":
            loss = loss + ewc.penalty(model)
        opts[kind].zero_grad()
        loss.backward()
        if kind == "ewc":
            ewc.accumulate(model)
        opts[kind].step()
        return time.perf_counter() - start

    for _ in range(10):  # warm-up: allocator, Adam state
        step("plain")
        step("ewc")
    times: dict[str, list[float]] = {"plain": [], "ewc": []}
    for i in range(args.repeats):
        for kind in ("plain", "ewc") if i % 2 == 0 else ("ewc", "plain"):
            times[kind].append(step(kind))

    plain_ms = statistics.median(times["plain"]) * 1e3
    ewc_ms = statistics.median(times["ewc"]) * 1e3
    ratio = ewc_ms / plain_ms
    result = {
        "benchmark": "ewc_overhead",
        "params": sum(p.numel() for p in plain_model.parameters()),
        "batch": args.batch,
        "threads": args.threads,
        "repeats": args.repeats,
        "step_ms_plain": round(plain_ms, 3),
        "step_ms_ewc": round(ewc_ms, 3),
        "ratio": round(ratio, 3),
        "target": TARGET,
        "pass": ratio <= TARGET,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
