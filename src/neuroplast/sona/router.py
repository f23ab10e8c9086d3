"""``RouterNet``: the PyTorch model that scores routes for a query embedding.

::

    h0 = tanh(proj(x))                       frozen random projection, embedding -> hidden
    h  = h0 + adapt(h0)                      adapt: a zero Linear carrying two LoRA adapters,
                                             "micro" (rank 1-2, instant loop) and
                                             "base" (rank 4-16, background loop)
    logits = head(h)                         one logit per route; sigmoid = expected quality

``adapt``'s own weight is zero, so ``h = h0 + micro(h0) + base(h0)``: the adapters are
deltas on the hidden state, exactly what ``apply_micro_lora`` / ``apply_base_lora`` apply
to a caller's hidden vectors. The head is trained in the instant loop, the micro adapter
too, the base adapter only in the background.

>>> import torch
>>> net = build_router(embedding_dim=8, hidden_dim=4, max_routes=3, micro_rank=2, base_rank=4)
>>> net(torch.zeros(2, 8)).shape
torch.Size([2, 3])
>>> sorted(n for n, p in net.named_parameters() if p.requires_grad)
['adapt.lora_A.micro.weight', 'adapt.lora_B.micro.weight', 'head.bias', 'head.weight']
"""

from __future__ import annotations

import torch
from torch import nn

from neuroplast.core.lora import LoRAConfig, inject_lora

__all__ = ["BASE", "MICRO", "RouterNet", "build_router", "route_loss", "set_trainable"]

MICRO, BASE = "micro", "base"


class RouterNet(nn.Module):
    """Frozen projection, an adapted hidden layer, a route head (see the module doc)."""

    def __init__(self, embedding_dim: int, hidden_dim: int, max_routes: int,
                 seed: int = 0) -> None:
        super().__init__()
        gen = torch.Generator().manual_seed(seed)
        self.proj = nn.Linear(embedding_dim, hidden_dim)
        with torch.no_grad():
            # Unit-norm embeddings have entries ~ 1/sqrt(dim); this keeps tanh's input ~ N(0, 1).
            self.proj.weight.copy_(torch.randn(hidden_dim, embedding_dim, generator=gen))
            self.proj.bias.copy_(torch.randn(hidden_dim, generator=gen) * 0.1)
        self.adapt = nn.Linear(hidden_dim, hidden_dim)
        with torch.no_grad():
            self.adapt.weight.zero_()
            self.adapt.bias.zero_()
        self.head = nn.Linear(hidden_dim, max_routes)
        with torch.no_grad():
            # Small, not zero: with a zero head the hidden state's gradient is zero, so the
            # micro adapter could not learn from the first trajectories (SONA's "one-step
            # gradient is zero", in another form). Scores start within ~1e-2 of 0.5.
            self.head.weight.copy_(torch.randn(max_routes, hidden_dim, generator=gen) * 0.01)
            self.head.bias.zero_()

    def features(self, x: torch.Tensor) -> torch.Tensor:
        """``h``: the adapted hidden state the head reads."""
        h0 = torch.tanh(self.proj(x))
        return h0 + self.adapt(h0)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(x))


def set_trainable(net: nn.Module, names: set[str]) -> None:
    """Only parameters whose name contains one of ``names`` require gradients."""
    for n, p in net.named_parameters():
        p.requires_grad_(any(k in n for k in names))


def build_router(embedding_dim: int, hidden_dim: int, max_routes: int, micro_rank: int,
                 base_rank: int, seed: int = 0, trainable: str = "instant") -> RouterNet:
    """A router with both adapters on ``adapt``; ``trainable`` picks who may learn:
    ``"instant"`` (head + micro adapter) or ``"base"`` (the base adapter only, what the
    background learner trains). Importable, so a learner's worker process can build it."""
    net = RouterNet(embedding_dim, hidden_dim, max_routes, seed)
    inject_lora(net, LoRAConfig(rank=micro_rank, alpha=float(micro_rank),
                                target_modules=["adapt"], tier="micro"), MICRO)
    inject_lora(net, LoRAConfig(rank=base_rank, alpha=float(base_rank),
                                target_modules=["adapt"], tier="base"), BASE)
    set_trainable(net, {"head."} if trainable == "instant" else {f".{BASE}."})
    if trainable == "instant":
        set_trainable(net, {"head.", f".{MICRO}."})
    return net


def route_loss(outputs: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Per-example log-loss of the chosen route's quality: ``targets[:, 0]`` is the route's
    index, ``targets[:, 1]`` the quality in [0, 1] (a soft label). The background loop's
    objective; the instant loop adds a policy-gradient term to it."""
    route = targets[:, 0].long()
    logit = outputs.gather(1, route.unsqueeze(1)).squeeze(1)
    return nn.functional.binary_cross_entropy_with_logits(logit, targets[:, 1].to(logit.dtype),
                                                          reduction="none")
