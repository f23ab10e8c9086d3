"""``DurableEngine``: an :class:`Engine` whose every trajectory is in SQLite before it counts.

``record`` commits the trajectory (embedding, route, quality, latency, context ids, the
query text if any) to ``<dir>/trajectories.db`` and only then lets the engine learn from
it and returns, so a caller told "stored" can kill the process (``kill -9``) and lose
nothing. Every ``checkpoint_every`` trajectories, and on ``close``, the engine is saved to
a fresh ``<dir>/engine-<position>/`` with the log position it includes, and ``<dir>/current``
(written atomically) is pointed at it only once it is complete, so a crash mid-save leaves
the previous checkpoint in force; opening the directory again loads
that checkpoint and replays the trajectories logged after it, in order, through the same
learning path — the restart resumes where the log ends, not where the last checkpoint was.

>>> import tempfile, numpy as np
>>> from neuroplast.sona.config import SonaConfig
>>> cfg = SonaConfig(embedding_dim=3, hidden_dim=8, background_interval_s=0)
>>> d = tempfile.mkdtemp()
>>> eng = DurableEngine(d, cfg)
>>> eng.record([1.0, 0.0, 0.0], route="a", quality=0.9)["id"]
1
>>> eng.engine.stats()["recorded"]
1
>>> again = DurableEngine(d, cfg)             # no close, no checkpoint: replayed from SQLite
>>> again.engine.stats()["recorded"], again.logged
(1, 1)
>>> again.close(); eng.close()
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np

from neuroplast.errors import InvalidInputError, StateMismatchError
from neuroplast.sona.config import SonaConfig
from neuroplast.sona.engine import Engine
from neuroplast.sona.types import TrajectoryBuilder, check_quality
from neuroplast.store import Database, atomic_write_text

__all__ = ["DurableEngine"]

_MIGRATIONS = [
    "CREATE TABLE sona_trajectories (seq INTEGER PRIMARY KEY, created_at REAL NOT NULL, "
    "embedding BLOB NOT NULL, route TEXT NOT NULL, quality REAL NOT NULL, "
    "latency_us INTEGER NOT NULL, context_ids TEXT NOT NULL, text TEXT, "
    "steps TEXT NOT NULL)",
    # queries routed but not yet reported on (the proxy's), and the count of those dropped
    "CREATE TABLE sona_pending (seq INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL "
    "UNIQUE, created_at REAL NOT NULL, embedding BLOB NOT NULL, route TEXT NOT NULL, "
    "latency_us INTEGER NOT NULL)",
    "CREATE TABLE sona_counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
]
_CHECKPOINT = "checkpoint.json"
_CURRENT = "current"


class DurableEngine:
    """A SONA engine over a directory: SQLite log first, checkpoints beside it."""

    def __init__(self, directory: str | Path, config: SonaConfig | None = None,
                 embedder: Any = None, checkpoint_every: int = 500) -> None:
        if isinstance(checkpoint_every, bool) or not isinstance(checkpoint_every, int) \
                or checkpoint_every < 1:
            raise InvalidInputError(f"checkpoint_every={checkpoint_every!r}; use 1 or more")
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.checkpoint_every = checkpoint_every
        self.db = Database(self.directory / "trajectories.db")
        self.db.migrate("sona", _MIGRATIONS)
        self._lock = threading.Lock()  # one record or checkpoint at a time: log order = learn order
        pointer = self.directory / _CURRENT
        done = 0
        if pointer.is_file():
            saved = self.directory / pointer.read_text(encoding="utf-8").strip()
            self.engine = Engine.load(saved, embedder)
            done = int(json.loads((saved / _CHECKPOINT).read_text(encoding="utf-8"))["seq"])
            if config is not None and config.embedding_dim != self.engine.config.embedding_dim:
                raise StateMismatchError(
                    f"{saved} holds an engine of embedding_dim="
                    f"{self.engine.config.embedding_dim}, the config asks for "
                    f"{config.embedding_dim}; use another directory or the same dimension")
        else:
            self.engine = Engine(config, embedder)
        self.checkpointed = done
        self.logged = done
        self.replayed = 0
        for row in self.db.query(
                "SELECT seq, embedding, route, quality, context_ids, steps FROM "
                "sona_trajectories WHERE seq > ? ORDER BY seq", (done,)):
            self._learn(np.frombuffer(row[1], dtype=np.float32).copy(), row[2], row[3],
                        json.loads(row[4]), json.loads(row[5]))
            self.logged = int(row[0])
            self.replayed += 1

    def record(self, query: Any, route: str, quality: float,
               steps: list[dict[str, Any]] | None = None, context_ids: list[str] | None = None,
               latency_us: int = 0) -> dict[str, Any]:
        """Log one finished trajectory, then learn from it; ``{"id", "replayed": False}``.

        ``query`` is an embedding or text; ``steps`` are ``{"activations", "attention",
        "reward"}`` dicts. Everything is checked before anything is written."""
        eng = self.engine
        text = query if isinstance(query, str) else None
        vec = eng.vector(query)
        steps = list(steps or [])
        context_ids = [str(c) for c in context_ids or []]
        builder = self._builder(vec, route, steps, context_ids)  # validates all of it
        quality = check_quality(quality)
        if isinstance(latency_us, bool) or not isinstance(latency_us, int) or latency_us < 0:
            raise InvalidInputError(f"latency_us={latency_us!r}; use a whole number >= 0")
        with self._lock:
            eng.check_route(route)  # a new route past max_routes fails before the log
            with self.db.transaction() as cur:
                seq = _insert(cur, vec, route, quality, latency_us, context_ids, text, steps)
            return self._learnt(seq, builder, quality)

    def _learnt(self, seq: int, builder: TrajectoryBuilder, quality: float) -> dict[str, Any]:
        """Learn from the trajectory just logged at ``seq`` (under ``_lock``)."""
        traj = self.engine.end_trajectory(builder, quality)
        self.logged = seq
        if seq - self.checkpointed >= self.checkpoint_every:
            self._checkpoint()
        return {"id": seq, "trajectory": traj.id}

    # -- queries waiting for their outcome (the proxy's) ---------------------------------
    def hold(self, query: Any, route: str, latency_us: int = 0, limit: int = 10_000) -> str:
        """Keep a routed query until its outcome is reported; its key (``sona-<time>-<n>``).

        Committed before it returns, so a key a caller was given survives ``kill -9``. Past
        ``limit`` held queries the oldest are dropped (a query whose outcome never comes
        teaches nothing), counted in ``pending_dropped``."""
        vec = self.engine.vector(query)
        self.engine.check_route(route)
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise InvalidInputError(f"limit={limit!r}; use a whole number >= 1")
        if isinstance(latency_us, bool) or not isinstance(latency_us, int) or latency_us < 0:
            raise InvalidInputError(f"latency_us={latency_us!r}; use a whole number >= 0")
        now = time.time()
        with self.db.transaction() as cur:
            cur.execute("INSERT INTO sona_pending (key, created_at, embedding, route, "
                        "latency_us) VALUES ('', ?, ?, ?, ?)",
                        (now, vec.astype(np.float32).tobytes(), route, latency_us))
            seq = int(cur.lastrowid or 0)
            key = f"sona-{int(now)}-{seq}"  # seq is never reused (AUTOINCREMENT)
            cur.execute("UPDATE sona_pending SET key = ? WHERE seq = ?", (key, seq))
            # the (limit+1)-th newest still held, if any: it and all older ones go
            edge = cur.execute("SELECT seq FROM sona_pending ORDER BY seq DESC LIMIT 1 "
                               "OFFSET ?", (limit,)).fetchone()
            over = 0 if edge is None else cur.execute(
                "DELETE FROM sona_pending WHERE seq <= ?", (edge[0],)).rowcount
            if over > 0:
                cur.execute("INSERT INTO sona_counters (name, value) VALUES "
                            "('pending_dropped', ?) ON CONFLICT(name) DO UPDATE SET "
                            "value = value + excluded.value", (over,))
        return key

    def record_held(self, key: str, quality: float) -> dict[str, Any]:
        """The outcome of held query ``key``: it leaves the held queries and enters the log
        in one transaction (a crash keeps it either held or logged, never neither nor
        both), then is learnt from; ``{"id", "trajectory", "route"}``."""
        quality = check_quality(quality)  # before anything: a bad one keeps it held
        with self._lock:
            with self.db.transaction() as cur:
                row = cur.execute("SELECT embedding, route, latency_us FROM sona_pending "
                                  "WHERE key = ?", (key,)).fetchone()
                if row is None:
                    raise InvalidInputError(
                        f"no pending request {key!r}: it was already reported, never "
                        "proxied, or dropped as one of the oldest")
                vec = np.frombuffer(row[0], dtype=np.float32).copy()
                builder = self._builder(vec, row[1], [], [])
                cur.execute("DELETE FROM sona_pending WHERE key = ?", (key,))
                seq = _insert(cur, vec, row[1], quality, int(row[2]), [], None, [])
            return {**self._learnt(seq, builder, quality), "route": row[1]}

    def pending(self) -> dict[str, int]:
        """``{"pending": held now, "pending_dropped": dropped as the oldest, ever}``."""
        held = self.db.query("SELECT COUNT(*) FROM sona_pending")[0][0]
        dropped = self.db.query("SELECT value FROM sona_counters WHERE name = "
                                "'pending_dropped'")
        return {"pending": int(held), "pending_dropped": int(dropped[0][0]) if dropped else 0}

    def _builder(self, vec: np.ndarray, route: str, steps: list[dict[str, Any]],
                 context_ids: list[str]) -> TrajectoryBuilder:
        b = self.engine.begin_trajectory(vec).set_route(route)
        for i, step in enumerate(steps):
            if not isinstance(step, dict) or not set(step) <= {"activations", "attention",
                                                              "reward", "layer"}:
                raise InvalidInputError(
                    f"steps[{i}] must be an object of activations, attention, reward "
                    "(and optionally layer)")
            b.add_step(step.get("activations", []), step.get("attention", []),
                       step.get("reward", 0.0), step.get("layer"))
        for c in context_ids:
            b.add_context(c)
        return b

    def _learn(self, vec: np.ndarray, route: str, quality: float, context_ids: list[str],
               steps: list[dict[str, Any]]) -> None:
        self.engine.end_trajectory(self._builder(vec, route, steps, context_ids), quality)

    def checkpoint(self) -> None:
        """Save the engine with the log position it includes (atomic files)."""
        with self._lock:
            self._checkpoint()

    def _checkpoint(self) -> None:
        name = f"engine-{self.logged}"
        saved = self.directory / name
        self.engine.save(saved)
        atomic_write_text(saved / _CHECKPOINT, json.dumps({"seq": self.logged}))
        pointer = self.directory / _CURRENT
        old = pointer.read_text(encoding="utf-8").strip() if pointer.is_file() else ""
        atomic_write_text(pointer, name)  # the switch: before it, the old one is in force
        if old and old != name:
            shutil.rmtree(self.directory / old, ignore_errors=True)
        self.checkpointed = self.logged

    def stats(self) -> dict[str, Any]:
        return {**self.engine.stats(), "logged": self.logged,
                "checkpointed": self.checkpointed, "replayed_on_start": self.replayed}

    def close(self) -> None:
        """Checkpoint, stop the background loop, close the log."""
        try:
            with self._lock:
                if self.logged != self.checkpointed:
                    self._checkpoint()
        finally:
            self.engine.close()
            self.db.close()


def _insert(cur: Any, vec: np.ndarray, route: str, quality: float, latency_us: int,
            context_ids: list[str], text: str | None, steps: list[dict[str, Any]]) -> int:
    """Append one trajectory to the log inside the caller's transaction; its seq."""
    cur.execute(
        "INSERT INTO sona_trajectories (created_at, embedding, route, quality, latency_us, "
        "context_ids, text, steps) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (time.time(), vec.astype(np.float32).tobytes(), route, quality, latency_us,
         json.dumps(context_ids), text, json.dumps(steps)))
    return int(cur.lastrowid or 0)
