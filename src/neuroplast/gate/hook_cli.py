"""``neuroplast-hook``: the command Claude Code runs for each hook event.

It reads the event from stdin, forwards it to the running gate service
(``POST $NEUROPLAST_GATE_URL/v1/hooks/claude-code``) and prints the answer. Claude Code
runs it before every tool call, so it starts in a few milliseconds: it imports only
modules built into the interpreter (``_json``, ``_socket``, ``_sha256``, ``os``, ``sys``,
``time``); not torch, numpy or httpx, not even ``http.client`` (its ``email`` and ``ssl``
imports cost more than the request), ``socket`` (``selectors`` and enums: 3 ms), ``json``
and ``re`` (``enum`` and friends: 9 ms) or ``hmac`` (it loads OpenSSL: 3 ms; HMAC-SHA256
is ten lines over ``_sha256``). ``neuroplast gate install`` runs this file with
``python -I -S``, which also skips ``site`` and the console-script wrapper: a hook that
answers at once (service down) takes 13 ms this way, 22 ms as ``neuroplast-hook``;
``python -c pass`` takes 11 ms.

Both ends prove who they are with the per-install token (``$NEUROPLAST_HOME/gate/token``,
default ``~/.neuroplast/gate/token``, readable only by its owner), which never crosses the
wire: the hook signs each request, HMAC-SHA256 over a fresh nonce and the body
(:func:`request_mac`), and the service signs its answer over the same nonce, the status
and the answer's bytes (:func:`response_mac`). Whatever else listens on the port (the
service is down and another local user took it) cannot sign, so the hook prints ``allow``
or ``deny`` only from a signed 200 answer, and of that only ``hookEventName``,
``permissionDecision`` and ``permissionDecisionReason`` (never ``updatedInput``); it
reads at most 64 KiB of any answer.

It never blocks the user's agent: whatever goes wrong (no token, service down, slow,
answering garbage or unsigned), it exits 0; a PreToolUse event then gets an ``ask`` answer
saying why, so Claude Code asks the user as it would without the gate, and other events
get no output.

>>> ask_output("the gate is unavailable")["hookSpecificOutput"]["permissionDecision"]
'ask'
>>> event_name(b'{"hook_event_name": "PreToolUse", "tool_name": "Bash"}')
'PreToolUse'
>>> event_name(b'{"hook_event_name": "PreToolUse", "tool_input": {"command": "ls')
'PreToolUse'
>>> event_name(b"not json") is None
True
"""

import _socket
import os
import sys
import time
from _operator import _compare_digest

try:
    from _sha256 import sha256 as _sha256  # Python 3.11
except ImportError:
    try:
        from _sha2 import sha256 as _sha256  # type: ignore[import-not-found,no-redef]  # 3.12+
    except ImportError:  # a build without the module: OpenSSL's, slower to import
        from hashlib import sha256 as _sha256  # type: ignore[assignment]

try:
    # CPython's C JSON scanner, the one ``json`` itself uses: ``import json`` would also
    # import ``re`` and ``enum``, 9 ms of a hook start that takes 11 ms without them.
    from _json import make_scanner as _make_scanner
except ImportError:  # not CPython: the plain module, slower to import
    _make_scanner = None

__all__ = [
    "AUTH_SCHEME",
    "DEFAULT_TIMEOUT_S",
    "DEFAULT_URL",
    "HOOK_PATH",
    "MAX_ANSWER_BYTES",
    "NONCE_HEADER",
    "SIGNATURE_HEADER",
    "HookResponse",
    "ask_output",
    "event_name",
    "forward",
    "hmac_sha256",
    "main",
    "new_nonce",
    "read_secret",
    "request_head",
    "request_mac",
    "response_head",
    "response_mac",
    "slim",
    "sniff_event_name",
    "token_path",
    "valid_answer",
]

