"""The dashboard's routes: the page, its two static files, its data, and the login.

Every one is behind the Guard: the data with the token or a browser session; the page
and its files with a session (``server.sessions``); ``/login`` turns a one-time code into
a session. Pages are sent with a strict Content-Security-Policy (only this origin's own
script and style, no framing) and ``no-store``.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from neuroplast.server.errors import error_response
from neuroplast.server.sessions import COOKIE, LOGIN_PATH, SESSION_TTL_S

__all__ = ["DATA_PATH", "PAGE_PATHS", "router"]

DATA_PATH = "/v1/dashboard/data"
_ASSETS = {"/": ("index.html", "text/html; charset=utf-8"),
           "/dashboard/app.js": ("app.js", "text/javascript; charset=utf-8"),
           "/dashboard/app.css": ("app.css", "text/css; charset=utf-8")}
PAGE_PATHS = (*_ASSETS, DATA_PATH)  # what a browser session may GET
_MEMORY_ROWS = 30  # the heaviest memories and most divergent candidates a page lists
_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
                               "connect-src 'self'; img-src 'self' data:; "
                               "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}

router = APIRouter()


def _asset(name: str) -> bytes:
    return files("neuroplast.server").joinpath("dashboard", name).read_bytes()


def _static(path: str) -> Any:
    name, media = _ASSETS[path]

    def serve() -> Response:
        return Response(_asset(name), media_type=media, headers=_HEADERS)

    serve.__name__ = f"dashboard_{name.replace('.', '_')}"
    return serve


for _path in _ASSETS:
    router.add_api_route(_path, _static(_path), methods=["GET"], include_in_schema=False)


@router.get(LOGIN_PATH, include_in_schema=False)
def login(request: Request, code: str = Query(max_length=200)) -> Response:
    """A one-time code (``neuroplast dashboard``) for a session cookie, then the page."""
    if not request.app.state.sessions.check_code(code):
        return error_response(401, "AuthenticationError",
                              "this login link is wrong, expired or used; run `neuroplast "
                              "dashboard` for a new one")
    response = RedirectResponse("/", status_code=303, headers=_HEADERS)
    response.set_cookie(COOKIE, request.app.state.sessions.new_cookie(),
                        max_age=int(SESSION_TTL_S), path="/", httponly=True,
                        samesite="strict", secure=request.url.scheme == "https")
    return response


@router.get(DATA_PATH, summary="What every subsystem has learned, for the dashboard")
def data(request: Request) -> dict[str, Any]:
    state = request.app.state
    out: dict[str, Any] = {"subsystems": {}}
    for name, running in state.running.items():
        out["subsystems"][name] = running.status()
    gate = getattr(state, "gate", None)
    if gate is not None:
        from neuroplast.gate.history import decided_by, latest_decisions

        stats = gate.stats()
        window = max(10, stats["decisions"] // 60)  # at most ~60 points
        out["gate"] = {"stats": stats, "series": gate.series(window=window),
                       "window": window, "latest": latest_decisions(gate.db),
                       "decided_by": decided_by(gate.db)}
    sona = state.running.get("sona")
    if getattr(sona, "durable", None) is not None:  # [sona] enabled: routes, quality, bank
        from neuroplast.server.sona_view import sona_view

        out["sona"] = sona_view(sona.durable)
    memory = state.running.get("memory")
    if getattr(memory, "store", None) is not None:  # [memory] enabled: weights, candidates
        out["memory"] = memory.view(limit=_MEMORY_ROWS)
    exchange = getattr(state, "exchange", None)
    if exchange is not None:
        health = exchange.peers.health()
        out["peers"] = {"identity": exchange.identity.public_key,
                        "refused": exchange.peers.refusals(),
                        "adapters_in": exchange.peers.adapters_in(),
                        "adapters_applied": exchange.in_force,  # whose count now, by kind
                        "peers": [{"name": p.name, "url": p.url, "trust": p.trust,
                                   **health.get(p.name, {})} for p in exchange.peers.all()]}
    return out
