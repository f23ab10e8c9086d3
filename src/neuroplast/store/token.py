"""The per-install secret that proves a request comes from the user's own hook or tools.

One random token per data directory (``<data dir>/gate/token``, mode 0600), created the
first time the service starts and never replaced after: the hook reads it on every call.
Creation is race-free (written to a temp file, then linked into place, which fails if
another process got there first), so two services starting at once agree on one token.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "token"
>>> token = ensure_token(path)
>>> len(token) >= 43 and ensure_token(path) == token and read_token(path) == token
True
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from neuroplast.errors import StoreError
from neuroplast.store.private import FILE_MODE, private_dir

__all__ = ["MIN_TOKEN_CHARS", "ensure_token", "read_token"]

MIN_TOKEN_CHARS = 32
_TOKEN_BYTES = 32  # secrets.token_urlsafe(32): 43 characters, 256 bits
_URLSAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def _valid(token: str) -> bool:
    return len(token) >= MIN_TOKEN_CHARS and set(token) <= _URLSAFE


def read_token(path: str | os.PathLike[str]) -> str:
    """The token stored at ``path``; :class:`StoreError` if it is missing or malformed."""
    file = Path(path)
    try:
        token = file.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        advice = ("move it aside, then run `neuroplast gate token` to make a new one"
                  if file.exists() else "start the service once (`neuroplast gate serve`) or "
                  "run `neuroplast gate token` to create it")
        raise StoreError(f"cannot read the gate token {file} ({exc}); {advice}") from exc
    if not _valid(token):
        raise StoreError(
            f"{file} does not hold a gate token (at least {MIN_TOKEN_CHARS} URL-safe "
            "characters); move it aside and run `neuroplast gate token` to make a new one"
        )
    return token


def ensure_token(path: str | os.PathLike[str]) -> str:
    """The token at ``path``, created (mode 0600, folder 0700) if there is none yet.

    An existing token readable by other users is made private again: it keeps working,
    but treat it as leaked and delete the file if others could read it.
    """
    file = Path(path)
    private_dir(file.parent)
    if file.exists():
        if file.stat().st_mode & 0o077:
            os.chmod(file, FILE_MODE)
        try:
            return read_token(file)
        except StoreError:
            if file.stat().st_size:
                raise
            file.unlink()  # empty: a crash before the first write completed
    token = secrets.token_urlsafe(_TOKEN_BYTES)
    try:
        fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=".token.", suffix=".tmp")  # 0600
        try:
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                fh.write(token + "\n")
                fh.flush()
                os.fsync(fh.fileno())
            os.link(tmp, file)  # fails if another process created the token meanwhile
        except FileExistsError:
            return read_token(file)
        finally:
            os.unlink(tmp)
    except StoreError:
        raise
    except OSError as exc:
        raise StoreError(
            f"cannot create the gate token {file}: {exc.strerror or exc}; check permissions"
        ) from exc
    return token
