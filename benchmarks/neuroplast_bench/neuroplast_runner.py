"""Our methods, built on the neuroplast primitives, trained as an agent would use them.

One loop for every method: shuffled mini-batches of the current task, plus (with replay)
``replay_batch`` old examples drawn from a :class:`~neuroplast.core.replay.ReplayBuffer`
and mixed into every batch; the loss is the mean cross-entropy plus the regularizer's
penalty (its gradient added in closed form, as the learner does). At the end of each task
EWC estimates the per-example Fisher on the task's training data and consolidates.
Offline, the task's examples enter the buffer at the end of the task (as Avalanche's
``ReplayPlugin`` does); online (one pass, small batches), each batch enters the buffer
right after the step that learnt from it. Each task's end is a boundary the benchmark
knows: the buffer marks it (``ReplayBuffer.end_experience``), so an experience-balanced
buffer keeps each task's share and ``replay_draw="past"`` can replay past tasks only.

>>> from neuroplast_bench.streams import split_digits
>>> cfg = ContinualConfig(quick=True, hidden=16)
>>> r = run_neuroplast(split_digits(), "naive", cfg, seed=0)
>>> len(r), len(r[0])
(5, 5)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from neuroplast.errors import ConfigError
from neuroplast_bench.config import ContinualConfig
from neuroplast_bench.model import accuracy, make_mlp, make_optimizer

if TYPE_CHECKING:
    import torch

    from neuroplast_bench.streams import Stream, Task

__all__ = ["NEUROPLAST_METHODS", "run_neuroplast"]

NEUROPLAST_METHODS: tuple[str, ...] = ("naive", "ewc", "ewcpp", "replay", "ewc_replay", "derpp")


def _regularizer(method: str, cfg: ContinualConfig) -> Any:
    if method in ("ewc", "ewc_replay"):
        from neuroplast.core.ewc import OnlineEWC, OnlineEWCConfig

        lam = cfg.ewc_lambda if method == "ewc" else cfg.ewc_replay_lambda
        return OnlineEWC(OnlineEWCConfig(lambda_=lam, gamma=cfg.ewc_gamma))
    if method == "ewcpp":
        from neuroplast.core.ewcpp import EWCPlusPlus, EWCPlusPlusConfig

        return EWCPlusPlus(EWCPlusPlusConfig(**cfg.ewcpp_config()))
    return None


def _buffer(method: str, cfg: ContinualConfig, seed: int) -> Any:
    if method not in ("replay", "ewc_replay", "derpp"):
        return None
    from neuroplast.core.replay import ReplayBuffer, ReplayConfig

    return ReplayBuffer(ReplayConfig(capacity=cfg.replay_capacity, policy=cfg.replay_policy,
                                     seed=seed))


def _add(buffer: Any, x: torch.Tensor, y: torch.Tensor,
         model: torch.nn.Module | None = None) -> None:
    """Store ``(x, y)``; with ``model`` (DER++), with its logits for them."""
    from neuroplast.core.der import record_logits
    from neuroplast.core.replay import Example

    examples = [Example(xi, yi) for xi, yi in zip(x, y, strict=True)]
    buffer.extend(record_logits(model, examples) if model is not None else examples)


def _der_loss(model: torch.nn.Module, loss_fn: Any, buffer: Any, x: torch.Tensor,
              y: torch.Tensor, cfg: ContinualConfig) -> torch.Tensor:
    """DER++: the batch's loss plus α·MSE on one draw's logits and β·CE on another's labels."""
    import torch

    from neuroplast.core.der import DERConfig, der_loss

    draws: list[list[Any]] = [[], []]
    if len(buffer):
        draws = [_draw(buffer, cfg.replay_batch, len(y), cfg, locked=False) for _ in range(2)]
    return der_loss(model, loss_fn, (x, y, torch.ones(len(y))), draws[0], draws[1],
                    DERConfig(alpha=cfg.der_alpha, beta=cfg.der_beta))


def _draw(buffer: Any, n: int, fresh: int, cfg: ContinualConfig, locked: bool = True
          ) -> list[Any]:
    """``n`` replayed examples as ``cfg.replay_draw`` says (``fresh``: the step's new ones)."""
    return buffer.sample(n, locked=locked, past=cfg.replay_draw == "past",
                         fresh=fresh if cfg.replay_draw == "even" else None)


