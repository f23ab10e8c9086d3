"""Shared regularizer maths: the fused penalty, per-example Fisher, checks, the ABC."""

from __future__ import annotations

import pytest
import torch

from neuroplast.core.regularizer import (
    Regularizer,
    check_grads,
    check_same_names,
    empirical_fisher,
    quadratic_penalty,
)
from neuroplast.errors import NumericalError, StateMismatchError


def _mlp(seed: int = 0, hidden: int = 7) -> torch.nn.Module:
    torch.manual_seed(seed)
    return torch.nn.Sequential(
        torch.nn.Linear(5, hidden), torch.nn.Tanh(), torch.nn.Linear(hidden, 3)
    )


def test_quadratic_penalty_matches_autograd_value_and_gradient() -> None:
    model = _mlp()
    params = list(model.parameters())
    gen = torch.Generator().manual_seed(1)
    centers = [torch.randn(p.shape, generator=gen) for p in params]
    weights = [torch.rand(p.shape, generator=gen) for p in params]
    fused = quadratic_penalty(params, centers, weights, 3.0)
    fused_grads = torch.autograd.grad(fused, params)
    naive = sum(
        0.5 * 3.0 * (w * (p - c) ** 2).sum()
        for p, c, w in zip(params, centers, weights, strict=True)
    )
    naive_grads = torch.autograd.grad(naive, params)
    assert fused.item() == pytest.approx(naive.item(), rel=1e-6)
    for a, b in zip(fused_grads, naive_grads, strict=True):
        torch.testing.assert_close(a, b, rtol=1e-6, atol=1e-7)


def test_empirical_fisher_is_mean_of_per_example_squared_gradients() -> None:
    model = _mlp()
    gen = torch.Generator().manual_seed(2)
    x, y = torch.randn(10, 5, generator=gen), torch.randint(0, 3, (10,), generator=gen)

    def ce(out: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        return torch.nn.functional.cross_entropy(out, t, reduction="none")

    # Two batches, and a chunk smaller than a batch, to exercise the bookkeeping.
    fisher = empirical_fisher(model, ce, [(x[:6], y[:6]), (x[6:], y[6:])], chunk=4)
    expected = {n: torch.zeros_like(p) for n, p in model.named_parameters()}
    for i in range(10):
        model.zero_grad()
        ce(model(x[i : i + 1]), y[i : i + 1]).sum().backward()
        for n, p in model.named_parameters():
            expected[n] += p.grad**2 / 10
    assert set(fisher) == set(expected)
    for n in fisher:
        torch.testing.assert_close(fisher[n], expected[n], rtol=1e-5, atol=1e-8)
    assert model.training  # mode restored


def test_check_grads_names_the_non_finite_parameter() -> None:
    grads = [torch.ones(2), torch.tensor([1.0, float("inf")])]
    with pytest.raises(NumericalError, match="'b'"):
        check_grads(["a", "b"], grads)
    norms = check_grads(["a", "b"], [torch.ones(4), torch.zeros(1)])
    assert [n.item() for n in norms] == [2.0, 0.0]


def test_check_same_names_reports_both_shapes() -> None:
    model = _mlp(hidden=7)
    expected = {n: p.detach() for n, p in _mlp(hidden=8).named_parameters()}
    with pytest.raises(StateMismatchError, match=r"'0.weight'.*\(8, 5\).*\(7, 5\)"):
        check_same_names("X", expected, model)


def test_regularizer_is_abstract() -> None:
    with pytest.raises(TypeError):
        Regularizer()  # type: ignore[abstract]


def test_damaged_state_and_bad_squares_are_refused() -> None:
    from neuroplast.core.ewc import OnlineEWC

    model = _mlp(hidden=4)
    ewc = OnlineEWC()
    for p in model.parameters():
        p.grad = torch.ones_like(p)
    ewc.accumulate(model)
    ewc.consolidate(model)
    state = ewc.state_dict()
    name = next(k for k in state if k.startswith("fisher:"))
    for damage in ({name: torch.full_like(state[name], float("nan"))},
                   {name: state[name] * 2, "pending": torch.tensor([1, 2])}):
        with pytest.raises(StateMismatchError):
            OnlineEWC().load_state_dict({**state, **damage}, model)
        with pytest.raises(StateMismatchError):  # a refused load leaves the state as it was
            ewc.load_state_dict({**state, **damage}, model)
        assert all(torch.equal(t, state[k]) for k, t in ewc.state_dict().items())
    squares = {n: torch.ones_like(p) for n, p in model.named_parameters()}
    first = next(iter(squares))
    running = {n: t.clone() for n, t in ewc.running_fisher.items()}
    for bad in (float("nan"), -1.0):
        with pytest.raises(NumericalError, match="NaN, inf or a negative"):
            ewc.accumulate(model, {**squares, first: torch.full_like(squares[first], bad)})
    assert all(torch.equal(t, running[n]) for n, t in ewc.running_fisher.items())  # untouched
