"""Prediction latency of OnlineLearner while it trains vs while it is idle, same run.

Claim: training on a copy never makes predictions wait; p99 latency while training stays
within 1.5x of idle p99. Prints one JSON line; ``--plot PATH`` also writes a PNG.

Predictions are made inside ``OnlineLearner.serving()``, as the gate makes its decisions
(``Gate.serving``, the HTTP routes), so training defers its Python work while one is in
progress. The examples fed to the learner are built before measuring and reused: the
claim is about training, not about the load generator, whose tensor building otherwise
takes the interpreter from the predictions too. Besides the ratio, which compares p99s of
a fraction of a millisecond, the line gives what training adds to the p99 in ms.

Threads: ``torch.set_num_threads(1)`` by default. On a 2-core machine the trainer and the
predicting thread each get one core; intra-op parallelism on these small matmuls buys
nothing and makes both threads fight over the same two OpenMP workers (spinning waits
that show up as prediction stalls). The learner's ``yield_s`` pause between optimizer
steps hands the GIL to waiting predictions; ``sys.setswitchinterval`` bounds how long a
Python-heavy trainer step can hold it. Trainer and predictions share one interpreter, so
the p99 tail grows with the trainer's duty cycle: ``--yield-ms`` trades training rounds
per second for prediction tail latency (both are printed).

``--round-rate R`` offers R rounds a second instead of back to back, as answers arriving
at a rate would: it compares two versions of the learner at the same training work.

``--backend process`` trains in a worker process instead (``LearnerConfig.backend``):
the serving interpreter then only ships tensors and loads published weights, so the
trainer's Python work no longer competes for its GIL.

    .venv/bin/python benchmarks/learner_latency.py [--seconds 10]
    .venv/bin/python benchmarks/learner_latency.py --backend process
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time

import torch

from neuroplast.core.replay import Example, ReplayBuffer, ReplayConfig
from neuroplast.learn import LearnerConfig, ModelSpec, OnlineLearner


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def mse(out: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return (out.squeeze(-1) - y) ** 2


def measure(
    learner: OnlineLearner, probe: torch.Tensor, seconds: float, pace: float
) -> list[float]:
    """Latencies (ms) of predictions issued every ``pace`` seconds, like a serving loop."""
    out: list[float] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        start = time.perf_counter()
        with learner.serving():
            learner.predict(probe)
        out.append((time.perf_counter() - start) * 1000)
        time.sleep(pace)
    return out


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0,
                        help="per kind of phase (idle, training), over all alternations")
    parser.add_argument("--threads", type=int, default=1, help="torch intra-op threads")
    parser.add_argument("--pace-ms", type=float, default=1.0, help="gap between predictions")
    parser.add_argument("--switch-interval-ms", type=float, default=1.0)
    parser.add_argument("--yield-ms", type=float, default=1.0, help="trainer pause per step")
    parser.add_argument("--phases", type=int, default=20, help="idle/training alternations")
    parser.add_argument("--backend", choices=["thread", "process"], default="thread",
                        help="where training runs (LearnerConfig.backend)")
    parser.add_argument("--round-rate", type=float, default=0.0,
                        help="training rounds offered per second (0: back to back)")
    parser.add_argument("--plot", default=None, help="write a latency histogram PNG here")
    args = parser.parse_args(argv)

    torch.set_num_threads(args.threads)
    sys.setswitchinterval(args.switch_interval_ms / 1000)
    # 64 -> 256 -> 256 -> 1 MLP, built by an importable factory so the process backend's
    # worker can rebuild it (same weights: the parent ships them).
    spec = ModelSpec(
        factory="neuroplast_bench.model:make_mlp",
        kwargs={"seed": 0, "hidden": 256, "n_inputs": 64, "n_classes": 1},
        loss="neuroplast.learn.losses:mse_loss",
    )
    model = spec.build()
    torch.manual_seed(0)
    config = LearnerConfig(
        batch_size=32, steps_per_round=4, lr=1e-3, replay_batch=32,
        yield_s=args.yield_ms / 1000, backend=args.backend,
    )
    replay = ReplayBuffer(ReplayConfig(capacity=512))
    learner = OnlineLearner(model, mse, config, replay=replay, model_spec=spec)
    probe = torch.randn(16, 64)
    w_true = torch.randn(64)

    def batch(n: int) -> list[Example]:
        x = torch.randn(n, 64)
        return [Example(xi, yi) for xi, yi in zip(x, x @ w_true, strict=True)]

    learner.learn_now(batch(32))  # warm both code paths before measuring
    measure(learner, probe, 0.3, args.pace_ms / 1000)

    training_on = threading.Event()
    stop = threading.Event()

    batches = [batch(32) for _ in range(256)]  # reused: rounds cost what training costs

    gap = 1.0 / args.round_rate if args.round_rate > 0 else 0.0

    def feed() -> None:  # rounds whenever a training phase is on: back to back, or paced
        fed, due = 0, time.monotonic()
        while not stop.is_set():
            if training_on.wait(timeout=0.05):
                if gap:  # answers arrive at a rate: a round is offered every `gap` s
                    due = max(due + gap, time.monotonic() - gap)
                    time.sleep(max(0.0, due - time.monotonic()))
                learner.learn(batches[fed % len(batches)])
                fed += 1
                learner.wait_idle()

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    # Alternate short idle and training phases so that load from other processes on a
    # shared machine falls on both alike; the sum of each is --seconds.
    idle: list[float] = []
    training: list[float] = []
    rounds = 0
    phase = args.seconds / args.phases
    cpu = {"idle": 0.0, "training": 0.0}  # this (serving) process's CPU seconds per phase
    for _ in range(args.phases):
        learner.wait_idle()
        c0 = time.process_time()
        idle += measure(learner, probe, phase, args.pace_ms / 1000)
        v0, c1 = learner.version, time.process_time()
        cpu["idle"] += c1 - c0
        training_on.set()
        training += measure(learner, probe, phase, args.pace_ms / 1000)
        training_on.clear()
        learner.wait_idle()
        cpu["training"] += time.process_time() - c1
        rounds += learner.version - v0
    stop.set()
    feeder.join()
    learner.close()

    idle_p99, train_p99 = percentile(idle, 0.99), percentile(training, 0.99)
    ratio = train_p99 / idle_p99
    result: dict[str, object] = {
        "benchmark": "learner_latency",
        "backend": args.backend,
        "idle_p50_ms": round(percentile(idle, 0.5), 4),
        "idle_p99_ms": round(idle_p99, 4),
        "training_p50_ms": round(percentile(training, 0.5), 4),
        "training_p99_ms": round(train_p99, 4),
        "training_max_ms": round(max(training), 3),
        "ratio": round(ratio, 3),
        "training_p99_added_ms": round(train_p99 - idle_p99, 4),
        "p50_ratio": round(percentile(training, 0.5) / percentile(idle, 0.5), 3),
        "target": 1.5,
        "pass": ratio <= 1.5,
        "predictions": [len(idle), len(training)],
        "rounds_during_training": rounds,
        "rounds_per_s": round(rounds / args.seconds, 1),
        # what a round costs the serving process (building and shipping it, loading the
        # published weights; with the thread backend, the training itself)
        "serving_cpu_ms_per_round": round((cpu["training"] - cpu["idle"]) / max(rounds, 1)
                                          * 1000, 3),
        "yield_ms": args.yield_ms,
        "round_rate": args.round_rate,
        "torch_threads": args.threads,
        # Other processes' load on the machine: on a busy shared box the tail is theirs.
        "loadavg_1m": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(result))
    if args.plot:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(6, 3.5))
        top = percentile(training + idle, 0.999)
        bins = [top * i / 60 for i in range(61)]
        ax.hist(idle, bins=bins, alpha=0.6, label=f"idle (p99 {idle_p99:.3f} ms)")
        ax.hist(training, bins=bins, alpha=0.6, label=f"training (p99 {train_p99:.3f} ms)")
        ax.set_xlabel("prediction latency (ms)")
        ax.set_ylabel("calls")
        ax.set_yscale("log")
        ax.legend()
        fig.tight_layout()
        fig.savefig(args.plot, dpi=120)
    return result


if __name__ == "__main__":
    main()
