"""``neuroplast memory``: serve a model for scoring and training, review fine-tuning candidates.

The memory loop keeps its state in ``<data dir>/memory/``: ``memory.db`` (weights, the
trained ledger, reviews), the model service's ``token``, ``jobs.db`` and ``adapters/``.
``candidates`` scores a context file (``{"nodes": [...]}``, see
:class:`neuroplast.memory.Context`) and stores what it finds for review; ``approve`` and
``reject`` decide; ``send`` posts the approved ones to a model service's ``/train`` and
marks them trained once the service accepted them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from neuroplast.errors import BackendUnavailable, InvalidInputError

__all__ = ["memory_app"]

memory_app = typer.Typer(
    help="Which memories shape answers; teach the model what it has not internalised.",
    no_args_is_help=True,
)

_DATA_HELP = "Data dir (default: $NEUROPLAST_HOME or ~/.neuroplast)."
DataDir = Annotated[Path | None, typer.Option(help=_DATA_HELP)]
TOKEN_FILE = "token"


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
    service = ModelService(model, folder)
    app = create_memory_app(None, model_name=name or model.name, token=token, service=service)
    Console(stderr=True).print(f"serving {model} as {name or model.name!r} on "
                               f"http://{host}:{port} (token: {folder / TOKEN_FILE})")
    try:
        uvicorn.Server(server_config(app, host=host, port=port)).run()
    finally:
        service.close()


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
            except (OSError, json.JSONDecodeError) as exc:
                raise InvalidInputError(f"cannot read context {context}: {exc}") from exc
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
        table.add_row(f"{r.response_ts:g}", r.status, f"{r.divergence:.2f}", r.text,
                      r.alternative or "")
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


@memory_app.command()
def send(
    url: Annotated[str, typer.Option(help="The model service, e.g. http://127.0.0.1:8766")],
    token_file: Annotated[Path, typer.Option(help="File with the service's token.")],
    data_dir: DataDir = None,
) -> None:
    """Send approved, untrained candidates to /train; mark them trained once accepted."""
    import httpx

    store = _store(data_dir)
    try:
        trained = store.trained_timestamps()
        todo = [r for r in store.reviews("approved") if r.response_ts not in trained]
        if not todo:
            typer.echo("nothing approved to send")
            return
        body = {"training_data": {"samples": [
            {"context_ids": list(r.context_ids), "continuation_ids": list(r.continuation_ids)}
            for r in todo]}}
        token = token_file.read_text().strip()
        try:
            reply = httpx.post(f"{url.rstrip('/')}/train", json=body, timeout=60,
                               headers={"Authorization": f"Bearer {token}"})
        except httpx.HTTPError as exc:
            raise BackendUnavailable(f"{url} did not answer ({exc}); is it running?") from exc
        if reply.status_code != 200:
            raise InvalidInputError(f"/train answered {reply.status_code}: {reply.text[:300]}")
        job = reply.json()["job_id"]
        store.mark_trained([r.response_ts for r in todo], job_id=job)
        typer.echo(json.dumps({"job_id": job, "samples": len(todo)}))
    finally:
        store.close()
