"""The model service behind ``neuroplast memory serve``: scoring from the live model while
training jobs run, one at a time, on a copy.

Each finished job publishes adapter version *n* as a PEFT directory,
``<data dir>/adapters/v<n>`` (written to a temporary folder, then renamed), records it in
``adapters/current`` (written atomically) and swaps the scoring backend in one assignment:
a request scores with the old model or the new one, never a mixture. On start the service
continues from ``current`` and requeues a job a restart cut off.

Peers' adapters (``peer_adapters``: asked every ``poll_s`` seconds for the list that
counts now) are merged into the scoring model below the own one
(``memory.peer_adapters``); training never sees them, so the own adapter published stays
the user's alone, and a list without a peer gives back the model without it.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from neuroplast.errors import InvalidInputError
from neuroplast.memory.jobs import JobLog
from neuroplast.memory.local import LocalBackend, apply_adapter
from neuroplast.memory.peer_adapters import PeerAdapter, merge_peer_adapters
from neuroplast.memory.trainer import Sample, TrainConfig, Trainer
from neuroplast.store import atomic_write_text, private_dir

__all__ = ["ModelService"]

log = logging.getLogger(__name__)


class ModelService:
    """Serve ``model_dir`` for scoring and train it from ``/train`` jobs, in ``data_dir``."""

    def __init__(self, model_dir: str | os.PathLike[str], data_dir: str | os.PathLike[str],
                 config: TrainConfig | None = None, anchors: Sequence[Sample] = (),
                 peer_adapters: Callable[[], Sequence[PeerAdapter]] | None = None,
                 poll_s: float = 2.0) -> None:
        self.model_dir = Path(model_dir)
        self.dir = private_dir(Path(data_dir))
        self.adapters = self.dir / "adapters"
        self.adapters.mkdir(exist_ok=True)
        self.config = config or TrainConfig()
        self.jobs = JobLog(self.dir / "jobs.db")
        base = LocalBackend.from_pretrained(self.model_dir)
        self.tokenizer = base.tokenizer
        self.base_model = base.model
        current = self.current_adapter()
        self.backend = base if current is None else LocalBackend(
            apply_adapter(LocalBackend.from_pretrained(self.model_dir).model, current),
            self.tokenizer)
        self.version = 0 if current is None else int(current.name[1:])
        pad = getattr(self.tokenizer, "pad_token_id", None) or 0
        self.trainer = Trainer(self.base_model, self.config, anchors, pad_id=pad,
                               adapter=current)
        self._peer_source = peer_adapters
        self.poll_s = poll_s
        self._peers: tuple[PeerAdapter, ...] = ()
        self.peers_merged: list[str] = []  # the peers whose adapters the scoring model has
        self._refresh_peers()
        self.jobs.requeue_interrupted()
        self._wake = threading.Event()
        self._stop = False
        self._thread = threading.Thread(target=self._run, name="neuroplast-train", daemon=True)
        self._thread.start()
        self._wake.set()

    def current_adapter(self) -> Path | None:
        pointer = self.adapters / "current"
        if not pointer.exists():
            return None
        return self.adapters / pointer.read_text().strip()

    def submit(self, samples: list[dict[str, Any]]) -> str:
        """Check and store a job; training starts when the jobs before it are done."""
        if not samples:
            raise InvalidInputError("training_data.samples is empty; send at least one sample")
        for i, sample in enumerate(samples):
            ids = list(sample["context_ids"]) + list(sample["continuation_ids"])
            if not sample["continuation_ids"]:
                raise InvalidInputError(f"sample {i} has no continuation_ids to learn")
            try:
                self.backend.check(ids, [])
            except InvalidInputError as exc:
                raise InvalidInputError(f"sample {i}: {exc}") from exc
        job = self.jobs.submit(samples)
        self._wake.set()
        return job

    def _run(self) -> None:
        while not self._stop:
            self._wake.wait(timeout=self.poll_s if self._peer_source else None)
            self._wake.clear()
            try:
                self._refresh_peers()
            except Exception:  # the peers' list unreadable this time: the model stays
                log.exception("reading the peers' adapters failed")
            while not self._stop:
                nxt = self.jobs.next_queued()
                if nxt is None:
                    break
                job, samples = nxt
                try:
                    self.jobs.finish(job, version=self._train(samples))
                except Exception as exc:  # a failed job is recorded, the service goes on
                    log.exception("training job %s failed", job)
                    self.jobs.finish(job, error=f"{type(exc).__name__}: {exc}")

    def _train(self, samples: list[dict[str, Any]]) -> int:
        self.trainer.train([Sample(tuple(s["context_ids"]), tuple(s["continuation_ids"]))
                            for s in samples])
        version = self.version + 1
        tmp = Path(tempfile.mkdtemp(prefix=".v", dir=self.adapters))
        self.trainer.save_adapter(tmp, str(self.model_dir))
        final = self.adapters / f"v{version}"
        if final.exists():  # left by a run that died before updating `current`
            shutil.rmtree(final)
        os.replace(tmp, final)
        atomic_write_text(self.adapters / "current", f"v{version}\n")
        self.backend = self._scoring_backend()
        self.version = version
        return version

    def _refresh_peers(self) -> None:
        """Rebuild the scoring model if the peers' adapters that count have changed."""
        if self._peer_source is None:
            return
        adapters = tuple(self._peer_source())
        if adapters == self._peers:
            return
        self._peers = adapters
        self.backend = self._scoring_backend()
        log.info("scoring with the peers' adapters of %s", self.peers_merged or "none")

    def _scoring_backend(self) -> LocalBackend:
        """The own live model with the peers' adapters merged below it (one assignment
        swaps it in)."""
        model, self.peers_merged = merge_peer_adapters(self.trainer.live_model(), self._peers)
        return LocalBackend(model.eval(), self.tokenizer)

    def close(self) -> None:
        self._stop = True
        self._wake.set()
        self._thread.join(timeout=60)
        self.trainer.close()
        self.jobs.close()
