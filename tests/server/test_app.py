"""The HTTP service over real HTTP: a real Gate (MiniLM, SQLite) behind uvicorn on loopback.

Clients here send the install's token (``Authorization: Bearer``), as curl would; what
happens without it is in ``test_guard.py``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from neuroplast.errors import (
    AccessDenied,
    AuthenticationError,
    BackendUnavailable,
    ConfigError,
    ConflictError,
    EmptyBufferError,
    ForeignOrigin,
    InvalidInputError,
    MisdirectedRequest,
    NeuroplastError,
    NumericalError,
    PayloadTooLarge,
    RequestTimeout,
    StateMismatchError,
    StoreError,
    UnsupportedMediaType,
)
from neuroplast.gate import Gate, GateConfig
from neuroplast.server import create_app, status_for

HOOK = "/v1/hooks/claude-code"


def pre(tool_use_id: str, **over: object) -> dict[str, object]:
    event: dict[str, object] = {
        "hook_event_name": "PreToolUse",
        "session_id": "s1",
        "cwd": "/tmp/proj",
        "tool_name": "Bash",
        "tool_input": {"command": "git status"},
        "tool_use_id": tool_use_id,
    }
    return event | over


@pytest.fixture(scope="module")
def gate(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gate]:
    g = Gate(GateConfig(deny_rules=["Bash(rm -rf /)"]), data_dir=tmp_path_factory.mktemp("gate"))
    yield g
    g.close()


@pytest.fixture(scope="module")
def client(gate: Gate, serve: Callable[..., Any]) -> Iterator[httpx.Client]:
    app = create_app(gate)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    with serve(app).client(gate.dir.parent) as c:
        yield c


@pytest.fixture(scope="module")
def small(gate: Gate, serve: Callable[..., Any]) -> Iterator[httpx.Client]:
    """The same gate behind a 2 KB body limit."""
    with serve(create_app(gate, max_body_bytes=2048)).client(gate.dir.parent) as c:
        yield c


def decisions(client: httpx.Client) -> int:
    return int(client.get("/v1/gate/stats").json()["decisions"])


def test_status_codes_cover_the_hierarchy() -> None:
    assert status_for(InvalidInputError("x")) == 400
    assert status_for(ConfigError("x")) == 400
    assert status_for(StateMismatchError("x")) == 409
    assert status_for(EmptyBufferError("x")) == 409
    assert status_for(NumericalError("x")) == 500
    assert status_for(StoreError("x")) == 503
    assert status_for(BackendUnavailable("x")) == 503
    assert status_for(NeuroplastError("x")) == 500
    assert status_for(ConflictError("x")) == 409
    assert status_for(UnsupportedMediaType("x")) == 415
    assert status_for(PayloadTooLarge("x")) == 413
    assert status_for(RequestTimeout("x")) == 408
    assert status_for(AuthenticationError("x")) == 401
    assert status_for(ForeignOrigin("x")) == 403
    assert status_for(MisdirectedRequest("x")) == 421
    assert status_for(AccessDenied("x")) == 403


def test_healthz(client: httpx.Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_untrained_gate_asks_and_logs_the_decision(client: httpx.Client) -> None:
    before = decisions(client)
    response = client.post(HOOK, json=pre("toolu_a1"))
    assert response.status_code == 200
    out = response.json()["hookSpecificOutput"]
    assert out["hookEventName"] == "PreToolUse"
    assert out["permissionDecision"] == "ask"
    assert "p=" in out["permissionDecisionReason"]
    assert decisions(client) == before + 1


def test_rule_denies(client: httpx.Client) -> None:
    event = pre("toolu_rule", tool_input={"command": "rm -rf /"})
    out = client.post(HOOK, json=event).json()["hookSpecificOutput"]
    assert out["permissionDecision"] == "deny"


def test_post_tool_use_is_feedback(client: httpx.Client) -> None:
    client.post(HOOK, json=pre("toolu_a2"))
    before = client.get("/v1/gate/stats").json()["feedback"]
    response = client.post(HOOK, json=pre("toolu_a2", hook_event_name="PostToolUse"))
    assert (response.status_code, response.json()) == (200, {})
    assert client.get("/v1/gate/stats").json()["feedback"] == before + 1


@pytest.mark.parametrize(
    "body",
    [
        b'{"hook_event_name": "PreToolUse", "tool_name": "Bash", "tool_input": {"comm',
        b'{"hook_event_name": "PreToolUse", "tool_name": "Bash", "x": "\xff\xfe"}',
        json.dumps(pre("toolu_bad", tool_input="not an object")).encode(),
        json.dumps(pre("toolu_bad", tool_name=42)).encode(),
    ],
    ids=["truncated", "not-utf8", "tool_input-type", "tool_name-type"],
)
def test_invalid_pre_tool_use_gets_a_safe_ask(client: httpx.Client, body: bytes) -> None:
    before = decisions(client)
    response = client.post(HOOK, content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "InvalidInputError"
    out = response.json()["hookSpecificOutput"]
    assert out["permissionDecision"] == "ask"
    assert "invalid" in out["permissionDecisionReason"]
    assert decisions(client) == before  # nothing was decided, nothing logged


@pytest.mark.parametrize(
    "body",
    [b'{"hook_event_name": "PostToolUse", "tool_use_id": ', b"[1, 2]", b"", b'{"x": 1}'],
    ids=["truncated", "array", "empty", "no-event-name"],
)
def test_invalid_other_events_get_400(client: httpx.Client, body: bytes) -> None:
    response = client.post(HOOK, content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "InvalidInputError"
    assert "hook" in error["message"]


def test_feedback_weights_and_locking(client: httpx.Client) -> None:
    client.post(HOOK, json=pre("toolu_f1"))
    client.post(HOOK, json=pre("toolu_f2"))
    plain = client.post("/v1/gate/feedback", json={"tool_use_id": "toolu_f1", "approved": True})
    assert plain.status_code == 200
    assert plain.json() == {"tool_use_id": "toolu_f1", "weight": 1.0, "locked": False}
    fp = client.post(
        "/v1/gate/feedback",
        json={"tool_use_id": "toolu_f2", "approved": False, "false_positive": True},
    ).json()
    assert fp["weight"] >= 4.0
    assert fp["locked"] is True


def test_feedback_unknown_id_is_404(client: httpx.Client) -> None:
    response = client.post("/v1/gate/feedback", json={"tool_use_id": "nope", "approved": True})
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["type"] == "UnknownToolUseId"
    assert "nope" in error["message"]
    assert "PreToolUse" in error["message"]


def test_feedback_bad_body(client: httpx.Client) -> None:
    response = client.post("/v1/gate/feedback", json={"tool_use_id": "x", "approved": "yes"})
    assert response.status_code == 422
    assert "approved" in response.json()["error"]["message"]
    client.post(HOOK, json=pre("toolu_f3"))
    contradiction = {"tool_use_id": "toolu_f3", "approved": True, "false_positive": True}
    response = client.post("/v1/gate/feedback", json=contradiction)
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "InvalidInputError"


def test_stats_shape(client: httpx.Client) -> None:
    stats = client.get("/v1/gate/stats").json()
    for key in ("decisions", "feedback", "ask_rate", "agreement", "converged", "mode"):
        assert key in stats
    assert stats["mode"] == "auto"


def test_errors_are_json_without_traceback(client: httpx.Client) -> None:
    missing = client.get("/v1/nothing")
    assert missing.status_code == 404
    assert missing.json()["error"]["type"] == "NotFound"
    boom = client.get("/boom")
    assert boom.status_code == 500
    assert boom.json()["error"]["type"] == "InternalError"
    assert "secret internals" not in boom.text
    assert "Traceback" not in boom.text


def test_oversize_bodies_get_413(small: httpx.Client) -> None:
    big = "x" * 10_000
    before = decisions(small)
    response = small.post(HOOK, json=pre("toolu_big", tool_input={"command": big}))
    assert response.status_code == 413
    body = response.json()
    assert body["error"]["type"] == "PayloadTooLarge"
    assert body["hookSpecificOutput"]["permissionDecision"] == "ask"
    response = small.post(HOOK, json=pre("toolu_big", hook_event_name="PostToolUse", x=big))
    assert response.status_code == 413
    assert "hookSpecificOutput" not in response.json()
    response = small.post("/v1/gate/feedback", json={"tool_use_id": big, "approved": True})
    assert response.status_code == 413
    assert response.json()["error"]["type"] == "PayloadTooLarge"
    assert decisions(small) == before
    assert small.get("/healthz").status_code == 200


def test_a_write_within_the_limit_is_decided_and_a_bigger_one_asked(
    client: httpx.Client,
) -> None:
    # 8 MiB by default (server.app.DEFAULT_MAX_BODY_BYTES): ~7.2 MB of JSON is decided
    content = "line of a big generated file\n" * 240_000
    event = pre("toolu_7mb", tool_name="Write",
                tool_input={"file_path": "/tmp/proj/big.txt", "content": content})
    before = decisions(client)
    response = client.post(HOOK, json=event)
    assert response.status_code == 200
    assert response.json()["hookSpecificOutput"]["permissionDecision"] in ("ask", "allow", "deny")
    assert decisions(client) == before + 1
    bigger = content + content[: len(content) // 2]  # ~10.8 MB
    event = pre("toolu_10mb", tool_name="Write",
                tool_input={"file_path": "/tmp/proj/big.txt", "content": bigger})
    response = client.post(HOOK, json=event)
    assert response.status_code == 413
    body = response.json()
    assert body["error"]["type"] == "PayloadTooLarge"
    assert "--max-body-mb" in body["error"]["message"]
    assert body["hookSpecificOutput"]["permissionDecision"] == "ask"
    assert decisions(client) == before + 1


def test_created_gate_opens_and_closes_with_the_app(
    tmp_path: Path, serve: Callable[..., Any]
) -> None:
    app = create_app(data_dir=tmp_path, config=GateConfig(mode="shadow"), warm_up=False)
    served = serve(app)
    try:
        with served.client(tmp_path) as client:
            stats = client.get("/v1/gate/stats").json()
        assert stats["mode"] == "shadow"
        gate = app.state.gate
    finally:
        served.stop()
    with pytest.raises(NeuroplastError, match="closed"):
        gate.feedback("any", True)
    assert (tmp_path / "gate" / "gate.db").exists()
