"""Browser sessions for the dashboard: a one-time login URL, then an HttpOnly cookie.

A browser cannot send the token in a header, and the Guard refuses web pages. So:
``neuroplast dashboard`` prints ``/login?code=...``, a code only the token's holder can
make (an HMAC of its expiry, keyed with the token), valid ``LOGIN_TTL_S`` and once. The
login route answers with a session cookie (HttpOnly, SameSite=Strict, Path=/: page
scripts cannot read it, and no other site's page makes the browser send it), itself an
HMAC of an expiry and a random id, so nothing is stored server-side.

:meth:`BrowserSessions.admits` is what the Guard asks before refusing a web request: a
GET of one of the dashboard's paths, from the page itself (``Sec-Fetch-Site`` ``none`` or
``same-origin``, and no ``Origin`` of another site), with a valid session cookie; or a GET
of the login path typed or opened from outside a page. The Host check runs before it.

>>> s = BrowserSessions(lambda: b"t" * 43, paths=("/",))
>>> s.check_code(s.login_code()), s.check_cookie(s.new_cookie())
(True, True)
>>> s.check_cookie("1.2.3")
False
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from http.cookies import SimpleCookie

from starlette.types import Scope

__all__ = ["COOKIE", "LOGIN_PATH", "LOGIN_TTL_S", "SESSION_TTL_S", "BrowserSessions",
           "login_code"]

COOKIE = "neuroplast_session"
LOGIN_PATH = "/login"
LOGIN_TTL_S = 300.0
SESSION_TTL_S = 12 * 3600.0


def _mac(secret: bytes, *parts: str) -> str:
    return hmac.new(secret, "\n".join(parts).encode(), hashlib.sha256).hexdigest()


def login_code(secret: bytes, now: float | None = None) -> str:
    """A one-time login code from the token (what ``neuroplast dashboard`` prints)."""
    expires = str(int((time.time() if now is None else now) + LOGIN_TTL_S))
    nonce = secrets.token_hex(8)
    return f"{expires}.{nonce}.{_mac(secret, 'login', expires, nonce)}"


class BrowserSessions:
    """Login codes and session cookies keyed with ``secret()`` (the install's token)."""

    def __init__(self, secret: Callable[[], bytes | None], paths: tuple[str, ...]) -> None:
        self.secret = secret
        self.paths = frozenset(paths)
        self._used: dict[str, float] = {}

    def login_code(self) -> str:
        return login_code(self._secret())

    def _secret(self) -> bytes:
        secret = self.secret()
        if secret is None:
            raise RuntimeError("the service has not started")
        return secret

    def _valid(self, kind: str, value: str) -> bool:
        expires, _, rest = value.partition(".")
        nonce, _, mac = rest.partition(".")
        if not (expires.isdigit() and nonce and mac) or int(expires) < time.time():
            return False
        secret = self.secret()
        return secret is not None and hmac.compare_digest(
            mac, _mac(secret, kind, expires, nonce))

    def check_code(self, code: str) -> bool:
        """Whether ``code`` is a valid login code not used before (it is used now)."""
        if not self._valid("login", code) or code in self._used:
            return False
        now = time.time()
        self._used = {c: t for c, t in self._used.items() if t > now} | {
            code: now + LOGIN_TTL_S}
        return True

    def new_cookie(self) -> str:
        expires = str(int(time.time() + SESSION_TTL_S))
        nonce = secrets.token_hex(16)
        return f"{expires}.{nonce}.{_mac(self._secret(), 'session', expires, nonce)}"

    def check_cookie(self, value: str) -> bool:
        return self._valid("session", value)

    def admits(self, scope: Scope, headers: dict[str, str]) -> bool:
        """Whether the Guard should let this browser request through (module doc)."""
        if scope["method"] not in ("GET", "HEAD"):
            return False
        site = headers.get("sec-fetch-site", "none")
        path = scope["path"]
        if path == LOGIN_PATH:
            return site == "none" and "origin" not in headers
        if path not in self.paths or site not in ("none", "same-origin"):
            return False
        origin = headers.get("origin")
        if origin is not None and origin.partition("://")[2] != headers.get("host"):
            return False
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:  # a malformed Cookie header: no session
            return False
        morsel = cookie.get(COOKIE)
        return morsel is not None and self.check_cookie(morsel.value)
