"""The LoRA trainer on a real tiny LM: continuation-only loss, real gradients, PEFT format."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from peft import PeftModel
from transformers import AutoModelForCausalLM

from neuroplast.errors import InvalidInputError
from neuroplast.memory import LocalBackend
from neuroplast.memory.trainer import Sample, TrainConfig, Trainer, continuation_loss, encode


def _samples(backend: LocalBackend) -> list[Sample]:
    tok = backend.tokenizer
    out = []
    for question, answer in [("what is my dog called?", "your dog is called ziggy."),
                             ("where do i live?", "you live in quito.")]:
        ctx = tok.apply_chat_template([{"role": "user", "content": question}],
                                      add_generation_prompt=True, tokenize=False)
        out.append(Sample(tuple(tok(ctx, add_special_tokens=False)["input_ids"]),
                          tuple(tok(answer, add_special_tokens=False)["input_ids"])))
    return out


def _lp(backend: LocalBackend, samples: list[Sample]) -> list[float]:
    return [x[0] for x in backend.score([s.context_ids + s.continuation_ids for s in samples],
                                        [[(len(s.context_ids), s.length)] for s in samples])]


def test_loss_counts_continuation_tokens_only() -> None:
    example = encode(Sample((5, 6, 7), (8, 9)), max_length=8, pad_id=0)
    assert example.inputs.tolist() == [5, 6, 7, 8, 9, 0, 0, 0]
    assert example.target.tolist() == [-100, -100, -100, 8, 9, -100, -100, -100]
    logits = torch.randn(1, 8, 12)
    by_hand = -torch.log_softmax(logits[0], -1)[[2, 3], [8, 9]].mean()
    assert continuation_loss(logits, example.target[None]).item() == pytest.approx(
        by_hand.item(), abs=1e-6)
    with pytest.raises(InvalidInputError, match="does not fit"):
        encode(Sample((1,), tuple(range(9))), max_length=8, pad_id=0)


def test_training_learns_the_samples_and_saves_peft(llama: LocalBackend, llama_dir: Path,
                                                   tmp_path: Path) -> None:
    samples = _samples(llama)
    before = _lp(llama, samples)
    trainer = Trainer(llama.model, TrainConfig(steps=15, lr=5e-3, ewc_lambda=0.0,
                                               replay_batch=0, max_length=64),
                      pad_id=llama.tokenizer.pad_token_id)
    assert trainer.train(samples) == 1
    tuned = LocalBackend(trainer.live_model(), llama.tokenizer)
    after = _lp(tuned, samples)
    assert all(a > b + 1.0 for a, b in zip(after, before, strict=True)), (before, after)
    # the base model is untouched
    assert _lp(llama, samples) == pytest.approx(before, abs=1e-5)
    folder = trainer.save_adapter(tmp_path / "v1", str(llama_dir))
    trainer.close()
    peft = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(llama_dir), folder)
    ids = torch.tensor([list(samples[0].context_ids + samples[0].continuation_ids)])
    with torch.no_grad():
        diff = (peft.eval()(input_ids=ids).logits - tuned.model(input_ids=ids).logits).abs()
    assert diff.max().item() < 1e-4
    loaded = LocalBackend.from_pretrained(llama_dir, adapter=folder)
    assert _lp(loaded, samples) == pytest.approx(after, abs=1e-3)
