"""Per-example losses with import paths, for ``ModelSpec(loss="neuroplast.learn.losses:...")``.

The learner weights and averages the per-example values itself, so each returns one loss
per row (reduction none).

>>> import torch
>>> mse_loss(torch.tensor([[1.0], [3.0]]), torch.tensor([1.0, 1.0])).tolist()
[0.0, 4.0]
>>> round(bce_loss(torch.zeros(1, 1), torch.tensor([1.0])).item(), 4)
0.6931
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import torch

__all__ = ["bce_loss", "mse_loss"]


def mse_loss(outputs: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Squared error per example; a trailing output dimension of 1 is dropped."""
    return (outputs.reshape(targets.shape) - targets) ** 2


def bce_loss(outputs: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Binary cross-entropy on logits per example; targets in [0, 1]."""
    import torch

    return torch.nn.functional.binary_cross_entropy_with_logits(
        outputs.reshape(targets.shape), targets.to(outputs.dtype), reduction="none"
    )
