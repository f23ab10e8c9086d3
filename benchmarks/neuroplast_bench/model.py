"""The one MLP every method trains: ``64 → hidden → hidden → 10`` with ReLU.

>>> make_mlp(seed=0, hidden=8)(__import__("torch").zeros(2, 64)).shape
torch.Size([2, 10])
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import torch

__all__ = ["accuracy", "make_mlp", "make_optimizer"]


def make_mlp(seed: int, hidden: int = 256, n_inputs: int = 64, n_classes: int = 10
             ) -> torch.nn.Module:
    """A freshly initialised MLP; the same ``seed`` gives the same weights."""
    import torch

    torch.manual_seed(seed)
    return torch.nn.Sequential(
        torch.nn.Linear(n_inputs, hidden), torch.nn.ReLU(),
        torch.nn.Linear(hidden, hidden), torch.nn.ReLU(),
        torch.nn.Linear(hidden, n_classes),
    )


def accuracy(model: torch.nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    """Top-1 accuracy of ``model`` on ``(x, y)``, without gradients, in eval mode."""
    import torch

    was_training = model.training
    model.eval()
    with torch.no_grad():
        pred = model(x).argmax(dim=1)
    model.train(was_training)
    return float((pred == y).float().mean())


def make_optimizer(model: torch.nn.Module, name: str, lr: float, momentum: float = 0.0
                   ) -> torch.optim.Optimizer:
    """``torch.optim.Adam`` or ``torch.optim.SGD`` (with ``momentum``) over all parameters."""
    import torch

    if name == "adam":
        return torch.optim.Adam(model.parameters(), lr=lr)
    return torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
