"""The one service on two listeners: plain HTTP on loopback, HTTPS for peers.

The hook speaks plain HTTP to 127.0.0.1 (it loads no ``ssl`` module, to answer within
Claude Code's hook timeout), and so do the CLI's commands; peers on other machines should
reach the service over HTTPS. So the service keeps its plain port on loopback and, with
``[service] tls_port`` (``neuroplast serve --tls-port``), opens a second, HTTPS one.
Both serve the same app, started once: the HTTPS server runs without the app's lifespan,
opens after the plain one has started (every subsystem open) and closes when it stops.
The Guard checks each request's Host against the port it arrived on.

>>> listeners = Listeners(app=None, port=8765)
>>> listeners.secure is None
True
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import uvicorn

from neuroplast.errors import ConfigError
from neuroplast.server.serving import server_config

__all__ = ["Listeners", "TLSListener"]


@dataclass(frozen=True)
class TLSListener:
    """Where the HTTPS listener is and what it proves itself with (PEM files)."""

    host: str
    port: int
    certfile: str
    keyfile: str


class _Quiet(uvicorn.Server):
    """A uvicorn server that leaves signals to the plain one (which stops it)."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


class Listeners:
    """``app`` on ``host:port`` (plain) and, with ``tls``, on its HTTPS port too."""

    def __init__(self, app: Any, host: str = "127.0.0.1", port: int = 8765,
                 tls: TLSListener | None = None, **options: Any) -> None:
        self.plain = uvicorn.Server(server_config(app, host=host, port=port, **options))
        self.secure: uvicorn.Server | None = None
        if tls is not None:
            config = server_config(app, host=tls.host, port=tls.port, lifespan="off",
                                   ssl_certfile=tls.certfile, ssl_keyfile=tls.keyfile,
                                   **options)
            try:
                config.load()  # reads the certificate and key now: a bad one fails here
            except (OSError, ssl.SSLError) as exc:
                raise ConfigError(
                    f"the HTTPS listener cannot use certificate {tls.certfile!r} with key "
                    f"{tls.keyfile!r} ({exc}); point tls_certfile/tls_keyfile "
                    "(--ssl-certfile/--ssl-keyfile) at a PEM certificate and its key"
                ) from None
            self.secure = _Quiet(config)

    @property
    def started(self) -> bool:
        return self.plain.started and (self.secure is None or self.secure.started)

    def stop(self) -> None:
        self.plain.should_exit = True

    def run(self, sockets: tuple[socket.socket | None, socket.socket | None] = (None, None)
            ) -> None:
        """Serve until stopped (a signal, or :meth:`stop`); ``sockets``: already bound
        (plain, HTTPS) sockets to use instead of binding."""
        asyncio.run(self.serve(sockets))

    async def serve(self, sockets: tuple[socket.socket | None, socket.socket | None] = (
            None, None)) -> None:
        plain_sock, secure_sock = sockets
        plain = asyncio.create_task(self.plain.serve([plain_sock] if plain_sock else None))
        if self.secure is None:
            await plain
            return
        while not self.plain.started and not plain.done():
            await asyncio.sleep(0.02)
        if plain.done():  # it failed to start (or was stopped before): nothing to add
            await plain
            return
        secure = asyncio.create_task(self.secure.serve([secure_sock] if secure_sock
                                                       else None))
        await asyncio.wait({plain, secure}, return_when=asyncio.FIRST_COMPLETED)
        # whichever ends first ends the other: a service half up is not what was asked for
        self.plain.should_exit = self.secure.should_exit = True
        await asyncio.gather(plain, secure)
