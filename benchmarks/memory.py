"""Benchmarks of neuroplast.memory on the committed tiny models; one JSON line per figure.

    .venv/bin/python benchmarks/memory.py cost                 # 20 memories x 50 responses
    .venv/bin/python benchmarks/memory.py cost --responses 200 --window 50
    .venv/bin/python benchmarks/memory.py attribution --seeds 0 1 2 3 4
    .venv/bin/python benchmarks/memory.py loop --seeds 0       # with and without EWC+replay

``--model`` picks the model folder (default benchmarks/data/tiny_lm/llama). Torch runs on
one thread unless ``--threads`` says otherwise.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import torch

from neuroplast_bench.memory_bench import attribution, closed_loop, cost

DEFAULT_MODEL = Path(__file__).parent / "data" / "tiny_lm" / "llama"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["cost", "attribution", "loop"])
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--conversations", type=int, default=40)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--memories", type=int, default=20, help="cost: memories")
    parser.add_argument("--responses", type=int, default=50, help="cost: responses")
    parser.add_argument("--window", type=int, default=None,
                        help="cost: judge each memory on this many responses after it "
                             "(default: the full matrix)")
    parser.add_argument("--depends", type=float, default=1.0,
                        help="attribution: nats at which a response depends on a memory")
    parser.add_argument("--threshold", type=float, default=1.0,
                        help="loop: candidate divergence threshold (nats)")
    parser.add_argument("--out", type=Path, default=None, help="also append the lines here")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    rows = []
    for seed in args.seeds:
        if args.what == "cost":
            rows += [cost(args.model, args.memories, args.responses, batch_size=b, seed=seed,
                          window=args.window) for b in (1, 8)]
        elif args.what == "attribution":
            rows.append(attribution(args.model, seed, args.conversations, args.depends))
        else:
            for guard in (True, False):
                rows.append(closed_loop(args.model, seed, guard=guard,
                                        threshold=args.threshold))
    for row in rows:
        line = json.dumps(row, sort_keys=True)
        print(line, flush=True)
        if args.out is not None:
            with args.out.open("a") as f:
                f.write(line + "\n")


if __name__ == "__main__":
    main()
