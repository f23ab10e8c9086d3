"""What peers taught the gate, in its log: one row per signal applied, by origin and sequence.

A peer's signal is logged as the gate logs its user's answers (a ``decisions`` row with
``mode`` ``'peer'``, or ``'peer-private'`` when the peer sent no call text, and a
``feedback`` row whose ``source`` is ``peer:<name>``), so it is re-learned after a restart
like any answer, and as a ``peer_signals`` row keyed by ``(origin, seq)``: all three in one
transaction, so a signal is applied once or not at all (kill -9 included).

Statistics and the user's label counts leave these rows out (``mode LIKE 'peer%'``);
``neuroplast gate stats`` shows them by origin.

>>> import tempfile, pathlib
>>> from neuroplast.store import Database
>>> from neuroplast.gate.log import GateLog
>>> db = Database(pathlib.Path(tempfile.mkdtemp()) / "gate.db")
>>> _ = GateLog(db); plog = PeerLog(db)
>>> plog.last_seq("alice"), plog.applied("alice", 1)
(0, None)
"""

from __future__ import annotations

import json
from typing import Any

from neuroplast.gate.log import DecisionRow, FeedbackRow
from neuroplast.store import Database

__all__ = ["PEER_MODES", "PEER_SCHEMA", "PeerLog"]

PEER_MODES = ("peer", "peer-private")
PEER_SCHEMA = [
    """CREATE TABLE peer_signals (
        origin TEXT NOT NULL,
        seq INTEGER NOT NULL,
        digest TEXT NOT NULL,
        tool_use_id TEXT NOT NULL,
        ts REAL NOT NULL,
        PRIMARY KEY (origin, seq)
    )""",
]
_FEEDBACK_COLS = ("f.id, f.tool_use_id, f.approved, f.false_positive, f.user_override, "
                  "f.weight, f.locked, f.source, f.record_json, f.ts")


def _feedback(r: tuple[Any, ...]) -> FeedbackRow:
    return FeedbackRow(r[0], r[1], bool(r[2]), bool(r[3]), bool(r[4]), r[5], bool(r[6]),
                       r[7], json.loads(r[8]), r[9])


