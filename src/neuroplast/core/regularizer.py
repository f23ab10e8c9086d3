"""The base of weight regularizers that fight forgetting (EWC, EWC++).

A regularizer is keyed by parameter *name*, never by object identity: the learner trains
a deep copy of the live model, so the same regularizer must work on any module with the
same parameter names and shapes. The maths shared by every quadratic regularizer lives
here once: the penalty ``0.5·λ·Σ F_i(θ_i − θ*_i)²``, either as a differentiable value (a
fused autograd function over all parameters, :meth:`Regularizer.penalty`) or as its
closed-form gradient added straight to ``.grad`` together with the Fisher update
(:meth:`Regularizer.add_penalty_grad`, what the learner uses), the gradient checks,
per-sample Fisher estimation, state validation and safetensors save/load.
"""

from __future__ import annotations

import json
import os
import weakref
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, NamedTuple, Self

from neuroplast.config import Config
from neuroplast.core.linear_fisher import squared_grad_sums
from neuroplast.core.penalty_grad import ClosedFormPenalty
from neuroplast.errors import InvalidInputError, NumericalError, StateMismatchError
from neuroplast.store import first_non_finite, load_tensors, save_tensors

if TYPE_CHECKING:
    import torch
    from torch import nn

__all__ = [
    "LossFn",
    "PenaltyGrads",
    "Quadratic",
    "Regularizer",
    "check_grads",
    "check_same_names",
    "empirical_fisher",
    "pick_squares",
    "quadratic_penalty",
    "trainable",
]

LossFn = Callable[["torch.Tensor", "torch.Tensor"], "torch.Tensor"]
"""``loss_fn(outputs, targets)`` -> per-example losses (or their scalar sum/mean)."""

_FORMAT = "1"


def trainable(model: nn.Module) -> dict[str, torch.Tensor]:
    """The trainable parameters of ``model`` by name, in registration order."""
    return {n: p for n, p in model.named_parameters() if p.requires_grad}


def _quadratic_function() -> type:
    import torch

    class _Quadratic(torch.autograd.Function):
        """``0.5·λ·Σ_i F_i·(θ_i − c_i)²``, fused with multi-tensor (foreach) kernels.

        A handful of kernels instead of ~4 autograd nodes per parameter, which is what
        keeps an EWC step within 1.5x of a plain one.
        """

        @staticmethod
        def forward(
            ctx: Any, lam: float, sink: Any, weight: list, centers: list, *params: Any
        ) -> Any:
            diff, weighted = sink.scratch(ctx, params) if sink is not None else (None, None)
            if diff is None:
                diff = torch._foreach_sub(list(params), centers)
                weighted = torch._foreach_mul(diff, weight)
            else:
                # Reused buffers: a fresh 4 MB tensor costs page faults, more than the maths.
                for p, c, f, d, w in zip(params, centers, weight, diff, weighted, strict=True):
                    torch.sub(p, c, out=d)
                    torch.mul(d, f, out=w)
            # One dot product per tensor: exact sums, no sqrt(F) round-off.
            total = torch.stack(
                [torch.vdot(w.view(-1), d.view(-1)) for w, d in zip(weighted, diff, strict=True)]
            ).sum()
            ctx.lam, ctx.sink = lam, sink
            ctx.save_for_backward(*weighted)
            return 0.5 * lam * total

        @staticmethod
        @torch.autograd.function.once_differentiable
        def backward(ctx: Any, grad_out: Any) -> Any:
            # λ·F·(θ − c), scaled in place: the saved buffers are not needed again.
            grads = list(ctx.saved_tensors)
            torch._foreach_mul_(grads, grad_out * ctx.lam)
            if ctx.sink is not None:
                ctx.sink.grads = grads
                ctx.sink.busy = None
            return (None, None, None, None, *grads)

    return _Quadratic


_QUADRATIC: type | None = None


def quadratic_penalty(
    params: list[torch.Tensor],
    centers: list[torch.Tensor],
    weight: list[torch.Tensor],
    lam: float,
    sink: PenaltyGrads | None = None,
) -> torch.Tensor:
    """``0.5·lam·Σ weight·(params − centers)²``, differentiable in ``params``.

    >>> import torch
    >>> p = torch.tensor([1.0, 3.0], requires_grad=True)
    >>> quadratic_penalty([p], [torch.zeros(2)], [torch.tensor([1.0, 4.0])], 2.0).item()
    37.0
    """
    global _QUADRATIC
    if _QUADRATIC is None:
        _QUADRATIC = _quadratic_function()
    return _QUADRATIC.apply(float(lam), sink, weight, centers, *params)


