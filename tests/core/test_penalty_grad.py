"""The closed-form penalty gradient equals the autograd penalty's, value and gradients.

The reference is the autograd way the learner used to step: ``penalty(model)`` before the
task loss's ``backward``, then ``accumulate`` and ``penalty.backward()``. Two identical
models and regularizers go through many steps (SGD moves the weights, rounds consolidate,
EWC++ ends tasks, detects a boundary and merges its ring); at every step the penalty
value, every gradient and the Fisher state must agree to 1e-6.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

import pytest
import torch

from neuroplast.core.boundary import BoundaryConfig
from neuroplast.core.ewc import OnlineEWC, OnlineEWCConfig
from neuroplast.core.ewcpp import EWCPlusPlus, EWCPlusPlusConfig
from neuroplast.core.penalty_grad import ClosedFormPenalty
from neuroplast.core.regularizer import Regularizer


class _Shapes(torch.nn.Module):
    """Parameters of many shapes: 4-d conv kernels, matrices, vectors, a 0-d scale, a
    frozen matrix, and one parameter the loss never touches (its ``.grad`` stays None).
    The wide matrix is large enough for the fused loops (:mod:`neuroplast.core.fused`),
    the rest go through torch's ops: both paths in every step."""

    def __init__(self) -> None:
        super().__init__()
        self.conv = torch.nn.Conv2d(2, 3, kernel_size=3)
        self.wide = torch.nn.Linear(3 * 2 * 2, 3072)
        self.fc = torch.nn.Linear(3072, 5)
        self.scale = torch.nn.Parameter(torch.tensor(1.5))
        self.frozen = torch.nn.Parameter(torch.randn(5, 5), requires_grad=False)
        self.unused = torch.nn.Parameter(torch.randn(4))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = torch.tanh(self.conv(x)).flatten(1)
        h = torch.tanh(self.wide(h))
        return self.scale * self.fc(h) @ self.frozen


def _data(step: int, shift: float = 0.0) -> tuple[torch.Tensor, torch.Tensor]:
    gen = torch.Generator().manual_seed(step)
    x = torch.randn(8, 2, 4, 4, generator=gen) * (1.0 + shift) + shift
    return x, torch.randint(0, 5, (8,), generator=gen)


