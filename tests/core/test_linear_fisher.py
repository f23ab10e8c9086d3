"""The closed-form per-example squared gradients of an MLP equal vmap's, exactly where
they apply, and are declined where they would not be exact."""

from __future__ import annotations

import pytest
import torch
from torch.func import functional_call, grad, vmap

from neuroplast.core.linear_fisher import squared_grad_sums, supported
from neuroplast.core.regularizer import empirical_fisher


def _ce(out: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return torch.nn.functional.cross_entropy(out, y, reduction="none")


def _mlp() -> torch.nn.Sequential:
    torch.manual_seed(0)
    mlp = torch.nn.Sequential(
        torch.nn.Linear(6, 8), torch.nn.Tanh(), torch.nn.Linear(8, 8, bias=False),
        torch.nn.ReLU(), torch.nn.Dropout(0.3), torch.nn.Linear(8, 4),
    )
    mlp[0].bias.requires_grad_(False)  # a frozen bias: not estimated
    return mlp


def _vmap_sums(model: torch.nn.Module, x: torch.Tensor, y: torch.Tensor
               ) -> dict[str, torch.Tensor]:
    params = {n: p.detach() for n, p in model.named_parameters() if p.requires_grad}

    def one(ps: dict[str, torch.Tensor], xi: torch.Tensor, yi: torch.Tensor) -> torch.Tensor:
        return _ce(functional_call(model, ps, (xi.unsqueeze(0),)), yi.unsqueeze(0)).sum()

    grads = vmap(grad(one), in_dims=(None, 0, 0))(params, x, y)
    return {n: g.square().sum(0) for n, g in grads.items()}


def test_sums_equal_per_example_gradients_squared() -> None:
    model = _mlp().eval()
    gen = torch.Generator().manual_seed(1)
    x, y = torch.randn(17, 6, generator=gen), torch.randint(0, 4, (17,), generator=gen)
    got = squared_grad_sums(model, _ce, x, y)
    want = _vmap_sums(model, x, y)
    assert got is not None and sorted(got) == sorted(want) == [
        "0.weight", "2.weight", "5.bias", "5.weight"]
    for name, value in want.items():
        torch.testing.assert_close(got[name], value, rtol=1e-5, atol=1e-7)


def test_empirical_fisher_takes_the_closed_form_and_matches_vmap() -> None:
    model = _mlp()
    gen = torch.Generator().manual_seed(2)
    x, y = torch.randn(70, 6, generator=gen), torch.randint(0, 4, (70,), generator=gen)
    fisher = empirical_fisher(model, _ce, [(x, y)], chunk=32)
    assert model.training  # mode restored
    model.eval()
    want = _vmap_sums(model, x, y)
    for name, value in want.items():
        torch.testing.assert_close(fisher[name], value / 70, rtol=1e-5, atol=1e-8)


class _Residual(torch.nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.fc = torch.nn.Linear(3, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x - x.mean(0) + self.fc(x)  # rows mix: per-example gradients are not g ⊗ a


@pytest.mark.parametrize("model", [
    _Residual(),
    torch.nn.Sequential(torch.nn.Linear(3, 3), torch.nn.BatchNorm1d(3)),
    torch.nn.Sequential(_Residual()),
])
def test_declines_models_it_cannot_vouch_for(model: torch.nn.Module) -> None:
    assert not supported(model)
    assert squared_grad_sums(model, _ce, torch.randn(4, 3), torch.zeros(4, dtype=torch.long)) \
        is None


def test_declines_inputs_with_more_than_one_row_per_example() -> None:
    model = torch.nn.Sequential(torch.nn.Linear(3, 2))
    assert squared_grad_sums(model, lambda o, y: o.sum((1, 2)), torch.randn(4, 5, 3),
                             torch.zeros(4)) is None
