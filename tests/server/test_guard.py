"""Only the user's own tools can teach the gate, and only the gate can answer for it.

A real Gate behind uvicorn on loopback, configured as ``neuroplast gate serve`` runs it;
each test sends what a web page, a DNS-rebinding page, another local user or a broken
client would send, and checks that it is refused with a clear 4xx and that nothing was
learned or logged.
"""

from __future__ import annotations

import json
import socket
import stat
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from neuroplast.gate import Gate, GateConfig
from neuroplast.gate.hook_cli import (
    AUTH_SCHEME,
    NONCE_HEADER,
    SIGNATURE_HEADER,
    forward,
    new_nonce,
    request_mac,
    response_mac,
)
from neuroplast.server import create_app
from neuroplast.server.serving import HeadTimeoutProtocol

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


class QuickHeads(HeadTimeoutProtocol):
    head_timeout_s = 0.3


@pytest.fixture(scope="module")
def gate(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gate]:
    g = Gate(GateConfig(deny_rules=["Bash(rm -rf /)"]), data_dir=tmp_path_factory.mktemp("gate"))
    yield g
    g.close()


@pytest.fixture(scope="module")
def served(gate: Gate, serve: Callable[..., Any]) -> Any:
    """The service, with short time limits (0.3 s for a request head, 0.5 s for a body)."""
    return serve(create_app(gate, body_timeout_s=0.5), http=QuickHeads)


@pytest.fixture(scope="module")
def token(served: Any, gate: Gate) -> str:
    return str(served.token(gate.dir.parent))


@pytest.fixture(scope="module")
def client(served: Any, gate: Gate) -> Iterator[httpx.Client]:
    with served.client(gate.dir.parent) as c:
        yield c


def counts(gate: Gate) -> tuple[int, int]:
    return gate.log.counts()


def raw_request(served: Any, data: bytes, wait_s: float = 5.0) -> bytes:
    """Send ``data`` on a fresh connection; everything the server sends back until it
    closes the connection (or ``wait_s`` passes)."""
    with socket.create_connection(("127.0.0.1", served.port), timeout=wait_s) as sock:
        sock.sendall(data)
        out = b""
        try:
            while chunk := sock.recv(65536):
                out += chunk
        except TimeoutError:
            pass
        return out


# -- the token ---------------------------------------------------------------------------
def test_forged_requests_without_the_token_are_401_and_teach_nothing(
    served: Any, gate: Gate, client: httpx.Client
) -> None:
    client.post(HOOK, json=pre("toolu_g1"))  # a call the gate decided
    before = counts(gate)
    forged = [
        ({}, HOOK, pre("toolu_g2")),
        ({}, HOOK, pre("toolu_g1", hook_event_name="PostToolUse")),
        ({"Authorization": "Bearer wrong"}, HOOK, pre("toolu_g1", hook_event_name="PostToolUse")),
        ({"Authorization": "Basic eDp5"}, "/v1/gate/feedback",
         {"tool_use_id": "toolu_g1", "approved": True}),
        ({"Authorization": f"{AUTH_SCHEME} {'0' * 64}", NONCE_HEADER: new_nonce()}, HOOK,
         pre("toolu_g1", hook_event_name="PostToolUse")),
    ]
    for headers, path, body in forged:
        response = httpx.post(f"{served.url}{path}", json=body, headers=headers, timeout=30)
        assert response.status_code == 401, (headers, response.text)
        error = response.json()["error"]
        assert error["type"] == "AuthenticationError"
        assert "token" in error["message"]
        assert SIGNATURE_HEADER not in response.headers
    assert httpx.get(f"{served.url}/v1/gate/stats").status_code == 401
    assert httpx.get(f"{served.url}/healthz").status_code == 200  # the one public route
    assert counts(gate) == before


def test_the_hook_signs_and_the_service_signs_back(
    served: Any, gate: Gate, token: str
) -> None:
    raw = json.dumps(pre("toolu_signed")).encode()
    response = forward(raw, served.url, 30.0, token.encode())
    assert (response.status, response.authentic) == (200, True)
    assert json.loads(response.body)["hookSpecificOutput"]["permissionDecision"] == "ask"
    assert gate.lookup("toolu_signed") is not None


def test_a_signed_request_cannot_be_replayed_or_altered(
    served: Any, gate: Gate, token: str
) -> None:
    secret = token.encode()
    body = json.dumps(pre("toolu_replay")).encode()

    def send(nonce: str, mac_body: bytes, sent_body: bytes) -> httpx.Response:
        mac = request_mac(secret, "POST", HOOK, nonce, mac_body)
        headers = {"Authorization": f"{AUTH_SCHEME} {mac}", NONCE_HEADER: nonce,
                   "content-type": "application/json"}
        return httpx.post(f"{served.url}{HOOK}", content=sent_body, headers=headers, timeout=30)

    nonce = new_nonce()
    first = send(nonce, body, body)
    assert first.status_code == 200
    assert first.headers[SIGNATURE_HEADER] == response_mac(secret, nonce, 200, first.content)
    assert send(nonce, body, body).status_code == 401  # the same nonce again
    stale = f"{int(time.time()) - 3600}-{'a' * 32}"
    assert send(stale, body, body).status_code == 401
    altered = json.dumps(pre("toolu_replay2", tool_input={"command": "rm -rf ~"})).encode()
    assert send(new_nonce(), body, altered).status_code == 401
    assert gate.lookup("toolu_replay2") is None


