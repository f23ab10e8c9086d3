"""``neuroplast bench``: run the project's benchmarks."""

from __future__ import annotations

import typer

__all__ = ["bench_app"]

bench_app = typer.Typer(help="Run benchmarks: each prints a table and one JSON line per result.",
                        no_args_is_help=True)
