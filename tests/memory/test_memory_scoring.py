"""Scoring modes: the matrix's cells are the plain log-probabilities of independently
rendered contexts; windows, candidates and the trained ledger do what they say."""

from __future__ import annotations

import random

import pytest

from neuroplast.memory import CandidateConfig, LocalBackend, Scorer, divergence, render
from neuroplast.memory.candidates import find_candidates
from neuroplast_bench.memory_convos import generate


def test_matrix_cells_are_plain_scores_of_each_variant(llama: LocalBackend) -> None:
    tok = llama.tokenizer
    conv = generate(random.Random(31), facts=3, distractors=2, turns=5)
    ctx = conv.context
    result = Scorer(llama, tok).matrix(ctx)
    full = render(ctx, tok)
    plain = LocalBackend(llama.model, tok, reuse_prefix=False)
    (want_with,) = plain.score([full.ids], [full.response_ranges()])
    assert list(result.with_memories) == pytest.approx(want_with, abs=1e-4)
    responses = [i for i, n in enumerate(ctx.nodes) if n.kind == "assistant"]
    table = result.divergence()
    for row, key in enumerate(result.keys):
        at = ctx.index_of(key)
        reduced = render(ctx.without({key}), tok)
        (want,) = plain.score([reduced.ids], [reduced.response_ranges()])
        for j, node_index in enumerate(responses):
            cell = result.without[row][j]
            if node_index < at:  # the model reads left to right: not affected, not scored
                assert cell is None and table[row][j] == 0.0
            else:
                assert cell == pytest.approx(want[j], abs=1e-4)
                assert table[row][j] == pytest.approx(divergence(want_with[j], want[j]),
                                                      abs=1e-4)


def test_importance_is_judged_on_its_window(llama: LocalBackend) -> None:
    conv = generate(random.Random(32), facts=2, turns=7)
    key = conv.context.memories[0].key
    scorer = Scorer(llama, llama.tokenizer)
    whole = scorer.importance(conv.context, key)
    two = scorer.importance(conv.context, key, window=2)
    assert len(two.responses) == 2 and two.responses == whole.responses[:2]
    assert two.divergences == pytest.approx(whole.divergences[:2], abs=1e-4)
    assert whole.total == pytest.approx(sum(whole.divergences))


def test_candidates_strip_memories_and_skip_trained(llama: LocalBackend) -> None:
    tok = llama.tokenizer
    conv = generate(random.Random(33), facts=3, turns=5)
    scorer = Scorer(llama, tok)
    everything = find_candidates(scorer, conv.context, CandidateConfig(threshold=0.0))
    responses = conv.context.responses
    assert [c.response_ts for c in everything] == [n.timestamp for n in responses]
    stripped = render(conv.context.without_memories(), tok)
    for cand, (start, end) in zip(everything, stripped.response_ranges(), strict=True):
        assert cand.context_ids == stripped.ids[:start]
        assert cand.continuation_ids == stripped.ids[start:end]
        assert "memory" not in tok.decode(list(cand.context_ids))
    # divergences are those of the with/without-all-memories scores
    full = render(conv.context, tok)
    (lp_with,), (lp_without,) = (llama.score([full.ids], [full.response_ranges()]),
                                 llama.score([stripped.ids], [stripped.response_ranges()]))
    for cand, a, b in zip(everything, lp_with, lp_without, strict=True):
        assert cand.divergence == pytest.approx(divergence(a, b), abs=1e-4)
    high = sorted(c.divergence for c in everything)[len(everything) // 2]
    kept = find_candidates(scorer, conv.context, CandidateConfig(threshold=high))
    assert kept and all(c.divergence >= high for c in kept)
    skipped = find_candidates(scorer, conv.context, CandidateConfig(threshold=0.0),
                              trained={responses[0].timestamp})
    assert [c.response_ts for c in skipped] == [n.timestamp for n in responses[1:]]
    recent = find_candidates(scorer, conv.context, CandidateConfig(threshold=0.0, recent=2))
    assert [c.response_ts for c in recent] == [n.timestamp for n in responses[-2:]]
    alt = find_candidates(scorer, conv.context,
                          CandidateConfig(threshold=0.0, recent=1, generate=True))[0]
    said = llama.generate(alt.context_ids, 32, tok.eos_token_id)
    assert alt.alternative == tok.decode([t for t in said if t != tok.eos_token_id])


def test_a_window_matrix_is_the_full_matrix_cut_to_each_window(llama: LocalBackend) -> None:
    from neuroplast_bench.memory_convos import long_conversation

    ctx = long_conversation(seed=4, memories=4, responses=12)
    scorer = Scorer(llama, llama.tokenizer)
    full = scorer.matrix(ctx)
    cut = scorer.matrix(ctx, window=2)
    last = 0
    for row_full, row_cut, key in zip(full.without, cut.without, full.keys, strict=True):
        after = [j for j, r in enumerate(full.responses) if r > ctx.index_of(key)]
        judged = [j for j, cell in enumerate(row_cut) if cell is not None]
        assert judged == after[:2]
        assert [row_cut[j] for j in judged] == pytest.approx([row_full[j] for j in judged],
                                                             abs=1e-4)
        last = max([last, *judged])
    # responses no window reaches are not scored at all
    assert cut.responses == full.responses[: last + 1]
    assert list(cut.with_memories) == pytest.approx(full.with_memories[: last + 1], abs=1e-4)
    # several importances from one call equal one at a time
    keys = list(full.keys)
    together = scorer.importances(ctx, keys, window=2)
    for key, got in zip(keys, together, strict=True):
        alone = scorer.importance(ctx, key, window=2)
        assert got.responses == alone.responses
        assert got.divergences == pytest.approx(alone.divergences, abs=1e-4)


def test_each_candidate_lists_the_memories_it_depended_on(llama: LocalBackend) -> None:
    tok = llama.tokenizer
    conv = generate(random.Random(34), facts=3, distractors=1, turns=5)
    ctx = conv.context
    found = find_candidates(Scorer(llama, tok), ctx, CandidateConfig(threshold=0.0))
    plain = LocalBackend(llama.model, tok, reuse_prefix=False)
    full = render(ctx, tok)
    responses = [i for i, n in enumerate(ctx.nodes) if n.kind == "assistant"]
    (lp_with,) = plain.score([full.ids], [full.response_ranges()])
    for cand in found:
        j = [ctx.nodes[i].timestamp for i in responses].index(cand.response_ts)
        want = []
        for m in ctx.memories:
            if ctx.index_of(m.key) > responses[j]:
                continue  # after the response: cannot have shaped it
            reduced = render(ctx.without({m.key}), tok)
            (lp,) = plain.score([reduced.ids], [reduced.response_ranges()])
            d = divergence(lp_with[j], lp[j])
            if d >= CandidateConfig().attribute_min:
                want.append((m.key, m.text, d))
        want.sort(key=lambda t: -t[2])
        assert [k for k, _, _ in cand.memories] == [k for k, _, _ in want]
        assert [d for _, _, d in cand.memories] == pytest.approx([d for *_, d in want],
                                                                 abs=1e-3)
    assert any(c.memories for c in found)  # the committed model reads facts from memories
    off = find_candidates(Scorer(llama, tok), ctx,
                          CandidateConfig(threshold=0.0, attribute=False))
    assert all(c.memories == () for c in off)
