"""Files only their owner can read: folders 0700, files 0600.

The data directory holds every tool call an agent made and the token that lets a program
teach the gate, so nothing in it is readable by other users. New folders and files get
these modes when created; existing ones are tightened when opened.

>>> import tempfile, pathlib, stat
>>> d = private_dir(pathlib.Path(tempfile.mkdtemp()) / "data")
>>> oct(stat.S_IMODE(d.stat().st_mode))
'0o700'
"""

from __future__ import annotations

import os
from pathlib import Path

from neuroplast.errors import StoreError

__all__ = ["DIR_MODE", "FILE_MODE", "private_dir", "private_file"]

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: str | os.PathLike[str]) -> Path:
    """``path`` as a folder (created if missing) that only its owner can enter."""
    folder = Path(path)
    try:
        folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        _tighten(folder, DIR_MODE)
    except OSError as exc:
        raise StoreError(
            f"cannot create private folder {folder}: {exc.strerror or exc}; check that it is "
            "yours and writable, or pass another --data-dir"
        ) from exc
    return folder


def private_file(path: str | os.PathLike[str]) -> Path:
    """``path`` as a file (created empty if missing) that only its owner can read."""
    file = Path(path)
    try:
        os.close(os.open(file, os.O_WRONLY | os.O_CREAT, FILE_MODE))
        _tighten(file, FILE_MODE)
    except OSError as exc:
        raise StoreError(
            f"cannot create private file {file}: {exc.strerror or exc}; check permissions"
        ) from exc
    return file


def _tighten(path: Path, mode: int) -> None:
    """Drop group and other permissions (left from an older version or another umask)."""
    if path.stat().st_mode & 0o077:
        os.chmod(path, mode)
