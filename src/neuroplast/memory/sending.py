"""Sending approved candidates to a model service's ``/train``.

The one path from a review decision to training, used by ``neuroplast memory send`` and
the review screen alike: approved candidates not yet in the trained ledger go out as one
job, and the ledger records them only once the service accepted that job, so a refused or
unanswered request leaves them to be sent again.

>>> import tempfile, pathlib
>>> store = MemoryStore(pathlib.Path(tempfile.mkdtemp()) / "memory.db")
>>> unsent_approved(store), send_approved(store, "http://127.0.0.1:9", "t") is None
([], True)
>>> store.close()
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from neuroplast.errors import AuthenticationError, BackendUnavailable, InvalidInputError
from neuroplast.memory.store import MemoryStore, Review

__all__ = ["Sent", "read_token", "send_approved", "unsent_approved"]


@dataclass(frozen=True)
class Sent:
    """A job the service accepted, and the responses it carries."""

    job_id: str
    response_ts: tuple[float, ...]


def unsent_approved(store: MemoryStore) -> list[Review]:
    """Approved candidates that the trained ledger does not hold yet, oldest first."""
    trained = store.trained_timestamps()
    return [r for r in store.reviews("approved") if r.response_ts not in trained]


def read_token(path: str | os.PathLike[str]) -> str:
    """The service's token from ``path`` (``neuroplast memory serve`` writes it)."""
    try:
        token = Path(path).read_text(encoding="ascii").strip()
    except OSError as exc:
        raise InvalidInputError(
            f"cannot read the model service's token at {path} ({exc.strerror}); "
            "`neuroplast memory serve` writes it to <data dir>/memory/token, or pass "
            "--token-file") from exc
    except UnicodeDecodeError:
        token = "\x00"  # not text: refused below
    if not token:
        raise InvalidInputError(f"{path} is empty; it should hold the model service's token")
    if not token.isprintable() or any(c.isspace() for c in token):
        raise InvalidInputError(f"{path} does not hold a token (one line of printable "
                                "characters); pass the --token-file the service wrote")
    return token


def send_approved(store: MemoryStore, url: str, token: str,
                  timeout: float = 60.0) -> Sent | None:
    """Post the unsent approved candidates to ``url``'s ``/train`` as one job.

    Returns None when there is nothing to send. Marks the responses trained only after
    the service answered with a job id.
    """
    import httpx  # only a send needs it

    todo = unsent_approved(store)
    if not todo:
        return None
    body = {"training_data": {"samples": [
        {"context_ids": list(r.context_ids), "continuation_ids": list(r.continuation_ids)}
        for r in todo]}}
    try:
        reply = httpx.post(f"{url.rstrip('/')}/train", json=body, timeout=timeout,
                           headers={"Authorization": f"Bearer {token}"})
    except httpx.InvalidURL as exc:
        raise InvalidInputError(f"{url!r} is not a URL ({exc})") from exc
    except httpx.HTTPError as exc:
        raise BackendUnavailable(f"{url} did not answer ({exc}); is `neuroplast memory "
                                 "serve` running?") from exc
    if reply.status_code in (401, 403):
        raise AuthenticationError(f"{url}/train refused the token ({reply.status_code}); use "
                                  "the token file of the service you send to")
    if reply.status_code != 200:
        raise InvalidInputError(f"/train answered {reply.status_code}: {reply.text[:300]}")
    try:
        job = reply.json()["job_id"]
    except (ValueError, KeyError, TypeError) as exc:  # not JSON, or no job id in it
        raise BackendUnavailable(f"{url}/train answered 200 without a job id "
                                 f"({reply.text[:200]!r}); is it `neuroplast memory serve`? "
                                 "Nothing was marked trained") from exc
    if not isinstance(job, str | int) or isinstance(job, bool):
        raise BackendUnavailable(f"{url}/train answered job id {job!r}; nothing was marked "
                                 "trained")
    job = str(job)
    timestamps = tuple(r.response_ts for r in todo)
    store.mark_trained(timestamps, job_id=job)
    return Sent(job, timestamps)
