"""The gate's recent decisions as a person reads them: the call in one line, what was
decided, by which rule and why, and the user's answer (the dashboard's table).

>>> import tempfile, pathlib
>>> from neuroplast.store import Database
>>> from neuroplast.gate.log import DecisionRow, GateLog
>>> db = Database(pathlib.Path(tempfile.mkdtemp()) / "gate.db")
>>> log = GateLog(db)
>>> _ = log.add_decision(DecisionRow("t1", "s", "Bash", '{"tool_name": "Bash", '
...     '"tool_input": {"command": "ls"}}', 0.9, "allow", "model_allow", "p 0.90", "auto", 1.0))
>>> [(d["call"], d["decision"], d["rule"], d["answer"]) for d in latest_decisions(db)]
[('ls', 'allow', 'model_allow', None)]
>>> decided_by(db)
[{'decision': 'allow', 'rule': 'model_allow', 'count': 1}]
"""

from __future__ import annotations

import json
from typing import Any

from neuroplast.gate.peer_log import PEER_MODES
from neuroplast.store import Database

__all__ = ["call_line", "decided_by", "latest_decisions"]

_LINE = 160  # characters of a call shown


def call_line(call: dict[str, Any]) -> str:
    """The call in one line: a Bash command, a file path, a URL, or the input's JSON.

    >>> call_line({"tool_name": "Write", "tool_input": {"file_path": "/a/b.py", "content": "x"}})
    '/a/b.py'
    """
    tool_input = call.get("tool_input") or {}
    if isinstance(tool_input, dict):
        for key in ("command", "file_path", "url", "path", "pattern", "query"):
            value = tool_input.get(key)
            if isinstance(value, str) and value:
                return value[:_LINE]
    return json.dumps(tool_input, sort_keys=True)[:_LINE]


def latest_decisions(db: Database, limit: int = 25) -> list[dict[str, Any]]:
    """The last ``limit`` decisions, newest first, each with its rule trace and the user's
    latest answer (``None``: not answered)."""
    rows = db.query(
        "SELECT d.tool_use_id, d.ts, d.tool_name, d.call_json, d.p, d.decision, d.source, "
        "d.reason, d.trace_json, f.approved, f.source FROM decisions d LEFT JOIN feedback f "
        "ON f.id = (SELECT MAX(id) FROM feedback WHERE tool_use_id = d.tool_use_id) "
        "WHERE d.mode NOT IN (?, ?) ORDER BY d.id DESC LIMIT ?", (*PEER_MODES, limit))
    return [{
        "tool_use_id": r[0], "ts": r[1], "tool": r[2], "call": call_line(json.loads(r[3])),
        "p": r[4], "decision": r[5], "rule": r[6], "reason": r[7],
        "rules_evaluated": [step[0] for step in json.loads(r[8])],
        "answer": None if r[9] is None else ("approved" if r[9] else "refused"),
        "answered_by": r[10],
    } for r in rows]


def decided_by(db: Database) -> list[dict[str, Any]]:
    """How many calls each rule decided, per decision: what the gate allows, asks and
    denies on its own, and why."""
    rows = db.query("SELECT decision, source, COUNT(*) FROM decisions WHERE mode NOT IN "
                    "(?, ?) GROUP BY decision, source ORDER BY COUNT(*) DESC", PEER_MODES)
    return [{"decision": r[0], "rule": r[1], "count": int(r[2])} for r in rows]