class PeerLog:
    """Reads and writes the peer rows of the gate's log (same database as ``GateLog``)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        db.migrate("gate_peers", PEER_SCHEMA)

    def add(self, origin: str, seq: int, digest: str, decision: DecisionRow,
            record: dict[str, Any], ts: float) -> int:
        """Log one applied signal (its decision, answer and sequence row); the answer's id."""
        with self.db.transaction() as cur:
            cur.execute(
                "INSERT INTO decisions (tool_use_id, session_id, tool_name, call_json, p, "
                "decision, source, reason, mode, ts, model_version, trace_json) "
                "VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, 0, '[]')",
                (decision.tool_use_id, decision.session_id, decision.tool_name,
                 decision.call_json, decision.decision, decision.source, decision.reason,
                 decision.mode, decision.ts))
            cur.execute(
                "INSERT INTO feedback (tool_use_id, approved, false_positive, user_override, "
                "weight, locked, status, source, signature, record_json, ts) "
                "VALUES (?, ?, 0, 0, ?, 0, ?, ?, ?, ?, ?)",
                (decision.tool_use_id, int(record["allowed"]), record["weight"],
                 record["status"], record["source"], record["signature"],
                 json.dumps(record, sort_keys=True), ts))
            row_id = int(cur.lastrowid or 0)
            cur.execute("INSERT INTO peer_signals (origin, seq, digest, tool_use_id, ts) "
                        "VALUES (?, ?, ?, ?, ?)",
                        (origin, seq, digest, decision.tool_use_id, ts))
            return row_id

    def applied(self, origin: str, seq: int) -> str | None:
        """The digest of signal ``seq`` from ``origin`` if it was applied, else None."""
        rows = self.db.query("SELECT digest FROM peer_signals WHERE origin = ? AND seq = ?",
                             (origin, seq))
        return str(rows[0][0]) if rows else None

    def last_seq(self, origin: str) -> int:
        """The highest sequence number applied from ``origin`` (0: none)."""
        return int(self.db.query("SELECT COALESCE(MAX(seq), 0) FROM peer_signals "
                                 "WHERE origin = ?", (origin,))[0][0])

    def user_answers(self, signature: str, limit: int = 50) -> list[tuple[bool, str]]:
        """The user's latest answers about calls of ``signature`` (newest first): whether
        approved, and the call's JSON."""
        rows = self.db.query(
            "SELECT f.approved, d.call_json FROM feedback f JOIN decisions d ON "
            "d.tool_use_id = f.tool_use_id WHERE f.signature = ? AND d.mode NOT IN (?, ?) "
            "ORDER BY f.id DESC LIMIT ?", (signature, *PEER_MODES, limit))
        return [(bool(r[0]), str(r[1])) for r in rows]

    def own_answers_after(self, row_id: int, limit: int) -> list[tuple[FeedbackRow, str]]:
        """The user's own answers (no peer's) with id > ``row_id``, oldest first, each with
        its call's JSON: what this install shares."""
        rows = self.db.query(
            f"SELECT {_FEEDBACK_COLS}, d.call_json FROM feedback f JOIN decisions d "
            "ON d.tool_use_id = f.tool_use_id WHERE f.id > ? AND d.mode NOT IN (?, ?) "
            "ORDER BY f.id LIMIT ?", (row_id, *PEER_MODES, limit))
        return [(_feedback(r[:10]), r[10]) for r in rows]

    def training_rows_after(self, row_id: int) -> list[tuple[FeedbackRow, str]]:
        """Every answer with id > ``row_id`` (the user's and peers'), oldest first, with
        its call's JSON: what a restart re-learns."""
        rows = self.db.query(
            f"SELECT {_FEEDBACK_COLS}, d.call_json FROM feedback f JOIN decisions d "
            "ON d.tool_use_id = f.tool_use_id WHERE f.id > ? ORDER BY f.id", (row_id,))
        return [(_feedback(r[:10]), r[10]) for r in rows]

    def answers_after(self, row_id: int) -> list[tuple[FeedbackRow, str, bool]]:
        """Every answer with id > ``row_id`` (the user's and peers'), oldest first, with
        its call's JSON and whether a peer gave it: what rebuilds the support memory."""
        rows = self.db.query(
            f"SELECT {_FEEDBACK_COLS}, d.call_json, d.mode IN (?, ?) FROM feedback f "
            "JOIN decisions d ON d.tool_use_id = f.tool_use_id WHERE f.id > ? ORDER BY f.id",
            (*PEER_MODES, row_id))
        return [(_feedback(r[:10]), r[10], bool(r[11])) for r in rows]

    def by_origin(self) -> dict[str, dict[str, int]]:
        """Answers per origin (``user`` or ``peer:<name>``): count, approved, trained."""
        rows = self.db.query(
            "SELECT CASE WHEN d.mode IN (?, ?) THEN f.source ELSE 'user' END, COUNT(*), "
            "COALESCE(SUM(f.approved), 0), COALESCE(SUM(f.weight > 0), 0) FROM feedback f "
            "JOIN decisions d ON d.tool_use_id = f.tool_use_id GROUP BY 1", PEER_MODES)
        return {str(o): {"answers": int(n), "approved": int(a), "trained": int(t)}
                for o, n, a, t in rows}

    def forget(self, origin: str) -> int:
        """Delete every row ``origin`` (``peer:<name>``) taught; how many answers went."""
        with self.db.transaction() as cur:
            cur.execute("DELETE FROM feedback WHERE source = ? AND tool_use_id IN (SELECT "
                        "tool_use_id FROM decisions WHERE mode IN (?, ?))",
                        (origin, *PEER_MODES))
            gone = cur.rowcount
            cur.execute("DELETE FROM decisions WHERE source = ? AND mode IN (?, ?)",
                        (origin, *PEER_MODES))
            cur.execute("DELETE FROM peer_signals WHERE origin = ?", (origin,))
            return int(gone)
