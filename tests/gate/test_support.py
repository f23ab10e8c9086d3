"""SupportMemory and the gate's rule that only supported calls are auto-allowed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from neuroplast.errors import ConfigError, InvalidInputError
from neuroplast.gate.calls import ToolCall
from neuroplast.gate.support import SupportConfig, SupportMemory


def unit(*v: float) -> np.ndarray:
    x = np.array(v, dtype=np.float32)
    return x / np.linalg.norm(x)


def memory(**kw: object) -> SupportMemory:
    return SupportMemory(SupportConfig(**{"similarity": 0.9, "min_support": 2, **kw}), dim=3)


def test_needs_min_support_close_approvals() -> None:
    m = memory()
    m.add("a", unit(1, 0, 0), approved=True, clock=1)
    one = m.check(unit(1, 0.05, 0))
    assert not one.supported and one.approved == 1 and "needs 2" in one.reason
    m.add("b", unit(1, 0.1, 0), approved=True, clock=2)
    two = m.check(unit(1, 0.05, 0))
    assert two.supported and two.approved == 2 and two.refused == 0
    far = m.check(unit(0, 0, 1))
    assert not far.supported and far.nearest_approved == pytest.approx(0.0, abs=1e-6)
    assert far.reason == "novel: nearest approved call sim=0.00 < 0.90"


def test_one_recent_refusal_stops_support_at_once_and_an_approval_restores_it() -> None:
    m = memory()
    for i in range(30):  # a long history of approvals of similar calls
        m.add(f"ok{i}", unit(1, 0.01 * (i % 10), 0), approved=True, clock=i + 1)
    assert m.check(unit(1, 0.03, 0)).supported
    m.add("no", unit(1, 0.02, 0), approved=False, clock=31)  # the drift's first refusal
    after = m.check(unit(1, 0.06, 0))
    assert not after.supported and after.refused == 1 and "refused recently" in after.reason
    m.add("yes", unit(1, 0.05, 0), approved=True, clock=32)  # the user approves it again
    assert m.check(unit(1, 0.06, 0)).supported  # 31 of 32 approved, newest approved


def test_weighted_share_counts_recent_refusals_more() -> None:
    m = memory(min_share=0.9, half_life=10.0)
    for i in range(4):
        m.add(f"ok{i}", unit(1, 0.01 * i, 0), approved=True, clock=i + 1)
    m.add("no", unit(1, 0.2, 0), approved=False, clock=5)  # close, but not nearest
    m.add("ok9", unit(1, 0.0, 0.01), approved=True, clock=6)  # newest is approved
    s = m.check(unit(1, 0.0, 0))
    # weights 0.5**(age/10): refusal 0.933 of a total 5.66 -> share 0.835 < 0.9
    assert not s.supported and "share 0.8" in s.reason
    m2 = memory(min_share=0.8, half_life=10.0)
    for key, vec, ok, t in zip(*m.state(), strict=True):
        m2.add(key, vec, approved=bool(ok), clock=int(t))
    assert m2.check(unit(1, 0.0, 0)).supported


def test_relabel_replaces_the_answer_and_window_evicts_by_clock() -> None:
    m = memory(window=3)
    m.add("a", unit(1, 0, 0), approved=True, clock=1)
    m.add("a", unit(1, 0, 0), approved=False, clock=2)  # false positive after PostToolUse
    keys, _, approved, clock = m.state()
    assert keys == ["a"] and approved.tolist() == [False] and clock.tolist() == [2]
    for t, key in ((3, "b"), (4, "c"), (5, "d")):
        m.add(key, unit(0, 1, 0), approved=True, clock=t)
    assert m.state()[0] == ["b", "c", "d"]  # "a" (clock 2) fell out of the last 3 rows
    assert len(m) == 3 and m.clock == 5


def test_memory_grows_past_its_first_block() -> None:
    m = SupportMemory(SupportConfig(window=5000), dim=4)
    rng = np.random.default_rng(0)
    vecs = rng.normal(size=(1500, 4)).astype(np.float32)
    for i, v in enumerate(vecs):
        m.add(str(i), v, approved=True, clock=i + 1)
    keys, stored, _, _ = m.state()
    assert len(keys) == 1500
    np.testing.assert_allclose(stored, vecs / np.linalg.norm(vecs, axis=1, keepdims=True),
                               rtol=1e-6)


def test_input_errors() -> None:
    with pytest.raises(InvalidInputError, match="holds 3"):
        memory().add("a", np.ones(4), approved=True, clock=1)
    with pytest.raises(ConfigError, match="min_support"):
        SupportConfig(min_support=0)
    with pytest.raises(ConfigError, match="similarity"):
        SupportConfig(similarity=1.5)


# ---------------------------------------------------------------- through the gate

PYTEST = ["pytest tests/test_api.py -q", "pytest tests/test_cli.py -q",
          "pytest tests/test_db.py -q", "pytest tests/test_io.py -q"]


def _approve_all(gate, kit) -> None:
    for i, cmd in enumerate([*PYTEST, "git status", "ls -la", "make", "npm run build"]):
        gate.decide(kit.bash(cmd, f"t{i}"))
        gate.feedback(f"t{i}", True)
    assert gate.wait_idle(60)


def test_novel_call_is_asked_even_when_the_model_is_confident(kit, make_gate) -> None:
    gate = make_gate(min_labels_to_decide=4, min_recent_accuracy=0.0)
    _approve_all(gate, kit)  # every answer so far is "yes": the MLP says yes to anything
    novel = gate.decide(ToolCall("FrobnicateTool", {"target": "prod"}, cwd=kit.CWD))
    assert novel.probability is not None and novel.probability >= 0.8
    assert novel.band == "allow" and novel.decision == "ask" and novel.source == "novel"
    assert "nearest approved call sim=" in novel.reason
    supported = gate.decide(kit.bash("pytest tests/test_net.py -q"))
    assert supported.decision == "allow" and supported.source == "model", supported


def test_one_refusal_stops_auto_allow_of_similar_calls_at_once(kit, make_gate) -> None:
    gate = make_gate(min_labels_to_decide=4, min_recent_accuracy=0.0)
    _approve_all(gate, kit)
    assert gate.decide(kit.bash("pytest tests/test_web.py -q")).decision == "allow"
    gate.decide(kit.bash("pytest tests/test_ui.py -q", "drift"))
    gate.feedback("drift", False)  # the user starts refusing these, once
    d = gate.decide(kit.bash("pytest tests/test_web.py -q"))
    assert d.decision == "ask" and d.source == "novel" and "refused" in d.reason, d
    unrelated = gate.check_support(gate.extractor.features(kit.bash("git status")))
    assert unrelated.refused == 0 and unrelated.nearest_approved > 0.99  # not touched


def test_require_support_false_lets_the_model_decide_alone(kit, make_gate) -> None:
    gate = make_gate(min_labels_to_decide=4, min_recent_accuracy=0.0, require_support=False)
    _approve_all(gate, kit)
    d = gate.decide(ToolCall("FrobnicateTool", {"target": "prod"}, cwd=kit.CWD))
    assert d.decision == "allow" and d.source == "model"


def test_memory_rebuilds_identically_after_restart(kit, make_gate, tmp_path: Path) -> None:
    gate = make_gate(min_labels_to_decide=4)
    _approve_all(gate, kit)
    gate.decide(kit.bash("rm -rf ~/", "bad"))
    gate.feedback("bad", False)
    gate.decide(kit.bash("pytest tests/test_x.py -q", "fp"))
    gate.feedback("fp", True)
    gate.feedback("fp", False, false_positive=True)  # a second answer re-labels the call
    before = gate.support.state()
    gate.close()
    again = make_gate(min_labels_to_decide=4)
    after = again.support.state()
    assert after[0] == before[0] and len(after[0]) == 10
    for a, b in zip(after[1:], before[1:], strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-7)
    assert after[2][after[0].index("fp")] == False  # noqa: E712  (numpy bool)
