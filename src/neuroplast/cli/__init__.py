"""The ``neuroplast`` command line: a thin shell over the Python API.

Sub-command groups live in this package (``neuroplast.cli.gate``) or beside
the benchmarks they run (``neuroplast_bench.cli``, a separate package in the
repository's ``benchmarks/``) and are attached here. Errors become exit codes in one
place: :func:`main`.
"""

from __future__ import annotations

import importlib.util
import sys

import typer
from rich.console import Console
from rich.markup import escape

from neuroplast.errors import (
    BackendUnavailable,
    InvalidInputError,
    NeuroplastError,
    StoreError,
)

__all__ = ["app", "main"]

app = typer.Typer(
    name="neuroplast",
    help="Continual learning for AI agents: learn online from feedback without forgetting.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


BENCH_MISSING = ("neuroplast bench needs the benchmark harness: pip install -e benchmarks "
                 "(in a clone of the repository), or bash scripts/setup.sh")


def _bench_missing() -> None:
    """Run benchmarks (not installed: pip install -e benchmarks)."""
    raise NeuroplastError(BENCH_MISSING)


def _attach_groups() -> None:
    if importlib.util.find_spec("neuroplast_bench") is None:
        # Not installed: `neuroplast bench ...`, whatever follows, says how to install it.
        app.command("bench", context_settings={"allow_extra_args": True,
                                               "ignore_unknown_options": True})(_bench_missing)
    else:
        from neuroplast_bench.cli import bench_app

        app.add_typer(bench_app, name="bench")
    from neuroplast.cli.gate import gate_app
    from neuroplast.cli.memory import memory_app
    from neuroplast.cli.peers import peers_app
    from neuroplast.cli.serve import dashboard, serve, status
    from neuroplast.cli.sona import sona_app

    app.add_typer(gate_app, name="gate")
    app.add_typer(peers_app, name="peers")
    app.add_typer(memory_app, name="memory")
    app.add_typer(sona_app, name="sona")
    app.command("serve")(serve)
    app.command("status")(status)
    app.command("dashboard")(dashboard)


# Exit codes: 1 unexpected, 2 usage/input (typer's convention), 3 store, 4 backend.
EXIT_CODES: list[tuple[type[NeuroplastError], int]] = [
    (InvalidInputError, 2),
    (StoreError, 3),
    (BackendUnavailable, 4),
    (NeuroplastError, 2),
]


def main() -> None:
    """Entry point of the ``neuroplast`` script."""
    _attach_groups()
    try:
        app(standalone_mode=False)
    except NeuroplastError as exc:
        Console(stderr=True, soft_wrap=True).print(f"[bold red]error:[/] {escape(str(exc))}")
        code = next(code for kind, code in EXIT_CODES if isinstance(exc, kind))
        sys.exit(code)
    except typer.Abort:
        sys.exit(130)
    except Exception as exc:  # click's usage errors arrive here with standalone_mode=False
        # typer >= 0.29 vendors its own click (typer._click), so a usage error need not be
        # a click.ClickException: recognise click's protocol, whichever click raised it.
        if callable(getattr(exc, "show", None)) and isinstance(getattr(exc, "exit_code", None),
                                                                int):
            exc.show()
            sys.exit(exc.exit_code)
        raise