def _task_loss(model: torch.nn.Module, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return torch.nn.functional.cross_entropy(model(x), y)


def _close(a: torch.Tensor, b: torch.Tensor) -> None:
    torch.testing.assert_close(a, b, rtol=1e-6, atol=1e-6)


def _grads(model: torch.nn.Module) -> dict[str, torch.Tensor | None]:
    return {n: None if p.grad is None else p.grad.clone() for n, p in model.named_parameters()}


def _same_state(a: Regularizer, b: Regularizer) -> None:
    sa, sb = a.state_dict(), b.state_dict()
    assert sorted(sa) == sorted(sb)
    for key in sa:
        _close(sb[key].double(), sa[key].double())


def _run(make: Callable[[], Regularizer], *, steps: int, accumulate: bool, value: bool,
         after_step: Callable[[int, Regularizer, torch.nn.Module], None],
         shift_at: int) -> int:
    """Step the reference and the fused path side by side; return how many steps had a
    nonzero penalty (so a test can insist the penalty was exercised)."""
    torch.manual_seed(0)
    ref_model = _Shapes()
    fused_model = copy.deepcopy(ref_model)
    ref_reg, fused_reg = make(), make()
    opt = torch.optim.SGD([p for p in ref_model.parameters() if p.requires_grad], lr=0.01)
    penalised = 0
    for step in range(steps):
        x, y = _data(step, shift=3.0 if step >= shift_at else 0.0)  # a new task
        # Reference: autograd penalty, built before the task backward.
        ref_model.zero_grad(set_to_none=True)
        penalty = ref_reg.penalty(ref_model)
        loss = _task_loss(ref_model, x, y)
        if accumulate:
            loss.backward()
            ref_reg.accumulate(ref_model)
            if penalty.requires_grad:
                penalty.backward()
        else:
            (loss + penalty).backward()
        # Fused: task backward, then the closed-form gradient (and Fisher) in one call.
        fused_model.zero_grad(set_to_none=True)
        _task_loss(fused_model, x, y).backward()
        got_value = fused_reg.add_penalty_grad(fused_model, accumulate=accumulate, value=value)

        if value:
            assert got_value is not None and not got_value.requires_grad
            assert got_value.item() == pytest.approx(penalty.item(), rel=1e-6, abs=1e-6)
        else:
            assert got_value is None
        penalised += penalty.item() > 0
        want, got = _grads(ref_model), _grads(fused_model)
        for name, g in want.items():
            if g is None:
                assert got[name] is None, name
            else:
                _close(got[name], g)
        assert got["frozen"] is None
        if accumulate:
            _same_state(ref_reg, fused_reg)
            if isinstance(ref_reg, EWCPlusPlus):
                assert isinstance(fused_reg, EWCPlusPlus)
                assert fused_reg.task_count == ref_reg.task_count
        opt.step()
        fused_model.load_state_dict(ref_model.state_dict())  # lockstep weights
        after_step(step, ref_reg, ref_model)
        after_step(step, fused_reg, fused_model)
    return penalised


def _per_example_ce(out: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return torch.nn.functional.cross_entropy(out, y, reduction="none")


MODES = [(True, True), (True, False), (False, True)]  # (accumulate, value)


@pytest.mark.parametrize(("accumulate", "value"), MODES)
def test_online_ewc_fused_equals_autograd(accumulate: bool, value: bool) -> None:
    def make() -> OnlineEWC:
        return OnlineEWC(OnlineEWCConfig(lambda_=20.0, gamma=0.8))

    def after(step: int, reg: Regularizer, model: torch.nn.Module) -> None:
        if step % 4 == 3:  # a round ends: what the learner does
            if not accumulate:  # then the Fisher comes from data, as in the benchmark
                reg.estimate_fisher(model, _per_example_ce, [_data(step)])
            reg.consolidate(model)

    # Rounds end at steps 3, 7, 11: the penalty is 0 only on the step after each.
    assert _run(make, steps=16, accumulate=accumulate, value=value,
                after_step=after, shift_at=8) == 9


@pytest.mark.parametrize(("accumulate", "value"), MODES)
def test_ewcpp_fused_equals_autograd_across_tasks_merges_and_a_detected_boundary(
    accumulate: bool, value: bool,
) -> None:
    def make() -> EWCPlusPlus:
        return EWCPlusPlus(EWCPlusPlusConfig(
            lambda_init=5.0, lambda_growth=1.5, gamma=0.9, max_tasks=2,
            boundary=BoundaryConfig(warmup=5, patience=2, threshold=2.0),
        ))

    fired: list[tuple[int, bool]] = []

    def after(step: int, reg: Regularizer, model: torch.nn.Module) -> None:
        assert isinstance(reg, EWCPlusPlus)
        fired.append((step, reg.boundary_detected))
        if not accumulate:
            reg.estimate_fisher(model, _per_example_ce, [_data(step)])
        if step in (3, 7, 11):
            reg.end_task(model)  # three declared tasks: the ring of 2 merges (const > 0)
        elif step % 2:
            reg.consolidate(model)  # the provisional current task

    assert _run(make, steps=32, accumulate=accumulate, value=value,
                after_step=after, shift_at=22) >= 25
    if accumulate:  # both paths saw the new data as a boundary, at the same step
        ref, fused = fired[0::2], fired[1::2]
        assert ref == fused
        assert any(hit for step, hit in fused if step >= 22)
        assert not any(hit for step, hit in fused if step < 22)


def test_inactive_regularizer_adds_nothing_and_still_accumulates() -> None:
    model = torch.nn.Linear(3, 2)
    model(torch.ones(1, 3)).sum().backward()
    before = _grads(model)
    ewc = OnlineEWC(OnlineEWCConfig(gamma=0.5))
    assert ewc.add_penalty_grad(model).item() == 0.0
    for name, p in model.named_parameters():
        assert torch.equal(p.grad, before[name])
        _close(ewc.running_fisher[name], 0.5 * before[name] ** 2)


def test_add_grad_matches_formula_reuses_buffers_and_gives_a_missing_grad_its_own() -> None:
    gen = torch.Generator().manual_seed(3)
    params = [torch.randn(4, 3, generator=gen), torch.randn(3, generator=gen)]
    centers = [torch.randn_like(p) for p in params]
    weight = [torch.rand(p.shape, generator=gen) for p in params]
    params[0].grad = torch.ones(4, 3)  # params[1] has no gradient yet
    closed = ClosedFormPenalty()
    total = closed.add_grad(params, centers, weight, 3.0)
    assert total is not None
    expected = sum((w * (p - c) ** 2).sum()
                   for p, c, w in zip(params, centers, weight, strict=True))
    assert total.item() == pytest.approx(float(expected), rel=1e-6)
    _close(params[0].grad, 1.0 + 3.0 * weight[0] * (params[0] - centers[0]))
    _close(params[1].grad, 3.0 * weight[1] * (params[1] - centers[1]))
    buffers = [*closed._diff, *closed._weighted]
    kept = params[1].grad.clone()
    params[1].grad = None
    assert closed.add_grad(params, centers, weight, 3.0, value=False) is None
    assert all(a is b for a, b in zip([*closed._diff, *closed._weighted], buffers, strict=True))
    _close(params[0].grad, 1.0 + 6.0 * weight[0] * (params[0] - centers[0]))
    _close(params[1].grad, kept)
    for b in buffers:
        b.zero_()  # the buffers are reused by the next step: gradients must not share them
    _close(params[1].grad, kept)
