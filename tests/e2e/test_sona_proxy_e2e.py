"""`neuroplast sona proxy` as a user runs it, killed with SIGKILL while requests await
their outcome: started again, it takes the feedback of every id it had handed out, learns
from each once, and hands out no id twice."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI, Request

pytestmark = pytest.mark.slow  # two proxy starts, each loading MiniLM: ~30 s on 2 busy cores
NEUROPLAST = str(Path(sys.executable).with_name("neuroplast"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def upstream() -> Iterator[str]:
    """A small OpenAI-compatible endpoint on loopback, run by uvicorn in a thread."""
    app = FastAPI()

    @app.post("/v1/chat/completions")
    async def chat(request: Request) -> Any:
        body = await request.json()
        return {"choices": [{"message": {"role": "assistant",
                                         "content": f"ok: {body['messages'][-1]['content']}"}}]}

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def _start(home: Path, port: int, upstream: str) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [NEUROPLAST, "sona", "proxy", "--port", str(port), "--data-dir", str(home),
         "--upstream", f"small={upstream}", "--upstream", f"large={upstream}"],
        env={**os.environ, "HF_HUB_OFFLINE": "1"}, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise AssertionError("the proxy did not start")


def _ask(client: httpx.Client, prompt: str) -> tuple[str, str]:
    r = client.post("/v1/chat/completions", json={
        "model": "any", "messages": [{"role": "user", "content": prompt}]})
    assert r.status_code == 200, r.text
    return r.headers["x-sona-trajectory"], r.headers["x-sona-route"]


def test_kill_9_keeps_every_request_awaiting_its_outcome(tmp_path: Path, upstream: str) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    prompts = ["rebase my branch onto main", "write a haiku about the sea",
               "why does my test fail", "summarise this article"]
    process = _start(tmp_path, port, upstream)
    headers = {"Authorization": f"Bearer {(tmp_path / 'gate' / 'token').read_text().strip()}"}
    try:
        with httpx.Client(base_url=url, headers=headers, timeout=60) as client:
            asked = [_ask(client, p) for p in prompts]
            first = client.post("/v1/sona/feedback", json={"id": asked[0][0], "quality": 0.8})
            assert first.status_code == 200, first.text
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(30)
    process = _start(tmp_path, port, upstream)
    try:
        with httpx.Client(base_url=url, headers=headers, timeout=60) as client:
            before = client.get("/v1/sona/stats").json()
            answers = [client.post("/v1/sona/feedback", json={"id": key, "quality": 0.5})
                       for key, _ in asked[1:]]
            again = client.post("/v1/sona/feedback", json={"id": asked[0][0], "quality": 0.8})
            fresh, _ = _ask(client, "one more question")
            after = client.get("/v1/sona/stats").json()
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(30)
    assert before["pending"] == 3 and before["logged"] == before["recorded"] == 1
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert [a.json()["route"] for a in answers] == [route for _, route in asked[1:]]
    assert again.status_code == 400 and "already reported" in again.json()["error"]["message"]
    assert fresh not in {key for key, _ in asked}
    assert after["logged"] == after["recorded"] == 4 and after["pending"] == 1
