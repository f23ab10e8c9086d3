"""Measurements of ``neuroplast.memory``: attribution, cost, the remote path, the closed loop.

Each function returns one JSON-ready dict (a JSON line of ``benchmarks/memory.py``).
Conversations come from :mod:`neuroplast_bench.memory_convos` with seeds other than the
tiny model's training corpus.
"""

from __future__ import annotations

import math
import random
import statistics
import time
from pathlib import Path
from typing import Any

import torch

from neuroplast.memory import CandidateConfig, LocalBackend, Scorer, find_candidates
from neuroplast.memory.attribution import DEPENDS, attribute
from neuroplast.memory.local import common_prefix
from neuroplast.memory.trainer import Sample, TrainConfig, Trainer
from neuroplast_bench.memory_convos import (
    generate,
    generate_many,
    long_conversation,
    random_profile,
)

__all__ = ["attribution", "closed_loop", "cost", "minimum_tokens"]

NEAR_ZERO = 0.5  # nats: a divergence below this changes a response's probability < 1.65x


def attribution(model_dir: Path, seed: int, conversations: int = 40,
                depends: float = DEPENDS) -> dict[str, Any]:
    """Top-scored memory vs the true one, and what distractors and memory-free responses
    score, on ``conversations`` generated from ``seed``: by the attribution that follows
    copied answers (:func:`neuroplast.memory.attribution.attribute`, the headline
    figures) and by plain leave-one-out (``Scorer.matrix``, the ``loo_`` figures), each
    with the tokens the model ran for it. ``depends``: the bar (nats) at which a response
    depends on a memory."""
    backend = LocalBackend.from_pretrained(model_dir)
    scorer = Scorer(backend, backend.tokenizer)
    counts = {name: _AttributionCounts() for name in ("chained", "loo")}
    tokens = {"chained": 0, "loo": 0}
    rounds = []
    for conv in generate_many(seed, conversations):
        before = backend.counters.tokens
        loo = scorer.matrix(conv.context)
        tokens["loo"] += backend.counters.tokens - before
        before = backend.counters.tokens
        chained = attribute(scorer, conv.context, depends=depends)
        tokens["chained"] += backend.counters.tokens - before
        rounds.append(chained.rounds)
        counts["loo"].add(conv, loo)
        counts["chained"].add(conv, chained)
    out: dict[str, Any] = {
        "bench": "memory.attribution", "model": model_dir.name, "seed": seed,
        "conversations": conversations, "depends": depends,
        "responses_needing_memory": counts["chained"].needing,
        "responses_asked_again": counts["chained"].by_turn["repeat"][1],
        "tokens": tokens["chained"], "loo_tokens": tokens["loo"],
        "token_ratio_vs_loo": round(tokens["chained"] / max(tokens["loo"], 1), 4),
        "rounds_max": max(rounds), "rounds_mean": round(statistics.fmean(rounds), 3),
    }
    out |= counts["chained"].figures("")
    out |= counts["loo"].figures("loo_")
    return out


class _AttributionCounts:
    """Hits of the top-scored memory, and the divergences of true memories, distractors
    and memory-free responses, over conversations scored by one method."""

    def __init__(self) -> None:
        self.hits = self.needing = 0
        # a fact asked again can also be read from the earlier answer, which stays in
        # context without the memory: reported apart
        self.by_turn = {"first": [0, 0], "repeat": [0, 0]}
        self.distractor: list[float] = []
        self.no_memory: list[float] = []
        self.true_div: list[float] = []

    def add(self, conv: Any, result: Any) -> None:
        table = result.divergence()
        asked: set[str] = set()
        for j, need in enumerate(conv.needs):
            column = [row[j] for row in table]
            if need is None:
                self.no_memory.append(max(column, default=0.0))
                continue
            self.needing += 1
            hit = result.top_memory(j) == need
            self.hits += hit
            counts = self.by_turn["repeat" if need in asked else "first"]
            counts[0] += hit
            counts[1] += 1
            asked.add(need)
            self.true_div.append(column[result.keys.index(need)])
            self.distractor += [column[k] for k, key in enumerate(result.keys)
                                if key in conv.distractors]

    def figures(self, prefix: str) -> dict[str, Any]:
        first, repeat = self.by_turn["first"], self.by_turn["repeat"]
        figures = {
            "top1_accuracy": round(self.hits / max(self.needing, 1), 4),
            "top1_hits": self.hits,
            "top1_first_asked": round(first[0] / max(first[1], 1), 4),
            "top1_asked_again": round(repeat[0] / max(repeat[1], 1), 4),
            "true_memory_divergence_median": round(statistics.median(self.true_div), 3),
            "distractor_divergence_mean": round(statistics.fmean(self.distractor), 4),
            "distractor_share_below_0.5": round(
                sum(d < NEAR_ZERO for d in self.distractor) / max(len(self.distractor), 1),
                4),
            "no_memory_max_divergence_mean": round(statistics.fmean(self.no_memory), 4),
            "no_memory_share_below_0.5": round(
                sum(d < NEAR_ZERO for d in self.no_memory) / max(len(self.no_memory), 1), 4),
        }
        return {prefix + k: v for k, v in figures.items()}


