"""Where neuroplast keeps its data: ``--data-dir`` > ``NEUROPLAST_HOME`` > ``~/.neuroplast``.

The folder is private (0700): it holds every tool call an agent made and the gate's token.
"""

from __future__ import annotations

import os
from pathlib import Path

from neuroplast.errors import StoreError
from neuroplast.store.private import DIR_MODE

__all__ = ["data_dir"]


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the data directory, created (or made) private: mode 0700.

    >>> import tempfile, stat
    >>> d = data_dir(tempfile.mkdtemp())
    >>> d.is_dir(), oct(stat.S_IMODE(d.stat().st_mode))
    (True, '0o700')
    """
    if override is not None and str(override).strip() in ("", "."):
        # typer reads --data-dir '' as '.': the folder the command runs in, which would be
        # made private and filled with neuroplast's files
        raise StoreError(f"--data-dir {str(override)!r} is the current folder; pass a folder "
                         "of neuroplast's own (it is made private), e.g. ~/.neuroplast")
    raw = override or os.environ.get("NEUROPLAST_HOME") or Path.home() / ".neuroplast"
    path = Path(raw).expanduser()
    try:
        path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        if path.stat().st_mode & 0o077:
            os.chmod(path, DIR_MODE)
    except OSError as exc:
        raise StoreError(
            f"cannot create data directory {path}: {exc.strerror}; "
            "pass --data-dir or set NEUROPLAST_HOME to a writable folder"
        ) from exc
    return path
