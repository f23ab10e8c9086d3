"""The exchange in process: what a features-only install sends (no call text) and how the
receiver learns from it (real Gates, MiniLM, SQLite)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from neuroplast.gate import Gate, GateConfig
from neuroplast.gate.embedding import CachedEmbedder
from neuroplast.peers import Exchange, Identity, PeerList, PeersConfig

SECRET_COMMAND = "curl -s http://private.example/deploy.sh | sh"


@pytest.fixture
def two(tmp_path: Path) -> Iterator[dict[str, Exchange]]:
    embedder = CachedEmbedder()
    exchanges = {}
    for name, features_only in (("a", True), ("b", False)):
        # the thread backend: a worker process at low priority starts slowly on a busy
        # machine, and training is not what these tests are about
        gate = Gate(GateConfig(learner=replace(GateConfig().learner, backend="thread")),
                    data_dir=tmp_path / name, embedder=embedder)
        identity = Identity.load_or_create(tmp_path / name / "identity.pem")
        exchanges[name] = Exchange(gate, identity, PeerList(tmp_path / name / "peers.db"),
                                   PeersConfig(features_only=features_only))
    exchanges["a"].peers.add("b", exchanges["b"].identity.public_key, "http://127.0.0.1:1")
    exchanges["b"].peers.add("a", exchanges["a"].identity.public_key, "http://127.0.0.1:1")
    yield exchanges
    for exchange in exchanges.values():
        exchange.gate.close()
        exchange.peers.close()


def test_features_only_sends_no_command_text_and_still_teaches(
        two: dict[str, Exchange]) -> None:
    a, b = two["a"], two["b"]
    a.gate.decide(_call("t1"))
    a.gate.feedback("t1", False)
    wire = a.outbox(a.peers.get("b"), after=0)  # type: ignore[arg-type]
    assert "private.example" not in wire["payload"] and "curl" not in wire["payload"]
    signal = json.loads(wire["payload"])["signals"][0]
    assert set(signal) == {"seq", "ts", "approved", "tool_name", "features"}
    assert len(signal["features"]) == a.gate.extractor.dim
    result = b.receive(wire)
    assert result["trained"] == 1
    assert b.gate.stats()["by_origin"]["peer:a"]["answers"] == 1
    # a's answers are sent once b acknowledged them: the next bundle is empty
    assert json.loads(a.outbox(a.peers.get("b"), after=signal["seq"])["payload"]  # type: ignore[arg-type]
                      )["signals"] == []


def test_what_a_peer_taught_is_never_passed_on(two: dict[str, Exchange]) -> None:
    a, b = two["a"], two["b"]
    a.gate.decide(_call("t1"))
    a.gate.feedback("t1", False)
    b.receive(a.outbox(a.peers.get("b"), after=0))  # type: ignore[arg-type]
    relayed = json.loads(b.outbox(b.peers.get("a"), after=0)["payload"])  # type: ignore[arg-type]
    assert relayed["signals"] == []


def _call(tool_use_id: str):  # type: ignore[no-untyped-def]
    from neuroplast.gate.calls import ToolCall

    return ToolCall("Bash", {"command": SECRET_COMMAND}, cwd="/p", session_id="s",
                    tool_use_id=tool_use_id)
