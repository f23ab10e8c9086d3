"""A gate's data dir, after deciding, learning and checkpointing: only its owner can read it."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def test_everything_the_gate_writes_is_private(make_gate, kit, tmp_path: Path) -> None:
    old = os.umask(0o022)  # the usual umask: 0755 folders and 0644 files unless made private
    try:
        data = tmp_path / "data"
        gate = make_gate(data_dir=data)
        for i, command in enumerate(kit.SAFE[:4]):
            gate.decide(kit.bash(command, f"t{i}"))
            gate.feedback(f"t{i}", True)
        assert gate.checkpoint(timeout=60)
        written = sorted(data.rglob("*"))
    finally:
        os.umask(old)
    assert any(p.suffix == ".safetensors" for p in written)
    assert {"gate.db", "gate.db-wal", "gate.db-shm"} <= {p.name for p in written}
    modes = {str(p.relative_to(data)): stat.S_IMODE(p.stat().st_mode) for p in written}
    assert modes == {name: 0o700 if (data / name).is_dir() else 0o600 for name in modes}
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
