#!/usr/bin/env bash
# Set up .venv for neuroplast on a fresh machine. Usage: scripts/setup.sh [--bench]
#   --bench  also install the benchmark baselines (Avalanche, River, bash-classify).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
PIP=(.venv/bin/python -m pip install -q --disable-pip-version-check)
# Install the CPU build of torch first: a bare `torch` requirement would pull a multi-GB
# CUDA build. Skip when any torch is already there (the bench extra may have moved it).
.venv/bin/python -c "import torch" 2>/dev/null || "${PIP[@]}" torch==2.13.0
"${PIP[@]}" -e ".[dev]"
if [ "${1:-}" = "--bench" ]; then
  # avalanche-lib needs torchvision; PyPI's torchvision is built against the CUDA torch
  # wheel, so pip moves torch to the matching release (2.14.1 here). It still runs on CPU.
  "${PIP[@]}" -e ".[bench]"
  # bash-classify declares Python>=3.12 but is pure Python and runs on 3.11; it is only
  # a benchmark baseline, so we accept the override rather than drop the comparison.
  "${PIP[@]}" --ignore-requires-python "bash-classify==0.14.1"
fi