# -- only JSON, only this host, no web pages ---------------------------------------------
@pytest.mark.parametrize("media", ["text/plain", "application/x-www-form-urlencoded",
                                   "multipart/form-data; boundary=x", None])
def test_bodies_must_be_json(client: httpx.Client, gate: Gate, media: str | None) -> None:
    before = counts(gate)
    headers = {"content-type": media} if media else {}
    body = json.dumps(pre("toolu_plain")).encode()
    response = client.post(HOOK, content=body, headers=headers)  # content=: no type
    assert response.status_code == 415
    assert response.json()["error"]["type"] == "UnsupportedMediaType"
    assert counts(gate) == before


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:{port}", "127.0.0.1:1", "localhost.evil.example:{port}",
             "0.0.0.0:{port}", "[::2]:{port}", "127.0.0.1:{port}x", ""],
)
def test_a_foreign_host_is_refused(served: Any, gate: Gate, token: str, host: str) -> None:
    """DNS rebinding: a page on evil.example whose name now resolves to 127.0.0.1."""
    before = counts(gate)
    value = host.format(port=served.port)
    head = f"POST {HOOK} HTTP/1.1\r\nHost: {value}\r\n" if value else f"POST {HOOK} HTTP/1.1\r\n"
    body = json.dumps(pre("toolu_rebind")).encode()
    data = (f"{head}Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode() + body
    answer = raw_request(served, data)
    status = int(answer.split(b" ", 2)[1])
    assert status in (400, 421), answer[:300]
    if status == 421:
        assert b"MisdirectedRequest" in answer
    assert counts(gate) == before


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "LOCALHOST"])
def test_loopback_names_with_the_port_are_accepted(
    served: Any, client: httpx.Client, host: str
) -> None:
    response = client.get(f"http://{host}:{served.port}/v1/gate/stats")
    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/healthz", "/v1/gate/stats", HOOK])