class PenaltyGrads:
    """The penalty's own gradient from the last backward, so ``accumulate`` can remove it.

    The learner backpropagates ``loss + penalty`` and then calls ``accumulate``; the
    Fisher must measure the task loss, not the pull back to θ* (which would feed on
    itself: important weights that moved get larger gradients, so larger importance).
    The record is used only while the parameters are unchanged since the penalty was
    computed (same ``_version``: no optimizer step in between).
    """

    def __init__(self) -> None:
        self.names: list[str] = []
        self.versions: list[int] = []
        self.grads: list[torch.Tensor] | None = None
        self.busy: weakref.ref[Any] | None = None  # the graph whose backward is pending
        self._buffers: tuple[list[torch.Tensor], list[torch.Tensor]] | None = None

    def scratch(
        self, ctx: Any, params: tuple[torch.Tensor, ...]
    ) -> tuple[list[torch.Tensor] | None, list[torch.Tensor] | None]:
        """Reusable buffers for the penalty's forward, or (None, None) while a graph built
        on them still awaits its backward (then the caller allocates fresh ones)."""
        import torch

        if self.busy is not None and self.busy() is not None:
            return None, None
        buf = self._buffers
        if (
            buf is None
            or [b.shape for b in buf[0]] != [p.shape for p in params]
            or any(
                b.device != p.device or b.dtype != p.dtype
                for b, p in zip(buf[0], params, strict=True)
            )
        ):
            buf = ([torch.empty_like(p) for p in params], [torch.empty_like(p) for p in params])
            self._buffers = buf
        self.busy = weakref.ref(ctx)
        return buf

    def arm(self, names: list[str], params: list[torch.Tensor]) -> None:
        """Called by ``penalty``: remember which parameters, at which version."""
        self.names, self.versions, self.grads = names, [p._version for p in params], None

    def task_grads(self, named: list[tuple[str, torch.Tensor]]) -> list[torch.Tensor]:
        """Each parameter's ``.grad`` less the penalty's share when that share is current.

        Where the share is removed the returned tensor is its *negation* (sign-free uses).
        """
        import torch

        grads = [p.grad for _, p in named]
        pen, self.grads = self.grads, None
        if pen is None:
            return grads  # type: ignore[return-value]
        index = {n: i for i, (n, _) in enumerate(named)}
        for n, v in zip(self.names, self.versions, strict=True):
            if n not in index or named[index[n]][1]._version != v:
                return grads  # type: ignore[return-value]
        sel = [index[n] for n in self.names]
        # In place, no new buffers: pen ← pen − grad = −(task gradient); only its square
        # and norm are used. Autograd copied pen into .grad (we held a reference), so
        # .grad itself is untouched.
        torch._foreach_sub_(pen, [grads[i] for i in sel])
        for i, g in zip(sel, pen, strict=True):
            grads[i] = g
        return grads  # type: ignore[return-value]


def pick_squares(owner: str, names: list[str], grads: list[torch.Tensor],
                 squares: dict[str, torch.Tensor]) -> list[torch.Tensor]:
    """``squares`` in ``names``' order, each checked against its gradient's shape."""
    import torch

    out = []
    for n, g in zip(names, grads, strict=True):
        sq = squares.get(n) if isinstance(squares, dict) else None
        if sq is None or sq.shape != g.shape:
            got = None if sq is None else tuple(sq.shape)
            raise InvalidInputError(
                f"{owner}.accumulate: squares[{n!r}] has shape {got}, the gradient "
                f"{tuple(g.shape)}; pass empirical_fisher(model, loss_fn, [(x, y)]) of the "
                "step's batch, one entry per trainable parameter with a gradient"
            )
        out.append(sq)
    bad = next((n for n, sq in zip(names, out, strict=True)
                if not bool(torch.isfinite(sq).all()) or bool((sq < 0).any())), None)
    if bad is not None:  # squares are >= 0 and finite, or the Fisher stops being one
        raise NumericalError(f"{owner}.accumulate: squares[{bad!r}] holds NaN, inf or a "
                             "negative value; pass empirical_fisher(...) of the step's batch")
    return out


