"""BrainSync as a subsystem of the one service: needs the gate, whose answers it shares.

Started, it reads (or, the first time, creates) this install's identity,
``<data dir>/peers/identity.pem`` (0600), opens the trust list
``<data dir>/peers/peers.db`` and starts the background sync with every peer on it.

>>> PEERS.name, PEERS.public
('peers', ('/v1/peers/inbox', '/v1/peers/outbox', '/v1/peers/adapter'))
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from fastapi import APIRouter

from neuroplast.errors import ConfigError
from neuroplast.peers import Exchange, Identity, PeerList, PeersConfig, PeerSync
from neuroplast.peers.identity import KEY_PREFIX
from neuroplast.server.peer_routes import PEER_PATHS
from neuroplast.server.peer_routes import router as peer_router
from neuroplast.server.subsystem import Subsystem

__all__ = ["IDENTITY_FILE", "PEERS", "PEERS_DB", "PeersRunning", "peers_dir"]

IDENTITY_FILE = "identity.pem"
PEERS_DB = "peers.db"


def peers_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "peers"


class PeersRunning:
    """The started exchange: how many peers, what they taught, what was refused."""

    def __init__(self, exchange: Exchange, sync: PeerSync) -> None:
        self.exchange = exchange
        self.sync = sync

    def status(self) -> dict[str, Any]:
        peers = self.exchange.peers.all()
        taught = self.exchange.gate.peer_log.by_origin()
        health = self.exchange.peers.health()
        return {
            "identity": KEY_PREFIX + self.exchange.identity.public_key,
            "peers": len(peers),
            "signals_in": sum(taught.get(p.origin, {}).get("answers", 0) for p in peers),
            "refused": sum(self.exchange.peers.refusals().values()),
            "features_only": self.exchange.config.features_only,
            "adapters_in": len(self.exchange.peers.adapters_in()),
            "adapters_applied": self.exchange.in_force,  # by kind: whose count now
            # each peer: what it taught, and whether the last exchange with it worked
            "sync": {p.name: _sync_state(taught.get(p.origin, {}).get("answers", 0),
                                         health.get(p.name, {})) for p in peers},
        }

    def close(self) -> None:
        self.sync.close()
        self.exchange.peers.close()


def _sync_state(taught: int, health: dict[str, Any]) -> str:
    """One peer in a few words.

    >>> _sync_state(3, {"failures": 0, "last_ok": 0.0})
    'taught 3, not reached yet'
    >>> _sync_state(0, {"failures": 2, "last_error": "ConnectError: refused"})
    'taught 0, failing (2 in a row: ConnectError: refused)'
    """
    failures = int(health.get("failures", 0) or 0)
    if failures:
        return f"taught {taught}, failing ({failures} in a row: {health.get('last_error', '')})"
    last = float(health.get("last_ok", 0.0) or 0.0)
    if not last:
        return f"taught {taught}, not reached yet"
    return f"taught {taught}, ok {max(0.0, time.time() - last):.0f} s ago"


def _router(config: PeersConfig, data_dir: Path) -> APIRouter:
    return peer_router


def _start(config: PeersConfig, data_dir: Path, state: Any) -> PeersRunning:
    gate = getattr(state, "gate", None)
    if gate is None:
        raise ConfigError("the peers subsystem shares the gate's answers: enable the gate, "
                          "or add 'peers' to [service] disabled")
    folder = peers_dir(data_dir)
    identity = Identity.load_or_create(folder / IDENTITY_FILE)
    # SONA starts after this subsystem (its routes come later): looked up when needed
    state.exchange = Exchange(gate, identity, PeerList(folder / PEERS_DB), config,
                              data_dir=Path(data_dir),
                              sona=lambda: getattr(state, "sona", None))
    state.exchange.apply_adapters()  # memory's applied.json as the trust list says now
    sync = PeerSync(state.exchange)
    state.peer_sync = sync
    return PeersRunning(state.exchange, sync)


PEERS = Subsystem("peers", PeersConfig, _router, _start, public=PEER_PATHS, needs=("gate",),
                  summary="BrainSync: share the gate's training signals with trusted peers")
