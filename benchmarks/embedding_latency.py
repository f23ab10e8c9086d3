"""Cost of one gate cache miss's embedding: MiniLM through ONNX Runtime (float and int8) vs
sentence-transformers.

Embeds the renderings of real calls (the gate benchmark's tldr/GTFOBins stream), one call
at a time as a cache miss does, with one thread as ``neuroplast gate serve`` runs. The three
backends alternate call by call in the same run, so load on the machine hits all alike.
Reported: CPU and wall milliseconds per call (p50/p99) of each, the ratios of medians, the
largest difference between ONNX float's and sentence-transformers' embeddings, and for int8
(``EmbedderConfig.precision``): its cosine to float per call, and whether the support
memory's similarity thresholds still split the calls' pairs as float does (how many of the
pairs change side of each threshold, and the largest change of a pair's similarity).
Prints ONE JSON line.

    .venv/bin/python benchmarks/embedding_latency.py [--calls 300] [--threads 1]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

TARGET_RATIO = 0.7  # ONNX at most 70 % of sentence-transformers' CPU per miss
MIN_COSINE = 0.99  # int8's embedding of every call within this cosine of float's


def _thresholds(float_vecs: object, int8_vecs: object) -> dict[str, object]:
    """How int8 moves the similarities of every pair of calls across each support threshold."""
    import numpy as np

    from neuroplast.gate.support import SupportConfig

    a, b = np.asarray(float_vecs), np.asarray(int8_vecs)
    upper = np.triu_indices(len(a), k=1)
    sims_float, sims_int8 = (a @ a.T)[upper], (b @ b.T)[upper]
    cfg = SupportConfig()
    out: dict[str, object] = {
        "pairs": len(sims_float),
        "max_abs_similarity_change": round(float(np.abs(sims_int8 - sims_float).max()), 4)}
    for name in ("trusted_similarity", "similarity", "family_similarity",
                 "repeat_similarity", "deny_repeat_similarity"):
        t = getattr(cfg, name)
        above_float, above_int8 = sims_float >= t, sims_int8 >= t
        out[name] = {"threshold": t, "pairs_above_float": int(above_float.sum()),
                     "pairs_above_int8": int(above_int8.sum()),
                     "pairs_changing_side": int((above_float != above_int8).sum())}
    return out


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
    backends = {"onnx": CachedEmbedder(backend="onnx", capacity=1),
                "onnx_int8": CachedEmbedder(backend="onnx", precision="int8", capacity=1),
                "torch": CachedEmbedder(backend="torch", capacity=1)}
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
    int8_ratio = statistics.median(cpu["onnx_int8"]) / statistics.median(cpu["onnx"])
    diff = float(np.abs(np.stack(vectors["onnx"]) - np.stack(vectors["torch"])).max())
    cosine = (np.stack(vectors["onnx_int8"]) * np.stack(vectors["onnx"])).sum(axis=1)
    print(json.dumps({
        "benchmark": "embedding_latency", "calls": len(texts), "threads": args.threads,
        **{f"{name}_cpu_ms": {"p50": _pct(cpu[name], 50), "p99": _pct(cpu[name], 99)}
           for name in backends},
        **{f"{name}_wall_ms": {"p50": _pct(wall[name], 50), "p99": _pct(wall[name], 99)}
           for name in backends},
        "onnx_over_torch_cpu": round(ratio, 3), "max_abs_difference": diff,
        f"target_ratio<={TARGET_RATIO}": ratio <= TARGET_RATIO,
        "int8_over_onnx_cpu": round(int8_ratio, 3),
        "int8_cosine_to_float": {"min": round(float(cosine.min()), 4),
                                 "mean": round(float(cosine.mean()), 4)},
        f"target_int8_cosine>={MIN_COSINE}": bool(cosine.min() >= MIN_COSINE),
        "int8_support_thresholds": _thresholds(vectors["onnx"], vectors["onnx_int8"]),
    }))


if __name__ == "__main__":
    main()
