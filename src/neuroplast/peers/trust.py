"""The peers this install trusts (default deny), what it sent them, what it refused.

SQLite (``<data dir>/peers/peers.db``): ``peers`` (name, public key, URL, trust level),
``outbound`` (the last of this install's answers each peer acknowledged, and its failures
for backoff), ``refusals`` (per key and reason: what was refused and how often, unknown
keys included), ``adapters_in`` (the adapter weights taken from peers trusted with them,
``peers.weights``). The CLI edits the list while the service runs; both read it from disk.

>>> import tempfile, pathlib
>>> peers = PeerList(pathlib.Path(tempfile.mkdtemp()) / "peers.db")
>>> _ = peers.add("alice", "A" * 43, "http://127.0.0.1:8766")
>>> peers.get("alice").trust, peers.by_key("A" * 43).name, peers.by_key("B" * 43)
('signals', 'alice', None)
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from typing import Literal

from neuroplast.config import check_url
from neuroplast.errors import ConflictError, InvalidInputError
from neuroplast.peers.identity import bare_public_key
from neuroplast.store import Database

__all__ = ["TRUST_LEVELS", "Peer", "PeerList"]

TRUST_LEVELS = ("signals", "weights")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
SCHEMA = [
    """CREATE TABLE peers (
        name TEXT PRIMARY KEY, key TEXT NOT NULL UNIQUE, url TEXT NOT NULL,
        trust TEXT NOT NULL, added REAL NOT NULL)""",
    """CREATE TABLE outbound (
        name TEXT PRIMARY KEY, acked INTEGER NOT NULL DEFAULT 0,
        failures INTEGER NOT NULL DEFAULT 0, last_error TEXT NOT NULL DEFAULT '',
        last_ok REAL NOT NULL DEFAULT 0)""",
    """CREATE TABLE refusals (
        key TEXT NOT NULL, reason TEXT NOT NULL, count INTEGER NOT NULL,
        last REAL NOT NULL, PRIMARY KEY (key, reason))""",
    """CREATE TABLE adapters_in (
        name TEXT NOT NULL, kind TEXT NOT NULL, version INTEGER NOT NULL,
        sha256 TEXT NOT NULL, path TEXT NOT NULL, received REAL NOT NULL,
        PRIMARY KEY (name, kind, version))""",
]


@dataclass(frozen=True)
class Peer:
    """One trusted peer."""

    name: str
    key: str
    url: str
    trust: Literal["signals", "weights"] = "signals"

    @property
    def origin(self) -> str:
        """How the gate's log names what this peer taught."""
        return f"peer:{self.name}"


