#!/usr/bin/env bash
# Set up .venv for neuroplast on a fresh machine: the CPU build of torch, neuroplast with its
# test tools, and the benchmark harness (benchmarks/, package neuroplast-bench).
# Usage: scripts/setup.sh [--bench]
#   --bench  also install the benchmark baselines (Avalanche, bash-classify).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
PIP=(.venv/bin/python -m pip install -q --disable-pip-version-check)
# The CPU build of torch, always asked for by its exact version: a bare `torch` requirement
# would pull a CUDA build and ~3 GB of nvidia-* wheels. pip finds 2.13.0+cpu on this
# machine's disk; it is a no-op when that build is already installed.
TORCH=torch==2.13.0
"${PIP[@]}" "$TORCH"
# nvidia-* wheels left by an older set-up that moved torch to a CUDA build serve nothing
# beside the CPU build.
mapfile -t CUDA < <(.venv/bin/python -m pip list --format=freeze 2>/dev/null \
  | grep -io '^nvidia-[^=]*' || true)
[ ${#CUDA[@]} -eq 0 ] || .venv/bin/python -m pip uninstall -q -y "${CUDA[@]}"
"${PIP[@]}" "$TORCH" -e ".[dev,ray]" -e ./benchmarks
if [ "${1:-}" = "--bench" ]; then
  # Avalanche runs its strategies on torch alone, but avalanche-lib (and pytorchcv, which it
  # imports) imports torchvision at load time, for pure-Python parts only (Compose, dataset
  # wrappers). Every torchvision wheel on PyPI for x86_64 is built against CUDA torch: as a
  # dependency it moves torch to a CUDA build with ~3 GB of nvidia-* wheels, and its
  # compiled ops cannot load beside the CPU build. The release matching torch 2.13
  # (0.28.0) then fails to import ("operator torchvision::nms does not exist"), and there
  # is no sdist to build. torchvision 0.16.2 is the newest release whose import survives
  # without its compiled ops (it skips them with a warning), so Avalanche runs on the CPU
  # build with it. Hence --no-deps for these three, and Avalanche's other requirements
  # listed in benchmarks/requirements-avalanche.txt; `pip check` then reports torchvision's
  # own pin (torch==2.1.2), which is expected.
  "${PIP[@]}" "$TORCH" -r benchmarks/requirements-avalanche.txt
  "${PIP[@]}" --no-deps avalanche-lib==0.6.0 pytorchcv==0.0.74 torchvision==0.16.2
  # bash-classify declares Python>=3.12 but is pure Python and runs on 3.11; it is only
  # a benchmark baseline, so we accept the override rather than drop the comparison.
  "${PIP[@]}" --ignore-requires-python "bash-classify==0.14.1"
fi
