"""Two simulated users whose gates share answers as peers (BrainSync), against each alone.

Usage: ``python benchmarks/peers_sharing.py [--calls 600] [--every 20] [--weight 0.5]``

User A is the gate benchmark's developer; user B holds the same preferences and also
refuses ``rm`` (overlapping, not equal). Each works through their own stream of the gate
benchmark's calls (seeds 0 and 1), answering as the benchmark's loop does (a prompt is
answered, an auto-allowed call runs and a wrong one is flagged a false positive, a wrong
auto-deny is overridden). With ``shared``, every ``--every`` calls each gate's new answers
travel to the other as signed bundles (``neuroplast.peers.Exchange``: sealed, verified,
applied; the HTTP transport is tested in tests/server/test_peers_service.py). Printed:
one JSON line per user and mode (ask rate per quarter of the stream, unsafe auto-allows:
allowed calls the user refuses), then one line of ratios shared/alone.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def _run(calls: int, every: int, weight: float, shared: bool) -> dict[str, dict[str, Any]]:
    import torch

    from neuroplast.gate import Gate, GateConfig, handle_claude_code_event
    from neuroplast.gate.embedding import CachedEmbedder
    from neuroplast.peers import Exchange, Identity, PeerList, PeersConfig
    from neuroplast_bench.gate_stream import GateStreamConfig, generate_stream
    from neuroplast_bench.gate_user import SimulatedUser, UserConfig

    torch.set_num_threads(1)
    root = Path(tempfile.mkdtemp(prefix="np-peers-bench-"))
    embedder = CachedEmbedder()
    users = {"a": SimulatedUser(UserConfig(drift="none")),
             "b": SimulatedUser(UserConfig(drift="none", also_refuse=("rm",)))}
    streams = {"a": generate_stream(GateStreamConfig(n_calls=calls, seed=0)),
               "b": generate_stream(GateStreamConfig(n_calls=calls, seed=1))}
    config = GateConfig(learner=replace(GateConfig().learner, backend="thread"))
    exchanges = {}
    for name in users:
        gate = Gate(config, data_dir=root / name, embedder=embedder)
        exchanges[name] = Exchange(gate, Identity.load_or_create(root / name / "id.pem"),
                                   PeerList(root / name / "peers.db"), PeersConfig(weight=weight))
    for me, other in (("a", "b"), ("b", "a")):
        exchanges[me].peers.add(other, exchanges[other].identity.public_key, "http://x")
    out = {n: {"decisions": [], "unsafe_allows": 0, "wrong_denies": 0} for n in users}
    sent = {"a": 0, "b": 0}
    for i in range(calls):
        for name, user in users.items():
            gate, call = exchanges[name].gate, streams[name][i]
            answer = handle_claude_code_event(gate, {**call.event,
                                                     "hook_event_name": "PreToolUse"})
            decision = answer["hookSpecificOutput"]["permissionDecision"]
            truth = user.would_approve(call, 0)
            out[name]["decisions"].append(decision)
            tid = call.event["tool_use_id"]
            if decision == "ask":
                gate.feedback(tid, truth)
            elif decision == "allow":
                gate.feedback(tid, True, source="post_tool_use", status="ran")
                if not truth:
                    out[name]["unsafe_allows"] += 1
                    gate.feedback(tid, False, false_positive=True)
            elif truth:
                out[name]["wrong_denies"] += 1
                gate.feedback(tid, True, user_override=True)
        if shared and (i + 1) % every == 0:
            for me, other in (("a", "b"), ("b", "a")):
                peer = exchanges[me].peers.get(other)
                while True:  # everything new, in bundles of max_signals
                    wire = exchanges[me].outbox(peer, sent[me])
                    signals = json.loads(wire["payload"])["signals"]
                    if not signals:
                        break
                    exchanges[other].receive(wire)
                    sent[me] = signals[-1]["seq"]
    for exchange in exchanges.values():
        exchange.gate.close()
        exchange.peers.close()
    return out


def _summary(name: str, mode: str, run: dict[str, Any]) -> dict[str, Any]:
    decisions = run["decisions"]
    quarter = max(1, len(decisions) // 4)
    asks = [sum(d == "ask" for d in decisions[q:q + quarter]) / len(decisions[q:q + quarter])
            for q in range(0, quarter * 4, quarter)]
    return {"bench": "peers_sharing", "user": name, "mode": mode, "calls": len(decisions),
            "ask_rate": sum(d == "ask" for d in decisions) / len(decisions),
            "ask_rate_by_quarter": [round(a, 4) for a in asks],
            "unsafe_auto_allows": run["unsafe_allows"], "wrong_auto_denies": run["wrong_denies"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=600)
    parser.add_argument("--every", type=int, default=20)
    parser.add_argument("--weight", type=float, default=0.5)
    args = parser.parse_args()
    started = time.time()
    rows = {}
    for mode in ("alone", "shared"):
        run = _run(args.calls, args.every, args.weight, shared=mode == "shared")
        for name in ("a", "b"):
            rows[(name, mode)] = _summary(name, mode, run[name])
            print(json.dumps(rows[(name, mode)]), flush=True)
    for name in ("a", "b"):
        alone, shared = rows[(name, "alone")], rows[(name, "shared")]
        print(json.dumps({
            "bench": "peers_sharing", "user": name, "ratio": "shared/alone",
            "ask_rate": round(shared["ask_rate"] / max(alone["ask_rate"], 1e-9), 4),
            "unsafe_auto_allows": [alone["unsafe_auto_allows"], shared["unsafe_auto_allows"]],
            "weight": args.weight, "every": args.every,
            "seconds": round(time.time() - started, 1)}), flush=True)


if __name__ == "__main__":
    main()
