#!/usr/bin/env bash
# The main job on a fresh machine: install everything (with the benchmark baselines) and
# run the benchmarks that back neuroplast's claims. Results land in results/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --bench
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
.venv/bin/neuroplast bench continual --out results "$@"
