"""Task-boundary detection from the loss on data the model has not yet learnt from.

A task changes when the model stops predicting what comes next. The honest measure of
that is the *prequential* loss: each example's loss taken before the model learns from it
(test-then-train). The detector keeps a running mean and per-example variance of those
losses and, given a batch of new ones, computes how many standard errors the batch's mean
sits above the running mean::

    z = (mean(batch) - m) / sqrt(v / len(batch))

and fires when ``z > threshold``: the one-sided test of a shift in mean, with a standard
error from many examples rather than from a few batch means. Only upward moves count (a
model that improves lowers its loss). After firing, the statistics restart from the new
batch, so the new task is judged against itself.

Why not the gradient norm of training batches (:class:`~neuroplast.core.boundary.
GradientShiftDetector`): where training batches mix replayed old data with a little new
data, a change in part of the new data moves the batch gradient by a fraction of its
size, while the prequential loss of the new data sees the change whole.

>>> import numpy as np
>>> det = LossShiftDetector(LossShiftConfig(warmup=100))
>>> rng = np.random.default_rng(0)
>>> [det.update(rng.exponential(0.03, 100)) for _ in range(5)]     # one task: steady
[False, False, False, False, False]
>>> det.update(rng.exponential(0.1, 100)), round(det.last_z, 1) > 4  # the world changed
(True, True)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from neuroplast.config import Config, check_range
from neuroplast.errors import InvalidInputError

__all__ = ["LossShiftConfig", "LossShiftDetector"]


@dataclass
class LossShiftConfig(Config):
    """When a batch of prequential losses counts as a new task.

    >>> LossShiftConfig().threshold
    4.0
    """

    threshold: float = field(default=4.0, metadata={
        "help": "standard errors above the running mean a batch's mean loss must reach; 4 "
                "is a one-sided Gaussian tail of 3e-5 per batch, with room for the right "
                "skew of per-example losses"})
    memory: int = field(default=1000, metadata={
        "help": "examples the running mean and variance remember (EMA of rate 1/memory)"})
    warmup: int = field(default=200, metadata={
        "help": "examples seen (since the start or the last boundary) before it can fire"})

    def __post_init__(self) -> None:
        check_range("LossShiftConfig", "threshold", self.threshold, 0.0, low_inclusive=False)
        check_range("LossShiftConfig", "memory", self.memory, 1)
        check_range("LossShiftConfig", "warmup", self.warmup, 2)


class LossShiftDetector:
    """Fires when a batch's mean prequential loss jumps (see the module doc)."""

    def __init__(self, config: LossShiftConfig | None = None) -> None:
        self.config = config or LossShiftConfig()
        self.fired = 0
        self.last_z = 0.0
        self.reset()

    def reset(self) -> None:
        """Forget the statistics (a new task starts a fresh warm-up)."""
        self.count = 0
        self.mean = 0.0
        self.var = 0.0

    def update(self, losses: Sequence[float]) -> bool:
        """Observe a batch of per-example losses taken before learning; True on a boundary."""
        values = [float(x) for x in losses]
        if not all(math.isfinite(x) and x >= 0 for x in values):
            raise InvalidInputError("losses must be finite and >= 0; check the model's "
                                    "predictions for NaN before passing them")
        if not values:
            return False
        fired = False
        if self.count >= self.config.warmup:
            se = math.sqrt(max(self.var, 1e-12) / len(values))
            self.last_z = (sum(values) / len(values) - self.mean) / se
            if self.last_z > self.config.threshold:
                self.reset()
                self.fired += 1
                fired = True
        for x in values:
            self._add(x)
        return fired

    def _add(self, x: float) -> None:
        self.count += 1
        rate = max(1.0 / self.config.memory, 1.0 / self.count)  # exact mean while young
        delta = x - self.mean
        self.mean += rate * delta
        self.var = (1.0 - rate) * (self.var + rate * delta * delta)

    def state(self) -> list[float]:
        return [float(self.count), self.mean, self.var, float(self.fired), self.last_z]

    def load_state(self, state: Sequence[float]) -> None:
        if len(state) != 5:
            raise InvalidInputError(f"detector state has {len(state)} values, expected 5; "
                                    "the file is damaged, delete it to start afresh")
        count, self.mean, self.var, fired, self.last_z = (float(v) for v in state)
        self.count, self.fired = int(count), int(fired)
