"""This install's Ed25519 identity: a private key file (0600), created on first start.

A public key travels as 43 URL-safe base64 characters (32 raw bytes, no padding); so does
a signature (86 characters, 64 bytes).

>>> import tempfile, pathlib
>>> me = Identity.load_or_create(pathlib.Path(tempfile.mkdtemp()) / "identity.pem")
>>> len(me.public_key), verify(me.public_key, me.sign(b"hi"), b"hi")
(43, True)
>>> verify(me.public_key, me.sign(b"hi"), b"ho")
False
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import os
import tempfile
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from neuroplast.errors import InvalidInputError, StoreError
from neuroplast.store import private_dir

__all__ = ["KEY_PREFIX", "Identity", "b64", "bare_public_key", "public_key_bytes", "unb64",
           "verify"]


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64(text: str) -> bytes:
    """Bytes of unpadded URL-safe base64; :class:`InvalidInputError` if it is not."""
    if not isinstance(text, str) or not text.isascii():
        raise InvalidInputError("expected URL-safe base64 text")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise InvalidInputError(f"not URL-safe base64: {text[:60]!r}") from exc


# How a key is shown to a user (`peers identity`), as OpenSSH writes "ssh-ed25519 AAAA...":
# the scheme names the key type, and the text never starts with '-', which a command
# line would read as an option (a bare URL-safe base64 key does, one time in 64).
KEY_PREFIX = "ed25519:"


def bare_public_key(public_key: str) -> str:
    """A key as stored and signed: without :data:`KEY_PREFIX`, checked to be Ed25519."""
    if isinstance(public_key, str) and public_key.startswith(KEY_PREFIX):
        public_key = public_key[len(KEY_PREFIX):]
    public_key_bytes(public_key)
    return public_key


def public_key_bytes(public_key: str) -> bytes:
    """The 32 bytes of a bare public key; a clear error otherwise."""
    raw = unb64(public_key)
    if len(raw) != 32:
        raise InvalidInputError(
            f"{public_key[:60]!r} is not an Ed25519 public key (ed25519: and 43 URL-safe "
            "base64 characters); copy it from the peer's `neuroplast peers identity`")
    return raw


def verify(public_key: str, signature: str, data: bytes) -> bool:
    """Whether ``signature`` is ``public_key``'s over ``data``."""
    if not isinstance(data, bytes):
        raise InvalidInputError(f"verify signs bytes, got {type(data).__name__}; encode text "
                                "as UTF-8 first")
    try:
        key = Ed25519PublicKey.from_public_bytes(public_key_bytes(public_key))
        key.verify(unb64(signature), data)
    except (InvalidSignature, InvalidInputError, ValueError):
        return False
    return True


class Identity:
    """An Ed25519 key pair: ``public_key`` (text) and ``sign(data)`` (text)."""

    def __init__(self, key: Ed25519PrivateKey) -> None:
        self._key = key
        self.public_key = b64(key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw))

    def sign(self, data: bytes) -> str:
        return b64(self._key.sign(data))

    @classmethod
    def load_or_create(cls, path: str | os.PathLike[str]) -> Identity:
        """The identity in ``path`` (PKCS#8 PEM, 0600), created there if there is none.

        Creation is race-free (a temp file linked into place), as for the token.
        """
        file = Path(path)
        private_dir(file.parent)
        if not file.exists():
            pem = Ed25519PrivateKey.generate().private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption())
            fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=".identity.")  # 0600
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(pem)
                    fh.flush()
                    os.fsync(fh.fileno())
                with contextlib.suppress(FileExistsError):  # another process was first:
                    os.link(tmp, file)  # use theirs
            finally:
                os.unlink(tmp)
        if file.stat().st_mode & 0o077:
            os.chmod(file, 0o600)
        try:
            key = serialization.load_pem_private_key(file.read_bytes(), password=None)
        except (OSError, ValueError) as exc:
            raise StoreError(f"cannot read this install's identity {file}: {exc}; move it "
                             "away to make a new one (peers must then add the new key)") from exc
        if not isinstance(key, Ed25519PrivateKey):
            raise StoreError(f"{file} holds no Ed25519 key; move it away to make a new one")
        return cls(key)
