"""Configuration of the learning tool-call gate.

>>> GateConfig(mode="shadow").mode
'shadow'
>>> GateConfig(allow_threshold=0.3, block_threshold=0.6)
Traceback (most recent call last):
...
neuroplast.errors.ConfigError: GateConfig.block_threshold=0.6 must be below \
allow_threshold=0.3; leave an 'ask' band between them
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from neuroplast.config import Config, check_range
from neuroplast.errors import ConfigError
from neuroplast.gate.support import SupportConfig

__all__ = ["GateConfig"]

_ZERO_OK = ("seed", "min_labels_to_decide", "workaround_window", "risky_repeat_approvals",
            "risky_trust_approvals")
_INTS = (
    "risky_repeat_approvals",
    "risky_trust_approvals",
    "min_labels_to_decide",
    "workaround_window",
    "accuracy_window",
    "convergence_window",
    "min_labels_converged",
    "hidden",
    "steps_per_round",
    "train_rounds_per_request",
    "replay_capacity",
    "seed",
    "min_support",
    "trust_min_approvals",
    "support_window",
)


@dataclass
class GateConfig(Config):
    """What the gate decides on its own, and how it learns from the user's answers."""

    mode: Literal["auto", "shadow"] = field(
        default="auto", metadata={"help": "auto decides; shadow learns but always asks"}
    )
    allow_threshold: float = field(default=0.8, metadata={"help": "p >= this -> allow"})
    block_threshold: float = field(default=0.2, metadata={"help": "p <= this -> deny"})
    min_labels_to_decide: int = field(
        default=20, metadata={"help": "labelled answers needed before the model decides"}
    )
    accuracy_window: int = field(
        default=50, metadata={"help": "recent labelled calls the live model is scored on"}
    )
    min_recent_accuracy: float = field(
        default=0.8,
        metadata={"help": "the model only decides while it fits its recent labels this well"},
    )
    risky_needs_user: bool = field(
        default=True,
        metadata={"help": "calls flagged by inspect_call are never auto-allowed by the model"},
    )
    risky_repeat_approvals: int = field(
        default=2,
        metadata={"help": "except the very call (same tool, input and directory) the user "
                          "approved this many times since they last refused it, as Claude "
                          "Code's 'don't ask again for this command'; 0: always ask"},
    )
    risky_trust_approvals: int = field(
        default=10,
        metadata={"help": "and except calls each of whose flags the user approved this "
                          "many times since refusing a call flagged with some of them and "
                          "nothing else: a user who approves every sudo is not asked about "
                          "sudo forever; the other rules still apply. 0: off"},
    )
    require_support: bool = field(
        default=True,
        metadata={"help": "the model auto-allows only calls like ones the user approved "
                          "(see gate.support); novel calls are asked"},
    )
    support_similarity: float = field(
        default=SupportConfig.similarity,
        metadata={"help": "MiniLM cosine at which an approved call supports a new one (same "
                          "command on another file 0.92-0.99, another subcommand 0.74-0.82, "
                          "unrelated programs 0.3-0.6)"},
    )
    min_support: int = field(
        default=SupportConfig.min_support,
        metadata={"help": "close approved calls needed to auto-allow"}
    )
    repeat_similarity: float = field(
        default=SupportConfig.repeat_similarity,
        metadata={"help": "one approved call this close is support on its own (a near repeat)"},
    )
    trusted_similarity: float = field(
        default=SupportConfig.trusted_similarity,
        metadata={"help": "similarity needed instead when every program the call runs is "
                          "trusted (approved trust_min_approvals times, never refused)"},
    )
    deny_repeat_similarity: float = field(
        default=SupportConfig.deny_repeat_similarity,
        metadata={"help": "a call this close to one the user refused (and closer to it than "
                          "to any approved one, its latest answer a refusal) is denied, not "
                          "asked again; 1.0 denies exact repeats only"},
    )
    workaround_window: int = field(
        default=5,
        metadata={"help": "a session's last this many calls are checked for a refusal the "
                          "new call resembles (an agent routing around it; 0: off)"},
    )
    workaround_similarity: float = field(
        default=SupportConfig.workaround_similarity,
        metadata={"help": "how close to such a refused call a call must be to be asked"},
    )
    trust_min_approvals: int = field(
        default=SupportConfig.trust_min_approvals,
        metadata={"help": "approvals (and no refusal) that make a program trusted"}
    )
    support_window: int = field(
        default=SupportConfig.window,
        metadata={"help": "answers the support memory keeps (latest rows)"}
    )
    allow_rules: list[str] = field(default_factory=list, metadata={"help": "e.g. Bash(ls:*)"})
    ask_rules: list[str] = field(default_factory=list)
    deny_rules: list[str] = field(default_factory=list)
    convergence_window: int = field(
        default=1000, metadata={"help": "labelled decisions the agreement is measured over"}
    )
    convergence_target: float = field(default=0.95, metadata={"help": "agreement to converge"})
    min_labels_converged: int = field(
        default=100, metadata={"help": "labelled decisions needed before 'converged' can be true"}
    )
    hidden: int = field(default=128, metadata={"help": "hidden width of the gate's MLP"})
    lr: float = field(default=3e-3, metadata={"help": "learning rate (Adam)"})
    steps_per_round: int = field(default=4, metadata={"help": "optimizer steps per feedback"})
    replay_capacity: int = field(default=1000, metadata={"help": "ordinary replay slots"})
    ewc_lambda: float = field(default=10.0, metadata={"help": "online EWC strength"})
    ewc_gamma: float = field(default=0.9, metadata={"help": "online EWC Fisher decay"})
    train_yield_s: float = field(
        default=0.0005,
        metadata={"help": "pause between training steps so decisions get the GIL (measured: "
                          "0.5-5 ms change p99 during training by less than the machine's "
                          "noise)"},
    )
    publish_interval_s: float = field(
        default=0.05,
        metadata={"help": "while answers queue up, swap in a newly trained model at most this "
                          "often; the round that drains the queue always publishes"},
    )
    train_rounds_per_request: int = field(
        default=8,
        metadata={"help": "process backend: queued answers trained per request to the worker "
                          "(one round each, one reply and one publish per request), so a "
                          "burst of answers wakes the serving process less"},
    )
    train_backend: Literal["thread", "process"] = field(
        default="process",
        metadata={"help": "where the gate's model trains: 'process' (a low-priority worker "
                          "process, so decisions keep their latency while it trains) or "
                          "'thread' (in the gate's process; no worker to start)"},
    )
    checkpoint_interval_s: float = field(
        default=5.0, metadata={"help": "at most one checkpoint per this many seconds"}
    )
    seed: int = field(default=0, metadata={"help": "seed of the model's initial weights"})

    def __post_init__(self) -> None:
        owner = type(self).__name__
        if self.mode not in ("auto", "shadow"):
            raise ConfigError(f"{owner}.mode={self.mode!r} is unknown; use 'auto' or 'shadow'")
        if self.train_backend not in ("thread", "process"):
            raise ConfigError(
                f"{owner}.train_backend={self.train_backend!r} is unknown; use 'process' or "
                "'thread'"
            )
        for name in _INTS:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise ConfigError(f"{owner}.{name}={value!r} must be an integer")
            check_range(owner, name, value, 0 if name in _ZERO_OK else 1)
        check_range(owner, "allow_threshold", self.allow_threshold, 0.0, 1.0)
        check_range(owner, "block_threshold", self.block_threshold, 0.0, 1.0)
        if not self.block_threshold < self.allow_threshold:
            raise ConfigError(
                f"{owner}.block_threshold={self.block_threshold!r} must be below "
                f"allow_threshold={self.allow_threshold!r}; leave an 'ask' band between them"
            )
        check_range(owner, "min_recent_accuracy", self.min_recent_accuracy, 0.0, 1.0)
        check_range(owner, "convergence_target", self.convergence_target, 0.0, 1.0)
        check_range(owner, "lr", self.lr, 0.0, low_inclusive=False)
        check_range(owner, "ewc_lambda", self.ewc_lambda, 0.0)
        check_range(owner, "ewc_gamma", self.ewc_gamma, 0.0, 1.0, high_inclusive=False)
        check_range(owner, "checkpoint_interval_s", self.checkpoint_interval_s, 0.0)
        check_range(owner, "train_yield_s", self.train_yield_s, 0.0, 1.0)
        check_range(owner, "publish_interval_s", self.publish_interval_s, 0.0, 60.0)
        for name in ("allow_rules", "ask_rules", "deny_rules"):
            rules = getattr(self, name)
            if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
                raise ConfigError(
                    f"{owner}.{name}={rules!r} must be a list of rule strings like 'Bash(ls:*)'"
                )
        for name in ("risky_needs_user", "require_support"):
            if not isinstance(getattr(self, name), bool):
                raise ConfigError(f"{owner}.{name}={getattr(self, name)!r} must be a bool")
        self.support_config()  # validates the support fields, named as SupportConfig names them

    def support_config(self) -> SupportConfig:
        """The :class:`SupportConfig` these fields describe."""
        return SupportConfig(
            similarity=self.support_similarity, min_support=self.min_support,
            trusted_similarity=self.trusted_similarity,
            repeat_similarity=self.repeat_similarity,
            deny_repeat_similarity=self.deny_repeat_similarity,
            workaround_similarity=self.workaround_similarity,
            trust_min_approvals=self.trust_min_approvals, window=self.support_window,
        )
