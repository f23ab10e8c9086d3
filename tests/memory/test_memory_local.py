"""The local backend: prefix-cache reuse gives the scores of full passes; bad input fails
clearly before any model runs."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import torch

from neuroplast.errors import InvalidInputError, StateMismatchError
from neuroplast.memory import LocalBackend, Scorer
from neuroplast_bench.memory_convos import generate, long_conversation


def _matrix(backend: LocalBackend, context) -> list[list[float | None]]:
    result = Scorer(backend, backend.tokenizer).matrix(context)
    return [[*result.with_memories], *[list(r) for r in result.without]]


@pytest.mark.parametrize("batch_size", [1, 3, 16])
def test_cache_reuse_agrees_with_full_passes(model_dir: Path, batch_size: int) -> None:
    torch.set_num_threads(1)
    reuse = LocalBackend.from_pretrained(model_dir, batch_size=batch_size)
    plain = LocalBackend.from_pretrained(model_dir, batch_size=batch_size, reuse_prefix=False)
    conv = generate(random.Random(11), facts=4, distractors=3, turns=6)
    got, want = _matrix(reuse, conv.context), _matrix(plain, conv.context)
    assert len(got) == 1 + len(conv.context.memories)
    for row_got, row_want in zip(got, want, strict=True):
        for a, b in zip(row_got, row_want, strict=True):
            assert (a is None) == (b is None)
            if a is not None:
                assert abs(a - b) <= 1e-4, (a, b)
    # and it ran fewer tokens through the model
    assert reuse.counters.tokens < plain.counters.tokens


def test_cache_reuse_on_memories_spread_through_a_long_conversation(llama: LocalBackend) -> None:
    ctx = long_conversation(seed=2, memories=6, responses=12)
    plain = LocalBackend(llama.model, llama.tokenizer, reuse_prefix=False)
    got, want = _matrix(llama, ctx), _matrix(plain, ctx)
    diffs = [abs(a - b) for ra, rb in zip(got, want, strict=True)
             for a, b in zip(ra, rb, strict=True) if a is not None]
    assert diffs and max(diffs) <= 1e-4


def test_batched_scores_equal_single_sequences(llama: LocalBackend) -> None:
    seqs = [[5, 9, 14, 20, 7], [5, 9, 3], [8, 8, 8, 8, 8, 8, 8, 8]]
    ranges = [[(1, 5), (2, 3)], [(1, 3)], [(4, 8)]]
    together = llama.score(seqs, ranges)
    alone = [llama.score([s], [r])[0] for s, r in zip(seqs, ranges, strict=True)]
    for a, b in zip(together, alone, strict=True):
        assert a == pytest.approx(b, abs=1e-4)
    # a range's score is the sum of its tokens' log-probabilities (all negative)
    assert together[0][0] < together[0][1] < 0


@pytest.mark.parametrize(("ids", "ranges", "message"), [
    ([1, 2, 10**6], [(1, 2)], "not in the model's vocabulary"),
    ([1, 2, -1], [(1, 2)], "not in the model's vocabulary"),
    ([1, 2, 3], [(2, 2)], "empty or reversed"),
    ([1, 2, 3], [(3, 1)], "empty or reversed"),
    ([1, 2, 3], [(0, 2)], "starts at token 0"),
    ([1, 2, 3], [(1, 9)], "runs past the end"),
    ([], [], "empty"),
])
def test_bad_input_is_refused(llama: LocalBackend, ids, ranges, message) -> None:
    before = llama.counters.tokens
    with pytest.raises(InvalidInputError, match=message):
        llama.score([ids], [ranges])
    assert llama.counters.tokens == before  # nothing ran


def test_context_longer_than_the_window_names_the_limit(llama: LocalBackend) -> None:
    window = llama.max_length
    with pytest.raises(InvalidInputError, match=f"window is {window}"):
        llama.score([[3] * (window + 1)], [[(1, 2)]])


def test_malformed_adapter_directory(llama_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "adapter_config.json").write_text('{"peft_type": "LORA", "lora_alpha": 8}')
    (tmp_path / "adapter_model.safetensors").write_bytes(b"not safetensors")
    with pytest.raises(StateMismatchError, match="not a valid safetensors file"):
        LocalBackend.from_pretrained(llama_dir, adapter=tmp_path)
    with pytest.raises(StateMismatchError, match=r"adapter_config\.json does not exist"):
        LocalBackend.from_pretrained(llama_dir, adapter=tmp_path / "missing")


@pytest.mark.parametrize("window", [None, 3])
def test_reuse_at_batch_one_runs_the_fewest_tokens_an_exact_method_can(
        llama: LocalBackend, window: int | None) -> None:
    from neuroplast_bench.memory_bench import minimum_tokens

    ctx = long_conversation(seed=3, memories=5, responses=10)
    asked: list = []

    class Recording(LocalBackend):
        def score_variants(self, base, base_ranges, variants, variant_ranges):  # type: ignore[no-untyped-def]
            asked.append((list(base), [list(v) for v in variants]))
            return super().score_variants(base, base_ranges, variants, variant_ranges)

    one = Recording(llama.model, llama.tokenizer, batch_size=1)
    Scorer(one, llama.tokenizer).matrix(ctx, window=window)
    ((base, variants),) = asked
    assert one.counters.tokens == minimum_tokens(base, variants)
    # a batch that pads runs (and counts) more, never fewer
    eight = LocalBackend(llama.model, llama.tokenizer, batch_size=8)
    Scorer(eight, llama.tokenizer).matrix(ctx, window=window)
    assert eight.counters.tokens >= one.counters.tokens
