"""``neuroplast-hook`` against a real HTTP server on loopback: forwarding and every fallback.

The server is a small FastAPI app run by uvicorn in a thread; each route plays one way the
gate service can behave (answers, is slow, answers garbage, fails, streams chunked).
"""

from __future__ import annotations

import asyncio
import json
import os
import shlex
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, StreamingResponse

from neuroplast.gate.hook_cli import ask_output, event_name, forward, valid_answer
from neuroplast.gate.install import HOOK_FILE, hook_command

# The console script, and the command `neuroplast gate install` writes.
HOOKS = {
    "script": [str(Path(sys.executable).parent / "neuroplast-hook")],
    "installed": shlex.split(hook_command()),
}
PRE = {
    "hook_event_name": "PreToolUse",
    "session_id": "s1",
    "cwd": "/tmp/p",
    "tool_name": "Bash",
    "tool_input": {"command": "git status"},
    "tool_use_id": "toolu_1",
}
POST = PRE | {"hook_event_name": "PostToolUse", "tool_response": {"stdout": ""}}


def _play_app(received: list[bytes]) -> FastAPI:
    app = FastAPI()

    @app.post("/ok/v1/hooks/claude-code")
    async def ok(request: Request) -> JSONResponse:
        raw = await request.body()
        received.append(raw)
        event = json.loads(raw)
        if event["hook_event_name"] != "PreToolUse":
            return JSONResponse({})
        out = {
            "hookEventName": "PreToolUse",
            "permissionDecision": "allow",
            "permissionDecisionReason": f"saw {len(raw)} bytes",
        }
        return JSONResponse({"hookSpecificOutput": out})

    @app.post("/slow/v1/hooks/claude-code")
    async def slow() -> JSONResponse:
        await asyncio.sleep(5)
        return JSONResponse({})

    @app.post("/garbage/v1/hooks/claude-code")
    async def garbage() -> PlainTextResponse:
        return PlainTextResponse("<html>proxy error</html>")

    @app.post("/fail/v1/hooks/claude-code")
    async def fail() -> JSONResponse:
        body = {"error": {"type": "StoreError", "message": "disk full"}}
        return JSONResponse(body | ask_output("the gate failed (disk full)"), status_code=503)

    @app.post("/chunked/v1/hooks/claude-code")
    async def chunked() -> StreamingResponse:
        text = json.dumps(ask_output("streamed"))

        async def pieces() -> object:
            for i in range(0, len(text), 7):
                yield text[i : i + 7].encode()

        return StreamingResponse(pieces(), media_type="application/json")  # type: ignore[arg-type]

    return app


@pytest.fixture(scope="module")
def play_server() -> Iterator[tuple[str, list[bytes]]]:
    received: list[bytes] = []
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(_play_app(received), log_level="error"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    assert server.started
    yield f"http://127.0.0.1:{port}", received
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(params=sorted(HOOKS))
def hook(request: pytest.FixtureRequest) -> list[str]:
    return HOOKS[request.param]


def run_hook(
    hook: list[str], stdin: bytes, url: str, timeout: str = "2"
) -> tuple[subprocess.CompletedProcess[bytes], float]:
    env = os.environ | {"NEUROPLAST_GATE_URL": url, "NEUROPLAST_HOOK_TIMEOUT": timeout}
    start = time.monotonic()
    proc = subprocess.run(hook, input=stdin, capture_output=True, env=env, timeout=30)
    return proc, time.monotonic() - start


def test_pre_tool_use_is_forwarded_byte_for_byte(
    play_server: tuple[str, list[bytes]], hook: list[str]
) -> None:
    url, received = play_server
    raw = json.dumps(PRE).encode()
    proc, _ = run_hook(hook, raw, f"{url}/ok")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)["hookSpecificOutput"]
    assert out["permissionDecision"] == "allow"
    assert out["permissionDecisionReason"] == f"saw {len(raw)} bytes"
    assert received[-1] == raw


def test_feedback_event_prints_the_service_answer(
    play_server: tuple[str, list[bytes]], hook: list[str]
) -> None:
    url, _ = play_server
    proc, _ = run_hook(hook, json.dumps(POST).encode(), f"{url}/ok")
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == {}


def test_large_body_arrives_intact(play_server: tuple[str, list[bytes]]) -> None:
    url, received = play_server
    event = PRE | {
        "tool_name": "Write",
        "tool_input": {"file_path": "/tmp/p/a", "content": "x" * 3_000_000},
    }
    raw = json.dumps(event).encode()
    response = forward(raw, f"{url}/ok", 10.0)
    assert response.status == 200
    assert received[-1] == raw


