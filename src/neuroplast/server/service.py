"""The one service: every installed, enabled subsystem on one FastAPI app.

``create_service(config, data_dir)`` builds the app; when it starts, each subsystem's
``start`` opens its state in the one data dir (``~/.neuroplast`` by default) and the
install's token (``<data dir>/gate/token``, what the hook reads) is read or created. One
:class:`~neuroplast.server.guard.Guard` stands in front of every route, the dashboard's
included: loopback Host only, no web pages (unless they prove a dashboard session), JSON
bodies only, and the token on every route but ``/healthz``.

Its own routes: ``GET /healthz`` (no token) and ``GET /v1/status`` (what runs, and what
each subsystem has learned).

>>> from neuroplast.server.subsystems import available
>>> from neuroplast.server.service_config import ServiceConfig
>>> app = create_service(ServiceConfig(subsystems=available()), data_dir="/tmp/not-opened")
>>> "/v1/status" in app.openapi()["paths"], "/v1/gate/stats" in app.openapi()["paths"]
(True, True)
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request

from neuroplast.server.app import API_MAX_BODY_BYTES, TOKEN_FILE, BodyLimit
from neuroplast.server.body import BODY_TIMEOUT_S
from neuroplast.server.errors import install_error_handlers
from neuroplast.server.guard import Guard
from neuroplast.server.service_config import ServiceConfig
from neuroplast.server.sessions import BrowserSessions
from neuroplast.server.subsystems import KNOWN
from neuroplast.store import data_dir as resolve_data_dir
from neuroplast.store import ensure_token, private_dir

__all__ = ["create_service"]

log = logging.getLogger(__name__)


def create_service(
    config: ServiceConfig,
    *,
    data_dir: str | os.PathLike[str] | None = None,
    warm_up: bool = True,
    body_timeout_s: float = BODY_TIMEOUT_S,
) -> FastAPI:
    """The service running every enabled subsystem of ``config`` (see the module doc)."""
    enabled = [s for name, s in config.subsystems.items() if config.enabled(name)]

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        directory = resolve_data_dir(data_dir)
        app.state.data_dir = directory
        app.state.token = ensure_token(private_dir(directory / "gate") / TOKEN_FILE
                                       ).encode("ascii")
        started: list[tuple[str, Any]] = []
        try:
            for subsystem in enabled:
                running = subsystem.start(config.section(subsystem.name), directory,
                                          app.state)
                started.append((subsystem.name, running))
                app.state.running[subsystem.name] = running
            app.state.started_at = time.time()
            yield
        finally:
            for name, running in reversed(started):
                try:
                    running.close()
                except Exception:  # one failed close must not keep the others open
                    log.exception("closing subsystem %s failed", name)

    app = FastAPI(title="neuroplast", lifespan=lifespan,
                  summary="Continual learning for AI agents: every subsystem, one service.")
    app.state.config = config
    app.state.running = {}
    app.state.token = None
    app.state.data_dir = Path(data_dir) if data_dir else None
    app.state.warm_up = warm_up
    app.state.started_at = 0.0
    # the gate's hook route reads its own body with these (server.gate_routes)
    gate_limits = {path: limit for s in enabled for path, limit in s.body_limits.items()}
    app.state.max_body_bytes = max(gate_limits.values(), default=API_MAX_BODY_BYTES)
    app.state.body_timeout_s = body_timeout_s
    install_error_handlers(app)

    @app.get("/healthz", summary="Liveness: the service is up (no token needed)")
    async def service_health() -> dict[str, Any]:
        return {"status": "ok", "subsystems": sorted(app.state.running)}

    @app.get("/v1/status", summary="What runs and what each subsystem has learned")
    def service_status(request: Request) -> dict[str, Any]:
        state = request.app.state
        subsystems: dict[str, Any] = {}
        for name in dict.fromkeys([*config.subsystems, *KNOWN]):
            running = state.running.get(name)
            if running is None:
                subsystems[name] = {"running": False,
                                    "why": config.off_because(name) or "not started"}
                continue
            subsystems[name] = {"running": True, **running.status()}
            why = config.not_enabled(name)
            if why and subsystems[name].get("enabled") is False:
                subsystems[name]["why"] = why
        return {"data_dir": str(state.data_dir), "pid": os.getpid(),
                "uptime_s": round(time.time() - state.started_at, 1),
                "subsystems": subsystems}

    for subsystem in enabled:
        app.include_router(subsystem.router(config.section(subsystem.name),
                                            Path(data_dir or ".")))
    browser_paths = tuple(p for s in enabled for p in s.browser)
    app.state.sessions = BrowserSessions(lambda: app.state.token, browser_paths)
    exempt = tuple(p for s in enabled for p in s.reads_own_body)
    app.add_middleware(BodyLimit, limit=API_MAX_BODY_BYTES, exempt=exempt, limits=gate_limits)
    app.add_middleware(
        Guard,
        secret=lambda: app.state.token,
        allowed_hosts=tuple(config.service.allowed_hosts),
        public=("/healthz", *(p for s in enabled for p in s.public)),
        limits=gate_limits,
        default_limit=API_MAX_BODY_BYTES,
        body_timeout_s=body_timeout_s,
        browser=app.state.sessions.admits if browser_paths else None,
    )
    return app
