"""The on-disk layout of a learner checkpoint and its checks.

A checkpoint is a folder: ``model.safetensors`` (live weights), ``regularizer.safetensors``
and ``replay.safetensors`` when the learner has them, and ``learner.json`` (version,
config, which parts exist). Every file is written atomically and ``learner.json`` last,
so a folder with a ``learner.json`` holds a complete checkpoint.

>>> import torch
>>> check_shapes({"w": torch.zeros(2)}, {"w": torch.zeros(3)})
Traceback (most recent call last):
...
neuroplast.errors.StateMismatchError: parameter 'w' has shape (3,) in the checkpoint but (2,) \
in the model; load it into a learner built on the same architecture
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from neuroplast.errors import StateMismatchError, StoreError
from neuroplast.store import atomic_write_text

if TYPE_CHECKING:
    import torch

__all__ = [
    "META_FILE",
    "MODEL_FILE",
    "REGULARIZER_FILE",
    "REPLAY_FILE",
    "check_parts",
    "check_shapes",
    "read_meta",
    "write_meta",
]

MODEL_FILE = "model.safetensors"
REGULARIZER_FILE = "regularizer.safetensors"
REPLAY_FILE = "replay.safetensors"
META_FILE = "learner.json"


def check_shapes(expected: dict[str, torch.Tensor], saved: dict[str, torch.Tensor]) -> None:
    """Raise :class:`StateMismatchError` unless ``saved`` has ``expected``'s names and shapes."""
    missing = sorted(set(expected) - set(saved))
    extra = sorted(set(saved) - set(expected))
    if missing or extra:
        raise StateMismatchError(
            f"checkpoint tensors do not match the model: missing {missing}, unexpected "
            f"{extra}; load it into a learner built on the same architecture"
        )
    for name, tensor in saved.items():
        if tuple(tensor.shape) != tuple(expected[name].shape):
            raise StateMismatchError(
                f"parameter {name!r} has shape {tuple(tensor.shape)} in the checkpoint but "
                f"{tuple(expected[name].shape)} in the model; load it into a learner built on "
                "the same architecture"
            )


def check_parts(folder: Path, meta: dict[str, Any], **have: bool) -> None:
    """The learner must have a regularizer/replay exactly when the checkpoint does."""
    for part, present in have.items():
        if bool(meta.get(part)) != present:
            raise StateMismatchError(
                f"checkpoint {folder} was saved {'with' if meta.get(part) else 'without'} a "
                f"{part} but this learner has {'one' if present else 'none'}; construct the "
                "learner the same way it was saved"
            )


def write_meta(folder: Path, meta: dict[str, Any]) -> None:
    """Write ``learner.json`` (last, atomically: it marks the checkpoint complete)."""
    atomic_write_text(folder / META_FILE, json.dumps(meta, sort_keys=True))


def read_meta(folder: Path) -> dict[str, Any]:
    """Read ``learner.json``; a missing or damaged one is a :class:`StoreError`."""
    path = folder / META_FILE
    if not path.is_file():
        raise StoreError(f"{path} does not exist; save a learner to {folder} first")
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
        for key in ("version", "mark"):  # whole numbers >= 0 (mark: absent before marks)
            value = meta[key] if key == "version" else meta.get(key, 0)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{key} {value!r} is not a whole number >= 0")
    except (ValueError, KeyError, TypeError) as exc:
        raise StoreError(f"{path} is damaged ({exc!r}); restore a backup or save again") from exc
    return dict(meta)
