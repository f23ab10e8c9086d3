"""The memory benchmark's figures on small inputs: each is computed, not assumed."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from neuroplast_bench.memory_bench import attribution, cost

MODEL = Path(__file__).parents[2] / "benchmarks" / "data" / "tiny_lm" / "qwen2"


@pytest.mark.slow
def test_cost_counts_tokens_of_both_paths() -> None:
    torch.set_num_threads(1)
    row = cost(MODEL, memories=3, responses=6, batch_size=2)
    # N+1 full passes: the context, and the context without each of the 3 memories
    assert 3 * row["context_tokens"] < row["naive_tokens"] < 4 * row["context_tokens"]
    assert row["context_tokens"] < row["reuse_tokens"] < row["naive_tokens"]
    assert row["token_ratio"] == round(row["reuse_tokens"] / row["naive_tokens"], 4)
    assert row["max_abs_score_diff"] <= 1e-4


def test_attribution_reports_shares_in_range() -> None:
    row = attribution(MODEL, seed=3, conversations=3)
    assert row["responses_needing_memory"] > 0
    for key in ("top1_accuracy", "distractor_share_below_0.5", "no_memory_share_below_0.5"):
        assert 0.0 <= row[key] <= 1.0
        assert 0.0 <= row["loo_" + key] <= 1.0
    # following copies starts from leave-one-out: it runs at least its tokens
    assert 0 < row["loo_tokens"] <= row["tokens"]
    assert row["token_ratio_vs_loo"] == round(row["tokens"] / row["loo_tokens"], 4)
