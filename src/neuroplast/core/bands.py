"""Confidence bands: turn a probability into allow / ask / block.

A gate acts on its own only where it is confident: above ``allow`` it allows, at or
below ``block`` it blocks, and in between it asks the user (whose answer becomes a
training signal).
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Literal

from neuroplast.config import Config, check_range
from neuroplast.errors import ConfigError, InvalidInputError, NumericalError

__all__ = ["BandsConfig", "ConfidenceBands", "Decision"]

Decision = Literal["allow", "ask", "block"]


@dataclass
class BandsConfig(Config):
    """Thresholds of the bands: ``0 <= block < allow <= 1``; both ends are inclusive.

    >>> BandsConfig(allow=0.9, block=0.1)
    BandsConfig(allow=0.9, block=0.1)
    >>> BandsConfig(allow=0.3, block=0.5)
    Traceback (most recent call last):
    ...
    neuroplast.errors.ConfigError: BandsConfig.block=0.5 must be below BandsConfig.allow=0.3; \
lower block or raise allow so an 'ask' band remains between them
    """

    allow: float = 0.8
    block: float = 0.2

    def __post_init__(self) -> None:
        check_range("BandsConfig", "allow", self.allow, 0.0, 1.0)
        check_range("BandsConfig", "block", self.block, 0.0, 1.0)
        if not self.block < self.allow:
            raise ConfigError(
                f"BandsConfig.block={self.block!r} must be below BandsConfig.allow="
                f"{self.allow!r}; lower block or raise allow so an 'ask' band remains between them"
            )


class ConfidenceBands:
    """Decide allow / ask / block from the probability that an action is acceptable.

    >>> bands = ConfidenceBands(BandsConfig(allow=0.8, block=0.2))
    >>> [bands.decide(p) for p in (0.95, 0.8, 0.5, 0.2, 0.0)]
    ['allow', 'allow', 'ask', 'block', 'block']
    """

    def __init__(self, config: BandsConfig | None = None) -> None:
        self.config = config if config is not None else BandsConfig()

    def decide(self, p: float) -> Decision:
        """``p >= allow`` → allow; ``p <= block`` → block; otherwise ask."""
        p = _as_float(p)
        if math.isnan(p):
            raise NumericalError(
                "decide got a NaN probability; check the model's outputs for NaN before deciding"
            )
        if not 0.0 <= p <= 1.0:
            raise InvalidInputError(
                f"decide got p={p!r}, outside [0, 1]; pass a probability, not a logit or score"
            )
        if p >= self.config.allow:
            return "allow"
        if p <= self.config.block:
            return "block"
        return "ask"

    def __repr__(self) -> str:
        return f"ConfidenceBands({self.config!r})"


def _as_float(p: object) -> float:
    """Accept real numbers and one-element tensors / numpy scalars; reject str and bool."""
    if isinstance(p, bool | str | bytes) or p is None:
        raise InvalidInputError(
            f"decide expects a probability as a number, got {type(p).__name__}; "
            "pass a float in [0, 1]"
        )
    if isinstance(p, numbers.Real):
        return float(p)
    item = getattr(p, "item", None)  # torch tensors and numpy arrays with one element
    if callable(item):
        try:
            value = item()
        except (RuntimeError, ValueError) as exc:
            raise InvalidInputError(
                f"decide expects one probability, got a {type(p).__name__} with several "
                "values; call decide once per element"
            ) from exc
        if isinstance(value, numbers.Real) and not isinstance(value, bool):
            return float(value)
    raise InvalidInputError(
        f"decide expects a probability as a number, got {type(p).__name__}; pass a float in [0, 1]"
    )
