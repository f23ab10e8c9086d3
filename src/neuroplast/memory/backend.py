"""The log-probability backend interface, and the checks every backend applies to input.

A backend answers one question: the summed log-probability of chosen token ranges of a
token sequence. ``score_variants`` asks it for a base sequence and many variants of it
(the context without one memory, say); a backend that can share work between them (the
local one reuses the common prefix's KV cache) overrides it.

>>> check_request([5, 6, 7], [(1, 3)], vocab_size=10, max_length=8)
>>> check_request([5, 6, 7], [(0, 2)], vocab_size=10, max_length=8)
Traceback (most recent call last):
...
neuroplast.errors.InvalidInputError: range [0, 2) starts at token 0, which has no \
log-probability (nothing precedes it); start ranges at 1 or later
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from neuroplast.errors import InvalidInputError

__all__ = ["LogprobBackend", "Ranges", "check_request"]

Ranges = Sequence[tuple[int, int]]
"""Token ranges ``[start, end)`` of one sequence."""


def check_request(
    ids: Sequence[int], ranges: Ranges, *, vocab_size: int, max_length: int
) -> None:
    """Raise :class:`InvalidInputError` for ids out of the vocabulary, a sequence longer
    than the model's window, or ranges that are empty, reversed, start at 0 or run past the
    end. Checked before any model runs, so bad input never costs memory or time."""
    if len(ids) == 0:
        raise InvalidInputError("the token sequence is empty; send at least two token ids")
    if len(ids) > max_length:
        raise InvalidInputError(
            f"the sequence has {len(ids)} tokens but the model's window is {max_length}; "
            "shorten the context (drop old turns or memories) to at most that many tokens"
        )
    for t in ids:
        if isinstance(t, bool) or not isinstance(t, int) or not 0 <= t < vocab_size:
            raise InvalidInputError(
                f"token id {t!r} is not in the model's vocabulary (0..{vocab_size - 1}); "
                "tokenize with the served model's tokenizer"
            )
    for pair in ranges:
        if len(pair) != 2 or not all(isinstance(x, int) and not isinstance(x, bool)
                                     for x in pair):
            raise InvalidInputError(f"range {pair!r} must be two integers [start, end)")
        start, end = pair
        if end <= start:
            raise InvalidInputError(
                f"range [{start}, {end}) is empty or reversed; give start < end"
            )
        if start < 1:
            raise InvalidInputError(
                f"range [{start}, {end}) starts at token {start}, which has no "
                "log-probability (nothing precedes it); start ranges at 1 or later"
            )
        if end > len(ids):
            raise InvalidInputError(
                f"range [{start}, {end}) runs past the end of the {len(ids)}-token sequence; "
                f"end ranges at {len(ids)} or earlier"
            )


class LogprobBackend(ABC):
    """Summed log-probabilities of token ranges under one causal language model."""

    vocab_size: int
    max_length: int

    @abstractmethod
    def score(self, sequences: Sequence[Sequence[int]], ranges: Sequence[Ranges]
              ) -> list[list[float]]:
        """For each sequence, the summed log-probability of each of its ranges."""

    def score_variants(
        self,
        base: Sequence[int],
        base_ranges: Ranges,
        variants: Sequence[Sequence[int]],
        variant_ranges: Sequence[Ranges],
    ) -> tuple[list[float], list[list[float]]]:
        """Scores of ``base`` and of each variant; by default one plain batch of all."""
        out = self.score([base, *variants], [base_ranges, *variant_ranges])
        return out[0], out[1:]

    def check(self, ids: Sequence[int], ranges: Ranges) -> None:
        check_request(ids, ranges, vocab_size=self.vocab_size, max_length=self.max_length)
