"""The gate's durable log: every decision and every answer, committed before returning.

Tables (SQLite, namespace ``gate``):

* ``decisions`` - one row per tool call the gate decided: the call as JSON, the model's
  p, the decision, its source and reason, the mode, and whether the user was asked
  (``asked``: set when Claude Code reports a permission prompt). With secrets redacted
  (``GateConfig.redact_secrets``) the JSON is the redacted call and ``call_digest`` a
  keyed digest of the call as sent (``gate.redact.CallDigest``), to recognise it again.
* ``feedback`` - one row per answer about a call (a call may get several, e.g. an implicit
  approval after it ran and a later "false positive" correction); the latest counts in
  statistics, every row is a training signal. It holds the gateway's record fields.

>>> import tempfile, pathlib
>>> from neuroplast.store import Database
>>> log = GateLog(Database(pathlib.Path(tempfile.mkdtemp()) / "gate.db"))
>>> log.add_decision(DecisionRow("t1", "s", "Bash", '{"tool_name": "Bash"}', 0.5, "ask",
...                              "untrained", "too few labels", "auto", 1.0))
1
>>> log.decision("t1").decision
'ask'
>>> log.close()
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from neuroplast.errors import ConflictError
from neuroplast.store import Database

__all__ = ["SCHEMA", "DecisionRow", "FeedbackRow", "GateLog"]

SCHEMA = [
    """CREATE TABLE decisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        tool_use_id TEXT NOT NULL UNIQUE,
        session_id TEXT NOT NULL,
        tool_name TEXT NOT NULL,
        call_json TEXT NOT NULL,
        p REAL,
        decision TEXT NOT NULL,
        source TEXT NOT NULL,
        reason TEXT NOT NULL,
        mode TEXT NOT NULL,
        ts REAL NOT NULL,
        asked INTEGER NOT NULL DEFAULT 0,
        model_version INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX decisions_session ON decisions (session_id, id)",
    """CREATE TABLE feedback (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        tool_use_id TEXT NOT NULL REFERENCES decisions (tool_use_id),
        approved INTEGER NOT NULL,
        false_positive INTEGER NOT NULL,
        user_override INTEGER NOT NULL,
        weight REAL NOT NULL,
        locked INTEGER NOT NULL,
        status TEXT NOT NULL,
        source TEXT NOT NULL,
        signature TEXT NOT NULL,
        record_json TEXT NOT NULL,
        ts REAL NOT NULL
    )""",
    "CREATE INDEX feedback_call ON feedback (tool_use_id, id)",
    "CREATE INDEX feedback_fp ON feedback (signature, false_positive)",
    # the trace of the decision rules evaluated: [[rule, decision, reason], ...]
    "ALTER TABLE decisions ADD COLUMN trace_json TEXT NOT NULL DEFAULT '[]'",
    # HMAC of the call's tool and input as sent, when the JSON holds it redacted; '' if not
    "ALTER TABLE decisions ADD COLUMN call_digest TEXT NOT NULL DEFAULT ''",
]


@dataclass(frozen=True)
class DecisionRow:
    """One logged decision."""

    tool_use_id: str
    session_id: str
    tool_name: str
    call_json: str
    p: float | None
    decision: str
    source: str
    reason: str
    mode: str
    ts: float
    model_version: int = 0
    asked: bool = False
    id: int = 0
    trace_json: str = "[]"
    call_digest: str = ""


@dataclass(frozen=True)
class FeedbackRow:
    """One logged answer."""

    id: int
    tool_use_id: str
    approved: bool
    false_positive: bool
    user_override: bool
    weight: float
    locked: bool
    source: str
    record: dict[str, Any]
    ts: float


_DECISION_COLS = (
    "tool_use_id, session_id, tool_name, call_json, p, decision, source, reason, mode, ts, "
    "model_version, asked, id, trace_json, call_digest"
)
_FEEDBACK_COLS = (
    "id, tool_use_id, approved, false_positive, user_override, weight, locked, source, "
    "record_json, ts"
)


def _feedback(row: tuple[Any, ...]) -> FeedbackRow:
    return FeedbackRow(row[0], row[1], bool(row[2]), bool(row[3]), bool(row[4]), row[5],
                       bool(row[6]), row[7], json.loads(row[8]), row[9])


