"""Which peers' adapters count (``peers.adapters.applied``), and a SONA router as it
travels (``peers.weights`` with kind ``sona``): in process, no service."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from safetensors.torch import save

from neuroplast.errors import InvalidInputError
from neuroplast.peers import Identity, PeerList
from neuroplast.peers.adapters import applied, write_applied
from neuroplast.peers.weights import open_adapter, seal_adapter
from neuroplast.sona.config import SonaConfig
from neuroplast.sona.engine import Engine
from neuroplast.sona.peer_routers import ROUTER_FORMAT, router_weights


def _entry(peer: str, sha: str, version: int = 1) -> dict[str, object]:
    return {"peer": peer, "kind": "memory", "version": version, "sha256": sha,
            "path": f"/x/{peer}", "weight": 0.5}


def test_only_peers_still_trusted_with_weights_and_their_recorded_adapters_count(
        tmp_path: Path) -> None:
    peers = PeerList(tmp_path / "peers" / "peers.db")
    for name, trust in (("a", "weights"), ("b", "signals"), ("d", "weights")):
        peers.add(name, Identity.load_or_create(tmp_path / f"{name}.pem").public_key,
                  "http://127.0.0.1:1", trust=trust)
        peers.took_adapter(name, "memory", 1, "1" * 64, f"/x/{name}")
    write_applied(tmp_path, [_entry("a", "1" * 64), _entry("b", "1" * 64),
                             _entry("c", "1" * 64), _entry("d", "2" * 64)])
    # b: signals only; c: not on the list; d: not the adapter recorded as taken
    assert [e["peer"] for e in applied(tmp_path, "memory")] == ["a"]
    assert applied(tmp_path, "sona") == []
    peers.remove("a")  # `neuroplast peers remove a`, with or without a running service
    assert applied(tmp_path, "memory") == []
    peers.close()
    assert applied(tmp_path / "elsewhere", "memory") == []


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Identity, Identity, PeerList]:
    alice, bob = (Identity.load_or_create(tmp_path / f"{n}.pem") for n in "ab")
    peers = PeerList(tmp_path / "peers.db")
    peers.add("alice", alice.public_key, "http://127.0.0.1:1", trust="weights")
    return alice, bob, peers


def _router() -> tuple[dict[str, object], dict[str, torch.Tensor]]:
    engine = Engine(SonaConfig(embedding_dim=4, hidden_dim=8, background_interval_s=0))
    engine.end_trajectory(engine.begin_trajectory(np.eye(4)[0]).set_route("a"), 0.9)
    return router_weights(engine)


def test_a_router_travels_signed_and_checked(
        keys: tuple[Identity, Identity, PeerList]) -> None:
    alice, bob, peers = keys
    meta, tensors = _router()
    wire = seal_adapter(alice, bob.public_key, "sona", 1, meta, save(tensors))
    peer, adapter = open_adapter(wire, bob.public_key, peers, 60, 1 << 20)
    assert (peer.name, adapter.kind, adapter.config["format"]) == ("alice", "sona",
                                                                    ROUTER_FORMAT)
    assert adapter.tensors["instant.cov"] == ("F32", (1, 8, 8))
    cases = [
        ({**meta, "format": "other"}, tensors, "is no neuroplast.sona.router"),
        (meta, {k: v for k, v in tensors.items() if k != "instant.cov"}, "a router's are"),
        (meta, {**tensors, "head.bias": torch.ones(1, 1)}, "not floating point of 1"),
        (meta, {**tensors, "head.weight": tensors["head.weight"].to(torch.int32)},
         "not floating point"),
        (meta, {**tensors, "instant.cov": torch.full((1, 8, 8), float("inf"))},
         "not finite"),
    ]
    for version, (bad_meta, bad, match) in enumerate(cases, start=2):
        wire = seal_adapter(alice, bob.public_key, "sona", version, bad_meta, save(bad))
        with pytest.raises(InvalidInputError, match=match):
            open_adapter(wire, bob.public_key, peers, 60, 1 << 20)
