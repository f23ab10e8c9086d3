"""The regularizer's two elementwise passes, each one loop over memory.

An EWC step on a small model is bound by memory traffic, not arithmetic. In torch ops the
running Fisher's update (decay, then add the square of the gradient) and the penalty's
pull (θ − θ*, times F, into the gradient) are four kernels that read or write a
parameter-sized tensor twelve times; the two loops here do it eight times. This is our
own code because it is the core's hot path and nothing we depend on fuses it where the
learner runs: ``torch.compile`` would, but it needs a C++ compiler on the machine and
about 12 s at the first step. Numba compiles these loops in under a second, once per
machine (cached on disk; loading them costs a new process about half a second).

The loops run on the calling thread. The learner's processes run torch on one thread
each, and a numba thread pool would cost more than it gives: its OpenMP pool keeps a
core spinning between calls (a second core's worth of CPU in the continual benchmark),
and its portable pool aborts the process when two threads launch kernels at once.

Tensors the loops cannot take (not on the CPU, not contiguous, mixed or integer dtypes,
or under :data:`MIN_ELEMENTS`) go through the same arithmetic in torch's foreach ops.

>>> import torch
>>> runs, grads = [torch.ones(3)], [torch.tensor([1.0, 2.0, 3.0])]
>>> fold_squares_(runs, grads, 0.5)                 # γ·run + (1 − γ)·g²
>>> runs[0].tolist()
[1.0, 2.5, 5.0]
>>> add_pull_(grads, [torch.full((3,), 2.0)], [torch.ones(3)], [torch.zeros(3)], 0.5)
>>> grads[0].tolist()                               # g + λ·F·(θ − θ*)
[2.0, 3.0, 4.0]
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import torch

__all__ = ["MIN_ELEMENTS", "add_pull_", "fold_squares_"]

MIN_ELEMENTS = 1 << 15  # below this a tensor stays in cache, and a call costs more than it saves


@cache
def _kernels() -> tuple[Any, Any]:
    import numba

    def fold(run: Any, grad: Any, gamma: Any, rest: Any) -> None:
        for i in range(run.size):
            run[i] = run[i] * gamma + rest * (grad[i] * grad[i])

    def pull(grad: Any, weight: Any, param: Any, center: Any, lam: Any) -> None:
        for i in range(grad.size):
            grad[i] += lam * (weight[i] * (param[i] - center[i]))

    # Never 'nnan'/'ninf': a NaN must stay a NaN. 'contract' allows fused multiply-adds,
    # which round once where torch rounds twice (a last-bit difference).
    options = {"nogil": True, "fastmath": {"reassoc", "contract", "arcp", "nsz"}}
    try:
        return numba.njit(cache=True, **options)(fold), numba.njit(cache=True, **options)(pull)
    except RuntimeError:  # no writable folder to cache in: compile in each process instead
        return numba.njit(**options)(fold), numba.njit(**options)(pull)


def _split(groups: list[list[torch.Tensor]]) -> tuple[list[int], list[int]]:
    """Indices of the positions the loops take, and of the rest."""
    import torch

    fused, rest = [], []
    for i, tensors in enumerate(zip(*groups, strict=True)):
        first = tensors[0]
        ok = (first.numel() >= MIN_ELEMENTS and first.dtype in (torch.float32, torch.float64)
              and all(t.device.type == "cpu" and t.dtype == first.dtype
                      and t.shape == first.shape and t.is_contiguous() for t in tensors))
        (fused if ok else rest).append(i)
    return fused, rest


def _run(kernel: Any, arrays: list[list[torch.Tensor]], *scalars: float) -> None:
    for tensors in arrays:
        flat = [t.detach().view(-1).numpy() for t in tensors]
        # Scalars in the tensors' precision, as torch's foreach ops take them.
        kernel(*flat, *(flat[0].dtype.type(s) for s in scalars))


def fold_squares_(runs: list[torch.Tensor], grads: list[torch.Tensor], gamma: float,
                  squares: list[torch.Tensor] | None = None) -> None:
    """``run ← γ·run + (1 − γ)·grad²`` for each pair, in place. ``squares`` (one per run):
    the step's per-example Fisher, folded in place of the gradient's square."""
    import torch

    if squares is not None:  # already squared: torch's two ops (the loop is for the square)
        with torch.no_grad():
            torch._foreach_mul_(runs, gamma)
            torch._foreach_add_(runs, squares, alpha=1.0 - gamma)
        return
    fused, rest = _split([runs, grads])
    with torch.no_grad():
        if fused:
            _run(_kernels()[0], [[runs[i], grads[i]] for i in fused], gamma, 1.0 - gamma)
        if rest:
            r, g = [runs[i] for i in rest], [grads[i] for i in rest]
            torch._foreach_mul_(r, gamma)
            torch._foreach_addcmul_(r, g, g, value=1.0 - gamma)


def add_pull_(grads: list[torch.Tensor], weight: list[torch.Tensor],
              params: list[torch.Tensor], centers: list[torch.Tensor], lam: float,
              scratch: list[torch.Tensor] | None = None) -> None:
    """``grad ← grad + λ·weight·(param − center)`` for each parameter, in place.

    ``scratch``: one tensor shaped like each parameter, to hold ``param − center`` where
    torch's ops do the work (a fresh tensor each step costs page faults); without it
    they allocate."""
    import torch

    fused, rest = _split([grads, weight, params, centers])
    with torch.no_grad():
        if fused:
            _run(_kernels()[1], [[grads[i], weight[i], params[i], centers[i]] for i in fused],
                 lam)
        if rest:
            diff = [torch.sub(params[i], centers[i],
                              out=None if scratch is None else scratch[i]) for i in rest]
            torch._foreach_addcmul_([grads[i] for i in rest], [weight[i] for i in rest], diff,
                                    value=lam)
