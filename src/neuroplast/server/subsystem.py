"""What the one service needs from an application to serve it: a :class:`Subsystem`.

A subsystem (the gate, sona, memory) is a name, the config class of its section in the
service's TOML file, a ``router(config, data_dir)`` factory that builds its routes (cheap:
nothing is opened) and a ``start(config, data_dir, state)`` that opens what the routes use
when the service starts (a model, a database) and returns a :class:`Running`: its
``status()`` (a few numbers about what it has learned) and ``close()``.

``start`` puts whatever its routes read on ``state`` (the app's ``request.app.state``): the
gate's routes read ``state.gate``.

>>> from fastapi import APIRouter
>>> from neuroplast.config import Config
>>> from dataclasses import dataclass
>>> @dataclass
... class EchoConfig(Config):
...     word: str = "hi"
>>> class Echo:
...     def __init__(self, word): self.word = word
...     def status(self): return {"word": self.word}
...     def close(self): pass
>>> echo = Subsystem("echo", EchoConfig, lambda config, data_dir: APIRouter(),
...                  lambda config, data_dir, state: Echo(config.word))
>>> echo.start(EchoConfig(), None, None).status()
{'word': 'hi'}
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from fastapi import APIRouter

from neuroplast.config import Config

__all__ = ["Running", "Subsystem"]


class Running(Protocol):
    """A started subsystem: what it has learned, in a few numbers, and how to stop it."""

    def status(self) -> dict[str, Any]: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Subsystem:
    """One application the service can run. See the module docstring."""

    name: str
    config_cls: type[Config]
    router: Callable[[Any, Path], APIRouter]
    start: Callable[[Any, Path, Any], Running]
    # request body limits of paths that take more than the service's default (1 MB)
    body_limits: dict[str, int] = field(default_factory=dict)
    # paths under which a body-limit exemption applies (a route that reads its own body)
    reads_own_body: tuple[str, ...] = ()
    # paths that prove who calls by their own means (a peer's Ed25519 signature), not the
    # install's token; the Guard's other checks still apply to them
    public: tuple[str, ...] = ()
    # subsystems it runs on (peers: the gate); it is off when one of them is
    needs: tuple[str, ...] = ()
    # paths a browser may GET with a dashboard session cookie (server.sessions)
    browser: tuple[str, ...] = ()
    summary: str = ""