class GateLog:
    """Reads and writes the gate's tables; each write is one committed transaction."""

    def __init__(self, db: Database) -> None:
        self.db = db
        db.migrate("gate", SCHEMA)

    # -- decisions ------------------------------------------------------------------------
    def add_decision(self, row: DecisionRow) -> int:
        """Insert a decision; returns its row id. A tool_use_id is written once: a second
        row under it raises :class:`ConflictError` and leaves the logged one as it was."""
        with self.db.transaction() as cur:
            cur.execute(
                "INSERT INTO decisions (tool_use_id, session_id, tool_name, call_json, p, "
                "decision, source, reason, mode, ts, model_version, trace_json, call_digest) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (tool_use_id) DO NOTHING",
                (row.tool_use_id, row.session_id, row.tool_name, row.call_json, row.p,
                 row.decision, row.source, row.reason, row.mode, row.ts, row.model_version,
                 row.trace_json, row.call_digest),
            )
            if cur.rowcount == 0:
                raise ConflictError(
                    f"tool_use_id {row.tool_use_id!r} is already logged; a decision is "
                    "written once and never replaced"
                )
            return int(cur.lastrowid or 0)

    def decision(self, tool_use_id: str) -> DecisionRow | None:
        rows = self.db.query(
            f"SELECT {_DECISION_COLS} FROM decisions WHERE tool_use_id = ?", (tool_use_id,)
        )
        if not rows:
            return None
        r = rows[0]
        return DecisionRow(*r[:11], asked=bool(r[11]), id=r[12], trace_json=r[13],
                           call_digest=r[14])

    def mark_asked(self, tool_use_id: str) -> bool:
        """Record that the user was shown a permission prompt; False if the id is unknown."""
        with self.db.transaction() as cur:
            cur.execute("UPDATE decisions SET asked = 1 WHERE tool_use_id = ?", (tool_use_id,))
            return cur.rowcount > 0

    def recent_calls(self, limit: int = 2000) -> list[tuple[str, str, float, str]]:
        """``(session_id, tool_name, ts, tool_use_id)`` of the last ``limit`` decisions,
        oldest first."""
        rows = self.db.query(
            "SELECT session_id, tool_name, ts, tool_use_id FROM decisions ORDER BY id DESC "
            "LIMIT ?", (limit,)
        )
        return [(r[0], r[1], r[2], r[3]) for r in reversed(rows)]

    def find_latest(
        self, session_id: str, tool_name: str, tool_input: dict[str, Any], digest: str = ""
    ) -> str | None:
        """tool_use_id of the session's latest decision on this exact call, or None.

        ``digest``: the call's digest, which a row logged with one is compared by (its
        JSON may be redacted); other rows are compared by their JSON.
        """
        rows = self.db.query(
            "SELECT tool_use_id, call_json, call_digest FROM decisions WHERE session_id = ? "
            "AND tool_name = ? ORDER BY id DESC LIMIT 50",
            (session_id, tool_name),
        )
        for tool_use_id, call_json, row_digest in rows:
            if row_digest:
                if row_digest == digest:
                    return str(tool_use_id)
            elif json.loads(call_json).get("tool_input") == tool_input:
                return str(tool_use_id)
        return None

    # -- feedback -------------------------------------------------------------------------
    def add_feedback(self, tool_use_id: str, record: dict[str, Any], ts: float) -> int:
        """Insert one answer (``record`` from :class:`~neuroplast.gate.teacher.Teacher`)."""
        with self.db.transaction() as cur:
            cur.execute(
                "INSERT INTO feedback (tool_use_id, approved, false_positive, user_override, "
                "weight, locked, status, source, signature, record_json, ts) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (tool_use_id, int(record["allowed"]), int(record["false_positive"]),
                 int(record["user_override"]), record["weight"], int(record["locked"]),
                 record["status"], record["source"], record["signature"],
                 json.dumps(record, sort_keys=True), ts),
            )
            return int(cur.lastrowid or 0)

    def has_feedback(self, tool_use_id: str) -> bool:
        return bool(self.db.query(
            "SELECT 1 FROM feedback WHERE tool_use_id = ? LIMIT 1", (tool_use_id,)
        ))

    def had_false_positive(self, signature: str) -> bool:
        """Whether any earlier answer marked a call of this signature a false positive."""
        return bool(self.db.query(
            "SELECT 1 FROM feedback WHERE signature = ? AND false_positive = 1 LIMIT 1",
            (signature,),
        ))

    def feedback_after(self, row_id: int) -> list[tuple[FeedbackRow, str]]:
        """The user's answers with id > ``row_id``, oldest first, each with its call's JSON;
        not peers' (``gate.peer_log``; ``PeerLog.answers_after`` gives both)."""
        cols = ", ".join(f"f.{c.strip()}" for c in _FEEDBACK_COLS.split(","))
        rows = self.db.query(
            f"SELECT {cols}, d.call_json FROM feedback f JOIN decisions d "
            "ON d.tool_use_id = f.tool_use_id WHERE f.id > ? "
            "AND d.mode NOT IN ('peer', 'peer-private') "
            "ORDER BY f.id",
            (row_id,),
        )
        return [(_feedback(r[:10]), r[10]) for r in rows]

    def labelled(self, limit: int) -> list[tuple[str, bool, str]]:
        """``(tool_use_id, approved, call_json)`` of the last ``limit`` labelled calls.

        Oldest first.

        The latest answer about each call counts; peers' answers (``gate.peer_log``) do not.
        """
        rows = self.db.query(
            "SELECT d.tool_use_id, f.approved, d.call_json FROM decisions d JOIN feedback f "
            "ON f.id = (SELECT MAX(id) FROM feedback WHERE tool_use_id = d.tool_use_id) "
            "WHERE d.mode NOT IN ('peer', 'peer-private') ORDER BY f.id DESC LIMIT ?",
            (limit,),
        )
        return [(r[0], bool(r[1]), r[2]) for r in reversed(rows)]

    def counts(self) -> tuple[int, int]:
        """``(decisions, feedback rows)``."""
        row = self.db.query(
            "SELECT (SELECT COUNT(*) FROM decisions), (SELECT COUNT(*) FROM feedback)"
        )[0]
        return int(row[0]), int(row[1])

    def close(self) -> None:
        self.db.close()
