"""Per-example squared gradients of an MLP in closed form, one backward per chunk.

For a linear layer ``out = a·Wᵀ + b`` fed one row per example, example ``i``'s gradient
is ``g_i ⊗ a_i`` for the weight and ``g_i`` for the bias (``g_i``: the gradient of its
own loss at the layer's output), so the sums of squares over a chunk are matrix products,
``(g²)ᵀ·(a²)`` and ``Σ_i g_i²``: exactly what per-example gradients (``vmap``) give, at
the cost of one ordinary backward instead of a gradient per example.

It holds when each example's loss depends on its own rows only, which this module can
vouch for in one case: an ``nn.Sequential`` of ``nn.Linear`` layers and element-wise
activations, fed 2-D inputs. Anything else gets None, and the caller uses ``vmap``.

>>> import torch
>>> mlp = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 2))
>>> ce = lambda out, y: torch.nn.functional.cross_entropy(out, y, reduction="none")
>>> sq = squared_grad_sums(mlp, ce, torch.randn(5, 3), torch.tensor([0, 1, 0, 1, 1]))
>>> sorted(sq), sq["0.weight"].shape
(['0.bias', '0.weight', '2.bias', '2.weight'], torch.Size([4, 3]))
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import torch

__all__ = ["squared_grad_sums", "supported"]

# Modules that act on each element (so on each example's row) alone, without parameters.
_ELEMENTWISE = ("ReLU", "Tanh", "Sigmoid", "GELU", "SiLU", "LeakyReLU", "ELU", "Softplus",
                "Identity", "Dropout")


def supported(model: torch.nn.Module) -> bool:
    """Whether ``model`` is a Sequential of Linear layers and element-wise activations."""
    import torch

    if type(model) is not torch.nn.Sequential:
        return False
    return all(type(m) is torch.nn.Linear or (type(m).__name__ in _ELEMENTWISE
               and type(m).__module__.startswith("torch.nn")) for m in model)


def squared_grad_sums(
    model: torch.nn.Module,
    loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
    x: torch.Tensor,
    y: torch.Tensor,
) -> dict[str, torch.Tensor] | None:
    """``Σ_i (∂loss_i/∂θ)²`` for each trainable parameter of ``model`` over the chunk
    ``(x, y)``, or None when the closed form does not apply (see the module's doc)."""
    import torch

    if not supported(model) or x.dim() != 2:
        return None
    acts: list[tuple[str, torch.nn.Linear, torch.Tensor, torch.Tensor]] = []
    h = x
    for index, module in enumerate(model):
        if isinstance(module, torch.nn.Linear):
            out = module(h)
            wants = module.weight.requires_grad or (
                module.bias is not None and module.bias.requires_grad)
            if wants:
                acts.append((str(index), module, h.detach(), out))
            h = out
        else:
            h = module(h)
    if not acts:
        return {}
    losses = loss_fn(h, y)
    if losses.numel() != len(x):
        return None  # not one loss per example: let the general path say so
    grads = torch.autograd.grad(losses.sum(), [out for *_, out in acts])
    sums: dict[str, torch.Tensor] = {}
    for (prefix, module, a, _), g in zip(acts, grads, strict=True):
        g2 = g.detach().square()
        if module.weight.requires_grad:
            sums[f"{prefix}.weight"] = g2.T @ a.square()
        if module.bias is not None and module.bias.requires_grad:
            sums[f"{prefix}.bias"] = g2.sum(0)
    return sums
