"""Durable state: the SQLite log, safetensors checkpoints, atomic writes, the data dir.

``store`` is the only layer that touches disk.
"""

from neuroplast.store.atomic import atomic_write_bytes, atomic_write_text
from neuroplast.store.checkpoints import load_tensors, save_tensors
from neuroplast.store.db import Database
from neuroplast.store.paths import data_dir

__all__ = [
    "Database",
    "atomic_write_bytes",
    "atomic_write_text",
    "data_dir",
    "load_tensors",
    "save_tensors",
]