def test_service_down_pre_tool_use_asks_at_once(hook: list[str]) -> None:
    url = f"http://127.0.0.1:{_free_port()}"
    proc, elapsed = run_hook(hook, json.dumps(PRE).encode(), url)
    assert proc.returncode == 0
    out = json.loads(proc.stdout)["hookSpecificOutput"]
    assert out["permissionDecision"] == "ask"
    assert "unavailable" in out["permissionDecisionReason"]
    assert elapsed < 2.0


def test_service_down_other_events_print_nothing(hook: list[str]) -> None:
    proc, _ = run_hook(hook, json.dumps(POST).encode(), f"http://127.0.0.1:{_free_port()}")
    assert proc.returncode == 0
    assert proc.stdout == b""
    assert b"unavailable" in proc.stderr


def test_slow_service_asks_within_the_timeout(
    play_server: tuple[str, list[bytes]], hook: list[str]
) -> None:
    url, _ = play_server
    proc, elapsed = run_hook(hook, json.dumps(PRE).encode(), f"{url}/slow", timeout="0.5")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["hookSpecificOutput"]["permissionDecision"] == "ask"
    assert 0.5 <= elapsed < 3.0  # waited the timeout, not the 5 s answer


def test_garbage_answer_asks(play_server: tuple[str, list[bytes]], hook: list[str]) -> None:
    url, _ = play_server
    proc, _ = run_hook(hook, json.dumps(PRE).encode(), f"{url}/garbage")
    out = json.loads(proc.stdout)["hookSpecificOutput"]
    assert out["permissionDecision"] == "ask"
    assert "unusable answer" in out["permissionDecisionReason"]


def test_error_answer_keeps_only_the_safe_ask(
    play_server: tuple[str, list[bytes]], hook: list[str]
) -> None:
    url, _ = play_server
    proc, _ = run_hook(hook, json.dumps(PRE).encode(), f"{url}/fail")
    answer = json.loads(proc.stdout)
    assert list(answer) == ["hookSpecificOutput"]
    assert answer["hookSpecificOutput"]["permissionDecision"] == "ask"
    assert b"disk full" in proc.stderr
    proc, _ = run_hook(hook, json.dumps(POST).encode(), f"{url}/fail")
    assert proc.stdout == b""


def test_chunked_answer_is_read(play_server: tuple[str, list[bytes]]) -> None:
    url, _ = play_server
    response = forward(json.dumps(PRE).encode(), f"{url}/chunked", 2.0)
    assert response.status == 200
    assert json.loads(response.body) == ask_output("streamed")


def test_truncated_pre_tool_use_still_asks_when_down(hook: list[str]) -> None:
    raw = json.dumps(PRE).encode()[:40]
    assert event_name(raw) == "PreToolUse"
    proc, _ = run_hook(hook, raw, f"http://127.0.0.1:{_free_port()}")
    assert json.loads(proc.stdout)["hookSpecificOutput"]["permissionDecision"] == "ask"


def test_bad_url_asks(hook: list[str]) -> None:
    proc, _ = run_hook(hook, json.dumps(PRE).encode(), "ftp://nowhere")
    assert json.loads(proc.stdout)["hookSpecificOutput"]["permissionDecision"] == "ask"


def test_valid_answer_rejects_what_claude_code_cannot_use() -> None:
    assert (
        valid_answer(b'{"hookSpecificOutput": {"permissionDecision": "maybe"}}', "PreToolUse")
        is None
    )
    assert valid_answer(b"[1, 2]", "PostToolUse") is None
    assert valid_answer(b"{}", "PostToolUse") == {}
    assert valid_answer(b"{}", "PreToolUse") is None


def test_installed_hook_answers_without_json_re_or_site(
    play_server: tuple[str, list[bytes]],
) -> None:
    """The installed command's hot path imports only modules built into Python."""
    url, _ = play_server
    code = (
        f"g = {{'__name__': 'hook'}}; exec(open({str(HOOK_FILE)!r}).read(), g); g['main']()\n"
        "import sys; sys.stderr.write(' '.join(sorted(sys.modules)))"
    )
    env = os.environ | {"NEUROPLAST_GATE_URL": f"{url}/ok"}
    proc = subprocess.run(
        [sys.executable, "-I", "-S", "-c", code],
        input=json.dumps(PRE).encode(),
        capture_output=True,
        env=env,
        timeout=30,
    )
    assert json.loads(proc.stdout)["hookSpecificOutput"]["permissionDecision"] == "allow"
    loaded = set(proc.stderr.decode().split())
    slow = {"json", "re", "enum", "site", "socket", "selectors", "typing", "http.client"}
    assert loaded & slow == set()
    assert not any(name.startswith("neuroplast") for name in loaded)
