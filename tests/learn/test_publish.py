"""frozen_from_weights: the same model as deepcopy + load_state_dict, sharing no state."""

from __future__ import annotations

import copy

import pytest
import torch

from neuroplast.errors import StateMismatchError
from neuroplast.learn.publish import frozen_from_weights


def test_rebuilt_module_equals_a_deep_copy_and_leaves_the_template_alone() -> None:
    torch.manual_seed(0)
    template = torch.nn.Sequential(
        torch.nn.Linear(4, 8), torch.nn.BatchNorm1d(8), torch.nn.ReLU(), torch.nn.Linear(8, 1)
    )
    template(torch.randn(16, 4))  # give BatchNorm non-trivial running statistics
    template.eval().requires_grad_(False)
    before = {k: v.clone() for k, v in template.state_dict().items()}
    weights = {k: v + 0.5 if v.is_floating_point() else v + 1
               for k, v in template.state_dict().items()}

    live = frozen_from_weights(template, weights)
    reference = copy.deepcopy(template)
    reference.load_state_dict(weights)
    x = torch.randn(5, 4)
    assert torch.equal(live(x), reference(x))
    assert not torch.equal(live(x), template(x))
    assert not live.training and not any(p.requires_grad for p in live.parameters())
    for key, value in template.state_dict().items():
        assert torch.equal(value, before[key]), key  # the template did not change
    own = {p.data_ptr() for p in template.parameters()}
    assert not own & {p.data_ptr() for p in live.parameters()}

    bad = dict(weights, **{"0.weight": torch.zeros(8, 5)})
    with pytest.raises(StateMismatchError, match=r"'0.weight'.*\(8, 5\)"):
        frozen_from_weights(template, bad)
    with pytest.raises(StateMismatchError, match="extra"):
        frozen_from_weights(template, dict(weights, extra=torch.zeros(1)))
