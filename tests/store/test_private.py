"""Nothing in the data dir is readable by other users: folders 0700, files 0600.

Each test runs under the usual umask 022, which would give 0755 folders and 0644 files.
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import torch

from neuroplast.errors import StoreError
from neuroplast.store import (
    Database,
    atomic_write_text,
    data_dir,
    ensure_token,
    private_dir,
    read_token,
    save_tensors,
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def _umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_data_dir_is_created_private_and_an_open_one_is_closed(tmp_path: Path) -> None:
    assert mode(data_dir(tmp_path / "new")) == 0o700
    old = tmp_path / "old"
    old.mkdir(mode=0o755)  # left by an earlier version
    assert mode(data_dir(old)) == 0o700
    assert mode(private_dir(tmp_path / "a" / "b")) == 0o700


def test_database_and_its_wal_and_shm_are_0600(tmp_path: Path) -> None:
    db = Database(tmp_path / "gate.db")
    with db.transaction() as cur:
        cur.execute("CREATE TABLE t (x)")
        cur.execute("INSERT INTO t VALUES (1)")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["gate.db", "gate.db-shm", "gate.db-wal"]
    assert [mode(tmp_path / n) for n in names] == [0o600] * 3
    db.close()


def test_an_existing_database_is_made_private(tmp_path: Path) -> None:
    db = Database(tmp_path / "gate.db")
    db.close()
    for path in tmp_path.iterdir():
        os.chmod(path, 0o644)
    (tmp_path / "gate.db-wal").touch(mode=0o644)
    db = Database(tmp_path / "gate.db")
    assert {p.name: mode(p) for p in tmp_path.iterdir()} == {
        "gate.db": 0o600, "gate.db-wal": 0o600, "gate.db-shm": 0o600}
    db.close()


def test_atomic_writes_and_checkpoints_are_private(tmp_path: Path) -> None:
    atomic_write_text(tmp_path / "new" / "meta.json", "{}")
    save_tensors(tmp_path / "ckpt" / "w.safetensors", {"w": torch.ones(2)})
    for path in (tmp_path / "new", tmp_path / "ckpt"):
        assert mode(path) == 0o700
    for path in (tmp_path / "new" / "meta.json", tmp_path / "ckpt" / "w.safetensors"):
        assert mode(path) == 0o600


def test_the_token_is_created_once_private_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "gate" / "token"
    token = ensure_token(path)
    assert len(token) >= 43
    assert (mode(path), mode(path.parent)) == (0o600, 0o700)
    assert ensure_token(path) == token == read_token(path)
    os.chmod(path, 0o644)  # someone loosened it: made private again, same token
    assert ensure_token(path) == token
    assert mode(path) == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == ["token"]  # no temp left


def test_services_starting_together_agree_on_one_token(tmp_path: Path) -> None:
    path = tmp_path / "token"
    tokens: list[str] = []
    threads = [threading.Thread(target=lambda: tokens.append(ensure_token(path)))
               for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(tokens)) == 1
    assert tokens[0] == read_token(path)


def test_a_damaged_token_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "token"
    path.write_text("short")
    with pytest.raises(StoreError, match="gate token"):
        ensure_token(path)
    with pytest.raises(StoreError, match="neuroplast gate token"):
        read_token(tmp_path / "missing")
    path.write_text("")  # a crash before the first write completed: made anew
    assert len(ensure_token(path)) >= 43
