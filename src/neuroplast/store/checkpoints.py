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
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from neuroplast.errors import InvalidInputError, StateMismatchError, StoreError
from neuroplast.store.atomic import atomic_write_bytes

if TYPE_CHECKING:
    import torch

__all__ = ["first_non_finite", "load_tensors", "save_tensors"]


def save_tensors(
    path: str | os.PathLike[str],
    tensors: dict[str, torch.Tensor],
    metadata: dict[str, str] | None = None,
) -> None:
    """Save a flat name → tensor dict (contiguous CPU copies) with string metadata."""
    import torch
    from safetensors.torch import save

    if not isinstance(tensors, dict) or not all(
            isinstance(k, str) and isinstance(t, torch.Tensor) for k, t in tensors.items()):
        raise InvalidInputError("save_tensors takes a dict of name (str) -> torch.Tensor")
    if metadata is not None and (not isinstance(metadata, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in metadata.items())):
        raise InvalidInputError("save_tensors metadata must map str -> str; json.dumps "
                                "anything else")
    flat, storages = {}, set()
    for name, t in tensors.items():
        flat[name] = t.detach().to("cpu").contiguous()
        storage = flat[name].untyped_storage().data_ptr()
        if storage in storages and flat[name].numel():  # views of one tensor: own copies
            flat[name] = flat[name].clone()
        storages.add(flat[name].untyped_storage().data_ptr())
    # None, not {}: safetensors writes an empty metadata table after an empty tensor table
    # as a header it cannot read back
    atomic_write_bytes(path, save(flat, metadata=metadata or None))


def first_non_finite(tensors: Mapping[str, torch.Tensor]) -> str | None:
    """The name of the first floating-point tensor holding a NaN or inf, else None: loaded
    state must be checked before it is applied (one NaN weight makes every output NaN).

    >>> import torch
    >>> first_non_finite({"a": torch.ones(2), "b": torch.tensor([1.0, float("nan")]),
    ...                   "n": torch.tensor([3])})
    'b'
    """
    import torch

    return next((name for name, t in tensors.items()
                 if t.is_floating_point() and not bool(torch.isfinite(t).all())), None)


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
