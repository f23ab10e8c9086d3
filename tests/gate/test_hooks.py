"""Claude Code hook events mapped onto the gate (real gate, real MiniLM, real SQLite)."""

from __future__ import annotations

import re

import pytest

from neuroplast.errors import InvalidInputError
from neuroplast.gate.hooks import handle_claude_code_event

CWD = "/home/u/proj"


def event(name: str, tool_use_id: str = "t1", command: str = "make test", **extra: object):
    return {
        "hook_event_name": name, "session_id": "s1", "transcript_path": "/tmp/t.jsonl",
        "cwd": CWD, "tool_name": "Bash", "tool_input": {"command": command},
        "tool_use_id": tool_use_id, **extra,
    }


def feedback_rows(gate, tool_use_id: str) -> list[tuple]:
    return gate.db.query(
        "SELECT approved, source FROM feedback WHERE tool_use_id = ? ORDER BY id", (tool_use_id,)
    )


def test_pre_tool_use_answers_with_decision_and_reason(make_gate) -> None:
    gate = make_gate(allow_rules=["Bash(git status)"], deny_rules=["Bash(rm:*)"])
    outs = {cmd: handle_claude_code_event(gate, event("PreToolUse", cmd, cmd))
            for cmd in ("git status", "rm -rf build", "make test")}
    hso = {cmd: out["hookSpecificOutput"] for cmd, out in outs.items()}
    assert {h["hookEventName"] for h in hso.values()} == {"PreToolUse"}
    assert [h["permissionDecision"] for h in hso.values()] == ["allow", "deny", "ask"]
    assert "by rule user_rules" in hso["git status"]["permissionDecisionReason"]
    asked = hso["make test"]["permissionDecisionReason"]
    assert "p=0.50" in asked and "by rule untrained" in asked
    assert gate.lookup("make test").decision == "ask"


def test_post_tool_use_is_an_approval_once(make_gate) -> None:
    gate = make_gate()
    handle_claude_code_event(gate, event("PreToolUse"))
    assert handle_claude_code_event(gate, event("PermissionRequest")) == {}
    assert gate.lookup("t1").asked is True
    response = {"tool_response": {"stdout": "ok", "exit_code": 0}}
    assert handle_claude_code_event(gate, event("PostToolUse", **response)) == {}
    assert handle_claude_code_event(gate, event("PostToolUse", **response)) == {}
    assert feedback_rows(gate, "t1") == [(1, "post_tool_use")]


def test_permission_denied_is_a_refusal_unless_the_gate_denied(make_gate) -> None:
    gate = make_gate(deny_rules=["Bash(rm:*)"])
    handle_claude_code_event(gate, event("PreToolUse", "t1"))
    handle_claude_code_event(gate, event("PermissionDenied", "t1"))
    assert feedback_rows(gate, "t1") == [(0, "permission_denied")]
    handle_claude_code_event(gate, event("PreToolUse", "t2", "rm -rf build"))
    handle_claude_code_event(gate, event("PermissionDenied", "t2", "rm -rf build"))
    assert feedback_rows(gate, "t2") == []  # the gate's own deny is no user answer


def test_unknown_events_and_unknown_calls_answer_empty(make_gate) -> None:
    gate = make_gate()
    assert handle_claude_code_event(gate, {"hook_event_name": "Stop", "session_id": "s"}) == {}
    assert handle_claude_code_event(gate, event("PostToolUse", "never-decided")) == {}
    assert gate.stats()["feedback"] == 0


@pytest.mark.parametrize("bad", [
    [], {"tool_name": "Bash"}, {"hook_event_name": "PreToolUse", "tool_input": {}},
    {"hook_event_name": "PreToolUse", "tool_name": "Bash", "tool_input": "ls"},
    {"hook_event_name": "PostToolUse", "tool_input": {}},
    {"hook_event_name": "PostToolUse", "tool_name": "Bash", "tool_use_id": 7},
])
def test_malformed_events_raise_invalid_input(make_gate, bad) -> None:
    with pytest.raises(InvalidInputError):
        handle_claude_code_event(make_gate(), bad)


def test_permission_request_without_id_finds_the_sessions_call(make_gate) -> None:
    gate = make_gate()
    handle_claude_code_event(gate, event("PreToolUse", "t1", "make a"))
    handle_claude_code_event(gate, event("PreToolUse", "t2", "make b"))
    request = event("PermissionRequest", command="make a")
    del request["tool_use_id"]
    assert handle_claude_code_event(gate, request) == {}
    assert (gate.lookup("t1").asked, gate.lookup("t2").asked) == (True, False)


def test_post_tool_use_after_a_deny_is_no_approval(make_gate) -> None:
    gate = make_gate(deny_rules=["Bash(rm:*)"])
    handle_claude_code_event(gate, event("PreToolUse", "t1", "rm -rf build"))
    assert handle_claude_code_event(gate, event("PostToolUse", "t1", "rm -rf build")) == {}
    assert feedback_rows(gate, "t1") == []


def test_events_about_another_call_than_the_logged_one_teach_nothing(make_gate) -> None:
    gate = make_gate()
    handle_claude_code_event(gate, event("PreToolUse", "t1", "make test"))
    for name in ("PostToolUse", "PermissionDenied", "PermissionRequest"):
        assert handle_claude_code_event(gate, event(name, "t1", "curl x | sh")) == {}
    other_tool = event("PostToolUse", "t1") | {"tool_name": "Write"}
    assert handle_claude_code_event(gate, other_tool) == {}
    assert feedback_rows(gate, "t1") == []
    assert gate.lookup("t1").asked is False


def test_a_tool_use_id_is_decided_once(make_gate) -> None:
    from neuroplast.errors import ConflictError

    gate = make_gate()
    first = handle_claude_code_event(gate, event("PreToolUse", "t1", "make test"))
    logged = gate.lookup("t1")
    with pytest.raises(ConflictError, match="t1"):
        handle_claude_code_event(gate, event("PreToolUse", "t1", "rm -rf ~"))
    with pytest.raises(ConflictError):
        handle_claude_code_event(gate, event("PreToolUse", "t1", "make test", session_id="s2"))
    assert gate.lookup("t1") == logged
    assert handle_claude_code_event(gate, event("PreToolUse", "t1", "make test")) == first
    assert gate.stats()["decisions"] == 1


@pytest.mark.parametrize(("event", "says"), [
    ({}, "has no 'hook_event_name'"),
    ({"hook_event_name": 5}, "hook_event_name=5, which is no event name"),
    ({"hook_event_name": ""}, "hook_event_name='', which is no event name"),
])
def test_an_event_without_a_usable_name_says_which(event: dict[str, object], says: str) -> None:
    # checked before the gate is touched
    with pytest.raises(InvalidInputError, match=re.escape(says)):
        handle_claude_code_event(None, event)  # type: ignore[arg-type]
