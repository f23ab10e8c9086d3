"""Where neuroplast keeps its data: ``--data-dir`` > ``NEUROPLAST_HOME`` > ``~/.neuroplast``."""

from __future__ import annotations

import os
from pathlib import Path

from neuroplast.errors import StoreError

__all__ = ["data_dir"]


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the data directory, creating it if needed.

    >>> import tempfile
    >>> d = data_dir(tempfile.mkdtemp())
    >>> d.is_dir()
    True
    """
    raw = override or os.environ.get("NEUROPLAST_HOME") or Path.home() / ".neuroplast"
    path = Path(raw).expanduser()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"cannot create data directory {path}: {exc.strerror}; "
            "pass --data-dir or set NEUROPLAST_HOME to a writable folder"
        ) from exc
    return path
