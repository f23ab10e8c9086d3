"""Applying a peer's bundle to the gate, and sealing this install's answers for a peer.

:meth:`Exchange.receive` opens a bundle (``bundle.open_bundle``), then checks every signal
against what was applied from that peer before: a sequence number applied with the same
content is a duplicate (skipped: idempotent by (peer, sequence), so a retried push is
harmless); one applied with other content, or lower than the highest applied, refuses
the whole bundle (``ReplayedSignal``). Only then is anything applied. Each refusal is
counted by reason in the trust list's ``refusals``.

:meth:`Exchange.outbox` seals the user's own answers after a sequence number (never what
a peer taught: nothing is passed on), with the call and the directory it ran in, or
only its features (``PeersConfig.features_only``), which the sender computed against
that directory. A pull request is signed like a bundle
(:func:`request_text`).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from typing import TYPE_CHECKING, Any

from neuroplast.errors import AuthenticationError, NeuroplastError
from neuroplast.gate.peer_learning import signal_digest, teach_from_peer
from neuroplast.peers.bundle import ReplayedSignal, StaleBundle, UntrustedPeer, open_bundle, seal
from neuroplast.peers.config import PeersConfig
from neuroplast.peers.identity import Identity, verify
from neuroplast.peers.trust import Peer, PeerList

if TYPE_CHECKING:
    from neuroplast.gate.gate import Gate

__all__ = ["PEER_HEADERS", "Exchange", "request_text"]

log = logging.getLogger(__name__)

# headers of a signed pull request: the caller's key, the time, the signature
PEER_HEADERS = ("x-neuroplast-peer", "x-neuroplast-peer-time", "x-neuroplast-peer-signature")


def request_text(method: str, target: str, sent: str, to: str) -> bytes:
    """What a peer signs to pull: the request line, its time and the addressee's key.

    >>> request_text("GET", "/v1/peers/outbox?after=3", "17.5", "KEY")
    b'neuroplast-pull\\nGET\\n/v1/peers/outbox?after=3\\n17.5\\nKEY'
    """
    return "\n".join(("neuroplast-pull", method, target, sent, to)).encode("utf-8")


class Exchange:
    """This install's side of BrainSync over ``gate`` (see the module docstring)."""

    def __init__(self, gate: Gate, identity: Identity, peers: PeerList,
                 config: PeersConfig | None = None) -> None:
        self.gate = gate
        self.identity = identity
        self.peers = peers
        self.config = config or PeersConfig()
        # one bundle at a time: a push from a peer and a pull from it may arrive together,
        # and each must see what the other applied (the check, then the apply)
        self._lock = threading.Lock()

    # -- in -------------------------------------------------------------------------------
    def receive(self, wire: Any) -> dict[str, Any]:
        """Apply a bundle; what became of each signal. Raises (and counts) a refusal."""
        key = ""
        with self._lock:
            return self._receive(wire, key)

    def _receive(self, wire: Any, key: str) -> dict[str, Any]:
        try:
            peer, signals = open_bundle(wire, self.identity.public_key, self.peers,
                                        self.config.max_age_s, self.config.max_signals)
            key = peer.key
            plog = self.gate.peer_log
            last = plog.last_seq(peer.origin)
            fresh = []
            for signal in signals:
                applied = plog.applied(peer.origin, signal.seq)
                if applied is not None:
                    if applied != signal_digest(signal):
                        raise ReplayedSignal(
                            f"{peer.name} sent sequence {signal.seq} again with other content;"
                            " nothing was applied")
                elif signal.seq <= last:
                    raise ReplayedSignal(
                        f"{peer.name} sent sequence {signal.seq}, below {last} already "
                        "applied (reordered or replayed); nothing was applied")
                else:
                    fresh.append(signal)
            # every signal checked: apply them (each commits with its sequence number)
            taught = [teach_from_peer(self.gate, s, self.config.weight,
                                      self.config.peer_support) for s in fresh]
        except NeuroplastError as exc:
            self._count(key or _sender(wire), exc)
            log.warning("refused a bundle: %s", exc)
            raise
        outcomes = {"trained": 0, "overruled": 0,
                    "duplicate": len(signals) - len(fresh)}
        for t in taught:
            outcomes[t.outcome] += 1
        return {"from": peer.name, "applied": len(taught), **outcomes,
                "last_seq": self.gate.peer_log.last_seq(peer.origin)}

    def check_pull(self, method: str, target: str, headers: dict[str, str]) -> Peer:
        """The trusted peer that signed this pull request; raises (and counts) if none."""
        key, sent, signature = (headers.get(h, "") for h in PEER_HEADERS)
        try:
            peer = self.peers.by_key(key) if key else None
            if peer is None:
                raise UntrustedPeer(f"key {key[:16]}... is on no trust list of this install")
            if not verify(key, signature, request_text(method, target, sent,
                                                       self.identity.public_key)):
                raise AuthenticationError(f"the pull request of {peer.name} does not verify")
            try:
                age = abs(time.time() - float(sent))
            except ValueError:
                age = float("inf")
            if not age <= self.config.max_age_s:
                raise StaleBundle(f"the pull request of {peer.name} is {sent!r}, too far from "
                                  "now: a replay, or a clock to fix")
        except NeuroplastError as exc:
            self._count(key, exc)
            raise
        return peer

    def _count(self, key: str, exc: Exception) -> None:
        """Count a refusal under the peer's key, or under 'untrusted' for any other key (an
        attacker inventing keys must not grow the table)."""
        known = bool(key) and self.peers.by_key(key) is not None
        self.peers.refused(key if known else "untrusted", type(exc).__name__)

    # -- out ------------------------------------------------------------------------------
    def outbox(self, peer: Peer, after: int) -> dict[str, str]:
        """The user's own answers after sequence ``after``, sealed for ``peer``."""
        rows = self.gate.peer_log.own_answers_after(after, self.config.max_signals)
        signals = [self._signal(fb.id, fb.ts, fb.approved, call_json)
                   for fb, call_json in rows]
        return seal(self.identity, peer.key, signals)

    def _signal(self, seq: int, ts: float, approved: bool, call_json: str) -> dict[str, Any]:
        call = json.loads(call_json)
        item: dict[str, Any] = {"seq": seq, "ts": ts, "approved": approved}
        if not self.config.features_only:
            # with the directory it ran in: the gate reads a call's paths against it (in
            # the project, the home, the system), in its features, its rendering for the
            # embedder and the memory's keys; without it a project file reads as one
            # outside the project
            item["call"] = {"tool_name": call["tool_name"], "tool_input": call["tool_input"]}
            if call.get("cwd"):
                item["call"]["cwd"] = call["cwd"]
            return item
        from neuroplast.gate.calls import ToolCall

        features = self.gate.extractor.features(ToolCall.from_dict(call))
        item["tool_name"] = call["tool_name"]
        item["features"] = [round(float(x), 6) for x in features]
        return item


def _sender(wire: Any) -> str:
    """The key a refused bundle claims to be from (for the refusal count), or '?'."""
    try:
        sender = json.loads(wire["payload"]).get("from")
    except (TypeError, KeyError, AttributeError, json.JSONDecodeError):
        return "?"
    return sender if isinstance(sender, str) else "?"
