"""Cost of ``GateConfig.redact_secrets``: redacting a call, against inspecting it.

Three measurements, each against a baseline timed in the same run, interleaved:

* per command: ``redact_call`` on real command lines (tldr-pages, ``benchmarks/data``)
  against ``inspect_call`` on the same calls (what the gate already does to every call);
* per Write: ``redact_call`` on files of 16 KB, 1 MB and 8 MB (this repository's source,
  repeated) against ``inspect_call`` (which reads only the first 16 KB);
* per decision: ``Gate.decide`` with redaction on against off (real MiniLM, embedding cache
  warm for both, one torch thread), in alternating blocks.

Prints ONE JSON line.

    .venv/bin/python benchmarks/redaction.py [--commands 2000] [--decisions 200]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

import torch

from neuroplast.gate.calls import ToolCall
from neuroplast.gate.inspect import inspect_call
from neuroplast.gate.redact import redact_call

ROOT = Path(__file__).resolve().parent.parent
CWD = "/home/u/proj"


def _commands(n: int) -> list[ToolCall]:
    calls = []
    with open(ROOT / "benchmarks" / "data" / "tldr_commands.jsonl", encoding="utf-8") as fh:
        for line in fh:
            command = json.loads(line)["command"]
            calls.append(ToolCall("Bash", {"command": command}, cwd=CWD))
            if len(calls) >= n:
                break
    return calls


def _per_call_us(fn, calls: list[ToolCall]) -> float:
    start = time.perf_counter()
    for call in calls:
        fn(call)
    return (time.perf_counter() - start) / len(calls) * 1e6


def _writes() -> dict[str, ToolCall]:
    source = "".join(p.read_text() for p in sorted((ROOT / "src").rglob("*.py")))
    out = {}
    for name, size in (("16KB", 16_000), ("1MB", 1_000_000), ("8MB", 8_000_000)):
        content = (source * (size // len(source) + 1))[:size]
        out[name] = ToolCall("Write", {"file_path": f"{CWD}/big.py", "content": content}, cwd=CWD)
    return out


def _decisions(n: int) -> dict[str, float]:
    from neuroplast.gate import Gate, GateConfig
    from neuroplast.gate.embedding import CachedEmbedder

    calls = _commands(n)
    embedder = CachedEmbedder()
    times: dict[bool, list[float]] = {True: [], False: []}
    with tempfile.TemporaryDirectory() as on_dir, tempfile.TemporaryDirectory() as off_dir:
        gates = {True: Gate(GateConfig(redact_secrets=True), on_dir, embedder=embedder),
                 False: Gate(GateConfig(redact_secrets=False), off_dir, embedder=embedder)}
        try:
            for gate in gates.values():  # warm the embedding cache for both
                for i, call in enumerate(calls):
                    gate.decide(ToolCall(call.tool_name, call.tool_input, cwd=CWD,
                                         tool_use_id=f"warm{i}"))
            block = 20
            for k, start in enumerate(range(0, n, block)):
                order = (True, False) if k % 2 == 0 else (False, True)
                for redact in order:
                    for i, call in enumerate(calls[start:start + block], start):
                        t0 = time.perf_counter()
                        gates[redact].decide(ToolCall(call.tool_name, call.tool_input,
                                                      cwd=CWD, tool_use_id=f"d{i}"))
                        times[redact].append(time.perf_counter() - t0)
        finally:
            for gate in gates.values():
                gate.close()
    on, off = statistics.median(times[True]), statistics.median(times[False])
    return {"decide_p50_ms_on": round(on * 1e3, 3), "decide_p50_ms_off": round(off * 1e3, 3),
            "decide_ratio_on_over_off": round(on / off, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--commands", type=int, default=2000)
    parser.add_argument("--decisions", type=int, default=200)
    args = parser.parse_args()
    torch.set_num_threads(1)

    calls = _commands(args.commands)
    redacted = sum(redact_call(c) is not c for c in calls)
    rounds = {"redact": [], "inspect": []}
    for _ in range(5):
        rounds["redact"].append(_per_call_us(redact_call, calls))
        rounds["inspect"].append(_per_call_us(inspect_call, calls))
    redact_us, inspect_us = min(rounds["redact"]), min(rounds["inspect"])

    writes = {}
    for name, call in _writes().items():
        r = min(_per_call_us(redact_call, [call]) for _ in range(3))
        i = min(_per_call_us(inspect_call, [call]) for _ in range(3))
        writes[name] = {"redact_ms": round(r / 1e3, 2), "inspect_ms": round(i / 1e3, 2)}

    print(json.dumps({
        "benchmark": "redaction", "commands": len(calls), "commands_redacted": redacted,
        "redact_us_per_command": round(redact_us, 1),
        "inspect_us_per_command": round(inspect_us, 1),
        "ratio_redact_over_inspect": round(redact_us / inspect_us, 3),
        "writes": writes, **_decisions(args.decisions),
    }))


if __name__ == "__main__":
    main()
