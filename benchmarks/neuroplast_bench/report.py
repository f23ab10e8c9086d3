"""Print the continual benchmark: a rich table, one JSON line per result, the targets.

>>> from neuroplast_bench.results import MethodResult
>>> r = MethodResult("split", "online", "naive", "neuroplast", [[[1.0]]], 0.5)
>>> json_lines([r])[0].startswith('{"stream": "split"')
True
"""

from __future__ import annotations

import json
import sys

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from neuroplast_bench.results import MethodResult
from neuroplast_bench.targets import Target

__all__ = ["json_lines", "print_report", "results_table", "targets_table"]


def json_lines(results: list[MethodResult]) -> list[str]:
    """One compact JSON object per result, in run order."""
    return [json.dumps(r.to_json_dict()) for r in results]


def results_table(results: list[MethodResult], avalanche_note: str | None = None) -> Table:
    """Metrics of every result; a loud red row when Avalanche could not run."""
    seeds = max((len(r.matrices) for r in results), default=0)
    table = Table(title=f"Continual learning on digits (mean of {seeds} seed(s))")
    for col in ("stream", "setting", "method", "impl", "ACC", "BWT", "forgetting",
                "seconds", "ours/avalanche"):
        table.add_column(col, justify="right" if col[0].isupper() or col in
                         ("forgetting", "seconds", "ours/avalanche") else "left")
    for r in results:
        ratio = "" if r.ratio_vs_avalanche is None else f"{r.ratio_vs_avalanche:.3f}"
        table.add_row(r.stream, r.setting, r.method, r.impl, f"{r.acc:.3f}", f"{r.bwt:+.3f}",
                      f"{r.forgetting:.3f}", f"{r.seconds:.2f}", ratio)
    if avalanche_note:
        table.add_row("[bold red]ALL[/]", "", "", "[bold red]avalanche[/]",
                      f"[bold red]{escape(avalanche_note)}[/]", "", "", "", "")
    return table


def targets_table(targets: list[Target]) -> Table:
    """Each target with its measured value and PASS/FAIL."""
    table = Table(title="Targets (Permuted-Digits, offline)")
    for col in ("target", "measured", "result"):
        table.add_column(col)
    for t in targets:
        verdict = ("info (same algorithm)" if t.passed is None
                   else "[green]PASS[/]" if t.passed else "[bold red]FAIL[/]")
        table.add_row(t.name, t.measured, verdict)
    return table


def print_report(results: list[MethodResult], targets: list[Target],
                 avalanche_note: str | None = None, console: Console | None = None) -> None:
    """Table, targets, then the JSON lines (plain, so they can be grepped from stdout)."""
    # Wide enough for every column when stdout is a file or a pipe (no terminal width).
    console = console or Console(width=None if sys.stdout.isatty() else 140)
    console.print(results_table(results, avalanche_note))
    if avalanche_note:
        console.print(f"[bold red]Avalanche baselines did not run — {escape(avalanche_note)}[/]")
    if targets:
        console.print(targets_table(targets))
    for line in json_lines(results):
        print(line, flush=True)
