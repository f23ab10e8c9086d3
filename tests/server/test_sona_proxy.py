"""The SONA routing proxy end to end over real HTTP: two small OpenAI-compatible upstreams
on loopback, the proxy in front (token, JSON), plain and streamed completions relayed,
outcomes reported as feedback, and the routes learnt from them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import StreamingResponse

from neuroplast.gate.embedding import CachedEmbedder
from neuroplast.server.sona_proxy import create_proxy
from neuroplast.sona.config import SonaConfig
from neuroplast.sona.durable import DurableEngine

pytestmark = pytest.mark.slow  # MiniLM embeds every prompt: ~20 s on 2 busy cores

TOKEN = b"proxy-test-token"
PROMPTS = {"code": ["rebase my branch onto main", "undo the last git commit",
                    "show the diff of the staged files"],
           "chat": ["write a short poem about autumn", "tell me a bedtime story",
                    "compose a haiku about the sea"]}


@pytest.fixture(autouse=True)
def _one_thread() -> Iterator[None]:
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def _upstream(name: str) -> FastAPI:
    app = FastAPI()

    @app.post("/v1/chat/completions")
    async def chat(request: Request) -> Any:
        body = await request.json()
        text = f"{name} answers {body['messages'][-1]['content']}"
        if body.get("stream"):
            def chunks() -> Iterator[bytes]:
                for word in text.split():
                    delta = {"choices": [{"delta": {"content": word + " "}}], "model": name}
                    yield f"data: {json.dumps(delta)}\n\n".encode()
                yield b"data: [DONE]\n\n"
            return StreamingResponse(chunks(), media_type="text/event-stream")
        return {"model": name, "choices": [{"message": {"role": "assistant",
                                                        "content": text}}]}
    return app


def _ask(client: httpx.Client, prompt: str, stream: bool = False) -> httpx.Response:
    return client.post("/v1/chat/completions", json={
        "model": "any", "stream": stream, "messages": [{"role": "user", "content": prompt}]})


def test_the_proxy_routes_relays_and_learns_from_feedback(tmp_path: Path, serve: Any) -> None:
    code, chat = serve(_upstream("code")), serve(_upstream("chat"))
    cfg = SonaConfig(hidden_dim=32, background_interval_s=0.0)
    durable = DurableEngine(tmp_path, cfg, embedder=CachedEmbedder())
    proxy = serve(create_proxy({"code": code.url, "chat": chat.url}, durable, lambda: TOKEN))
    with httpx.Client(base_url=proxy.url) as anonymous:
        assert _ask(anonymous, "hi").status_code == 401
    headers = {"Authorization": f"Bearer {TOKEN.decode()}"}
    with httpx.Client(base_url=proxy.url, headers=headers, timeout=60) as client:
        r = _ask(client, "rebase my branch onto main")
        assert r.status_code == 200, r.text
        route = r.headers["x-sona-route"]
        assert r.json()["model"] == route and r.headers["x-sona-trajectory"]
        streamed = _ask(client, "write a short poem about autumn", stream=True)
        assert streamed.status_code == 200
        assert streamed.text.rstrip().endswith("data: [DONE]")
        assert f"{streamed.headers['x-sona-route']} answers" in "".join(
            json.loads(line[6:])["choices"][0]["delta"]["content"]
            for line in streamed.text.splitlines()
            if line.startswith("data: {"))

        # bad feedback: refused, and the request stays pending
        rid = r.headers["x-sona-trajectory"]
        assert client.post("/v1/sona/feedback", json={"id": rid, "quality": 2.0}
                           ).status_code == 400
        assert client.post("/v1/sona/feedback", json={"id": "nope", "quality": 0.5}
                           ).status_code == 400
        assert client.post("/v1/sona/feedback", json={"id": rid, "quality": 1.0 if route ==
                                                      "code" else 0.0}).status_code == 200
        assert client.post("/v1/sona/feedback", json={"id": rid, "quality": 1.0}
                           ).status_code == 400  # reported once only

        reported = 1
        for _ in range(8):
            for best, prompts in PROMPTS.items():
                for prompt in prompts:
                    r = _ask(client, prompt)
                    quality = 1.0 if r.headers["x-sona-route"] == best else 0.0
                    fb = client.post("/v1/sona/feedback", json={
                        "id": r.headers["x-sona-trajectory"], "quality": quality})
                    assert fb.status_code == 200, fb.text
                    reported += 1
        final = {p: _ask(client, p).headers["x-sona-route"]
                 for prompts in PROMPTS.values() for p in prompts}
        assert all(final[p] == best for best, ps in PROMPTS.items() for p in ps), final
        stats = client.get("/v1/sona/stats").json()
        assert stats["logged"] == stats["recorded"] == reported
        assert stats["pending"] == 1 + len(final)  # the stream and the final asks
    durable.close()


def test_an_upstream_that_is_down_is_a_clear_503(tmp_path: Path, serve: Any) -> None:
    durable = DurableEngine(tmp_path, SonaConfig(hidden_dim=32, background_interval_s=0.0),
                            embedder=CachedEmbedder())
    proxy = serve(create_proxy({"gone": "http://127.0.0.1:9"}, durable, lambda: TOKEN))
    headers = {"Authorization": f"Bearer {TOKEN.decode()}"}
    with httpx.Client(base_url=proxy.url, headers=headers, timeout=60) as client:
        r = _ask(client, "anything")
        assert r.status_code == 503 and "gone" in r.json()["error"]["message"]
        bad = client.post("/v1/chat/completions", json={"messages": []})
        assert bad.status_code == 400
    durable.close()
