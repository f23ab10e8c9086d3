"""The decision pipeline: rules in order, a stored trace, rules switched off by name, and
``neuroplast gate explain`` / ``gate rules`` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from neuroplast.gate.calls import ToolCall
from neuroplast.gate.config import GateConfig
from neuroplast.gate.decision_rules import GATE_RULES, RULE_NAMES
from neuroplast.gate.facts import CallFacts
from neuroplast.gate.pipeline import Rule, Verdict, run_pipeline
from neuroplast.gate.support import SupportMemory, program_keys

NEUROPLAST = str(Path(sys.executable).parent / "neuroplast")


def test_first_verdict_wins_and_the_trace_stops_there() -> None:
    rules = (Rule("a", lambda f: None), Rule("b", lambda f: Verdict("", "noted")),
             Rule("c", lambda f: Verdict("deny", "c says no")),
             Rule("d", lambda f: Verdict("allow", "never reached")))
    verdict, trace = run_pipeline(rules, None, disabled=())
    assert (verdict.decision, verdict.rule, verdict.reason) == ("deny", "c", "c says no; noted")
    assert [(s.rule, s.decision) for s in trace] == [("a", ""), ("b", ""), ("c", "deny")]
    verdict, trace = run_pipeline(rules, None, disabled=("c",))
    assert verdict.rule == "d" and [s.rule for s in trace] == ["a", "b", "d"]


def test_every_rule_states_its_principle() -> None:
    assert len(set(RULE_NAMES)) == len(RULE_NAMES)
    for rule in GATE_RULES:
        assert len(rule.principle) > 30, rule.name
        assert "seed" not in rule.principle.lower(), rule.name


def test_a_decision_stores_its_trace_and_a_rule_can_be_switched_off(kit, make_gate) -> None:
    gate = make_gate(min_labels_to_decide=4, min_recent_accuracy=0.0)
    kit.teach(gate)
    risky = gate.decide(kit.bash("sudo ls /root", "r1"))
    trace = gate.explain("r1")
    assert trace[-1][0] == risky.source and trace[-1][1] == risky.decision
    assert [step[0] for step in trace] == list(RULE_NAMES[: len(trace)])
    gate.close()
    again = make_gate(data_dir=gate.dir.parent, min_labels_to_decide=4, min_recent_accuracy=0.0,
                      disabled_rules=["untrained", "model_unfit"])
    d = again.decide(kit.bash("git status", "g1"))
    names = [step[0] for step in again.explain("g1")]
    assert "untrained" not in names and "model_unfit" not in names and d.source in names


def test_explain_and_rules_commands(kit, make_gate, tmp_path: Path) -> None:
    gate = make_gate(data_dir=tmp_path, deny_rules=["Bash(rm:*)"])
    gate.decide(kit.bash("rm -rf build", "toolu_1"))
    gate.close()
    out = subprocess.run([NEUROPLAST, "gate", "explain", "toolu_1", "--data-dir", str(tmp_path),
                          "--json"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    body = json.loads(out.stdout)
    assert (body["decision"], body["rule"]) == ("deny", "user_rules")
    assert body["trace"][-1] == ["user_rules", "deny", "deny rule Bash(rm:*)"]
    missing = subprocess.run([NEUROPLAST, "gate", "explain", "nope", "--data-dir", str(tmp_path)],
                             capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and "never decided" in missing.stderr
    assert "Traceback" not in missing.stderr
    listed = subprocess.run([NEUROPLAST, "gate", "rules"], capture_output=True, text=True,
                            timeout=60, env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"})
    assert listed.returncode == 0 and all(name in listed.stdout for name in RULE_NAMES)


def _facts_after(approved: str, command: str, ask_share: float) -> CallFacts:
    """A call the model would allow: ``command`` after three approved ``approved``, the
    gate having asked ``ask_share`` of its recent calls."""
    memory = SupportMemory(dim=2)
    keys = program_keys(ToolCall("Bash", {"command": approved}))
    for i in range(3):
        memory.add(f"ok{i}", np.array([1.0, 0.0]), approved=True, clock=i + 1, programs=keys)
    return CallFacts(ToolCall("Bash", {"command": command}), GateConfig(), memory, 0.99,
                     "allow", None, 100, 1.0, np.array([1.0, 0.0]), ask_share=ask_share)


def _gradle_facts(ask_share: float) -> CallFacts:
    return _facts_after("gradle assembleDebug", "gradle assembleRelease", ask_share)


def test_a_new_nested_command_is_a_new_part() -> None:
    paused = _facts_after("kubectl rollout status deploy/web", "kubectl rollout pause deploy/web",
                          0.1)
    verdict, _ = run_pipeline(GATE_RULES, paused, disabled=())
    assert (verdict.decision, verdict.rule) == ("ask", "new_part")
    assert "no approved call used Bash:kubectl rollout =pause" in verdict.reason
    again = _facts_after("kubectl rollout pause deploy/api", "kubectl rollout pause deploy/web",
                         0.1)  # the nested command is known; a new operand after it is not
    assert run_pipeline(GATE_RULES, again, disabled=())[0].rule == "model_allow"


def test_a_new_part_is_asked_while_the_gate_asks_less_than_its_budget() -> None:
    verdict, _ = run_pipeline(GATE_RULES, _gradle_facts(0.1), disabled=())
    assert (verdict.decision, verdict.rule) == ("ask", "new_part")
    assert "no approved call used Bash:gradle assembleRelease" in verdict.reason
    verdict, _ = run_pipeline(GATE_RULES, _gradle_facts(0.25), disabled=())  # over 0.2
    assert (verdict.decision, verdict.rule) == ("allow", "model_allow")
    verdict, _ = run_pipeline(GATE_RULES, _gradle_facts(0.1), disabled=("new_part",))
    assert verdict.rule == "model_allow"


def test_the_share_of_recent_asks_survives_a_restart(kit, make_gate, tmp_path: Path) -> None:
    gate = make_gate(data_dir=tmp_path / "g", min_labels_to_decide=50)  # untrained: asks
    for i, command in enumerate(kit.SAFE[:4]):
        assert gate.decide(kit.bash(command, f"t{i}")).decision == "ask"
    probe = kit.bash("git status", "probe")
    assert gate.facts(probe)[0].ask_share == 1.0
    gate.close()
    again = make_gate(data_dir=tmp_path / "g", min_labels_to_decide=50)
    assert again.facts(probe)[0].ask_share == 1.0  # not 0: the budget is not reopened
