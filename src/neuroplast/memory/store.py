"""Durable state of the memory loop, in SQLite: per-memory weights, the trained-responses
ledger, and review decisions on candidates.

Every write commits before it returns (:class:`neuroplast.store.Database`).

>>> import tempfile, pathlib
>>> store = MemoryStore(pathlib.Path(tempfile.mkdtemp()) / "memory.db")
>>> store.fold_score("dog", 2.0, now=10.0), store.fold_score("dog", 0.0, now=20.0)
(2.0, 1.8)
>>> store.mark_trained([5.0], job_id="job-1", now=30.0)
>>> store.trained_timestamps()
{5.0}
>>> store.close()
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass

from neuroplast.errors import InvalidInputError
from neuroplast.store import Database

__all__ = ["ALPHA_DOWN", "ALPHA_UP", "MemoryStore", "MemoryWeight", "Review", "fold"]

ALPHA_UP = 0.5  # a memory that starts to matter is believed quickly
ALPHA_DOWN = 0.1  # one quiet window does not make it forgotten

_SCHEMA = [
    "CREATE TABLE memory_weights (key TEXT PRIMARY KEY, weight REAL NOT NULL, "
    "last_score REAL NOT NULL, scored_at REAL NOT NULL, scores INTEGER NOT NULL)",
    "CREATE TABLE trained_responses (response_ts REAL PRIMARY KEY, job_id TEXT NOT NULL, "
    "trained_at REAL NOT NULL)",
    "CREATE TABLE reviews (response_ts REAL PRIMARY KEY, status TEXT NOT NULL, "
    "divergence REAL NOT NULL, text TEXT NOT NULL, alternative TEXT, "
    "context_ids TEXT NOT NULL, continuation_ids TEXT NOT NULL, updated_at REAL NOT NULL)",
    # per candidate, the memories it depended on: [[key, text, divergence], ...]
    "ALTER TABLE reviews ADD COLUMN memories TEXT NOT NULL DEFAULT '[]'",
]
STATUSES = ("pending", "approved", "rejected")


def fold(old: float | None, score: float) -> float:
    """The asymmetric moving average: α = 0.5 when the score rises, 0.1 when it falls.

    >>> fold(None, 3.0), fold(1.0, 3.0), fold(3.0, 1.0)
    (3.0, 2.0, 2.8)
    """
    if old is None:
        return score
    alpha = ALPHA_UP if score > old else ALPHA_DOWN
    return old + alpha * (score - old)


@dataclass(frozen=True)
class MemoryWeight:
    key: str
    weight: float
    last_score: float
    scored_at: float
    scores: int


@dataclass(frozen=True)
class Review:
    """A fine-tuning candidate as stored for review."""

    response_ts: float
    status: str
    divergence: float
    text: str
    alternative: str | None
    context_ids: tuple[int, ...]
    continuation_ids: tuple[int, ...]
    # the memories the response depended on, most first: (key, text, divergence in nats)
    memories: tuple[tuple[str, str, float], ...] = ()


class MemoryStore:
    """The memory loop's SQLite file."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.db = Database(path)
        self.db.migrate("memory", _SCHEMA)

    def close(self) -> None:
        self.db.close()

    # ------------------------------------------------------------ weights
    def weight(self, key: str) -> MemoryWeight | None:
        rows = self.db.query("SELECT key, weight, last_score, scored_at, scores FROM "
                             "memory_weights WHERE key = ?", (key,))
        return MemoryWeight(*rows[0]) if rows else None

    def weights(self) -> dict[str, MemoryWeight]:
        rows = self.db.query("SELECT key, weight, last_score, scored_at, scores "
                             "FROM memory_weights")
        return {r[0]: MemoryWeight(*r) for r in rows}

    def fold_score(self, key: str, score: float, now: float | None = None) -> float:
        """Fold ``score`` into ``key``'s stored weight; returns the new weight."""
        now = time.time() if now is None else now
        with self.db.transaction() as cur:
            row = cur.execute("SELECT weight FROM memory_weights WHERE key = ?",
                              (key,)).fetchone()
            new = fold(None if row is None else row[0], float(score))
            cur.execute(
                "INSERT INTO memory_weights (key, weight, last_score, scored_at, scores) "
                "VALUES (?, ?, ?, ?, 1) ON CONFLICT(key) DO UPDATE SET weight = excluded.weight, "
                "last_score = excluded.last_score, scored_at = excluded.scored_at, "
                "scores = scores + 1", (key, new, float(score), now))
        return new

    # ------------------------------------------------------------ trained ledger
    def mark_trained(self, timestamps: Iterable[float], job_id: str,
                     now: float | None = None) -> None:
        """Record responses as trained (call once the server accepted them)."""
        now = time.time() if now is None else now
        with self.db.transaction() as cur:
            cur.executemany(
                "INSERT OR IGNORE INTO trained_responses (response_ts, job_id, trained_at) "
                "VALUES (?, ?, ?)", [(float(t), job_id, now) for t in timestamps])

    def trained_timestamps(self) -> set[float]:
        return {r[0] for r in self.db.query("SELECT response_ts FROM trained_responses")}

    # ------------------------------------------------------------ reviews
    def offer(self, candidates: Iterable[Review]) -> None:
        """Store candidates as pending; one already reviewed keeps its status."""
        now = time.time()
        with self.db.transaction() as cur:
            for c in candidates:
                cur.execute(
                    "INSERT INTO reviews (response_ts, status, divergence, text, alternative, "
                    "context_ids, continuation_ids, updated_at, memories) VALUES (?, 'pending', "
                    "?, ?, ?, ?, ?, ?, ?) ON CONFLICT(response_ts) DO UPDATE SET divergence = "
                    "excluded.divergence, alternative = COALESCE(excluded.alternative, "
                    "alternative), memories = excluded.memories, updated_at = excluded.updated_at",
                    (c.response_ts, c.divergence, c.text, c.alternative,
                     json.dumps(list(c.context_ids)), json.dumps(list(c.continuation_ids)), now,
                     json.dumps([list(m) for m in c.memories])))

    def set_status(self, response_ts: float, status: str) -> None:
        if status not in STATUSES:
            raise InvalidInputError(f"review status {status!r}; use one of {STATUSES}")
        with self.db.transaction() as cur:
            cur.execute("UPDATE reviews SET status = ?, updated_at = ? WHERE response_ts = ?",
                        (status, time.time(), float(response_ts)))
            if cur.rowcount == 0:
                raise InvalidInputError(f"no candidate with response timestamp {response_ts}; "
                                        "list them with `neuroplast memory candidates`")

    def reviews(self, status: str | None = None) -> list[Review]:
        sql = ("SELECT response_ts, status, divergence, text, alternative, context_ids, "
               "continuation_ids, memories FROM reviews")
        params: tuple[str, ...] = ()
        if status is not None:
            sql, params = sql + " WHERE status = ?", (status,)
        rows = self.db.query(sql + " ORDER BY response_ts", params)
        return [Review(r[0], r[1], r[2], r[3], r[4], tuple(json.loads(r[5])),
                       tuple(json.loads(r[6])),
                       tuple((k, t, float(d)) for k, t, d in json.loads(r[7])))
                for r in rows]
