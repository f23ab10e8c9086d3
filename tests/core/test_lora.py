"""LoRA adapters: real gradient steps change outputs, merge is exact, PEFT loads our files."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import torch
from torch import nn

from neuroplast.core.lora import (
    LoRAConfig,
    LoRALinear,
    adapter_names,
    inject_lora,
    load_peft_adapter,
    lora_parameters,
    merge_lora,
    save_peft_adapter,
    set_adapter_enabled,
    unmerge_lora,
)
from neuroplast.errors import ConfigError, InvalidInputError, StateMismatchError, StoreError


def mlp(seed: int = 0, hidden: int = 16) -> nn.Module:
    torch.manual_seed(seed)
    return nn.Sequential(
        nn.Linear(8, hidden), nn.Tanh(), nn.Linear(hidden, hidden), nn.Tanh(), nn.Linear(hidden, 3)
    )


MICRO = LoRAConfig(rank=2, alpha=4.0, target_modules=["0", "2"], tier="micro")
BASE = LoRAConfig(rank=4, alpha=8.0, target_modules=["2", "4"], tier="base")


def train_step(model: nn.Module, params: list[nn.Parameter], seed: int = 1) -> None:
    gen = torch.Generator().manual_seed(seed)
    x, y = torch.randn(32, 8, generator=gen), torch.randn(32, 3, generator=gen)
    opt = torch.optim.SGD(params, lr=0.5)
    loss = nn.functional.mse_loss(model(x), y)
    opt.zero_grad()
    loss.backward()
    opt.step()


def trained(config: LoRAConfig = MICRO, name: str = "default", steps: int = 2) -> nn.Module:
    model = mlp()
    inject_lora(model, config, name)
    for step in range(steps):  # two steps: the first only moves B (A's gradient is B^T·… = 0)
        train_step(model, lora_parameters(model, name), seed=step)
    return model


X = torch.randn(10, 8, generator=torch.Generator().manual_seed(42))


def test_zero_init_then_one_real_gradient_step_changes_outputs() -> None:
    model, reference = mlp(), mlp()
    wrapped = inject_lora(model, MICRO)
    assert wrapped == ["0", "2"]
    assert torch.equal(model(X), reference(X))  # B = 0: identical before training
    train_step(model, lora_parameters(model))
    change = (model(X) - reference(X)).abs().max().item()
    assert change > 1e-3


def test_only_adapter_parameters_get_gradients() -> None:
    model = mlp()
    inject_lora(model, MICRO)
    model(X).pow(2).sum().backward()
    lora = {id(p) for p in lora_parameters(model)}
    assert len(lora) == 4  # A and B on two layers
    for name, p in model.named_parameters():
        if id(p) in lora:
            assert p.requires_grad and p.grad is not None, name
        else:
            assert not p.requires_grad and p.grad is None, name
    b_grads = [p.grad.abs().sum().item() for n, p in model.named_parameters() if "lora_B" in n]
    assert all(g > 0 for g in b_grads)


def test_freeze_base_false_keeps_unwrapped_layers_trainable() -> None:
    model = mlp()
    inject_lora(model, MICRO, freeze_base=False)
    trainable = {n for n, p in model.named_parameters() if p.requires_grad}
    assert "4.weight" in trainable
    assert "0.base_layer.weight" not in trainable  # a wrapped base weight is always frozen


def test_merge_then_unmerge_gives_the_same_outputs() -> None:
    model = trained()
    base_weight = model[0].base_layer.weight.clone()
    before = model(X)
    merge_lora(model)
    assert not torch.equal(model[0].base_layer.weight, base_weight)
    merged = model(X)
    assert (merged - before).abs().max().item() < 1e-5
    unmerge_lora(model)
    assert (model(X) - before).abs().max().item() < 1e-5
    assert (model[0].base_layer.weight - base_weight).abs().max().item() < 1e-6


def test_two_named_adapters_on_one_layer_switch_independently() -> None:
    model = trained(MICRO, "micro")
    only_micro = model(X)
    inject_lora(model, BASE, "base")
    assert isinstance(model[2], LoRALinear)
    assert model[2].adapter_names == ["micro", "base"]
    assert adapter_names(model) == ["micro", "base"]
    train_step(model, lora_parameters(model, "base"))
    train_step(model, lora_parameters(model, "base"), seed=5)
    both = model(X)
    assert (both - only_micro).abs().max().item() > 1e-3
    set_adapter_enabled(model, "base", False)
    assert torch.allclose(model(X), only_micro, atol=1e-6)
    set_adapter_enabled(model, "micro", False)
    assert torch.allclose(model(X), mlp()(X), atol=1e-6)
    set_adapter_enabled(model, "base", True)
    set_adapter_enabled(model, "micro", True)
    assert torch.allclose(model(X), both, atol=1e-6)
    # Merge only one adapter, then disable it: it is unmerged first, so nothing is lost.
    merge_lora(model, "micro")
    assert torch.allclose(model(X), both, atol=1e-5)
    set_adapter_enabled(model, "micro", False)
    set_adapter_enabled(model, "micro", True)
    assert torch.allclose(model(X), both, atol=1e-5)


def test_deepcopy_of_a_wrapped_model_is_independent() -> None:
    model = trained()
    twin = copy.deepcopy(model)
    assert torch.equal(twin(X), model(X))
    train_step(twin, lora_parameters(twin), seed=9)
    assert not torch.equal(twin(X), model(X))


def test_save_then_load_into_a_fresh_model_gives_identical_outputs(tmp_path: Path) -> None:
    model = trained(BASE, "base")
    out = save_peft_adapter(model, tmp_path / "adapter", "base", "tiny-mlp")
    assert sorted(p.name for p in out.iterdir()) == [
        "adapter_config.json",
        "adapter_model.safetensors",
    ]
    cfg = json.loads((out / "adapter_config.json").read_text())
    assert (cfg["r"], cfg["lora_alpha"], cfg["target_modules"]) == (4, 8.0, ["2", "4"])
    assert cfg["base_model_name_or_path"] == "tiny-mlp"
    fresh = mlp()
    assert load_peft_adapter(fresh, out, "base") == ["2", "4"]
    assert torch.equal(fresh(X), model(X))
    # Loading again overwrites the adapter in place.
    train_step(fresh, lora_parameters(fresh), seed=7)
    load_peft_adapter(fresh, out, "base")
    assert torch.equal(fresh(X), model(X))


def test_mismatched_shapes_name_the_module_and_both_shapes(tmp_path: Path) -> None:
    save_peft_adapter(trained(BASE), tmp_path, "default")
    other = mlp(hidden=12)  # layer "2" is 12 -> 12 instead of 16 -> 16
    with pytest.raises(StateMismatchError, match=r"2\.lora_A.*\(4, 16\).*\(4, 12\)"):
        load_peft_adapter(other, tmp_path)
    assert not any(isinstance(m, LoRALinear) for m in other.modules())  # nothing half-loaded
    with pytest.raises(StateMismatchError, match=r"'4' is not an nn\.Linear"):
        load_peft_adapter(nn.Sequential(nn.Linear(8, 16), nn.Tanh(), nn.Linear(16, 16)), tmp_path)
    with pytest.raises(StoreError, match="does not exist"):
        load_peft_adapter(mlp(), tmp_path / "missing")


@pytest.mark.parametrize(("change", "says"), [
    ({"lora_alpha": None}, "alpha=None"),
    ({"lora_alpha": "abc"}, "alpha='abc'"),
    ({"lora_alpha": float("nan")}, "alpha=nan"),
    ({"lora_alpha": -4.0}, "alpha=-4.0"),
    ({"lora_dropout": 2.0}, "dropout=2.0"),
])
def test_bad_settings_on_disk_fail_before_the_model_changes(
        change: dict[str, object], says: str, tmp_path: Path) -> None:
    out = save_peft_adapter(trained(BASE), tmp_path, "default")
    cfg = json.loads((out / "adapter_config.json").read_text())
    (out / "adapter_config.json").write_text(json.dumps({**cfg, **change}))
    fresh = mlp()
    with pytest.raises(StateMismatchError, match=says):
        load_peft_adapter(fresh, out)
    assert not any(isinstance(m, LoRALinear) for m in fresh.modules())  # nothing half-loaded
    (out / "adapter_config.json").write_text("[1]")
    with pytest.raises(StateMismatchError, match="no JSON object"):
        load_peft_adapter(fresh, out)


def test_a_rank_clash_on_a_later_layer_leaves_the_earlier_ones_alone(tmp_path: Path) -> None:
    save_peft_adapter(trained(BASE), tmp_path, "default")  # layers 2 and 4, rank 4
    model = mlp()
    inject_lora(model, LoRAConfig(rank=8, alpha=8.0, target_modules=["4"], tier="base"))
    with pytest.raises(StateMismatchError, match="rank 8 in the model but 4 on disk"):
        load_peft_adapter(model, tmp_path)
    assert not isinstance(model[2], LoRALinear)


def test_a_bad_adapter_is_refused_before_the_layer_changes() -> None:
    layer = LoRALinear(nn.Linear(4, 3))
    for rank, alpha, dropout in ((0, 1.0, 0.0), (-1, 1.0, 0.0), (2, float("nan"), 0.0),
                                 (2, 1.0, 2.0)):
        with pytest.raises(ConfigError):
            layer.add_adapter("z", rank, alpha, dropout)
        assert layer.adapter_names == []
    assert layer(torch.randn(2, 4)).shape == (2, 3)
    model = mlp()
    with pytest.raises(ConfigError, match="without dots"):
        inject_lora(model, MICRO, "a.b")
    assert not any(isinstance(m, LoRALinear) for m in model.modules())


def test_no_matching_target_names_the_available_linear_modules() -> None:
    config = LoRAConfig(rank=1, alpha=1.0, target_modules=["q_proj"], tier="micro")
    with pytest.raises(ConfigError, match=r"matched no nn.Linear.*available: 0, 2, 4"):
        inject_lora(mlp(), config)


def test_adapter_name_errors() -> None:
    model = trained()
    with pytest.raises(ConfigError, match="already in the model"):
        inject_lora(model, MICRO)
    with pytest.raises(InvalidInputError, match="no adapter 'nope'"):
        lora_parameters(model, "nope")
    with pytest.raises(InvalidInputError, match="no adapter 'nope'"):
        save_peft_adapter(model, "/tmp/unused", "nope")
    with pytest.raises(ConfigError, match="without dots"):
        inject_lora(mlp(), MICRO, "a.b")


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"rank": 3, "tier": "micro"}, "rank=3 does not fit tier 'micro'"),
        ({"rank": 2, "tier": "base"}, "rank=2 does not fit tier 'base'"),
        ({"rank": 32, "tier": "base"}, "rank=32"),
        ({"tier": "huge"}, "tier='huge'"),
        ({"alpha": 0.0}, "alpha"),
        ({"dropout": 1.0}, "dropout"),
        ({"target_modules": []}, "target_modules"),
        ({"target_modules": "q_proj"}, "target_modules"),
    ],
)
def test_config_validation(kwargs: dict[str, object], match: str) -> None:
    base: dict[str, object] = {"rank": 4, "alpha": 8.0, "target_modules": ["x"], "tier": "base"}
    with pytest.raises(ConfigError, match=match):
        LoRAConfig(**{**base, **kwargs})  # type: ignore[arg-type]


def test_dropout_is_active_only_in_training() -> None:
    config = LoRAConfig(rank=4, alpha=8.0, dropout=0.5, target_modules=["2"])
    model = trained(config)
    model.eval()
    assert torch.equal(model(X), model(X))
    model.train()
    assert not torch.equal(model(X), model(X))


# ---------------------------------------------------------------- PEFT interoperability


def tiny_llama() -> nn.Module:
    from transformers import LlamaConfig, LlamaForCausalLM

    config = LlamaConfig(
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        vocab_size=100,
        max_position_embeddings=64,
    )
    torch.manual_seed(0)
    return LlamaForCausalLM(config).eval()


def test_peft_loads_our_adapter_and_gives_the_same_logits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from peft import PeftModel

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")  # PEFT would look "tiny-llama" up on the Hub

    base = tiny_llama()
    ours = copy.deepcopy(base)
    config = LoRAConfig(rank=4, alpha=8.0, target_modules=["q_proj", "v_proj"], tier="base")
    assert len(inject_lora(ours, config, "base")) == 4
    ids = torch.randint(0, 100, (2, 12), generator=torch.Generator().manual_seed(3))
    opt = torch.optim.SGD(lora_parameters(ours), lr=1.0)
    for _ in range(2):  # real causal-LM training steps on the adapter only
        loss = ours(input_ids=ids, labels=ids).loss
        opt.zero_grad()
        loss.backward()
        opt.step()
    with torch.no_grad():
        our_logits = ours(input_ids=ids).logits
        base_logits = base(input_ids=ids).logits
    assert (our_logits - base_logits).abs().max().item() > 1e-3  # the adapter matters

    save_peft_adapter(ours, tmp_path, "base", "tiny-llama", task_type="CAUSAL_LM")
    assert json.loads((tmp_path / "adapter_config.json").read_text())["target_modules"] == [
        "q_proj",
        "v_proj",
    ]
    peft_model = PeftModel.from_pretrained(copy.deepcopy(base), str(tmp_path)).eval()
    with torch.no_grad():
        peft_logits = peft_model(input_ids=ids).logits
    assert (peft_logits - our_logits).abs().max().item() < 1e-5

    # And the other way: what PEFT saves, we load.
    peft_dir = tmp_path / "from_peft"
    peft_model.save_pretrained(str(peft_dir), save_embedding_layers=False)
    again = copy.deepcopy(base)
    assert len(load_peft_adapter(again, peft_dir, "base")) == 4
    with torch.no_grad():
        assert (again(input_ids=ids).logits - our_logits).abs().max().item() < 1e-5


def test_partial_targets_are_saved_as_full_paths(tmp_path: Path) -> None:
    from peft import PeftModel

    base = tiny_llama()
    ours = copy.deepcopy(base)
    # Only layer 1's q_proj: the suffix "q_proj" would make PEFT wrap layer 0 too.
    target = ["layers.1.self_attn.q_proj"]
    config = LoRAConfig(rank=1, alpha=2.0, target_modules=target, tier="micro")
    inject_lora(ours, config)
    for p in lora_parameters(ours):
        nn.init.normal_(p, std=0.5)  # non-zero B without a training loop
    save_peft_adapter(ours, tmp_path, "default")
    targets = json.loads((tmp_path / "adapter_config.json").read_text())["target_modules"]
    assert targets == ["model.layers.1.self_attn.q_proj"]
    peft_model = PeftModel.from_pretrained(copy.deepcopy(base), str(tmp_path)).eval()
    ids = torch.arange(10).unsqueeze(0)
    with torch.no_grad():
        diff = (peft_model(input_ids=ids).logits - ours(input_ids=ids).logits).abs().max().item()
    assert diff < 1e-5