class _Recording(LocalBackend):
    """A naive backend that also keeps the sequences it was asked to score."""

    def score_variants(self, base, base_ranges, variants, variant_ranges):  # type: ignore[no-untyped-def]
        self.asked = (list(base), [list(v) for v in variants])
        return super().score_variants(base, base_ranges, variants, variant_ranges)


def minimum_tokens(base: list[int], variants: list[list[int]]) -> int:
    """The fewest tokens any exact method runs to score ``base`` and ``variants`` (each
    scored to its last token): a causal model's state at a position depends on every token
    before it, so the base runs once and each variant from the first token where it differs
    from the base, since no other sequence has the same tokens before that point; the
    last token of each sequence is only predicted, so it need not run.

    >>> minimum_tokens([1, 2, 3, 4], [[1, 2, 4], [1, 3, 4]])  # 3 + 0 + 1
    4
    """
    return len(base) - 1 + sum(len(v) - 1 - min(common_prefix(base, v), len(v) - 1)
                               for v in variants)


def cost(model_dir: Path, memories: int = 20, responses: int = 50, batch_size: int = 8,
         seed: int = 0, window: int | None = None) -> dict[str, Any]:
    """The matrix with prefix reuse and batching vs naive passes, same run and same scores.

    ``window=None``: the full matrix, against the naive N+1 full passes. ``window=W``: each
    memory judged on the W responses after it; the naive baseline then runs N+1 passes each
    cut where its window ends (already fewer than N+1 full passes, which are also given).
    """
    torch.manual_seed(seed)
    ctx = long_conversation(seed, memories, responses)
    reuse = LocalBackend.from_pretrained(model_dir, batch_size=batch_size)
    naive = _Recording(reuse.model, reuse.tokenizer, batch_size=1, reuse_prefix=False)
    tokens = len(Scorer(reuse, reuse.tokenizer).render(ctx).ids)
    timings = {}
    results = {}
    for name, backend in (("naive", naive), ("reuse", reuse)):
        started = time.perf_counter()
        results[name] = Scorer(backend, backend.tokenizer).matrix(ctx, window=window)
        timings[name] = time.perf_counter() - started
    diffs = [abs(a - b) for ra, rb in zip(results["reuse"].without, results["naive"].without,
                                          strict=True)
             for a, b in zip(ra, rb, strict=True) if a is not None and b is not None]
    diffs += [abs(a - b) for a, b in zip(results["reuse"].with_memories,
                                         results["naive"].with_memories, strict=True)]
    minimum = minimum_tokens(*naive.asked)
    return {
        "bench": "memory.cost", "model": model_dir.name, "memories": memories,
        "responses": responses, "window": window, "context_tokens": tokens,
        "batch_size": batch_size, "full_passes_tokens": (memories + 1) * tokens,
        "naive_tokens": naive.counters.tokens, "reuse_tokens": reuse.counters.tokens,
        "minimum_tokens": minimum,
        "token_ratio": round(reuse.counters.tokens / naive.counters.tokens, 4),
        "minimum_ratio": round(minimum / naive.counters.tokens, 4),
        "token_ratio_vs_full_passes": round(reuse.counters.tokens / ((memories + 1) * tokens),
                                            4),
        "naive_s": round(timings["naive"], 3), "reuse_s": round(timings["reuse"], 3),
        "speedup": round(timings["naive"] / timings["reuse"], 3),
        "max_abs_score_diff": max(diffs), "torch_threads": torch.get_num_threads(),
    }


