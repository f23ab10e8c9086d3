"""Attribution that follows copied answers: each cell is the plain score of a context
without the memory and the turns of the earlier responses that depended on it, and a
repeated answer is credited to the memory behind the answer it repeats."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from transformers import AutoTokenizer

from neuroplast.errors import InvalidInputError
from neuroplast.memory import (
    BackgroundConfig,
    BackgroundScoring,
    Context,
    LocalBackend,
    MemoryStore,
    Scorer,
    render,
)
from neuroplast.memory.attribution import DEPENDS, turn_of
from neuroplast.memory.rendering import render_dropping
from neuroplast_bench.memory_convos import SYSTEM, generate

# one memory asked three times; the third ask is a copy of the copies
_DOG = Context.build(
    system=[SYSTEM],
    journal=[("dog", "the user's dog is called rex."), ("city", "the user's home town is oslo."),
             ("other", "the user's neighbour's dog is called max.")],
    conversation=[("user", "what is my dog called?"), ("assistant", "your dog is called rex."),
                  ("user", "where do i live?"), ("assistant", "you live in oslo."),
                  ("user", "thanks!"), ("assistant", "you are welcome."),
                  ("user", "what is my dog called?"), ("assistant", "your dog is called rex."),
                  ("user", "what is the name of my dog?"),
                  ("assistant", "your dog is called rex.")],
)


def _expected(ctx: Context, result, llama: LocalBackend,  # type: ignore[no-untyped-def]
              depends: float = DEPENDS) -> None:
    """Every chained cell equals the plain score, run in full without prefix reuse, of the
    context without the memory and the turns of its dependents before the response; the
    dependents are exactly the responses whose chained divergence reaches the bar."""
    plain = LocalBackend(llama.model, llama.tokenizer, reuse_prefix=False)
    full = render(ctx, llama.tokenizer)
    (lp_with,) = plain.score([full.ids], [full.response_ranges()])
    assert list(result.chained.with_memories) == pytest.approx(lp_with, abs=1e-4)
    table = result.divergence()
    for row, key in enumerate(result.keys):
        at = ctx.index_of(key)
        deps = result.dependents[row]
        for j, node in enumerate(result.responses):
            cell = result.chained.without[row][j]
            if node < at:
                assert cell is None
                continue
            drop = {at} | {i for d in deps if d < node for i in turn_of(ctx, d)}
            reduced = render(ctx.dropping(drop), llama.tokenizer)
            spot = node - sum(d < node for d in drop)
            (want,) = plain.score([reduced.ids], [[reduced.spans[spot]]])
            assert cell == pytest.approx(want[0], abs=1e-4)
            assert (table[row][j] >= depends) == (node in deps)
        if not deps:  # nothing followed: leave-one-out, exactly
            assert result.chained.without[row] == result.loo.without[row]


def test_a_repeated_answer_is_credited_to_the_memory_behind_it(llama: LocalBackend) -> None:
    result = Scorer(llama, llama.tokenizer).attribution(_DOG)
    loo, chained = result.loo.divergence(), result.divergence()
    dog, other = result.keys.index("dog"), result.keys.index("other")
    # the third ask copies the earlier answers: leave-one-out barely sees the memory
    assert loo[dog][4] < DEPENDS <= chained[dog][4]
    assert result.dependents[dog] == tuple(result.responses[j] for j in (0, 3, 4))
    assert [result.top_memory(j) for j in (0, 1, 3, 4)] == ["dog", "city", "dog", "dog"]
    # the distractor depended on nothing: its row is leave-one-out's
    assert result.dependents[other] == ()
    assert chained[other] == loo[other]
    _expected(_DOG, result, llama)


def test_chained_cells_are_plain_scores_of_the_reduced_contexts(llama: LocalBackend) -> None:
    conv = generate(random.Random(5), facts=2, distractors=1, turns=7, fact_share=0.9)
    result = Scorer(llama, llama.tokenizer).attribution(conv.context)
    # the conversation has a dependent with responses after it (else nothing is tested)
    last = result.responses[-1]
    assert any(d < last for deps in result.dependents for d in deps)
    _expected(conv.context, result, llama)


def test_a_window_and_importance_follow_copies_only_when_asked(llama: LocalBackend) -> None:
    scorer = Scorer(llama, llama.tokenizer)
    whole = scorer.attribution(_DOG)
    cut = scorer.attribution(_DOG, window=2)
    for row_whole, row_cut in zip(whole.chained.without, cut.chained.without, strict=False):
        judged = [j for j, cell in enumerate(row_cut) if cell is not None]
        assert len(judged) <= 2
        assert [row_cut[j] for j in judged] == pytest.approx([row_whole[j] for j in judged],
                                                             abs=1e-4)
    plain = scorer.importance(_DOG, "dog")
    followed = scorer.importance(_DOG, "dog", follow_copies=True)
    dog = whole.keys.index("dog")
    assert plain.divergences == pytest.approx(
        [d for d, c in zip(whole.loo.divergence()[dog], whole.loo.without[dog], strict=True)
         if c is not None], abs=1e-4)
    assert followed.divergences == pytest.approx(whole.divergence()[dog], abs=1e-4)
    assert followed.total > plain.total + DEPENDS


def test_background_scoring_can_follow_copies(tmp_path: Path, llama: LocalBackend) -> None:
    scorer = Scorer(llama, llama.tokenizer)
    store = MemoryStore(tmp_path / "m.db")
    config = BackgroundConfig(share=1.0, per_pass=3, follow_copies=True)
    weights = BackgroundScoring(scorer, store, config).run(_DOG, now=1.0)
    want = scorer.importance(_DOG, "dog", follow_copies=True).total
    assert weights["dog"] == pytest.approx(want, abs=1e-4)


def test_attribution_on_a_second_model_shape(model_dir: Path) -> None:
    # the Qwen2-shaped model does not read memories: a low bar gives it dependents, so the
    # rounds run on its template too
    backend = LocalBackend.from_pretrained(model_dir)
    conv = generate(random.Random(6), facts=2, distractors=1, turns=5, fact_share=0.9)
    result = Scorer(backend, backend.tokenizer).attribution(conv.context, depends=1e-3)
    assert result.rounds >= 1
    _expected(conv.context, result, backend, depends=1e-3)


def test_turns_and_dropping(llama_dir: Path) -> None:
    tok = AutoTokenizer.from_pretrained(llama_dir)
    ctx = Context.build(journal=[("a", "x.")],
                        conversation=[("user", "q?"), ("assistant", "r."),
                                      ("memory", "b", "y."), ("user", "s?"), ("tool", "t"),
                                      ("assistant", "u.")])
    assert turn_of(ctx, 2) == [1, 2]
    assert turn_of(ctx, 6) == [4, 5, 6]  # the memory between the turns stays
    with pytest.raises(InvalidInputError, match="not an assistant response"):
        turn_of(ctx, 1)
    full = render(ctx, tok)
    for drop in ({0}, {1, 2}, {0, 4, 5, 6}):
        fast = render_dropping(full, drop, tok)
        fresh = render(ctx.dropping(drop), tok)
        assert (fast.ids, fast.spans, fast.message_spans) == (
            fresh.ids, fresh.spans, fresh.message_spans)
    with pytest.raises(InvalidInputError, match="node index 9"):
        ctx.dropping([9])
    with pytest.raises(InvalidInputError, match="depends=0"):
        Scorer(LocalBackend.from_pretrained(llama_dir), tok).attribution(ctx, depends=0)


def test_remote_attribution_equals_local(serving, llama: LocalBackend) -> None:  # type: ignore[no-untyped-def]
    from neuroplast.memory import RemoteBackend
    from neuroplast.server.memory_app import create_memory_app

    token = "attribution-test-token-0123456789ab"
    local = Scorer(llama, llama.tokenizer).attribution(_DOG)
    with serving(create_memory_app(llama, model_name="tiny", token=token)) as url, \
            RemoteBackend(url, model="tiny", token=token) as remote:
        got = Scorer(remote, llama.tokenizer).attribution(_DOG)
    assert got.dependents == local.dependents and got.rounds == local.rounds
    for a_row, b_row in zip(got.chained.without, local.chained.without, strict=True):
        assert [a is None for a in a_row] == [b is None for b in b_row]
        assert [a for a in a_row if a is not None] == pytest.approx(
            [b for b in b_row if b is not None], abs=1e-4)
