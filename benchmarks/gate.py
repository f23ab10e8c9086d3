"""The gate benchmark: a simulated user over real commands, replayed through the HTTP service.

Usage: ``python benchmarks/gate.py [--calls 5000] [--out results] [--data-dir benchmarks/data]``
(the same as ``neuroplast bench gate``). See :mod:`neuroplast_bench.gate`.
"""

from __future__ import annotations

import argparse

from neuroplast_bench.gate import GateBenchConfig, run_gate_benchmark
from neuroplast_bench.gate_user import DRIFTS, EXTRA_PREFERENCES, PERMISSIONS


def main() -> None:
    defaults = GateBenchConfig()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=defaults.calls)
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument("--warmup", type=int, default=defaults.warmup)
    parser.add_argument("--drift", choices=list(DRIFTS), default=defaults.drift)
    parser.add_argument("--also-refuse", nargs="*", choices=list(EXTRA_PREFERENCES), default=[],
                        help="extra preferences of the simulated user (another user)")
    parser.add_argument("--also-allow", nargs="*", choices=list(PERMISSIONS), default=[],
                        help="what a more permissive simulated user also approves")
    parser.add_argument("--no-descriptions", action="store_true",
                        help="Bash calls without the agent's description")
    parser.add_argument("--gate-config", default="",
                        help="a .toml or .json file of GateConfig fields for the service")
    parser.add_argument("--data-dir", default=defaults.data_dir,
                        help="folder with tldr_commands.jsonl and gtfobins.jsonl "
                             "(default: the repository's benchmarks/data)")
    parser.add_argument("--out", default=defaults.out, help="where the PNG and JSON lines go")
    parser.add_argument("--latency-samples", type=int, default=defaults.latency_samples)
    parser.add_argument("--attack-fuzz", type=int, default=defaults.attack_fuzz,
                        help="fuzzed requests of the attacker section (0: none)")
    parser.add_argument("--attack-kills", type=int, default=defaults.attack_kills,
                        help="server and worker kills of the fault trials (0: none)")
    args = parser.parse_args()
    run_gate_benchmark(GateBenchConfig(
        calls=args.calls, seed=args.seed, warmup=args.warmup, drift=args.drift,
        also_refuse=tuple(args.also_refuse), also_allow=tuple(args.also_allow),
        descriptions=not args.no_descriptions, gate_config=args.gate_config,
        data_dir=args.data_dir, out=args.out, latency_samples=args.latency_samples,
        attack_fuzz=args.attack_fuzz, attack_kills=args.attack_kills))


if __name__ == "__main__":
    main()
