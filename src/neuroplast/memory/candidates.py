"""Fine-tuning candidates: responses the model gets right only because memories are there.

Strip every memory from the context and score the recent responses with and without
them; a response whose divergence is at least ``threshold`` is something the model has
not internalised. Its training sample is the memory-less context before the response
(``context_ids``) and the response itself (``continuation_ids``). Responses already in the
trained ledger are skipped; optionally the model's own memory-less answer is generated,
for the reviewer to compare. Each candidate also says which memories it depended on: the
memories × candidates matrix (one pass with every memory, each "without memory *i*" from
*i* on), keeping those whose divergence is at least ``attribute_min``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from neuroplast.config import Config, check_range
from neuroplast.memory.rendering import render_without
from neuroplast.memory.scoring import divergence
from neuroplast.memory.store import Review

if TYPE_CHECKING:
    from neuroplast.memory.context import Context
    from neuroplast.memory.scoring import Scorer

__all__ = ["CandidateConfig", "find_candidates"]


@dataclass
class CandidateConfig(Config):
    """Which responses become candidates.

    >>> CandidateConfig().threshold
    1.0
    """

    threshold: float = field(default=1.0, metadata={"help": "minimum divergence (nats)"})
    recent: int = field(default=50, metadata={"help": "how many of the latest responses"})
    generate: bool = field(default=False, metadata={"help": "also generate the memory-less "
                                                             "answer (local backend only)"})
    max_new_tokens: int = field(default=32, metadata={"help": "length of that answer"})
    attribute: bool = field(default=True, metadata={"help": "also find the memories each "
                                                            "candidate depended on"})
    attribute_min: float = field(default=0.1, metadata={
        "help": "a memory is listed for a candidate when its divergence is at least this"})

    def __post_init__(self) -> None:
        check_range("CandidateConfig", "threshold", self.threshold, 0.0)
        check_range("CandidateConfig", "recent", self.recent, 1)
        check_range("CandidateConfig", "max_new_tokens", self.max_new_tokens, 1)
        check_range("CandidateConfig", "attribute_min", self.attribute_min, 0.0)


def find_candidates(
    scorer: Scorer,
    context: Context,
    config: CandidateConfig | None = None,
    trained: set[float] | None = None,
) -> list[Review]:
    """The candidates of ``context`` (pending reviews), oldest first."""
    config = config or CandidateConfig()
    trained = trained or set()
    full = scorer.render(context)
    stripped = render_without(full, {m.key for m in context.memories if m.key},
                              scorer.tokenizer, scorer.render_config)
    kept = [i for i, n in enumerate(context.nodes) if n.kind != "memory"]
    responses = [i for i, n in enumerate(context.nodes) if n.kind == "assistant"]
    responses = [i for i in responses[-config.recent :]
                 if context.nodes[i].timestamp not in trained]
    if not responses:
        return []
    where = {i: kept.index(i) for i in responses}  # node index in the stripped context
    base, (without,) = scorer.backend.score_variants(
        full.ids, [full.spans[i] for i in responses],
        [stripped.ids], [[stripped.spans[where[i]] for i in responses]])
    out, at = [], []
    generate = getattr(scorer.backend, "generate", None) if config.generate else None
    stop = getattr(scorer.tokenizer, "eos_token_id", None)
    for i, lp_with, lp_without in zip(responses, base, without, strict=True):
        gain = divergence(lp_with, lp_without)
        if gain < config.threshold:
            continue
        start, end = stripped.spans[where[i]]
        context_ids = stripped.ids[:start]
        alternative = None
        if generate is not None:
            said = generate(context_ids, config.max_new_tokens, stop)
            alternative = scorer.tokenizer.decode([t for t in said if t != stop])
        node = context.nodes[i]
        out.append(Review(node.timestamp, "pending", gain, node.text, alternative,
                          tuple(context_ids), tuple(stripped.ids[start:end])))
        at.append(i)
    if config.attribute and out:
        out = _attributed(scorer, context, out, at, config.attribute_min)
    return out


def _attributed(scorer: Scorer, context: Context, found: list[Review], at: list[int],
                minimum: float) -> list[Review]:
    """``found`` (responses at node indices ``at``) with, for each, the memories whose
    divergence on it is at least ``minimum``, largest first."""
    # responses after the last candidate cannot matter: score the context up to it
    cut = context.truncated(max(at) + 1)
    keys = [m.key for m in cut.memories if m.key]
    if not keys:
        return found
    result = scorer.matrix(cut, keys)
    table = result.divergence()
    out = []
    for review, i in zip(found, at, strict=True):
        j = result.responses.index(i)
        cells = sorted(((table[row][j], key) for row, key in enumerate(result.keys)
                        if table[row][j] >= minimum and table[row][j] > 0), reverse=True)
        memories = tuple((key, cut.nodes[cut.index_of(key)].text, d) for d, key in cells)
        out.append(replace(review, memories=memories))
    return out
