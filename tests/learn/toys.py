"""Module-level builders and losses the learner's worker process can import in tests.

The tests put this folder on the worker's PYTHONPATH; functions defined inside a test
cannot be rebuilt by another process (nothing is pickled).
"""

from __future__ import annotations

import time

import torch
import torch.nn.functional as F

__all__ = ["bce", "mlp", "mse", "slow_mse"]


def mse(out: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return (out.squeeze(-1) - y) ** 2


def bce(out: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return F.binary_cross_entropy_with_logits(out.squeeze(-1), y, reduction="none")


def slow_mse(out: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    # A slow model that does not hold the GIL (see the hammer test).
    time.sleep(0.01)
    return mse(out, y)


def mlp(in_dim: int, hidden: int, seed: int = 0) -> torch.nn.Module:
    torch.manual_seed(seed)
    return torch.nn.Sequential(
        torch.nn.Linear(in_dim, hidden), torch.nn.Tanh(), torch.nn.Linear(hidden, 1)
    )
