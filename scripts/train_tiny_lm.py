"""Train the tiny causal LMs that tests and benchmarks of ``neuroplast.memory`` load.

Usage (seeded; a few minutes on one CPU thread each):

    .venv/bin/python scripts/train_tiny_lm.py --arch llama --out benchmarks/data/tiny_lm/llama
    .venv/bin/python scripts/train_tiny_lm.py --arch qwen2 --out benchmarks/data/tiny_lm/qwen2

The corpus is generated conversations (``neuroplast_bench.memory_convos``) in which the
answer to a question about the user is stated only in a memory of the context; the
tokenizer is a byte-level BPE trained on that corpus with ``tokenizers``, with a chat
template. Everything is saved in Hugging Face format (``model.safetensors``,
``config.json``, ``tokenizer.json``, ``tokenizer_config.json``) and loads through
``AutoModelForCausalLM.from_pretrained`` / ``AutoTokenizer.from_pretrained`` like any model.
The two architectures differ in shape on purpose (Llama: 3 layers, width 128, full
attention; Qwen2: 2 layers, width 64, grouped-query attention), so code that works on both
is not specific to one.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import time
from pathlib import Path
from typing import Any

import torch
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer,
    LlamaConfig,
    PreTrainedTokenizerFast,
    Qwen2Config,
)

from neuroplast.memory.rendering import RenderConfig, message, render
from neuroplast_bench.memory_convos import generate_many

SPECIAL = ["<|pad|>", "<|end|>", "<|system|>", "<|user|>", "<|assistant|>", "<|tool|>"]
CHAT_TEMPLATE = (
    "{% for m in messages %}<|{{ m['role'] }}|>{{ m['content'] }}<|end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|assistant|>{% endif %}"
)
TRAIN_SEED = 1234  # the corpus; benchmarks draw conversations from other seeds


def build_tokenizer(texts: list[str], vocab_size: int) -> PreTrainedTokenizerFast:
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size, special_tokens=SPECIAL,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False,
    )
    tok.train_from_iterator(texts, trainer)
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok, pad_token="<|pad|>", eos_token="<|end|>",
        additional_special_tokens=SPECIAL[2:],
    )
    fast.chat_template = CHAT_TEMPLATE
    return fast


def model_config(arch: str, vocab: int, tokenizer: PreTrainedTokenizerFast):
    common = dict(vocab_size=vocab, max_position_embeddings=2048, tie_word_embeddings=True,
                  pad_token_id=tokenizer.pad_token_id, eos_token_id=tokenizer.eos_token_id,
                  bos_token_id=None)
    if arch == "llama":
        return LlamaConfig(hidden_size=128, intermediate_size=384, num_hidden_layers=3,
                           num_attention_heads=4, num_key_value_heads=4, **common)
    return Qwen2Config(hidden_size=64, intermediate_size=192, num_hidden_layers=2,
                       num_attention_heads=4, num_key_value_heads=2, **common)


def save(model: torch.nn.Module, tokenizer: PreTrainedTokenizerFast, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--arch", choices=["llama", "qwen2"], default="llama")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--conversations", type=int, default=6000)
    parser.add_argument("--steps", type=int, default=1500)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--vocab", type=int, default=768)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--init", type=Path, default=None,
                        help="continue training the model (and tokenizer) saved in this folder")
    parser.add_argument("--save-every", type=int, default=0,
                        help="also save the model every this many steps (0: only at the end)")
    parser.add_argument("--fact-share", type=float, default=0.6,
                        help="chance that a turn asks a fact from a memory")
    parser.add_argument("--facts", type=int, default=None,
                        help="facts per conversation (default: 1-4 at random)")
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)

    extra: dict[str, Any] = {"fact_share": args.fact_share}
    if args.facts is not None:
        extra["facts"] = args.facts
    corpus_seed = TRAIN_SEED if args.init is None else TRAIN_SEED + 1
    convs = generate_many(corpus_seed, args.conversations, **extra)
    cfg = RenderConfig()
    texts = []
    for conv in convs:
        texts += [m["content"] for m in (message(n, cfg) for n in conv.context.nodes)]
    if args.init is None:
        tokenizer = build_tokenizer(texts, args.vocab)
        model = AutoModelForCausalLM.from_config(
            model_config(args.arch, len(tokenizer), tokenizer))
    else:
        tokenizer = AutoTokenizer.from_pretrained(args.init)
        model = AutoModelForCausalLM.from_pretrained(args.init)
    sequences = [list(render(c.context, tokenizer).ids) for c in convs]
    params = sum(p.numel() for p in model.parameters())
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    warmup = 100
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: min(
        (s + 1) / warmup, 0.5 * (1 + math.cos(math.pi * min(1.0, s / args.steps)))))
    pad = tokenizer.pad_token_id
    model.train()
    started = time.monotonic()
    for step in range(args.steps):
        batch = rng.sample(sequences, args.batch)
        width = max(len(s) for s in batch)
        ids = torch.tensor([s + [pad] * (width - len(s)) for s in batch])
        mask = torch.tensor([[1] * len(s) + [0] * (width - len(s)) for s in batch])
        labels = ids.masked_fill(mask == 0, -100)
        loss = model(input_ids=ids, attention_mask=mask, labels=labels).loss
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        if args.save_every and step and step % args.save_every == 0:
            save(model, tokenizer, args.out)
        if step % 100 == 0 or step == args.steps - 1:
            print(json.dumps({"step": step, "loss": round(loss.item(), 4),
                              "elapsed_s": round(time.monotonic() - started, 1)}), flush=True)
    model.eval()
    save(model, tokenizer, args.out)
    meta = {"arch": args.arch, "parameters": params, "steps": args.steps, "seed": args.seed,
            "conversations": args.conversations, "corpus_seed": corpus_seed,
            "init": None if args.init is None else str(args.init), "facts": args.facts,
            "fact_share": args.fact_share, "lr": args.lr,
            "final_loss": round(loss.item(), 4), "script": "scripts/train_tiny_lm.py"}
    (args.out / "training.json").write_text(json.dumps(meta, indent=1) + "\n")
    print(json.dumps(meta))


if __name__ == "__main__":
    main()
