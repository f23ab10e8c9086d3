"""Online EWC: exact penalty and Fisher maths, less forgetting, name keys, save/load."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import torch

from neuroplast.core.ewc import OnlineEWC, OnlineEWCConfig, estimate_fisher
from neuroplast.errors import ConfigError, NumericalError, StateMismatchError

D = 16


def _linear() -> torch.nn.Linear:
    model = torch.nn.Linear(2, 1)
    with torch.no_grad():
        model.weight.copy_(torch.tensor([[0.5, -1.0]]))
        model.bias.fill_(0.25)
    return model


def _set_grads(model: torch.nn.Linear, w: list[float], b: float) -> None:
    model.weight.grad = torch.tensor([w])
    model.bias.grad = torch.tensor([b])


def _mlp(seed: int = 0, hidden: int = 64) -> torch.nn.Sequential:
    torch.manual_seed(seed)
    return torch.nn.Sequential(
        torch.nn.Linear(D, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, 3)
    )


def _task(task: int, seed: int, n: int = 512) -> tuple[torch.Tensor, torch.Tensor]:
    """Inputs around a task-specific centre, labels from a task-specific linear rule."""
    weights = torch.randn(3, D, generator=torch.Generator().manual_seed(99 + task))
    z = torch.randn(n, D, generator=torch.Generator().manual_seed(seed))
    return z + 4.0 * task * torch.ones(D) / D**0.5, (z @ weights.T).argmax(1)


def _ce(out: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    return torch.nn.functional.cross_entropy(out, target, reduction="none")


def _train(model: torch.nn.Module, x: torch.Tensor, y: torch.Tensor, ewc: OnlineEWC | None) -> None:
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    gen = torch.Generator().manual_seed(7)
    for _ in range(150):
        idx = torch.randint(0, len(x), (64,), generator=gen)
        loss = _ce(model(x[idx]), y[idx]).mean()
        if ewc is not None:
            loss = loss + ewc.penalty(model)
        opt.zero_grad()
        loss.backward()
        opt.step()


def _accuracy(model: torch.nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    with torch.no_grad():
        return (model(x).argmax(1) == y).float().mean().item()


def test_config_validates_and_round_trips() -> None:
    with pytest.raises(ConfigError, match="lambda_"):
        OnlineEWCConfig(lambda_=-1.0)
    with pytest.raises(ConfigError, match="gamma"):
        OnlineEWCConfig(gamma=1.0)
    cfg = OnlineEWCConfig(lambda_=12.5, gamma=0.5)
    assert OnlineEWCConfig.from_json(cfg.to_json()) == cfg


def test_penalty_is_exactly_zero_before_consolidate_and_at_reference() -> None:
    model = _linear()
    ewc = OnlineEWC(OnlineEWCConfig(lambda_=10.0))
    _set_grads(model, [1.0, 2.0], 3.0)
    ewc.accumulate(model)
    assert not ewc.active
    assert ewc.penalty(model).item() == 0.0  # accumulated, but no snapshot yet
    ewc.consolidate(model)
    assert ewc.active
    assert ewc.penalty(model).item() == 0.0


def test_penalty_equals_hand_computed_formula() -> None:
    model = _linear()
    ewc = OnlineEWC(OnlineEWCConfig(lambda_=4.0, gamma=0.5))
    _set_grads(model, [2.0, 0.0], 1.0)
    ewc.accumulate(model)  # F = 0.5·g² = [2, 0], 0.5
    ewc.consolidate(model)  # F* = F
    with torch.no_grad():
        model.weight.add_(torch.tensor([[1.0, 3.0]]))
        model.bias.sub_(2.0)
    # 0.5·4·(2·1² + 0·3² + 0.5·2²) = 2·(2 + 0 + 2) = 8
    assert ewc.penalty(model).item() == pytest.approx(8.0, abs=1e-6)
    grads = torch.autograd.grad(ewc.penalty(model), [model.weight, model.bias])
    # ∂/∂θ = λ·F·(θ − θ*) = 4·[2·1, 0·3], 4·0.5·(−2)
    assert grads[0].tolist() == [[8.0, 0.0]]
    assert grads[1].tolist() == [-4.0]


def test_penalty_grows_quadratically_with_distance() -> None:
    model = _mlp()
    ewc = OnlineEWC(OnlineEWCConfig(lambda_=3.0))
    x, y = _task(0, 0, n=64)
    ewc.estimate_fisher(model, _ce, [(x, y)])
    ewc.consolidate(model)
    direction = [torch.randn_like(p) for p in model.parameters()]
    values = []
    for t in (1.0, 2.0, 3.0):
        moved = copy.deepcopy(model)
        with torch.no_grad():
            for p, d in zip(moved.parameters(), direction, strict=True):
                p.add_(t * d)
        values.append(ewc.penalty(moved).item())
    assert values[0] > 0
    assert values[1] / values[0] == pytest.approx(4.0, rel=1e-4)
    assert values[2] / values[0] == pytest.approx(9.0, rel=1e-4)


def test_online_fisher_update_is_exact() -> None:
    model = _linear()
    gamma = 0.75
    ewc = OnlineEWC(OnlineEWCConfig(lambda_=1.0, gamma=gamma))
    g1, g2 = torch.tensor([[1.0, -2.0]]), torch.tensor([[3.0, 0.5]])
    for g in (g1, g2):
        model.weight.grad, model.bias.grad = g.clone(), torch.tensor([1.0])
        ewc.accumulate(model)
    expected = gamma * (1 - gamma) * g1**2 + (1 - gamma) * g2**2
    torch.testing.assert_close(ewc.running_fisher["weight"], expected, rtol=0, atol=1e-7)
    ewc.consolidate(model)
    torch.testing.assert_close(ewc.fisher["weight"], expected, rtol=0, atol=1e-7)
    # Next task: running Fisher moves, the penalty's F* does not until consolidate...
    model.weight.grad = torch.tensor([[10.0, 10.0]])
    ewc.accumulate(model)
    torch.testing.assert_close(ewc.fisher["weight"], expected, rtol=0, atol=1e-7)
    # ...which then folds it in: F* ← γ·F* + F.
    running = ewc.running_fisher["weight"].clone()
    ewc.consolidate(model)
    torch.testing.assert_close(ewc.fisher["weight"], gamma * expected + running)


def test_estimate_fisher_helper_matches_method() -> None:
    model = _mlp()
    x, y = _task(0, 0, n=32)
    ewc = OnlineEWC()
    ewc.estimate_fisher(model, _ce, [(x, y)])
    direct = estimate_fisher(model, _ce, [(x, y)])
    for n, f in direct.items():
        torch.testing.assert_close(ewc.running_fisher[n], f)


def test_ewc_lowers_forgetting() -> None:
    xa, ya = _task(0, seed=0)
    xb, yb = _task(1, seed=1)
    xa_test, ya_test = _task(0, seed=2)
    xb_test, yb_test = _task(1, seed=3)
    results = {}
    for lam in (0.0, 300.0):
        model = _mlp()
        _train(model, xa, ya, None)
        before = _accuracy(model, xa_test, ya_test)
        ewc = OnlineEWC(OnlineEWCConfig(lambda_=lam))
        ewc.estimate_fisher(model, _ce, [(xa, ya)])
        ewc.consolidate(model)
        _train(model, xb, yb, ewc)
        results[lam] = (
            before,
            _accuracy(model, xa_test, ya_test),
            _accuracy(model, xb_test, yb_test),
        )
    (before, plain_a, _plain_b), (_, ewc_a, ewc_b) = results[0.0], results[300.0]
    assert before > 0.85
    assert plain_a < before - 0.2  # the setting does forget without EWC
    assert ewc_a > plain_a + 0.15  # EWC keeps task A measurably better
    assert ewc_b > 0.75  # while still learning task B


def test_works_on_a_deep_copy_by_name() -> None:
    model = _mlp()
    x, y = _task(0, 0, n=32)
    ewc = OnlineEWC(OnlineEWCConfig(lambda_=5.0))
    ewc.estimate_fisher(model, _ce, [(x, y)])
    ewc.consolidate(model)
    trained = copy.deepcopy(model)
    with torch.no_grad():
        for p in trained.parameters():
            p.add_(0.1)
    penalty = ewc.penalty(trained)
    penalty.backward()
    assert penalty.item() > 0
    assert all(p.grad is not None and p.grad.abs().sum() > 0 for p in trained.parameters())
    assert all(p.grad is None for p in model.parameters())  # the live model is untouched
    # Accumulating from the copy updates the same name-keyed state.
    ewc.accumulate(trained)
    assert set(ewc.running_fisher) == {n for n, _ in model.named_parameters()}


def test_save_load_gives_identical_penalty(tmp_path: Path) -> None:
    model = _mlp()
    x, y = _task(0, 0, n=32)
    ewc = OnlineEWC(OnlineEWCConfig(lambda_=7.0, gamma=0.8))
    ewc.estimate_fisher(model, _ce, [(x, y)])
    ewc.consolidate(model)
    moved = _mlp(seed=1)
    ewc.save(tmp_path / "ewc.safetensors")
    restored = OnlineEWC().load(tmp_path / "ewc.safetensors", model=moved)
    assert restored.config == ewc.config
    assert restored.penalty(moved).item() == ewc.penalty(moved).item()
    assert restored.penalty(moved).item() > 0


def test_load_with_mismatched_shapes_or_names_raises(tmp_path: Path) -> None:
    model = _mlp(hidden=64)
    ewc = OnlineEWC()
    ewc.consolidate(model)
    ewc.save(tmp_path / "ewc.safetensors")
    with pytest.raises(StateMismatchError, match=r"'0\.(weight|bias)'.*\(64,.*\(32,"):
        OnlineEWC().load(tmp_path / "ewc.safetensors", model=_mlp(hidden=32))
    renamed = torch.nn.Sequential()
    renamed.add_module("first", torch.nn.Linear(D, 64))
    with pytest.raises(StateMismatchError, match=r"'0\.(weight|bias)'"):
        OnlineEWC().load(tmp_path / "ewc.safetensors", model=renamed)
    with pytest.raises(StateMismatchError, match=r"'0.weight'.*\(64, 16\).*\(32, 16\)"):
        ewc.penalty(_mlp(hidden=32))


def test_nan_gradient_raises_numerical_error_naming_parameter() -> None:
    model = _linear()
    ewc = OnlineEWC()
    _set_grads(model, [1.0, float("nan")], 0.0)
    with pytest.raises(NumericalError, match="'weight'"):
        ewc.accumulate(model)
    assert ewc.running_fisher == {}  # nothing half-updated


def test_accumulate_measures_the_task_gradient_not_the_penalty() -> None:
    x, y = _task(0, 0, n=32)
    gamma = 0.5
    model = _mlp()
    ewc = OnlineEWC(OnlineEWCConfig(lambda_=50.0, gamma=gamma))
    ewc.estimate_fisher(model, _ce, [(x, y)])
    ewc.consolidate(model)
    with torch.no_grad():
        for p in model.parameters():
            p.add_(0.3)  # far from θ*: the penalty's gradient is large
    task_loss = _ce(model(x), y).mean()
    task_grads = torch.autograd.grad(task_loss, list(model.parameters()))
    before = {n: f.clone() for n, f in ewc.running_fisher.items()}
    model.zero_grad()
    (_ce(model(x), y).mean() + ewc.penalty(model)).backward()
    total_grads = [p.grad.clone() for p in model.parameters()]
    ewc.accumulate(model)
    for p, g in zip(model.parameters(), total_grads, strict=True):
        assert torch.equal(p.grad, g)  # .grad is read, never changed
    for (n, _), g in zip(model.named_parameters(), task_grads, strict=True):
        expected = gamma * before[n] + (1 - gamma) * g**2
        torch.testing.assert_close(ewc.running_fisher[n], expected, rtol=1e-4, atol=1e-7)
    # After an optimizer step the record is stale and .grad is taken as it is.
    torch.optim.SGD(model.parameters(), lr=0.1).step()
    model.zero_grad()
    _ce(model(x), y).mean().backward()
    grads = {n: p.grad.clone() for n, p in model.named_parameters()}
    before = {n: f.clone() for n, f in ewc.running_fisher.items()}
    ewc.accumulate(model)
    for n, g in grads.items():
        torch.testing.assert_close(ewc.running_fisher[n], gamma * before[n] + (1 - gamma) * g**2)
