"""What an install shares with its peers and how much their answers count.

>>> PeersConfig().weight, PeersConfig().peer_support
(0.5, 'both')
>>> PeersConfig(weight=1.0)
Traceback (most recent call last):
...
neuroplast.errors.ConfigError: PeersConfig.weight=1.0 is out of range; use a value in (0.0, 1.0)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from neuroplast.config import Config, check_range
from neuroplast.errors import ConfigError

__all__ = ["ADAPTER_KINDS", "PeersConfig"]

# adapter weights an install may send and take: memory's LoRA adapters (PEFT) and SONA's
# router (its two LoRA adapters and route head: sona.peer_routers)
ADAPTER_KINDS = ("memory", "sona")


@dataclass
class PeersConfig(Config):
    """The ``[peers]`` table of the service's config file."""

    weight: float = field(default=0.5, metadata={
        "help": "training weight of a peer's answer; the user's own weigh 1 or more"})
    peer_support: Literal["refusals", "both", "none"] = field(default="both", metadata={
        "help": "which of a peer's answers enter the memory of answers the gate's rules "
                "read (gate.peer_learning): 'refusals' make the gate ask about their keys "
                "until the user approves them (never deny); 'both' also lets approvals "
                "count as first use and close approvals (never vouching: no risk flag "
                "cleared, no refusal lifted); 'none': they train the model only. 'both' by "
                "default: on benchmarks/peers_sharing.py it asked 10-23% less than alone "
                "(refusals alone: -7% to +6%), with no unsafe auto-allow in any mode"})
    features_only: bool = field(default=False, metadata={
        "help": "privacy: send each call's structural features and embedding, never its "
                "text (the tool's name is sent)"})
    sync_interval_s: float = field(default=5.0, metadata={
        "help": "how often to push to and pull from each peer"})
    backoff_max_s: float = field(default=300.0, metadata={
        "help": "longest wait before retrying a peer that failed"})
    timeout_s: float = field(default=5.0, metadata={"help": "per HTTP request to a peer"})
    max_signals: int = field(default=64, metadata={"help": "signals per bundle"})
    max_age_s: float = field(default=300.0, metadata={
        "help": "a bundle or pull request older than this (clock difference included) is "
                "refused as a replay"})
    push: bool = True
    pull: bool = True
    adapter_kinds: list[str] = field(default_factory=lambda: ["memory", "sona"], metadata={
        "help": "adapter weights to exchange with peers trusted with weights (`peers add "
                "... --trust weights`): 'memory' (its published PEFT LoRA adapter), 'sona' "
                "(the router's adapters and route head); [] for none"})
    adapter_weight: float = field(default=0.5, metadata={
        "help": "how much a peer's adapter counts against this install's own (1): memory's "
                "is merged into the scoring model at this scale; a SONA router's evidence "
                "(its precision) counts this much against the own router's. Removing the "
                "peer, or trusting it with signals only, takes it out again"})
    max_adapter_mb: float = field(default=64.0, metadata={
        "help": "largest adapter taken from a peer (its safetensors file)"})
    ca_file: str = field(default="", metadata={
        "help": "PEM file of the certificate authorities to trust for https:// peers, "
                "instead of the system's (a team's own CA, or a peer's self-signed "
                "certificate); '' trusts the system's store. Certificates are always "
                "checked: a peer whose certificate does not verify is not reached"})

    def __post_init__(self) -> None:
        if self.peer_support not in ("refusals", "both", "none"):
            raise ConfigError(f"PeersConfig.peer_support={self.peer_support!r} is not one of "
                              "'refusals', 'both', 'none'")
        check_range("PeersConfig", "weight", self.weight, 0.0, 1.0,
                    low_inclusive=False, high_inclusive=False)
        check_range("PeersConfig", "sync_interval_s", self.sync_interval_s, 0.01)
        check_range("PeersConfig", "backoff_max_s", self.backoff_max_s, 0.01)
        check_range("PeersConfig", "timeout_s", self.timeout_s, 0.01)
        check_range("PeersConfig", "max_signals", self.max_signals, 1, 10_000)
        check_range("PeersConfig", "max_age_s", self.max_age_s, 1.0)
        check_range("PeersConfig", "max_adapter_mb", self.max_adapter_mb, 0.001, 4096)
        check_range("PeersConfig", "adapter_weight", self.adapter_weight, 0.0, 1.0,
                    low_inclusive=False, high_inclusive=False)
        if not isinstance(self.adapter_kinds, list) or not set(self.adapter_kinds) <= set(
                ADAPTER_KINDS):
            raise ConfigError(f"PeersConfig.adapter_kinds={self.adapter_kinds!r}: use a list "
                              f"of {', '.join(ADAPTER_KINDS)}")
