"""Cost of one gate cache miss's embedding: MiniLM through ONNX Runtime vs sentence-transformers.

Embeds the renderings of real calls (the gate benchmark's tldr/GTFOBins stream), one call
at a time as a cache miss does, with one thread as ``neuroplast gate serve`` runs. The two
backends alternate call by call in the same run, so load on the machine hits both alike.
Reported: CPU and wall milliseconds per call (p50/p99) of each, the ratio of medians, and
the largest difference between their embeddings. Prints ONE JSON line.

    .venv/bin/python benchmarks/embedding_latency.py [--calls 300] [--threads 1]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

TARGET_RATIO = 0.7  # ONNX at most 70 % of sentence-transformers' CPU per miss


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))], 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import numpy as np
    import torch

    from neuroplast.gate.calls import ToolCall
    from neuroplast.gate.embedding import CachedEmbedder
    from neuroplast.gate.render import render_call
    from neuroplast_bench.gate import GateBenchConfig, stream_and_user

    torch.set_num_threads(args.threads)
    calls, _ = stream_and_user(GateBenchConfig(calls=args.calls, seed=11, warmup=0))
    texts = [render_call(ToolCall.from_hook_event({**c.event, "hook_event_name": "PreToolUse"}))
             for c in calls]
    backends = {name: CachedEmbedder(backend=name, capacity=1) for name in ("onnx", "torch")}
    for embedder in backends.values():
        embedder.embed(["warm up"])
    cpu: dict[str, list[float]] = {name: [] for name in backends}
    wall: dict[str, list[float]] = {name: [] for name in backends}
    vectors: dict[str, list[object]] = {name: [] for name in backends}
    for i, text in enumerate(texts):
        order = list(backends) if i % 2 else list(reversed(backends))
        for name in order:
            c0, w0 = time.thread_time(), time.perf_counter()
            vectors[name].append(backends[name].embed([text])[0])
            cpu[name].append((time.thread_time() - c0) * 1e3)
            wall[name].append((time.perf_counter() - w0) * 1e3)
    ratio = statistics.median(cpu["onnx"]) / statistics.median(cpu["torch"])
    diff = float(np.abs(np.stack(vectors["onnx"]) - np.stack(vectors["torch"])).max())
    print(json.dumps({
        "benchmark": "embedding_latency", "calls": len(texts), "threads": args.threads,
        **{f"{name}_cpu_ms": {"p50": _pct(cpu[name], 50), "p99": _pct(cpu[name], 99)}
           for name in backends},
        **{f"{name}_wall_ms": {"p50": _pct(wall[name], 50), "p99": _pct(wall[name], 99)}
           for name in backends},
        "onnx_over_torch_cpu": round(ratio, 3), "max_abs_difference": diff,
        f"target_ratio<={TARGET_RATIO}": ratio <= TARGET_RATIO,
    }))


if __name__ == "__main__":
    main()