def check_grads(names: list[str], grads: list[torch.Tensor]) -> list[torch.Tensor]:
    """Norms of ``grads``; raise :class:`NumericalError` naming the first non-finite one."""
    import torch

    norms = torch._foreach_norm(grads)
    if not bool(torch.isfinite(torch.stack(norms)).all()):
        bad = next(n for n, v in zip(names, norms, strict=True) if not torch.isfinite(v))
        raise NumericalError(
            f"gradient of parameter {bad!r} contains NaN or inf; lower the learning rate, "
            "clip gradients or check the loss before calling accumulate()"
        )
    return norms


def empirical_fisher(
    model: nn.Module,
    loss_fn: LossFn,
    batches: Iterable[tuple[torch.Tensor, torch.Tensor]],
    chunk: int = 64,
) -> dict[str, torch.Tensor]:
    """Diagonal empirical Fisher: the mean over *examples* of each squared gradient.

    Per-example gradients (``torch.func.vmap``, or for an MLP their sums of squares in
    closed form, :mod:`neuroplast.core.linear_fisher`), not one gradient per mini-batch: the
    square of a batch-mean gradient underestimates the Fisher by about the batch size and
    mostly measures the mean gradient, which is near zero at the end of training. The
    model is put in eval mode while estimating (no dropout noise in the importance).

    >>> import torch
    >>> m = torch.nn.Linear(2, 1)
    >>> mse = lambda out, y: ((out - y) ** 2).sum(-1)
    >>> f = empirical_fisher(m, mse, [(torch.ones(4, 2), torch.zeros(4, 1))])
    >>> sorted(f), f["weight"].shape
    (['bias', 'weight'], torch.Size([1, 2]))
    """
    import torch
    from torch.func import functional_call, grad, vmap

    params = {n: p.detach() for n, p in trainable(model).items()}
    buffers = {n: b.detach() for n, b in model.named_buffers()}
    fisher = {n: torch.zeros_like(p) for n, p in params.items()}
    names = list(params)

    def one(ps: dict[str, torch.Tensor], x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        out = functional_call(model, (ps, buffers), (x.unsqueeze(0),))
        return loss_fn(out, y.unsqueeze(0)).sum()

    per_example = vmap(grad(one), in_dims=(None, 0, 0))
    count = 0
    was_training = model.training
    model.eval()
    try:
        for inputs, targets in batches:
            for start in range(0, len(inputs), chunk):
                x, y = inputs[start : start + chunk], targets[start : start + chunk]
                # An MLP's sums of squares in closed form (one backward, exact); else vmap.
                sums = squared_grad_sums(model, loss_fn, x, y)
                if sums is not None and set(sums) == set(names):
                    sq = [sums[n] for n in names]
                else:
                    grads = per_example(params, x, y)
                    sq = [grads[n].square().sum(0) for n in names]
                check_grads(names, sq)
                torch._foreach_add_([fisher[n] for n in names], sq)
                count += len(x)
    finally:
        model.train(was_training)
    if count:
        torch._foreach_div_(list(fisher.values()), float(count))
    return fisher


class Quadratic(NamedTuple):
    """One regularizer's penalty ``0.5·lam·(Σ weight·(params − centers)² + const)`` now."""

    names: list[str]
    params: list[torch.Tensor]  # the model's, in the regularizer's order
    centers: list[torch.Tensor]
    weight: list[torch.Tensor]
    lam: float
    const: float = 0.0  # a part that does not depend on the parameters (EWC++ merges)


def _zero(model: nn.Module) -> torch.Tensor:
    import torch

    p = next(model.parameters(), None)
    return torch.zeros((), device=None if p is None else p.device)


class Regularizer(ABC):
    """A penalty on moving parameters that mattered for what was learnt before.

    Subclasses keep their state in name -> tensor dicts and implement the verbs below
    (``_quadratic`` says what the penalty is now); the penalty in both forms,
    ``save``/``load`` and validation come from here.
    """

    config: Config
    _sink: PenaltyGrads  # set by subclasses: the autograd penalty's own gradient

    @property
    @abstractmethod
    def active(self) -> bool:
        """True once there is a reference to pull towards (penalty can be nonzero)."""

    @abstractmethod
    def _quadratic(self, model: nn.Module) -> Quadratic | None:
        """The penalty's terms for ``model`` (checked names and shapes); None while inactive."""

    def penalty(self, model: nn.Module) -> torch.Tensor:
        """Scalar, differentiable in ``model``'s parameters; exactly 0.0 while inactive."""
        q = self._quadratic(model)
        if q is None:
            return _zero(model)
        self._sink.arm(q.names, q.params)
        value = quadratic_penalty(q.params, q.centers, q.weight, q.lam, self._sink)
        return value + 0.5 * q.lam * q.const if q.const else value

    def add_penalty_grad(
        self, model: nn.Module, *, accumulate: bool = True, value: bool = True,
        squares: dict[str, torch.Tensor] | None = None,
    ) -> torch.Tensor | None:
        """After the *task* loss's ``backward``: fold its gradient into the running Fisher
        (``accumulate``, unless ``accumulate=False``; with ``squares``, those per-example
        squared gradients instead of the batch gradient's square, see
        :meth:`accumulate`), then add the penalty's gradient
        ``λ·F·(θ − θ*)`` to each trainable parameter's ``.grad``. Returns the penalty's
        value (no graph) for logging, or None with ``value=False`` (cheaper: the step is
        bound by memory traffic, and the value costs two more passes over the weights).

        Same result as taking ``penalty(model)`` before the backward, then ``accumulate``
        and ``penalty.backward()``, without an autograd graph over every parameter; the
        penalty is the one in force before this step's gradient is folded in (an EWC++
        boundary detected now protects from the next step on).

        >>> import torch
        >>> from neuroplast.core.ewc import OnlineEWC, OnlineEWCConfig
        >>> model = torch.nn.Linear(1, 1, bias=False)
        >>> ewc = OnlineEWC(OnlineEWCConfig(lambda_=2.0, gamma=0.5))
        >>> model.weight.grad = torch.ones(1, 1); ewc.accumulate(model); ewc.consolidate(model)
        >>> with torch.no_grad():
        ...     _ = model.weight.add_(3.0)
        >>> model.weight.grad = torch.zeros(1, 1)          # what the task loss gave
        >>> ewc.add_penalty_grad(model).item(), model.weight.grad.item()   # F* = 0.5
        (4.5, 3.0)
        """
        # The terms in force now: accumulate may end an EWC++ task, which replaces (never
        # edits) the tensors held here.
        q = self._quadratic(model)
        if accumulate:
            self._sink.grads = None  # .grad holds the task gradient alone: nothing to remove
            self.accumulate(model, squares)
        if q is None:
            return _zero(model) if value else None
        if not hasattr(self, "_closed_form"):
            self._closed_form = ClosedFormPenalty()
        total = self._closed_form.add_grad(q.params, q.centers, q.weight, q.lam, value=value)
        if total is None:
            return None
        total = 0.5 * q.lam * total
        return total + 0.5 * q.lam * q.const if q.const else total

    @abstractmethod
    def accumulate(self, model: nn.Module,
                   squares: dict[str, torch.Tensor] | None = None) -> None:
        """After ``loss.backward()``: fold each trainable parameter's ``.grad`` in.

        ``squares`` (by name): the step's per-example Fisher, the mean over its examples of
        each squared per-example gradient (:func:`empirical_fisher` on the step's batch),
        folded into the running Fisher in place of the square of ``.grad``. The square of
        a batch-mean gradient is ``μ² + σ²/B`` (mean gradient μ, per-example variance σ²,
        batch size B): in batches of ten it mostly measures where the loss is still
        moving, not how sharply it curves; the per-example Fisher is ``μ² + σ²``, the
        estimator a task-end Fisher uses."""

    @abstractmethod
    def consolidate(self, model: nn.Module) -> None:
        """Snapshot the reference weights θ* (activates the penalty)."""

    @abstractmethod
    def state_dict(self) -> dict[str, torch.Tensor]:
        """Everything needed to resume, as a flat name -> tensor dict."""

    @abstractmethod
    def _load_state(self, state: dict[str, torch.Tensor]) -> None:
        """Replace the state with ``state`` (already validated)."""

    def load_state_dict(
        self, state: dict[str, torch.Tensor], model: nn.Module | None = None
    ) -> None:
        """Load ``state``; with ``model``, check every parameter's name and shape first."""
        import torch

        if model is not None:
            params = trainable(model)
            for key, tensor in state.items():
                name = key.split(":", 1)[1] if ":" in key else None
                if name is None:
                    continue
                if name not in params:
                    raise StateMismatchError(
                        f"saved state has parameter {name!r} (shape {tuple(tensor.shape)}) but "
                        f"the model has no trainable parameter of that name (shape None); "
                        "load it into the model it was saved from"
                    )
                want = tuple(params[name].shape)
                if tuple(tensor.shape) != want:
                    raise StateMismatchError(
                        f"parameter {name!r}: saved shape {tuple(tensor.shape)} but model shape "
                        f"{want}; load it into the model it was saved from"
                    )
            saved = {k.split(":", 1)[1] for k in state if ":" in k}
            missing = sorted(set(params) - saved) if saved else []
            if missing:
                name = missing[0]
                raise StateMismatchError(
                    f"model parameter {name!r} (shape {tuple(params[name].shape)}) is not in the "
                    "saved state (shape None); load it into the model it was saved from"
                )
            device = next(iter(params.values())).device if params else torch.device("cpu")
            # The model's parameter order, not the file's (safetensors sorts keys): sums
            # over parameters then add in the order they had before saving, bit for bit.
            order = {n: i for i, n in enumerate(params)}
            keys = sorted(state, key=lambda k: order.get(k.split(":", 1)[-1], -1))
            state = {k: state[k].to(device) for k in keys}
        bad = first_non_finite(state)
        if bad is not None:  # a NaN Fisher or centre turns every later penalty into NaN
            raise StateMismatchError(f"saved state {bad!r} holds NaN or inf; restore a backup "
                                     "or consolidate again")
        self._load_state(dict(state))

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write state (safetensors) with the config as JSON in the metadata, atomically."""
        meta = {
            "kind": type(self).__name__,
            "format": _FORMAT,
            "config": self.config.to_json(),
        }
        save_tensors(path, self.state_dict(), meta)

    def load(self, path: str | os.PathLike[str], model: nn.Module | None = None) -> Self:
        """Restore config and state saved by :meth:`save`; returns ``self``."""
        tensors, meta = load_tensors(path)
        if meta.get("kind") != type(self).__name__:
            raise StateMismatchError(
                f"{path} holds {meta.get('kind')!r} state, not {type(self).__name__}; "
                "load it with the regularizer class that saved it"
            )
        if "config" not in meta:
            raise StateMismatchError(
                f"{path} has no 'config' metadata; it was not written by {type(self).__name__}"
                ".save(); save the regularizer again"
            )
        try:
            config = type(self.config).from_dict(json.loads(meta["config"]))
        except ValueError as exc:  # not JSON, or not this config's fields
            raise StateMismatchError(f"{path} has damaged 'config' metadata ({exc}); save the "
                                     "regularizer again") from exc
        self.load_state_dict(tensors, model)
        self.config = config
        return self

    def estimate_fisher(
        self,
        model: nn.Module,
        loss_fn: LossFn,
        batches: Iterable[tuple[torch.Tensor, torch.Tensor]],
    ) -> None:
        """Set the running Fisher to the per-example empirical Fisher over ``batches``.

        Call it at the end of a task, before :meth:`consolidate`.
        """
        self._set_running(empirical_fisher(model, loss_fn, batches))

    @abstractmethod
    def _set_running(self, fisher: dict[str, torch.Tensor]) -> None:
        """Replace the running (not yet consolidated) Fisher."""


def check_same_names(
    owner: str, expected: dict[str, torch.Tensor], model: nn.Module
) -> list[torch.Tensor]:
    """The model's parameters in ``expected``'s order; mismatch -> StateMismatchError."""
    params = trainable(model)
    out = []
    for name, ref in expected.items():
        p = params.get(name)
        if p is None or p.shape != ref.shape:
            got = None if p is None else tuple(p.shape)
            raise StateMismatchError(
                f"{owner}: parameter {name!r} has shape {tuple(ref.shape)} in the regularizer "
                f"but {got} in the model; use a model with the same parameter names and shapes"
            )
        out.append(p)
    if len(params) != len(expected):
        extra = sorted(set(params) - set(expected))
        shapes = {n: tuple(params[n].shape) for n in extra}
        raise StateMismatchError(
            f"{owner}: model has trainable parameters {shapes} (regularizer shape None) "
            "unknown to the regularizer; consolidate on this model or freeze them"
        )
    return out
