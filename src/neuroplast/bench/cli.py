"""``neuroplast bench``: run the project's benchmarks."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = ["bench_app", "continual"]

bench_app = typer.Typer(help="Run benchmarks: each prints a table and one JSON line per result.",
                        no_args_is_help=True)


@bench_app.callback()
def _group() -> None:
    """Run benchmarks: each prints a table and one JSON line per result."""
    # A callback keeps ``bench`` a group even while it has a single command.


@bench_app.command("continual")
def continual(
    out: Annotated[Path, typer.Option(help="directory for the JSON lines and PNG plots")] = Path(
        "results"),
    stream: Annotated[str, typer.Option(help="permuted, split or all")] = "all",
    setting: Annotated[str, typer.Option(help="offline, online or all")] = "all",
    seeds: Annotated[int | None, typer.Option(help="seeds to average (default: config)")] = None,
    quick: Annotated[bool, typer.Option(help="tiny budget: one epoch, one seed")] = False,
    avalanche: Annotated[bool, typer.Option(help="also run the Avalanche baselines")] = True,
) -> None:
    """Continual learning on Permuted- and Split-Digits: ours vs Avalanche, ACC/BWT/forgetting."""
    from neuroplast.bench.continual_main import main

    main(out=out, stream=stream, setting=setting, seeds=seeds, quick=quick, avalanche=avalanche)
