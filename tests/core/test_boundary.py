"""Gradient-shift boundary detection on real gradients of a real MLP."""

from __future__ import annotations

import math

import pytest
import torch

from neuroplast.core.boundary import BoundaryConfig, GradientShiftDetector
from neuroplast.errors import ConfigError, NumericalError, StateMismatchError

D = 16


def _task(task: int, seed: int, n: int = 512) -> tuple[torch.Tensor, torch.Tensor]:
    weights = torch.randn(3, D, generator=torch.Generator().manual_seed(99 + task))
    z = torch.randn(n, D, generator=torch.Generator().manual_seed(seed))
    return z + 4.0 * task * torch.ones(D) / D**0.5, (z @ weights.T).argmax(1)


def _train_and_watch(
    model: torch.nn.Module,
    opt: torch.optim.Optimizer,
    data: tuple[torch.Tensor, torch.Tensor],
    steps: int,
    detector: GradientShiftDetector,
    seed: int,
) -> list[int]:
    """Train with real mini-batches; return the steps at which the detector fired."""
    x, y = data
    gen = torch.Generator().manual_seed(seed)
    fired = []
    for step in range(steps):
        idx = torch.randint(0, len(x), (32,), generator=gen)
        loss = torch.nn.functional.cross_entropy(model(x[idx]), y[idx])
        opt.zero_grad()
        loss.backward()
        norm = math.sqrt(sum(float(p.grad.square().sum()) for p in model.parameters()))
        if detector.update(norm):
            fired.append(step)
        opt.step()
    return fired


def test_config_validation() -> None:
    with pytest.raises(ConfigError, match="patience"):
        BoundaryConfig(patience=0)
    with pytest.raises(ConfigError, match="decay"):
        BoundaryConfig(decay=1.0)
    assert BoundaryConfig.from_json(BoundaryConfig(warmup=7).to_json()).warmup == 7


def test_fires_on_a_real_shift_and_not_on_same_task_noise() -> None:
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(D, 32), torch.nn.ReLU(), torch.nn.Linear(32, 3))
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    detector = GradientShiftDetector(BoundaryConfig())
    # Task A for a long time, many different mini-batches: never a boundary.
    fired_a = _train_and_watch(model, opt, _task(0, seed=0), 400, detector, seed=1)
    assert fired_a == []
    assert detector.count > 300  # it was watching, not stuck in warm-up
    # Task B: a real distribution shift, detected within a few steps.
    fired_b = _train_and_watch(model, opt, _task(1, seed=1), 20, detector, seed=2)
    assert fired_b, "no boundary detected after the shift"
    assert fired_b[0] <= detector.config.patience + 2


def test_patience_requires_consecutive_outliers() -> None:
    detector = GradientShiftDetector(BoundaryConfig(warmup=10, patience=3))
    for i in range(30):
        assert not detector.update(1.0 + 0.05 * math.sin(i))
    # Isolated spikes (an unlucky batch) never fire: the run is broken each time.
    for _ in range(5):
        assert not detector.update(50.0)
        assert not detector.update(50.0)
        assert not detector.update(1.0)
    assert [detector.update(50.0) for _ in range(3)] == [False, False, True]


def test_downward_drift_does_not_fire() -> None:
    detector = GradientShiftDetector(BoundaryConfig(warmup=5, patience=1))
    assert not any(detector.update(10.0 * 0.9**i) for i in range(200))


def test_state_round_trip_and_bad_input() -> None:
    detector = GradientShiftDetector()
    for i in range(25):
        detector.update(1.0 + 0.1 * (i % 4))
    clone = GradientShiftDetector()
    clone.load_state_dict(detector.state_dict())
    assert (clone.count, clone.mean, clone.var) == (detector.count, detector.mean, detector.var)
    assert clone.is_outlier(40.0) and not clone.is_outlier(1.1)
    with pytest.raises(StateMismatchError, match="detector"):
        clone.load_state_dict({"detector": torch.zeros(3)})
    with pytest.raises(NumericalError, match="nan"):
        detector.update(float("nan"))
