"""A trusted peer's answers in the memory of answers (gate.support): they may make the gate
ask, never deny, never vouch; the user's own word wins; a restart and a forgotten peer give
the memory the log says."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

import numpy as np
import pytest

from neuroplast.errors import ConfigError, InvalidInputError
from neuroplast.gate.gate import Gate
from neuroplast.gate.peer_learning import PeerSignal, teach_from_peer
from neuroplast.gate.support import SupportConfig, SupportMemory, near_refused_repeat
from neuroplast.peers import PeersConfig

RM, GIT = ("Bash:rm",), ("Bash:git",)
SUDO = ("privilege_escalation",)


def unit(*v: float) -> np.ndarray:
    x = np.array(v, dtype=np.float32)
    return x / np.linalg.norm(x)


def memory() -> SupportMemory:
    return SupportMemory(SupportConfig(similarity=0.9, min_support=2, trusted_similarity=0.5,
                                       trust_min_approvals=3, repeat_similarity=1.0), dim=3)


def approve(m: SupportMemory, n: int, programs: tuple[str, ...] = RM, start: int = 1) -> None:
    for i in range(n):
        m.add(f"own{start + i}", unit(1, 0.01 * i, 0), approved=True, clock=start + i,
              programs=programs)


def test_a_peers_refusal_asks_until_the_user_approves_again() -> None:
    m = memory()
    approve(m, 3)
    assert m.check(unit(1, 0.005, 0), RM).supported
    m.add("peer:a:1", unit(1, 0.005, 0), approved=False, clock=10, programs=RM, peer=True)
    asked = m.check(unit(1, 0.005, 0), RM)
    assert not asked.supported and asked.reason == "latest answer about Bash:rm was a refusal"
    # a peer's approval lifts no refusal, not even its own
    m.add("peer:a:2", unit(1, 0.006, 0), approved=True, clock=11, programs=RM, peer=True)
    assert not m.check(unit(1, 0.005, 0), RM).supported
    m.add("own-yes", unit(1, 0.004, 0), approved=True, clock=12, programs=RM)
    assert m.check(unit(1, 0.005, 0), RM).supported


def test_a_peers_refusal_never_makes_a_near_repeat_denied() -> None:
    m = memory()
    approve(m, 3, GIT)
    m.add("peer:a:1", unit(0, 1, 0), approved=False, clock=10, programs=RM, peer=True)
    ev = m.evidence(unit(0, 1, 0), RM)
    assert ev.stats["Bash:rm"].latest_refused and ev.nearest_refused == 0.0
    assert near_refused_repeat(ev, m.config) is None
    # the user's own refusal of the same call is one
    m.add("own-no", unit(0, 1, 0), approved=False, clock=11, programs=RM)
    assert near_refused_repeat(m.evidence(unit(0, 1, 0), RM), m.config) == 1.0


def test_a_peers_refusal_after_the_users_approval_keeps_no_deny() -> None:
    """The user refused rm, then approved it; a peer refuses it later: ask, not deny."""
    m = memory()
    m.add("own-no", unit(0, 1, 0), approved=False, clock=1, programs=RM)
    m.add("own-yes", unit(1, 0, 0), approved=True, clock=2, programs=RM)
    m.add("peer:a:1", unit(1, 0, 0), approved=False, clock=3, programs=RM, peer=True)
    ev = m.evidence(unit(0, 1, 0.01), RM)
    assert ev.stats["Bash:rm"].latest_refused and not ev.stats["Bash:rm"].own_latest_refused
    assert near_refused_repeat(ev, m.config) is None


def test_a_peers_approvals_support_first_use_and_close_approvals() -> None:
    m = memory()
    approve(m, 3, GIT)
    assert m.check(unit(0, 1, 0), RM).reason == "novel: no approved call of Bash:rm yet"
    for i in range(2):
        m.add(f"peer:a:{i}", unit(0.01 * i, 1, 0), approved=True, clock=10 + i, programs=RM,
              peer=True)
    assert m.check(unit(0, 1, 0.01), RM).supported


def test_a_peers_approval_never_lifts_the_users_refusal_nor_clears_a_risk_flag() -> None:
    m = memory()
    m.add("own-no", unit(0, 1, 0), approved=False, clock=1, programs=RM, risks=SUDO,
          identity=7)
    for i in range(5):
        m.add(f"peer:a:{i}", unit(0, 1, 0.01 * i), approved=True, clock=10 + i, programs=RM,
              risks=SUDO, identity=7, peer=True)
    assert "Bash:rm was a refusal" in m.check(unit(0, 1, 0), RM).reason
    assert (m.risk_approvals(SUDO), m.approvals_since_refusal(7)) == (0, 0)
    m.add("own-yes", unit(0, 1, 0), approved=True, clock=20, programs=RM, risks=SUDO,
          identity=7)
    assert (m.risk_approvals(SUDO), m.approvals_since_refusal(7)) == (1, 1)


def test_the_users_answer_about_the_same_call_overrules_a_peers() -> None:
    m = memory()
    approve(m, 3, GIT)
    for i in range(2):
        m.add(f"peer:a:{i}", unit(0.01 * i, 1, 0), approved=True, clock=10 + i, programs=RM,
              kind="Bash:rm -rf", peer=True)
    assert m.check(unit(0, 1, 0), RM).supported
    # the user refuses the same kind of call: the peer's approvals stop counting
    m.add("own-no", unit(0, 0, 1), approved=False, clock=20, programs=("Bash:rm", "x"),
          kind="Bash:rm -rf")
    assert m.origins() == {**{f"own{i}": "user" for i in (1, 2, 3)},
                           "peer:a:0": "overruled", "peer:a:1": "overruled", "own-no": "user"}
    m.add("own-yes", unit(0, 0.5, 1), approved=True, clock=21, programs=RM, kind="Bash:rm")
    after = m.check(unit(0, 1, 0), RM)  # the peer's approvals at sim 1.0 no longer count
    assert not after.supported and after.nearest_approved == pytest.approx(0.4472, abs=1e-3)
    assert m.latest(RM) == {"Bash:rm": True}


def test_peer_support_is_a_checked_choice() -> None:
    assert PeersConfig().peer_support == "both"
    with pytest.raises(ConfigError, match="peer_support"):
        PeersConfig(peer_support="all")  # type: ignore[arg-type]


# -- in a gate: what enters, what a restart and a forgotten peer leave --------------------

def signal(seq: int, command: str, approved: bool) -> PeerSignal:
    return PeerSignal("peer:alice", seq, 1000.0 + seq, approved,
                      call={"tool_name": "Bash", "tool_input": {"command": command}})


def test_which_answers_enter_follows_peer_support(
        make_gate: Callable[..., Gate]) -> None:
    gate = make_gate()
    teach_from_peer(gate, signal(1, "rm -rf build", False), 0.5, "none")
    teach_from_peer(gate, signal(2, "make test", True), 0.5, "refusals")
    teach_from_peer(gate, signal(3, "rm -rf dist", False), 0.5, "refusals")
    teach_from_peer(gate, signal(4, "make lint", True), 0.5, "both")
    assert gate.support.origins() == {"peer:alice:3": "peer", "peer:alice:4": "peer"}
    with pytest.raises(InvalidInputError, match="peer support"):
        teach_from_peer(gate, signal(5, "ls", True), 0.5, "all")


def test_a_restart_rebuilds_the_peer_rows_and_forgetting_removes_them(
        make_gate: Callable[..., Gate], kit: SimpleNamespace, tmp_path: object) -> None:
    gate = make_gate()
    for i, cmd in enumerate(("git status", "ls -la", "rm -rf build")):
        gate.decide(kit.bash(cmd, f"own{i}"))
        gate.feedback(f"own{i}", True)
    teach_from_peer(gate, signal(1, "rm -f dist.tgz", False), 0.5, "both")
    teach_from_peer(gate, signal(2, "make test", True), 0.5, "both")
    teach_from_peer(gate, signal(3, "git status", False), 0.5, "both")  # overruled: not in
    gate.decide(kit.bash("make test", "own-no"))
    gate.feedback("own-no", False)  # overrules the peer's "make test"
    before, origins = gate.support.state(), gate.support.origins()
    assert origins == {"own0": "user", "own1": "user", "own2": "user", "peer:alice:1": "peer",
                       "peer:alice:2": "overruled", "own-no": "user"}
    gate.close()
    again = make_gate()  # the same data dir: the memory is rebuilt from the log
    assert again.support.origins() == origins
    after = again.support.state()
    assert [r[:4] for r in after] == [r[:4] for r in before]
    np.testing.assert_allclose(np.stack([r[4] for r in after]),
                               np.stack([r[4] for r in before]), rtol=1e-6, atol=1e-7)
    assert again.peer_log.forget("peer:alice") == 3
    again.relearn()
    assert again.support.origins() == {"own0": "user", "own1": "user", "own2": "user",
                                       "own-no": "user"}


def _deny_facts(m: SupportMemory, *, peer_taught: bool):  # type: ignore[no-untyped-def]
    """Facts of ``rm -rf build`` (keys: Bash:rm, ...) whose model band is deny."""
    from neuroplast.gate.calls import ToolCall
    from neuroplast.gate.config import GateConfig
    from neuroplast.gate.facts import CallFacts

    call = ToolCall("Bash", {"command": "rm -rf build"}, cwd="/home/u/p")
    return CallFacts(call, GateConfig(), m, 0.01, "deny", None, 100, 1.0, unit(0, 1, 0),
                     peer_taught)


def test_a_model_taught_by_peers_denies_only_what_the_users_own_answers_refuse() -> None:
    from neuroplast.gate.decision_rules import GATE_RULES

    model_deny = next(r for r in GATE_RULES if r.name == "model_deny").evaluate
    m = memory()
    approve(m, 3, GIT)
    m.add("peer:a:1", unit(0, 1, 0), approved=False, clock=10, programs=RM, peer=True)
    # the user never refused anything like it: the peer-taught model's deny becomes an ask
    assert model_deny(_deny_facts(m, peer_taught=True)) is None
    # a model that learned from the user alone denies as before
    assert model_deny(_deny_facts(m, peer_taught=False)).decision == "deny"
    # once the user's own answers refuse a key of the call, the model may deny it
    m.add("own-no", unit(0, 0.2, 1), approved=False, clock=11, programs=RM)
    assert model_deny(_deny_facts(m, peer_taught=True)).decision == "deny"
