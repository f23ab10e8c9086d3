"""OnlineLearner: learn from weighted examples on a copy, swap the live model atomically.

Predictions are served by the *live* model; training runs on a *training copy* in a
background thread. After each round the copy is deep-copied into a fresh live model and
``self._live = (version, model)`` is replaced in one assignment, so a reader sees either
the old model or the new one, whole, and never waits for training: ``predict`` takes no
lock at all.

With ``LearnerConfig(backend="process")`` the copy lives in a worker process
(:mod:`neuroplast.learn.worker`) with its own copy of the replay buffer: the background
thread only ships the round's new examples and waits on a pipe (holding no GIL), then
loads the returned weights into a fresh frozen module and adds the new examples to this
process's mirror of the buffer (the one ``save`` writes). The round itself, replay
sampling included, is :class:`TrainingCopy` in both backends.

A caller can attach a *mark* (say, the id of a logged answer) to what it queues;
``mark`` then says which of them the live model includes, and ``save`` writes it with the
state it describes, so a caller that logs its examples knows which to re-learn after a
crash. If the worker process dies, the rounds it trained since the last publish and the
request it was running go back to the front of the queue and a new worker starts from the
live model: nothing is lost, and nothing is kept twice in replay.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import torch

from neuroplast.config import check_config
from neuroplast.errors import (
    BackendUnavailable,
    ConfigError,
    InvalidInputError,
    NeuroplastError,
    StoreError,
)
from neuroplast.learn.batch import Layout, check_example
from neuroplast.learn.checkpoint import (
    MODEL_FILE,
    REGULARIZER_FILE,
    REPLAY_FILE,
    check_parts,
    check_shapes,
    read_meta,
    write_meta,
)
from neuroplast.learn.config import LearnerConfig
from neuroplast.learn.publish import frozen_from_weights
from neuroplast.learn.remote import WorkerClient, error_from_reply
from neuroplast.learn.spec import ModelSpec, import_object, object_path
from neuroplast.learn.training import TrainingCopy, remember
from neuroplast.learn.wire import pack_examples
from neuroplast.store import first_non_finite, load_tensors, save_tensors

if TYPE_CHECKING:
    from neuroplast.core.regularizer import Regularizer
    from neuroplast.core.replay import Example, ReplayBuffer

__all__ = ["LossFn", "OnlineLearner", "PublishHook"]

log = logging.getLogger(__name__)

_DEATHS_IN_ROW = 3  # worker deaths without a round in between before the error is raised

LossFn = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]
PublishHook = Callable[[int, torch.nn.Module], None]
Queued = tuple["Example", int | None]
"""An example and its mark, if it was given one."""


class _WorkerLost(Exception):
    """The worker died; ``queued`` are the examples to train again, oldest first."""

    def __init__(self, queued: list[Queued], error: BackendUnavailable) -> None:
        super().__init__(str(error))
        self.queued, self.error = queued, error


class OnlineLearner:
    """Train a copy of ``model`` in the background and publish it atomically.

    ``learn`` never drops examples: when ``max_pending`` are already waiting it blocks up
    to ``enqueue_timeout_s`` for room, then raises :class:`BackendUnavailable` saying how
    many of the examples were queued. A failed round (NaN/inf loss or weights, or any
    error of ``loss_fn``) keeps the live model, resets the copy to it, stores the error in
    ``last_error`` and raises it from the next ``learn``/``learn_now``/``wait_idle``.
    New examples join the replay buffer only after a round that succeeded, so an example
    that breaks training is not replayed forever.

    >>> import torch
    >>> from neuroplast.core.replay import Example
    >>> _ = torch.manual_seed(0)
    >>> model = torch.nn.Linear(1, 1)
    >>> mse = lambda out, y: ((out.squeeze(-1) - y) ** 2)  # one loss per example
    >>> data = [Example(torch.tensor([1.0]), torch.tensor(3.0))]
    >>> with OnlineLearner(model, mse, LearnerConfig(lr=0.1, optimizer="sgd")) as learner:
    ...     for _ in range(40):
    ...         version = learner.learn_now(data)
    ...     round(learner.predict(torch.tensor([[1.0]])).item(), 2), learner.version
    (3.0, 40)

    ``learn(examples, marks=[...])`` gives each example a number (the caller's id of it, say;
    positive, increasing in the order queued); ``mark`` is the highest one the live model
    and its replay include (every example queued up to it was trained, or dropped by a
    failed round, and none after it; 0 before any), and ``save`` returns and stores it:

    >>> with OnlineLearner(torch.nn.Linear(1, 1), mse) as learner:
    ...     learner.learn(data, marks=[7])
    ...     idle = learner.wait_idle()
    ...     learner.mark, learner.version
    (7, 1)

    The process backend needs importable builders of the model and loss
    (:class:`ModelSpec`); the model passed in supplies the initial weights:

    >>> OnlineLearner(model, mse, LearnerConfig(backend="process"))
    Traceback (most recent call last):
    ...
    neuroplast.errors.ConfigError: LearnerConfig.backend='process' needs model_spec=\
