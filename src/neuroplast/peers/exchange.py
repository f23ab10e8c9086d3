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

Adapter weights (``peers.weights``), with peers trusted with them (``--trust weights``):
:meth:`Exchange.adapter_for` seals this install's latest adapter of a kind for such a
peer (memory's published LoRA, or the SONA router's weights, versioned by the position of
the trajectory log they include); :meth:`Exchange.receive_adapter` checks a peer's and
keeps it (``peers.adapters``), once per (peer, kind, version). :meth:`Exchange.
apply_adapters` makes the newest adapter of each peer trusted with weights count, below
the install's own (``PeersConfig.adapter_weight``): SONA's routers are handed to the
running engine (``sona.peer_routers``), memory's are listed in ``applied.json`` (with
SONA's, for the CLI) for the model service, which merges them
(``memory.peer_adapters``). A peer removed, or trusted with signals only, counts no more
from the next call on (each sync round calls it).
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from neuroplast.errors import AuthenticationError, InvalidInputError, NeuroplastError
from neuroplast.gate.peer_learning import signal_digest, teach_from_peer
from neuroplast.peers.adapters import (
    own_adapter,
    read_adapter,
    write_applied,
    write_received,
)
from neuroplast.peers.bundle import ReplayedSignal, StaleBundle, UntrustedPeer, open_bundle, seal
from neuroplast.peers.config import PeersConfig
from neuroplast.peers.identity import Identity, verify
from neuroplast.peers.trust import Peer, PeerList
from neuroplast.peers.weights import open_adapter, seal_adapter, tensor_header

