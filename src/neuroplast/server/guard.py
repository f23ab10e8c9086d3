"""Who may talk to the service: one ASGI middleware in front of every route.

A request is refused, with a JSON error and nothing done, unless

1. its ``Host`` names this service: ``127.0.0.1``, ``localhost`` or ``[::1]`` (or a host
   allowed with ``--allow-remote``) with the port it listens on; else 421 (a web page
   that rebinds its DNS name to 127.0.0.1 sends its own name);
2. it comes from no web page: no ``Origin`` header and no ``Sec-Fetch-Site`` other than
   ``none`` (browsers send them; Claude Code's hook, curl and httpx do not); else 403;
3. a body it carries is ``application/json``; else 415 (an HTML form can post
   ``text/plain`` across sites without a preflight);
4. it proves it knows the install's token (every route but ``/healthz``); else 401.
   ``Authorization: Bearer <token>`` (curl, scripts), or ``Authorization: Neuroplast-HMAC
   <mac>`` with ``X-Neuroplast-Nonce``, HMAC-SHA256 over the method, path, nonce and body
   (the hook and the CLI: the token itself never leaves the machine's files, so whatever
   listens on the port when the service is down learns nothing it can reuse). A signed
   request's nonce must be fresh (its time within ``NONCE_WINDOW_S``) and unused.

The answer to a request that proved itself and sent a nonce carries
``X-Neuroplast-Signature``: HMAC-SHA256 over the nonce, the status and the body
(:func:`neuroplast.gate.hook_cli.response_mac`), which only the service can compute.
No CORS headers are ever sent.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable

from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from neuroplast.errors import (
    AuthenticationError,
    ForeignOrigin,
    MisdirectedRequest,
    NeuroplastError,
    PayloadTooLarge,
    UnsupportedMediaType,
)
from neuroplast.gate.hook_cli import (
    AUTH_SCHEME,
    NONCE_HEADER,
    SIGNATURE_HEADER,
    request_head,
    response_head,
)
from neuroplast.server.body import BODY_TIMEOUT_S, DRAIN_FACTOR, read_body
from neuroplast.server.errors import error_response, status_for

__all__ = ["LOOPBACK_HOSTS", "NONCE_WINDOW_S", "Guard", "is_loopback"]

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
NONCE_WINDOW_S = 300.0  # a signed request's time may be this far from the service's clock
_NONCES_KEPT = 100_000
_NONCE = re.compile(r"[0-9]{1,12}-[0-9a-f]{32}")
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine only.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    return host.strip("[]").lower() in LOOPBACK_HOSTS or host.startswith("127.")


def _split_host(value: str) -> tuple[str, int | None]:
    """``(name, port)`` of a Host header (``None``: no port, ``-1``: a malformed one).

    >>> _split_host("[::1]:8765"), _split_host("Localhost"), _split_host("a:b")
    (('::1', 8765), ('localhost', None), ('a', -1))
    """
    if value.startswith("["):
        name, bracket, rest = value[1:].partition("]")
        if not bracket:
            return "", -1
    elif value.count(":") > 1:  # an IPv6 address without brackets
        return "", -1
    else:
        name, colon, port = value.partition(":")
        rest = colon + port
    if not rest:
        return name.lower(), None
    digits = rest[1:]
    if rest[0] != ":" or not (digits.isascii() and digits.isdigit()):
        return name.lower(), -1
    return name.lower(), int(digits)


GATE_TOKEN_HINT = "<data dir>/gate/token (`neuroplast gate token`)"


class Guard:
    """ASGI middleware: only this host, no web pages, only JSON, only with the token.

    ``secret()`` is the token (as bytes), read when the service starts; ``limits`` the
    body limit of each path (``default_limit`` elsewhere), applied to the bodies it reads
    to check a signature.

    >>> Guard(app=None, secret=lambda: b"t" * 43).public
    ('/healthz',)
    """

    def __init__(
        self,
        app: ASGIApp,
        secret: Callable[[], bytes | None],
        *,
        allowed_hosts: Iterable[str] = (),
        public: tuple[str, ...] = ("/healthz",),
        limits: dict[str, int] | None = None,
        default_limit: int = 1024 * 1024,
        body_timeout_s: float = BODY_TIMEOUT_S,
        browser: Callable[[Scope, dict[str, str]], bool] | None = None,
        token_hint: str = GATE_TOKEN_HINT,
    ) -> None:
        self.app = app
        # where this service's token is, for the error a client without it gets
        self.token_hint = token_hint
        # the dashboard's browser sessions (server.sessions): a GET of its pages with a
        # session cookie, checked only after the Host
        self.browser = browser
        self.secret = secret
        self.hosts = LOOPBACK_HOSTS | {h.strip("[]").lower() for h in allowed_hosts}
        self.public = public
        self.limits = limits or {}
        self.default_limit = default_limit
        self.body_timeout_s = body_timeout_s
        self._nonces: OrderedDict[str, float] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        try:
            self._check_host(scope, headers.get("host", ""))
            if self.browser is not None and self.browser(scope, headers):
                await self.app(scope, receive, send)
                return
            if "origin" in headers or headers.get("sec-fetch-site", "none") != "none":
                raise ForeignOrigin(
                    "requests from web pages are refused (the request has an Origin or "
                    "Sec-Fetch-Site header); talk to the gate from your own tools"
                )
            media = headers.get("content-type", "").partition(";")[0].strip().lower()
            if scope["method"] in _BODY_METHODS and media != "application/json":
                raise UnsupportedMediaType(
                    f"the body must be application/json, not {media or 'untyped'}; send "
                    "JSON with Content-Type: application/json"
                )
            if scope["path"] in self.public:
                await self.app(scope, receive, send)
                return
            secret = self.secret()
            if secret is None:
                raise AuthenticationError("the service is still starting; try again")
            nonce = headers.get(NONCE_HEADER, "")
            scheme, _, credential = headers.get("authorization", "").partition(" ")
            if scheme.lower() == "bearer":
                if not hmac.compare_digest(credential.strip().encode("latin-1"), secret):
                    raise AuthenticationError(f"wrong token; use the one in {self.token_hint}")
                if nonce and not _NONCE.fullmatch(nonce):
                    raise AuthenticationError(f"malformed {NONCE_HEADER}: {nonce[:80]!r}")
            elif scheme.lower() == AUTH_SCHEME.lower():
                receive = await self._verify(scope, receive, secret, nonce, credential.strip())
            else:
                raise AuthenticationError(
                    "this service needs the install's token: send 'Authorization: Bearer "
                    f"<token>' (the token is in {self.token_hint})")
        except NeuroplastError as exc:
            response = error_response(status_for(exc), type(exc).__name__, str(exc))
            await response(scope, receive, send)
            return
        except ClientDisconnect:
            return
        if nonce:
            send = _signing(send, secret, nonce)
        await self.app(scope, receive, send)

    def _check_host(self, scope: Scope, value: str) -> None:
        name, port = _split_host(value)
        server = scope.get("server")
        listening = server[1] if server and len(server) > 1 else None
        default = 443 if scope.get("scheme") == "https" else 80  # a Host without a port
        port_ok = listening is None or port == listening or (port is None and
                                                             listening == default)
        if name not in self.hosts or not port_ok:
            where = f"port {listening}" if listening else "this service"
            raise MisdirectedRequest(
                f"Host {value[:100]!r} is not this service; address it as 127.0.0.1, "
                f"localhost or [::1] on {where} (other host names are refused: DNS rebinding)"
            )

    async def _verify(
        self, scope: Scope, receive: Receive, secret: bytes, nonce: str, mac: str
    ) -> Receive:
        """Check a signed request, reading its body; a ``receive`` that replays the body."""
        if not _NONCE.fullmatch(nonce):
            raise AuthenticationError(f"a signed request needs a {NONCE_HEADER} header "
                                      "'<unix time>-<32 hex digits>'")
        now = time.time()
        if abs(now - int(nonce.partition("-")[0])) > NONCE_WINDOW_S or nonce in self._nonces:
            raise AuthenticationError("the request's nonce is stale or was used before; "
                                      "sign each request with a fresh one")
        target = scope.get("raw_path") or scope["path"].encode("latin-1")
        if scope.get("query_string"):
            target += b"?" + scope["query_string"]
        digest = hmac.new(
            secret, request_head(scope["method"], target.decode("latin-1"), nonce), hashlib.sha256
        )
        limit = self.limits.get(scope["path"], self.default_limit)
        body, total = await read_body(receive, limit, self.body_timeout_s, digest.update)
        if total > limit * DRAIN_FACTOR:  # not read to the end: nothing to check
            raise PayloadTooLarge(f"request body of over {total} bytes is over the "
                                  f"{limit}-byte limit")
        if not hmac.compare_digest(digest.hexdigest().encode(), mac.encode("latin-1")):
            raise AuthenticationError("the request's signature does not verify; sign it "
                                      f"with the token in {self.token_hint}")
        self._remember(nonce, now)
        scope["neuroplast.body_size"] = total
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()  # the disconnect, when it comes
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        return replay

    def _remember(self, nonce: str, now: float) -> None:
        self._nonces[nonce] = now
        while self._nonces:
            oldest, seen = next(iter(self._nonces.items()))
            if seen >= now - 2 * NONCE_WINDOW_S and len(self._nonces) <= _NONCES_KEPT:
                break
            del self._nonces[oldest]



def _signing(send: Send, secret: bytes, nonce: str) -> Send:
    """``send`` that holds the answer back and adds its signature header."""
    start: Message | None = None
    parts: list[bytes] = []

    async def signed(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            start = message
            return
        if message["type"] != "http.response.body" or start is None:
            await send(message)
            return
        parts.append(message.get("body", b""))
        if message.get("more_body", False):
            return
        body = b"".join(parts)
        mac = hmac.new(secret, response_head(nonce, start["status"]), hashlib.sha256)
        mac.update(body)
        signature = (SIGNATURE_HEADER.encode(), mac.hexdigest().encode())
        headers = [*start.get("headers", []), signature]
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": body, "more_body": False})

    return signed
