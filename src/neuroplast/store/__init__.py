"""Durable state: the SQLite log, safetensors checkpoints, atomic writes, the data dir.

``store`` is the only layer that touches disk.
"""

from neuroplast.store.atomic import atomic_write_bytes, atomic_write_text
from neuroplast.store.checkpoints import first_non_finite, load_tensors, save_tensors
from neuroplast.store.db import Database
from neuroplast.store.paths import data_dir
from neuroplast.store.private import private_dir, private_file
from neuroplast.store.token import ensure_token, read_token

__all__ = [
    "Database",
    "atomic_write_bytes",
    "atomic_write_text",
    "data_dir",
    "ensure_token",
    "first_non_finite",
    "load_tensors",
    "private_dir",
    "private_file",
    "read_token",
    "save_tensors",
]
