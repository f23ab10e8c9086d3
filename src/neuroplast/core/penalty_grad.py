"""The quadratic penalty's gradient in closed form, added to ``.grad`` without autograd.

For ``P = 0.5·λ·Σ_i F_i·(θ_i − θ*_i)²`` the gradient is ``λ·F·(θ − θ*)``, known exactly.
A training step that already ran the task loss's ``backward`` can add it to each
parameter's ``.grad`` directly: no graph over every parameter, no second backward, and
scratch buffers reused from step to step instead of fresh tensors (a fresh 4 MB tensor
costs page faults, more than the arithmetic). The step is bound by memory traffic, so
the penalty's value (one more product and a dot product per tensor) is computed only
when asked for.

>>> import torch
>>> p = torch.tensor([1.0, 3.0], requires_grad=True)
>>> p.grad = torch.tensor([0.5, 0.5])                    # the task loss's gradient
>>> total = ClosedFormPenalty().add_grad([p], [torch.zeros(2)], [torch.tensor([1.0, 4.0])], 2.0)
>>> p.grad.tolist(), (0.5 * 2.0 * total).item()          # += λ·F·(θ − θ*); 0.5·λ·Σ F(θ − θ*)²
([2.5, 24.5], 37.0)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import torch

__all__ = ["ClosedFormPenalty"]


class ClosedFormPenalty:
    """Adds ``λ·F·(θ − θ*)`` to gradients, with scratch buffers reused while shapes hold."""

    def __init__(self) -> None:
        self._diff: list[torch.Tensor] = []
        self._weighted: list[torch.Tensor] = []

    def _buffers(self, params: list[torch.Tensor]) -> tuple[list[torch.Tensor], list[torch.Tensor]]:
        import torch

        if len(self._diff) != len(params) or any(
            b.shape != p.shape or b.dtype != p.dtype or b.device != p.device
            for b, p in zip(self._diff, params, strict=True)
        ):
            self._diff = [torch.empty_like(p, requires_grad=False) for p in params]
            self._weighted = [torch.empty_like(p, requires_grad=False) for p in params]
        return self._diff, self._weighted

    def add_grad(
        self,
        params: list[torch.Tensor],
        centers: list[torch.Tensor],
        weight: list[torch.Tensor],
        lam: float,
        *,
        value: bool = True,
    ) -> torch.Tensor | None:
        """``p.grad += lam·weight·(p − center)`` for each parameter, as ``backward`` would
        accumulate it (a parameter without a gradient gets that as its own new tensor).

        Returns ``Σ weight·(p − center)²`` (a 0-d tensor, no graph), or None without
        ``value``.
        """
        import torch

        from neuroplast.core.fused import add_pull_

        diff, weighted = self._buffers(params)
        with torch.no_grad():
            have = [i for i, p in enumerate(params) if p.grad is not None]
            if not value:  # one loop per tensor reads F, θ and θ* and updates the gradient
                add_pull_([params[i].grad for i in have], [weight[i] for i in have],
                          [params[i] for i in have], [centers[i] for i in have], lam,
                          scratch=[diff[i] for i in have])
                for i, p in enumerate(params):
                    if p.grad is None:  # its own tensor: the buffers are reused next step
                        p.grad = torch.sub(p, centers[i], out=diff[i]) * weight[i] * lam
                return None
            # Per tensor with out=: the foreach variants would allocate fresh results.
            for p, c, d, f, w in zip(params, centers, diff, weight, weighted, strict=True):
                torch.sub(p, c, out=d)
                torch.mul(d, f, out=w)
            # One dot product per tensor, as the autograd penalty: exact, no sqrt(F).
            dots = [torch.vdot(w.view(-1), d.view(-1)) for w, d in zip(weighted, diff, strict=True)]
            total = torch.stack(dots).sum() if dots else torch.zeros(())
            torch._foreach_add_([params[i].grad for i in have], [weighted[i] for i in have],
                                alpha=lam)
            for i, p in enumerate(params):
                if p.grad is None:  # its own tensor: the buffers are reused next step
                    p.grad = weighted[i] * lam
        return total
