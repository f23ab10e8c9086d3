"""Where adapter weights are: this install's own (what it offers its peers) and those it
took from peers (``<data dir>/peers/adapters/<peer>/<kind>/v<n>``, PEFT directories).

This install's memory adapter is the one its model service published last
(``<data dir>/memory/adapters/current`` names ``v<n>``; ``memory.service``). A peer's is
written as a PEFT directory of its own (weights first, config last, each atomically and
0600), which PEFT, vLLM and ``memory.local.apply_adapter`` load; it is never merged into
this install's model by the exchange: which adapter a model serves stays the user's
choice.

>>> import tempfile, pathlib
>>> own_adapter(pathlib.Path(tempfile.mkdtemp()), "memory") is None
True
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from neuroplast.errors import StoreError
from neuroplast.store import atomic_write_bytes, atomic_write_text, private_dir

__all__ = ["CONFIG_NAME", "WEIGHTS_NAME", "own_adapter", "read_adapter", "received_dir",
           "remove_received", "write_received"]

CONFIG_NAME = "adapter_config.json"  # PEFT's names (core.lora.peft_format)
WEIGHTS_NAME = "adapter_model.safetensors"


def own_adapter(data_dir: Path, kind: str) -> tuple[int, Path] | None:
    """This install's latest adapter of ``kind``: its version and PEFT directory."""
    if kind != "memory":
        return None
    folder = Path(data_dir) / "memory" / "adapters"
    try:
        name = (folder / "current").read_text().strip()
    except FileNotFoundError:
        return None
    if not (name.startswith("v") and name[1:].isdigit() and (folder / name).is_dir()):
        raise StoreError(f"{folder / 'current'} names {name!r}, no adapter directory; the "
                         "memory service rewrites it when it publishes the next version")
    return int(name[1:]), folder / name


def read_adapter(directory: Path) -> tuple[dict[str, Any], bytes]:
    """The PEFT config and the safetensors bytes of the adapter in ``directory``."""
    try:
        config = json.loads((directory / CONFIG_NAME).read_text(encoding="utf-8"))
        weights = (directory / WEIGHTS_NAME).read_bytes()
    except (OSError, json.JSONDecodeError) as exc:
        raise StoreError(f"cannot read the adapter in {directory} ({exc})") from exc
    return config, weights


def received_dir(data_dir: Path) -> Path:
    return private_dir(Path(data_dir) / "peers" / "adapters")


def write_received(data_dir: Path, peer: str, kind: str, version: int,
                   config: dict[str, Any], weights: bytes) -> Path:
    """Write a peer's adapter as a PEFT directory; where it is."""
    folder = received_dir(data_dir)
    for part in (peer, kind, f"v{version}"):  # each level 0700, not only the last
        folder = private_dir(folder / part)
    atomic_write_bytes(folder / WEIGHTS_NAME, weights)
    atomic_write_text(folder / CONFIG_NAME, json.dumps(config, indent=2, sort_keys=True) + "\n")
    return folder


def remove_received(data_dir: Path, peer: str) -> None:
    """Delete every adapter taken from ``peer``."""
    shutil.rmtree(received_dir(data_dir) / peer, ignore_errors=True)