def test_web_pages_are_refused_and_get_no_cors(
    client: httpx.Client, gate: Gate, path: str
) -> None:
    before = counts(gate)
    for headers in ({"Origin": "https://evil.example"}, {"Origin": "null"},
                    {"Sec-Fetch-Site": "cross-site"}):
        if path == HOOK:
            response = client.post(path, json=pre("toolu_page"), headers=headers)
        else:
            response = client.get(path, headers=headers)
        assert response.status_code == 403
        assert response.json()["error"]["type"] == "ForeignOrigin"
        assert not any(k.lower().startswith("access-control") for k in response.headers)
    preflight = client.options(path, headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 403
    assert not any(k.lower().startswith("access-control") for k in preflight.headers)
    assert counts(gate) == before


# -- answers mean what they say ----------------------------------------------------------
def test_a_reused_tool_use_id_cannot_rewrite_history(client: httpx.Client, gate: Gate) -> None:
    first = client.post(HOOK, json=pre("toolu_once", tool_input={"command": "git status"}))
    assert first.status_code == 200
    logged = gate.lookup("toolu_once")
    assert logged is not None
    client.post(HOOK, json=pre("toolu_once", hook_event_name="PostToolUse"))
    before = counts(gate)

    other = client.post(HOOK, json=pre("toolu_once", tool_input={"command": "rm -rf ~"}))
    assert other.status_code == 409
    body = other.json()
    assert body["error"]["type"] == "ConflictError"
    assert body["hookSpecificOutput"]["permissionDecision"] == "ask"
    assert gate.lookup("toolu_once") == logged  # the call, its decision and time unchanged
    assert counts(gate) == before

    again = client.post(HOOK, json=pre("toolu_once", tool_input={"command": "git status"}))
    assert again.status_code == 200  # the same call again: the logged decision
    assert again.json() == first.json()
    assert counts(gate) == before


def test_post_tool_use_teaches_only_about_a_call_the_gate_let_through(
    client: httpx.Client, gate: Gate
) -> None:
    before = counts(gate)
    post = {"hook_event_name": "PostToolUse", "tool_response": {"stdout": ""}}
    assert client.post(HOOK, json=pre("toolu_never") | post).json() == {}  # never decided
    client.post(HOOK, json=pre("toolu_denied", tool_input={"command": "rm -rf /"}))
    assert gate.lookup("toolu_denied").decision == "deny"
    client.post(HOOK, json=pre("toolu_denied", tool_input={"command": "rm -rf /"}) | post)
    client.post(HOOK, json=pre("toolu_asked"))
    client.post(HOOK, json=pre("toolu_asked", tool_input={"command": "curl x | sh"}) | post)
    after = counts(gate)
    assert after == (before[0] + 2, before[1])  # two decisions, no answer learned
    assert not gate.has_feedback("toolu_denied") and not gate.has_feedback("toolu_asked")
    client.post(HOOK, json=pre("toolu_asked") | post)  # the call that was asked about
    assert gate.has_feedback("toolu_asked")


# -- hostile input -----------------------------------------------------------------------
HOSTILE = {
    "deep": b'{"hook_event_name": "PreToolUse", "tool_name": "Bash", "tool_use_id": "toolu_h",'
            b' "tool_input": {"command": "ls", "x": ' + b"[" * 1000 + b"]" * 1000 + b"}}",
    "deep-object": b'{"hook_event_name": "PreToolUse", "tool_input": '
                   + b'{"a": ' * 990 + b"1" + b"}" * 990 + b"}",
    "unbalanced": b'{"hook_event_name": "PreToolUse", "x": ' + b"[" * 5000,
    "huge-int": b'{"hook_event_name": "PreToolUse", "tool_name": "Bash", "tool_use_id": "t",'
                b' "tool_input": {"command": "ls", "n": ' + b"9" * 5000 + b"}}",
    "nan": b'{"hook_event_name": "PreToolUse", "tool_name": "Bash", "tool_use_id": "t",'
           b' "tool_input": {"n": NaN}}',
    "surrogate-session": json.dumps(pre("toolu_s1", session_id="s\ud800")).encode(),
    "surrogate-tool": json.dumps(pre("toolu_s2", tool_name="Ba\udfffsh")).encode(),
    "surrogate-id": json.dumps(pre("toolu_\udc80")).encode(),
    "surrogate-key": json.dumps(pre("toolu_s3", tool_input={"\ud83d": "x"})).encode(),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_pre_tool_use_gets_a_4xx_and_a_safe_ask(
    client: httpx.Client, gate: Gate, name: str
) -> None:
    before = counts(gate)
    response = client.post(HOOK, content=HOSTILE[name],
                           headers={"content-type": "application/json"})
    assert response.status_code == 400, response.text[:300]
    body = response.json()
    assert body["error"]["type"] == "InvalidInputError"
    assert body["hookSpecificOutput"]["permissionDecision"] == "ask"
    assert counts(gate) == before


@pytest.mark.parametrize("name", ["deep", "huge-int", "surrogate-id"])
def test_hostile_feedback_events_get_a_4xx(client: httpx.Client, gate: Gate, name: str) -> None:
    before = counts(gate)
    body = HOSTILE[name].replace(b'"PreToolUse"', b'"PostToolUse"')
    response = client.post(HOOK, content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert "hookSpecificOutput" not in response.json()
    feedback = client.post("/v1/gate/feedback", content=body.replace(b"hook_event_name", b"x"),
                           headers={"content-type": "application/json"})
    assert 400 <= feedback.status_code < 500
    assert counts(gate) == before


def test_a_surrogate_pair_is_text(client: httpx.Client, gate: Gate) -> None:
    event = pre("toolu_emoji", tool_input={"command": "echo \U0001f600"})
    response = client.post(HOOK, content=json.dumps(event).encode(),  # "\ud83d\ude00"
                           headers={"content-type": "application/json"})
    assert response.status_code == 200
    assert gate.lookup("toolu_emoji") is not None


def test_a_half_sent_request_head_is_dropped(served: Any) -> None:
    start = time.monotonic()
    answer = raw_request(served, b"POST /v1/hooks/claude-code HTTP/1.1\r\nHost: 127.", 10.0)
    assert answer == b""  # closed without an answer
    assert time.monotonic() - start < 3.0  # QuickHeads: 0.3 s (at most twice that)


def test_a_half_sent_body_times_out(served: Any, gate: Gate, token: str) -> None:
    before = counts(gate)
    body = json.dumps(pre("toolu_slow")).encode()
    for auth in (f"Bearer {token}", None):
        nonce = new_nonce()
        if auth is None:  # a signed request: the guard reads the body to check it
            mac = request_mac(token.encode(), "POST", HOOK, nonce, body)
            auth = f"{AUTH_SCHEME} {mac}"
        head = (f"POST {HOOK} HTTP/1.1\r\nHost: 127.0.0.1:{served.port}\r\n"
                f"Authorization: {auth}\r\n{NONCE_HEADER}: {nonce}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n")
        start = time.monotonic()
        answer = raw_request(served, head.encode() + body[:20], 10.0)
        assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
        assert b"RequestTimeout" in answer
        assert time.monotonic() - start < 5.0
    assert counts(gate) == before


# -- private files -----------------------------------------------------------------------
def test_the_token_and_the_log_are_private(served: Any, gate: Gate) -> None:
    data = gate.dir.parent
    assert stat.S_IMODE(gate.dir.stat().st_mode) == 0o700
    for name in ("token", "gate.db", "gate.db-wal", "gate.db-shm"):
        assert stat.S_IMODE((gate.dir / name).stat().st_mode) == 0o600, name
    assert len((gate.dir / "token").read_text().strip()) >= 43
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