if TYPE_CHECKING:
    from neuroplast.gate.gate import Gate
    from neuroplast.sona.engine import Engine

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
                 config: PeersConfig | None = None, data_dir: Path | None = None,
                 sona: Callable[[], Any] | None = None) -> None:
        """``sona``: gives the running SONA engine (an ``Engine`` or ``DurableEngine``), or
        None when it does not run (it may start after this exchange)."""
        self.gate = gate
        self.identity = identity
        self.peers = peers
        self.config = config or PeersConfig()
        # the install's data dir: its own adapters, and where a peer's are kept (weights)
        self.data_dir = Path(data_dir) if data_dir is not None else gate.dir.parent
        self._sona = sona or (lambda: None)
        # one bundle at a time: a push from a peer and a pull from it may arrive together,
        # and each must see what the other applied (the check, then the apply)
        self._lock = threading.Lock()
        self._applied: tuple[Any, ...] | None = None  # what apply_adapters last put in force
        self._apply_lock = threading.Lock()
        self._in_force: dict[str, list[str]] = {"sona": [], "memory": []}

    def sona_engine(self) -> Engine | None:
        """The running SONA engine, if any."""
        running = self._sona()
        return getattr(running, "engine", running)

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

    # -- adapter weights (peers trusted with them: peers.weights) --------------------------
    def adapter_for(self, peer: Peer, kind: str, after: int) -> dict[str, str] | None:
        """This install's adapter of ``kind`` sealed for ``peer``, if newer than
        ``after``; ``None`` if there is none. Only for a peer trusted with weights."""
        try:
            if peer.trust != "weights":
                raise UntrustedPeer(f"{peer.name} is trusted with signals, not weights; this "
                                    "install sends it none")
            if kind not in self.config.adapter_kinds:
                raise InvalidInputError(f"this install shares no {kind!r} weights "
                                        f"([peers] adapter_kinds)")
        except NeuroplastError as exc:
            self._count(peer.key, exc)
            raise
        if kind == "sona":
            return self._router_for(peer, after)
        own = own_adapter(self.data_dir, kind)
        if own is None or own[0] <= after:
            return None
        config, weights = read_adapter(own[1])
        return seal_adapter(self.identity, peer.key, kind, own[0], config, weights)

    def _router_for(self, peer: Peer, after: int) -> dict[str, str] | None:
        """This install's SONA router sealed for ``peer``, if it learned since ``after``
        (its version: the trajectories it has learned from, the log's position)."""
        running = self._sona()
        engine = self.sona_engine()
        if engine is None:
            return None
        from safetensors.torch import save

        from neuroplast.sona.peer_routers import router_weights

        version = int(getattr(running, "logged", 0) or engine.stats()["recorded"])
        if version <= after:
            return None
        meta, tensors = router_weights(engine)
        return seal_adapter(self.identity, peer.key, "sona", version, meta, save(tensors))

    def receive_adapter(self, wire: Any) -> dict[str, Any]:
        """Check a peer's adapter and keep it (``peers.adapters``); what became of it.
        Idempotent by (peer, kind, version); raises (and counts) a refusal."""
        with self._lock:
            key = ""
            try:
                expected = None
                kind = _field(wire, "kind")
                own = own_adapter(self.data_dir, kind) if kind == "memory" else None
                if own is not None:  # the peer's must fit the same base model
                    expected = tensor_header(read_adapter(own[1])[1])
                peer, adapter = open_adapter(
                    wire, self.identity.public_key, self.peers, self.config.max_age_s,
                    int(self.config.max_adapter_mb * 1024 * 1024), expected)
                key = peer.key
                if adapter.kind == "sona":  # fits this install's router, or is not kept
                    self._peer_router(peer.name, adapter.config, adapter.weights)
                taken = self.peers.adapter_in(peer.name, adapter.kind, adapter.version)
                if taken is not None and taken != adapter.sha256:
                    raise ReplayedSignal(f"{peer.name} sent {adapter.kind} adapter version "
                                         f"{adapter.version} again with other weights; "
                                         "nothing was taken")
                last = self.peers.last_adapter(peer.name, adapter.kind)
                if taken is None and adapter.version < last:
                    raise ReplayedSignal(f"{peer.name} sent {adapter.kind} adapter version "
                                         f"{adapter.version}, older than {last} taken")
            except NeuroplastError as exc:
                self._count(key or _sender(wire), exc)
                log.warning("refused an adapter: %s", exc)
                raise
            if taken is None:  # the files first: a record always has its directory
                path = write_received(self.data_dir, peer.name, adapter.kind,
                                      adapter.version, adapter.config, adapter.weights)
                self.peers.took_adapter(peer.name, adapter.kind, adapter.version,
                                        adapter.sha256, str(path))
        if taken is None:
            self.apply_adapters()
        return {"from": peer.name, "kind": adapter.kind, "version": adapter.version,
                "taken": taken is None}

    def _peer_router(self, name: str, meta: dict[str, Any], weights: bytes) -> Any:
        """``name``'s SONA router as this install's engine weighs it; ``InvalidInputError``
        if no engine runs here or the router does not fit it."""
        engine = self.sona_engine()
        if engine is None:
            raise InvalidInputError(f"{name} sent a SONA router, but no SONA engine runs "
                                    "here ([sona] enabled = true); nothing was taken")
        from safetensors.torch import load

        from neuroplast.sona.peer_routers import PeerRouter

        return PeerRouter.from_weights(name, self.config.adapter_weight, meta, load(weights),
                                       engine)

    @property
    def in_force(self) -> dict[str, list[str]]:
        """Whose adapters count now, by kind (as the last :meth:`apply_adapters` left it)."""
        return {k: list(v) for k, v in self._in_force.items()}

    def apply_adapters(self) -> dict[str, list[str]]:
        """Make the newest adapter of each peer trusted with weights count, and no other
        (module doc); which peers' count now, by kind. Cheap when nothing changed."""
        with self._apply_lock:
            trusted = {p.name for p in self.peers.all() if p.trust == "weights"}
            kinds = set(self.config.adapter_kinds)
            latest = [a for a in self.peers.latest_adapters()
                      if a["peer"] in trusted and a["kind"] in kinds]
            engine = self.sona_engine()
            state = (id(engine), self.config.adapter_weight,
                     tuple((a["peer"], a["kind"], a["version"], a["sha256"]) for a in latest))
            if state == self._applied:
                return self._in_force
            routers, memory, sona = [], [], []
            for a in latest:
                try:
                    path = Path(str(a["path"]))
                    config, weights = read_adapter(path, str(a["kind"]))
                    if hashlib.sha256(weights).hexdigest() != a["sha256"]:
                        raise AuthenticationError(f"{path} is not the adapter {a['peer']} "
                                                  "signed (changed on disk); not applied")
                    if a["kind"] == "sona" and engine is not None:
                        routers.append(self._peer_router(str(a["peer"]), config, weights))
                        sona.append({**a, "weight": self.config.adapter_weight})
                    elif a["kind"] == "memory":
                        memory.append({**a, "weight": self.config.adapter_weight})
                except NeuroplastError as exc:  # one bad file keeps no other from counting
                    peer = self.peers.get(str(a["peer"]))
                    self._count(peer.key if peer else "", exc)
                    log.warning("not applying %s's %s adapter: %s", a["peer"], a["kind"], exc)
            if engine is not None:
                engine.set_peer_routers(routers)
            write_applied(self.data_dir, memory + sona)
            self._applied = state
            self._in_force = {"sona": [r.name for r in routers],
                              "memory": [str(m["peer"]) for m in memory]}
            return self._in_force

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


def _field(wire: Any, name: str) -> Any:
    """A field of a bundle's payload before it is checked (which kind it claims to be)."""
    try:
        return json.loads(wire["payload"]).get(name)
    except (TypeError, KeyError, AttributeError, json.JSONDecodeError):
        return None


def _sender(wire: Any) -> str:
    """The key a refused bundle claims to be from (for the refusal count), or '?'."""
    try:
        sender = json.loads(wire["payload"]).get("from")
    except (TypeError, KeyError, AttributeError, json.JSONDecodeError):
        return "?"
    return sender if isinstance(sender, str) else "?"
