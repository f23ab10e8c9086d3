"""Request bodies read with limits: size, time, JSON nesting, number length, text.

Whatever a client sends, the service answers with a clear 4xx, never a 500: a body over
the size limit is cut (and drained, so the client reads the answer), one sent too slowly
times out, and :func:`parse_json` refuses JSON nested deeper than ``MAX_JSON_DEPTH`` (found
by a scan before parsing, not by a ``RecursionError``), integers over Python's 4,300-digit
limit, ``NaN``/``Infinity`` and strings with lone UTF-16 surrogates (``"\\ud800"``, which
SQLite cannot store).

>>> parse_json(b'{"a": [1, {"b": "x"}]}')
{'a': [1, {'b': 'x'}]}
>>> parse_json(b"[" * 100 + b"]" * 100)
Traceback (most recent call last):
...
neuroplast.errors.InvalidInputError: request body is JSON nested 100 deep; the limit is 64
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from itertools import accumulate
from typing import Any

import anyio
from starlette.requests import ClientDisconnect
from starlette.types import Receive

from neuroplast.errors import InvalidInputError, RequestTimeout

__all__ = [
    "BODY_TIMEOUT_S",
    "DRAIN_FACTOR",
    "MAX_JSON_DEPTH",
    "json_depth",
    "parse_json",
    "read_body",
]

MAX_JSON_DEPTH = 64  # a hook event is 3 deep; an MCP tool's input rarely passes 10
BODY_TIMEOUT_S = 30.0  # an 8 MiB body on loopback takes well under a second
# Past the limit the body is still read (and thrown away) up to this many times the limit,
# so the client, still sending, reads the 413 instead of a reset connection.
DRAIN_FACTOR = 4

# A JSON string, possessive so that a 10 MB string full of escapes is one fast C loop.
_STRING = re.compile(rb'"[^"\\]*+(?:\\.[^"\\]*+)*+"')
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_STEPS = bytes.maketrans(b"[{]}", b"\x02\x02\x00\x00")  # open +1, close -1 (after -1)
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def json_depth(raw: bytes) -> int:
    """How deep the arrays and objects of the JSON text ``raw`` nest (brackets in strings
    do not count).

    >>> json_depth(b'{"a": [1, "[[["]}'), json_depth(b"3")
    (2, 0)
    """
    brackets = _STRING.sub(b"", raw).translate(None, _NOT_BRACKETS)
    return max(accumulate(step - 1 for step in brackets.translate(_STEPS)), default=0)


def _no_constant(name: str) -> float:
    raise InvalidInputError(f"{name} is not a JSON number; send finite numbers only")


def parse_json(raw: bytes, what: str = "request body", max_depth: int = MAX_JSON_DEPTH) -> Any:
    """The JSON value in ``raw``; :class:`InvalidInputError` saying what is wrong with it."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInputError(
            f"{what} is not UTF-8 (byte {exc.start}: {raw[exc.start:exc.start + 1]!r}); "
            "send JSON text"
        ) from None
    # No scan when there are not even that many brackets (most events: a few).
    opens = raw.count(b"[") + raw.count(b"{")
    if opens > max_depth and (depth := json_depth(raw)) > max_depth:
        raise InvalidInputError(f"{what} is JSON nested {depth} deep; the limit is {max_depth}")
    try:
        value = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise InvalidInputError(f"{what} is not valid JSON ({exc})") from None
    except RecursionError:  # unbalanced brackets the scan above could not count
        raise InvalidInputError(f"{what} is JSON nested too deeply to parse") from None
    except InvalidInputError:
        raise
    except ValueError:  # an integer over sys.get_int_max_str_digits() digits
        raise InvalidInputError(
            f"{what} holds an integer of more than {sys.get_int_max_str_digits()} digits"
        ) from None
    if _SURROGATE_ESCAPE.search(raw):
        _check_text(value, what)
    return value


def _check_text(value: Any, what: str) -> None:
    """``InvalidInputError`` if a string or key holds a lone surrogate (a pair is fine:
    ``json`` joins it into one character)."""
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, dict):
            for key, inner in item.items():
                _check_string(key, f"{where}.{key[:40]!a}", what)
                stack.append((f"{where}.{key[:40]!a}", inner))
        elif isinstance(item, list):
            stack.extend((f"{where}[{i}]", inner) for i, inner in enumerate(item))
        elif isinstance(item, str):
            _check_string(item, where, what)


def _check_string(text: str, where: str, what: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidInputError(
            f"{what} has a lone UTF-16 surrogate ({text[exc.start]!a}) at {where or 'top'}: "
            "not text; escape characters outside the BMP as a surrogate pair"
        ) from None


async def read_body(
    receive: Receive,
    limit: int,
    timeout_s: float = BODY_TIMEOUT_S,
    update: Callable[[bytes], object] | None = None,
) -> tuple[bytes, int]:
    """The first ``limit`` bytes of an ASGI request body and how many were read.

    Reading goes on past the limit (thrown away) up to ``DRAIN_FACTOR`` times it; every
    chunk read is passed to ``update`` (a MAC). :class:`RequestTimeout` after ``timeout_s``.
    """
    kept: list[bytes] = []
    size = total = 0
    try:
        with anyio.fail_after(timeout_s):
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    raise ClientDisconnect()
                chunk: bytes = message.get("body", b"")
                total += len(chunk)
                if update is not None:
                    update(chunk)
                if size < limit:
                    kept.append(chunk[: limit - size])
                    size += len(kept[-1])
                if not message.get("more_body", False) or total > limit * DRAIN_FACTOR:
                    break
    except TimeoutError:
        raise RequestTimeout(
            f"the request body did not arrive within {timeout_s:g} s ({total} bytes came)"
        ) from None
    return b"".join(kept), total
