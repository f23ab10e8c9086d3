"""How uvicorn runs the service: time limits on every connection.

uvicorn closes an idle keep-alive connection after ``timeout_keep_alive``, but a
connection that sends half a request head and stops stays open forever (1,100 of them
were held open at once). :class:`HeadTimeoutProtocol` gives each request head
``HEAD_TIMEOUT_S`` (at most twice that, as the timer is checked, not reset, on each byte);
bodies have their own deadline where they are read (``neuroplast.server.body``), and
h11 refuses a request head over ``MAX_HEAD_BYTES``.

>>> config = server_config(app=None, port=8765)
>>> (config.timeout_keep_alive, config.h11_max_incomplete_event_size, config.http.__name__)
(5, 16384, 'HeadTimeoutProtocol')
"""

from __future__ import annotations

import asyncio
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = ["HEAD_TIMEOUT_S", "MAX_HEAD_BYTES", "HeadTimeoutProtocol", "server_config"]

HEAD_TIMEOUT_S = 10.0
KEEP_ALIVE_S = 5
MAX_HEAD_BYTES = 16 * 1024


class HeadTimeoutProtocol(H11Protocol):
    """uvicorn's h11 protocol, closing a connection whose request head does not arrive.

    Every ``head_timeout_s`` it checks that a new request began since the last check, or
    one is being answered; otherwise the connection is closed.
    """

    head_timeout_s = HEAD_TIMEOUT_S

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._checked_cycle: Any = None
        self._head_timer = self.loop.call_later(self.head_timeout_s, self._check_head)

    def _check_head(self) -> None:
        cycle = self.cycle
        busy = cycle is not None and not cycle.response_complete
        if busy or cycle is not self._checked_cycle:
            self._checked_cycle = cycle
            self._head_timer = self.loop.call_later(self.head_timeout_s, self._check_head)
        elif not self.transport.is_closing():
            self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self._head_timer.cancel()
        super().connection_lost(exc)


def server_config(
    app: Any, host: str = "127.0.0.1", port: int = 8765, **options: Any
) -> uvicorn.Config:
    """The uvicorn config the service runs with (``options`` override, e.g. ``log_level``)."""
    settings: dict[str, Any] = {
        "http": HeadTimeoutProtocol,
        "timeout_keep_alive": KEEP_ALIVE_S,
        "h11_max_incomplete_event_size": MAX_HEAD_BYTES,
        "proxy_headers": False,  # nothing sits in front of it: X-Forwarded-* is a lie
        "server_header": False,
        "log_level": "warning",
    }
    return uvicorn.Config(app, host=host, port=port, **(settings | options))
