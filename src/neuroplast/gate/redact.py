"""Secrets taken out of a tool call before the gate stores it (``GateConfig.redact_secrets``).

Every string in the call's input is read by the detectors inspection uses: detect-secrets'
plugins and the token formats added beside them (secret_scan.py), PEM private keys, and,
in a ``command``, the passwords its programs are given as arguments (secret_args.py).
Each secret becomes ``[redacted:KIND]``, and so does every other occurrence, in any of
the call's strings, of a secret found once (a password typed in the command and repeated
in its description). Square brackets rather than ``<...>``: in a stored command ``<`` and
``>`` would read as redirections, and the gate parses the stored command again.

With redaction on, the gate decides, learns and re-learns from the redacted call alone,
so what it embeds and trains on is always what its log holds. To know whether a new call
is the one logged under an id, it compares a keyed digest of the call as sent
(:class:`CallDigest`: HMAC-SHA256 under a key derived from the install's secret token),
so that a short password cannot be found by hashing guesses against the log.

>>> call = ToolCall("Bash", {"command": "mysql -u root -pS3cretPw shop",
...                          "description": "Open the shop database with S3cretPw"})
>>> redact_call(call).tool_input["command"]
'mysql -u root -p[redacted:password] shop'
>>> redact_call(call).tool_input["description"]
'Open the shop database with [redacted:password]'
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import shlex
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from neuroplast.gate.calls import MAX_FIELD_CHARS, ToolCall, format_size
from neuroplast.gate.secret_args import secret_argument_values
from neuroplast.gate.secret_scan import SecretSpan, private_key_spans, secret_spans
from neuroplast.gate.shell import split_command

__all__ = ["MAX_STORED_CHARS", "REDACTED", "CallDigest", "redact_call", "redact_text"]

REDACTED = re.compile(r"\[redacted:([a-z0-9-]+)\]")
# With redaction on, a string is stored at most this long. Scanning costs about 0.6 s a MB
# on 2 loaded cores (benchmarks/redaction.py), an 8 MiB Write seconds, past the hook's 2 s;
# the gate reads 16 KiB of a string at most (inspection; features and rendering less), so
# what it decides and learns from is all stored. What is cut is marked with its size, as
# clip_text marks it.
MAX_STORED_CHARS = 64 * MAX_FIELD_CHARS  # 256 Ki characters
_LOOKAHEAD = MAX_FIELD_CHARS  # read past the cut: a secret across it is found whole
# A secret found once is also replaced wherever else it occurs, if at least this long
# (shorter ones, such as curl -u bob:pw's "pw", would take ordinary words with them).
_MIN_REPEATED = 6
# Keys whose string is the text a file tool writes (or replaces): read with the keyword
# regexes detect-secrets picks for the file's type, as inspection reads it.
_FILE_TEXT = frozenset({"content", "new_string", "old_string", "new_source", "edits"})
# Characters around an argument's value in the command as typed: a value is taken where
# it stands as a word or after NAME=, user:, user% or a one-letter option (-pSECRET).
_EDGE = frozenset(" \t\n'\"=:%\\")
_END = frozenset(" \t\n'\"\\;&|)@")


def _placeholder(kind: str) -> str:
    return f"[redacted:{kind}]"


def _argument_spans(command: str) -> list[SecretSpan] | None:
    """Where the argument secrets of ``command`` are in it as typed (the parser gives
    them unquoted: ``'ab'\\''cd'`` is ``ab'cd``; quotes between their characters are
    allowed); None when one is not found as typed (``$'\\x41bc'``)."""
    spans: list[SecretSpan] = []
    for seg in split_command(command):
        for kind, value in secret_argument_values(seg):
            pattern = re.compile("[\\\\'\"\n]*".join(map(re.escape, value)))
            found = [m.span() for m in pattern.finditer(command)]
            if not found:
                return None
            bounded = [(a, b) for a, b in found if _bounded(command, a, b)]
            spans.extend(SecretSpan(a, b, kind) for a, b in bounded or found)
    return spans


def _rebuilt(command: str) -> tuple[str, dict[str, str]]:
    """``command`` written again from its parsed words, each word that holds an argument
    secret replaced: for a secret not found as typed. Every program, option and operand
    stays (so the stored call is not some other call's twin); only the quoting changes.
    Returns it and the secrets taken out (value -> kind)."""
    segments = split_command(command)
    # every segment's secrets, for every word: a bash -c word holds its inner command's
    removed = {value: kind for seg in segments for kind, value in secret_argument_values(seg)}
    parts: list[str] = []
    for seg in segments:
        words = [_rebuilt_word(w, removed) for w in seg.words]
        words += [f"{op} {shlex.quote(target)}" for op, target in seg.redirects]
        if parts:
            parts.append(seg.joiner if seg.joiner in ("|", "|&", "&&", "||") else ";")
        parts.append(" ".join(words))
    return " ".join(parts), removed


def _rebuilt_word(word: str, removed: dict[str, str]) -> str:
    """``word`` quoted for the shell, or a placeholder if it holds a secret, or is itself
    a command line that passes one (``bash -c "mysql -p$'\\x41'"``: its commands are
    segments of their own, rebuilt apart)."""
    kind = next((k for v, k in removed.items() if v in word), "")
    if not kind and any(c in word for c in " \t\n;|&"):
        kind = next((k for seg in split_command(word) for k, _ in secret_argument_values(seg)),
                    "")
    return _placeholder(kind) if kind else shlex.quote(word)


def _bounded(text: str, start: int, end: int) -> bool:
    before = start == 0 or text[start - 1] in _EDGE or (
        start >= 2 and text[start - 2] == "-" and text[start - 1].isalpha()
    )
    return before and (end == len(text) or text[end] in _END)


def _spans(text: str, filename: str, command: bool) -> list[SecretSpan]:
    """The secrets in ``text`` (a command: as :func:`_typed` gives it)."""
    spans = [*secret_spans(text, filename), *private_key_spans(text)]
    if command:
        spans.extend(_argument_spans(text) or ())
    return spans


def _typed(command: str) -> tuple[str, dict[str, str]]:
    """``command``, or its rebuilt form when an argument secret is not in it as typed,
    with the secrets the rebuilding took out."""
    return (command, {}) if _argument_spans(command) is not None else _rebuilt(command)


def _found(text: str, spans: list[SecretSpan]) -> dict[str, str]:
    """value -> kind of the secrets found, long enough to be looked for elsewhere."""
    return {text[s.start:s.end]: s.kind for s in spans if s.end - s.start >= _MIN_REPEATED}


def _apply(text: str, spans: list[SecretSpan]) -> str:
    """``text`` with every span replaced by its placeholder (overlapping spans merged)."""
    merged: list[list[Any]] = []  # [start, end, kind]
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.end <= span.start:
            continue
        if merged and span.start < merged[-1][1]:  # overlaps the one before: one secret
            merged[-1][1] = max(merged[-1][1], span.end)
        else:
            merged.append([span.start, span.end, span.kind])
    out: list[str] = []
    pos = 0
    for start, end, kind in merged:
        out += [text[pos:start], _placeholder(kind)]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _repeats(text: str, secrets: dict[str, str]) -> list[SecretSpan]:
    spans = []
    for value, kind in secrets.items():
        at = text.find(value)
        while at >= 0:
            spans.append(SecretSpan(at, at + len(value), kind))
            at = text.find(value, at + len(value))
    return spans


def redact_text(text: str, *, filename: str = "", command: bool = False) -> str:
    """``text`` with each secret in it replaced by ``[redacted:KIND]``. ``filename``: the
    file the text is written to (it picks detect-secrets' keyword regexes); ``command``:
    the text is a shell command line (its arguments are read too).

    >>> redact_text("curl -u bob:pw -H 'X-API-Key: 0123456789abcdef' x.io", command=True)
    "curl -u bob:[redacted:password] -H 'X-API-Key: [redacted:api-key]' x.io"
    """
    removed: dict[str, str] = {}
    if command:
        text, removed = _typed(text)
    spans = _spans(text, filename, command)
    return _apply(text, spans + _repeats(text, {**removed, **_found(text, spans)}))


def _strings(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """``(key, string)`` for every string in a JSON value, depth first (the key is the
    nearest dict key above it)."""
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, key)


def _rebuild(value: Any, new: Iterator[str]) -> Any:
    """``value`` with its strings taken from ``new``, in :func:`_strings`' order."""
    if isinstance(value, str):
        return next(new)
    if isinstance(value, dict):
        return {k: _rebuild(v, new) for k, v in value.items()}
    if isinstance(value, list):
        return [_rebuild(v, new) for v in value]
    return value


def redact_call(call: ToolCall) -> ToolCall:
    """``call`` with the secrets in its input's strings replaced (the call itself when it
    holds none). Dict keys, the tool name, ``cwd`` and ids are kept as they are. A string
    over ``MAX_STORED_CHARS`` is kept only that long (marked ``[+9.7 MB truncated]``).

    >>> pem = ("-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXk=\\n"
    ...        "-----END OPENSSH PRIVATE KEY-----\\n")
    >>> redact_call(ToolCall("Write", {"file_path": "id", "content": pem})).tool_input
    {'file_path': 'id', 'content': '[redacted:private-key]\\n'}
    """
    path, command = call.file_path, call.command
    secrets: dict[str, str] = {}
    strings, found, cuts = [], [], []
    for key, text in _strings(call.tool_input):
        is_command = bool(command) and text is command
        cut = max(0, len(text) - MAX_STORED_CHARS)
        if cut:  # read a little past the cut, so that no secret is cut in two
            text = text[: MAX_STORED_CHARS + _LOOKAHEAD]
        if is_command:
            text, removed = _typed(text)
            secrets.update(removed)
        strings.append(text)
        cuts.append(cut)
        found.append(_spans(text, path if key in _FILE_TEXT else "", is_command))
    if not any(found) and not secrets and not any(cuts):
        return call
    for text, spans in zip(strings, found, strict=True):
        secrets.update(_found(text, spans))
    redacted = (_cut(_apply(text, spans + _repeats(text, secrets)), cut)
                for text, spans, cut in zip(strings, found, cuts, strict=True))
    return replace(call, tool_input=_rebuild(call.tool_input, redacted))


def _cut(text: str, cut: int) -> str:
    """The stored part of a string ``cut`` characters over the limit, marked as cut."""
    if not cut:
        return text
    return text[:MAX_STORED_CHARS] + f"[+{format_size(cut)} truncated]"


class CallDigest:
    """A keyed digest of a call's tool and input, to tell whether a new call is the one
    logged without keeping the call: HMAC-SHA256 of its canonical JSON, keyed with a key
    derived from ``secret`` (the install's token), hex.

    >>> digest = CallDigest(b"install secret")
    >>> a = digest("Bash", {"command": "mysql -pS3cret"})
    >>> a == digest("Bash", {"command": "mysql -pS3cret"})
    True
    >>> a == digest("Bash", {"command": "mysql -pS3creT"})
    False
    >>> a == CallDigest(b"another install")("Bash", {"command": "mysql -pS3cret"})
    False
    """

    def __init__(self, secret: bytes) -> None:
        # its own key, so that the digests say nothing about the token's other uses
        self._key = hmac.new(secret, b"neuroplast gate call digest v1", hashlib.sha256).digest()

    def __call__(self, tool_name: str, tool_input: Any) -> str:
        # ensure_ascii: every string (lone surrogates too) is ASCII, one way to write it
        text = json.dumps([tool_name, tool_input], sort_keys=True, separators=(",", ":"))
        return hmac.new(self._key, text.encode("ascii"), hashlib.sha256).hexdigest()
