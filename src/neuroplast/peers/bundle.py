"""A signed bundle of signals, as it travels: ``{"payload": <JSON text>, "signature"}``.

The payload is ``{"v": 1, "from": <key>, "to": <key>, "sent": <unix time>, "signals":
[...]}``, signed as the exact text sent (no re-serialising on the way in). Each signal is
``{"seq", "ts", "approved", "call": {"tool_name", "tool_input", "cwd"}}`` (``cwd`` may be
left out: a call without one) or, features only,
``{"seq", "ts", "approved", "tool_name", "features": [...]}``.

:func:`open_bundle` checks, in this order, and raises on the first failure: the shape
(``InvalidInputError``), the sender's key on the trust list (``UntrustedPeer``, 403), the
signature (``AuthenticationError``, 401), the addressee (this install), the age
(``StaleBundle``, 409: a replay), the count (``PayloadTooLarge``), then each signal's
fields and that sequence numbers rise within the bundle.

>>> import tempfile, pathlib, time
>>> from neuroplast.peers.identity import Identity
>>> from neuroplast.peers.trust import PeerList
>>> tmp = pathlib.Path(tempfile.mkdtemp())
>>> alice, bob = Identity.load_or_create(tmp / "a"), Identity.load_or_create(tmp / "b")
>>> peers = PeerList(tmp / "peers.db"); _ = peers.add("alice", alice.public_key, "http://a")
>>> wire = seal(alice, bob.public_key, [{"seq": 1, "ts": 1.0, "approved": False,
...             "call": {"tool_name": "Bash", "tool_input": {"command": "rm -rf ~"}}}])
>>> peer, signals = open_bundle(wire, bob.public_key, peers, max_age_s=60, max_signals=8)
>>> peer.name, signals[0].seq, signals[0].origin
('alice', 1, 'peer:alice')
>>> open_bundle(seal(bob, bob.public_key, []), bob.public_key, peers, 60, 8)
Traceback (most recent call last):
...
neuroplast.peers.bundle.UntrustedPeer: key ... is on no trust list of this install; nothing \
was applied (the user adds peers with `neuroplast peers add NAME KEY URL`)
"""

from __future__ import annotations

import itertools
import json
import math
import time
from typing import Any

from neuroplast.errors import (
    AccessDenied,
    AuthenticationError,
    ConflictError,
    InvalidInputError,
    PayloadTooLarge,
)
from neuroplast.gate.peer_learning import PeerSignal
from neuroplast.peers.identity import Identity, verify
from neuroplast.peers.trust import Peer, PeerList

__all__ = ["BUNDLE_VERSION", "ReplayedSignal", "StaleBundle", "UntrustedPeer", "open_bundle",
           "seal"]

BUNDLE_VERSION = 1
_MAX_FEATURES = 4096
_MAX_CWD = 4096  # PATH_MAX on Linux
# cwd: where the peer's call ran; without it a project file reads as one outside the project
_CALL_FIELDS = frozenset({"tool_name", "tool_input", "cwd"})


class UntrustedPeer(AccessDenied):
    """A bundle or request from a key that is not on the trust list (default deny)."""


class StaleBundle(ConflictError):
    """A bundle or request whose time is too far from this install's clock: a replay."""


class ReplayedSignal(ConflictError):
    """A sequence number already used for other content, or lower than one applied."""


def seal(identity: Identity, to: str, signals: list[dict[str, Any]],
         sent: float | None = None) -> dict[str, str]:
    """The wire form of ``signals`` from ``identity`` to the install whose key is ``to``."""
    if not isinstance(signals, list) or not all(isinstance(s, dict) for s in signals):
        raise InvalidInputError("seal takes a list of signals (objects)")
    try:  # standard JSON only: NaN and infinity are no JSON values
        payload = json.dumps({"v": BUNDLE_VERSION, "from": identity.public_key, "to": to,
                              "sent": time.time() if sent is None else sent,
                              "signals": signals}, sort_keys=True, separators=(",", ":"),
                             allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"a signal holds a value that is no JSON ({exc})") from exc
    return {"payload": payload, "signature": identity.sign(payload.encode("utf-8"))}


