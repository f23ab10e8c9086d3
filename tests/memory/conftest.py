"""Shared by the memory tests: the tiny causal LMs committed under benchmarks/data/tiny_lm,
loaded through transformers exactly as a real model (scripts/train_tiny_lm.py trains them)."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest
import torch
import uvicorn

from neuroplast.memory import LocalBackend
from neuroplast.server.serving import server_config

TINY = Path(os.environ.get("NEUROPLAST_TINY_LM",
                           Path(__file__).parents[2] / "benchmarks" / "data" / "tiny_lm"))
MODELS = ["llama", "qwen2"]


@pytest.fixture(scope="session", params=MODELS)
def model_dir(request: pytest.FixtureRequest) -> Path:
    """Each committed tiny model's directory in turn (tests run on both shapes)."""
    return TINY / request.param


@pytest.fixture(scope="session")
def llama_dir() -> Path:
    return TINY / "llama"


@pytest.fixture(scope="session")
def llama() -> LocalBackend:
    torch.set_num_threads(1)
    return LocalBackend.from_pretrained(TINY / "llama")


@contextmanager
def _serving(app: Any) -> Iterator[str]:
    """``app`` run by uvicorn in a thread on a free loopback port, as the service runs it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(server_config(app, log_level="critical"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    assert server.started
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@contextmanager
def _model_service(data: Path, config: Any, token: str) -> Iterator[tuple[str, Any]]:
    from neuroplast.memory.service import ModelService
    from neuroplast.server.memory_app import create_memory_app

    service = ModelService(TINY / "llama", data, config)
    try:
        with _serving(create_memory_app(None, model_name="tiny", token=token,
                                        service=service)) as url:
            yield url, service
    finally:
        service.close()


@pytest.fixture(scope="session")
def serving() -> Callable[[Any], AbstractContextManager[str]]:
    """``with serving(app) as url``: the app on a loopback port for the block."""
    return _serving


@pytest.fixture(scope="session")
def model_service() -> Callable[..., AbstractContextManager[tuple[str, Any]]]:
    """``with model_service(data_dir, train_config, token) as (url, service)``: the tiny
    llama's model service (/train, adapters) on a loopback port for the block."""
    return _model_service
