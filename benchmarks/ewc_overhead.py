"""Cost of an EWC training step on a ~1M-parameter MLP, against a plain step.

One step = forward, loss, backward, then for EWC the learner's fused regularizer pass
(``add_penalty_grad(model, value=False)``: the task gradient into the running Fisher and
the penalty's closed-form gradient λ·F·(θ − θ*) into ``.grad``, each one loop over memory,
:mod:`neuroplast.core.fused`), then an Adam step. For reference the run also times the
same pass in torch's foreach ops (``ewc_torch_ops``, what the learner ran before the
loops), the pass computing the penalty's value for logging (``ewc_value``), the autograd
penalty (``loss + penalty(model)``, one backward, then ``accumulate``: ``ewc_autograd``)
and EWC++ through the fused pass.

Each kind runs in blocks of ``--block`` consecutive steps; blocks alternate between kinds
(the order reversed every other round), so the load of a shared machine hits every kind
alike and each kind's model stays in cache through its block as it would in training.
The headline ``ratio`` is the median over rounds of (EWC block / plain block of the same
round). Target: ratio <= 1.2.

    .venv/bin/python benchmarks/ewc_overhead.py [--rounds 30] [--block 10] [--batch 64]
        [--threads 1]
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import sys
import time
from collections.abc import Callable

import torch

from neuroplast.core import fused
from neuroplast.core.ewc import OnlineEWC, OnlineEWCConfig
from neuroplast.core.ewcpp import EWCPlusPlus, EWCPlusPlusConfig
from neuroplast.core.regularizer import Regularizer

TARGET = 1.2
KINDS = ("plain", "ewc", "ewc_torch_ops", "ewc_value", "ewc_autograd", "ewcpp")


def _model() -> torch.nn.Module:
    torch.manual_seed(0)
    return torch.nn.Sequential(
        torch.nn.Linear(512, 1024),
        torch.nn.ReLU(),
        torch.nn.Linear(1024, 512),
        torch.nn.ReLU(),
        torch.nn.Linear(512, 10),
    )


def _regularizer(kind: str, model: torch.nn.Module, x: torch.Tensor, y: torch.Tensor
                 ) -> Regularizer | None:
    if kind == "plain":
        return None
    ce = torch.nn.functional.cross_entropy
    reg: Regularizer = (EWCPlusPlus(EWCPlusPlusConfig()) if kind == "ewcpp"
                        else OnlineEWC(OnlineEWCConfig()))
    reg.estimate_fisher(model, lambda o, t: ce(o, t, reduction="none"), [(x[:16], y[:16])])
    # An active penalty, nonzero after the first step (EWC++: a closed task in its ring).
    snapshot = copy.deepcopy(model)
    if isinstance(reg, EWCPlusPlus):
        reg.end_task(snapshot)
    else:
        reg.consolidate(snapshot)
    return reg


def _stepper(kind: str, x: torch.Tensor, y: torch.Tensor) -> Callable[[], float]:
    model = _model()
    reg = _regularizer(kind, model, x, y)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    ce = torch.nn.functional.cross_entropy

    def step() -> float:
        start = time.perf_counter()
        opt.zero_grad()
        loss = ce(model(x), y)
        if reg is None:
            loss.backward()
        elif kind == "ewc_autograd":
            (loss + reg.penalty(model)).backward()
            reg.accumulate(model)
        elif kind == "ewc_torch_ops":
            loss.backward()
            # No tensor is large enough for the loops: every one goes through torch's ops.
            fused.MIN_ELEMENTS, floor = sys.maxsize, fused.MIN_ELEMENTS
            try:
                reg.add_penalty_grad(model, value=False)
            finally:
                fused.MIN_ELEMENTS = floor
        else:
            loss.backward()
            reg.add_penalty_grad(model, value=kind == "ewc_value")
        opt.step()
        return time.perf_counter() - start

    return step


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30, help="blocks per kind")
    parser.add_argument("--block", type=int, default=10, help="steps per block")
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    gen = torch.Generator().manual_seed(1)
    x = torch.randn(args.batch, 512, generator=gen)
    y = torch.randint(0, 10, (args.batch,), generator=gen)
    steps = {kind: _stepper(kind, x, y) for kind in KINDS}
    for _ in range(10):  # warm-up: allocator, Adam state, scratch buffers
        for step in steps.values():
            step()
    blocks: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for r in range(args.rounds):
        for kind in KINDS if r % 2 == 0 else KINDS[::-1]:
            blocks[kind].append(sum(steps[kind]() for _ in range(args.block)) / args.block)

    def paired(kind: str) -> float:
        return statistics.median(e / p for e, p in zip(blocks[kind], blocks["plain"],
                                                       strict=True))

    ms = {kind: round(statistics.median(b) * 1e3, 3) for kind, b in blocks.items()}
    ratio = paired("ewc")
    result = {
        "benchmark": "ewc_overhead",
        "params": sum(p.numel() for p in _model().parameters()),
        "batch": args.batch,
        "threads": args.threads,
        "rounds": args.rounds,
        "block": args.block,
        "step_ms_plain": ms["plain"],
        "step_ms_ewc": ms["ewc"],
        "step_ms_ewc_torch_ops": ms["ewc_torch_ops"],
        "step_ms_ewc_value": ms["ewc_value"],
        "step_ms_ewc_autograd": ms["ewc_autograd"],
        "step_ms_ewcpp": ms["ewcpp"],
        "ratio": round(ratio, 3),
        "ratio_torch_ops": round(paired("ewc_torch_ops"), 3),
        "ratio_value": round(paired("ewc_value"), 3),
        "ratio_autograd": round(paired("ewc_autograd"), 3),
        "ratio_ewcpp": round(paired("ewcpp"), 3),
        "target": TARGET,
        "pass": ratio <= TARGET,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