def open_bundle(wire: Any, me: str, peers: PeerList, max_age_s: float, max_signals: int
                ) -> tuple[Peer, list[PeerSignal]]:
    """The trusted sender and its signals, once every check passed (module docstring)."""
    if not isinstance(wire, dict) or set(wire) != {"payload", "signature"} or not all(
            isinstance(v, str) for v in wire.values()):
        raise InvalidInputError('a peer bundle is {"payload": "<JSON text>", "signature": '
                                '"<base64>"}')
    try:
        payload = json.loads(wire["payload"])
    except json.JSONDecodeError as exc:
        raise InvalidInputError(f"the bundle's payload is not JSON ({exc})") from None
    if not isinstance(payload, dict) or payload.get("v") != BUNDLE_VERSION:
        raise InvalidInputError(f"the bundle's payload must be an object with v = "
                                f"{BUNDLE_VERSION}")
    sender = payload.get("from")
    peer = peers.by_key(sender) if isinstance(sender, str) else None
    if peer is None:
        raise UntrustedPeer(f"key {str(sender)[:16]}... is on no trust list of this install; "
                            "nothing was applied (the user adds peers with `neuroplast peers "
                            "add NAME KEY URL`)")
    if not verify(peer.key, wire["signature"], wire["payload"].encode("utf-8")):
        raise AuthenticationError(f"the bundle from {peer.name} does not verify with its key; "
                                  "nothing was applied")
    if payload.get("to") != me:
        raise AuthenticationError(f"the bundle from {peer.name} is addressed to another "
                                  "install; nothing was applied")
    sent = payload.get("sent")
    if not _number(sent) or abs(time.time() - sent) > max_age_s:
        raise StaleBundle(f"the bundle from {peer.name} was sealed {sent!r}, more than "
                          f"{max_age_s:g} s from now: a replay, or a clock to fix")
    raw = payload.get("signals")
    if not isinstance(raw, list):
        raise InvalidInputError("the bundle's signals must be a list")
    if len(raw) > max_signals:
        raise PayloadTooLarge(f"the bundle from {peer.name} has {len(raw)} signals; the "
                              f"limit is {max_signals}")
    signals = [_signal(peer, item) for item in raw]
    for before, after in itertools.pairwise(signals):
        if after.seq <= before.seq:
            raise ReplayedSignal(f"the bundle from {peer.name} has sequence {after.seq} after "
                                 f"{before.seq}; they must rise")
    return peer, signals


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(
        value)


def _signal(peer: Peer, item: Any) -> PeerSignal:
    if not isinstance(item, dict):
        raise InvalidInputError("each signal must be an object")
    seq, ts, approved = item.get("seq"), item.get("ts"), item.get("approved")
    if isinstance(seq, bool) or not isinstance(seq, int) or seq < 1 or not _number(ts) or (
            not isinstance(approved, bool)):
        raise InvalidInputError("a signal needs seq (integer >= 1), ts (a time) and "
                                "approved (true/false)")
    call, features = item.get("call"), item.get("features")
    if call is not None:
        if set(item) - {"seq", "ts", "approved", "call"} or not isinstance(call, dict) or (
                not {"tool_name", "tool_input"} <= set(call) <= _CALL_FIELDS) or (
                not isinstance(call["tool_name"], str)) or not isinstance(
                call["tool_input"], dict) or not isinstance(call.get("cwd", ""), str) or len(
                call.get("cwd", "")) > _MAX_CWD:
            raise InvalidInputError(f"signal {seq}: call must be {{tool_name, tool_input}} "
                                    f"and optionally cwd (a path of {_MAX_CWD} characters at "
                                    "most)")
        return PeerSignal(peer.origin, seq, float(ts), approved, call=call)
    tool = item.get("tool_name")
    if set(item) - {"seq", "ts", "approved", "tool_name", "features"} or not isinstance(
            tool, str) or not isinstance(features, list) or not 0 < len(features) <= (
            _MAX_FEATURES) or not all(_number(x) for x in features):
        raise InvalidInputError(f"signal {seq}: send a call, or tool_name and features (a "
                                "list of finite numbers)")
    return PeerSignal(peer.origin, seq, float(ts), approved, tool_name=tool[:200],
                      features=tuple(float(x) for x in features))
