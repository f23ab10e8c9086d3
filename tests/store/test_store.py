"""The store keeps what it is given: atomic files, committed rows, safetensors round-trips."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from neuroplast.errors import InvalidInputError, StateMismatchError, StoreError
from neuroplast.store import Database, atomic_write_bytes, data_dir, load_tensors, save_tensors


def test_data_dir_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEUROPLAST_HOME", str(tmp_path / "env"))
    assert data_dir() == tmp_path / "env"
    assert data_dir(tmp_path / "flag") == tmp_path / "flag"
    monkeypatch.delenv("NEUROPLAST_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert data_dir() == tmp_path / "home" / ".neuroplast"


def test_data_dir_unwritable_says_what_to_do(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="--data-dir"):
        data_dir(blocker / "sub")


@pytest.mark.parametrize("given", ["", "."])
def test_data_dir_refuses_the_current_folder(given: str, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # typer reads --data-dir '' as Path('.'): it must not make the folder it runs in private
    monkeypatch.chdir(tmp_path)
    mode = tmp_path.stat().st_mode
    with pytest.raises(StoreError, match="current folder"):
        data_dir(Path(given))
    assert tmp_path.stat().st_mode == mode
    assert list(tmp_path.iterdir()) == []


def test_database_errors_say_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "peers").write_text("a file where a folder should be")
    with pytest.raises(StoreError, match="every folder on the path is a folder"):
        Database(tmp_path / "peers" / "peers.db")
    (tmp_path / "gate.db").write_text("not sqlite")
    with pytest.raises(StoreError, match="move the file aside"):
        Database(tmp_path / "gate.db")


def test_a_closed_database_says_so(tmp_path: Path) -> None:
    db = Database(tmp_path / "x.db")
    db.close()
    with pytest.raises(StoreError, match="closed"), db.transaction() as cur:
        cur.execute("SELECT 1")
    with pytest.raises(StoreError, match="closed"):
        db.query("SELECT 1")


def test_save_tensors_checks_its_input_and_round_trips_edge_cases(tmp_path: Path) -> None:
    save_tensors(tmp_path / "empty.st", {})  # safetensors' own empty header did not load
    assert load_tensors(tmp_path / "empty.st") == ({}, {})
    w = torch.arange(6.0).reshape(2, 3)
    save_tensors(tmp_path / "views.st", {"w": w, "row": w[1], "again": w})  # shared memory
    tensors, _ = load_tensors(tmp_path / "views.st")
    assert torch.equal(tensors["row"], w[1]) and torch.equal(tensors["again"], w)
    for bad in (({"a": [1, 2]}, None), ({1: torch.ones(1)}, None),
                ({"a": torch.ones(1)}, {"k": 1})):
        with pytest.raises(InvalidInputError):
            save_tensors(tmp_path / "bad.st", *bad)  # type: ignore[arg-type]
    assert not (tmp_path / "bad.st").exists()


def test_atomic_write_replaces_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "a.bin"
    atomic_write_bytes(target, b"one")
    atomic_write_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["a.bin"]


def test_atomic_write_killed_midway_keeps_old_file(tmp_path: Path) -> None:
    target = tmp_path / "a.bin"
    atomic_write_bytes(target, b"old")
    # A child process starts a large atomic write and is killed before it can finish.
    code = (
        "import os, sys, signal\n"
        "from neuroplast.store import atomic_write_bytes\n"
        "import neuroplast.store.atomic as m\n"
        "real = os.replace\n"
        "def die(*a): os.kill(os.getpid(), signal.SIGKILL)\n"
        "m.os.replace = die\n"
        f"atomic_write_bytes({str(target)!r}, b'new' * 1000000)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], check=False)
    assert proc.returncode == -9
    assert target.read_bytes() == b"old"


def test_tensors_round_trip_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "t.safetensors"
    tensors = {"w": torch.randn(3, 4), "b": torch.arange(5)}
    save_tensors(path, tensors, {"config": "{}"})
    loaded, meta = load_tensors(path)
    assert meta == {"config": "{}"}
    for name, value in tensors.items():
        assert torch.equal(loaded[name], value)


def test_load_tensors_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        load_tensors(tmp_path / "missing.safetensors")
    bad = tmp_path / "bad.safetensors"
    bad.write_bytes(b"\x00garbage")
    with pytest.raises(StateMismatchError, match="not a valid safetensors"):
        load_tensors(bad)


def test_database_commits_before_return_and_rolls_back(tmp_path: Path) -> None:
    db = Database(tmp_path / "x.db")
    db.migrate("t", ["CREATE TABLE rows (v INTEGER)"])
    db.migrate("t", ["CREATE TABLE rows (v INTEGER)"])  # applied steps are skipped
    with db.transaction() as cur:
        cur.execute("INSERT INTO rows VALUES (1)")
    # A second, independent connection sees the row at once: it was committed.
    other = sqlite3.connect(tmp_path / "x.db")
    assert other.execute("SELECT v FROM rows").fetchall() == [(1,)]
    with pytest.raises(RuntimeError), db.transaction() as cur:
        cur.execute("INSERT INTO rows VALUES (2)")
        raise RuntimeError("boom")
    assert db.query("SELECT v FROM rows") == [(1,)]
    assert db.query("PRAGMA journal_mode")[0][0] == "wal"
    other.close()
    db.close()


def test_database_bad_sql_is_store_error(tmp_path: Path) -> None:
    db = Database(tmp_path / "x.db")
    with pytest.raises(StoreError, match="no such table"):
        db.query("SELECT * FROM nope")
    db.close()


def test_no_pickle_in_source() -> None:
    src = Path(__file__).resolve().parents[2] / "src"
    offenders = []
    for path in src.rglob("*.py"):
        text = path.read_text()
        if "import pickle" in text or "torch.load(" in text or "joblib" in text:
            offenders.append(str(path))
    assert offenders == [], f"pickle-based loading found in {offenders}"


def test_data_dir_default_respects_env(tmp_path: Path) -> None:
    env = {**os.environ, "NEUROPLAST_HOME": str(tmp_path / "h")}
    out = subprocess.run(
        [sys.executable, "-c", "from neuroplast.store import data_dir; print(data_dir())"],
        env=env, capture_output=True, text=True, check=True,
    )
    assert out.stdout.strip() == str(tmp_path / "h")
