"""HTTP routes of BrainSync (``neuroplast.peers``).

``POST /v1/peers/inbox``, ``GET /v1/peers/outbox`` and ``GET /v1/peers/adapter`` (adapter
weights, for peers trusted with them) are for peers: they carry no token (the Guard lets
them through to here) but an Ed25519 signature of a key on the trust list, checked before
anything is read or applied. ``GET /v1/peers`` and ``POST
/v1/peers/forget`` are the user's: they need the token like every other route.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from neuroplast.peers.adapters import remove_received
from neuroplast.server.app import API_MAX_BODY_BYTES
from neuroplast.server.body import parse_json
from neuroplast.server.gate_routes import read_limited

if TYPE_CHECKING:
    from neuroplast.peers import Exchange

__all__ = ["ADAPTER", "INBOX", "OUTBOX", "PEER_PATHS", "router"]

INBOX = "/v1/peers/inbox"
OUTBOX = "/v1/peers/outbox"
ADAPTER = "/v1/peers/adapter"
PEER_PATHS = (INBOX, OUTBOX, ADAPTER)  # authenticated by a peer's signature, not the token

router = APIRouter()


def _exchange(request: Request) -> Exchange:
    return request.app.state.exchange  # type: ignore[no-any-return]


@router.post(INBOX, summary="A trusted peer pushes a signed bundle of its user's answers")
async def inbox(request: Request) -> dict[str, Any]:
    raw, total = await read_limited(request, API_MAX_BODY_BYTES)
    if total > API_MAX_BODY_BYTES:
        from neuroplast.errors import PayloadTooLarge

        _exchange(request).peers.refused("?", "PayloadTooLarge")
        raise PayloadTooLarge(f"a peer bundle of {total} bytes is over the "
                              f"{API_MAX_BODY_BYTES}-byte limit; send fewer signals")
    wire = parse_json(raw, "peer bundle")
    return await run_in_threadpool(_exchange(request).receive, wire)


@router.get(OUTBOX, summary="A trusted peer pulls this install's answers after a sequence")
def outbox(request: Request, after: int = Query(ge=0)) -> dict[str, str]:
    exchange = _exchange(request)
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    headers = {k.lower(): v for k, v in request.headers.items()}
    peer = exchange.check_pull("GET", target, headers)
    return exchange.outbox(peer, after)


@router.get(ADAPTER, summary="A peer trusted with weights pulls this install's adapter")
def adapter(request: Request, kind: str = Query(max_length=32), after: int = Query(ge=0)
            ) -> Response:
    exchange = _exchange(request)
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    headers = {k.lower(): v for k, v in request.headers.items()}
    peer = exchange.check_pull("GET", target, headers)
    wire = exchange.adapter_for(peer, kind, after)
    if wire is None:  # nothing newer than `after`
        return Response(status_code=204)
    return JSONResponse(wire)


@router.get("/v1/peers", summary="This install's key, its peers, and what was refused")
def peers(request: Request) -> dict[str, Any]:
    exchange = _exchange(request)
    health = exchange.peers.health()
    taught = exchange.gate.peer_log.by_origin()
    return {
        "identity": exchange.identity.public_key,
        "peers": [{"name": p.name, "key": p.key, "url": p.url, "trust": p.trust,
                   **health.get(p.name, {}), "taught": taught.get(p.origin, {})}
                  for p in exchange.peers.all()],
        "refused": exchange.peers.refusals(),
        "adapters_in": exchange.peers.adapters_in(),
    }


class ForgetRequest(BaseModel):
    """Forget everything a peer taught: its rows are deleted and the gate retrains."""

    model_config = ConfigDict(extra="forbid", strict=True)
    name: str = Field(min_length=1, max_length=64)


@router.post("/v1/peers/forget", summary="Delete what a peer taught and retrain from the log")
async def forget(body: ForgetRequest, request: Request) -> dict[str, Any]:
    exchange = _exchange(request)
    origin = f"peer:{body.name}"
    weights = any(a["peer"] == body.name for a in exchange.peers.adapters_in())
    if not (exchange.gate.peer_log.last_seq(origin) or weights):
        # Nothing it taught (a peer just added, or one forgotten before): done, and no
        # retraining. `peers remove --forget` takes the peer off the list first.
        return {"name": body.name, "forgotten": 0}

    def run() -> int:
        gone = exchange.gate.peer_log.forget(origin)
        exchange.peers.forget_adapters(body.name)  # and the adapter weights it sent
        remove_received(exchange.data_dir, body.name)
        exchange.apply_adapters()  # its adapters count no more
        exchange.gate.relearn()
        return gone

    return {"name": body.name, "forgotten": await run_in_threadpool(run)}