DEFAULT_URL = "http://127.0.0.1:8765"
DEFAULT_TIMEOUT_S = 2.0
HOOK_PATH = "/v1/hooks/claude-code"
AUTH_SCHEME = "Neuroplast-HMAC"  # Authorization: Neuroplast-HMAC <hex request MAC>
NONCE_HEADER = "x-neuroplast-nonce"
SIGNATURE_HEADER = "x-neuroplast-signature"
MAX_ANSWER_BYTES = 64 * 1024  # status line, headers and body: the gate's answers are < 2 KB
# The keys of a PreToolUse answer that the hook prints; anything else the answer holds
# (``updatedInput`` above all, which would rewrite the call) is dropped.
ANSWER_KEYS = ("hookEventName", "permissionDecision", "permissionDecisionReason")
# A PostToolUse carries what the tool gave back (a Write's whole file again, an Edit's
# original file), which the gate never reads; over this size it is dropped here, so that
# the answer the event is (the call ran) stays within the service's body limit.
SLIM_ABOVE_BYTES = 256 * 1024

_EVENT_KEY = b'"hook_event_name"'
_JSON_SPACE = " \t\n\r"
_DECISIONS = ("allow", "deny", "ask")
_IPAD = bytes(x ^ 0x36 for x in range(256))
_OPAD = bytes(x ^ 0x5C for x in range(256))
_OPENSSL_FROM = 256 * 1024  # bytes to hash from which OpenSSL's 8x speed pays its import


