"""Continual-learning metrics from an accuracy matrix, as the field defines them.

``R[i][j]`` is the accuracy on task ``j`` after training task ``i`` (Lopez-Paz & Ranzato
2017; Chaudhry et al. 2018), for ``T`` tasks:

- ACC = mean over j of ``R[T-1][j]`` (final average accuracy);
- BWT = mean over j < T-1 of ``R[T-1][j] - R[j][j]`` (negative: forgetting);
- forgetting = mean over j < T-1 of ``max_{i < T-1} R[i][j] - R[T-1][j]``.

>>> R = [[0.9, 0.1], [0.5, 0.8]]
>>> round(acc(R), 3), round(bwt(R), 3), round(forgetting(R), 3)
(0.65, -0.4, 0.4)
"""

from __future__ import annotations

from collections.abc import Sequence

from neuroplast.errors import InvalidInputError

__all__ = ["acc", "bwt", "forgetting", "summarize"]

Matrix = Sequence[Sequence[float]]


def _check(r: Matrix) -> int:
    t = len(r)
    if t == 0 or any(len(row) != t for row in r):
        raise InvalidInputError(
            f"accuracy matrix must be square and non-empty (T×T, R[i][j] = accuracy on task j "
            f"after task i); got {t} rows of lengths {[len(row) for row in r]}"
        )
    return t


def acc(r: Matrix) -> float:
    """Mean accuracy over all tasks after the last task."""
    t = _check(r)
    return sum(r[t - 1]) / t


def bwt(r: Matrix) -> float:
    """Backward transfer: how much training later tasks changed earlier ones (0 for T=1)."""
    t = _check(r)
    if t == 1:
        return 0.0
    return sum(r[t - 1][j] - r[j][j] for j in range(t - 1)) / (t - 1)


def forgetting(r: Matrix) -> float:
    """Average forgetting: best earlier accuracy minus final accuracy (0 for T=1)."""
    t = _check(r)
    if t == 1:
        return 0.0
    return sum(max(r[i][j] for i in range(t - 1)) - r[t - 1][j] for j in range(t - 1)) / (t - 1)


def summarize(r: Matrix) -> dict[str, float]:
    """``{"acc", "bwt", "forgetting"}`` of one accuracy matrix."""
    return {"acc": acc(r), "bwt": bwt(r), "forgetting": forgetting(r)}
