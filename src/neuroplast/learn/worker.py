"""The training worker process of ``LearnerConfig(backend="process")``.

Started by :class:`~neuroplast.learn.remote.WorkerClient` as
``python -m neuroplast.learn.worker --nice N``; it reads frames
(:mod:`neuroplast.learn.wire`) from stdin and answers each on stdout, one at a time:

- ``init``: rebuild model (``spec``), loss and regularizer, load the shipped weights
  (``model.*``), regularizer state (``reg.*``) and replay buffer (``replay.*``, with its
  metadata in the header); also used to load a checkpoint.
- ``round``: consecutive :meth:`TrainingCopy.learn` rounds (sizes in ``rounds``) on the
  shipped new examples (``wire.pack_examples``, with weights and keys in the header) plus this
  process's replay; answers how many rounds ``completed``, the error of the round that
  ``failed`` (its class name and message; the copy is reset to the round before), and
  the weights after the last completed round.
- ``end_task``; ``state`` (answers the regularizer's tensors, ``reg.*``, and with
  ``weights`` the weights after the last completed round, ``model.*``); ``close`` (exit 0).

Training here takes no GIL from the serving process: that is the point of the backend.

>>> _error_reply(ValueError("bad"))
{'ok': False, 'error': 'ValueError', 'message': 'bad'}
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from neuroplast.learn.training import TrainingCopy

__all__ = ["Worker", "main"]


def _error_reply(exc: BaseException) -> dict[str, Any]:
    return {"ok": False, "error": type(exc).__name__, "message": str(exc)}


class Worker:
    """The child's state: one :class:`TrainingCopy` and the weights to reset it to.

    >>> Worker().trainer is None
    True
    """

    def __init__(self) -> None:

        self.trainer: TrainingCopy | None = None
        self.good: dict[str, Any] = {}

    def handle(self, header: dict[str, Any], tensors: dict[str, Any]) -> tuple[dict, dict]:
        """Answer one request: ``(reply header, reply tensors)``."""
        op = header.get("op")
        if op == "init":
            self._init(header, tensors)
            return {"ok": True}, {}
        trainer = self.trainer
        if trainer is None:
            return {"ok": False, "error": "NeuroplastError",
                    "message": f"worker got {op!r} before init; send init first"}, {}
        if op == "round":
            return self._rounds(trainer, header, tensors)
        if op == "end_task":
            trainer.end_task()
            return {"ok": True}, {}
        if op == "state":
            reg = trainer.regularizer
            state = {} if reg is None else {f"reg.{k}": v for k, v in reg.state_dict().items()}
            if header.get("weights"):
                state.update({f"model.{k}": v for k, v in self.good.items()})
            return {"ok": True}, state
        return {"ok": False, "error": "InvalidInputError",
                "message": f"unknown worker op {op!r}"}, {}

    def _rounds(self, trainer: TrainingCopy, header: dict[str, Any], tensors: dict[str, Any]
                ) -> tuple[dict, dict]:
        """Consecutive rounds, each :meth:`TrainingCopy.learn` on its slice of the shipped
        examples. A failing round resets the copy to the weights after the previous one
        and ends the request: the reply says how many rounds completed and why it stopped.
        """
        from neuroplast.core.replay import Example
        from neuroplast.learn.wire import unpack_examples

        weights, keys = header["weights"], header["keys"]
        inputs, targets = unpack_examples(tensors, len(weights))
        new = [Example(*fields) for fields in zip(inputs, targets, weights, keys, strict=True)]
        sizes = header.get("rounds") or [len(new)]
        done, start, failed = 0, 0, None
        for size in sizes:
            try:
                trainer.learn(new[start : start + size], restore=self.good)
            except Exception as exc:  # reported; the learner raises it
                failed = _error_reply(exc)
                break
            self.good = trainer.weights()
            done, start = done + 1, start + size
        reply = {"ok": True, "completed": done, "failed": failed}
        return reply, (self.good if header.get("reply_weights", True) and done else {})

    def _init(self, header: dict[str, Any], tensors: dict[str, Any]) -> None:
        from neuroplast.learn.checkpoint import check_shapes
        from neuroplast.learn.config import LearnerConfig
        from neuroplast.learn.spec import ModelSpec, regularizer_from_spec
        from neuroplast.learn.training import TrainingCopy

        spec = ModelSpec.from_dict(header["spec"])
        model = spec.build()
        weights = {k[6:]: v for k, v in tensors.items() if k.startswith("model.")}
        check_shapes(model.state_dict(), weights)
        model.load_state_dict(weights)
        regularizer = None
        if header.get("regularizer") is not None:
            desc = header["regularizer"]
            regularizer = regularizer_from_spec(desc["path"], desc["config"])
            state = {k[4:]: v for k, v in tensors.items() if k.startswith("reg.")}
            if state:
                regularizer.load_state_dict(state, model=model)
        replay = None
        if header.get("replay") is not None:
            from neuroplast.core.replay import ReplayBuffer

            state = {k[7:]: v for k, v in tensors.items() if k.startswith("replay.")}
            replay = ReplayBuffer.from_tensors(state, header["replay"], source="shipped replay")
        config = LearnerConfig.from_dict(header["config"])
        self.trainer = TrainingCopy(model, spec.loss_fn(), config, regularizer, replay)
        self.good = self.trainer.weights()


def _lower_priority(niceness: int) -> None:
    """Yield the CPU to serving, before importing torch (even the import should yield).

    Niceness, not Linux's SCHED_IDLE: an idle-class process runs only when a CPU has
    nothing else to do, so while other work keeps every core busy (a build, a test suite)
    it never runs and the user's answers are never learned. At niceness 10 serving wins a
    contended CPU about ten to one, and training still always progresses.
    """
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(niceness)


def main(argv: list[str] | None = None) -> int:
    """Serve requests from stdin until ``close`` or end of input."""
    parser = argparse.ArgumentParser(description="neuroplast learner worker (internal)")
    parser.add_argument("--nice", type=int, default=0)
    args = parser.parse_args(argv)
    # The learner owns this process's lifetime (close, or kill from its finalizer): a
    # Ctrl-C meant for the serving process must not kill training mid-round.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if args.nice:
        _lower_priority(args.nice)
    # Frames go to a private copy of stdout; anything a library prints lands on stderr
    # instead of corrupting the stream.
    out: IO[bytes] = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    inp: IO[bytes] = sys.stdin.buffer

    import torch

    # One core for training: the serving process keeps the other(s).
    torch.set_num_threads(1)
    from neuroplast.errors import BackendUnavailable
    from neuroplast.learn.wire import read_frame, write_frame

    worker = Worker()
    while True:
        try:
            header, tensors = read_frame(inp)
        except BackendUnavailable:
            return 0  # the learner went away: nothing left to do
        if header.get("op") == "close":
            write_frame(out, {"ok": True})
            return 0
        try:
            reply, payload = worker.handle(header, tensors)
        except Exception as exc:  # reported to the learner, which raises it there
            reply, payload = _error_reply(exc), {}
        write_frame(out, reply, payload)


if __name__ == "__main__":
    sys.exit(main())