ModelSpec(factory=..., loss=...) so the worker process can rebuild the model and loss; \
pass one, or use backend='thread'
    """

    def __init__(
        self,
        model: torch.nn.Module,
        loss_fn: LossFn,
        config: LearnerConfig | None = None,
        regularizer: Regularizer | None = None,
        replay: ReplayBuffer | None = None,
        *,
        on_publish: PublishHook | None = None,
        model_spec: ModelSpec | None = None,
    ) -> None:
        self.config = check_config(config, LearnerConfig, "OnlineLearner")
        self.loss_fn = loss_fn
        self._replay = replay
        self.on_publish = on_publish
        self.model_spec = model_spec
        self._client: WorkerClient | None = None
        if self.config.backend == "process":
            self._check_process_backend(model_spec, regularizer)
            self._client = WorkerClient(self.config.train_niceness)
        # In process mode this copy is never stepped: it is the template live models are
        # built from and what checkpoints are checked against.
        self._copy = TrainingCopy(model, loss_fn, self.config, regularizer,
                                  replay if self._client is None else None)
        # (version, model, mark): one tuple, so readers see the three of one publish
        self._live: tuple[int, torch.nn.Module, int] = (0, self._copy.frozen_copy(), 0)
        self._layout: Layout | None = None  # the examples' shapes and dtypes
        # _cond guards the queue and the flags; _train_lock guards the copy (or worker),
        # regularizer and replay. predict() takes neither.
        self._cond = threading.Condition()
        self._train_lock = threading.Lock()
        self._pending: deque[Queued] = deque()
        self._queued_mark = 0  # highest mark queued so far
        self._trained_mark = 0  # highest mark trained (or dropped) by the copy / worker
        self._dirty = False  # the copy has rounds the live model lacks (thread backend)
        # Process backend: rounds of new examples the worker trained since the last publish;
        # mirrored into replay when published, queued again if the worker dies first.
        self._unpublished: list[list[Queued]] = []
        self._worker_started = False
        self._restarts = 0  # workers started because the one before had died
        self._deaths_in_row = 0  # worker deaths since the last request it answered
        self._busy = False
        self._closed = False
        self._thread: threading.Thread | None = None
        self._last_error: BaseException | None = None
        self._unraised: BaseException | None = None
        self._published_at = 0.0
        self._serving = 0  # callers inside serving(); training defers its Python work
        self._quiet = threading.Condition()

    # ---------------------------------------------------------------- serving
    @property
    def version(self) -> int:
        """Number of the live model: 0 at start, +1 per published round."""
        return self._live[0]

    @property
    def mark(self) -> int:
        """Highest mark (see :meth:`learn`) among the examples the live model includes."""
        return self._live[2]

    @property
    def live_model(self) -> torch.nn.Module:
        """The module serving predictions (eval mode, frozen). Do not mutate it."""
        return self._live[1]

    @property
    def replay(self) -> ReplayBuffer | None:
        """The replay buffer (process backend: the mirror of the worker's, which ``save``
        writes). Read it; the learner alone adds to it."""
        return self._replay

    @property
    def regularizer(self) -> Regularizer | None:
        """The regularizer (process backend: its state as of the last save/load)."""
        return self._copy.regularizer

    @regularizer.setter
    def regularizer(self, value: Regularizer | None) -> None:
        self._copy.regularizer = value

    @property
    def worker_pid(self) -> int | None:
        """Process id of the training worker (process backend, once started), else None."""
        return None if self._client is None or not self._client.alive else self._client.pid

    @property
    def worker_restarts(self) -> int:
        """How many workers were started because the one before had died."""
        return self._restarts

    @property
    def last_error(self) -> BaseException | None:
        """Error of the most recent training round, or None if it succeeded."""
        return self._last_error

    def predict(self, inputs: torch.Tensor) -> torch.Tensor:
        """Outputs of the live model for a batch of ``inputs``; never waits for training."""
        return self.predict_versioned(inputs)[1]

    def predict_versioned(self, inputs: torch.Tensor) -> tuple[int, torch.Tensor]:
        """``(version, outputs)``, both from the same published model."""
        version, model, _ = self._live  # one read: version and model always match
        with torch.no_grad():
            try:
                return version, model(inputs)
            except (RuntimeError, TypeError) as exc:  # a shape, dtype or type it refuses
                if isinstance(exc, torch.OutOfMemoryError):
                    raise
                raise InvalidInputError(f"the live model cannot take these inputs ({exc}); "
                                        "give a batch of the shape and dtype it was built "
                                        "for") from exc

    @contextlib.contextmanager
    def serving(self) -> Iterator[None]:
        """Mark latency-critical work (a decision): training defers its Python work meanwhile.

        Training's Python code (building batches, stepping, publishing) holds the GIL in
        short bursts, and every burst a request waits behind adds to its latency. Inside
        this block the learner pauses between those bursts, for at most
        ``LearnerConfig.serve_wait_s`` per burst so a steady stream of requests cannot
        starve training; the process backend's worker keeps computing meanwhile.

        >>> import torch
        >>> learner = OnlineLearner(torch.nn.Linear(1, 1), lambda out, y: (out - y) ** 2)
        >>> with learner.serving():
        ...     out = learner.predict(torch.ones(1, 1))
        """
        with self._quiet:
            self._serving += 1
        try:
            yield
        finally:
            with self._quiet:
                self._serving -= 1
                if not self._serving:
                    self._quiet.notify_all()

    def _defer_to_serving(self) -> None:
        """Wait (bounded) until no caller is inside :meth:`serving`."""
        wait = self.config.serve_wait_s
        if wait and self._serving:
            with self._quiet:
                self._quiet.wait_for(lambda: not self._serving, wait)

    def _between_steps(self) -> None:
        if self.config.yield_s:
            time.sleep(self.config.yield_s)  # let prediction threads take the GIL
        self._defer_to_serving()

    # ---------------------------------------------------------------- learning
    def learn(self, examples: Iterable[Example], *,
              marks: Sequence[int] | None = None) -> None:
        """Queue ``examples`` for background training; returns once they are queued.

        ``marks``: one number per example, increasing, above those queued before (see
        :attr:`mark`).
        """
        self._raise_unraised()
        batch = self._validate(examples)
        with self._cond:
            if self._closed:
                raise NeuroplastError("this OnlineLearner is closed; create a new one to learn")
            marked = self._marked(batch, marks)
            self._start_thread()
            deadline = time.monotonic() + self.config.enqueue_timeout_s
            for queued, example in enumerate(marked):
                while len(self._pending) >= self.config.max_pending:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise BackendUnavailable(
                            f"learner queue full ({self.config.max_pending} pending) for "
                            f"{self.config.enqueue_timeout_s}s; {queued} of {len(batch)} examples "
                            "were queued. Retry the rest, raise max_pending, or call wait_idle()"
                        )
                    self._cond.wait(left)
                self._pending.append(example)
                self._cond.notify_all()
                self._queued_mark = max(self._queued_mark, example[1] or 0)

    def learn_now(self, examples: Iterable[Example], *,
                  marks: Sequence[int] | None = None) -> int:
        """Train on ``examples`` in the caller's thread (rounds of ``batch_size``).

        Returns the version published by the last round; errors are raised directly. A
        worker that dies is restarted and its rounds trained again, up to three times in
        a row. ``marks`` as in :meth:`learn`.
        """
        self._raise_unraised()
        batch = self._validate(examples)
        size = self.config.batch_size
        with self._cond:
            if self._closed:
                raise NeuroplastError("this OnlineLearner is closed; create a new one to learn")
            todo = deque(self._marked(batch, marks))
            self._queued_mark = max([self._queued_mark, *(m or 0 for _, m in todo)])
        with self._train_lock:
            while todo:
                chunk = [todo.popleft() for _ in range(min(size, len(todo)))]
                try:
                    self._round(chunk)
                except _WorkerLost as lost:
                    todo.extendleft(reversed(lost.queued))
                    if self._deaths_in_row >= _DEATHS_IN_ROW:
                        self._last_error = lost.error
                        raise lost.error from None
                except Exception as exc:
                    self._last_error = exc
                    raise
        return self.version

    def end_task(self) -> None:
        """Tell the regularizer a task just ended (EWC++ ``end_task``, else ``consolidate``)
        and the replay buffer that an experience did (``ReplayBuffer.end_experience``).

        Runs on the training copy under the training lock, after the round in progress;
        call ``wait_idle`` first if the queued examples belong to the ending task.
        """
        if self.regularizer is None and self._replay is None:
            return
        with self._train_lock:
            if self._client is None:
                self._copy.end_task()
            else:
                self._remote({"op": "end_task"})
                if self._replay is not None:  # the mirror marks it as the worker's buffer did
                    self._replay.end_experience()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until the queue is empty and no round runs; False on timeout."""
        with self._cond:
            idle = self._cond.wait_for(lambda: not self._pending and not self._busy, timeout)
        self._raise_unraised()
        return idle

    def close(self) -> None:
        """Train what is still queued, then stop the thread. Safe to call twice."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join()
        if self._client is not None:
            with self._train_lock:
                self._client.close()

    def __enter__(self) -> OnlineLearner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- persistence
    def save(self, directory: str | Path) -> tuple[int, int]:
        """Write live weights, regularizer, replay, mark and ``learner.json`` to ``directory``.

        Rounds trained since the last publish are published first, so the four describe
        one state; returns its ``(version, mark)``. Waits only for the round in progress.
        Files are written atomically, ``learner.json`` last (see
        :mod:`neuroplast.learn.checkpoint`). Optimizer moments are not saved.
        """
        folder = Path(directory)
        with self._train_lock:  # no round may change regularizer/replay mid-save
            self._sync()
            version, live, mark = self._live
            save_tensors(folder / MODEL_FILE, dict(live.state_dict()), {"version": str(version)})
            if self.regularizer is not None:
                self.regularizer.save(folder / REGULARIZER_FILE)
            if self.replay is not None:
                self.replay.save(folder / REPLAY_FILE)
            write_meta(folder, {
                "version": version,
                "mark": mark,
                "config": self.config.to_dict(),
                "regularizer": self.regularizer is not None,
                "replay": self.replay is not None,
            })
        return version, mark

    def load(self, directory: str | Path, *, mark: int | None = None) -> None:
        """Restore a checkpoint written by :meth:`save` and publish it.

        The version becomes the saved one, or ``version + 1`` if that is not newer, so
        one version number never names two different models. ``mark`` is the saved one;
        the argument is for a checkpoint that has none (saved before marks; default 0).
        """
        folder = Path(directory)
        meta = read_meta(folder)
        tensors, _ = load_tensors(folder / MODEL_FILE)
        check_shapes(self._copy.model.state_dict(), tensors)
        bad = first_non_finite(tensors)
        if bad is not None:
            raise StoreError(f"{folder / MODEL_FILE}: {bad!r} holds NaN or inf; restore a "
                             "backup or save again")
        check_parts(
            folder, meta, regularizer=self.regularizer is not None, replay=self.replay is not None
        )
        with self._train_lock:
            # Every part is read before any is applied: a damaged one leaves the learner
            # as it was.
            regularizer = None if self.regularizer is None else copy.deepcopy(
                self.regularizer).load(folder / REGULARIZER_FILE, model=self._copy.model)
            replay = None if self._replay is None else self._replay.load(folder / REPLAY_FILE)
            if regularizer is not None:  # into the caller's object: references stay live
                self.regularizer.config = regularizer.config
                self.regularizer.load_state_dict(regularizer.state_dict(), self._copy.model)
            if replay is not None:
                self._replay = replay  # a new buffer
                if self._client is None:
                    self._copy.replay = replay
            self._copy.reset(tensors)
            self._copy.reseed()  # as the process backend's restarted worker does
            self._unpublished = []  # the loaded state replaces what the worker trained
            self._trained_mark = int(meta["mark"]) if "mark" in meta else mark or 0
            with self._cond:
                self._queued_mark = max(self._queued_mark, self._trained_mark)
            self._publish(max(int(meta["version"]), self.version + 1))
            if self._client is not None and self._client.alive:
                self._start_worker()  # re-init: loaded weights, regularizer, new optimizer

    # ---------------------------------------------------------------- internals
    def _marked(self, batch: list[Example], marks: Sequence[int] | None) -> list[Queued]:
        """``batch`` paired with its checked ``marks`` (call under ``_cond``)."""
        if marks is None:
            return [(example, None) for example in batch]
        marks = list(marks)
        if len(marks) != len(batch):
            raise InvalidInputError(
                f"{len(marks)} marks for {len(batch)} examples; give one mark per example")
        last = self._queued_mark
        for mark in marks:
            if isinstance(mark, bool) or not isinstance(mark, int) or mark < 1:
                raise InvalidInputError(f"mark {mark!r} must be an integer >= 1")
            if mark <= last:
                raise InvalidInputError(
                    f"mark {mark} is not above {last}, given before it; marks must increase "
                    "in the order examples are queued"
                )
            last = mark
        return list(zip(batch, marks, strict=True))

    def _consumed(self, queued: Sequence[Queued]) -> None:
        """``queued`` was trained (or dropped by a failed round): raise the trained mark,
        and the live one too when the copy holds nothing the live model lacks."""
        marks = [mark for _, mark in queued if mark is not None]
        if not marks:
            return
        self._trained_mark = max(self._trained_mark, *marks)
        if not self._dirty and not self._unpublished:
            version, live, _ = self._live
            self._live = (version, live, self._trained_mark)

    def _validate(self, examples: Iterable[Example]) -> list[Example]:
        batch = list(examples)
        layout = self._layout
        for example in batch:
            layout = check_example(example, layout)
        self._layout = layout
        return batch

    def _raise_unraised(self) -> None:
        with self._cond:
            error, self._unraised = self._unraised, None
        if error is not None:
            raise error

    def _start_thread(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._run, name="neuroplast-learner", daemon=True
            )
            self._thread.start()

    def _run(self) -> None:
        self._lower_priority()
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._pending or self._closed)
                if not self._pending:
                    return  # closed and drained
                self._busy = True
            error: BaseException | None = None
            try:
                with self._train_lock:
                    # Taken under the training lock: whoever holds it (save, end_task) may
                    # put a dead worker's rounds back at the front of the queue first.
                    batch = self._take()
                    if batch:
                        self._round(batch)
            except _WorkerLost as lost:
                error = self._after_worker_death(lost)
            except Exception as exc:  # any failure abandons the round, never the thread
                error = exc
            with self._cond:
                self._busy = False
                if error is not None:
                    self._last_error = error
                    self._unraised = self._unraised or error
                self._cond.notify_all()

    def _take(self) -> list[Queued]:
        """The next request's examples: one round, or up to ``rounds_per_request``."""
        with self._cond:
            rounds = self.config.rounds_per_request if self._client is not None else 1
            take = min(self.config.batch_size * rounds, len(self._pending))
            batch = [self._pending.popleft() for _ in range(take)]
            self._cond.notify_all()  # room for callers blocked in learn()
        return batch

    def _after_worker_death(self, lost: _WorkerLost) -> BaseException | None:
        """Queue the dead worker's examples again, first and in order; the next round
        starts a new worker. The error is reported only when the worker keeps dying (then
        the next start waits a little), and a learner closing then gives up."""
        with self._cond:
            if self._closed and self._deaths_in_row >= _DEATHS_IN_ROW:
                self._pending.clear()  # nothing trains them; a caller that logs re-learns
                return lost.error
            self._pending.extendleft(reversed(lost.queued))
            self._cond.notify_all()
        log.warning("training worker died (%s); %d examples queued again for a new worker",
                    lost.error, len(lost.queued))
        if self._deaths_in_row < _DEATHS_IN_ROW:
            return None
        time.sleep(min(0.1 * 2 ** (self._deaths_in_row - _DEATHS_IN_ROW), 5.0))
        return lost.error

    def _lower_priority(self) -> None:
        """Make the training thread yield the CPU to serving threads.

        On Linux, niceness is per thread, so this touches only the learner's thread. Where
        the OS refuses (or has no per-thread niceness), training simply runs at the
        process's priority.
        """
        if self.config.train_niceness and hasattr(os, "setpriority"):
            with contextlib.suppress(OSError):
                tid = threading.get_native_id()
                current = os.getpriority(os.PRIO_PROCESS, tid)
                os.setpriority(os.PRIO_PROCESS, tid, current + self.config.train_niceness)

    def _round(self, new: Sequence[Queued], publish: bool | None = None) -> None:
        """Rounds of ``batch_size`` examples (one in the thread backend; up to
        ``rounds_per_request`` in one worker request): each ``steps_per_round`` steps on
        its examples + replay, then consolidate; then publish (if due, by default)."""
        self._defer_to_serving()
        publish = self._publish_due() if publish is None else publish
        if self._client is None:
            try:
                self._copy.learn([e for e, _ in new], restore=self._live[1].state_dict(),
                                 between_steps=self._between_steps)
                self._dirty = True
            except Exception:
                self._dirty = False  # the copy was reset to the live model
                raise
            finally:
                self._consumed(new)
            weights = None
        else:
            weights = self._remote_rounds(new, publish)
            self._defer_to_serving()
        self._last_error = None
        if publish:
            self._publish(self.version + 1, weights)

    def _remote_rounds(self, new: Sequence[Queued], publish: bool) -> dict[str, torch.Tensor]:
        """Ship ``new`` as rounds of ``batch_size``; they join the mirror when published.

        If round *k* fails, the rounds before it stand (their weights are published and
        their examples mirrored), the failed round's examples are dropped as in the thread
        backend, the later ones go back to the front of the queue, and the error is raised.
        If the worker dies, :class:`_WorkerLost` carries ``new`` and every round it trained
        since the last publish, to be trained again by a new worker.
        """
        size = self.config.batch_size
        chunks = [list(new[i : i + size]) for i in range(0, len(new), size)]
        tensors = pack_examples([example for example, _ in new])
        header = {"op": "round", "reply_weights": publish, "rounds": [len(c) for c in chunks],
                  "weights": [e.weight for e, _ in new], "keys": [e.key for e, _ in new]}
        client = self._worker_client()
        try:
            if not client.alive:
                if self._unpublished:
                    raise BackendUnavailable("the training worker exited between requests")
                self._restart_worker()
            reply, weights = client.request(header, tensors)
        except BackendUnavailable as exc:
            raise self._worker_lost(new, exc) from exc
        except Exception:
            self._consumed(new)  # a request the worker refused: dropped as a failed round
            raise
        self._deaths_in_row = 0
        done = int(reply.get("completed", len(chunks)))
        self._unpublished.extend(chunks[:done])
        self._consumed([q for chunk in chunks[:done] for q in chunk])
        failure = reply.get("failed")
        if failure is None:
            return weights
        self._consumed(chunks[done])
        if done and weights:
            self._publish(self.version + 1, weights)
        rest = [q for chunk in chunks[done + 1 :] for q in chunk]
        with self._cond:
            self._pending.extendleft(reversed(rest))
        raise error_from_reply(failure)

    def _worker_lost(self, new: Sequence[Queued], error: BackendUnavailable) -> _WorkerLost:
        """Forget what the dead worker trained since the last publish: the live model, the
        mirror and the mark are that state. Its rounds and ``new`` are to train again."""
        queued = [q for chunk in self._unpublished for q in chunk] + list(new)
        self._unpublished = []
        self._trained_mark = self._live[2]
        self._deaths_in_row += 1
        return _WorkerLost(queued, error)

    def _publish_due(self) -> bool:
        """Publish after this round? Always when it empties the queue; while a backlog
        trains, at most every ``publish_interval_s`` (building and scoring a live model
        is the serving process's share of a round)."""
        with self._cond:
            backlog = bool(self._pending)
        interval = self.config.publish_interval_s
        return not backlog or time.monotonic() - self._published_at >= interval

    def _remote(
        self, header: dict[str, object], tensors: dict[str, torch.Tensor] | None = None
    ) -> tuple[dict[str, object], dict[str, torch.Tensor]]:
        """One request to the worker (not a round), starting it first if it is not running;
        a dead one's unpublished rounds go back to the front of the queue first."""
        client = self._worker_client()
        if not client.alive:
            if self._unpublished:
                lost = self._worker_lost([], BackendUnavailable("the worker exited"))
                with self._cond:
                    self._pending.extendleft(reversed(lost.queued))
                    self._cond.notify_all()
            self._restart_worker()
        return client.request(header, tensors)

    def _worker_client(self) -> WorkerClient:
        if self._client is None or self.model_spec is None:
            raise NeuroplastError("internal: the process backend was used by a thread learner")
        return self._client

    def _restart_worker(self) -> None:
        """Start a worker in place of none, or of one that died (counted)."""
        self._restarts += self._worker_started
        self._start_worker()

    def _start_worker(self) -> None:
        """(Re)start the worker from the live weights, the mirror and the regularizer we
        hold (its state as of the last save or load)."""
        client, spec = self._worker_client(), self.model_spec
        tensors = {f"model.{k}": v for k, v in self._live[1].state_dict().items()}
        header: dict[str, object] = {
            "spec": spec.to_dict() if spec is not None else {}, "config": self.config.to_dict(),
            "regularizer": None,
        }
        reg = self.regularizer
        if reg is not None:
            header["regularizer"] = {"path": object_path(type(reg)), "config": reg.config.to_dict()}
            tensors.update({f"reg.{k}": v for k, v in reg.state_dict().items()})
        if self._replay is not None:
            replay_tensors, header["replay"] = self._replay.to_tensors()
            tensors.update({f"replay.{k}": v for k, v in replay_tensors.items()})
        self._worker_started = True
        client.start(header, tensors)

    def _sync(self) -> None:
        """Before a save: publish the rounds trained since the last publish and fetch the
        worker's regularizer, so weights, regularizer, replay and mark are one state. With
        the worker dead, the live state is that one (the next round trains its rounds again).
        """
        if self._client is None:
            if self._dirty:
                self._publish(self.version + 1)
            return
        if not self._client.alive:
            return
        try:
            _, state = self._client.request({"op": "state", "weights": bool(self._unpublished)})
        except BackendUnavailable:
            return
        if self._unpublished:
            self._publish(self.version + 1, {k[6:]: v for k, v in state.items()
                                             if k.startswith("model.")})
        reg = self.regularizer
        regularizer = {k[4:]: v for k, v in state.items() if k.startswith("reg.")}
        if reg is not None and regularizer:
            reg.load_state_dict(regularizer)

    @staticmethod
    def _check_process_backend(spec: ModelSpec | None, regularizer: Regularizer | None) -> None:
        if not isinstance(spec, ModelSpec):
            raise ConfigError(
                "LearnerConfig.backend='process' needs model_spec=ModelSpec(factory=..., "
                "loss=...) so the worker process can rebuild the model and loss; pass one, or "
                "use backend='thread'"
            )
        spec.loss_fn()  # fail here, not in the worker, if a path does not import
        if regularizer is not None:
            import_object(object_path(type(regularizer)), "regularizer class")

    def _publish(self, version: int, weights: dict[str, torch.Tensor] | None = None) -> None:
        """Make a fresh frozen live model (from ``weights`` if given) and swap it in; the
        process backend's mirror takes the rounds it includes."""
        if weights is None:
            live = self._copy.frozen_copy()
        else:
            live = frozen_from_weights(self._live[1], weights)
        if self._replay is not None and self._client is not None:
            for chunk in self._unpublished:  # what the worker's buffer took, in its order
                examples = [example for example, _ in chunk]
                if self.config.der is not None:
                    # DER++ logits from the published model: what the worker recorded after
                    # the round (after the last of them when one publish covers several).
                    from neuroplast.core.der import record_logits

                    examples = record_logits(live, examples)
                remember(self._replay, examples)
        self._unpublished = []
        self._dirty = False
        self._live = (version, live, self._trained_mark)  # the one assignment readers see
        self._published_at = time.monotonic()
        if self.on_publish is not None:
            self.on_publish(version, live)
