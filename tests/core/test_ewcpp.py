"""EWC++: ring of tasks, merging, growing λ, auto boundaries on real gradients, save/load."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import torch

from neuroplast.core.boundary import BoundaryConfig
from neuroplast.core.ewcpp import EWCPlusPlus, EWCPlusPlusConfig
from neuroplast.errors import ConfigError, NumericalError, StateMismatchError

D = 16


def _task(task: int, seed: int, n: int = 512) -> tuple[torch.Tensor, torch.Tensor]:
    weights = torch.randn(3, D, generator=torch.Generator().manual_seed(99 + task))
    z = torch.randn(n, D, generator=torch.Generator().manual_seed(seed))
    return z + 4.0 * task * torch.ones(D) / D**0.5, (z @ weights.T).argmax(1)


def _mlp(seed: int = 0) -> torch.nn.Sequential:
    torch.manual_seed(seed)
    return torch.nn.Sequential(torch.nn.Linear(D, 64), torch.nn.ReLU(), torch.nn.Linear(64, 3))


def _train(
    model: torch.nn.Module,
    data: tuple[torch.Tensor, torch.Tensor],
    reg: EWCPlusPlus | None,
    steps: int = 150,
    seed: int = 7,
) -> list[int]:
    """Real training with penalty and accumulate; returns steps where a boundary fired."""
    x, y = data
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    gen = torch.Generator().manual_seed(seed)
    fired = []
    for step in range(steps):
        idx = torch.randint(0, len(x), (64,), generator=gen)
        loss = torch.nn.functional.cross_entropy(model(x[idx]), y[idx])
        if reg is not None:
            loss = loss + reg.penalty(model)
        opt.zero_grad()
        loss.backward()
        if reg is not None:
            reg.accumulate(model)
            if reg.boundary_detected:
                fired.append(step)
        opt.step()
    return fired


def _accuracy(model: torch.nn.Module, data: tuple[torch.Tensor, torch.Tensor]) -> float:
    with torch.no_grad():
        return (model(data[0]).argmax(1) == data[1]).float().mean().item()


def _grad_step(model: torch.nn.Linear, w: list[float], b: float, reg: EWCPlusPlus) -> None:
    model.weight.grad, model.bias.grad = torch.tensor([w]), torch.tensor([b])
    reg.accumulate(model)


def test_config_validation_and_json() -> None:
    with pytest.raises(ConfigError, match="lambda_max"):
        EWCPlusPlusConfig(lambda_init=10.0, lambda_max=5.0)
    with pytest.raises(ConfigError, match="max_tasks"):
        EWCPlusPlusConfig(max_tasks=0)
    with pytest.raises(ConfigError, match="patience"):
        EWCPlusPlusConfig.from_dict({"boundary": {"patience": 0}})
    cfg = EWCPlusPlusConfig(max_tasks=2, boundary=BoundaryConfig(warmup=9))
    assert EWCPlusPlusConfig.from_json(cfg.to_json()) == cfg


def test_inactive_until_a_task_ends_then_penalty_matches_formula() -> None:
    model = torch.nn.Linear(2, 1)
    reg = EWCPlusPlus(EWCPlusPlusConfig(lambda_init=2.0, gamma=0.5, auto_boundary=False,
                                        anchor="task"))
    _grad_step(model, [2.0, 4.0], 1.0, reg)
    assert not reg.active and reg.penalty(model).item() == 0.0
    reg.end_task(model)  # task 1: F = 0.5·g² = [2, 8], 0.5
    theta1 = {n: p.detach().clone() for n, p in model.named_parameters()}
    assert reg.penalty(model).item() == 0.0
    with torch.no_grad():
        model.weight.add_(1.0)
    _grad_step(model, [0.0, 2.0], 2.0, reg)
    reg.end_task(model)  # task 2: F = [0, 2], 2 at θ1 + [1, 1] on the weight
    with torch.no_grad():
        model.bias.add_(1.0)
    lam = reg.current_lambda
    assert lam == pytest.approx(2.0 * 1.5)
    w, b = model.weight.detach(), model.bias.detach()
    w1, b1 = theta1["weight"], theta1["bias"]
    expected = (
        0.5
        * lam
        * (
            (torch.tensor([[2.0, 8.0]]) * (w - w1) ** 2).sum()
            + 0.5 * float((b - b1) ** 2)
            + (torch.tensor([[0.0, 2.0]]) * (w - w1 - 1.0) ** 2).sum()
            + 2.0 * float((b - b1) ** 2)
        )
    )
    assert reg.penalty(model).item() == pytest.approx(expected.item(), rel=1e-5)


def test_lambda_grows_with_tasks_and_is_capped() -> None:
    model = torch.nn.Linear(2, 1)
    cfg = EWCPlusPlusConfig(lambda_init=10.0, lambda_max=50.0, lambda_growth=2.0, max_tasks=3)
    reg = EWCPlusPlus(cfg)
    seen = []
    for _ in range(6):
        reg.end_task(model)
        seen.append(reg.current_lambda)
    assert seen == [10.0, 20.0, 40.0, 50.0, 50.0, 50.0]
    assert reg.task_count == 6


def test_ring_is_bounded_and_oldest_tasks_merge_fisher_weighted() -> None:
    model = torch.nn.Linear(1, 1, bias=False)
    reg = EWCPlusPlus(EWCPlusPlusConfig(gamma=0.0, max_tasks=2, auto_boundary=False,
                                        anchor="task"))
    for theta, grad in [(1.0, 1.0), (3.0, 2.0), (5.0, 3.0)]:
        with torch.no_grad():
            model.weight.fill_(theta)
        model.weight.grad = torch.tensor([[grad]])
        reg.accumulate(model)  # γ = 0: F = g²
        penalty_grad_before = None
        if reg.task_count == 2:
            probe = copy.deepcopy(model)
            penalty_grad_before = torch.autograd.grad(reg.penalty(probe), probe.weight)[0]
        reg.end_task(model)
        assert len(reg.tasks) <= 2
    assert reg.task_count == 3 and len(reg.tasks) == 2
    (f_old, ref_old), (f_new, ref_new) = reg.tasks
    # Tasks 1 and 2 merged: F = 1 + 4, θ* = (1·1 + 4·3) / 5; task 3 intact.
    assert f_old["weight"].item() == pytest.approx(5.0)
    assert ref_old["weight"].item() == pytest.approx(13.0 / 5.0)
    assert (f_new["weight"].item(), ref_new["weight"].item()) == (9.0, 5.0)
    # The merge keeps the penalty's gradient from the two merged tasks.
    probe = copy.deepcopy(model)
    with torch.no_grad():
        probe.weight.fill_(5.0)
    merged_only = 5.0 * (5.0 - 13.0 / 5.0)
    assert penalty_grad_before is not None
    got = torch.autograd.grad(reg.penalty(probe), probe.weight)[0].item()
    assert got == pytest.approx(reg.current_lambda * merged_only, rel=1e-5)


def test_auto_boundary_on_real_gradients_and_less_forgetting() -> None:
    task_a, task_b = _task(0, seed=0), _task(1, seed=1)
    test_a, test_b = _task(0, seed=2), _task(1, seed=3)
    # Without regularization: baseline forgetting.
    plain = _mlp()
    _train(plain, task_a, None)
    before = _accuracy(plain, test_a)
    _train(plain, task_b, None)
    plain_a = _accuracy(plain, test_a)
    # With EWC++: the boundary is found from the gradients alone, no end_task call.
    model = _mlp()
    reg = EWCPlusPlus(EWCPlusPlusConfig())  # defaults
    fired_a = _train(model, task_a, reg, steps=300)
    assert fired_a == [] and reg.task_count == 0
    fired_b = _train(model, task_b, reg)
    assert fired_b and fired_b[0] <= reg.config.boundary.patience + 2
    assert reg.task_count == 1 and reg.active
    assert before > 0.85 and plain_a < before - 0.2
    assert _accuracy(model, test_a) > plain_a + 0.1
    assert _accuracy(model, test_b) > 0.7


def test_explicit_end_task_penalty_nonzero_after_moving() -> None:
    model = _mlp()
    reg = EWCPlusPlus(EWCPlusPlusConfig(auto_boundary=False))
    _train(model, _task(0, seed=0), reg, steps=20)
    reg.end_task(model)
    assert reg.penalty(model).item() == 0.0
    _train(model, _task(1, seed=1), None, steps=5)
    assert reg.penalty(model).item() > 0.0


def test_consolidate_sets_provisional_current_task() -> None:
    model = torch.nn.Linear(2, 1)
    reg = EWCPlusPlus(EWCPlusPlusConfig(auto_boundary=False))
    _grad_step(model, [1.0, 1.0], 1.0, reg)
    reg.consolidate(model)
    assert reg.active and reg.task_count == 0 and reg.tasks == []
    with torch.no_grad():
        model.bias.add_(1.0)
    assert reg.penalty(model).item() > 0.0


def test_save_load_identical_penalty_and_mismatch(tmp_path: Path) -> None:
    model = _mlp()
    reg = EWCPlusPlus(EWCPlusPlusConfig(max_tasks=2, lambda_init=5.0))
    for t in range(3):
        _train(model, _task(t, seed=t), None, steps=3)
        model.zero_grad()
        torch.nn.functional.cross_entropy(model(_task(t, 9)[0]), _task(t, 9)[1]).backward()
        reg.accumulate(model)
        reg.end_task(model)
    reg.consolidate(model)
    reg.save(tmp_path / "ewcpp.safetensors")
    moved = _mlp(seed=3)
    restored = EWCPlusPlus().load(tmp_path / "ewcpp.safetensors", model=moved)
    assert restored.config == reg.config and restored.task_count == 3
    assert len(restored.tasks) == 2
    assert restored.penalty(moved).item() == pytest.approx(reg.penalty(moved).item(), rel=1e-6)
    assert restored.penalty(moved).item() > 0
    small = torch.nn.Sequential(torch.nn.Linear(D, 8), torch.nn.ReLU(), torch.nn.Linear(8, 3))
    with pytest.raises(StateMismatchError, match=r"'0\.(weight|bias)'.*\(64,.*\(8,"):
        EWCPlusPlus().load(tmp_path / "ewcpp.safetensors", model=small)


def test_nan_gradient_raises() -> None:
    model = torch.nn.Linear(2, 1)
    reg = EWCPlusPlus()
    with pytest.raises(NumericalError, match="'bias'"):
        _grad_step(model, [1.0, 1.0], float("inf"), reg)


def test_latest_anchor_is_one_quadratic_around_the_last_tasks_weights() -> None:
    """Two tasks, F = 1 at θ = 1 then F = 4 at θ = 3: centred on the latest weights the
    penalty pulls nowhere where task 2 ended; per-task centres pull back towards θ = 1."""
    grads = {}
    for anchor in ("latest", "task"):
        model = torch.nn.Linear(1, 1, bias=False)
        reg = EWCPlusPlus(EWCPlusPlusConfig(lambda_init=1.0, lambda_growth=1.0, gamma=0.0,
                                            auto_boundary=False, anchor=anchor))
        for theta, grad in [(1.0, 1.0), (3.0, 2.0)]:
            with torch.no_grad():
                model.weight.fill_(theta)
            model.weight.grad = torch.tensor([[grad]])
            reg.accumulate(model)  # γ = 0: F = g²
            reg.end_task(model)
        assert sum(f["weight"].item() for f, _ in reg.tasks) == pytest.approx(5.0)
        at = []
        for theta in (3.0, 5.0):
            probe = copy.deepcopy(model)
            with torch.no_grad():
                probe.weight.fill_(theta)
            at.append(torch.autograd.grad(reg.penalty(probe), probe.weight)[0].item())
        grads[anchor] = at
    assert grads["latest"] == pytest.approx([0.0, 5.0 * (5.0 - 3.0)])
    assert grads["task"] == pytest.approx([1.0 * (3.0 - 1.0), 1.0 * 4.0 + 4.0 * 2.0])
    with pytest.raises(ConfigError, match="anchor"):
        EWCPlusPlusConfig(anchor="first")


def test_running_fisher_from_per_example_squares() -> None:
    """``accumulate(model, squares)`` folds the step's per-example Fisher in instead of the
    batch gradient's square, which is smaller wherever the examples' gradients disagree."""
    from neuroplast.core.ewc import OnlineEWC, OnlineEWCConfig
    from neuroplast.core.regularizer import empirical_fisher
    from neuroplast.errors import InvalidInputError

    model = _mlp()
    x, y = _task(0, seed=0, n=10)
    ce = torch.nn.CrossEntropyLoss(reduction="none")
    ce(model(x), y).mean().backward()
    squares = empirical_fisher(model, ce, [(x, y)])
    batch = {n: p.grad.detach().square() for n, p in model.named_parameters()}
    for n in squares:  # Jensen: the mean of squares is at least the square of the mean
        assert bool((squares[n] >= batch[n] - 1e-7).all())
    assert sum(float(s.sum()) for s in squares.values()) > 2 * sum(
        float(b.sum()) for b in batch.values())
    reg = EWCPlusPlus(EWCPlusPlusConfig(gamma=0.5, auto_boundary=False))
    reg.accumulate(model, squares)
    reg.end_task(model)
    for n, f in reg.tasks[0][0].items():
        assert torch.allclose(f, 0.5 * squares[n])
    ewc = OnlineEWC(OnlineEWCConfig(gamma=0.9))
    ewc.add_penalty_grad(model, squares=squares, value=False)  # inactive: Fisher only
    for n, f in ewc.running_fisher.items():
        assert torch.allclose(f, 0.1 * squares[n])
    bad = {**squares, "0.weight": squares["0.weight"][:1]}
    with pytest.raises(InvalidInputError, match=r"0\.weight"):
        reg.accumulate(model, bad)
