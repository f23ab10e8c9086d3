#!/usr/bin/env bash
# The main job on a fresh machine: install everything (with the benchmark baselines) and
# run the benchmarks that back neuroplast's claims: tables on stdout, JSON lines and PNG
# plots in results/. About 23 minutes on 2 CPU cores plus the installs: the continual
# benchmark 12 min 12 s (970a65d), the gate benchmark 10 min 11 s (78dd3e3); each
# prints its estimate when it starts.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --bench
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
.venv/bin/neuroplast bench continual --out results
.venv/bin/neuroplast bench gate --out results
