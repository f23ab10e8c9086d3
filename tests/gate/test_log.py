"""The gate's SQLite log: schema, decisions written once, answers, restart queries."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from neuroplast.errors import ConflictError
from neuroplast.gate.log import DecisionRow, GateLog
from neuroplast.store import Database


@pytest.fixture
def log(tmp_path: Path):
    gate_log = GateLog(Database(tmp_path / "gate.db"))
    yield gate_log
    gate_log.close()


def row(tid: str, decision: str = "ask", session: str = "s", tool: str = "Bash", p=0.5,
        ts: float = 1.0) -> DecisionRow:
    return DecisionRow(tid, session, tool, f'{{"tool_name": "{tool}"}}', p, decision, "model",
                       "why", "auto", ts)


def record(approved: bool, signature: str = "Bash:ls", fp: bool = False, weight: float = 1.0):
    return {"allowed": approved, "false_positive": fp, "user_override": False, "weight": weight,
            "locked": weight >= 4, "status": "x", "source": "user", "signature": signature}


def test_decision_round_trip_written_once_and_asked(log: GateLog) -> None:
    assert log.add_decision(row("t1")) == 1
    logged = log.decision("t1")
    with pytest.raises(ConflictError, match="t1"):
        log.add_decision(row("t1", decision="allow", p=0.99, tool="Write", ts=9.0))
    assert log.decision("t1") == logged  # a repeated id never rewrites the logged call
    assert (logged.decision, logged.p, logged.asked) == ("ask", 0.5, False)
    assert log.counts() == (1, 0)
    assert log.mark_asked("t1") and log.decision("t1").asked
    assert not log.mark_asked("nope") and log.decision("nope") is None


def test_feedback_queries(log: GateLog) -> None:
    for tid in ("t1", "t2", "t3"):
        log.add_decision(row(tid))
    ids = [log.add_feedback("t1", record(True), 2.0),
           log.add_feedback("t2", record(False, "Bash:git push", fp=True, weight=4.0), 3.0),
           log.add_feedback("t1", record(False), 4.0)]
    assert ids == [1, 2, 3]
    assert log.has_feedback("t1") and not log.has_feedback("t3")
    assert log.had_false_positive("Bash:git push") and not log.had_false_positive("Bash:ls")
    later = log.feedback_after(1)
    assert [(fb.id, fb.tool_use_id, fb.approved, fb.locked) for fb, _ in later] == [
        (2, "t2", False, True), (3, "t1", False, False)]
    assert later[0][1] == '{"tool_name": "Bash"}'
    # latest answer per call, ordered by answer
    assert [(t, a) for t, a, _ in log.labelled(10)] == [("t2", False), ("t1", False)]
    assert log.counts() == (3, 3)


def test_feedback_needs_a_decision(log: GateLog) -> None:
    from neuroplast.errors import StoreError

    with pytest.raises(StoreError, match="FOREIGN KEY"):
        log.add_feedback("missing", record(True), 1.0)


def test_recent_calls_oldest_first_and_visible_to_other_connections(
    log: GateLog, tmp_path: Path
) -> None:
    log.add_decision(row("a", session="s1", tool="Read", ts=1.0))
    log.add_decision(row("b", session="s2", tool="Bash", ts=2.0))
    assert log.recent_calls() == [("s1", "Read", 1.0, "a"), ("s2", "Bash", 2.0, "b")]
    other = sqlite3.connect(tmp_path / "gate.db")
    try:
        assert other.execute("SELECT COUNT(*) FROM decisions").fetchone() == (2,)
    finally:
        other.close()


def test_migration_is_idempotent(tmp_path: Path) -> None:
    db = Database(tmp_path / "g.db")
    GateLog(db).add_decision(row("t1"))
    assert GateLog(db).decision("t1") is not None  # second open keeps the data
    db.close()
