"""Durable training jobs: accepted requests are in SQLite before ``/train`` answers.

A job is ``queued`` → ``running`` → ``done`` (with the adapter version it published) or
``failed`` (with the error). Jobs run one at a time, oldest first, in a background thread;
one that arrives while another runs waits in the queue. A job found ``running`` when the
service starts was cut off by a restart and is queued again, so none is lost.

>>> import tempfile, pathlib
>>> jobs = JobLog(pathlib.Path(tempfile.mkdtemp()) / "jobs.db")
>>> job = jobs.submit([{"context_ids": [1, 2], "continuation_ids": [3]}])
>>> jobs.status(job)["status"], jobs.next_queued()[0] == job
('queued', True)
>>> jobs.counts()
{'running': 1}
>>> jobs.close()
"""

from __future__ import annotations

import json
import os
import time
import uuid
from typing import Any

from neuroplast.errors import InvalidInputError
from neuroplast.store import Database

__all__ = ["JobLog"]

_SCHEMA = [
    "CREATE TABLE train_jobs (job_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, "
    "status TEXT NOT NULL, samples TEXT NOT NULL, created_at REAL NOT NULL, "
    "started_at REAL, finished_at REAL, version INTEGER, error TEXT)",
    "CREATE INDEX train_jobs_queue ON train_jobs (status, seq)",
]


class JobLog:
    """The jobs table of the model service."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.db = Database(path)
        self.db.migrate("memory_jobs", _SCHEMA)

    def close(self) -> None:
        self.db.close()

    def submit(self, samples: list[dict[str, Any]]) -> str:
        """Store a queued job; returns its id (committed before this returns)."""
        job = uuid.uuid4().hex
        with self.db.transaction() as cur:
            (seq,) = cur.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM train_jobs").fetchone()
            cur.execute("INSERT INTO train_jobs (job_id, seq, status, samples, created_at) "
                        "VALUES (?, ?, 'queued', ?, ?)",
                        (job, seq, json.dumps(samples), time.time()))
        return job

    def requeue_interrupted(self) -> int:
        """Jobs left ``running`` by a previous process go back to the queue."""
        with self.db.transaction() as cur:
            cur.execute("UPDATE train_jobs SET status = 'queued', started_at = NULL "
                        "WHERE status = 'running'")
            return cur.rowcount

    def next_queued(self) -> tuple[str, list[dict[str, Any]]] | None:
        """The oldest queued job, marked running; None if the queue is empty."""
        with self.db.transaction() as cur:
            row = cur.execute("SELECT job_id, samples FROM train_jobs WHERE status = 'queued' "
                              "ORDER BY seq LIMIT 1").fetchone()
            if row is None:
                return None
            cur.execute("UPDATE train_jobs SET status = 'running', started_at = ? "
                        "WHERE job_id = ?", (time.time(), row[0]))
        return row[0], json.loads(row[1])

    def finish(self, job: str, version: int | None = None, error: str | None = None) -> None:
        status = "failed" if error is not None else "done"
        with self.db.transaction() as cur:
            cur.execute("UPDATE train_jobs SET status = ?, finished_at = ?, version = ?, "
                        "error = ? WHERE job_id = ?", (status, time.time(), version, error, job))

    def status(self, job: str) -> dict[str, Any]:
        rows = self.db.query("SELECT job_id, status, created_at, started_at, finished_at, "
                             "version, error, samples FROM train_jobs WHERE job_id = ?", (job,))
        if not rows:
            raise InvalidInputError(f"no training job {job!r}; use the job_id /train returned")
        r = rows[0]
        ahead = self.db.query(
            "SELECT COUNT(*) FROM train_jobs WHERE status IN ('queued', 'running') AND seq < "
            "(SELECT seq FROM train_jobs WHERE job_id = ?)", (job,))[0][0]
        return {"job_id": r[0], "status": r[1], "created_at": r[2], "started_at": r[3],
                "finished_at": r[4], "adapter_version": r[5], "error": r[6],
                "samples": len(json.loads(r[7])), "jobs_ahead": ahead if r[1] == "queued"
                else 0}

    def counts(self) -> dict[str, int]:
        """How many jobs are in each state (those with none are left out)."""
        rows = self.db.query("SELECT status, COUNT(*) FROM train_jobs GROUP BY status "
                             "ORDER BY status")
        return {str(status): int(n) for status, n in rows}
