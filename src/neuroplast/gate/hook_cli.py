"""``neuroplast-hook``: the command Claude Code runs for each hook event.

It reads the event from stdin, forwards it to the running gate service
(``POST $NEUROPLAST_GATE_URL/v1/hooks/claude-code``) and prints the answer. Claude Code
runs it before every tool call, so it starts in a few milliseconds: it imports only
modules built into the interpreter (``_json``, ``_socket``, ``os``, ``sys``, ``time``); not
torch, numpy or httpx, not even ``http.client`` (its ``email`` and ``ssl`` imports cost more
than the request), ``socket`` (``selectors`` and enums: 3 ms) or ``json`` and ``re`` (``enum``
and friends: 9 ms). ``neuroplast gate install`` runs this file with ``python -I -S``, which
also skips ``site`` and the console-script wrapper: a hook that answers at once (service
down) takes 13 ms this way, 22 ms as ``neuroplast-hook``; ``python -c pass`` takes 11 ms.

It never blocks the user's agent: whatever goes wrong (service down, slow, or answering
garbage), it exits 0; a PreToolUse event then gets an ``ask`` answer saying why, so Claude
Code asks the user as it would without the gate, and other events get no output.

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

try:
    # CPython's C JSON scanner, the one ``json`` itself uses: ``import json`` would also
    # import ``re`` and ``enum``, 9 ms of a hook start that takes 11 ms without them.
    from _json import make_scanner as _make_scanner
except ImportError:  # not CPython: the plain module, slower to import
    _make_scanner = None

__all__ = [
    "DEFAULT_TIMEOUT_S",
    "DEFAULT_URL",
    "HOOK_PATH",
    "HookResponse",
    "ask_output",
    "event_name",
    "forward",
    "main",
    "sniff_event_name",
    "valid_answer",
]

DEFAULT_URL = "http://127.0.0.1:8765"
DEFAULT_TIMEOUT_S = 2.0
HOOK_PATH = "/v1/hooks/claude-code"

_EVENT_KEY = b'"hook_event_name"'
_JSON_SPACE = " \t\n\r"
_DECISIONS = ("allow", "deny", "ask")


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
    """Status code and body of one HTTP answer from the gate service.

    >>> HookResponse(200, b"{}").status
    200
    """

    __slots__ = ("body", "status")

    def __init__(self, status: int, body: bytes) -> None:
        self.status = status
        self.body = body


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


def valid_answer(body: bytes, event: str | None) -> dict[str, object] | None:
    """The parsed answer if it is one Claude Code can use for ``event``, else None.

    >>> valid_answer(b'{"hookSpecificOutput": {"permissionDecision": "ask"}, "x": 1}', "PreToolUse")
    {'hookSpecificOutput': {'permissionDecision': 'ask'}}
    """
    try:
        answer = loads(body)
    except ValueError:
        return None
    if not isinstance(answer, dict):
        return None
    if event == "PreToolUse":
        out = answer.get("hookSpecificOutput")
        if not isinstance(out, dict) or out.get("permissionDecision") not in _DECISIONS:
            return None
        # Only the hook protocol's keys: an error answer may carry a safe ask beside it.
        return {"hookSpecificOutput": out}
    return answer


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
        buf.extend(_recv(sock, deadline))
    return index


def _recv(sock: _socket.socket, deadline: float) -> bytes:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError("the gate service did not answer in time")
    sock.settimeout(remaining)
    chunk = sock.recv(65536)
    if not chunk:
        raise ConnectionError("the gate service closed the connection mid-answer")
    return chunk


def forward(raw: bytes, url: str, timeout_s: float) -> HookResponse:
    """POST ``raw`` to the gate's hook route; the whole exchange within ``timeout_s``.

    A minimal HTTP/1.1 client over one socket (``Connection: close``): the service is
    uvicorn on loopback, which answers with ``Content-Length``; chunked answers are read
    to the end of the stream. Raises ``OSError`` (incl. timeouts) or ``ValueError``.
    """
    deadline = time.monotonic() + timeout_s
    host, port, prefix = split_url(url)
    head = (
        f"POST {prefix}{HOOK_PATH} HTTP/1.1\r\nHost: {host}:{port}\r\n"
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
        headers = {
            k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in lines[1:])
        }
        body = bytearray(buf[end + 4 :])
        length = headers.get("content-length")
        if length is not None and length.isdigit():
            while len(body) < int(length):
                body.extend(_recv(sock, deadline))
            return HookResponse(int(parts[1]), bytes(body[: int(length)]))
        while True:  # no length: read to the end of the stream
            try:
                body.extend(_recv(sock, deadline))
            except ConnectionError:
                break
        if "chunked" in headers.get("transfer-encoding", ""):
            body = bytearray(_dechunk(bytes(body)))
        return HookResponse(int(parts[1]), bytes(body))
    finally:
        sock.close()


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


def main() -> None:
    """Entry point of ``neuroplast-hook``: stdin event -> gate service -> stdout, exit 0."""
    raw = sys.stdin.buffer.read()
    url = os.environ.get("NEUROPLAST_GATE_URL") or DEFAULT_URL
    problem: str
    try:
        response = forward(raw, url, _timeout_s())
    except (OSError, ValueError) as exc:
        response = None
        problem = (
            f"the gate service at {url} is unavailable ({exc}); "
            "start it with `neuroplast gate serve`"
        )
    event = event_name(raw)
    if response is not None:
        answer = valid_answer(response.body, event)
        if answer is not None and (response.status == 200 or event == "PreToolUse"):
            _print_json(answer, response.body)
            if response.status != 200:
                sys.stderr.write(f"neuroplast-hook: {_error_message(response)}\n")
            return
        problem = f"the gate service at {url} gave an unusable answer ({_error_message(response)})"
    sys.stderr.write(f"neuroplast-hook: {problem}\n")
    if event == "PreToolUse":
        _print_json(ask_output(problem))


if __name__ == "__main__":
    main()
