"""The gate's checkpoints: the learner's weights plus the highest feedback row they include.

A checkpoint is a folder swapped in by renames (``checkpoint.tmp`` -> ``checkpoint``,
the previous one parked as ``checkpoint.old`` meanwhile), so a crash at any point leaves
one complete checkpoint. The feedback log stays the source of truth: answers newer than
the checkpoint's ``feedback_id`` are re-learned on restart. That id is the learner's mark
(:attr:`OnlineLearner.mark`): the highest answer the saved model was trained on, never one
only queued, so an answer whose training was cut short (a worker killed) is re-learned.

>>> import tempfile
>>> from pathlib import Path
>>> find_checkpoint(Path(tempfile.mkdtemp())) is None
True
"""

from __future__ import annotations

import json
import logging
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from neuroplast.store import atomic_write_text

if TYPE_CHECKING:
    from neuroplast.gate.features import FeatureExtractor
    from neuroplast.gate.log import GateLog
    from neuroplast.learn.learner import OnlineLearner

__all__ = ["CHECKPOINT_META", "CheckpointThread", "find_checkpoint", "read_checkpoint",
           "restore_learner", "write_checkpoint"]

log = logging.getLogger(__name__)

CHECKPOINT_META = "gate.json"


def find_checkpoint(gate_dir: Path) -> Path | None:
    """The complete checkpoint folder under ``gate_dir`` (a crash mid-swap leaves ".old")."""
    for folder in (gate_dir / "checkpoint", gate_dir / "checkpoint.old"):
        if (folder / CHECKPOINT_META).is_file():
            return folder
    return None


def read_checkpoint(learner: OnlineLearner, folder: Path) -> int:
    """Load ``folder`` into ``learner``; the highest feedback row id it includes.

    Raises StateMismatchError (weights that do not fit), KeyError or ValueError (bad meta).
    """
    meta = json.loads((folder / CHECKPOINT_META).read_text(encoding="utf-8"))
    learner.load(folder, mark=int(meta["feedback_id"]))  # the learner's own mark, if saved
    return learner.mark


def restore_learner(
    learner: OnlineLearner, new_learner: Callable[[], OnlineLearner], gate_dir: Path,
    glog: GateLog, extractor: FeatureExtractor,
) -> tuple[OnlineLearner, int, int, bool]:
    """Load the last checkpoint into ``learner`` and queue every newer answer to re-learn.

    Returns ``(learner, included, enqueued, clean)``: the learner to use (a fresh one from
    ``new_learner`` if the checkpoint did not fit), the feedback id the checkpoint
    included, the highest feedback id queued, and whether there was nothing to re-learn.
    Each answer is re-learned as the example the live path built (``answer_example``:
    same supersede key, weight, lock state), in the learner's background rounds like a
    backlog of live answers: the gate serves meanwhile with the checkpoint's model
    (``wait_idle`` waits for them). Only what does not fit in half the learner's queue is
    waited for here.
    """
    import torch

    from neuroplast.core.replay import Example
    from neuroplast.errors import NeuroplastError, StateMismatchError
    from neuroplast.gate.calls import ToolCall
    from neuroplast.gate.teacher import answer_example

    folder = find_checkpoint(gate_dir)
    included = 0
    if folder is not None:
        try:
            included = read_checkpoint(learner, folder)
        except (StateMismatchError, KeyError, ValueError) as exc:
            # The log is the source of truth: a checkpoint that no longer fits (e.g. the
            # feature layout changed) is dropped and every answer is re-learned.
            log.warning("gate checkpoint %s unusable (%s); re-learning from the log",
                        folder, exc)
            learner.close()
            learner = new_learner()
            folder, included = None, 0
    from neuroplast.gate.peer_log import PeerLog

    # every answer, peers' included (those without a call are learned from the features
    # they sent); answers a peer gave against the user's (weight 0) are not trained
    rows = [(fb, call_json) for fb, call_json in PeerLog(glog.db).training_rows_after(included)
            if fb.weight > 0]
    step = max(1, learner.config.max_pending // 2)  # a chunk never waits for room
    for start in range(0, len(rows), step):
        if start:
            try:
                learner.wait_idle()
            except NeuroplastError as exc:  # a failed round drops its answers, as when live
                log.warning("gate re-learning: a training round failed (%s)", exc)
        chunk = rows[start : start + step]
        calls = [ToolCall.from_dict(json.loads(call_json)) for _, call_json in chunk]
        inputs = extractor.features_batch(calls)
        examples = []
        for call, x, (fb, _) in zip(calls, inputs, chunk, strict=True):
            example = answer_example(call, x, approved=fb.approved, weight=fb.weight)
            if "features" in fb.record:  # a peer's call without text: its features, no key
                example = Example(torch.tensor(fb.record["features"], dtype=torch.float32),
                                  example.target, fb.weight, "")
            examples.append(example)
        learner.learn(examples, marks=[fb.id for fb, _ in chunk])
    if rows:
        log.info("gate re-learns %d answers newer than its checkpoint", len(rows))
    enqueued = rows[-1][0].id if rows else included
    return learner, included, enqueued, folder is not None and not rows


def write_checkpoint(learner: OnlineLearner, gate_dir: Path, in_dim: int) -> tuple[int, int]:
    """Save ``learner``'s published model as the checkpoint; its ``(version, feedback id)``.

    The feedback id is the learner's mark: the highest answer the saved model includes.
    Training goes on meanwhile; only the round in progress is waited for.
    """
    final = gate_dir / "checkpoint"
    tmp, old = gate_dir / "checkpoint.tmp", gate_dir / "checkpoint.old"
    shutil.rmtree(tmp, ignore_errors=True)
    version, feedback_id = learner.save(tmp)
    atomic_write_text(tmp / CHECKPOINT_META, json.dumps(
        {"feedback_id": feedback_id, "version": version, "in_dim": in_dim}
    ))
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    tmp.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    return version, feedback_id


class CheckpointThread:
    """Calls ``tick()`` in a daemon thread until stopped: at once, then again after the
    seconds it returns, or as soon as :meth:`poke` is called.

    >>> ticked = threading.Event()
    >>> t = CheckpointThread(lambda: ticked.set() or 60.0)
    >>> ticked.wait(10)
    True
    >>> t.stop()
    """

    def __init__(self, tick: Callable[[], float]) -> None:
        self._tick = tick
        self._wake = threading.Event()
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="neuroplast-gate-checkpoint",
                                        daemon=True)
        self._thread.start()

    def _run(self) -> None:
        wait = 0.0
        while True:
            self._wake.wait(wait)
            self._wake.clear()
            if self._stopped:
                return
            try:
                wait = max(0.05, self._tick())
            except Exception as exc:  # a failed save must not kill the thread; retry later
                log.warning("gate checkpoint failed: %s", exc)
                wait = 1.0

    def poke(self) -> None:
        """Tick now (the answers behind the last checkpoint may be too many)."""
        self._wake.set()

    def stop(self) -> None:
        self._stopped = True
        self._wake.set()
        self._thread.join()
