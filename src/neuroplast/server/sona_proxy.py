"""A routing proxy in front of OpenAI-compatible endpoints (``neuroplast sona proxy``).

``POST /v1/chat/completions`` takes an OpenAI chat-completions request, embeds its last
user message with the bundled MiniLM (cached), asks the SONA engine which upstream to use
(``suggest_route`` over the configured upstream names), forwards the request there
unchanged — streamed back chunk by chunk when ``"stream": true`` — and answers with the
upstream's status and body plus two headers: ``X-Sona-Trajectory`` (the id to report the
outcome under) and ``X-Sona-Route``. ``POST /v1/sona/feedback`` ``{id, quality}`` turns that
pending query into a trajectory: committed to SQLite before the answer, learnt from at once
(:class:`~neuroplast.sona.durable.DurableEngine`). ``GET /v1/sona/stats`` says what it has
learnt. Every route but ``/healthz`` needs the token (``<data dir>/gate/token``; an OpenAI
client sends it as its API key), bodies are JSON only.

Queries waiting for feedback are held in the engine's SQLite log
(:meth:`~neuroplast.sona.durable.DurableEngine.hold`), committed before the response
starts: an id a caller was given still takes its feedback after the proxy is killed
(``kill -9``) and started again, and a reported outcome leaves the held queries and enters
the trajectory log in one transaction. The latest ``max_pending`` are kept; older ones are
dropped and counted (a query whose outcome never comes teaches nothing).

>>> app = create_proxy({"small": "http://127.0.0.1:9"}, durable=None, token=lambda: b"t")
>>> sorted(p for p in app.openapi()["paths"] if p.startswith("/v1"))
['/v1/chat/completions', '/v1/sona/feedback', '/v1/sona/stats']
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from neuroplast.config import check_url
from neuroplast.errors import BackendUnavailable, InvalidInputError
from neuroplast.server.app import API_MAX_BODY_BYTES
from neuroplast.server.body import parse_json
from neuroplast.server.errors import install_error_handlers
from neuroplast.server.gate_routes import read_limited
from neuroplast.server.guard import Guard

__all__ = ["FeedbackRequest", "create_proxy", "prompt_of"]

_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding",
        "proxy-authenticate", "proxy-authorization", "te", "trailers", "upgrade"}


def prompt_of(body: Any) -> str:
    """The text a chat request is about: its last user message (text parts joined).

    >>> prompt_of({"messages": [{"role": "system", "content": "be brief"},
    ...                         {"role": "user", "content": [{"type": "text", "text": "hi"}]}]})
    'hi'
    """
    messages = body.get("messages") if isinstance(body, dict) else None
    if not isinstance(messages, list) or not messages:
        raise InvalidInputError("a chat completion needs a non-empty messages list")
    for message in reversed(messages):
        if isinstance(message, dict) and message.get("role") == "user":
            content = message.get("content")
            if isinstance(content, str):
                text = content
            elif isinstance(content, list):
                text = " ".join(str(p.get("text", "")) for p in content
                                if isinstance(p, dict) and p.get("type") == "text")
            else:
                text = ""
            if text.strip():
                return text
    raise InvalidInputError("the messages hold no user text to route by")


class FeedbackRequest(BaseModel):
    """The measured outcome of a proxied request (the id from ``X-Sona-Trajectory``)."""

    model_config = ConfigDict(extra="forbid", strict=True)
    id: str = Field(min_length=1, max_length=64)
    quality: float = Field(description="in [0, 1]")


def create_proxy(upstreams: dict[str, str], durable: Any, token: Callable[[], bytes | None],
                 *, max_pending: int = 10_000, timeout_s: float = 600.0) -> FastAPI:
    """The proxy app over ``upstreams`` (name → base URL, e.g. ``http://host:8000``)."""
    if not upstreams:
        raise InvalidInputError("give at least one upstream: --upstream NAME=URL")
    for name, url in upstreams.items():
        if not name:
            raise InvalidInputError(f"upstream ={url!r} has no name: use NAME=http(s)://host:port")
        check_url(url, f"upstream {name}")
    names = list(upstreams)
    client = httpx.AsyncClient(timeout=timeout_s)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        await client.aclose()

    app = FastAPI(title="neuroplast sona proxy", lifespan=lifespan)
    install_error_handlers(app)

    @app.get("/healthz")
    async def health() -> dict[str, Any]:
        return {"status": "ok", "upstreams": names}

    @app.post("/v1/chat/completions", summary="Route a chat completion to the best upstream")
    async def chat(request: Request) -> Response:
        raw, total = await read_limited(request, API_MAX_BODY_BYTES)
        if total > API_MAX_BODY_BYTES:
            from neuroplast.errors import PayloadTooLarge

            raise PayloadTooLarge(f"request of {total} bytes is over {API_MAX_BODY_BYTES}")
        body = parse_json(raw, "chat completion request")
        text = prompt_of(body)
        engine = durable.engine
        vector = await run_in_threadpool(engine.vector, text)
        suggestion = await run_in_threadpool(engine.suggest_route, vector, names)
        route = suggestion.route
        url = upstreams[route].rstrip("/") + "/v1/chat/completions"
        headers = {k: v for k, v in request.headers.items()
                   if k.lower() in ("content-type", "accept")}
        start = time.perf_counter()
        try:
            upstream = await client.send(client.build_request("POST", url, content=raw,
                                                              headers=headers), stream=True)
        except httpx.HTTPError as exc:
            raise BackendUnavailable(f"upstream {route!r} ({upstreams[route]}) cannot be "
                                     f"reached: {exc}; check it runs") from exc
        key = await run_in_threadpool(durable.hold, vector, route,
                                      int((time.perf_counter() - start) * 1e6), max_pending)
        out = {k: v for k, v in upstream.headers.items() if k.lower() not in _HOP}
        out.update({"X-Sona-Trajectory": key, "X-Sona-Route": route})
        if body.get("stream") is True:
            async def relay() -> AsyncIterator[bytes]:
                async for chunk in upstream.aiter_raw():
                    yield chunk
            return StreamingResponse(relay(), status_code=upstream.status_code, headers=out,
                                     background=BackgroundTask(upstream.aclose))
        content = await upstream.aread()
        await upstream.aclose()
        return Response(content, status_code=upstream.status_code, headers=out)

    @app.post("/v1/sona/feedback", summary="Report the outcome of a proxied request")
    def feedback(body: FeedbackRequest) -> dict[str, Any]:
        stored = durable.record_held(body.id, body.quality)  # a bad quality keeps it held
        return {"id": body.id, "route": stored["route"], "stored": stored["id"]}

    @app.get("/v1/sona/stats", summary="What the proxy's engine has learnt")
    def stats() -> dict[str, Any]:
        return {**durable.stats(), **durable.pending(), "upstreams": upstreams}

    app.add_middleware(Guard, secret=token, public=("/healthz",),
                       default_limit=API_MAX_BODY_BYTES,
                       limits={"/v1/chat/completions": API_MAX_BODY_BYTES})

    return app
