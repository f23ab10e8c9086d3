"""Turn a list of examples into one batch and one weighted loss.

Kept apart from the learner so the maths of a step can be read (and tested) without
the threading around it.

>>> import torch
>>> from types import SimpleNamespace as Ex
>>> exs = [Ex(inputs=torch.zeros(2), target=torch.tensor(1.0), weight=w) for w in (1.0, 3.0)]
>>> x, y, w = collate(exs)
>>> tuple(x.shape), y.tolist(), w.tolist()
((2, 2), [1.0, 1.0], [1.0, 3.0])
>>> weighted_loss(torch.tensor([1.0, 2.0]), w).item()
3.5
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from neuroplast.core.weighted_loss import weighted_loss
from neuroplast.errors import InvalidInputError

if TYPE_CHECKING:
    import torch

__all__ = ["check_example", "collate", "weighted_loss"]


Layout = tuple[tuple[int, ...], Any, tuple[int, ...], Any]
"""An example's input shape and dtype, target shape and dtype."""


def check_example(example: Any, layout: Layout | None) -> Layout:
    """Validate one example at enqueue time; return its layout, which every later example
    of the learner must share (they are stacked into one batch).

    Errors surface in the caller's thread instead of killing a training round later.
    """
    import torch

    for attr in ("inputs", "target", "weight"):
        if not hasattr(example, attr):
            raise InvalidInputError(
                f"example {example!r} has no {attr!r}; pass neuroplast.core.replay.Example objects"
            )
    if not isinstance(example.inputs, torch.Tensor) or not isinstance(example.target, torch.Tensor):
        raise InvalidInputError("Example.inputs and Example.target must be torch tensors")
    weight = example.weight
    if not isinstance(weight, int | float) or not math.isfinite(weight) or weight < 0:
        raise InvalidInputError(f"Example.weight={weight!r} must be a finite number >= 0")
    got = (tuple(example.inputs.shape), example.inputs.dtype, tuple(example.target.shape),
           example.target.dtype)
    if layout is not None and got != layout:
        part, index = next((p, i) for p, i in (("inputs", 0), ("target", 2))
                           if got[i:i + 2] != layout[i:i + 2])
        raise InvalidInputError(
            f"example {part} have shape {got[index]} and dtype {got[index + 1]} but this "
            f"learner trains on shape {layout[index]} and dtype {layout[index + 1]}; all "
            "examples of one learner must have the same input and target shapes and dtypes"
        )
    return got


def collate(
    examples: Sequence[Any], device: torch.device | None = None
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Stack inputs, targets and weights of ``examples`` (all of one shape)."""
    import torch

    inputs = torch.stack([e.inputs for e in examples]).to(device)
    targets = torch.stack([e.target for e in examples]).to(device)
    weights = torch.tensor([float(e.weight) for e in examples], device=device)
    return inputs, targets, weights