class _StrictJSON:
    """The settings ``_json.make_scanner`` reads from a ``json.JSONDecoder()``: plain JSON."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = float  # NaN, Infinity, -Infinity


_SCAN = _make_scanner(_StrictJSON()) if _make_scanner is not None else None


def loads(data: bytes) -> object:
    """``json.loads`` for UTF-8 bytes, without importing ``json`` unless the input is bad.

    Raises ``ValueError`` as ``json.loads`` does (``JSONDecodeError``, ``UnicodeDecodeError``,
    and for JSON nested too deeply to parse).

    >>> loads(b' {"a": [1, 2.5, null, true, "x"]} ')
    {'a': [1, 2.5, None, True, 'x']}
    >>> loads(b'{"a": 1} x')
    Traceback (most recent call last):
    ...
    json.decoder.JSONDecodeError: Extra data: line 1 column 10 (char 9)
    """
    if _SCAN is not None:
        text = data.decode("utf-8")
        start = len(text) - len(text.lstrip(_JSON_SPACE))
        try:
            value, end = _SCAN(text, start)
            if not text[end:].strip(_JSON_SPACE):
                return value
        except (StopIteration, SystemError, RecursionError):
            # Bad JSON. Before Python 3.12 the C scanner raises ``JSONDecodeError`` only if
            # ``json.decoder`` is loaded (a SystemError otherwise): ``json`` says what is wrong.
            pass
    import json

    try:
        return json.loads(data)
    except RecursionError:
        raise ValueError("the JSON is nested too deeply to parse") from None


class HookResponse:
    """Status code and body of one HTTP answer, and whether the gate service signed it.

    >>> HookResponse(200, b"{}").authentic
    False
    """

    __slots__ = ("authentic", "body", "status")

    def __init__(self, status: int, body: bytes, authentic: bool = False) -> None:
        self.status = status
        self.body = body
        self.authentic = authentic


def token_path(home: str | None = None) -> str:
    """Where the gate's token is: ``<home>/gate/token``, home ``$NEUROPLAST_HOME`` or
    ``~/.neuroplast`` (the service's ``--data-dir``).

    >>> token_path("/data")
    '/data/gate/token'
    """
    home = home or os.environ.get("NEUROPLAST_HOME") or "~/.neuroplast"
    return os.path.join(os.path.expanduser(home), "gate", "token")


def read_secret(path: str) -> bytes:
    """The token in ``path`` as the HMAC key; ``OSError`` or ``ValueError`` if unusable."""
    with open(path, "rb") as fh:
        secret = fh.read(4096).strip()
    if len(secret) < 32:
        raise ValueError(f"{path} holds no gate token")
    return secret


def hmac_sha256(key: bytes, *parts: bytes) -> str:
    """HMAC-SHA256 (RFC 2104) of the concatenated ``parts``, in hex; ``hmac`` without its
    import of OpenSSL (3 ms of the hook's start).

    >>> import hmac
    >>> hmac_sha256(b"k", b"a", b"b") == hmac.new(b"k", b"ab", "sha256").hexdigest()
    True
    """
    sha = _sha256
    if sum(map(len, parts)) >= _OPENSSL_FROM:  # a large Write: OpenSSL hashes 8x faster
        from hashlib import sha256 as sha  # type: ignore[assignment]
    if len(key) > 64:
        key = sha(key).digest()
    key = key.ljust(64, b"\0")
    inner = sha(key.translate(_IPAD))
    for part in parts:
        inner.update(part)
    return sha(key.translate(_OPAD) + inner.digest()).hexdigest()  # type: ignore[no-any-return]


def new_nonce() -> str:
    """A fresh request nonce: the time (the service refuses stale ones) and 128 random bits.

    >>> len(new_nonce().split("-")[1])
    32
    """
    return f"{int(time.time())}-{os.urandom(16).hex()}"


def request_head(method: str, target: str, nonce: str) -> bytes:
    """What a request's MAC covers before the body: method, path and nonce.

    >>> request_head("POST", "/v1/hooks/claude-code", "1-ab")
    b'neuroplast-request\\nPOST /v1/hooks/claude-code\\n1-ab\\n'
    """
    return f"neuroplast-request\n{method} {target}\n{nonce}\n".encode("latin-1")


def response_head(nonce: str, status: int) -> bytes:
    """What an answer's MAC covers before the body: the request's nonce and the status."""
    return f"neuroplast-response\n{nonce}\n{status}\n".encode("latin-1")


def request_mac(secret: bytes, method: str, target: str, nonce: str, body: bytes) -> str:
    """The ``Authorization: Neuroplast-HMAC`` value of a request."""
    return hmac_sha256(secret, request_head(method, target, nonce), body)


def response_mac(secret: bytes, nonce: str, status: int, body: bytes) -> str:
    """The ``X-Neuroplast-Signature`` the gate service puts on its answer."""
    return hmac_sha256(secret, response_head(nonce, status), body)


def ask_output(reason: str) -> dict[str, object]:
    """The PreToolUse answer that hands the decision to the user."""
    return {
        "hookSpecificOutput": {
            "hookEventName": "PreToolUse",
            "permissionDecision": "ask",
            "permissionDecisionReason": f"neuroplast gate: {reason}",
        }
    }


def event_name(raw: bytes) -> str | None:
    """The event's ``hook_event_name``: found in the head, else from the parsed JSON.

    The head first: parsing a 10 MB Write event to read one field would cost more than
    the whole hook otherwise does.
    """
    name = sniff_event_name(raw)
    if name is not None:
        return name
    try:
        event = loads(raw)
    except ValueError:  # JSONDecodeError and UnicodeDecodeError both
        return None
    value = event.get("hook_event_name") if isinstance(event, dict) else None
    return value if isinstance(value, str) else None


def sniff_event_name(raw: bytes) -> str | None:
    """The top-level ``hook_event_name`` found by pattern in the head of the event bytes.

    Works on truncated or badly encoded bytes too, so such a PreToolUse still gets a safe
    ``ask`` instead of nothing. Only the head: Claude Code writes the name before
    ``tool_input``, and inside a JSON string its quotes would be escaped.

    >>> sniff_event_name(b'{"session_id": "s", "hook_event_name" : "PostToolUse", "tool')
    'PostToolUse'
    >>> sniff_event_name(b'{"hook_event_name": 3, "x": {"hook_event_name": "Stop"}}')
    'Stop'
    """
    head = raw[:4096]
    at = head.find(_EVENT_KEY)
    while at >= 0:
        rest = head[at + len(_EVENT_KEY) :].lstrip()
        if rest[:1] == b":":
            rest = rest[1:].lstrip()
            if rest[:1] == b'"':
                name, quote, _ = rest[1:].partition(b'"')
                if quote and name.isalpha():  # bytes: ASCII letters only
                    return name.decode("ascii")
        at = head.find(_EVENT_KEY, at + 1)
    return None


def slim(raw: bytes, event: str | None) -> bytes:
    """``raw``, or for a PostToolUse over ``SLIM_ABOVE_BYTES`` the event without its
    ``tool_response`` (re-encoded: ``json`` is imported for it alone).

    >>> big = b'{"hook_event_name": "PostToolUse", "tool_response": "' + b"x" * 300_000 + b'"}'
    >>> slim(big, "PostToolUse"), len(slim(big, "PreToolUse"))
    (b'{"hook_event_name": "PostToolUse"}', 300055)
    """
    if event != "PostToolUse" or len(raw) <= SLIM_ABOVE_BYTES:
        return raw
    try:
        data = loads(raw)
    except ValueError:
        return raw  # the service says what is wrong with it
    if not isinstance(data, dict) or "tool_response" not in data:
        return raw
    import json

    del data["tool_response"]
    return json.dumps(data).encode("utf-8", "surrogatepass")


def valid_answer(body: bytes, event: str | None) -> dict[str, object] | None:
    """What the hook may print for ``event`` from the answer ``body``, or None if unusable.

    Only the hook protocol's own keys pass: a PreToolUse answer keeps ``hookEventName``,
    ``permissionDecision`` and ``permissionDecisionReason``; other events print ``{}``.

    >>> valid_answer(b'{"hookSpecificOutput": {"permissionDecision": "ask", '
    ...              b'"updatedInput": {"command": "rm -rf ~"}}, "x": 1}', "PreToolUse")
    {'hookSpecificOutput': {'permissionDecision': 'ask'}}
    """
    try:
        answer = loads(body)
    except ValueError:
        return None
    if not isinstance(answer, dict):
        return None
    if event != "PreToolUse":
        return {}
    out = answer.get("hookSpecificOutput")
    if not isinstance(out, dict) or out.get("permissionDecision") not in _DECISIONS:
        return None
    if out.get("hookEventName", "PreToolUse") != "PreToolUse" or not isinstance(
        out.get("permissionDecisionReason", ""), str
    ):
        return None
    return {"hookSpecificOutput": {key: out[key] for key in ANSWER_KEYS if key in out}}


def split_url(url: str) -> tuple[str, int, str]:
    """Host, port and path prefix of an ``http://host[:port][/prefix]`` URL.

    >>> split_url("http://[::1]:9000/gate/")
    ('::1', 9000, '/gate')
    >>> split_url("https://x")
    Traceback (most recent call last):
    ...
    ValueError: NEUROPLAST_GATE_URL='https://x' is not an http://host:port URL
    """
    scheme, _, rest = url.strip().partition("://")
    authority, slash, path = rest.partition("/")
    if authority.startswith("["):  # IPv6 literal
        host, bracket, port = authority[1:].partition("]")
        host = host if bracket else ""
    else:
        host, colon, port = authority.partition(":")
        port = colon + port
    digits = port[1:]
    if (
        scheme != "http"
        or not host
        or (port and not (port[0] == ":" and digits.isascii() and digits.isdigit()))
    ):
        raise ValueError(f"NEUROPLAST_GATE_URL={url!r} is not an http://host:port URL")
    return host, int(digits or 80), (slash + path).rstrip("/")


def _connect(host: str, port: int, timeout_s: float) -> _socket.socket:
    """``socket.create_connection`` on the C module: the first address that connects."""
    error: OSError = OSError(f"no address found for {host!r}")
    # bytes: a str host makes getaddrinfo import the idna codec (~3 ms of a ~20 ms start).
    for family, kind, proto, _, address in _socket.getaddrinfo(
        host.encode("ascii"), port, 0, _socket.SOCK_STREAM
    ):
        sock = _socket.socket(family, kind, proto)
        try:
            sock.settimeout(timeout_s)
            sock.connect(address)
            return sock
        except OSError as exc:
            sock.close()
            error = exc
    raise error


def _recv_until(sock: _socket.socket, buf: bytearray, marker: bytes, deadline: float) -> int:
    while (index := buf.find(marker)) < 0:
        _recv(sock, buf, deadline)
    return index


def _recv(sock: _socket.socket, buf: bytearray, deadline: float) -> None:
    """Append the next bytes of the answer to ``buf``; ``ValueError`` past 64 KiB."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError("the gate service did not answer in time")
    sock.settimeout(remaining)
    chunk = sock.recv(65536)
    if not chunk:
        raise ConnectionError("the gate service closed the connection mid-answer")
    buf.extend(chunk)
    if len(buf) > MAX_ANSWER_BYTES:
        raise ValueError(f"the answer is over {MAX_ANSWER_BYTES} bytes; the gate's are < 2 KB")


def forward(raw: bytes, url: str, timeout_s: float, secret: bytes | None = None) -> HookResponse:
    """POST ``raw`` to the gate's hook route; the whole exchange within ``timeout_s``.

    With ``secret`` the request is signed and the answer's signature checked
    (``HookResponse.authentic``). A minimal HTTP/1.1 client over one socket
    (``Connection: close``): the service is uvicorn on loopback, which answers with
    ``Content-Length``; chunked answers are read to the end of the stream. At most
    ``MAX_ANSWER_BYTES`` are read. Raises ``OSError`` (incl. timeouts) or ``ValueError``.
    """
    deadline = time.monotonic() + timeout_s
    host, port, prefix = split_url(url)
    target = f"{prefix}{HOOK_PATH}"
    nonce = new_nonce()
    auth = ""
    if secret is not None:
        mac = request_mac(secret, "POST", target, nonce, raw)
        auth = f"Authorization: {AUTH_SCHEME} {mac}\r\n{NONCE_HEADER}: {nonce}\r\n"
    authority = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    head = (
        f"POST {target} HTTP/1.1\r\nHost: {authority}\r\n{auth}"
        f"Content-Type: application/json\r\nContent-Length: {len(raw)}\r\n"
        "Connection: close\r\n\r\n"
    ).encode("latin-1")
    sock = _connect(host, port, timeout_s)
    try:
        sock.settimeout(max(deadline - time.monotonic(), 0.001))
        sock.sendall(head + raw if len(raw) < 65536 else head)
        if len(raw) >= 65536:
            sock.sendall(raw)
        buf = bytearray()
        end = _recv_until(sock, buf, b"\r\n\r\n", deadline)
        lines = bytes(buf[:end]).decode("latin-1").split("\r\n")
        parts = lines[0].split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
            raise ValueError(f"not an HTTP answer: {lines[0][:80]!r}")
        status = int(parts[1])
        headers = {
            k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in lines[1:])
        }
        body = bytearray(buf[end + 4 :])
        length = headers.get("content-length")
        if length is not None and length.isdigit():
            if int(length) > MAX_ANSWER_BYTES:
                raise ValueError(f"the answer of {length} bytes is over {MAX_ANSWER_BYTES}")
            while len(body) < int(length):
                _recv(sock, body, deadline)
            data = bytes(body[: int(length)])
        else:
            while True:  # no length: read to the end of the stream
                try:
                    _recv(sock, body, deadline)
                except ConnectionError:
                    break
            data = bytes(body)
            if "chunked" in headers.get("transfer-encoding", ""):
                data = _dechunk(data)
    finally:
        sock.close()
    signature = headers.get(SIGNATURE_HEADER, "").encode("latin-1")
    authentic = secret is not None and _compare_digest(
        signature, response_mac(secret, nonce, status, data).encode("ascii")
    )
    return HookResponse(status, data, authentic)


def _dechunk(data: bytes) -> bytes:
    out = bytearray()
    pos = 0
    while True:
        eol = data.index(b"\r\n", pos)
        size = int(data[pos:eol].split(b";")[0], 16)
        if size == 0:
            return bytes(out)
        out.extend(data[eol + 2 : eol + 2 + size])
        pos = eol + 2 + size + 2


def _timeout_s() -> float:
    raw = os.environ.get("NEUROPLAST_HOOK_TIMEOUT", "")
    try:
        value = float(raw)
    except ValueError:
        return DEFAULT_TIMEOUT_S
    return value if 0 < value < 3600 else DEFAULT_TIMEOUT_S


def _error_message(response: HookResponse) -> str:
    if not response.authentic:  # text from whoever holds the port: not shown
        return f"HTTP {response.status}"
    try:
        error = loads(response.body)["error"]  # type: ignore[index]
        return f"HTTP {response.status} {error['type']}: {error['message']}"
    except (ValueError, KeyError, TypeError):
        return f"HTTP {response.status}"


def _print_json(answer: dict[str, object], body: bytes = b"") -> None:
    """Print ``answer``; as the service's own bytes when they hold exactly it (the usual
    case), since encoding it again needs ``json``."""
    if body and loads(body) == answer:
        out = body.strip(_JSON_SPACE.encode())
    else:
        import json  # an error or fallback answer: the hook is not on its fast path

        out = json.dumps(answer).encode()
    sys.stdout.buffer.write(out + b"\n")


def answer_for(
    raw: bytes, url: str, event: str | None
) -> tuple[dict[str, object] | None, bytes, str]:
    """``(answer to print, the service's bytes, "")`` or ``(None, b"", why not)``."""
    path = token_path()
    try:
        secret = read_secret(path)
    except (OSError, ValueError) as exc:
        return None, b"", (
            f"cannot read the gate's token ({exc}); the gate service at {url} creates it "
            "when it starts (`neuroplast gate serve`): set NEUROPLAST_HOME to its --data-dir"
        )
    try:
        response = forward(raw, url, _timeout_s(), secret)
    except (OSError, ValueError) as exc:
        return None, b"", (
            f"the gate service at {url} is unavailable ({exc}); "
            "start it with `neuroplast gate serve`"
        )
    if not response.authentic:
        return None, b"", (
            f"the answer from {url} ({_error_message(response)}) is not signed with the "
            f"gate's token in {path}: set NEUROPLAST_HOME to the service's --data-dir, or "
            "another program is listening on its port"
        )
    answer = valid_answer(response.body, event)
    if answer is None:
        problem = f"the gate service at {url} gave an unusable answer"
        return None, b"", f"{problem} ({_error_message(response)})"
    if response.status != 200:
        out = answer.get("hookSpecificOutput")
        decision = out.get("permissionDecision") if isinstance(out, dict) else None
        if decision != "ask":  # an error answer may only hand the decision to the user
            return None, b"", f"the gate service at {url} failed ({_error_message(response)})"
        sys.stderr.write(f"neuroplast-hook: {_error_message(response)}\n")
    return answer, response.body, ""


def main() -> None:
    """Entry point of ``neuroplast-hook``: stdin event -> gate service -> stdout, exit 0."""
    raw = sys.stdin.buffer.read()
    url = os.environ.get("NEUROPLAST_GATE_URL") or DEFAULT_URL
    event = event_name(raw)
    answer, body, problem = answer_for(slim(raw, event), url, event)
    if answer is not None:
        _print_json(answer, body)
        return
    sys.stderr.write(f"neuroplast-hook: {problem}\n")
    if event == "PreToolUse":
        _print_json(ask_output(problem))


if __name__ == "__main__":
    main()