def _response_samples(scorer: Scorer, conv_context: Any) -> list[Sample]:
    """Every assistant response of a context, memories included, as a sample."""
    rendered = scorer.render(conv_context)
    return [Sample(rendered.ids[:s], rendered.ids[s:e]) for s, e in rendered.response_ranges()]


def _nll(backend: LocalBackend, samples: list[Sample]) -> float:
    """Mean negative log-likelihood per continuation token."""
    scores = backend.score([s.context_ids + s.continuation_ids for s in samples],
                           [[(len(s.context_ids), s.length)] for s in samples])
    return -sum(x[0] for x in scores) / sum(len(s.continuation_ids) for s in samples)


def closed_loop(model_dir: Path, seed: int = 0, history: int = 12, held_out: int = 40,
                anchors: int = 48, config: TrainConfig | None = None,
                guard: bool = True, threshold: float = 1.0) -> dict[str, Any]:
    """One user's conversations -> candidates -> train (approving all) -> measure.

    Reports the candidates' divergence before and after training (with memories vs
    without, re-scored on the same contexts by the trained model) and the perplexity of
    responses in held-out conversations of *other* users (their facts only in memories),
    before and after. ``guard=False`` trains without EWC and replay.
    """
    rng = random.Random(seed)
    profile = random_profile(rng)
    base = LocalBackend.from_pretrained(model_dir)
    scorer = Scorer(base, base.tokenizer)
    user = [generate(rng, profile=profile, start=1000.0 * i, facts=3) for i in range(history)]
    candidates = []
    contexts = {}
    for conv in user:
        found = find_candidates(scorer, conv.context,
                                CandidateConfig(threshold=threshold, attribute=False))
        for c in found:
            contexts[c.response_ts] = conv.context
        candidates += found
    # other users, seeds disjoint from the user's: held out, and anchors for replay/EWC
    held = generate_many(seed + 10_000, held_out)
    anchor_convs = generate_many(seed + 20_000, anchors)
    held_samples = [s for c in held for s in _response_samples(scorer, c.context)]
    anchor_samples = [s for c in anchor_convs for s in _response_samples(scorer, c.context)]
    config = config or TrainConfig()
    if not candidates:
        return {"bench": "memory.closed_loop", "model": model_dir.name, "seed": seed,
                "threshold": threshold, "candidates": 0,
                "note": "no response reached the threshold: nothing to train"}
    if not guard:
        config = TrainConfig(**(config.to_dict() | {"ewc_lambda": 0.0, "replay_batch": 0}))
    pad = base.tokenizer.pad_token_id or 0
    before_nll = _nll(base, held_samples)
    started = time.perf_counter()
    trainer = Trainer(base.model, config, anchor_samples, pad_id=pad)
    trainer.train([Sample(c.context_ids, c.continuation_ids) for c in candidates])
    train_s = time.perf_counter() - started
    trained = LocalBackend(trainer.live_model(), base.tokenizer)
    trainer.close()
    after_scorer = Scorer(trained, base.tokenizer)
    after_div = []
    for c in candidates:
        ctx = contexts[c.response_ts]
        index = next(i for i, n in enumerate(ctx.nodes) if n.timestamp == c.response_ts)
        column = ctx.truncated(index + 1)
        (again,) = [r for r in find_candidates(after_scorer, column,
                                               CandidateConfig(threshold=0.0, recent=1,
                                                               attribute=False))]
        after_div.append(again.divergence)
    before_div = [c.divergence for c in candidates]
    after_nll = _nll(trained, held_samples)
    return {
        "bench": "memory.closed_loop", "model": model_dir.name, "seed": seed,
        "guard": "ewc+replay" if guard else "none", "threshold": threshold,
        "candidates": len(candidates),
        "divergence_before_mean": round(statistics.fmean(before_div), 4) if before_div else None,
        "divergence_after_mean": round(statistics.fmean(after_div), 4) if after_div else None,
        "divergence_drop": round(1 - statistics.fmean(after_div) / statistics.fmean(before_div),
                                 4) if before_div else None,
        "held_out_responses": len(held_samples),
        "held_out_ppl_before": round(math.exp(before_nll), 4),
        "held_out_ppl_after": round(math.exp(after_nll), 4),
        "held_out_ppl_rise": round(math.exp(after_nll - before_nll) - 1, 4),
        "train_s": round(train_s, 1), "config": config.to_dict(),
    }
