"""Configuration of the learning tool-call gate.

The gate's parts keep their own configs, nested here rather than copied: the confidence
``bands``, the ``support`` memory of answers, the ``learner`` and its ``ewc`` and
``replay``. In a TOML file each is a table:

.. code-block:: toml

    deny_rules = ["Bash(git push --force:*)"]
    disabled_rules = ["close_approvals"]
    redact_secrets = true
    [bands]
    allow = 0.85
    [support]
    similarity = 0.75

>>> GateConfig(mode="shadow").mode
'shadow'
>>> GateConfig.from_dict({"bands": {"allow": 0.9}}).bands.allow
0.9
>>> GateConfig(disabled_rules=["no_such_rule"])
Traceback (most recent call last):
...
neuroplast.errors.ConfigError: GateConfig.disabled_rules names an unknown rule 'no_such_rule'; \
rules: shadow_mode, user_rules, untrained, model_unfit, refused_repeat, model_deny, \
model_unsure, risk_flags, latest_refusal, mistaken_family, first_place, first_use, \
nearest_refused, close_approvals, described_refusal, new_part, model_allow
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from neuroplast.config import Config, check_range
from neuroplast.core.bands import BandsConfig
from neuroplast.core.ewc import OnlineEWCConfig
from neuroplast.core.replay import ReplayConfig
from neuroplast.errors import ConfigError
from neuroplast.gate.embedding import EmbedderConfig
from neuroplast.gate.support import SupportConfig
from neuroplast.learn.config import LearnerConfig

__all__ = ["LOCK_THRESHOLD", "GateConfig"]

LOCK_THRESHOLD = 4.0  # answers weighted this much or more are locked in replay
_ZERO_OK = ("seed", "min_labels_to_decide", "risky_repeat_approvals",
            "risky_trust_approvals")
_INTS = ("risky_repeat_approvals", "risky_trust_approvals", "min_labels_to_decide",
         "accuracy_window", "convergence_window", "min_labels_converged",
         "hidden", "seed", "checkpoint_max_answers")


def _learner() -> LearnerConfig:
    # batch_size=1: one round per answer, so how much the gate trains does not depend on
    # how fast answers arrive (a burst would otherwise share a few rounds and underfit).
    # 'process': a low-priority worker process, so decisions keep their latency.
    return LearnerConfig(lr=3e-3, steps_per_round=4, batch_size=1, yield_s=0.0005,
                         backend="process", publish_interval_s=0.05, rounds_per_request=8)


@dataclass
class GateConfig(Config):
    """What the gate decides on its own, and how it learns from the user's answers."""

    mode: Literal["auto", "shadow"] = field(
        default="auto", metadata={"help": "auto decides; shadow learns but always asks"}
    )
    allow_rules: list[str] = field(default_factory=list, metadata={"help": "e.g. Bash(ls:*)"})
    ask_rules: list[str] = field(default_factory=list)
    deny_rules: list[str] = field(default_factory=list)
    disabled_rules: list[str] = field(default_factory=list, metadata={
        "help": "decision rules switched off by name (``neuroplast gate rules`` lists them)"})
    redact_secrets: bool = field(default=False, metadata={
        "help": "store each call with the secrets found in it (tokens, keys, passwords "
                "given as arguments, private keys) replaced by [redacted:KIND]; the gate "
                "then decides and learns from that redacted call alone (gate.redact)"})
    bands: BandsConfig = field(default_factory=BandsConfig, metadata={
        "help": "p >= allow: the model would allow; p <= block: it would deny"})
    support: SupportConfig = field(default_factory=SupportConfig, metadata={
        "help": "when the user's answers support an auto-allow (gate.support)"})
    embedder: EmbedderConfig = field(default_factory=EmbedderConfig, metadata={
        "help": "how MiniLM runs on a cache miss (int8 or float, gate.embedding)"})
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
    risky_repeat_approvals: int = field(
        default=2,
        metadata={"help": "a flagged call is left to the model once the user approved that "
                          "very call (same tool, input and directory) this many times since "
                          "they last refused it, as Claude Code's 'don't ask again'; 0: off"},
    )
    risky_trust_approvals: int = field(
        default=10,
        metadata={"help": "or once they approved this many calls with each of its flags "
                          "since refusing a call flagged with some of them and nothing "
                          "else; 0: off"},
    )
    ask_budget: float = field(
        default=0.2,
        metadata={"help": "the share of calls the user lets the gate ask about: while fewer "
                          "of its recent decisions were asks, it also asks about a "
                          "sub-command or flag no approved call used (rule new_part); 0: off"},
    )
    convergence_window: int = field(
        default=1000, metadata={"help": "labelled decisions the agreement is measured over"}
    )
    convergence_target: float = field(default=0.95, metadata={"help": "agreement to converge"})
    min_labels_converged: int = field(
        default=100, metadata={"help": "labelled decisions needed before 'converged' can be true"}
    )
    hidden: int = field(default=128, metadata={"help": "hidden width of the gate's MLP"})
    learner: LearnerConfig = field(default_factory=_learner, metadata={
        "help": "how the model trains on the answers (in a worker process by default)"})
    ewc: OnlineEWCConfig = field(
        default_factory=lambda: OnlineEWCConfig(lambda_=10.0, gamma=0.9),
        metadata={"help": "online EWC, so old preferences are not forgotten"})
    replay: ReplayConfig = field(
        default_factory=lambda: ReplayConfig(capacity=1000, lock_threshold=LOCK_THRESHOLD),
        metadata={"help": "replayed answers; those weighted >= lock_threshold are locked"})
    checkpoint_interval_s: float = field(
        default=5.0, metadata={"help": "a checkpoint of the trained model is written this "
                               "often while it changes (a restart re-learns the answers "
                               "after it), even while answers keep coming"})
    checkpoint_max_answers: int = field(
        default=200, metadata={"help": "and as soon as the model includes this many answers "
                               "more than the last checkpoint"})
    seed: int = field(default=0, metadata={"help": "seed of the model's initial weights"})

    def __post_init__(self) -> None:
        owner = type(self).__name__
        if self.mode not in ("auto", "shadow"):
            raise ConfigError(f"{owner}.mode={self.mode!r} is unknown; use 'auto' or 'shadow'")
        for name in _INTS:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise ConfigError(f"{owner}.{name}={value!r} must be an integer")
            check_range(owner, name, value, 0 if name in _ZERO_OK else 1)
        if not isinstance(self.redact_secrets, bool):
            raise ConfigError(f"{owner}.redact_secrets={self.redact_secrets!r} must be true "
                              "or false")
        check_range(owner, "min_recent_accuracy", self.min_recent_accuracy, 0.0, 1.0)
        check_range(owner, "ask_budget", self.ask_budget, 0.0, 1.0)
        check_range(owner, "convergence_target", self.convergence_target, 0.0, 1.0)
        check_range(owner, "checkpoint_interval_s", self.checkpoint_interval_s, 0.0)
        for name in ("allow_rules", "ask_rules", "deny_rules", "disabled_rules"):
            rules = getattr(self, name)
            if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
                raise ConfigError(
                    f"{owner}.{name}={rules!r} must be a list of strings, like "
                    + ("['close_approvals']" if name == "disabled_rules" else "['Bash(ls:*)']")
                )
        for name, kind in (("bands", BandsConfig), ("support", SupportConfig),
                           ("embedder", EmbedderConfig), ("learner", LearnerConfig),
                           ("ewc", OnlineEWCConfig), ("replay", ReplayConfig)):
            if not isinstance(getattr(self, name), kind):
                raise ConfigError(f"{owner}.{name} must be a {kind.__name__} (a table "
                                  f"[{name}] in a config file)")
        from neuroplast.gate.decision_rules import RULE_NAMES  # the rules need this module

        for name in self.disabled_rules:
            if name not in RULE_NAMES:
                raise ConfigError(f"{owner}.disabled_rules names an unknown rule {name!r}; "
                                  f"rules: {', '.join(RULE_NAMES)}")
