"""Which memories shape which answers, by the model's own log-probabilities.

The *divergence* of a response for a memory is ``max(0, lp_with − lp_without)``: how much
more likely the model finds the response when the memory is in its context. A response
that comes before the memory is not affected by it (the model reads left to right), so it
is not scored and its divergence is 0.

Leave-one-out misses an answer the model copies from an earlier answer that the memory
produced (the copy stays in the context without the memory); :meth:`Scorer.attribution`
(:mod:`neuroplast.memory.attribution`) follows such copies. The issue's modes (the matrix,
importance, background scoring, candidates) keep leave-one-out unless asked otherwise.

>>> divergence(-1.5, -4.0), divergence(-4.0, -1.5)
(2.5, 0.0)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from neuroplast.errors import InvalidInputError
from neuroplast.memory.rendering import RenderConfig, Rendered, render, render_without

if TYPE_CHECKING:
    from transformers import PreTrainedTokenizerBase

    from neuroplast.memory.attribution import Attribution
    from neuroplast.memory.backend import LogprobBackend
    from neuroplast.memory.context import Context

__all__ = ["WINDOW", "Importance", "ScoreMatrix", "Scorer", "divergence"]

WINDOW = 50  # responses after a memory first appears that its importance is judged on


def divergence(lp_with: float, lp_without: float) -> float:
    """How much the memory raised the response's log-probability (never negative)."""
    return max(0.0, lp_with - lp_without)


@dataclass(frozen=True)
class ScoreMatrix:
    """Memories × responses. ``without[i][j]`` is None where response j precedes memory i."""

    keys: tuple[str, ...]
    responses: tuple[int, ...]  # node indices of the responses in the context
    with_memories: tuple[float, ...]
    without: tuple[tuple[float | None, ...], ...]

    def divergence(self) -> list[list[float]]:
        return [[0.0 if w is None else divergence(lp, w)
                 for lp, w in zip(self.with_memories, row, strict=True)]
                for row in self.without]

    def top_memory(self, response: int, minimum: float = 0.0) -> str | None:
        """Key of the memory with the largest divergence on column ``response`` (None if no
        divergence exceeds ``minimum``)."""
        if isinstance(response, bool) or not isinstance(response, int) or not (
                0 <= response < len(self.with_memories)):
            raise InvalidInputError(f"response {response!r}: give 0 <= response < "
                                    f"{len(self.with_memories)}")
        column = [row[response] for row in self.divergence()]
        if not column or max(column) <= minimum:
            return None
        return self.keys[column.index(max(column))]


@dataclass(frozen=True)
class Importance:
    """One memory's divergences over the responses of its window, and their sum."""

    key: str
    responses: tuple[int, ...]
    divergences: tuple[float, ...]

    @property
    def total(self) -> float:
        return float(sum(self.divergences))


class Scorer:
    """Render contexts with ``tokenizer`` and score them with ``backend``."""

    def __init__(self, backend: LogprobBackend, tokenizer: PreTrainedTokenizerBase,
                 render_config: RenderConfig | None = None) -> None:
        self.backend = backend
        self.tokenizer = tokenizer
        self.render_config = render_config or RenderConfig()

    def render(self, context: Context) -> Rendered:
        return render(context, self.tokenizer, self.render_config)

    def matrix(self, context: Context, keys: Sequence[str] | None = None,
               window: int | None = None) -> ScoreMatrix:
        """The memories × responses matrix (``keys``: a subset of the memories).

        ``window``: judge each memory only on the first ``window`` responses after it (the
        other cells are None), and cover only the responses up to the last one a window
        reaches. Every sequence the backend runs stops at the end of the last response it
        scores, and a memory with no response after it runs nothing: tokens after the last
        scored response cannot change a score.
        """
        if window is not None and (isinstance(window, bool) or not isinstance(window, int)
                                   or window < 1):
            raise InvalidInputError(f"window={window!r}; judge a whole number >= 1 of "
                                    "responses per memory")
        keys = [m.key for m in context.memories] if keys is None else list(keys)  # type: ignore[misc]
        full = self.render(context)
        responses = [i for i, n in enumerate(context.nodes) if n.kind == "assistant"]
        if not responses:
            raise InvalidInputError("the context has no assistant response to score")
        columns = []
        for key in keys:
            at = context.index_of(key)
            columns.append([j for j, r in enumerate(responses) if r > at][:window])
        if window is not None:  # responses no window reaches are not scored at all
            last = max((after[-1] for after in columns if after), default=0)
            responses = responses[: last + 1]
        base_ranges = [full.spans[r] for r in responses]
        variants, variant_ranges, scored = [], [], []
        for row, (key, after) in enumerate(zip(keys, columns, strict=True)):
            if not after:
                continue
            reduced = render_without(full, {key}, self.tokenizer, self.render_config)
            # node indices shift by one after the removed memory
            ranges = [reduced.spans[responses[j] - 1] for j in after]
            variant_ranges.append(ranges)
            variants.append(reduced.ids[: ranges[-1][1]])
            scored.append(row)
        base, scores = self.backend.score_variants(
            full.ids[: base_ranges[-1][1]], base_ranges, variants, variant_ranges)
        without: list[tuple[float | None, ...]] = []
        cells_of = dict(zip(scored, scores, strict=True))
        for row, after in enumerate(columns):
            cells: list[float | None] = [None] * len(responses)
            for j, value in zip(after, cells_of.get(row, []), strict=True):
                cells[j] = value
            without.append(tuple(cells))
        return ScoreMatrix(tuple(keys), tuple(responses), tuple(base), tuple(without))

    def attribution(self, context: Context, keys: Sequence[str] | None = None,
                    window: int | None = None, depends: float | None = None
                    ) -> Attribution:
        """Which memory each response came from, following answers the model copies: a
        memory is removed together with the turns of the earlier responses that depended
        on it (:mod:`neuroplast.memory.attribution`; ``depends`` defaults to 1.0 nats)."""
        from neuroplast.memory.attribution import DEPENDS, attribute

        return attribute(self, context, keys, window,
                         DEPENDS if depends is None else depends)

    def importance(self, context: Context, key: str, window: int = WINDOW,
                   follow_copies: bool = False) -> Importance:
        """Memory ``key``'s divergences on the ``window`` responses after it first appears."""
        return self.importances(context, [key], window, follow_copies)[0]

    def importances(self, context: Context, keys: Sequence[str], window: int = WINDOW,
                    follow_copies: bool = False) -> list[Importance]:
        """:meth:`importance` of several memories from one backend call: the context with
        every memory runs once, and each variant only from its memory to its window's end.

        By default a divergence is leave-one-out, as the issue defines importance.
        ``follow_copies=True`` judges each memory by :meth:`attribution` instead, which also
        credits it with the later answers that repeat what it made the model say (leave-one-
        out gives those ~0: the earlier answer stays in the context); it costs a backend call
        per round of dependents found.
        """
        result = (self.attribution(context, keys, window).chained if follow_copies
                  else self.matrix(context, keys, window))
        out = []
        for key, row, divs in zip(result.keys, result.without, result.divergence(),
                                  strict=True):
            judged = [j for j, cell in enumerate(row) if cell is not None]
            out.append(Importance(key, tuple(result.responses[j] for j in judged),
                                  tuple(divs[j] for j in judged)))
        return out
