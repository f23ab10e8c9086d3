"""Configuration of :class:`~neuroplast.learn.learner.OnlineLearner`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from neuroplast.config import Config, check_range
from neuroplast.core.der import DERConfig
from neuroplast.errors import ConfigError

__all__ = ["LearnerConfig"]


@dataclass
class LearnerConfig(Config):
    """How the learner trains its copy and how hard it pushes back on callers.

    >>> LearnerConfig(batch_size=8, optimizer="sgd").steps_per_round
    4
    >>> LearnerConfig(batch_size=0)
    Traceback (most recent call last):
    ...
    neuroplast.errors.ConfigError: LearnerConfig.batch_size=0 is out of range; use a value in \
[1, inf)
    """

    batch_size: int = field(
        default=32, metadata={"help": "new examples taken from the queue per training round"}
    )
    rounds_per_request: int = field(
        default=1,
        metadata={"help": "process backend: while answers queue up, ship up to this many "
                  "rounds (each of batch_size new examples) in one request to the worker, "
                  "answered once and published once: fewer wake-ups of the serving process "
                  "and less of its GIL per example; the maths per round is unchanged"},
    )
    steps_per_round: int = field(
        default=4, metadata={"help": "optimizer steps per round (each on new + replayed examples)"}
    )
    lr: float = field(default=1e-2, metadata={"help": "learning rate of the optimizer"})
    optimizer: Literal["adam", "sgd"] = field(default="adam", metadata={"help": "adam or sgd"})
    replay_batch: int = field(
        default=32,
        metadata={"help": "ordinary replay examples mixed into each step (locked ones on top)"},
    )
    max_pending: int = field(
        default=10_000, metadata={"help": "bound of the queue of examples waiting for training"}
    )
    enqueue_timeout_s: float = field(
        default=5.0,
        metadata={"help": "how long learn() waits for room in a full queue before raising"},
    )
    yield_s: float = field(
        default=0.0005,
        metadata={"help": "pause between optimizer steps so prediction threads get the GIL"},
    )
    publish_interval_s: float = field(
        default=0.0,
        metadata={"help": "while a backlog trains, publish a new live model at most this "
                  "often (0 = after every round); the round that empties the queue always "
                  "publishes"},
    )
    serve_wait_s: float = field(
        default=0.02,
        metadata={"help": "longest pause of training's Python work while a caller is inside "
                  "OnlineLearner.serving() (0 = never defer)"},
    )
    train_niceness: int = field(
        default=10,
        metadata={"help": "OS scheduling niceness of the training thread (Linux: per thread; "
                  "0 = unchanged), so serving threads win the CPU when both are runnable"},
    )
    seed: int = field(default=0, metadata={"help": "seed of the learner's own batch shuffling"})
    der: DERConfig | None = field(
        default=None,
        metadata={"help": "dark experience replay (DER++): store the model's logits with each "
                  "replayed example and replay them (weight alpha) beside an independent draw "
                  "of labels (weight beta); None: plain replay. Locked examples are replayed "
                  "in every step as with plain replay"},
    )
    backend: Literal["thread", "process"] = field(
        default="thread",
        metadata={"help": "where rounds train: 'thread' (in this process) or 'process' (a "
                  "worker process, so training takes no GIL from serving; needs a ModelSpec)"},
    )

    def __post_init__(self) -> None:
        owner = type(self).__name__
        if isinstance(self.der, dict):  # as read from JSON
            self.der = DERConfig.from_dict(self.der)
        if self.der is not None and not isinstance(self.der, DERConfig):
            raise ConfigError(f"{owner}.der={self.der!r}; use DERConfig(alpha=..., beta=...) "
                              "or None")
        for name in ("batch_size", "steps_per_round", "max_pending", "seed", "replay_batch",
                     "rounds_per_request"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool):
                raise ConfigError(f"{owner}.{name}={value!r} must be an integer")
        check_range(owner, "batch_size", self.batch_size, 1)
        check_range(owner, "steps_per_round", self.steps_per_round, 1)
        check_range(owner, "rounds_per_request", self.rounds_per_request, 1, 10_000)
        check_range(owner, "replay_batch", self.replay_batch, 0)
        check_range(owner, "max_pending", self.max_pending, 1)
        check_range(owner, "seed", self.seed, 0)
        check_range(owner, "lr", self.lr, 0.0, low_inclusive=False)
        check_range(owner, "enqueue_timeout_s", self.enqueue_timeout_s, 0.0)
        check_range(owner, "yield_s", self.yield_s, 0.0, 1.0)
        check_range(owner, "serve_wait_s", self.serve_wait_s, 0.0, 10.0)
        check_range(owner, "publish_interval_s", self.publish_interval_s, 0.0, 3600.0)
        check_range(owner, "train_niceness", self.train_niceness, 0, 19)
        if self.optimizer not in ("adam", "sgd"):
            raise ConfigError(
                f"{owner}.optimizer={self.optimizer!r} is not supported; use 'adam' or 'sgd'"
            )
        if self.backend not in ("thread", "process"):
            raise ConfigError(
                f"{owner}.backend={self.backend!r} is not supported; use 'thread' or 'process'"
            )
        if self.max_pending < self.batch_size:
            raise ConfigError(
                f"{owner}.max_pending={self.max_pending} is smaller than batch_size="
                f"{self.batch_size}; raise max_pending so a full round fits in the queue"
            )
