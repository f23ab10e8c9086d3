"""The gate's checkpoints: the learner's weights plus the highest feedback row they include.

A checkpoint is a folder swapped in by renames (``checkpoint.tmp`` -> ``checkpoint``,
the previous one parked as ``checkpoint.old`` meanwhile), so a crash at any point leaves
one complete checkpoint. The feedback log stays the source of truth: answers newer than
the checkpoint's ``feedback_id`` are re-learned on restart.

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
    learner.load(folder)
    return int(meta["feedback_id"])


def restore_learner(
    learner: OnlineLearner, new_learner: Callable[[], OnlineLearner], gate_dir: Path,
    glog: GateLog, extractor: FeatureExtractor,
) -> tuple[OnlineLearner, int, int, bool]:
    """Load the last checkpoint into ``learner`` and re-learn every newer answer.

    Returns ``(learner, included, enqueued, clean)``: the learner to use (a fresh one from
    ``new_learner`` if the checkpoint did not fit), the feedback id the checkpoint
    included, the highest feedback id now trained, and whether nothing was re-learned.
    """
    import torch

    from neuroplast.core.replay import Example
    from neuroplast.errors import StateMismatchError
    from neuroplast.gate.calls import ToolCall

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
    rows = glog.feedback_after(included)
    if rows:
        calls = [ToolCall.from_dict(json.loads(call_json)) for _, call_json in rows]
        inputs = extractor.features_batch(calls)
        learner.learn_now([
            Example(x, torch.tensor(1.0 if fb.approved else 0.0), fb.weight)
            for x, (fb, _) in zip(inputs, rows, strict=True)
        ])
        log.info("gate re-learned %d answers newer than its checkpoint", len(rows))
    enqueued = rows[-1][0].id if rows else included
    return learner, included, enqueued, folder is not None and not rows


def write_checkpoint(learner: OnlineLearner, gate_dir: Path, feedback_id: int,
                     in_dim: int) -> None:
    """Save ``learner`` (idle, including answers up to ``feedback_id``) as the checkpoint."""
    final = gate_dir / "checkpoint"
    tmp, old = gate_dir / "checkpoint.tmp", gate_dir / "checkpoint.old"
    shutil.rmtree(tmp, ignore_errors=True)
    learner.save(tmp)
    atomic_write_text(tmp / CHECKPOINT_META, json.dumps(
        {"feedback_id": feedback_id, "version": learner.version, "in_dim": in_dim}
    ))
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    tmp.rename(final)
    shutil.rmtree(old, ignore_errors=True)


class CheckpointThread:
    """Calls ``save(timeout=1.0)`` every ``interval_s`` in a daemon thread until stopped.

    >>> calls = []
    >>> t = CheckpointThread(lambda timeout: calls.append(timeout) or True, 0.01)
    >>> t.stop(); calls[:1] in ([], [1.0])
    True
    """

    def __init__(self, save: Callable[..., bool], interval_s: float) -> None:
        self._save = save
        self._interval = max(interval_s, 0.05)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="neuroplast-gate-checkpoint",
                                        daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                self._save(timeout=1.0)
            except Exception as exc:  # a failed save must not kill the thread; retry later
                log.warning("gate checkpoint failed: %s", exc)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
