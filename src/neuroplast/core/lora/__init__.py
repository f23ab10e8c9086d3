"""LoRA adapters on ``nn.Linear`` layers, trained by real gradients, saved in PEFT format.

Two tiers share one mechanism: *micro* adapters (rank 1-2, per request, instant loop) and
*base* adapters (rank 4-16, background loop); both can sit on the same layer.
"""

from neuroplast.core.lora.config import TIER_RANKS, LoRAConfig
from neuroplast.core.lora.layer import LoRALinear
from neuroplast.core.lora.model import (
    adapter_names,
    inject_lora,
    linear_module_names,
    lora_layers,
    lora_parameters,
    merge_lora,
    set_adapter_enabled,
    unmerge_lora,
)
from neuroplast.core.lora.peft_format import load_peft_adapter, save_peft_adapter

__all__ = [
    "TIER_RANKS",
    "LoRAConfig",
    "LoRALinear",
    "adapter_names",
    "inject_lora",
    "linear_module_names",
    "load_peft_adapter",
    "lora_layers",
    "lora_parameters",
    "merge_lora",
    "save_peft_adapter",
    "set_adapter_enabled",
    "unmerge_lora",
]
