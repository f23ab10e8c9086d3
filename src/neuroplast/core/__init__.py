"""neuroplast.core: continual-learning primitives usable on any ``torch.nn.Module``.

Regularizers (online EWC, EWC++ with task-boundary detection), a replay buffer with
locked slots, LoRA adapters in PEFT's format, confidence bands. ``core`` knows nothing of
gates or trajectories. Names are re-exported lazily (PEP 562): ``import neuroplast.core``
does not import torch until a torch-backed name is used.

>>> from neuroplast.core import ConfidenceBands
>>> ConfidenceBands().decide(0.8)
'allow'
"""

from __future__ import annotations

from neuroplast.lazy import lazy_exports

__all__ = [
    "BandsConfig",
    "BoundaryConfig",
    "ConfidenceBands",
    "DERConfig",
    "EWCPlusPlus",
    "EWCPlusPlusConfig",
    "Example",
    "GradientShiftDetector",
    "LoRAConfig",
    "LoRALinear",
    "LossShiftConfig",
    "LossShiftDetector",
    "OnlineEWC",
    "OnlineEWCConfig",
    "Regularizer",
    "ReplayBuffer",
    "ReplayConfig",
    "der_loss",
    "empirical_fisher",
    "inject_lora",
    "load_peft_adapter",
    "lora_parameters",
    "merge_lora",
    "record_logits",
    "save_peft_adapter",
    "unmerge_lora",
]

_WHERE = {
    "BandsConfig": "bands",
    "BoundaryConfig": "boundary",
    "ConfidenceBands": "bands",
    "DERConfig": "der",
    "EWCPlusPlus": "ewcpp",
    "EWCPlusPlusConfig": "ewcpp",
    "Example": "replay",
    "GradientShiftDetector": "boundary",
    "LoRAConfig": "lora",
    "LoRALinear": "lora",
    "LossShiftConfig": "loss_shift",
    "LossShiftDetector": "loss_shift",
    "OnlineEWC": "ewc",
    "OnlineEWCConfig": "ewc",
    "Regularizer": "regularizer",
    "ReplayBuffer": "replay",
    "ReplayConfig": "replay",
    "der_loss": "der",
    "empirical_fisher": "regularizer",
    "inject_lora": "lora",
    "load_peft_adapter": "lora",
    "lora_parameters": "lora",
    "merge_lora": "lora",
    "record_logits": "der",
    "save_peft_adapter": "lora",
    "unmerge_lora": "lora",
}


__getattr__ = lazy_exports(__name__, _WHERE)
