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

from neuroplast.errors import InvalidInputError
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


def test_a_peers_call_is_read_in_its_own_directory(two: dict[str, Exchange]) -> None:
    """b's user approves a write to a file of b's project; a learns it as a write in the
    project (the features, the embedded rendering and the memory's key b's own gate had),
    not as a write in someone's home (what the same call read without its cwd)."""
    from neuroplast.gate.calls import ToolCall
    from neuroplast.gate.render import render_call
    from neuroplast.gate.support import program_keys

    a, b = two["a"], two["b"]
    call = ToolCall("Write", {"file_path": "/home/bob/proj/src/app.py", "content": "x = 1\n"},
                    cwd="/home/bob/proj", session_id="s", tool_use_id="w1")
    b.gate.decide(call)
    b.gate.feedback("w1", True)
    wire = b.outbox(b.peers.get("a"), after=0)  # type: ignore[arg-type]
    signal = json.loads(wire["payload"])["signals"][0]
    assert signal["call"]["cwd"] == "/home/bob/proj"
    assert a.receive(wire)["trained"] == 1
    row = a.gate.lookup(f"peer:b:{signal['seq']}")
    assert row is not None
    applied = ToolCall.from_dict(json.loads(row.call_json))
    assert render_call(applied) == render_call(call)
    assert render_call(call).startswith("Write: src/app.py (")
    assert a.gate.extractor.features(applied).tolist() == b.gate.extractor.features(
        call).tolist()
    assert a.gate.support.latest(("Write:project",)) == {"Write:project": True}
    # what the same call meant before signals carried a cwd: a file in a home, no project
    homeless = ToolCall(call.tool_name, call.tool_input)
    assert program_keys(applied)[0] == "Write:project"
    assert program_keys(homeless)[:2] == ("Write:home", "writes:/home/bob/proj/src")
    assert render_call(homeless) != render_call(applied)
    assert a.gate.extractor.features(homeless).tolist() != a.gate.extractor.features(
        applied).tolist()


def test_a_signal_from_a_peer_of_an_older_version_without_cwd_still_applies(
        two: dict[str, Exchange]) -> None:
    from neuroplast.peers import seal

    a, b = two["a"], two["b"]
    wire = seal(b.identity, a.identity.public_key, [
        {"seq": 1, "ts": 1.0, "approved": False,
         "call": {"tool_name": "Bash", "tool_input": {"command": "rm -rf build"}}}])
    assert a.receive(wire)["trained"] == 1
    long_cwd = seal(b.identity, a.identity.public_key, [
        {"seq": 2, "ts": 1.0, "approved": False,
         "call": {"tool_name": "Bash", "tool_input": {"command": "ls"}, "cwd": "/" * 5000}}])
    with pytest.raises(InvalidInputError, match="cwd"):
        a.receive(long_cwd)


def test_seal_and_verify_name_a_wrong_argument(tmp_path: Path) -> None:
    from neuroplast.peers.bundle import seal
    from neuroplast.peers.identity import verify

    me = Identity.load_or_create(tmp_path / "me.pem")
    with pytest.raises(InvalidInputError, match="list of signals"):
        seal(me, me.public_key, "x")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="no JSON"):
        seal(me, me.public_key, [{"features": [float("nan")]}])
    signature = me.sign(b"data")
    assert verify(me.public_key, signature, b"data")
    with pytest.raises(InvalidInputError, match="signs bytes"):
        verify(me.public_key, signature, "data")  # type: ignore[arg-type]
