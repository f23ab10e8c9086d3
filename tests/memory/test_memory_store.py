"""The memory loop's SQLite state: weights by the asymmetric average, the trained ledger,
reviews; and background scoring's choice of memories."""

from __future__ import annotations

from pathlib import Path

import pytest

from neuroplast.errors import InvalidInputError
from neuroplast.memory import BackgroundConfig, BackgroundScoring, LocalBackend, MemoryStore, Scorer
from neuroplast.memory.context import Context, Node
from neuroplast.memory.store import Review


def test_weights_rise_fast_and_fall_slowly(tmp_path: Path) -> None:
    store = MemoryStore(tmp_path / "m.db")
    assert store.fold_score("k", 4.0, now=1.0) == 4.0
    assert store.fold_score("k", 0.0, now=2.0) == pytest.approx(3.6)  # α = 0.1 down
    assert store.fold_score("k", 5.6, now=3.0) == pytest.approx(4.6)  # α = 0.5 up
    store.close()
    again = MemoryStore(tmp_path / "m.db")  # durable
    weight = again.weight("k")
    assert weight is not None and weight.scores == 3 and weight.scored_at == 3.0


def test_ledger_and_reviews_survive_reopening(tmp_path: Path) -> None:
    store = MemoryStore(tmp_path / "m.db")
    store.offer([Review(7.0, "pending", 2.5, "rex.", None, (1, 2), (3,))])
    store.set_status(7.0, "approved")
    store.offer([Review(7.0, "pending", 3.0, "rex.", "max.", (1, 2), (3,))])  # keeps status
    store.mark_trained([7.0], job_id="j1")
    store.close()
    again = MemoryStore(tmp_path / "m.db")
    (review,) = again.reviews()
    assert (review.status, review.divergence, review.alternative) == ("approved", 3.0, "max.")
    assert again.trained_timestamps() == {7.0}
    with pytest.raises(InvalidInputError, match="no candidate"):
        again.set_status(99.0, "rejected")
    with pytest.raises(InvalidInputError, match="review status"):
        again.set_status(7.0, "maybe")


def _context() -> Context:
    nodes = [Node("system", "text", "you are a helpful assistant.")]
    for i in range(6):
        nodes.append(Node("conversation", "memory", f"the user's dog is called rex{i}.",
                          float(len(nodes)), f"k{i}"))
        nodes.append(Node("conversation", "user", "what is my dog called?", float(len(nodes))))
        nodes.append(Node("conversation", "assistant", f"your dog is called rex{i}.",
                          float(len(nodes))))
    return Context(tuple(nodes))


def test_background_scores_early_memories_oldest_first(tmp_path: Path,
                                                       llama: LocalBackend) -> None:
    store = MemoryStore(tmp_path / "m.db")
    scoring = BackgroundScoring(Scorer(llama, llama.tokenizer), store,
                                BackgroundConfig(interval_s=100.0, per_pass=2, window=3))
    ctx = _context()
    due = scoring.due(ctx, now=0.0)
    # only memories in the first 60% of the conversation's tokens: k0..k3 of six
    assert due == ["k0", "k1", "k2", "k3"]
    first = scoring.run(ctx, now=10.0)
    assert sorted(first) == ["k0", "k1"]
    assert scoring.due(ctx, now=20.0) == ["k2", "k3"]  # scored ones wait for the interval
    assert sorted(scoring.run(ctx, now=20.0)) == ["k2", "k3"]
    assert scoring.due(ctx, now=111.0) == ["k0", "k1"]  # oldest first once due again
    weight = store.weight("k0")
    assert weight is not None
    importance = Scorer(llama, llama.tokenizer).importance(ctx, "k0", window=3)
    assert weight.weight == pytest.approx(importance.total, abs=1e-4)
    assert len(importance.responses) == 3


def test_a_review_keeps_its_memories_and_an_older_file_gains_the_column(tmp_path: Path) -> None:
    from neuroplast.memory.store import _SCHEMA
    from neuroplast.store import Database

    old = Database(tmp_path / "m.db")  # a file written before reviews kept memories
    old.migrate("memory", _SCHEMA[:3])
    with old.transaction() as cur:
        cur.execute("INSERT INTO reviews VALUES (1.0, 'pending', 2.0, 'rex.', NULL, '[1]', "
                    "'[2]', 0.0)")
    old.close()
    store = MemoryStore(tmp_path / "m.db")
    (review,) = store.reviews()
    assert review.memories == ()
    store.offer([Review(7.0, "pending", 2.5, "rex.", None, (1, 2), (3,),
                        (("k1", "the user's dog is called rex.", 2.25),))])
    store.close()
    again = MemoryStore(tmp_path / "m.db")
    assert again.reviews()[1].memories == (("k1", "the user's dog is called rex.", 2.25),)
    again.close()
