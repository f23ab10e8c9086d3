"""Where a gate cache miss spends its time, stage by stage, on real stream calls.

The gate is opened as ``neuroplast gate serve`` opens it (``open_gate``: embedder warmed
up, garbage collector frozen; the service's process settings: one torch and one BLAS
thread; training in the learner's low-priority worker process). It first replays
``--calls`` calls of the benchmark's stream (seed 0, ``neuroplast_bench.gate_stream``)
with the simulated user's answers, as ``neuroplast bench gate`` does, so the memory of
answers, the log and the model are those of a used gate.
Then it decides ``--probes`` new calls from another stretch of the stream, each a cache
miss (a unique ``# probe`` suffix, as the gate benchmark's probes): every kind of call the
stream holds, and every fourth one a long Bash line (two to six of the stream's commands
chained with ``&&``, as agents write them).

Each decision is split into its stages, timed in wall and CPU (thread) milliseconds in the
process that decides: the log lookup, rendering, tokenising, the ONNX Runtime pass, the
rest of the embedding (hashing, the SQLite embedding cache), the structural features
(with inspection), the model's forward pass, the rules (with the memory search), the
decision's SQLite commit, and the rest; plus the time the garbage collector ran.

The embedder variants of ``--variants`` (``fp32``, ``int8``, on one ONNX thread; ``int8@2``
on two, as the gate runs by default since ``EmbedderConfig.threads``; ``int8/sync`` to
commit new embeddings to SQLite before answering, as before
``CachedEmbedder.save_delay_s``) alternate call by call on the same gate, so the machine's
load hits each alike; ratios are against the first. The load average is recorded at the
start and the end. Prints one JSON line per variant and one summary line.

    .venv/bin/python benchmarks/gate_miss_stages.py [--calls 1500] [--probes 300]
        [--variants int8,int8@2]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

STAGES = ("lookup", "render", "tokenize", "onnx", "embed_other", "structural", "model",
          "rules", "decision_write", "other")


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))], 2)


class _Clock:
    """Wall and CPU milliseconds per named stage of the decision being timed."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self._gc_start = 0.0
        gc.callbacks.append(self._gc)

    def _gc(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._gc_start = time.perf_counter()
        else:
            self.wall["gc"] += (time.perf_counter() - self._gc_start) * 1e3

    def reset(self) -> None:
        self.wall.clear()
        self.cpu.clear()

    def timed(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            w, c = time.perf_counter(), time.thread_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.wall[name] += (time.perf_counter() - w) * 1e3
                self.cpu[name] += (time.thread_time() - c) * 1e3
        return run


def _replay(gate: Any, calls: list[Any], user: Any) -> None:
    """The stream through the hook protocol, answered as the gate benchmark answers it."""
    from neuroplast.gate.hooks import handle_claude_code_event

    for call in calls:
        truth = user.would_approve(call, 0)
        out = handle_claude_code_event(gate, call.event)
        decision = out["hookSpecificOutput"]["permissionDecision"]
        tool_use_id = call.event["tool_use_id"]
        if decision == "ask":
            handle_claude_code_event(gate, {**call.event, "hook_event_name": "PermissionRequest"})
            name = "PostToolUse" if truth else "PermissionDenied"
            handle_claude_code_event(gate, {**call.event, "hook_event_name": name})
        elif decision == "allow":
            handle_claude_code_event(gate, {**call.event, "hook_event_name": "PostToolUse"})
            if not truth:
                gate.feedback(tool_use_id, False, false_positive=True)
        elif truth:
            gate.feedback(tool_use_id, True, user_override=True)


def _probes(pool: list[Any], n: int, seed: int) -> list[tuple[str, dict[str, Any]]]:
    """``n`` (kind, event) pairs: stream calls, every fourth a chain of Bash commands."""
    rng = random.Random(seed)
    bash = [c for c in pool if c.tool_name == "Bash"]
    out = []
    for i in range(n):
        base = pool[i % len(pool)]
        event = json.loads(json.dumps(base.event))
        kind = f"{base.origin}:{base.tool_name}"
        if i % 4 == 3:
            parts = [c.tool_input["command"] for c in rng.sample(bash, rng.randint(2, 6))]
            event = json.loads(json.dumps(bash[i % len(bash)].event))
            event["tool_input"]["command"] = " && ".join(parts)
            kind = "chain:Bash"
        out.append((kind, event))
    return out


def _with_suffix(event: dict[str, Any], suffix: str) -> dict[str, Any]:
    """A copy of ``event`` whose rendering (hence embedding) is new."""
    event = json.loads(json.dumps(event))
    inp = event["tool_input"]
    for field in ("command", "file_path", "pattern", "url", "query"):
        if isinstance(inp.get(field), str):
            inp[field] += f"  # probe {suffix}" if field == "command" else f"#{suffix}"
            break
    else:
        inp["probe"] = suffix
    event["tool_use_id"] = f"toolu_probe_{suffix}"
    return event


def _instrument(gate: Any, clock: _Clock) -> None:
    """Wrap each stage of ``gate``'s decision in a timer (this process only)."""
    import neuroplast.gate.facts as facts
    import neuroplast.gate.features as features
    import neuroplast.gate.gate as gate_module
    from neuroplast.gate.log import GateLog
    from neuroplast.gate.support import SupportMemory

    features.render_call = clock.timed("render", features.render_call)
    features.structural_features = clock.timed("structural", features.structural_features)
    facts.inspect_call = clock.timed("rules.inspect", facts.inspect_call)
    gate_module.run_pipeline = clock.timed("rules", gate_module.run_pipeline)
    SupportMemory.evidence = clock.timed("rules.support_search", SupportMemory.evidence)
    GateLog.decision = clock.timed("lookup", GateLog.decision)
    GateLog.add_decision = clock.timed("decision_write", GateLog.add_decision)
    gate.learner.predict_versioned = clock.timed("model", gate.learner.predict_versioned)


def _embedder(gate: Any, spec: str, clock: _Clock) -> Any:
    """A loaded embedder of variant ``spec`` (``precision[@threads][/sync]``), timed by
    stage; ``/sync`` commits new embeddings before answering (``save_delay_s=0``)."""
    from neuroplast.gate.embedding import CachedEmbedder
    from neuroplast.gate.onnx_minilm import OnnxMiniLM

    head, _, mode = spec.partition("/")
    precision, _, threads = head.partition("@")
    embedder = CachedEmbedder(gate.db, precision=precision, threads=int(threads or 1),
                              save_delay_s=0 if mode == "sync" else 0.1)
    embedder.embed([f"neuroplast gate warm-up {spec}"])
    model = embedder._model
    if not isinstance(model, OnnxMiniLM):
        raise SystemExit(f"variant {spec}: ONNX Runtime is unavailable here")
    model.session.run = clock.timed("onnx", model.session.run)
    model.encode = clock.timed("encode", model.encode)
    embedder.embed = clock.timed("embed", embedder.embed)
    return embedder


def _stages(clock: _Clock, total_wall: float, total_cpu: float) -> dict[str, dict[str, float]]:
    """Disjoint stages of one decision (wall, cpu), from the nested timers."""
    out: dict[str, dict[str, float]] = {}
    for kind, table, total in (("wall", clock.wall, total_wall), ("cpu", clock.cpu, total_cpu)):
        derived = {
            "tokenize": table["encode"] - table["onnx"],
            "embed_other": table["embed"] - table["encode"],
        }
        stage = {name: table.get(name, 0.0) for name in STAGES if name not in derived}
        stage.update(derived)
        stage["other"] = total - sum(v for k, v in stage.items() if k != "other")
        stage["rules.support_search"] = table["rules.support_search"]
        stage["rules.inspect"] = table["rules.inspect"]
        if kind == "wall":
            stage["gc"] = table["gc"]
        out[kind] = stage
    return out


def _summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    wall = [r["wall_ms"] for r in rows]
    cpu = [r["cpu_ms"] for r in rows]
    slow = sorted(rows, key=lambda r: -r["wall_ms"])[: max(1, len(rows) // 50)]
    names = list(rows[0]["stages"]["wall"])
    by_kind: dict[str, list[float]] = defaultdict(list)
    for r in rows:
        by_kind[r["kind"]].append(r["wall_ms"])
    return {
        "wall_ms": {"p50": _pct(wall, 50), "p90": _pct(wall, 90), "p99": _pct(wall, 99),
                    "max": round(max(wall), 2)},
        "cpu_ms": {"p50": _pct(cpu, 50), "p90": _pct(cpu, 90), "p99": _pct(cpu, 99)},
        "tokens": {"p50": _pct([r["tokens"] for r in rows], 50),
                   "p99": _pct([r["tokens"] for r in rows], 99),
                   "max": max(r["tokens"] for r in rows)},
        "stages_wall_ms": {n: {"p50": _pct([r["stages"]["wall"][n] for r in rows], 50),
                               "p99": _pct([r["stages"]["wall"][n] for r in rows], 99)}
                           for n in names},
        "stages_cpu_ms": {n: {"p50": _pct([r["stages"]["cpu"][n] for r in rows], 50),
                              "p99": _pct([r["stages"]["cpu"][n] for r in rows], 99)}
                          for n in rows[0]["stages"]["cpu"]},
        # what the slowest 2 % of decisions spent their time on (mean ms per stage)
        "slowest_2pct": {
            "n": len(slow), "wall_ms": round(statistics.mean(r["wall_ms"] for r in slow), 2),
            "cpu_ms": round(statistics.mean(r["cpu_ms"] for r in slow), 2),
            "tokens": round(statistics.mean(r["tokens"] for r in slow), 1),
            "stages_wall_ms": {n: round(statistics.mean(r["stages"]["wall"][n] for r in slow), 2)
                               for n in names},
        },
        "wall_ms_by_kind": {k: {"n": len(v), "p50": _pct(v, 50), "p99": _pct(v, 99)}
                            for k, v in sorted(by_kind.items())},
    }


def _ratios(new: dict[str, Any], old: dict[str, Any]) -> dict[str, float]:
    return {"wall_p50": round(new["wall_ms"]["p50"] / old["wall_ms"]["p50"], 3),
            "wall_p99": round(new["wall_ms"]["p99"] / old["wall_ms"]["p99"], 3),
            "cpu_p99": round(new["cpu_ms"]["p99"] / old["cpu_ms"]["p99"], 3),
            "onnx_cpu_p50": round(new["stages_cpu_ms"]["onnx"]["p50"]
                                  / old["stages_cpu_ms"]["onnx"]["p50"], 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1500, help="stream calls replayed first")
    parser.add_argument("--probes", type=int, default=300, help="cache misses per variant")
    parser.add_argument("--variants", default="int8,int8@2",
                        help="embedder variants, the first the baseline: "
                        "precision[@threads][/sync]")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    from neuroplast.cli.gate import _tune_for_serving
    from neuroplast.gate.calls import ToolCall
    from neuroplast.gate.config import GateConfig
    from neuroplast.gate.hooks import handle_claude_code_event
    from neuroplast.gate.render import render_call
    from neuroplast.server.gate_subsystem import open_gate
    from neuroplast_bench.gate import GateBenchConfig, stream_and_user
    from neuroplast_bench.gate_stream import GateStreamConfig, generate_stream

    # the service's own process settings: one torch and one BLAS thread, a short GIL
    # switch interval (without them the support memory's search alone had a p99 of 28 ms)
    _tune_for_serving()
    load_start = os.getloadavg()
    started = time.perf_counter()
    variants = args.variants.split(",")
    calls, user = stream_and_user(GateBenchConfig(calls=args.calls, seed=args.seed, warmup=0))
    pool = generate_stream(GateStreamConfig(n_calls=max(args.probes, 400),
                                            seed=args.seed + 7919))
    probes = _probes(pool, args.probes, args.seed)
    clock = _Clock()
    with tempfile.TemporaryDirectory(prefix="neuroplast-miss-stages-") as tmp:
        gate = open_gate(GateConfig(), Path(tmp))
        try:
            _replay(gate, calls, user)
            gate.wait_idle(120)  # the misses are timed with training idle, as the benchmark
            embedders = {v: _embedder(gate, v, clock) for v in variants}
            warm = {v: e.stats["misses"] for v, e in embedders.items()}
            tokenizer = next(iter(embedders.values()))._model.tokenizer
            _instrument(gate, clock)
            gc.collect()
            gc.freeze()  # the loaded embedders, as open_gate froze the rest
            rows: dict[str, list[dict[str, Any]]] = {v: [] for v in variants}
            for i, (kind, base) in enumerate(probes):
                order = list(enumerate(variants))
                for k, variant in (order if i % 2 else order[::-1]):
                    event = _with_suffix(base, f"{args.seed}.{i}.{k}")
                    gate.extractor.embedder = embedders[variant]
                    clock.reset()
                    w, c = time.perf_counter(), time.thread_time()
                    handle_claude_code_event(gate, event)
                    wall, cpu = (time.perf_counter() - w) * 1e3, (time.thread_time() - c) * 1e3
                    text = render_call(ToolCall.from_hook_event(event))
                    rows[variant].append({
                        "kind": kind, "wall_ms": wall, "cpu_ms": cpu,
                        "tokens": len(tokenizer.encode(text.strip()).ids),
                        "stages": _stages(clock, wall, cpu)})
            misses = {v: e.stats["misses"] - warm[v] for v, e in embedders.items()}
        finally:
            gate.close()
    load_end = os.getloadavg()
    base = variants[0]
    summaries = {v: _summary(r) for v, r in rows.items()}
    common = {"benchmark": "gate_miss_stages", "calls": args.calls, "probes": args.probes,
              "seed": args.seed, "load_avg_start": [round(x, 2) for x in load_start],
              "load_avg_end": [round(x, 2) for x in load_end], "cpus": os.cpu_count()}
    for v, s in summaries.items():
        # every probe's call text misses; what the agent says it does (its Bash
        # description, embedded on its own for rule described_refusal) misses when new
        if misses[v] < args.probes:
            raise SystemExit(f"variant {v}: {misses[v]} misses of {args.probes} probes")
        print(json.dumps({**common, "variant": v, "description_misses":
                          misses[v] - args.probes, **s}, sort_keys=True))
    print(json.dumps({
        **common, "variant": "summary", "baseline": base,
        "seconds": round(time.perf_counter() - started, 1),
        **{f"{v}_over_{base}": _ratios(summaries[v], summaries[base]) for v in variants[1:]},
        "target_wall_p99<=25ms": {v: s["wall_ms"]["p99"] <= 25.0 for v, s in summaries.items()},
    }, sort_keys=True))


if __name__ == "__main__":
    main()
