"""`neuroplast serve` as a user runs it: a real process on a loopback port, every
subsystem on it; killed with SIGKILL and started again, it has lost no decision, answer,
peer signal or peer state (a bundle applied before the kill is a duplicate after it)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from neuroplast.peers import Identity, seal
from neuroplast.peers.identity import KEY_PREFIX

pytestmark = pytest.mark.slow  # two service starts with MiniLM: ~30 s on 2 cores
NEUROPLAST = str(Path(sys.executable).with_name("neuroplast"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Service:
    def __init__(self, home: Path, port: int) -> None:
        self.home, self.port, self.url = home, port, f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [NEUROPLAST, "serve", "--port", str(self.port), "--data-dir", str(self.home)],
            env={**os.environ, "HF_HUB_OFFLINE": "1"}, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise AssertionError("the service did not start")

    def client(self) -> httpx.Client:
        token = (self.home / "gate" / "token").read_text().strip()
        return httpx.Client(base_url=self.url, timeout=60,
                            headers={"Authorization": f"Bearer {token}"})

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    (tmp_path / "config.toml").write_text('[gate.learner]\nbackend = "thread"\n')
    svc = Service(tmp_path, _free_port())
    yield svc
    if svc.process is not None and svc.process.poll() is None:
        svc.process.terminate()
        svc.process.wait(60)


def _signals(*seqs: int, command: str = "rm -rf /srv/data") -> list[dict[str, Any]]:
    return [{"seq": s, "ts": time.time(), "approved": False,
             "call": {"tool_name": "Bash", "tool_input": {"command": f"{command} {s}"}}}
            for s in seqs]


def test_kill_9_loses_no_decision_answer_or_peer_signal(service: Service,
                                                        tmp_path: Path) -> None:
    service.start()
    dave = Identity.load_or_create(tmp_path / "dave.pem")
    with service.client() as client:
        me = client.get("/v1/peers").json()["identity"]
    add = subprocess.run([NEUROPLAST, "peers", "add", "dave", KEY_PREFIX + dave.public_key,
                          "http://127.0.0.1:9", "--data-dir", str(service.home)],
                         capture_output=True, text=True, timeout=120)
    assert add.returncode == 0, add.stderr
    bundle = seal(dave, me, _signals(1, 2, 3))
    with service.client() as client:
        assert client.post("/v1/peers/inbox", json=bundle).json()["trained"] == 3
        client.post("/v1/hooks/claude-code", json={
            "hook_event_name": "PreToolUse", "session_id": "s", "cwd": "/p",
            "tool_name": "Bash", "tool_input": {"command": "git status"},
            "tool_use_id": "e2e-1"})
        assert client.post("/v1/gate/feedback", json={"tool_use_id": "e2e-1",
                                                      "approved": True}).status_code == 200
    service.kill()
    service.start()
    with service.client() as client:
        stats = client.get("/v1/gate/stats").json()
        assert stats["decisions"] == 1 and stats["feedback"] == 1
        assert stats["by_origin"]["peer:dave"]["answers"] == 3
        assert client.post("/v1/peers/inbox", json=bundle).json()["duplicate"] == 3
        other = client.post("/v1/peers/inbox", json=seal(dave, me, _signals(2, command="ls")))
        assert other.status_code == 409  # sequence 2 is remembered across the kill
    status = subprocess.run([NEUROPLAST, "status", "--url", service.url, "--data-dir",
                             str(service.home)], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "COLUMNS": "200"})
    assert status.returncode == 0, status.stderr
    for name in ("gate", "peers", "dashboard"):
        assert name in status.stdout
    assert "signals_in 3" in status.stdout
