"""Background scoring: a few memories at a time, folded into stored weights.

Each pass picks the memories not scored within ``interval_s`` (never-scored first, then
oldest first), among those in the first ``share`` of the conversation's tokens (a later
memory has had too few responses after it to judge), scores each over its window and folds
the result into its stored weight (:func:`neuroplast.memory.store.fold`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from neuroplast.config import Config, check_range
from neuroplast.memory.scoring import WINDOW, Importance

if TYPE_CHECKING:
    from neuroplast.memory.context import Context
    from neuroplast.memory.scoring import Scorer
    from neuroplast.memory.store import MemoryStore

__all__ = ["BackgroundConfig", "BackgroundScoring"]


@dataclass
class BackgroundConfig(Config):
    """When and how much background scoring runs.

    >>> BackgroundConfig().share
    0.6
    """

    interval_s: float = field(default=3600.0, metadata={"help": "rescore a memory after this"})
    share: float = field(default=0.6, metadata={"help": "only memories in this first share "
                                                         "of the conversation's tokens"})
    per_pass: int = field(default=4, metadata={"help": "memories scored per pass"})
    window: int = field(default=WINDOW, metadata={"help": "responses judged per memory"})
    # Off by default: the issue defines the background weight by leave-one-out divergence.
    follow_copies: bool = field(default=False, metadata={
        "help": "also credit a memory with later answers that repeat what it made the "
                "model say (Scorer.attribution; costs a backend call per round)"})

    def __post_init__(self) -> None:
        check_range("BackgroundConfig", "interval_s", self.interval_s, 0.0)
        check_range("BackgroundConfig", "share", self.share, 0.0, 1.0, low_inclusive=False)
        check_range("BackgroundConfig", "per_pass", self.per_pass, 1)
        check_range("BackgroundConfig", "window", self.window, 1)


class BackgroundScoring:
    """Score due memories of a context and keep their weights in ``store``."""

    def __init__(self, scorer: Scorer, store: MemoryStore,
                 config: BackgroundConfig | None = None) -> None:
        self.scorer = scorer
        self.store = store
        self.config = config or BackgroundConfig()

    def due(self, context: Context, now: float | None = None) -> list[str]:
        """Keys of the memories to score now, in the order they would be scored."""
        now = time.time() if now is None else now
        rendered = self.scorer.render(context)
        conversation = [s for n, s in zip(context.nodes, rendered.message_spans, strict=True)
                        if n.section == "conversation"]
        start = conversation[0][0] if conversation else 0
        end = len(rendered.ids)
        limit = start + self.config.share * (end - start)
        weights = self.store.weights()
        due: list[tuple[float, str]] = []
        for node, span in zip(context.nodes, rendered.message_spans, strict=True):
            if node.kind != "memory" or span[0] >= limit:
                continue
            seen = weights.get(node.key)  # type: ignore[arg-type]
            if seen is not None and now - seen.scored_at < self.config.interval_s:
                continue
            due.append((-1.0 if seen is None else seen.scored_at, node.key))  # type: ignore[arg-type]
        due.sort()
        return [key for _, key in due]

    def run(self, context: Context, now: float | None = None) -> dict[str, float]:
        """One pass: score up to ``per_pass`` due memories; returns their new weights."""
        now = time.time() if now is None else now
        due = self.due(context, now)[: self.config.per_pass]
        if not due:
            return {}
        # one backend call for the pass: the context runs once, each memory from itself on
        results: list[Importance] = self.scorer.importances(
            context, due, self.config.window, self.config.follow_copies)
        return {r.key: self.store.fold_score(r.key, r.total, now) for r in results}
