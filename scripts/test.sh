#!/usr/bin/env bash
# Install everything needed for the tests, then run them: the fast suite, then the slow
# marked tests. Exits non-zero on any failure. This is what .ci/run runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
.venv/bin/python -m ruff check src tests benchmarks
.venv/bin/python -m pytest
status=0
.venv/bin/python -m pytest -m slow -p no:cacheprovider || status=$?
# pytest exits 5 when no test is marked slow: that is not a failure.
if [ "$status" -ne 0 ] && [ "$status" -ne 5 ]; then exit "$status"; fi
