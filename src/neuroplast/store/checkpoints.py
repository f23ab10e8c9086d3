"""Tensors on disk as safetensors, written atomically. Never pickle.

>>> import tempfile, pathlib, torch
>>> p = pathlib.Path(tempfile.mkdtemp()) / "w.safetensors"
>>> save_tensors(p, {"w": torch.ones(2)}, {"kind": "demo"})
>>> tensors, meta = load_tensors(p)
>>> tensors["w"].tolist(), meta["kind"]
([1.0, 1.0], 'demo')
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from neuroplast.errors import StateMismatchError, StoreError
from neuroplast.store.atomic import atomic_write_bytes

if TYPE_CHECKING:
    import torch

__all__ = ["load_tensors", "save_tensors"]


def save_tensors(
    path: str | os.PathLike[str],
    tensors: dict[str, torch.Tensor],
    metadata: dict[str, str] | None = None,
) -> None:
    """Save a flat name → tensor dict (contiguous CPU copies) with string metadata."""
    from safetensors.torch import save

    flat = {name: t.detach().to("cpu").contiguous() for name, t in tensors.items()}
    atomic_write_bytes(path, save(flat, metadata=metadata or {}))


def load_tensors(path: str | os.PathLike[str]) -> tuple[dict[str, torch.Tensor], dict[str, str]]:
    """Load tensors and metadata saved by :func:`save_tensors`."""
    from safetensors import safe_open

    file = Path(path)
    if not file.is_file():
        raise StoreError(f"checkpoint {file} does not exist; save one first or check the path")
    try:
        with safe_open(str(file), framework="pt") as fh:
            metadata = dict(fh.metadata() or {})
            tensors = {name: fh.get_tensor(name) for name in fh.keys()}  # noqa: SIM118
    except Exception as exc:  # safetensors raises its own untyped errors
        raise StateMismatchError(
            f"{file} is not a valid safetensors file ({exc}); delete it or restore a backup"
        ) from exc
    return tensors, metadata
