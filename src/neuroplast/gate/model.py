"""The gate's model: a small MLP from a call's feature vector to one logit of approval.

The output layer starts at zero, so an untrained gate says p = 0.5 for every call
(it asks) instead of a random lean one way.

>>> import torch
>>> model = GateModel(GateModelConfig(in_dim=4, hidden=8))
>>> torch.sigmoid(model(torch.ones(2, 4))).tolist()
[0.5, 0.5]
>>> bce_loss(torch.zeros(2), torch.tensor([1.0, 0.0])).shape
torch.Size([2])
>>> build_gate_model(in_dim=4, hidden=8).config.hidden
8
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from neuroplast.config import Config, check_range
from neuroplast.errors import ConfigError
from neuroplast.learn.losses import bce_loss  # the gate's loss, re-exported here

__all__ = ["GateModel", "GateModelConfig", "bce_loss", "build_gate_model"]


@dataclass
class GateModelConfig(Config):
    """Shape of the gate's MLP."""

    in_dim: int
    hidden: int = 128
    seed: int = 0

    def __post_init__(self) -> None:
        for name in ("in_dim", "hidden", "seed"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise ConfigError(f"GateModelConfig.{name}={value!r} must be an integer")
        check_range("GateModelConfig", "in_dim", self.in_dim, 1)
        check_range("GateModelConfig", "hidden", self.hidden, 1)
        check_range("GateModelConfig", "seed", self.seed, 0)


class GateModel(nn.Module):
    """``in_dim -> hidden -> 1`` with ReLU; returns one logit per row (shape ``(n,)``)."""

    def __init__(self, config: GateModelConfig) -> None:
        super().__init__()
        self.config = config
        # A private generator keeps initial weights independent of the global RNG state.
        gen = torch.Generator().manual_seed(config.seed)
        self.hidden = nn.Linear(config.in_dim, config.hidden)
        self.out = nn.Linear(config.hidden, 1)
        with torch.no_grad():
            bound = 1.0 / config.in_dim**0.5
            self.hidden.weight.uniform_(-bound, bound, generator=gen)
            self.hidden.bias.uniform_(-bound, bound, generator=gen)
            self.out.weight.zero_()
            self.out.bias.zero_()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.out(torch.relu(self.hidden(x))).squeeze(-1)


def build_gate_model(in_dim: int, hidden: int = 128, seed: int = 0) -> GateModel:
    """A :class:`GateModel` from plain JSON arguments: the learner's worker process
    rebuilds the gate's model with it (``ModelSpec(factory=".../model:build_gate_model")``).
    """
    return GateModel(GateModelConfig(in_dim=in_dim, hidden=hidden, seed=seed))