class PeerList:
    """The trust list and per-peer exchange state (see the module docstring)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.db = Database(path)
        self.db.migrate("peers", SCHEMA)

    def add(self, name: str, key: str, url: str, trust: str = "signals") -> Peer:
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise InvalidInputError(f"peer name {name!r}: use letters, digits, '.', '_', '-' "
                                    "(64 at most)")
        key = bare_public_key(key)
        url = check_url(url, "peer URL")
        if trust not in TRUST_LEVELS:
            raise InvalidInputError(f"--trust {trust!r}: use one of {', '.join(TRUST_LEVELS)}")
        with self.db.transaction() as cur:
            taken = cur.execute("SELECT name FROM peers WHERE key = ? AND name != ?",
                                (key, name)).fetchone()
            if taken:
                raise ConflictError(f"that key is already peer {taken[0]!r}; remove it first")
            other = cur.execute("SELECT key FROM peers WHERE name = ?", (name,)).fetchone()
            if other and other[0] != key:
                # its signals' sequence numbers are another install's: start it afresh
                raise ConflictError(f"peer {name!r} has another key; `neuroplast peers remove "
                                    f"{name} --forget` first, or pick another name")
            cur.execute("INSERT INTO peers (name, key, url, trust, added) VALUES (?, ?, ?, ?, ?)"
                        " ON CONFLICT (name) DO UPDATE SET key = excluded.key, "
                        "url = excluded.url, trust = excluded.trust",
                        (name, key, url, trust, time.time()))
            cur.execute("INSERT INTO outbound (name) VALUES (?) ON CONFLICT DO NOTHING", (name,))
        return Peer(name, key, url, trust)  # type: ignore[arg-type]

    def remove(self, name: str) -> bool:
        with self.db.transaction() as cur:
            cur.execute("DELETE FROM peers WHERE name = ?", (name,))
            gone = cur.rowcount > 0
            cur.execute("DELETE FROM outbound WHERE name = ?", (name,))
        return gone

    def all(self) -> list[Peer]:
        rows = self.db.query("SELECT name, key, url, trust FROM peers ORDER BY name")
        return [Peer(*r) for r in rows]

    def get(self, name: str) -> Peer | None:
        rows = self.db.query("SELECT name, key, url, trust FROM peers WHERE name = ?", (name,))
        return Peer(*rows[0]) if rows else None

    def by_key(self, key: str) -> Peer | None:
        rows = self.db.query("SELECT name, key, url, trust FROM peers WHERE key = ?", (key,))
        return Peer(*rows[0]) if rows else None

    # -- what was sent --------------------------------------------------------------------
    def acked(self, name: str) -> int:
        rows = self.db.query("SELECT acked FROM outbound WHERE name = ?", (name,))
        return int(rows[0][0]) if rows else 0

    def sent(self, name: str, acked: int) -> None:
        with self.db.transaction() as cur:
            cur.execute("UPDATE outbound SET acked = MAX(acked, ?), failures = 0, "
                        "last_error = '', last_ok = ? WHERE name = ?",
                        (acked, time.time(), name))

    def failed(self, name: str, error: str) -> int:
        """Record a failed exchange; the peer's consecutive failures so far."""
        with self.db.transaction() as cur:
            cur.execute("UPDATE outbound SET failures = failures + 1, last_error = ? "
                        "WHERE name = ?", (error[:300], name))
            row = cur.execute("SELECT failures FROM outbound WHERE name = ?", (name,)).fetchone()
        return int(row[0]) if row else 0

    def health(self) -> dict[str, dict[str, object]]:
        rows = self.db.query("SELECT name, acked, failures, last_error, last_ok FROM outbound")
        return {r[0]: {"acked": r[1], "failures": r[2], "last_error": r[3], "last_ok": r[4]}
                for r in rows}

    # -- adapters taken from peers (peers.weights) -------------------------------------------
    def adapter_in(self, name: str, kind: str, version: int) -> str | None:
        """The SHA-256 of adapter ``version`` of ``kind`` taken from ``name``, if taken."""
        rows = self.db.query("SELECT sha256 FROM adapters_in WHERE name = ? AND kind = ? AND "
                             "version = ?", (name, kind, version))
        return str(rows[0][0]) if rows else None

    def last_adapter(self, name: str, kind: str) -> int:
        rows = self.db.query("SELECT MAX(version) FROM adapters_in WHERE name = ? AND "
                             "kind = ?", (name, kind))
        return int(rows[0][0] or 0)

    def took_adapter(self, name: str, kind: str, version: int, sha256: str, path: str) -> None:
        with self.db.transaction() as cur:
            cur.execute("INSERT INTO adapters_in (name, kind, version, sha256, path, received) "
                        "VALUES (?, ?, ?, ?, ?, ?)", (name, kind, version, sha256, path,
                                                      time.time()))

    def adapters_in(self) -> list[dict[str, object]]:
        """Every adapter taken, newest first: peer, kind, version, path, when."""
        rows = self.db.query("SELECT name, kind, version, path, received FROM adapters_in "
                             "ORDER BY received DESC")
        return [{"peer": r[0], "kind": r[1], "version": r[2], "path": r[3], "received": r[4]}
                for r in rows]

    def latest_adapters(self) -> list[dict[str, object]]:
        """The newest adapter of each kind from each peer: peer, kind, version, sha256,
        path."""
        rows = self.db.query(
            "SELECT name, kind, version, sha256, path FROM adapters_in AS a WHERE version = "
            "(SELECT MAX(version) FROM adapters_in AS b WHERE b.name = a.name AND "
            "b.kind = a.kind) ORDER BY name, kind")
        return [{"peer": r[0], "kind": r[1], "version": r[2], "sha256": r[3], "path": r[4]}
                for r in rows]

    def forget_adapters(self, name: str) -> list[str]:
        """Drop the record of what ``name`` sent; the paths it was stored at."""
        with self.db.transaction() as cur:
            paths = [r[0] for r in cur.execute("SELECT path FROM adapters_in WHERE name = ?",
                                                (name,))]
            cur.execute("DELETE FROM adapters_in WHERE name = ?", (name,))
        return paths

    # -- what was refused -----------------------------------------------------------------
    def refused(self, key: str, reason: str) -> None:
        with self.db.transaction() as cur:
            cur.execute("INSERT INTO refusals (key, reason, count, last) VALUES (?, ?, 1, ?) "
                        "ON CONFLICT (key, reason) DO UPDATE SET count = count + 1, "
                        "last = excluded.last", (key[:64], reason, time.time()))

    def refusals(self) -> dict[str, int]:
        """Refusals by reason, every key together."""
        return {r[0]: int(r[1]) for r in self.db.query(
            "SELECT reason, SUM(count) FROM refusals GROUP BY reason ORDER BY reason")}

    def close(self) -> None:
        self.db.close()
