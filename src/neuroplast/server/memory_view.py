"""What the memory loop has learned, as the dashboard and ``GET /v1/memory/state`` show it:
the memories' weights (heaviest first) and the fine-tuning candidates waiting for review.

Read from ``<data dir>/memory/memory.db``, the file ``neuroplast memory candidates`` and
background scoring (:class:`neuroplast.memory.incremental.BackgroundScoring`) write; the
one service only reads it.

>>> import pathlib, tempfile
>>> from neuroplast.memory import MemoryStore
>>> store = MemoryStore(pathlib.Path(tempfile.mkdtemp()) / "memory.db")
>>> _ = store.fold_score("dog", 2.0, now=10.0), store.fold_score("city", 0.5, now=11.0)
>>> view = memory_view(store, limit=1)
>>> view["memories"], [w["key"] for w in view["weights"]], view["weights"][0]["weight"]
(2, ['dog'], 2.0)
>>> view["candidates"]
{'pending': 0, 'approved': 0, 'rejected': 0, 'trained': 0}
>>> store.close()
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from neuroplast.memory.store import MemoryStore

__all__ = ["MAX_LIMIT", "memory_view"]

MAX_LIMIT = 500  # rows of each list one answer carries
_TEXT = 400  # characters of a candidate's response: a panel row, not the transcript


def memory_view(store: MemoryStore, limit: int = 50) -> dict[str, Any]:
    """The ``limit`` heaviest memories and the ``limit`` most divergent pending candidates,
    with how many there are of each."""
    weights = sorted(store.weights().values(), key=lambda w: (-w.weight, w.key))
    reviews = store.reviews()
    trained = store.trained_timestamps()
    counts = {s: sum(r.status == s for r in reviews) for s in ("pending", "approved",
                                                                "rejected")}
    pending = sorted((r for r in reviews if r.status == "pending"),
                     key=lambda r: (-r.divergence, r.response_ts))
    return {
        "memories": len(weights),
        "weights": [{"key": w.key, "weight": w.weight, "last_score": w.last_score,
                     "scored_at": w.scored_at, "scores": w.scores} for w in weights[:limit]],
        "candidates": {**counts, "trained": len(trained)},
        "pending": [{"response_ts": r.response_ts, "divergence": r.divergence,
                     "text": r.text[:_TEXT], "alternative": r.alternative,
                     "memories": [{"key": k, "divergence": d} for k, _, d in r.memories]}
                    for r in pending[:limit]],
    }
