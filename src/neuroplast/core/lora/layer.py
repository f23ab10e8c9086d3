"""``LoRALinear``: a frozen ``nn.Linear`` plus named low-rank adapters.

Layout and maths follow PEFT so adapters export unchanged: ``base_layer``, ``lora_A`` /
``lora_B`` ``ModuleDict``s keyed by adapter name, output ``base(x) + B(A(drop(x)))·α/r``.
"""

from __future__ import annotations

import math

import torch
from torch import nn

from neuroplast.errors import ConfigError, InvalidInputError

__all__ = ["LoRALinear"]


def check_adapter_args(name: object, rank: object, alpha: object, dropout: object) -> None:
    """:class:`ConfigError` unless ``name`` is a non-empty name without dots, ``rank`` a
    whole number >= 1, ``alpha`` a finite number > 0 and ``dropout`` in [0, 1).

    >>> check_adapter_args("micro", 0, 1.0, 0.0)
    Traceback (most recent call last):
    ...
    neuroplast.errors.ConfigError: adapter 'micro': rank=0; use a whole number >= 1
    """
    if not isinstance(name, str) or not name or "." in name:
        raise ConfigError(f"adapter name {name!r} is invalid; use a non-empty name without "
                          "dots, e.g. 'micro' or 'base'")
    if isinstance(rank, bool) or not isinstance(rank, int) or rank < 1:
        raise ConfigError(f"adapter {name!r}: rank={rank!r}; use a whole number >= 1")
    if isinstance(alpha, bool) or not isinstance(alpha, int | float) or not math.isfinite(
            alpha) or alpha <= 0:
        raise ConfigError(f"adapter {name!r}: alpha={alpha!r}; use a finite number > 0")
    if isinstance(dropout, bool) or not isinstance(dropout, int | float) or not (
            0.0 <= dropout < 1.0):
        raise ConfigError(f"adapter {name!r}: dropout={dropout!r}; use a number in [0, 1)")


class LoRALinear(nn.Module):
    """Wrap ``base_layer`` (frozen) with zero or more named adapters.

    A is Kaiming-uniform and B is zero, so a new adapter leaves outputs unchanged until
    it is trained.

    >>> import torch
    >>> _ = torch.manual_seed(0)
    >>> layer = LoRALinear(torch.nn.Linear(4, 3))
    >>> layer.add_adapter("micro", rank=2, alpha=4.0)
    >>> x = torch.randn(5, 4)
    >>> torch.equal(layer(x), layer.base_layer(x))
    True
    >>> layer.adapter_names, layer.base_layer.weight.requires_grad
    (['micro'], False)
    """

    def __init__(self, base_layer: nn.Linear) -> None:
        super().__init__()
        if not isinstance(base_layer, nn.Linear):
            raise InvalidInputError(
                f"LoRALinear wraps nn.Linear, got {type(base_layer).__name__}; "
                "target Linear modules only"
            )
        self.base_layer = base_layer
        for p in base_layer.parameters():
            p.requires_grad_(False)
        self.lora_A = nn.ModuleDict()
        self.lora_B = nn.ModuleDict()
        self.lora_dropout = nn.ModuleDict()
        self.rank: dict[str, int] = {}
        self.alpha: dict[str, float] = {}
        self.dropout: dict[str, float] = {}
        self.scaling: dict[str, float] = {}
        self.disabled: set[str] = set()
        self.merged: set[str] = set()

    @property
    def in_features(self) -> int:
        return self.base_layer.in_features

    @property
    def out_features(self) -> int:
        return self.base_layer.out_features

    @property
    def weight(self) -> torch.Tensor:
        """The base weight, so code that reads ``layer.weight`` keeps working."""
        return self.base_layer.weight

    @property
    def adapter_names(self) -> list[str]:
        return list(self.lora_A.keys())

    def add_adapter(self, name: str, rank: int, alpha: float, dropout: float = 0.0) -> None:
        """Add adapter ``name`` with rank ``rank`` and scaling ``alpha / rank``; every
        argument is checked before the layer changes."""
        check_adapter_args(name, rank, alpha, dropout)
        if name in self.lora_A:
            raise ConfigError(
                f"adapter {name!r} already exists on this layer; choose another adapter name"
            )
        w = self.base_layer.weight
        # Like PEFT, keep adapters in float32 when the base is half precision: tiny
        # low-rank updates underflow in fp16/bf16.
        dtype = torch.float32 if w.dtype in (torch.float16, torch.bfloat16) else w.dtype
        a = nn.Linear(self.in_features, rank, bias=False, device=w.device, dtype=dtype)
        b = nn.Linear(rank, self.out_features, bias=False, device=w.device, dtype=dtype)
        nn.init.kaiming_uniform_(a.weight, a=math.sqrt(5))
        nn.init.zeros_(b.weight)
        self.lora_A[name] = a
        self.lora_B[name] = b
        self.lora_dropout[name] = nn.Dropout(dropout) if dropout > 0 else nn.Identity()
        self.rank[name], self.alpha[name], self.dropout[name] = rank, float(alpha), float(dropout)
        self.scaling[name] = float(alpha) / rank

    def _check(self, name: str) -> None:
        if name not in self.lora_A:
            raise InvalidInputError(
                f"no adapter {name!r} on this layer; adapters here: {self.adapter_names}"
            )

    def delta_weight(self, name: str) -> torch.Tensor:
        """The dense update ``B·A·scaling`` that adapter ``name`` adds to the weight."""
        self._check(name)
        return (self.lora_B[name].weight @ self.lora_A[name].weight) * self.scaling[name]

    def set_enabled(self, name: str, enabled: bool) -> None:
        """Switch adapter ``name`` on or off; a merged adapter is unmerged first."""
        self._check(name)
        if enabled:
            self.disabled.discard(name)
        else:
            if name in self.merged:
                self.unmerge([name])
            self.disabled.add(name)

    @torch.no_grad()
    def merge(self, names: list[str] | None = None) -> None:
        """Fold enabled adapters into the base weight (for fast inference)."""
        for name in self.adapter_names if names is None else names:
            self._check(name)
            if name in self.merged or name in self.disabled:
                continue
            w = self.base_layer.weight
            w.add_(self.delta_weight(name).to(w.dtype))
            self.merged.add(name)

    @torch.no_grad()
    def unmerge(self, names: list[str] | None = None) -> None:
        """Subtract merged adapters from the base weight again."""
        for name in list(self.merged) if names is None else names:
            self._check(name)
            if name not in self.merged:
                continue
            w = self.base_layer.weight
            w.sub_(self.delta_weight(name).to(w.dtype))
            self.merged.discard(name)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        result = self.base_layer(x)
        for name, a in self.lora_A.items():
            if name in self.disabled or name in self.merged:
                continue
            h = self.lora_dropout[name](x.to(a.weight.dtype))
            update = self.lora_B[name](a(h)) * self.scaling[name]
            result = result + update.to(result.dtype)
        return result

    def extra_repr(self) -> str:
        parts = [f"{n}: r={self.rank[n]}, alpha={self.alpha[n]:g}" for n in self.adapter_names]
        return "; ".join(parts)
