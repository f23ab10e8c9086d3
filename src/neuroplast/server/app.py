"""The FastAPI application: a thin shell over :class:`neuroplast.gate.Gate`.

``create_app()`` with no gate opens one on startup (``data_dir``/``config``) and closes it
on shutdown; a gate passed in belongs to the caller and is left open. On startup the
service also reads (or, the first time, creates) the install's token, ``<gate dir>/token``:
every route but ``/healthz`` needs it (see :mod:`neuroplast.server.guard`).

>>> app = create_app(data_dir="/tmp/never-opened")  # the gate opens on startup, not here
>>> sorted(p for p in app.openapi()["paths"] if p.startswith("/v1"))
['/v1/gate/feedback', '/v1/gate/stats', '/v1/hooks/claude-code']
"""

from __future__ import annotations

import gc
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from neuroplast.config import check_range
from neuroplast.gate.hook_cli import HOOK_PATH
from neuroplast.server.body import BODY_TIMEOUT_S
from neuroplast.server.errors import error_response, install_error_handlers
from neuroplast.server.gate_routes import router as gate_router
from neuroplast.server.guard import Guard
from neuroplast.store import ensure_token

if TYPE_CHECKING:
    from neuroplast.gate import Gate, GateConfig

__all__ = ["API_MAX_BODY_BYTES", "DEFAULT_MAX_BODY_BYTES", "TOKEN_FILE", "BodyLimit",
           "create_app"]

# A hook event is the call: its size is the tool input's. Claude Code's model writes a
# Write's content or an Edit's strings within one response, at most its output-token limit
# (128k for the largest current Claude models: ~0.5 MB of code at ~4 characters a token),
# and JSON escapes at most double it (quotes, backslashes, newlines). 8 MiB is 8x that, and
# refuses a body that is only there to cost the service time (a 32 MB one parses in
# ~0.3 s). A PostToolUse also carries what the tool gave back (a Write's file again, an
# Edit's original file), which the gate never reads: the hook drops a large one
# (hook_cli.slim). Over the limit: 413, and a PreToolUse also gets an `ask`.
# create_app(max_body_bytes=...) or `neuroplast gate serve --max-body-mb` raises it.
DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024
# Every other route takes a few hundred bytes (feedback: an id and three booleans).
API_MAX_BODY_BYTES = 1024 * 1024
TOKEN_FILE = "token"  # in the gate's folder, <data dir>/gate/token: what the hook reads


class BodyLimit:
    """ASGI middleware: 413 for a declared ``Content-Length`` over ``limit``.

    The hook route is exempt: it reads its own body with the same limit so that an
    oversize PreToolUse still gets a safe ``ask``. The refused body is drained (up to 4x
    the limit) so the client, still sending, reads the answer.

    >>> BodyLimit(app=None, limit=10).limit
    10
    """

    def __init__(self, app: ASGIApp, limit: int, exempt: tuple[str, ...] = (),
                 limits: dict[str, int] | None = None) -> None:
        self.app = app
        self.limit = limit
        self.exempt = exempt
        self.limits = limits or {}  # paths that take more (memory's prompts: 4 MB)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in self.exempt:
            await self.app(scope, receive, send)
            return
        limit = self.limits.get(scope["path"], self.limit)
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if not declared.isdigit() or int(declared) <= limit:
            await self.app(scope, receive, send)
            return
        if int(declared) <= 4 * limit:
            message: Message = {"more_body": True}
            while message.get("more_body", False):
                message = await receive()
        response = error_response(
            413,
            "PayloadTooLarge",
            f"request body of {int(declared)} bytes is over the {limit}-byte limit",
        )
        await response(scope, receive, send)


def create_app(
    gate: Gate | None = None,
    *,
    data_dir: str | os.PathLike[str] | None = None,
    config: GateConfig | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    warm_up: bool = True,
    allowed_hosts: tuple[str, ...] = (),
    body_timeout_s: float = BODY_TIMEOUT_S,
) -> FastAPI:
    """The neuroplast HTTP service around ``gate`` (or one opened at ``data_dir``).

    ``warm_up`` loads the embedder of a gate opened here before the first request.
    ``allowed_hosts``: Host names accepted besides 127.0.0.1, localhost and [::1] (for a
    service reachable from other machines). ``body_timeout_s``: time to send a body.
    """
    check_range("create_app", "max_body_bytes", max_body_bytes, 1)
    check_range("create_app", "body_timeout_s", body_timeout_s, 0.001)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = gate is None
        if owned:
            from neuroplast.gate import Gate, GateConfig

            app.state.gate = Gate(config=config or GateConfig(), data_dir=data_dir)
            if warm_up:
                # Load the embedder now, not on the first tool call, which would outlast
                # the hook's 2 s timeout and fall back to asking.
                app.state.gate.extractor.embedder.embed(["neuroplast gate warm-up"])
                # and the shell grammar (its first parse loads it: ~25 ms)
                from neuroplast.gate.shell import split_command

                split_command("true")
            # Everything loaded so far (torch, transformers, the model) lives as long as
            # the service: move it out of the garbage collector's generations. A full
            # collection otherwise scans those ~10^6 objects and pauses every request for
            # 100-250 ms (measured), and the learner's allocations trigger one now and then.
            gc.collect()
            gc.freeze()
        app.state.token = ensure_token(app.state.gate.dir / TOKEN_FILE).encode("ascii")
        try:
            yield
        finally:
            if owned:
                app.state.gate.close()

    app = FastAPI(
        title="neuroplast",
        summary="Continual learning for AI agents: the learning tool-call gate.",
        lifespan=lifespan,
    )
    app.state.gate = gate
    app.state.token = None  # read on startup
    app.state.data_dir = data_dir
    app.state.max_body_bytes = max_body_bytes
    app.state.body_timeout_s = body_timeout_s
    install_error_handlers(app)
    app.include_router(gate_router)
    api_limit = min(max_body_bytes, API_MAX_BODY_BYTES)
    app.add_middleware(BodyLimit, limit=api_limit, exempt=(HOOK_PATH,))
    # Outermost: nothing runs for a request that is not from the user's own tools.
    app.add_middleware(
        Guard,
        secret=lambda: app.state.token,
        allowed_hosts=allowed_hosts,
        limits={HOOK_PATH: max_body_bytes},
        default_limit=api_limit,
        body_timeout_s=body_timeout_s,
    )
    return app
