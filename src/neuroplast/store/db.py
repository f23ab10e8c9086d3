"""The durable log: SQLite in WAL mode, one connection shared under a lock.

Every write goes through :meth:`Database.transaction`, which commits before it returns,
so a row the caller has been told about survives the process being killed.
``synchronous=FULL`` (the default) also survives power loss, at one fsync per commit.
The file is created 0600 before SQLite opens it, and SQLite gives its ``-wal`` and ``-shm``
files the database's mode, so none of them is readable by other users.

>>> import tempfile, pathlib
>>> db = Database(pathlib.Path(tempfile.mkdtemp()) / "log.db")
>>> db.migrate("demo", ["CREATE TABLE t (x INTEGER)"])
>>> with db.transaction() as cur:
...     _ = cur.execute("INSERT INTO t VALUES (1)")
>>> db.query("SELECT x FROM t")
[(1,)]
>>> db.close()
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from neuroplast.errors import ConfigError, StoreError
from neuroplast.store.private import private_file

__all__ = ["Database"]


class Database:
    """A thread-safe SQLite database with WAL journaling and named schema migrations."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        synchronous: Literal["FULL", "NORMAL"] = "FULL",
    ) -> None:
        if synchronous not in ("FULL", "NORMAL"):
            raise ConfigError(f"Database.synchronous={synchronous!r}; use 'FULL' or 'NORMAL'")
        self.path = Path(path)
        self._lock = threading.RLock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            for suffix in ("", "-wal", "-shm"):
                file = self.path.with_name(self.path.name + suffix)
                if not suffix or file.exists():
                    private_file(file)
            self._conn = sqlite3.connect(
                self.path, check_same_thread=False, isolation_level=None, timeout=30.0
            )
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute(f"PRAGMA synchronous={synchronous}")
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(namespace TEXT NOT NULL, step INTEGER NOT NULL, PRIMARY KEY (namespace, step))"
            )
        except sqlite3.Error as exc:
            damaged = "not a database" in str(exc) or "malformed" in str(exc)
            advice = ("move the file aside (it is damaged, or not a neuroplast database) and "
                      "run again" if damaged else
                      "check the path is writable and not on a network filesystem")
            raise StoreError(f"cannot open database {self.path}: {exc}; {advice}") from exc
        except OSError as exc:  # a folder on the path is a file, or is not writable
            raise StoreError(
                f"cannot open database {self.path}: {exc.strerror or exc}; check that every "
                "folder on the path is a folder you can write to"
            ) from exc

    def migrate(self, namespace: str, statements: Sequence[str]) -> None:
        """Apply each statement of ``namespace`` not applied before, in order.

        Append new statements to the end of the list; never edit applied ones.
        """
        with self.transaction() as cur:
            done = {
                row[0]
                for row in cur.execute(
                    "SELECT step FROM schema_migrations WHERE namespace = ?", (namespace,)
                )
            }
            for step, sql in enumerate(statements):
                if step not in done:
                    cur.execute(sql)
                    cur.execute(
                        "INSERT INTO schema_migrations (namespace, step) VALUES (?, ?)",
                        (namespace, step),
                    )

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Cursor]:
        """A cursor inside ``BEGIN IMMEDIATE … COMMIT``; rolled back if the block raises."""
        with self._lock:
            try:
                cur = self._conn.cursor()
            except sqlite3.ProgrammingError as exc:  # closed
                raise StoreError(f"database {self.path}: {exc}; open it again") from exc
            try:
                cur.execute("BEGIN IMMEDIATE")
                yield cur
                cur.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback(cur)
                raise StoreError(f"database {self.path}: {exc}") from exc
            except BaseException:
                self._rollback(cur)
                raise
            finally:
                cur.close()

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a read-only query and return all rows."""
        with self._lock:
            try:
                return list(self._conn.execute(sql, params).fetchall())
            except sqlite3.Error as exc:
                raise StoreError(f"database {self.path}: {exc}") from exc

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def _rollback(self, cur: sqlite3.Cursor) -> None:
        if self._conn.in_transaction:
            cur.execute("ROLLBACK")
