"""Save and load adapters in PEFT's on-disk format, so PEFT and vLLM can load them.

A directory holds ``adapter_config.json`` (the fields of PEFT's ``LoraConfig``) and
``adapter_model.safetensors`` with keys ``base_model.model.<module path>.lora_A.weight``
(shape r × in) and ``...lora_B.weight`` (out × r), the adapter name left out as PEFT does.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

import torch
from torch import nn

from neuroplast.core.lora.layer import LoRALinear, check_adapter_args
from neuroplast.core.lora.model import _matches, linear_module_names, lora_layers
from neuroplast.errors import ConfigError, InvalidInputError, StateMismatchError, StoreError
from neuroplast.store import atomic_write_text, first_non_finite, load_tensors, save_tensors

__all__ = ["CONFIG_NAME", "WEIGHTS_NAME", "load_peft_adapter", "save_peft_adapter"]

CONFIG_NAME = "adapter_config.json"
WEIGHTS_NAME = "adapter_model.safetensors"
_PREFIX = "base_model.model."


def _layers_with(model: nn.Module, adapter_name: str) -> list[tuple[str, LoRALinear]]:
    found = [(n, m) for n, m in lora_layers(model) if adapter_name in m.adapter_names]
    if not found:
        raise InvalidInputError(
            f"the model has no adapter {adapter_name!r}; inject it with inject_lora first"
        )
    return found


def _target_modules(model: nn.Module, wrapped: list[str]) -> list[str]:
    # Short suffixes ("q_proj") are what vLLM and people expect; use them only when
    # PEFT's matching rule would wrap exactly the same modules, otherwise full paths.
    suffixes = sorted({n.rpartition(".")[2] for n in wrapped})
    candidates = [n for n, _ in model.named_modules() if n]
    inside = tuple(f"{n}." for n, _ in lora_layers(model))
    matched = {n for n in candidates if not n.startswith(inside) and _matches(n, suffixes)}
    return suffixes if matched == set(wrapped) else sorted(wrapped)


def _pattern(values: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    common = Counter(values.values()).most_common(1)[0][0]
    return common, {name: v for name, v in values.items() if v != common}


def save_peft_adapter(
    model: nn.Module,
    directory: str | os.PathLike[str],
    adapter_name: str = "default",
    base_model_name_or_path: str | None = None,
    *,
    task_type: str | None = None,
) -> Path:
    """Write adapter ``adapter_name`` of ``model`` to ``directory`` in PEFT format.

    ``task_type`` is PEFT's (e.g. ``"CAUSAL_LM"``); each file is written atomically.

    >>> import json, tempfile, torch
    >>> from neuroplast.core.lora import LoRAConfig, inject_lora
    >>> model = torch.nn.Sequential(torch.nn.Linear(3, 3))
    >>> _ = inject_lora(model, LoRAConfig(rank=1, alpha=2.0, target_modules=["0"], tier="micro"))
    >>> out = save_peft_adapter(model, tempfile.mkdtemp(), "default")
    >>> cfg = json.loads((out / "adapter_config.json").read_text())
    >>> cfg["peft_type"], cfg["r"], cfg["lora_alpha"], cfg["target_modules"]
    ('LORA', 1, 2.0, ['0'])
    """
    layers = _layers_with(model, adapter_name)
    tensors: dict[str, torch.Tensor] = {}
    for name, layer in layers:
        tensors[f"{_PREFIX}{name}.lora_A.weight"] = layer.lora_A[adapter_name].weight
        tensors[f"{_PREFIX}{name}.lora_B.weight"] = layer.lora_B[adapter_name].weight
    wrapped = [n for n, _ in layers]
    r, rank_pattern = _pattern({n: m.rank[adapter_name] for n, m in layers})
    alpha, alpha_pattern = _pattern({n: m.alpha[adapter_name] for n, m in layers})
    dropout = max(m.dropout[adapter_name] for _, m in layers)
    config = {
        "peft_type": "LORA",
        "task_type": task_type,
        "base_model_name_or_path": base_model_name_or_path,
        "r": r,
        "lora_alpha": alpha,
        "lora_dropout": dropout,
        "target_modules": _target_modules(model, wrapped),
        "rank_pattern": rank_pattern,
        "alpha_pattern": alpha_pattern,
        "bias": "none",
        "fan_in_fan_out": False,
        "inference_mode": True,
        "init_lora_weights": True,
        "modules_to_save": None,
        "layers_to_transform": None,
        "layers_pattern": None,
        "use_rslora": False,
        "use_dora": False,
        "revision": None,
    }
    out = Path(directory)
    # Weights first, config last: a directory with a config always has its weights.
    save_tensors(out / WEIGHTS_NAME, tensors, {"format": "pt"})
    atomic_write_text(out / CONFIG_NAME, json.dumps(config, indent=2, sort_keys=True) + "\n")
    return out


def _read_config(directory: Path) -> dict[str, Any]:
    path = directory / CONFIG_NAME
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise StoreError(
            f"{path} does not exist; pass a directory written by save_peft_adapter or PEFT"
        ) from exc
    except (OSError, ValueError) as exc:  # ValueError: not UTF-8, not JSON
        raise StateMismatchError(f"{path} is unreadable ({exc}); re-save the adapter") from exc
    if not isinstance(config, dict):
        raise StateMismatchError(f"{path} is no JSON object; re-save the adapter")
    if config.get("peft_type") != "LORA":
        raise StateMismatchError(
            f"{path} has peft_type={config.get('peft_type')!r}; only LORA adapters load here"
        )
    unsupported = [k for k in ("use_dora", "use_rslora", "fan_in_fan_out") if config.get(k)]
    if config.get("bias", "none") != "none":
        unsupported.append(f"bias={config['bias']!r}")
    if unsupported:
        raise StateMismatchError(
            f"{path} uses {', '.join(unsupported)}, which neuroplast does not support; "
            "re-train the adapter as plain LoRA"
        )
    return config


def load_peft_adapter(
    model: nn.Module, directory: str | os.PathLike[str], adapter_name: str = "default"
) -> list[str]:
    """Load a PEFT LoRA adapter into ``model`` as ``adapter_name``; return module paths.

    Unwrapped ``nn.Linear`` modules are wrapped; an existing adapter of that name is
    overwritten. Missing modules, wrong shapes or ranks, bad settings (``lora_alpha``,
    ``lora_dropout``) and non-finite weights raise :class:`StateMismatchError` before
    anything in the model changes.
    """
    folder = Path(directory)
    config = _read_config(folder)
    tensors, _ = load_tensors(folder / WEIGHTS_NAME)
    modules = sorted(
        {
            k[len(_PREFIX) :].rsplit(".lora_", 1)[0]
            for k in tensors
            if k.startswith(_PREFIX) and ".lora_" in k
        }
    )
    if not modules:
        raise StateMismatchError(f"{folder / WEIGHTS_NAME} holds no LoRA weights; re-save it")
    linear = set(linear_module_names(model))
    plan = []
    for name in modules:
        if name not in linear:
            raise StateMismatchError(
                f"adapter module {name!r} is not an nn.Linear in this model; load the adapter "
                "into the model architecture it was trained on"
            )
        module = model.get_submodule(name)
        a_key, b_key = f"{_PREFIX}{name}.lora_A.weight", f"{_PREFIX}{name}.lora_B.weight"
        if a_key not in tensors or b_key not in tensors:
            raise StateMismatchError(f"{folder / WEIGHTS_NAME} lacks lora_A or lora_B of {name!r}")
        a, b = tensors[a_key], tensors[b_key]
        rank = a.shape[0] if a.dim() == 2 else -1
        alpha = _lookup(config.get("alpha_pattern") or {}, name, config.get("lora_alpha"))
        try:  # the adapter's settings, checked before anything in the model changes
            check_adapter_args(adapter_name, rank, alpha, config.get("lora_dropout", 0.0))
        except ConfigError as exc:
            raise StateMismatchError(f"{folder / CONFIG_NAME}, module {name!r}: {exc}; "
                                     "re-save the adapter") from exc
        if first_non_finite({"lora_A": a, "lora_B": b}) is not None:
            raise StateMismatchError(f"{folder / WEIGHTS_NAME}: {name!r} holds NaN or inf; "
                                     "re-save the adapter")
        if isinstance(module, LoRALinear) and adapter_name in module.adapter_names and \
                module.rank[adapter_name] != rank:
            raise StateMismatchError(
                f"{name}: adapter {adapter_name!r} has rank {module.rank[adapter_name]} in the "
                f"model but {rank} on disk; load under another adapter_name"
            )
        want = {"lora_A": (rank, module.in_features), "lora_B": (module.out_features, rank)}
        for part, got in (("lora_A", a), ("lora_B", b)):
            if tuple(got.shape) != want[part]:
                raise StateMismatchError(
                    f"{name}.{part}: saved shape {tuple(got.shape)} does not fit the model's "
                    f"expected shape {want[part]}; load the adapter into the model it was "
                    "trained on"
                )
        plan.append((name, module, a, b, rank, float(alpha)))
    for name, module, a, b, rank, alpha in plan:
        if not isinstance(module, LoRALinear):
            module = LoRALinear(module)
            parent, _, child = name.rpartition(".")
            setattr(model.get_submodule(parent), child, module)
        if adapter_name not in module.adapter_names:
            module.add_adapter(adapter_name, rank, alpha, float(config.get("lora_dropout", 0.0)))
        merged = adapter_name in module.merged
        module.unmerge([adapter_name])
        module.alpha[adapter_name], module.scaling[adapter_name] = alpha, alpha / rank
        with torch.no_grad():
            module.lora_A[adapter_name].weight.copy_(a)
            module.lora_B[adapter_name].weight.copy_(b)
        if merged:
            module.merge([adapter_name])
    return modules


def _lookup(pattern: dict[str, Any], name: str, default: Any) -> Any:
    # PEFT keys patterns by module path or suffix.
    for key, value in pattern.items():
        if _matches(name, [key]):
            return value
    return default
