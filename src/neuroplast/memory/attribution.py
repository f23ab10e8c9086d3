"""Attribution that follows copied answers: which memory a response really came from.

Leave-one-out divergence (:mod:`neuroplast.memory.scoring`, the issue's definition) asks
how much less likely a response becomes when one memory is left out, with every other
token of the context kept. That misses a response that *repeats* an earlier one: asked
"what is my dog called?" a second time, the model can copy its earlier answer, which
stays in the context when only the memory is removed, so the memory's divergence on the
repeat is ~0 although, without the memory, the earlier answer would not have said it.
Leave-one-out is known to miss a source whose information also reaches the output by
another path (redundant sources); ContextCite, for one, ablates random subsets of sources
together and fits a surrogate to the results. Here the second path has a known shape: it
is text the model produced *from* the memory, later in the same context. So the memory is
removed together with the spans it caused (leave-one-out over a memory and its
consequences): deterministic, with no surrogate, and each cell is the plain score of one
context.

Here the spans that depend on a memory are the earlier responses that depended on it.
Going through the responses after memory *m* in order:

* each is scored without *m* and without the turns (the user's message and any tool
  results before the response, and the response itself) of every earlier response that
  depends on *m*;
* it *depends on* *m* when that costs it at least ``depends`` nats.

Round 0 is the leave-one-out matrix; each later round takes, per memory, the next response
found to depend on it and scores everything after it again without its turn (one variant
per memory and round; a memory asked about three times takes up to three rounds). A memory
with no dependent, and every response up to a memory's first dependent, keeps its
leave-one-out score exactly, so distractors and responses that need no memory are scored
as before unless a memory they sit after shaped an earlier answer. The cost is one extra
variant per dependent that has responses after it, each running from its memory to the
last response (``benchmarks/memory.py attribution`` reports the tokens against
leave-one-out's).

Why the whole turn goes, not only the response: the conversation stays well formed (user
and assistant alternate, as many chat templates require), and a context where that
question was never asked is one the model has seen, while an unanswered question is not.
The user's message carries nothing the memory produced (the response did), and a turn goes
only when its response depended on the memory.

Where it is used: the issue defines divergence as leave-one-out, and the modes on it (the
matrix, a memory's importance over its window, background scoring, candidates), so those
keep it (``Scorer.matrix``, ``importance``, ``BackgroundScoring``, ``find_candidates``);
its attribution target asks only that the top-scored memory be the one behind the
response, which is what this scores (``Scorer.attribution``). Importance and background
scoring can opt in (``follow_copies=True``), off by default for that reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from neuroplast.errors import InvalidInputError
from neuroplast.memory.rendering import render_dropping
from neuroplast.memory.scoring import ScoreMatrix, divergence

if TYPE_CHECKING:
    from neuroplast.memory.context import Context
    from neuroplast.memory.scoring import Scorer

__all__ = ["DEPENDS", "Attribution", "attribute", "turn_of"]

DEPENDS = 1.0
"""Nats: a response depends on a memory when losing it costs at least this much (the
default candidate threshold: the response is one the model gives because of the memory)."""


def _shared(a: Sequence[int], b: Sequence[int]) -> int:
    """Length of the common prefix of ``a`` and ``b`` (no torch: remote backends need none).

    >>> _shared([1, 2, 3], [1, 2, 4])
    2
    """
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def turn_of(context: Context, response: int) -> list[int]:
    """Node positions of the turn that ends with the response at ``response``: the response
    and the user messages and tool results since the previous response (memories in
    between stay: each is judged by its own key).

    >>> from neuroplast.memory.context import Context
    >>> ctx = Context.build(conversation=[("user", "hi"), ("assistant", "hello"),
    ...                                   ("memory", "k", "a fact."), ("user", "a?"),
    ...                                   ("assistant", "b.")])
    >>> turn_of(ctx, 4)
    [3, 4]
    """
    nodes = context.nodes
    if not 0 <= response < len(nodes) or nodes[response].kind != "assistant":
        raise InvalidInputError(f"node {response} is not an assistant response")
    out = [response]
    k = response - 1
    while k >= 0 and nodes[k].section == "conversation" and nodes[k].kind != "assistant":
        if nodes[k].kind in ("user", "tool"):
            out.insert(0, k)
        k -= 1
    return out


@dataclass(frozen=True)
class Attribution:
    """Memories × responses, following copies.

    ``loo``: the leave-one-out matrix (``Scorer.matrix``). ``chained``: the same shape;
    ``chained.without[i][j]`` is response j's log-probability without memory i and the
    turns of the responses before j that depend on it. ``dependents[i]``: node positions
    of the responses that depend on memory i, in order. ``rounds``: backend calls past
    leave-one-out.
    """

    loo: ScoreMatrix
    chained: ScoreMatrix
    dependents: tuple[tuple[int, ...], ...]
    rounds: int

    @property
    def keys(self) -> tuple[str, ...]:
        return self.chained.keys

    @property
    def responses(self) -> tuple[int, ...]:
        return self.chained.responses

    def divergence(self) -> list[list[float]]:
        """``max(0, lp_with − lp_without)`` of the chained scores, memories × responses."""
        return self.chained.divergence()

    def top_memory(self, response: int, minimum: float = 0.0) -> str | None:
        """The memory credited with column ``response`` (None if none exceeds ``minimum``)."""
        return self.chained.top_memory(response, minimum)


def attribute(scorer: Scorer, context: Context, keys: Sequence[str] | None = None,
              window: int | None = None, depends: float = DEPENDS) -> Attribution:
    """The :class:`Attribution` of ``context`` (``keys``, ``window``: as ``Scorer.matrix``).

    Each round is one backend call (the local backend reuses the shared prefix's cache):
    the context up to the last memory whose variant changed, and each changed variant from
    its memory on.
    """
    if depends <= 0:
        raise InvalidInputError(f"depends={depends}; a response depends on a memory when "
                                "losing it costs a positive number of nats (default 1.0)")
    loo = scorer.matrix(context, keys, window)
    full = scorer.render(context)
    responses = loo.responses
    base = loo.with_memories
    cells = [list(row) for row in loo.without]
    dependents: list[list[int]] = [[] for _ in loo.keys]

    def next_dependent(row: int, after: int) -> int | None:
        """The first response past ``after`` whose divergence reaches the bar. Its cell,
        and those before it, were scored with every dependent before them removed."""
        for j in range(after + 1, len(responses)):
            cell = cells[row][j]
            if cell is not None and divergence(base[j], cell) >= depends:
                return j
        return None

    pending = [next_dependent(row, -1) for row in range(len(loo.keys))]
    rounds = 0
    while True:
        jobs, variants, ranges = [], [], []
        for row, key in enumerate(loo.keys):
            k = pending[row]
            if k is None:
                continue
            dependents[row].append(k)
            pending[row] = None
            # every later response, dependent or not, is scored again without k's turn
            redo = [j for j in range(k + 1, len(responses)) if cells[row][j] is not None]
            if not redo:
                continue
            drop = {context.index_of(key)}
            for j in dependents[row]:
                drop.update(turn_of(context, responses[j]))
            reduced = render_dropping(full, drop, scorer.tokenizer, scorer.render_config)
            where = [responses[j] - sum(d < responses[j] for d in drop) for j in redo]
            spans = [reduced.spans[w] for w in where]
            jobs.append((row, k, redo))
            variants.append(reduced.ids[: spans[-1][1]])
            ranges.append(spans)
        if not jobs:
            break
        rounds += 1
        # The base only lends its cache: it runs up to where the variants leave it.
        cut = min(len(full.ids), max(2, *(_shared(full.ids, v) + 1 for v in variants)))
        _, scores = scorer.backend.score_variants(full.ids[:cut], [(cut - 1, cut)],
                                                  variants, ranges)
        for (row, k, redo), values in zip(jobs, scores, strict=True):
            for j, value in zip(redo, values, strict=True):
                cells[row][j] = value
            pending[row] = next_dependent(row, k)
    chained = ScoreMatrix(loo.keys, responses, base, tuple(tuple(r) for r in cells))
    return Attribution(loo, chained,
                       tuple(tuple(responses[j] for j in d) for d in dependents),
                       rounds)
