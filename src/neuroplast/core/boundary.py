"""Task-boundary detection from gradient statistics (what SONA's EWC++ describes).

The statistic is the log of the total gradient norm. A model fitted to one distribution
has small gradients on it; data from a new distribution raises the loss and with it the
gradient norm, by a factor rather than an offset, hence the log (multiplicative noise
becomes additive and roughly symmetric). The detector keeps an exponential running mean
and variance of the statistic and fires when ``patience`` consecutive steps sit more than
``threshold`` standard deviations *above* the mean. Only upward moves count: within a
task the gradient norm drifts down as the model converges, and that must not fire.
Outliers are not folded into the statistics, so a shift is judged against the old task.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from neuroplast.config import Config, check_range
from neuroplast.errors import NumericalError, StateMismatchError

if TYPE_CHECKING:
    import torch

__all__ = ["BoundaryConfig", "GradientShiftDetector"]


@dataclass
class BoundaryConfig(Config):
    """When a run of high gradient statistics counts as a new task.

    >>> BoundaryConfig(patience=2).threshold
    4.0
    """

    threshold: float = field(default=4.0, metadata={"help": "z-score of an outlier step"})
    warmup: int = field(default=20, metadata={"help": "steps observed before it can fire"})
    patience: int = field(default=3, metadata={"help": "consecutive outliers needed to fire"})
    decay: float = field(
        default=0.98, metadata={"help": "EMA decay of the running mean/variance, in (0, 1)"}
    )
    min_std: float = field(
        default=0.05,
        metadata={"help": "floor on the std of log-norm, so steady gradients do not fire"},
    )

    def __post_init__(self) -> None:
        check_range("BoundaryConfig", "threshold", self.threshold, 0.0, low_inclusive=False)
        check_range("BoundaryConfig", "warmup", self.warmup, 2, integer=True)
        check_range("BoundaryConfig", "patience", self.patience, 1, integer=True)
        check_range(
            "BoundaryConfig",
            "decay",
            self.decay,
            0.0,
            1.0,
            low_inclusive=False,
            high_inclusive=False,
        )
        check_range("BoundaryConfig", "min_std", self.min_std, 0.0)


class GradientShiftDetector:
    """Fires when the gradient norm jumps well above its running level for a while.

    >>> det = GradientShiftDetector(BoundaryConfig(warmup=5, patience=2))
    >>> [det.update(1.0 + 0.01 * (i % 3)) for i in range(8)]   # one task: steady
    [False, False, False, False, False, False, False, False]
    >>> [det.update(30.0) for _ in range(2)]                   # a new task
    [False, True]
    >>> det.count                                              # re-armed for the next one
    0
    """

    def __init__(self, config: BoundaryConfig | None = None) -> None:
        self.config = config or BoundaryConfig()
        self.reset()

    def reset(self) -> None:
        """Forget the statistics (a new task starts a fresh warm-up)."""
        self.count = 0
        self.mean = 0.0
        self.var = 0.0
        self.streak = 0
        self.last_z = 0.0

    def is_outlier(self, grad_norm: float) -> bool:
        """Whether ``grad_norm`` would count as an outlier now (changes nothing)."""
        if self.count < self.config.warmup or not math.isfinite(grad_norm):
            return False
        return self._z(math.log(grad_norm + 1e-12)) > self.config.threshold

    def _z(self, x: float) -> float:
        return (x - self.mean) / max(math.sqrt(self.var), self.config.min_std)

    def update(self, grad_norm: float) -> bool:
        """Observe one step's total gradient norm; True when a boundary is detected."""
        if not math.isfinite(grad_norm) or grad_norm < 0:
            raise NumericalError(
                f"gradient norm {grad_norm!r} is not a finite non-negative number; "
                "check the loss and gradients for NaN before calling update()"
            )
        x = math.log(grad_norm + 1e-12)
        cfg = self.config
        if self.count < cfg.warmup:
            # Exact mean/variance (Welford) while warming up, then exponential tracking.
            self.count += 1
            delta = x - self.mean
            self.mean += delta / self.count
            self.var += (delta * (x - self.mean) - self.var) / self.count
            return False
        self.last_z = self._z(x)
        if self.last_z > cfg.threshold:
            self.streak += 1
            if self.streak >= cfg.patience:
                self.reset()
                return True
            return False
        self.streak = 0
        self.count += 1
        delta = x - self.mean
        self.mean += (1.0 - cfg.decay) * delta
        self.var = cfg.decay * (self.var + (1.0 - cfg.decay) * delta * delta)
        return False

    def state_dict(self) -> dict[str, torch.Tensor]:
        import torch

        stats = [self.count, self.mean, self.var, self.streak, self.last_z]
        return {"detector": torch.tensor(stats, dtype=torch.float64)}

    def load_state_dict(self, state: dict[str, torch.Tensor]) -> None:
        t = state.get("detector")
        if t is None or tuple(t.shape) != (5,):
            got = None if t is None else tuple(t.shape)
            raise StateMismatchError(
                f"detector state has shape {got}, expected (5,); the file is damaged, "
                "delete it to start the detector afresh"
            )
        count, self.mean, self.var, streak, self.last_z = (float(v) for v in t.tolist())
        self.count, self.streak = int(count), int(streak)
