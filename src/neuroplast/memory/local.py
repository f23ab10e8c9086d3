"""The local backend: a Hugging Face causal LM in this process.

``score`` runs sequences in right-padded batches. ``score_variants`` runs the base
sequence once, keeping its KV cache; each variant shares a prefix with the base (the
context up to the memory it leaves out), so only the tokens after that prefix run, in
batches of variants sorted by where they diverge: a batch starts from the base's cache
cropped to the shortest shared prefix among its variants (and takes a variant only while
that wastes few tokens). Log-probabilities of tokens inside the shared prefix are read
from the base pass (same tokens, same history). No sequence's last token runs (it is
only ever predicted), in either method. Tokens counted are tokens the model ran, padding
included.

>>> import torch
>>> from transformers import LlamaConfig, AutoModelForCausalLM
>>> _ = torch.manual_seed(0)
>>> cfg = LlamaConfig(vocab_size=32, hidden_size=16, intermediate_size=32,
...                   num_hidden_layers=1, num_attention_heads=2, max_position_embeddings=64)
>>> backend = LocalBackend(AutoModelForCausalLM.from_config(cfg))
>>> base = [1, 2, 3, 4, 5, 6]
>>> with_cache = backend.score_variants(base, [(4, 6)], [[1, 2, 4, 5, 6]], [[(3, 5)]])
>>> plain = backend.score([base, [1, 2, 4, 5, 6]], [[(4, 6)], [(3, 5)]])
>>> abs(with_cache[1][0][0] - plain[1][0]) < 1e-4
True
"""

from __future__ import annotations

import copy
import inspect
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import torch

from neuroplast.config import check_range
from neuroplast.errors import ConfigError, StateMismatchError
from neuroplast.memory.backend import LogprobBackend, Ranges

if TYPE_CHECKING:
    from transformers import PreTrainedModel, PreTrainedTokenizerBase

__all__ = ["LocalBackend", "common_prefix"]


def common_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    """Length of the longest common prefix of ``a`` and ``b``.

    >>> common_prefix([1, 2, 3], [1, 2, 4, 5])
    2
    """
    n = min(len(a), len(b))
    for i in range(n):
        if a[i] != b[i]:
            return i
    return n


@dataclass
class Counters:
    """Work done so far: tokens run through the model and forward passes."""

    tokens: int = 0
    passes: int = 0


def _sum_ranges(token_lp: torch.Tensor, ranges: Ranges) -> list[float]:
    """``token_lp[t]`` is log p(token t | tokens before t); sum over each range."""
    return [float(token_lp[s:e].sum()) for s, e in ranges]


