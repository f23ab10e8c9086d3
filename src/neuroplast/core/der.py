"""Dark experience replay (DER++, Buzzega et al. 2020): replay the model's own past outputs.

Plain replay re-learns old examples from their labels alone. DER++ also keeps, with each
stored example, the logits ``z`` the model gave it when it learnt it, and adds to the loss
on new data two terms on replayed examples, drawn independently (Algorithm 1 of the paper):

    loss = ℓ(new) + α · mean ‖f(x') − z'‖² / K  +  β · mean ℓ(f(x''), y'')

``K`` is the number of logits (``F.mse_loss``'s mean, as the paper's code and Avalanche's
``DER`` use). Matching logits keeps the old function's whole output, its "dark knowledge",
not just the argmax, which is what helps when each example is seen once (Buzzega et al.;
Avalanche's ``DER``). With ``beta = 0`` it is DER.

>>> import torch
>>> from neuroplast.core.replay import Example
>>> model = torch.nn.Linear(2, 3)
>>> ce = lambda out, y: torch.nn.functional.cross_entropy(out, y, reduction="none")
>>> new = (torch.ones(4, 2), torch.zeros(4, dtype=torch.long), torch.ones(4))
>>> old = record_logits(model, [Example(torch.zeros(2), torch.tensor(1))])
>>> loss = der_loss(model, ce, new, old, old, DERConfig(alpha=0.5, beta=0.0))
>>> bool(torch.isclose(loss, ce(model(new[0]), new[1]).mean()))  # f(x') = z': no MSE yet
True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from neuroplast.config import Config, check_range
from neuroplast.core.weighted_loss import weighted_loss

if TYPE_CHECKING:
    import torch

    from neuroplast.core.replay import Example

__all__ = ["DERConfig", "der_loss", "record_logits"]

Batch = tuple["torch.Tensor", "torch.Tensor", "torch.Tensor"]  # inputs, targets, weights


@dataclass
class DERConfig(Config):
    """Weights of DER++'s two replay terms.

    >>> DERConfig().beta
    0.5
    """

    # Avalanche's DER defaults, so both libraries run the same method in the benchmark.
    alpha: float = field(default=0.1, metadata={"help": "weight of the logit-matching MSE"})
    beta: float = field(
        default=0.5, metadata={"help": "weight of the label loss on replayed examples (0: DER)"}
    )

    def __post_init__(self) -> None:
        check_range("DERConfig", "alpha", self.alpha, 0.0)
        check_range("DERConfig", "beta", self.beta, 0.0)


def record_logits(model: torch.nn.Module, examples: Sequence[Example]) -> list[Example]:
    """Copies of ``examples`` carrying ``model``'s logits for them (eval mode, no graph)."""
    import torch

    from neuroplast.core.replay import Example

    if not examples:
        return []
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            out = model(torch.stack([e.inputs for e in examples]))
    finally:
        model.train(was_training)
    return [Example(e.inputs, e.target, e.weight, e.key, z.clone())
            for e, z in zip(examples, out, strict=True)]


def der_loss(
    model: torch.nn.Module,
    loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
    current: Batch,
    logit_examples: Sequence[Example],
    label_examples: Sequence[Example],
    config: DERConfig,
) -> torch.Tensor:
    """DER++ loss of one step, with one forward pass over all three parts.

    ``current``: the step's own batch (each example's loss weighted as the learner does);
    ``logit_examples``: replayed examples with logits (the α term; those without logits
    are skipped); ``label_examples``: an independent replayed draw (the β term). Each term
    is a weighted mean over its own examples.
    """
    import torch

    x, y, w = current
    matched = [e for e in logit_examples if e.logits is not None]
    labelled = list(label_examples) if config.beta > 0 else []
    parts = [x]
    if matched:
        parts.append(torch.stack([e.inputs for e in matched]).to(x.device))
    if labelled:
        parts.append(torch.stack([e.inputs for e in labelled]).to(x.device))
    out = model(torch.cat(parts)) if len(parts) > 1 else model(x)
    n = len(x)
    loss = weighted_loss(loss_fn(out[:n], y), w)
    if matched:
        z = torch.stack([e.logits for e in matched if e.logits is not None]).to(out)
        wm = torch.tensor([e.weight for e in matched], dtype=out.dtype, device=out.device)
        sq = (out[n : n + len(matched)] - z).square().flatten(1).mean(1)
        loss = loss + config.alpha * weighted_loss(sq, wm)
        n += len(matched)
    if labelled:
        yl = torch.stack([e.target for e in labelled]).to(y.device)
        wl = torch.tensor([e.weight for e in labelled], dtype=out.dtype, device=out.device)
        loss = loss + config.beta * weighted_loss(loss_fn(out[n:], yl), wl)
    return loss
