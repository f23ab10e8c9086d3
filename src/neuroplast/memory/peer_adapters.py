"""Peers' LoRA adapters merged into a scoring model, each at a weight below the own one.

A LoRA adapter adds ``scaling · B·A`` to each weight it targets, so adapters add up: the
model scored with is ``W0 + ΔW_own + Σ weight_p · ΔW_p``, the install's own adapter at 1
and each peer's at its ``weight`` (< 1). :func:`merge_peer_adapters` builds it on a copy of
the model with the own adapter already merged; the model service rebuilds it from that
copy whenever the list changes, so a peer taken off the list leaves exactly the model
without it (nothing is subtracted). Each file's SHA-256 must be the one the peer signed
(recorded when it was taken) before it is loaded; an adapter that does not fit the model
(another base model) is skipped and said so.

>>> import copy, tempfile, torch
>>> from torch import nn
>>> from neuroplast.core.lora import LoRAConfig, inject_lora, save_peft_adapter
>>> _ = torch.manual_seed(0)
>>> own = nn.Sequential(nn.Linear(4, 4))
>>> peer = copy.deepcopy(own)                       # the same base model, adapted
>>> inject_lora(peer, LoRAConfig(rank=4, alpha=4.0, target_modules=["0"]))
['0']
>>> _ = peer[0].lora_B["default"].weight.data.fill_(0.5)
>>> folder = save_peft_adapter(peer, tempfile.mkdtemp())
>>> x = torch.ones(1, 4)
>>> full = peer(x) - own(x)                         # what the peer's adapter adds
>>> digest = sha256_file(folder / "adapter_model.safetensors")
>>> merged, used = merge_peer_adapters(own, [PeerAdapter("alice", folder, digest, 0.5)])
>>> used, torch.allclose(merged(x) - own(x), 0.5 * full, atol=1e-6)
(['alice'], True)
>>> merge_peer_adapters(own, [PeerAdapter("alice", folder, "0" * 64, 0.5)])[1]  # tampered
[]
"""

from __future__ import annotations

import copy
import hashlib
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from torch import nn

from neuroplast.errors import ConfigError, StateMismatchError, StoreError

__all__ = ["PeerAdapter", "merge_peer_adapters", "sha256_file"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeerAdapter:
    """A peer's PEFT LoRA directory, the SHA-256 its weights were signed with, and the
    weight it counts with (the own adapter counts 1)."""

    name: str
    path: str | os.PathLike[str]
    sha256: str
    weight: float


def sha256_file(path: str | os.PathLike[str]) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def merge_peer_adapters(model: nn.Module, adapters: Sequence[PeerAdapter]
                        ) -> tuple[nn.Module, list[str]]:
    """A copy of ``model`` with each adapter merged at its weight; the names merged."""
    from neuroplast.core.lora import load_peft_adapter, lora_layers, merge_lora

    if not adapters:
        return model, []
    merged = copy.deepcopy(model)
    used = []
    for i, adapter in enumerate(adapters):
        name = f"peer{i}"  # a module key: peer names may hold '.'
        try:
            if not 0.0 < adapter.weight < 1.0:
                raise ConfigError(f"weight {adapter.weight!r}: use a value in (0, 1)")
            weights = Path(adapter.path) / "adapter_model.safetensors"
            if sha256_file(weights) != adapter.sha256:
                raise StateMismatchError(f"{weights} is not the file {adapter.name} signed")
            load_peft_adapter(merged, adapter.path, adapter_name=name)
        except (OSError, KeyError, ValueError, ConfigError, StateMismatchError,
                StoreError) as exc:  # one peer's bad adapter leaves the others counting
            log.warning("%s's adapter is not merged: %s", adapter.name, exc)
            continue
        for _, layer in lora_layers(merged):
            if name in layer.adapter_names:
                layer.scaling[name] *= adapter.weight
        merge_lora(merged, name)
        used.append(adapter.name)
    return merged, used
