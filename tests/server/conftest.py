"""Shared by the server tests: the service run by uvicorn in a thread, as in production."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from neuroplast.server import server_config


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

    def client(self, data_dir: Path) -> httpx.Client:
        """An httpx client that sends the token, as ``curl -H "Authorization: ..."``."""
        headers = {"Authorization": f"Bearer {self.token(data_dir)}"}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)

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
