"""Continual learning on Permuted- and Split-Digits: neuroplast's EWC / EWC++ / replay
against Avalanche 0.6.0 on the same tensors; same as ``neuroplast bench continual``.

    python benchmarks/continual.py [--out DIR] [--stream permuted|split|all]
        [--setting offline|online|all] [--seeds N] [--quick] [--no-avalanche]
"""

from __future__ import annotations

import typer

from neuroplast_bench.cli import continual

if __name__ == "__main__":
    typer.run(continual)
