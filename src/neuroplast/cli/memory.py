"""``neuroplast memory``: serve a model for scoring and training, review fine-tuning candidates.

The memory loop keeps its state in ``<data dir>/memory/``: ``memory.db`` (weights, the
trained ledger, reviews), the model service's ``token``, ``jobs.db`` and ``adapters/``.
``candidates`` scores a context file (``{"nodes": [...]}``, see
:class:`neuroplast.memory.Context`) and stores what it finds for review; ``approve`` and
``reject`` decide; ``send`` posts the approved ones to a model service's ``/train`` and
marks them trained once the service accepted them; ``review`` does all three in a terminal
screen (:mod:`neuroplast.cli.memory_review`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from neuroplast.errors import InvalidInputError

__all__ = ["memory_app"]

memory_app = typer.Typer(
    help="Which memories shape answers; teach the model what it has not internalised.",
    no_args_is_help=True,
)

_DATA_HELP = "Data dir (default: $NEUROPLAST_HOME or ~/.neuroplast)."
DataDir = Annotated[Path | None, typer.Option(help=_DATA_HELP)]
TOKEN_FILE = "token"
DEFAULT_URL = "http://127.0.0.1:8766"  # where `serve` listens by default


def format_ts(timestamp: float) -> str:
    """A response timestamp as ``approve`` / ``reject`` take it: every digit, no exponent.

    >>> format_ts(1733259123.5), format_ts(9.0)
    ('1733259123.5', '9')
    """
    text = repr(float(timestamp))  # the shortest text that reads back as the same float
    return text[:-2] if text.endswith(".0") else text


def _dir(data_dir: Path | None) -> Path:
    from neuroplast.store import data_dir as resolve
    from neuroplast.store import private_dir

    return private_dir(resolve(data_dir) / "memory")


def _store(data_dir: Path | None):  # type: ignore[no-untyped-def]
    from neuroplast.memory import MemoryStore

    return MemoryStore(_dir(data_dir) / "memory.db")


@memory_app.command()
def serve(
    model: Annotated[Path, typer.Option(help="A Hugging Face causal LM directory.")],
    data_dir: DataDir = None,
    name: Annotated[str | None, typer.Option(help="Model name clients send (default: the "
                                             "directory's name).")] = None,
    host: Annotated[str, typer.Option(help="Interface (loopback only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8766,
) -> None:
    """Serve MODEL: /v1/completions (prompt_logprobs, echo), /score, /train."""
    import uvicorn

    from neuroplast.memory.service import ModelService
    from neuroplast.server.guard import is_loopback
    from neuroplast.server.memory_app import create_memory_app
    from neuroplast.server.serving import server_config
    from neuroplast.store import ensure_token

    if not is_loopback(host):
        raise InvalidInputError(f"--host {host} is not loopback; the model service listens "
                                "on 127.0.0.1, localhost or ::1 only")
    folder = _dir(data_dir)
    token = ensure_token(folder / TOKEN_FILE)
    service = ModelService(model, folder, peer_adapters=_peer_adapters(folder.parent))
    app = create_memory_app(None, model_name=name or model.name, token=token, service=service)
    Console(stderr=True).print(f"serving {model} as {name or model.name!r} on "
                               f"http://{host}:{port} (token: {folder / TOKEN_FILE})")
    try:
        uvicorn.Server(server_config(app, host=host, port=port)).run()
    finally:
        service.close()


def _peer_adapters(home: Path):  # type: ignore[no-untyped-def]
    """The peers' memory adapters that count now, read as memory on ``neuroplast serve``
    reads them (``server.memory_subsystem.peer_adapter_source``)."""
    from neuroplast.server.memory_subsystem import peer_adapter_source

    return peer_adapter_source(home)


@memory_app.command()
def candidates(
    context: Annotated[Path | None, typer.Option(help="A context JSON file to score first.")]
    = None,
    model: Annotated[Path | None, typer.Option(help="Score with this local model directory.")]
    = None,
    threshold: Annotated[float, typer.Option(help="Minimum divergence (nats).")] = 1.0,
    generate: Annotated[bool, typer.Option(help="Also show the memory-less answer.")] = False,
    data_dir: DataDir = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines.")] = False,
) -> None:
    """List fine-tuning candidates (scoring CONTEXT with MODEL first, if given)."""
    store = _store(data_dir)
    try:
        if context is not None:
            if model is None:
                raise InvalidInputError("--context needs --model to score it with")
            from neuroplast.memory import CandidateConfig, Context, LocalBackend, Scorer
            from neuroplast.memory.candidates import find_candidates

            try:
                ctx = Context.from_dict(json.loads(context.read_text()))
            except (OSError, ValueError) as exc:  # ValueError: not UTF-8, not JSON
                raise InvalidInputError(f"cannot read context {context}: {exc}; give a JSON "
                                        'file {"nodes": [...]}') from exc
            backend = LocalBackend.from_pretrained(model)
            found = find_candidates(Scorer(backend, backend.tokenizer), ctx,
                                    CandidateConfig(threshold=threshold, generate=generate),
                                    store.trained_timestamps())
            store.offer(found)
        rows = store.reviews()
    finally:
        store.close()
    if as_json:
        for r in rows:
            typer.echo(json.dumps({"response_ts": r.response_ts, "status": r.status,
                                   "divergence": r.divergence, "text": r.text,
                                   "alternative": r.alternative}))
        return
    table = Table("response_ts", "status", "divergence", "response", "without memories")
    for r in rows:
        table.add_row(format_ts(r.response_ts), r.status, f"{r.divergence:.2f}", Text(r.text),
                      Text(r.alternative or ""))
    Console().print(table)


@memory_app.command()
def approve(response_ts: float, data_dir: DataDir = None) -> None:
    """Approve the candidate of the response with this timestamp."""
    store = _store(data_dir)
    try:
        store.set_status(response_ts, "approved")
    finally:
        store.close()


@memory_app.command()
def reject(response_ts: float, data_dir: DataDir = None) -> None:
    """Reject the candidate of the response with this timestamp."""
    store = _store(data_dir)
    try:
        store.set_status(response_ts, "rejected")
    finally:
        store.close()


_URL_HELP = "The model service (`neuroplast memory serve`)."
_TOKEN_HELP = "File with the service's token (default: <data dir>/memory/token)."


@memory_app.command()
def send(
    url: Annotated[str, typer.Option(help=_URL_HELP)] = DEFAULT_URL,
    token_file: Annotated[Path | None, typer.Option(help=_TOKEN_HELP)] = None,
    data_dir: DataDir = None,
) -> None:
    """Send approved, untrained candidates to /train; mark them trained once accepted."""
    from neuroplast.config import check_url
    from neuroplast.memory.sending import read_token, send_approved, unsent_approved

    url = check_url(url, "--url")
    store = _store(data_dir)
    try:  # no token needed to find there is nothing to send
        sent = None
        if unsent_approved(store):
            token = read_token(token_file or _dir(data_dir) / TOKEN_FILE)
            with Console(stderr=True).status(f"sending to {escape(url)}/train (up to 60 s)..."):
                sent = send_approved(store, url, token)
    finally:
        store.close()
    if sent is None:
        typer.echo("nothing approved to send")
        return
    typer.echo(json.dumps({"job_id": sent.job_id, "samples": len(sent.response_ts)}))


@memory_app.command()
def review(
    url: Annotated[str, typer.Option(help=_URL_HELP)] = DEFAULT_URL,
    token_file: Annotated[Path | None, typer.Option(help=_TOKEN_HELP)] = None,
    data_dir: DataDir = None,
) -> None:
    """Review candidates in the terminal: j/k move, a approve, r reject, g the memory-less
    answer, s send the approved ones to /train, q quit."""
    import sys

    from neuroplast.cli.memory_review import ReviewApp  # Textual loads only here
    from neuroplast.config import check_url

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise InvalidInputError("memory review is a terminal screen and needs a terminal; in "
                                "a script use `neuroplast memory candidates`, `approve`, "
                                "`reject` and `send`")
    url = check_url(url, "--url")
    store = _store(data_dir)
    try:
        ReviewApp(store, url, token_file or _dir(data_dir) / TOKEN_FILE).run()
    finally:
        store.close()
