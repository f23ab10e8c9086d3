"""Where adapter weights are: this install's own (what it offers its peers), those it
took from peers (``<data dir>/peers/adapters/<peer>/<kind>/v<n>``), and which of those
count now (``applied.json``).

This install's memory adapter is the one its model service published last
(``<data dir>/memory/adapters/current`` names ``v<n>``; ``memory.service``). A peer's is
written as a PEFT directory of its own (weights first, config last, each atomically and
0600), which PEFT, vLLM and ``memory.local.apply_adapter`` load. A peer's SONA router is
kept the same way, as ``router.safetensors`` and ``router.json`` (``sona.peer_routers``).

``applied.json`` (written atomically by the running exchange) lists, per kind, the newest
adapter of each peer trusted with weights, with its SHA-256 and the weight it counts
with; :func:`applied` reads it for another process (``neuroplast memory serve``) and keeps
only entries whose peer is still trusted with weights and whose record still matches, so
``neuroplast peers remove`` takes a peer out even while the service is down.

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

__all__ = ["APPLIED", "CONFIG_NAME", "FILES", "WEIGHTS_NAME", "applied", "own_adapter",
           "read_adapter", "received_dir", "remove_received", "write_applied",
           "write_received"]

CONFIG_NAME = "adapter_config.json"  # PEFT's names (core.lora.peft_format)
WEIGHTS_NAME = "adapter_model.safetensors"
# each kind's (config, weights) file names
FILES = {"memory": (CONFIG_NAME, WEIGHTS_NAME), "sona": ("router.json", "router.safetensors")}
APPLIED = "applied.json"


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


def read_adapter(directory: Path, kind: str = "memory") -> tuple[dict[str, Any], bytes]:
    """The config and the safetensors bytes of the adapter of ``kind`` in ``directory``."""
    config_name, weights_name = FILES[kind]
    try:
        config = json.loads((directory / config_name).read_text(encoding="utf-8"))
        weights = (directory / weights_name).read_bytes()
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
    config_name, weights_name = FILES[kind]
    atomic_write_bytes(folder / weights_name, weights)
    atomic_write_text(folder / config_name, json.dumps(config, indent=2, sort_keys=True) + "\n")
    return folder


def write_applied(data_dir: Path, entries: list[dict[str, Any]]) -> None:
    """Record which peers' adapters count now: ``{peer, kind, version, sha256, path,
    weight}`` each (atomic, 0600)."""
    atomic_write_text(received_dir(data_dir) / APPLIED,
                      json.dumps({"adapters": entries}, indent=2, sort_keys=True) + "\n")


def applied(data_dir: Path, kind: str) -> list[dict[str, Any]]:
    """The peers' adapters of ``kind`` that count now (see the module doc): the entries
    of ``applied.json`` whose peer is still trusted with weights and whose adapter is the
    one recorded as taken. ``[]`` when there is none, or no record to check against."""
    from neuroplast.peers.trust import PeerList

    folder = Path(data_dir) / "peers"
    try:
        entries = json.loads((folder / "adapters" / APPLIED).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return []
    if not (folder / "peers.db").exists():
        return []
    peers = PeerList(folder / "peers.db")
    try:
        out = []
        for entry in entries.get("adapters", []) if isinstance(entries, dict) else []:
            if not isinstance(entry, dict) or entry.get("kind") != kind:
                continue
            peer = peers.get(str(entry.get("peer")))
            if peer is None or peer.trust != "weights" or peers.adapter_in(
                    peer.name, kind, int(entry.get("version", 0))) != entry.get("sha256"):
                continue
            out.append(entry)
        return out
    finally:
        peers.close()


def remove_received(data_dir: Path, peer: str) -> None:
    """Delete every adapter taken from ``peer``."""
    shutil.rmtree(received_dir(data_dir) / peer, ignore_errors=True)
