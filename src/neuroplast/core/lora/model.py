"""Model-level LoRA operations: inject adapters, list their parameters, merge, switch."""

from __future__ import annotations

from torch import nn

from neuroplast.core.lora.config import LoRAConfig
from neuroplast.core.lora.layer import LoRALinear, check_adapter_args
from neuroplast.errors import ConfigError, InvalidInputError

__all__ = [
    "adapter_names",
    "inject_lora",
    "linear_module_names",
    "lora_layers",
    "lora_parameters",
    "merge_lora",
    "set_adapter_enabled",
    "unmerge_lora",
]


def lora_layers(model: nn.Module) -> list[tuple[str, LoRALinear]]:
    """Every ``LoRALinear`` in ``model`` with its module path, in module order."""
    return [(n, m) for n, m in model.named_modules() if isinstance(m, LoRALinear)]


def adapter_names(model: nn.Module) -> list[str]:
    """Names of all adapters present anywhere in ``model``, in first-seen order."""
    names: dict[str, None] = {}
    for _, layer in lora_layers(model):
        names.update(dict.fromkeys(layer.adapter_names))
    return list(names)


def linear_module_names(model: nn.Module) -> list[str]:
    """Paths of the ``nn.Linear`` modules a target can match (not LoRA internals)."""
    inside = tuple(f"{n}." for n, _ in lora_layers(model))
    names = []
    for name, module in model.named_modules():
        if name and not name.startswith(inside) and isinstance(module, nn.Linear | LoRALinear):
            names.append(name)
    return names


def _matches(name: str, targets: list[str]) -> bool:
    # PEFT's rule for a list of targets: an exact path or a dotted suffix.
    return any(name == t or name.endswith(f".{t}") for t in targets)


def inject_lora(
    model: nn.Module,
    config: LoRAConfig,
    adapter_name: str = "default",
    *,
    freeze_base: bool = True,
) -> list[str]:
    """Add adapter ``adapter_name`` to every ``nn.Linear`` matching ``config.target_modules``.

    Modules already wrapped get the extra adapter, so a "micro" and a "base" adapter can
    share a layer. With ``freeze_base`` (the default, as in PEFT) every parameter that is not
    a LoRA parameter stops requiring gradients. Returns the wrapped module paths.

    >>> import torch
    >>> model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 2))
    >>> inject_lora(model, LoRAConfig(rank=1, alpha=1.0, target_modules=["2"], tier="micro"))
    ['2']
    >>> [n for n, p in model.named_parameters() if p.requires_grad]
    ['2.lora_A.default.weight', '2.lora_B.default.weight']
    """
    check_adapter_args(adapter_name, config.rank, config.alpha, config.dropout)
    if adapter_name in adapter_names(model):
        raise ConfigError(
            f"adapter {adapter_name!r} is already in the model; choose another adapter_name"
        )
    available = linear_module_names(model)
    chosen = [n for n in available if _matches(n, config.target_modules)]
    if not chosen:
        shown = ", ".join(available[:30]) + (" ..." if len(available) > 30 else "")
        raise ConfigError(
            f"LoRAConfig.target_modules={config.target_modules} matched no nn.Linear module; "
            f"available: {shown or '(none)'}"
        )
    for name in chosen:
        module = model.get_submodule(name)
        if not isinstance(module, LoRALinear):
            module = LoRALinear(module)  # type: ignore[arg-type]
            parent_name, _, child = name.rpartition(".")
            setattr(model.get_submodule(parent_name), child, module)
        module.add_adapter(adapter_name, config.rank, config.alpha, config.dropout)
    if freeze_base:
        keep = {id(p) for p in lora_parameters(model)}
        for p in model.parameters():
            if id(p) not in keep:
                p.requires_grad_(False)
    return chosen


def lora_parameters(model: nn.Module, adapter_name: str | None = None) -> list[nn.Parameter]:
    """The A and B parameters of ``adapter_name`` (or of every adapter), in module order."""
    if adapter_name is not None and adapter_name not in adapter_names(model):
        raise InvalidInputError(
            f"no adapter {adapter_name!r} in the model; adapters: {adapter_names(model)}; "
            "add one with inject_lora"
        )
    params: list[nn.Parameter] = []
    for _, layer in lora_layers(model):
        for name in layer.adapter_names:
            if adapter_name is None or name == adapter_name:
                params += [layer.lora_A[name].weight, layer.lora_B[name].weight]
    return params


def set_adapter_enabled(model: nn.Module, adapter_name: str, enabled: bool) -> None:
    """Switch an adapter on or off in every layer that has it."""
    lora_parameters(model, adapter_name)  # validates the name
    for _, layer in lora_layers(model):
        if adapter_name in layer.adapter_names:
            layer.set_enabled(adapter_name, enabled)


def merge_lora(model: nn.Module, adapter_name: str | None = None) -> None:
    """Fold enabled adapters (one, or all) into the base weights; outputs stay the same."""
    names = None if adapter_name is None else [adapter_name]
    if adapter_name is not None:
        lora_parameters(model, adapter_name)
    for _, layer in lora_layers(model):
        if names is None or adapter_name in layer.adapter_names:
            layer.merge(names)


def unmerge_lora(model: nn.Module, adapter_name: str | None = None) -> None:
    """Undo :func:`merge_lora` so adapters can be trained or switched again."""
    names = None if adapter_name is None else [adapter_name]
    if adapter_name is not None:
        lora_parameters(model, adapter_name)
    for _, layer in lora_layers(model):
        if names is None or adapter_name in layer.adapter_names:
            layer.unmerge(names)
