"""The learner's side of the worker process: start it, talk to it, stop it.

The worker is a plain ``subprocess.Popen`` of ``python -m neuroplast.learn.worker``, not
multiprocessing: the learner's process has threads (forking it is unsafe) and
multiprocessing pickles. Requests and replies are :mod:`neuroplast.learn.wire` frames.
If the worker dies, the pending call raises :class:`BackendUnavailable` (EOF on its
stdout, never a hang) and the next :meth:`WorkerClient.start` launches a fresh one.

>>> client = WorkerClient(niceness=0)
>>> client.alive, client.pid
(False, None)
"""

from __future__ import annotations

import builtins
import subprocess
import sys
import threading
import weakref
from typing import TYPE_CHECKING, Any

from neuroplast import errors
from neuroplast.errors import BackendUnavailable, NeuroplastError
from neuroplast.learn.wire import read_frame, write_frame

if TYPE_CHECKING:
    import torch

__all__ = ["WorkerClient", "error_from_reply"]

_BUILTIN_ERRORS = ("ArithmeticError", "KeyError", "RuntimeError", "TypeError", "ValueError")
_CLOSE_TIMEOUT_S = 5.0


def error_from_reply(reply: dict[str, Any]) -> Exception:
    """Rebuild the exception a worker reported, as a class this process knows.

    >>> error_from_reply({"error": "NumericalError", "message": "loss is nan"})
    NumericalError('loss is nan')
    >>> error_from_reply({"error": "OSError", "message": "x"})
    NeuroplastError('training worker failed: OSError: x')
    """
    name, message = str(reply.get("error")), str(reply.get("message"))
    if name in errors.__all__:
        return getattr(errors, name)(message)  # type: ignore[no-any-return]
    if name in _BUILTIN_ERRORS:
        return getattr(builtins, name)(message)  # type: ignore[no-any-return]
    return NeuroplastError(f"training worker failed: {name}: {message}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Ask nothing, just end ``process`` and reap it (the finalizer's last resort)."""
    if process.poll() is None:
        process.kill()
    process.wait()
    for pipe in (process.stdin, process.stdout):
        if pipe is not None:
            pipe.close()


class WorkerClient:
    """One worker process at a time; every call is a request followed by its reply."""

    def __init__(self, niceness: int = 0) -> None:
        self.niceness = niceness
        self._process: subprocess.Popen[bytes] | None = None
        self._finalizer: weakref.finalize | None = None
        self._lock = threading.Lock()  # one request/reply exchange at a time

    @property
    def alive(self) -> bool:
        """True while a started worker has not exited."""
        return self._process is not None and self._process.poll() is None

    @property
    def pid(self) -> int | None:
        """Process id of the current worker, or None before the first start."""
        return None if self._process is None else self._process.pid

    def start(self, header: dict[str, Any], tensors: dict[str, torch.Tensor]) -> None:
        """Send ``init`` (full new state), launching a worker first unless one is running."""
        if not self.alive:
            self._launch()
        self.request({**header, "op": "init"}, tensors)

    def _launch(self) -> None:
        self.close()  # reap an exited one
        process = subprocess.Popen(
            [sys.executable, "-m", "neuroplast.learn.worker", "--nice", str(self.niceness)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        )
        self._process = process
        # Not tied to self: a learner dropped without close() still reaps its worker
        # (no zombie, no ResourceWarning), at the latest at interpreter exit.
        self._finalizer = weakref.finalize(self, _stop, process)

    def request(
        self, header: dict[str, Any], tensors: dict[str, torch.Tensor] | None = None
    ) -> tuple[dict[str, Any], dict[str, torch.Tensor]]:
        """Send one request; return the reply's header and tensors, or raise its error."""
        with self._lock:
            process = self._process
            if process is None or process.stdin is None or process.stdout is None:
                raise BackendUnavailable(
                    "the training worker is not running; it starts on the next training round"
                )
            try:
                write_frame(process.stdin, header, tensors)
                reply, payload = read_frame(process.stdout)
            except (BackendUnavailable, BrokenPipeError, ValueError, OSError) as exc:
                code = self._reap()
                raise BackendUnavailable(
                    f"the training worker process exited (code {code}) during "
                    f"{header.get('op')!r}; the live model is kept. The next training round "
                    "starts a new worker from the live model (regularizer state since the "
                    "last save/load is lost); see its traceback on stderr"
                ) from exc
        if not reply.get("ok"):
            raise error_from_reply(reply)
        return reply, payload

    def close(self) -> None:
        """Ask the worker to exit; kill it if it has not within a few seconds."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None and process.stdin is not None:
            try:
                write_frame(process.stdin, {"op": "close"})
                process.wait(timeout=_CLOSE_TIMEOUT_S)
            except (OSError, ValueError, subprocess.TimeoutExpired):
                pass  # _stop below kills what did not exit
        if self._finalizer is not None:
            self._finalizer()  # kill if still running, reap, close pipes: once

    def _reap(self) -> int | None:
        process, self._process = self._process, None
        if process is None:
            return None
        if self._finalizer is not None:
            self._finalizer()
        return process.returncode
