"""Shared by the server tests: the service run by uvicorn in a thread, as in production."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from neuroplast.server import server_config


class UserClient(httpx.Client):
    """An httpx client with the install's token, and the user's two moves at the gate:
    a call the agent is about to make, and the user's answer about it."""

    def decide(self, tool_use_id: str, command: str, cwd: str = "/p") -> dict[str, Any]:
        """The gate's hook answer about the Bash ``command`` (a PreToolUse)."""
        event = {"hook_event_name": "PreToolUse", "session_id": "s", "cwd": cwd,
                 "tool_name": "Bash", "tool_input": {"command": command},
                 "tool_use_id": tool_use_id}
        answer = self.post("/v1/hooks/claude-code", json=event)
        assert answer.status_code == 200, answer.text
        return answer.json()  # type: ignore[no-any-return]

    def answer(self, tool_use_id: str, command: str, approved: bool, cwd: str = "/p") -> None:
        """The call decided, then the user's answer about it."""
        self.decide(tool_use_id, command, cwd)
        answer = self.post("/v1/gate/feedback", json={"tool_use_id": tool_use_id,
                                                      "approved": approved})
        assert answer.status_code == 200, answer.text


def wait_until(check: Callable[[], bool], timeout: float = 60.0) -> bool:
    """Whether ``check()`` came true within ``timeout`` seconds (polled every 0.1 s)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


class Served:
    """uvicorn running ``app`` in a thread on a free loopback port, configured as
    ``neuroplast gate serve`` runs it (``options`` override the config)."""

    def __init__(self, app: FastAPI, **options: object) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(server_config(app, log_level="critical", **options))
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True
        )
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.01)
        assert self.server.started

    def token(self, data_dir: Path) -> str:
        """The token the service created on startup in ``data_dir``."""
        return (data_dir / "gate" / "token").read_text().strip()

    def client(self, data_dir: Path) -> UserClient:
        """A client that sends the token, as ``curl -H "Authorization: ..."``."""
        headers = {"Authorization": f"Bearer {self.token(data_dir)}"}
        return UserClient(base_url=self.url, headers=headers, timeout=60)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


@pytest.fixture(scope="module")
def serve() -> Iterator[Callable[..., Served]]:
    """``serve(app, **uvicorn_options)`` -> a :class:`Served`, stopped after the module."""
    started: list[Served] = []

    def start(app: FastAPI, **options: object) -> Served:
        started.append(Served(app, **options))
        return started[-1]

    yield start
    for served in started:
        served.stop()


@pytest.fixture(scope="session")
def eventually() -> Callable[..., bool]:
    """``eventually(check, timeout=60)``: :func:`wait_until` (conftest cannot be imported
    by name under the whole suite: tests/sona has one too)."""
    return wait_until
