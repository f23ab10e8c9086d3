"""Configuration of a LoRA adapter: rank, alpha, dropout, targets, tier."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from neuroplast.config import Config, check_range
from neuroplast.errors import ConfigError

__all__ = ["TIER_RANKS", "LoRAConfig"]

# micro adapters are applied per request and updated in the instant loop, so they stay
# tiny; base adapters are trained in the background and can afford more capacity.
TIER_RANKS: dict[str, tuple[int, int]] = {"micro": (1, 2), "base": (4, 16)}


@dataclass
class LoRAConfig(Config):
    """One adapter's settings. ``target_modules`` are module names or name suffixes.

    >>> LoRAConfig(rank=2, alpha=4.0, target_modules=["q_proj"], tier="micro").scaling
    2.0
    >>> LoRAConfig(rank=8, alpha=16.0, target_modules=["q_proj"], tier="micro")
    Traceback (most recent call last):
    ...
    neuroplast.errors.ConfigError: LoRAConfig.rank=8 does not fit tier 'micro' (ranks 1-2); \
use a rank in 1-2 or tier='base' (ranks 4-16)
    """

    rank: int = field(metadata={"help": "rank r of the update B·A"})
    alpha: float = field(metadata={"help": "the update is scaled by alpha / rank"})
    dropout: float = field(default=0.0, metadata={"help": "dropout on the adapter input"})
    target_modules: list[str] = field(
        default_factory=list,
        metadata={"help": "nn.Linear names or suffixes ('q_proj' matches 'model.x.q_proj')"},
    )
    tier: Literal["micro", "base"] = field(
        default="base", metadata={"help": "micro: rank 1-2, instant loop; base: rank 4-16"}
    )

    def __post_init__(self) -> None:
        if not isinstance(self.tier, str) or self.tier not in TIER_RANKS:
            raise ConfigError(
                f"LoRAConfig.tier={self.tier!r} is unknown; use 'micro' (rank 1-2) "
                "or 'base' (rank 4-16)"
            )
        low, high = TIER_RANKS[self.tier]
        if isinstance(self.rank, bool) or not isinstance(self.rank, int):
            raise ConfigError(f"LoRAConfig.rank={self.rank!r} is invalid; use an integer")
        if not low <= self.rank <= high:
            other = "base" if self.tier == "micro" else "micro"
            o_low, o_high = TIER_RANKS[other]
            raise ConfigError(
                f"LoRAConfig.rank={self.rank} does not fit tier {self.tier!r} "
                f"(ranks {low}-{high}); use a rank in {low}-{high} "
                f"or tier={other!r} (ranks {o_low}-{o_high})"
            )
        check_range("LoRAConfig", "alpha", self.alpha, 0.0, low_inclusive=False)
        if self.alpha == float("inf"):
            raise ConfigError("LoRAConfig.alpha=inf is invalid; use a finite alpha > 0")
        check_range("LoRAConfig", "dropout", self.dropout, 0.0, 1.0, high_inclusive=False)
        targets = self.target_modules
        if (
            not isinstance(targets, list | tuple)
            or not targets
            or not all(isinstance(t, str) and t for t in targets)
        ):
            raise ConfigError(
                f"LoRAConfig.target_modules={targets!r} is invalid; give a non-empty list of "
                "module names or suffixes, e.g. ['q_proj', 'v_proj']"
            )
        self.target_modules = list(targets)

    @property
    def scaling(self) -> float:
        """The factor alpha / rank applied to the adapter's output (as in PEFT)."""
        return self.alpha / self.rank
