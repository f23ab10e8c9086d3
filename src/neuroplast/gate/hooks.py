"""Claude Code hook events in, hook answers out (the protocol the hook CLI forwards).

* ``PreToolUse`` -> the gate decides; the answer is
  ``{"hookSpecificOutput": {"hookEventName": "PreToolUse", "permissionDecision":
  "allow"|"deny"|"ask", "permissionDecisionReason": "..."}}``.
* ``PostToolUse`` -> the call ran, so the user approved it (unless an answer about it
  was already recorded, e.g. an explicit one through the API) -> ``{}``. Only a call the
  gate asked about or allowed counts: one it denied did not run through it.
* ``PermissionDenied`` -> the user refused it -> ``{}``. When the gate itself denied the
  call there is no user answer to learn from, so nothing is recorded.
* ``PermissionRequest`` -> the user is being shown a prompt; recorded, answered ``{}``
  so the user decides in Claude Code.
* Any other event -> ``{}`` (logged). Events about calls the gate never decided (its
  hook was not installed for PreToolUse), or whose tool and input are not those of the
  call it logged under that tool_use_id, teach nothing: ``{}`` (logged).

Malformed events raise :class:`~neuroplast.errors.InvalidInputError`; the server maps it,
and the hook CLI answers ``ask`` to PreToolUse when the service fails.

>>> import tempfile
>>> from neuroplast.gate.config import GateConfig
>>> from neuroplast.gate.gate import Gate
>>> gate = Gate(GateConfig(allow_rules=["Bash(git status)"]), data_dir=tempfile.mkdtemp())
>>> out = handle_claude_code_event(gate, {"hook_event_name": "PreToolUse",
...     "session_id": "s", "tool_name": "Bash", "tool_input": {"command": "git status"},
...     "tool_use_id": "t1", "cwd": "/p"})
>>> out["hookSpecificOutput"]["permissionDecision"]
'allow'
>>> gate.close()
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from neuroplast.errors import InvalidInputError
from neuroplast.gate.calls import ToolCall

if TYPE_CHECKING:
    from neuroplast.gate.gate import Gate, GateDecision
    from neuroplast.gate.log import DecisionRow

__all__ = ["HOOK_EVENTS", "decision_reason", "handle_claude_code_event"]

log = logging.getLogger(__name__)

HOOK_EVENTS = ("PermissionDenied", "PermissionRequest", "PostToolUse", "PreToolUse")


def decision_reason(decision: GateDecision) -> str:
    """The text Claude Code shows for a decision: which rule decided, and why (``neuroplast
    gate explain TOOL_USE_ID`` prints every rule evaluated).

    >>> from neuroplast.gate.gate import GateDecision
    >>> decision_reason(GateDecision("t", "ask", 0.934, "p=0.93 would allow, but risky: "
    ...                              "privilege_escalation", "risk_flags", "allow"))
    'neuroplast gate: ask by rule risk_flags: p=0.93 would allow, but risky: privilege_escalation'
    """
    return f"neuroplast gate: {decision.decision} by rule {decision.source}: {decision.reason}"


def _tool_use_id(gate: Gate, event: dict[str, Any]) -> str | None:
    """The event's tool_use_id; without one, the session's latest decision on the same call.

    (Some Claude Code versions send PermissionRequest without a tool_use_id.)
    """
    value = event.get("tool_use_id")
    if isinstance(value, str) and value:
        return value
    if value is None and isinstance(event.get("tool_name"), str):
        call = ToolCall.from_hook_event(event)
        return gate.find_latest(call)
    raise InvalidInputError(
        f"{event.get('hook_event_name')} event needs a non-empty string 'tool_use_id' (or "
        "'tool_name' and 'tool_input'); send the event JSON exactly as Claude Code writes it"
    )


def _same_call(gate: Gate, event: dict[str, Any], row: DecisionRow) -> bool:
    """Whether ``event`` names the tool and input the gate logged under its tool_use_id
    (compared by a keyed digest when the log keeps the call with its secrets redacted)."""
    return gate.same_call(row, event.get("tool_name"), event.get("tool_input") or {})


def handle_claude_code_event(gate: Gate, event: dict[str, Any]) -> dict[str, Any]:
    """Apply one hook event to ``gate`` and return what the hook prints on stdout."""
    if not isinstance(event, dict):
        raise InvalidInputError(f"a hook event must be a JSON object, got {type(event).__name__}")
    name = event.get("hook_event_name")
    if not isinstance(name, str) or not name:
        said = "has no 'hook_event_name'" if name is None else (
            f"has hook_event_name={name!r}, which is no event name")
        raise InvalidInputError(
            f"hook event {said}; send the event JSON exactly as Claude Code writes it on the "
            "hook's stdin"
        )
    if name == "PreToolUse":
        decision = gate.decide(ToolCall.from_hook_event(event))
        return {
            "hookSpecificOutput": {
                "hookEventName": "PreToolUse",
                "permissionDecision": decision.decision,
                "permissionDecisionReason": decision_reason(decision),
            }
        }
    if name not in HOOK_EVENTS:
        log.info("ignoring hook event %r: the gate only learns from tool events", name)
        return {}
    tool_use_id = _tool_use_id(gate, event)
    row = None if tool_use_id is None else gate.lookup(tool_use_id)
    if tool_use_id is None or row is None:
        log.info("%s for %r: the gate never decided this call; skipped", name, tool_use_id)
        return {}
    if not _same_call(gate, event, row):
        log.warning("%s for %r is about another call than the one decided under that id; "
                    "skipped", name, tool_use_id)
        return {}
    if name == "PermissionRequest":
        gate.mark_asked(tool_use_id)
    elif name == "PostToolUse":
        if row.decision == "deny":
            log.warning("PostToolUse for %r, a call the gate denied; not an approval",
                        tool_use_id)
        elif not gate.has_feedback(tool_use_id):
            gate.feedback(tool_use_id, True, source="post_tool_use", status="ran")
    elif row.decision == "deny":
        log.info("PermissionDenied for %r follows the gate's own deny; no answer", tool_use_id)
    elif not gate.has_feedback(tool_use_id):
        gate.feedback(tool_use_id, False, source="permission_denied", status="denied")
    return {}
