"""Every knob of the continual benchmark in one documented dataclass.

Both implementations (neuroplast and Avalanche) read the same fields, so they get the same
model, optimizer, epochs, batch size, EWC strength and replay memory.

>>> ContinualConfig(quick=True).epochs
1
>>> ContinualConfig(epochs=0)
Traceback (most recent call last):
...
neuroplast.errors.ConfigError: ContinualConfig.epochs=0 is out of range; use a value in [1, 1000]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from neuroplast.config import Config, check_range

__all__ = ["ContinualConfig"]


@dataclass
class ContinualConfig(Config):
    """Hyperparameters of the continual benchmark (offline and online settings)."""

    hidden: int = field(default=256, metadata={"help": "width of both hidden layers (64-h-h-10)"})
    lr: float = field(default=0.05, metadata={"help": "SGD learning rate, both implementations"})
    momentum: float = field(default=0.9, metadata={"help": "SGD momentum; state kept across tasks"})
    epochs: int = field(default=5, metadata={"help": "offline: epochs per task"})
    batch_size: int = field(default=32, metadata={"help": "offline: mini-batch size"})
    online_batch_size: int = field(default=10, metadata={"help": "online: one pass, this batch"})
    ewc_lambda: float = field(
        default=100.0,
        metadata={"help": "EWC strength λ; Avalanche gets the same λ (its penalty has no ½ "
                  "and its importance is summed over tasks, see ewc_gamma)"},
    )
    ewc_gamma: float = field(
        default=0.9, metadata={"help": "online Fisher decay; Avalanche decay_factor is the same"}
    )
    ewc_fisher_batches: int = field(
        default=0, metadata={"help": "batches used to estimate the Fisher at task end; 0 = all"}
    )
    replay_capacity: int = field(
        default=500, metadata={"help": "replay memory size (Avalanche mem_size is the same)"}
    )
    replay_batch: int = field(
        default=32, metadata={"help": "old examples mixed into every batch (Avalanche: same)"}
    )
    seeds: int = field(default=2, metadata={"help": "seeds averaged (0, 1, ...)"})
    threads: int = field(default=1, metadata={"help": "torch CPU threads"})
    quick: bool = field(default=False, metadata={"help": "tiny budget for tests and smoke runs"})

    def __post_init__(self) -> None:
        if self.quick:
            # Quick: one epoch, one seed; enough to see replay beat fine-tuning in seconds.
            self.epochs, self.seeds = 1, 1
        owner = type(self).__name__
        check_range(owner, "hidden", self.hidden, 1, 65536)
        check_range(owner, "lr", self.lr, 0.0, 10.0, low_inclusive=False)
        check_range(owner, "momentum", self.momentum, 0.0, 1.0, high_inclusive=False)
        check_range(owner, "epochs", self.epochs, 1, 1000)
        check_range(owner, "batch_size", self.batch_size, 1, 100000)
        check_range(owner, "online_batch_size", self.online_batch_size, 1, 100000)
        check_range(owner, "ewc_lambda", self.ewc_lambda, 0.0)
        check_range(owner, "ewc_gamma", self.ewc_gamma, 0.0, 1.0)
        check_range(owner, "ewc_fisher_batches", self.ewc_fisher_batches, 0)
        check_range(owner, "replay_capacity", self.replay_capacity, 1)
        check_range(owner, "replay_batch", self.replay_batch, 1)
        check_range(owner, "seeds", self.seeds, 1, 100)
        check_range(owner, "threads", self.threads, 1, 1024)