class LocalBackend(LogprobBackend):
    """Score with ``model`` in process (eval mode, no gradients).

    ``batch_size``: sequences (or variants) per forward pass. ``reuse_prefix=False`` runs
    every variant in full (the baseline the prefix reuse is measured against).
    ``max_waste``: a batch of variants may run at most this share more tokens (padding, and
    tokens a member shares with the base but reruns) than its members would alone.
    """

    def __init__(
        self,
        model: PreTrainedModel,
        tokenizer: PreTrainedTokenizerBase | None = None,
        *,
        batch_size: int = 8,
        reuse_prefix: bool = True,
        max_length: int | None = None,
        max_waste: float = 0.25,
    ) -> None:
        check_range("LocalBackend", "batch_size", batch_size, 1, integer=True)
        # max_waste 0: batch only variants of the same tokens; inf: batch whatever comes
        check_range("LocalBackend", "max_waste", max_waste, 0.0, finite=False)
        if max_length is not None:
            check_range("LocalBackend", "max_length", max_length, 1, integer=True)
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.batch_size = batch_size
        self.reuse_prefix = reuse_prefix
        self.max_waste = max_waste
        config = model.config
        self.vocab_size = int(config.vocab_size)
        window = getattr(config, "max_position_embeddings", None) or getattr(
            config, "n_positions", None)
        if max_length is None and window is None:
            raise ConfigError("the model config names no window (max_position_embeddings); "
                              "pass max_length=")
        self.max_length = int(max_length or window)
        self.pad_id = 0
        self.counters = Counters()
        # transformers 5 renamed the forward argument past_key_values to cache
        params = inspect.signature(model.forward).parameters
        self._cache_arg = "cache" if "cache" in params else "past_key_values"

    @classmethod
    def from_pretrained(
        cls, path: str | os.PathLike[str], *, adapter: str | os.PathLike[str] | None = None,
        **kwargs: Any,
    ) -> LocalBackend:
        """Load a model directory (and its tokenizer) with ``transformers``; ``adapter``
        is a PEFT LoRA directory applied on top (merged, so scoring runs at base speed)."""
        from transformers import AutoModelForCausalLM, AutoTokenizer

        if not os.path.isdir(path):  # else transformers reads the path as a hub repo id
            raise ConfigError(f"model directory {path} does not exist (or is not a folder); "
                              "give a Hugging Face model directory with config.json, weights "
                              "and tokenizer files")
        try:
            model = AutoModelForCausalLM.from_pretrained(path, dtype=torch.float32)
            tokenizer = AutoTokenizer.from_pretrained(path)
        except (OSError, ValueError) as exc:
            raise ConfigError(
                f"cannot load a causal LM from {path} ({exc}); give a Hugging Face model "
                "directory with config.json, weights and tokenizer files"
            ) from exc
        if adapter is not None:
            model = apply_adapter(model, adapter)
        return cls(model, tokenizer, **kwargs)

    # ------------------------------------------------------------------ passes
    @torch.no_grad()
    def token_logprobs(self, sequences: Sequence[Sequence[int]]) -> list[torch.Tensor]:
        """Per sequence, ``lp[t]`` = log p(token t | before); ``lp[0]`` is 0 (no context)."""
        out: list[torch.Tensor] = []
        for i in range(0, len(sequences), self.batch_size):
            batch = [list(s) for s in sequences[i : i + self.batch_size]]
            width = max(len(s) for s in batch)
            if width < 2:  # nothing to predict
                out += [torch.zeros(len(s)) for s in batch]
                continue
            ids = torch.tensor([s + [self.pad_id] * (width - len(s)) for s in batch])
            mask = torch.tensor([[1] * len(s) + [0] * (width - len(s)) for s in batch])
            # the last column is only ever predicted: it does not run
            logits = self.model(input_ids=ids[:, :-1], attention_mask=mask[:, :-1]).logits
            self._count(len(batch) * (width - 1))  # padding included: the model ran it
            lp = torch.log_softmax(logits.float(), dim=-1)
            picked = lp.gather(-1, ids[:, 1:, None])[..., 0]
            for row, seq in enumerate(batch):
                out.append(torch.cat([torch.zeros(1), picked[row, : len(seq) - 1]]))
        return out

    def score(self, sequences: Sequence[Sequence[int]], ranges: Sequence[Ranges]
              ) -> list[list[float]]:
        for ids, rs in zip(sequences, ranges, strict=True):
            self.check(ids, rs)
        return [_sum_ranges(lp, rs) for lp, rs in
                zip(self.token_logprobs(sequences), ranges, strict=True)]

    @torch.no_grad()
    def score_variants(
        self,
        base: Sequence[int],
        base_ranges: Ranges,
        variants: Sequence[Sequence[int]],
        variant_ranges: Sequence[Ranges],
    ) -> tuple[list[float], list[list[float]]]:
        if not self.reuse_prefix:
            return super().score_variants(base, base_ranges, variants, variant_ranges)
        self.check(base, base_ranges)
        for ids, rs in zip(variants, variant_ranges, strict=True):
            self.check(ids, rs)
        if len(base) < 2:
            return super().score_variants(base, base_ranges, variants, variant_ranges)
        base_ids = torch.tensor([list(base)])
        # the last token is only ever predicted, never a context: it is not run
        result = self.model(input_ids=base_ids[:, :-1], use_cache=True)
        self._count(len(base) - 1)
        base_lp = torch.log_softmax(result.logits[0].float(), dim=-1)  # row t predicts t+1
        cache = result.get("cache", None) or result.get("past_key_values", None)
        base_token_lp = torch.cat([torch.zeros(1),
                                   base_lp.gather(-1, base_ids[0, 1:, None])[:, 0]])
        # a variant's own tokens start after the prefix it shares with the base's run part
        shared = [max(1, min(common_prefix(base, v), len(v) - 1, len(base) - 1))
                  for v in variants]
        scores: list[list[float]] = [[] for _ in variants]
        for group in self._groups(shared, [len(v) for v in variants]):
            prefix = min(shared[i] for i in group)
            for i, lp in zip(group, self._suffix_pass(cache, base_lp, prefix,
                                                      [variants[i] for i in group]), strict=True):
                scores[i] = _sum_ranges(lp, variant_ranges[i])
        return _sum_ranges(base_token_lp, base_ranges), scores

    def _groups(self, shared: list[int], lengths: list[int]) -> list[list[int]]:
        """Variants in batches, by where they diverge from the base. A batch runs every
        member from its smallest shared prefix to its longest end, so a variant joins only
        while that stays within ``max_waste`` of the tokens its members need alone."""
        groups: list[list[int]] = []
        group: list[int] = []
        for i in sorted(range(len(shared)), key=lambda i: shared[i]):
            trial = [*group, i]
            prefix = shared[trial[0]]  # sorted: the smallest
            width = max(lengths[k] - 1 - prefix for k in trial)
            needed = sum(lengths[k] - 1 - shared[k] for k in trial)
            if group and (len(trial) > self.batch_size
                          or len(trial) * width > (1 + self.max_waste) * needed):
                groups.append(group)
                trial = [i]
            group = trial
        return [*groups, group] if group else groups

    def _suffix_pass(self, cache: Any, base_lp: torch.Tensor, prefix: int,
                     variants: list[Sequence[int]]) -> list[torch.Tensor]:
        """Token log-probs of ``variants`` that all start with ``base[:prefix]``."""
        # each variant's last token is only predicted, so it is not run
        tails = [list(v[prefix:-1]) for v in variants]
        width = max(len(t) for t in tails)
        tail_lp = torch.zeros(len(variants), 0, self.vocab_size)
        if width:
            ids = torch.tensor([t + [self.pad_id] * (width - len(t)) for t in tails])
            # without padding no mask is needed (and the causal kernel's fast path applies)
            mask = None if all(len(t) == width for t in tails) else torch.tensor(
                [[1] * (prefix + len(t)) + [0] * (width - len(t)) for t in tails])
            past = copy.deepcopy(cache)
            past.crop(prefix - past.get_seq_length())  # negative: drop that many from the end
            past.batch_repeat_interleave(len(variants))
            logits = self.model(input_ids=ids, attention_mask=mask, use_cache=True,
                                **{self._cache_arg: past}).logits
            # padding is counted: the model ran it
            self._count(len(variants) * width)
            tail_lp = torch.log_softmax(logits.float(), dim=-1)
        out = []
        for row, v in enumerate(variants):
            v_ids = torch.tensor(list(v))
            lp = torch.zeros(len(v))
            # tokens 1..prefix are predicted from the shared prefix: the base's rows
            lp[1 : prefix + 1] = base_lp[:prefix].gather(-1, v_ids[1 : prefix + 1, None])[:, 0]
            # token prefix+j+1 is predicted by the tail's row j
            n = len(v) - prefix - 1
            lp[prefix + 1 :] = tail_lp[row, :n].gather(-1, v_ids[prefix + 1 :, None])[:, 0]
            out.append(lp)
        return out

    def _count(self, tokens: int) -> None:
        self.counters.tokens += tokens
        self.counters.passes += 1

    # ------------------------------------------------------------------ generation
    @torch.no_grad()
    def generate(self, ids: Sequence[int], max_new_tokens: int, stop_id: int | None = None
                 ) -> list[int]:
        """Greedy continuation of ``ids`` (what the model says), up to ``stop_id``."""
        self.check(ids, [])
        limit = min(max_new_tokens, self.max_length - len(ids))
        if limit <= 0:
            return []
        out = self.model.generate(torch.tensor([list(ids)]), max_new_tokens=limit,
                                  do_sample=False, eos_token_id=stop_id,
                                  pad_token_id=self.pad_id)
        return [int(t) for t in out[0, len(ids):]]


def apply_adapter(model: PreTrainedModel, adapter: str | os.PathLike[str]) -> PreTrainedModel:
    """``model`` with the PEFT LoRA adapter in ``adapter`` merged into its weights."""
    from neuroplast.core.lora import load_peft_adapter, merge_lora

    try:
        load_peft_adapter(model, adapter, adapter_name="default")
    except (OSError, ValueError, KeyError) as exc:
        if isinstance(exc, StateMismatchError | ConfigError):
            raise
        raise StateMismatchError(
            f"{adapter} is not a LoRA adapter for this model ({exc}); give a PEFT adapter "
            "directory (adapter_config.json + adapter_model.safetensors) trained on it"
        ) from exc
    merge_lora(model, "default")
    return model
