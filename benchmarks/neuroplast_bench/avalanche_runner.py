"""Avalanche 0.6.0 baselines on the very same tensors, model, optimizer and budget.

Avalanche is optional (``bash scripts/setup.sh --bench`` installs it on the CPU build of
torch) and imported lazily; when it cannot be imported :func:`avalanche_unavailable` says
why, and the benchmark reports that loudly.
Accuracy is measured with the same :func:`neuroplast_bench.model.accuracy` as ours, so the
two implementations differ only in how they train.

Counterparts: ``naive`` → ``Naive``; ``ewc`` → ``EWC(mode="online", decay_factor=γ)``;
``replay`` → ``Replay(mem_size=capacity)``; ``ewc_replay`` → the template with both plugins;
``derpp`` → ``DER(mem_size=capacity, batch_size_mem=replay_batch, alpha, beta)`` (its buffer
is class-balanced and filled at the end of each experience, online too).

>>> reason = avalanche_unavailable()
>>> reason is None or reason.startswith("unavailable: ")
True
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

from neuroplast.errors import BackendUnavailable, ConfigError
from neuroplast_bench.config import ContinualConfig
from neuroplast_bench.model import accuracy, make_mlp, make_optimizer

if TYPE_CHECKING:
    from neuroplast_bench.streams import Stream

__all__ = ["AVALANCHE_METHODS", "avalanche_unavailable", "run_avalanche"]

AVALANCHE_METHODS: dict[str, str] = {
    "naive": "Naive",
    "ewc": "EWC",
    "replay": "Replay",
    "ewc_replay": "EWC+Replay",
    "derpp": "DER",
}
INSTALL_HINT = "install it with bash scripts/setup.sh --bench"


def avalanche_unavailable() -> str | None:
    """``None`` when avalanche-lib imports, else ``"unavailable: <reason>; <how to fix>"``."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # its optional solvers warn at import
            import avalanche.training  # noqa: F401
    except Exception as exc:  # any import failure (missing, broken torchvision) means "no"
        return f"unavailable: {type(exc).__name__}: {exc}; {INSTALL_HINT}"
    return None


def _benchmark(stream: Stream) -> Any:
    from avalanche.benchmarks.scenarios.dataset_scenario import benchmark_from_datasets
    from avalanche.benchmarks.utils.classification_dataset import (
        _make_taskaware_tensor_classification_dataset as tensor_dataset,
    )

    train = [tensor_dataset(t.x_train, t.y_train, task_labels=0, targets=t.y_train)
             for t in stream.tasks]
    test = [tensor_dataset(t.x_test, t.y_test, task_labels=0, targets=t.y_test)
            for t in stream.tasks]
    return benchmark_from_datasets(train=train, test=test)


def _clip_plugin(max_norm: float) -> Any:
    """Clip the gradient norm before each optimizer step, as our loop does."""
    import torch
    from avalanche.core import SupervisedPlugin

    class ClipGradNorm(SupervisedPlugin):  # type: ignore[misc]
        def before_update(self, strategy: Any, **kwargs: Any) -> None:
            torch.nn.utils.clip_grad_norm_(strategy.model.parameters(), max_norm)

    return ClipGradNorm()


def _strategy(method: str, model: Any, cfg: ContinualConfig, batch: int, epochs: int) -> Any:
    import torch
    from avalanche.training.plugins import EvaluationPlugin, EWCPlugin, ReplayPlugin
    from avalanche.training.templates import SupervisedTemplate

    plugins: list[Any] = [_clip_plugin(cfg.clip_grad_norm)] if cfg.clip_grad_norm else []
    if method in ("ewc", "ewc_replay"):
        lam = cfg.ewc_lambda if method == "ewc" else cfg.ewc_replay_lambda
        plugins.append(EWCPlugin(lam, mode="online", decay_factor=cfg.ewc_gamma))
    if method in ("replay", "ewc_replay"):
        plugins.append(ReplayPlugin(mem_size=cfg.replay_capacity,
                                    batch_size_mem=cfg.replay_batch))
    if method not in AVALANCHE_METHODS:
        raise ConfigError(f"no Avalanche counterpart for method {method!r}; "
                          f"use one of {sorted(AVALANCHE_METHODS)}")
    opt = make_optimizer(model, cfg.optimizer, cfg.lr, cfg.momentum)
    if method == "derpp":
        from avalanche.training.supervised import DER

        return DER(model=model, optimizer=opt, criterion=torch.nn.CrossEntropyLoss(),
                   mem_size=cfg.replay_capacity, batch_size_mem=cfg.replay_batch,
                   alpha=cfg.der_alpha, beta=cfg.der_beta, train_mb_size=batch,
                   train_epochs=epochs, eval_mb_size=512, device="cpu", plugins=plugins,
                   evaluator=EvaluationPlugin(loggers=[]))
    # Naive, EWC and Replay are SupervisedTemplate plus these plugins; building the template
    # directly lets EWC+Replay combine both. No loggers: we measure accuracy ourselves.
    return SupervisedTemplate(
        model=model, optimizer=opt, criterion=torch.nn.CrossEntropyLoss(),
        train_mb_size=batch, train_epochs=epochs, eval_mb_size=512, device="cpu",
        plugins=plugins, evaluator=EvaluationPlugin(loggers=[]),
    )


def run_avalanche(stream: Stream, method: str, cfg: ContinualConfig, seed: int,
                  online: bool = False) -> list[list[float]]:
    """Train Avalanche's strategy for ``method`` over ``stream``; return the accuracy matrix."""
    import torch

    reason = avalanche_unavailable()
    if reason is not None:
        raise BackendUnavailable(f"Avalanche baseline {method!r} cannot run: {reason}")
    cfg = cfg.for_setting(online)
    batch = cfg.online_batch_size if online else cfg.batch_size
    epochs = 1 if online else cfg.epochs
    model = make_mlp(seed, cfg.hidden, stream.n_inputs, stream.n_classes)
    matrix: list[list[float]] = []
    # Avalanche warns about what we chose on purpose (no loggers: we measure accuracy
    # ourselves) and forces its deprecation warnings on with "always"; record=True keeps
    # them off the console and out of pytest's warnings-as-errors.
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("ignore")
        strategy = _strategy(method, model, cfg, batch, epochs)
        bench = _benchmark(stream)
        torch.manual_seed(seed)  # Avalanche shuffles with torch's global generator
        for exp in bench.train_stream:
            strategy.train(exp, num_workers=0)
            matrix.append([accuracy(strategy.model, t.x_test, t.y_test) for t in stream.tasks])
    return matrix
