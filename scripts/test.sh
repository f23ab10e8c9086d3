#!/usr/bin/env bash
# Install everything needed for the tests, then run them all (the slow-marked ones too,
# which the default `pytest` leaves out), on every core (pytest-xdist: the tests share no
# files, ports or state, each worker loads its own embedder). Exits non-zero on any
# failure. .ci/run runs this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
.venv/bin/python -m ruff check src tests benchmarks
exec .venv/bin/python -m pytest -m "slow or not slow" -p no:cacheprovider -n auto
