"""Two simulated users whose gates share answers as peers (BrainSync), against each alone.

Usage: ``python benchmarks/peers_sharing.py [--calls 600] [--every 20] [--weight 0.5]
[--modes alone,none,refusals,both] [--streams team|own] [--seed 0]``

User A is the gate benchmark's developer; user B holds the same preferences and also
refuses ``rm`` (overlapping, not equal). Their calls are the gate benchmark's, streamed
as it streams them for a user who refuses ``rm`` (focus on docker and rm/rmdir):
``team`` deals one stream (seed 0) out to the two in turn, two people on the same
projects with the same routine commands; ``own`` gives each a stream of their own
(seeds 0 and 1: other projects and habits). Each answers as the benchmark's loop does (a
prompt is answered, an auto-allowed call runs and a wrong one is flagged a false
positive, a wrong auto-deny is overridden). With sharing, every ``--every`` calls each
gate's new answers travel to the other as signed bundles (``neuroplast.peers.Exchange``:
sealed, verified, applied; the HTTP transport is tested in tests/server/), under each
``PeersConfig.peer_support`` mode in ``--modes`` (``none``: the peer's answers train the
model only; ``refusals``: its refusals also enter the memory of answers; ``both``: its
approvals too). Printed: one JSON line per user and mode (ask rate overall and per
quarter of the stream, which rule asked, unsafe auto-allows: allowed calls the user
refuses, wrong auto-denies and which rule denied), then per user and sharing mode one
line of ratios against alone.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def _streams(calls: int, kind: str, seed: int) -> dict[str, list[Any]]:
    """Each user's calls: ``own``, a stream of their own (seeds ``seed`` and ``seed + 1``:
    other projects, other habits); ``team``, one stream of twice the calls dealt out in
    turn, as two people working on the same projects with the same routine commands."""
    from neuroplast_bench.gate_stream import GateStreamConfig, generate_stream
    from neuroplast_bench.gate_user import EXTRA_PREFERENCES

    # as the gate benchmark streams for a user who refuses rm: the stream brings calls the
    # two users disagree on (rm, rmdir) beside the default focus (docker)
    focus = (("docker",), EXTRA_PREFERENCES["rm"])
    if kind == "own":
        return {name: generate_stream(GateStreamConfig(n_calls=calls, seed=seed,
                                                       focus_groups=focus))
                for name, seed in (("a", seed), ("b", seed + 1))}
    team = generate_stream(GateStreamConfig(n_calls=2 * calls, seed=seed, focus_groups=focus))
    return {"a": team[0::2], "b": team[1::2]}


def _run(calls: int, every: int, weight: float, mode: str, streams_kind: str, seed: int
         ) -> dict[str, dict[str, Any]]:
    import torch

    from neuroplast.gate import Gate, GateConfig, handle_claude_code_event
    from neuroplast.gate.embedding import CachedEmbedder
    from neuroplast.peers import Exchange, Identity, PeerList, PeersConfig
    from neuroplast_bench.gate_user import SimulatedUser, UserConfig

    torch.set_num_threads(1)
    root = Path(tempfile.mkdtemp(prefix="np-peers-bench-"))
    embedder = CachedEmbedder()
    users = {"a": SimulatedUser(UserConfig(drift="none")),
             "b": SimulatedUser(UserConfig(drift="none", also_refuse=("rm",)))}
    streams = _streams(calls, streams_kind, seed)
    config = GateConfig(learner=replace(GateConfig().learner, backend="thread"))
    exchanges = {}
    for name in users:
        gate = Gate(config, data_dir=root / name, embedder=embedder)
        exchanges[name] = Exchange(gate, Identity.load_or_create(root / name / "id.pem"),
                                   PeerList(root / name / "peers.db"), PeersConfig(weight=weight,
                                               peer_support="none" if mode == "alone" else mode))
    for me, other in (("a", "b"), ("b", "a")):
        exchanges[me].peers.add(other, exchanges[other].identity.public_key, "http://x")
    out = {n: {"decisions": [], "rules": [], "unsafe_allows": 0, "wrong_denies": 0,
               "wrong_deny_rules": []} for n in users}
    sent = {"a": 0, "b": 0}
    for i in range(calls):
        for name, user in users.items():
            gate, call = exchanges[name].gate, streams[name][i]
            answer = handle_claude_code_event(gate, {**call.event,
                                                     "hook_event_name": "PreToolUse"})
            decision = answer["hookSpecificOutput"]["permissionDecision"]
            truth = user.would_approve(call, 0)
            tid = call.event["tool_use_id"]
            row = gate.lookup(tid)
            out[name]["decisions"].append(decision)
            out[name]["rules"].append(row.source if row is not None else "")
            if decision == "ask":
                gate.feedback(tid, truth)
            elif decision == "allow":
                gate.feedback(tid, True, source="post_tool_use", status="ran")
                if not truth:
                    out[name]["unsafe_allows"] += 1
                    gate.feedback(tid, False, false_positive=True)
            elif truth:
                out[name]["wrong_denies"] += 1
                out[name]["wrong_deny_rules"].append(out[name]["rules"][-1])
                gate.feedback(tid, True, user_override=True)
        if mode != "alone" and (i + 1) % every == 0:
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


def _summary(name: str, mode: str, streams: str, run: dict[str, Any]) -> dict[str, Any]:
    decisions = run["decisions"]
    quarter = max(1, len(decisions) // 4)
    asks = [sum(d == "ask" for d in decisions[q:q + quarter]) / len(decisions[q:q + quarter])
            for q in range(0, quarter * 4, quarter)]
    return {"bench": "peers_sharing", "user": name, "mode": mode, "streams": streams,
            "calls": len(decisions),
            "ask_rate": sum(d == "ask" for d in decisions) / len(decisions),
            "ask_rate_by_quarter": [round(a, 4) for a in asks],
            "unsafe_auto_allows": run["unsafe_allows"], "wrong_auto_denies": run["wrong_denies"],
            "asks_by_rule": dict(Counter(r for d, r in zip(decisions, run["rules"], strict=True)
                                         if d == "ask").most_common()),
            "wrong_auto_denies_by_rule": dict(Counter(run["wrong_deny_rules"]))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=600)
    parser.add_argument("--every", type=int, default=20)
    parser.add_argument("--weight", type=float, default=0.5)
    parser.add_argument("--modes", default="alone,none,refusals,both",
                        help="alone and the PeersConfig.peer_support modes to run")
    parser.add_argument("--streams", choices=("team", "own"), default="team",
                        help="team: one stream dealt out to both; own: a stream each")
    parser.add_argument("--seed", type=int, default=0, help="the stream's seed")
    args = parser.parse_args()
    modes = args.modes.split(",")
    started = time.time()
    rows = {}
    for mode in modes:
        run = _run(args.calls, args.every, args.weight, mode, args.streams, args.seed)
        for name in ("a", "b"):
            rows[(name, mode)] = _summary(name, mode, args.streams, run[name])
            print(json.dumps(rows[(name, mode)]), flush=True)
    for name in ("a", "b"):
        alone = rows.get((name, "alone"))
        for mode in (m for m in modes if m != "alone" and alone):
            shared = rows[(name, mode)]
            print(json.dumps({
                "bench": "peers_sharing", "user": name, "ratio": f"{mode}/alone",
                "ask_rate": round(shared["ask_rate"] / max(alone["ask_rate"], 1e-9), 4),
                "ask_rate_by_quarter": [round(s / max(a, 1e-9), 4) for s, a in zip(
                    shared["ask_rate_by_quarter"], alone["ask_rate_by_quarter"], strict=True)],
                "unsafe_auto_allows": [alone["unsafe_auto_allows"],
                                       shared["unsafe_auto_allows"]],
                "wrong_auto_denies": [alone["wrong_auto_denies"], shared["wrong_auto_denies"]],
                "weight": args.weight, "every": args.every, "streams": args.streams,
                "seed": args.seed,
                "seconds": round(time.time() - started, 1)}), flush=True)


if __name__ == "__main__":
    main()