def _mix(buffer: Any, x: torch.Tensor, y: torch.Tensor, cfg: ContinualConfig
         ) -> tuple[torch.Tensor, torch.Tensor]:
    import torch

    if buffer is None or len(buffer) == 0:
        return x, y
    old = _draw(buffer, cfg.replay_batch, len(y), cfg)
    if not old:  # past only, and no boundary yet
        return x, y
    return (torch.cat([x, torch.stack([e.inputs for e in old])]),
            torch.cat([y, torch.stack([e.target for e in old])]))


def _running(method: str, cfg: ContinualConfig) -> bool:
    """Whether the regularizer's Fisher is the running one, folded in at every step."""
    return method == "ewcpp" and cfg.ewcpp_fisher in ("running", "examples")


def _squares(model: torch.nn.Module, loss_fn: Any, task: Task, idx: torch.Tensor,
             cfg: ContinualConfig) -> dict[str, torch.Tensor] | None:
    """EWC++ with ``ewcpp_fisher="examples"``: the step's per-example Fisher over its new
    examples, for the running Fisher (else None: the batch gradient's square, or nothing)."""
    if cfg.ewcpp_fisher != "examples":
        return None
    from neuroplast.core.regularizer import empirical_fisher

    return empirical_fisher(model, loss_fn, [(task.x_train[idx], task.y_train[idx])])


def _end_task(reg: Any, model: torch.nn.Module, loss_fn: Any, task: Task,
              cfg: ContinualConfig, running: bool) -> None:
    if reg is None:
        return
    if running:  # the Fisher is already the running one; a detector closes tasks itself
        if cfg.ewcpp_boundary_threshold == 0:
            reg.end_task(model)
        return
    batches = [(task.x_train, task.y_train)]
    if cfg.ewc_fisher_batches:
        n = cfg.ewc_fisher_batches * cfg.batch_size
        batches = [(task.x_train[:n], task.y_train[:n])]
    reg.estimate_fisher(model, loss_fn, batches)
    if hasattr(reg, "end_task"):  # EWC++: close the task in its ring
        reg.end_task(model)
    else:
        reg.consolidate(model)


def run_neuroplast(stream: Stream, method: str, cfg: ContinualConfig, seed: int,
                   online: bool = False, info: dict[str, Any] | None = None
                   ) -> list[list[float]]:
    """Train ``method`` over ``stream``; return the accuracy matrix ``R[i][j]``. With
    ``info``, EWC++ records there how many tasks it closed (``tasks_closed``)."""
    import torch

    if method not in NEUROPLAST_METHODS:
        raise ConfigError(f"unknown method {method!r}; use one of {list(NEUROPLAST_METHODS)}")
    cfg = cfg.for_setting(online)
    model = make_mlp(seed, cfg.hidden, stream.n_inputs, stream.n_classes)
    opt = make_optimizer(model, cfg.optimizer, cfg.lr, cfg.momentum)
    loss_fn = torch.nn.CrossEntropyLoss(reduction="none")
    reg, buffer = _regularizer(method, cfg), _buffer(method, cfg, seed)
    batch = cfg.online_batch_size if online else cfg.batch_size
    running = _running(method, cfg)
    per_step = online and cfg.replay_fill == "step"
    gen = torch.Generator().manual_seed(seed)
    matrix: list[list[float]] = []
    for task in stream.tasks:
        for _ in range(1 if online else cfg.epochs):
            order = torch.randperm(len(task.y_train), generator=gen)
            for idx in order.split(batch):
                opt.zero_grad(set_to_none=True)
                if method == "derpp":
                    _der_loss(model, loss_fn, buffer, task.x_train[idx], task.y_train[idx],
                              cfg).backward()
                else:
                    x, y = _mix(buffer, task.x_train[idx], task.y_train[idx], cfg)
                    loss_fn(model(x), y).mean().backward()
                if reg is not None:  # + λ·F·(θ − θ*) in closed form; F comes from _end_task
                    sq = _squares(model, loss_fn, task, idx, cfg) if running else None
                    reg.add_penalty_grad(model, accumulate=running, value=False, squares=sq)
                if cfg.clip_grad_norm:
                    torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.clip_grad_norm)
                opt.step()
                if per_step and buffer is not None:
                    _add(buffer, task.x_train[idx], task.y_train[idx],
                         model if method == "derpp" else None)
        if buffer is not None and not per_step:
            _add(buffer, task.x_train, task.y_train, model if method == "derpp" else None)
        if buffer is not None:  # the task's end is a boundary the benchmark knows
            buffer.end_experience()
        _end_task(reg, model, loss_fn, task, cfg, running)
        matrix.append([accuracy(model, t.x_test, t.y_test) for t in stream.tasks])
    if info is not None and hasattr(reg, "task_count"):
        info["tasks_closed"] = reg.task_count
    return matrix
