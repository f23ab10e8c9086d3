"""The weighted mean of per-example losses: how every training step here weighs examples
(the learner's plain step and DER++'s terms alike), so a locked or heavy answer counts the
same way in each.

>>> import torch
>>> weighted_loss(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 3.0])).item()
3.5
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from neuroplast.errors import InvalidInputError

if TYPE_CHECKING:
    import torch

__all__ = ["weighted_loss"]


def weighted_loss(losses: torch.Tensor, weights: torch.Tensor) -> torch.Tensor:
    """Mean of ``weights · losses``; ``losses`` must hold one value per example."""
    if losses.numel() != weights.numel():
        raise InvalidInputError(
            f"loss_fn returned {losses.numel()} values for a batch of {weights.numel()} "
            "examples; build it with reduction='none' so it returns one loss per example"
        )
    return (losses.reshape(weights.shape).to(weights.dtype) * weights).mean()
