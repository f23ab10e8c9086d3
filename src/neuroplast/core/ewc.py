"""Online Elastic Weight Consolidation (the SPF gateway's learning engine, done for real).

Two Fisher estimates, both diagonal and keyed by parameter name:

* the *running* Fisher, updated after every backward pass by ``accumulate``:
  ``F ← γ·F + (1−γ)·g²`` (or set from data by ``estimate_fisher`` at the end of a task);
* the *consolidated* Fisher ``F*`` that the penalty uses, folded in by ``consolidate``
  as in online EWC (Schwarz et al., 2018): ``F* ← γ·F* + F`` with ``θ* ← θ``.

Keeping them apart is what makes it continual: if the penalty used the running Fisher,
the importance of an old task would decay by γ on every step of the new one (gone in ~50
steps at γ=0.9); with ``F*`` it decays by γ per consolidation instead.

Recipe for task-structured data: train on the task, then ``estimate_fisher(model,
loss_fn, batches)`` (per-example gradients) and ``consolidate(model)``; the penalty
``0.5·λ·Σ F*_i(θ_i − θ*_i)²`` then protects the task while the next one trains.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from neuroplast.config import Config, check_config, check_range
from neuroplast.core.fused import fold_squares_
from neuroplast.core.regularizer import (
    LossFn,
    PenaltyGrads,
    Quadratic,
    Regularizer,
    check_grads,
    check_same_names,
    empirical_fisher,
    pick_squares,
    trainable,
)
from neuroplast.errors import StateMismatchError

if TYPE_CHECKING:
    import torch
    from torch import nn

__all__ = ["OnlineEWC", "OnlineEWCConfig", "estimate_fisher"]


@dataclass
class OnlineEWCConfig(Config):
    """Strength and memory of online EWC.

    >>> OnlineEWCConfig(lambda_=100.0).gamma
    0.9
    """

    # Measured with the per-example Fisher of ``estimate_fisher``: 100-300 keeps most of
    # task A in the tests' two-task MLP; 30-100 was best on a 10-task Permuted-Digits probe.
    # An EMA of mini-batch gradients (``accumulate`` only) is ~batch-size times smaller, so
    # it wants a larger λ.
    lambda_: float = field(default=100.0, metadata={"help": "penalty strength λ, >= 0"})
    gamma: float = field(
        default=0.9, metadata={"help": "decay γ of both Fisher estimates, in [0, 1)"}
    )

    def __post_init__(self) -> None:
        check_range("OnlineEWCConfig", "lambda_", self.lambda_, 0.0)
        check_range("OnlineEWCConfig", "gamma", self.gamma, 0.0, 1.0, high_inclusive=False)


def estimate_fisher(
    model: nn.Module,
    loss_fn: LossFn,
    batches: Iterable[tuple[torch.Tensor, torch.Tensor]],
) -> dict[str, torch.Tensor]:
    """Per-example empirical diagonal Fisher of ``loss_fn`` over ``batches`` (by name)."""
    return empirical_fisher(model, loss_fn, batches)


class OnlineEWC(Regularizer):
    """Online EWC: penalty ``0.5·λ·Σ F*_i(θ_i − θ*_i)²``, inactive until ``consolidate``.

    >>> import torch
    >>> model = torch.nn.Linear(2, 1)
    >>> _ = torch.nn.init.zeros_(model.bias)          # (b + 2) − b is then exactly 2
    >>> ewc = OnlineEWC(OnlineEWCConfig(lambda_=2.0, gamma=0.5))
    >>> ewc.penalty(model).item(), ewc.active
    (0.0, False)
    >>> model(torch.ones(1, 2)).sum().backward()   # every gradient is 1
    >>> ewc.accumulate(model)                       # running F = 0.5·0 + 0.5·1² = 0.5
    >>> ewc.consolidate(model)                      # F* = 0.5, θ* = θ
    >>> ewc.penalty(model).item()
    0.0
    >>> with torch.no_grad():
    ...     _ = model.bias.add_(2.0)
    >>> ewc.penalty(model).item()                   # 0.5 · 2 · 0.5 · 2²
    2.0
    """

    def __init__(self, config: OnlineEWCConfig | None = None) -> None:
        self.config = check_config(config, OnlineEWCConfig, "OnlineEWC")
        self._running: dict[str, torch.Tensor] = {}
        self._fisher: dict[str, torch.Tensor] = {}
        self._weight: list[torch.Tensor] = []  # F* in reference order, for the penalty
        self._reference: dict[str, torch.Tensor] = {}
        self._pending = 0  # running-Fisher updates not yet folded into F*
        self._sink = PenaltyGrads()

    @property
    def active(self) -> bool:
        return bool(self._reference)

    @property
    def fisher(self) -> dict[str, torch.Tensor]:
        """The consolidated Fisher ``F*`` the penalty uses."""
        return dict(self._fisher)

    @property
    def running_fisher(self) -> dict[str, torch.Tensor]:
        """The running Fisher ``F`` (not yet consolidated)."""
        return dict(self._running)

    @property
    def reference(self) -> dict[str, torch.Tensor]:
        """The reference weights θ*."""
        return dict(self._reference)

    def _quadratic(self, model: nn.Module) -> Quadratic | None:
        if not self._reference:
            return None
        params = check_same_names("OnlineEWC", self._reference, model)
        return Quadratic(list(self._reference), params, list(self._reference.values()),
                         self._weight, self.config.lambda_)

    def accumulate(self, model: nn.Module,
                   squares: dict[str, torch.Tensor] | None = None) -> None:
        import torch

        with_grad = [(n, p) for n, p in trainable(model).items() if p.grad is not None]
        if not with_grad:
            return
        names = [n for n, _ in with_grad]
        grads = self._sink.task_grads(with_grad)
        check_grads(names, grads)
        named = list(zip(names, grads, strict=True))
        for n, g in named:
            if n not in self._running:
                self._running[n] = torch.zeros_like(g)
            elif self._running[n].shape != g.shape:
                raise StateMismatchError(
                    f"OnlineEWC: parameter {n!r} has shape {tuple(self._running[n].shape)} in "
                    f"the regularizer but {tuple(g.shape)} in the model; use a model with the "
                    "same parameter names and shapes"
                )
        runs = [self._running[n] for n in names]
        gamma = self.config.gamma
        sq = None if squares is None else pick_squares("OnlineEWC", names, grads, squares)
        fold_squares_(runs, grads, gamma, squares=sq)
        self._pending += 1

    def _set_running(self, fisher: dict[str, torch.Tensor]) -> None:
        self._running = {n: f.clone() for n, f in fisher.items()}
        self._pending = 1

    def consolidate(self, model: nn.Module) -> None:
        import torch

        params = trainable(model)
        if self._reference:
            check_same_names("OnlineEWC", self._reference, model)
        if not self._fisher:
            self._fisher = {n: torch.zeros_like(p) for n, p in params.items()}
        if self._pending:
            for n, f in self._fisher.items():
                f.mul_(self.config.gamma)
                if n in self._running:
                    f.add_(self._running[n])
            self._pending = 0
        self._reference = {n: p.detach().clone() for n, p in params.items()}
        self._weight = [self._fisher[n] for n in self._reference]

    def state_dict(self) -> dict[str, torch.Tensor]:
        import torch

        state = {f"reference:{n}": t for n, t in self._reference.items()}
        state.update({f"fisher:{n}": t for n, t in self._fisher.items()})
        state.update({f"running:{n}": t for n, t in self._running.items()})
        state["pending"] = torch.tensor(self._pending)
        return state

    def _load_state(self, state: dict[str, torch.Tensor]) -> None:
        import torch

        parts: dict[str, dict[str, torch.Tensor]] = {"reference": {}, "fisher": {}, "running": {}}
        for key, t in state.items():
            kind, _, name = key.partition(":")
            if kind in parts and name:
                parts[kind][name] = t.clone()
        ref, fisher = parts["reference"], parts["fisher"]
        for name, t in ref.items():
            f = fisher.get(name)
            if f is None or f.shape != t.shape:
                got = None if f is None else tuple(f.shape)
                raise StateMismatchError(
                    f"OnlineEWC state: parameter {name!r} has reference shape {tuple(t.shape)} "
                    f"but Fisher shape {got}; the file is damaged, delete it and consolidate again"
                )
        pending = state.get("pending", torch.tensor(0))
        if pending.numel() != 1 or int(pending) < 0:  # checked before anything changes
            raise StateMismatchError(f"saved 'pending' is {pending.tolist()}, not a count; the "
                                     "file is damaged, delete it and consolidate again")
        self._reference, self._running = ref, parts["running"]
        self._fisher = {n: fisher[n] for n in ref} if ref else fisher
        self._pending = int(pending)
        self._weight = [self._fisher[n] for n in self._reference]
