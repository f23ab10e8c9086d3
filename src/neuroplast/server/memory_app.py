"""The model service of ``neuroplast.memory``: a local model's log-probabilities over HTTP.

It has the gate service's protections (:class:`neuroplast.server.guard.Guard`): loopback
Host only, no web pages, JSON bodies only, and every route but ``/healthz`` needs the
token (``Authorization: Bearer``, as vLLM's ``--api-key``), so only the user's own agent
reads or changes the model.

>>> app = create_memory_app(backend=None, model_name="tiny", token="t" * 43)
>>> sorted(p for p in app.openapi()["paths"])
['/healthz', '/score', '/train', '/train/status/{job_id}', '/v1/completions', '/v1/models']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import FastAPI

from neuroplast.errors import ConfigError
from neuroplast.server.app import API_MAX_BODY_BYTES, BodyLimit
from neuroplast.server.errors import install_error_handlers
from neuroplast.server.guard import Guard
from neuroplast.server.memory_routes import router

if TYPE_CHECKING:
    from neuroplast.memory.local import LocalBackend
    from neuroplast.memory.service import ModelService

__all__ = ["create_memory_app"]

# A 4,096-token prompt as JSON is ~30 KB; a batch of 64 such prompts fits in 4 MB.
MEMORY_MAX_BODY_BYTES = 4 * API_MAX_BODY_BYTES


def create_memory_app(
    backend: LocalBackend | None,
    *,
    model_name: str,
    service: ModelService | None = None,
    token: str,
    allowed_hosts: tuple[str, ...] = (),
    max_body_bytes: int = MEMORY_MAX_BODY_BYTES,
) -> FastAPI:
    """The service around ``backend`` (or ``service``, which also trains: ``/train``),
    answering for ``model_name``."""
    if not token or len(token) < 16:
        raise ConfigError("create_memory_app needs a token of 16 characters or more "
                          "(neuroplast.store.ensure_token makes one)")
    app = FastAPI(title="neuroplast memory", summary="log-probabilities of a local model")
    app.state.backend = backend
    app.state.service = service
    app.state.model_name = model_name
    secret = token.encode("ascii")
    install_error_handlers(app)
    app.include_router(router)

    @app.get("/healthz")
    async def healthz() -> dict[str, Any]:
        # which peers' adapters the scoring model has merged ([peers] adapter_weight)
        merged = list(service.peers_merged) if service is not None else []
        return {"status": "ok", "model": model_name, "peer_adapters": merged}

    app.add_middleware(BodyLimit, limit=max_body_bytes)
    app.add_middleware(Guard, secret=lambda: secret, allowed_hosts=allowed_hosts,
                       token_hint="<data dir>/memory/token",
                       default_limit=max_body_bytes)
    return app
