"""``LearnedPattern``: a cluster of similar queries and how each route served them.

A pattern is the centroid of trajectories the background loop clustered together, with
their count, total weight and average quality, plus per-route quality statistics (the
part a router needs: "queries like this went well on ``code``"). Patterns are merged, not
duplicated, when a later cycle finds the same cluster again; their weight decays while
unused and they are pruned once light, old and unused.

>>> a = LearnedPattern(1, [1.0, 0.0], cluster_size=2, total_weight=2.0, avg_quality=0.9,
...                    route_stats={"code": (1.8, 2.0)})
>>> b = LearnedPattern(2, [0.0, 1.0], cluster_size=2, total_weight=2.0, avg_quality=0.5,
...                    route_stats={"code": (0.2, 1.0), "chat": (0.8, 1.0)})
>>> round(a.similarity([1.0, 0.0]), 3)
1.0
>>> a.merge(b)
>>> a.cluster_size, round(a.avg_quality, 2), [round(float(v), 3) for v in a.centroid]
(4, 0.7, [0.707, 0.707])
>>> {r: round(s / n, 3) for r, (s, n) in a.route_stats.items()}
{'code': 0.667, 'chat': 0.8}
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

__all__ = ["LearnedPattern", "PatternType"]

PatternType = Literal["general", "reasoning", "factual", "creative", "code", "conversational"]


def _unit(vec: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vec))
    # a vector already unit to float32 precision is kept bit for bit: dividing again can
    # move it by an ulp, and a saved-and-loaded pattern must equal the one saved
    return vec / norm if norm > 0 and abs(norm - 1.0) > 1e-6 else vec


@dataclass
class LearnedPattern:
    """A centroid with its statistics; ``route_stats[route] = (quality sum, weight)``."""

    id: int
    centroid: np.ndarray
    cluster_size: int = 1
    total_weight: float = 1.0
    avg_quality: float = 0.0
    created_at: float = field(default_factory=time.time)
    last_accessed: float = field(default_factory=time.time)
    access_count: int = 0
    pattern_type: PatternType = "general"
    route_stats: dict[str, tuple[float, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.centroid = _unit(np.asarray(self.centroid, dtype=np.float32).reshape(-1))

    def similarity(self, query: Any) -> float:
        """Cosine similarity of ``query`` to the centroid (the centroid is unit-norm)."""
        q = np.asarray(query, dtype=np.float32).reshape(-1)
        norm = float(np.linalg.norm(q))
        return 0.0 if norm == 0 else float(self.centroid @ q) / norm

    def merge(self, other: LearnedPattern) -> None:
        """Absorb ``other``: weighted centroid and quality, summed counts and route stats.

        The centroid is weighted by ``total_weight``, so a heavy, established pattern moves
        little when a small new cluster joins it.
        """
        w1, w2 = self.total_weight, other.total_weight
        total = w1 + w2
        if total > 0:
            self.centroid = _unit((w1 * self.centroid + w2 * other.centroid) / total)
            self.avg_quality = (w1 * self.avg_quality + w2 * other.avg_quality) / total
        self.cluster_size += other.cluster_size
        self.total_weight = total
        self.access_count += other.access_count
        self.created_at = min(self.created_at, other.created_at)
        self.last_accessed = max(self.last_accessed, other.last_accessed)
        for route, (s, n) in other.route_stats.items():
            s0, n0 = self.route_stats.get(route, (0.0, 0.0))
            self.route_stats[route] = (s0 + s, n0 + n)

    def decay(self, factor: float) -> None:
        """Scale the weight and route evidence by ``factor`` in (0, 1]: old news counts less."""
        self.total_weight *= factor
        self.route_stats = {r: (s * factor, n * factor) for r, (s, n) in self.route_stats.items()}

    def touch(self, now: float | None = None) -> None:
        """Record a use (what ``find_patterns`` does to what it returns)."""
        self.access_count += 1
        self.last_accessed = time.time() if now is None else now

    def should_prune(self, min_weight: float, max_idle_s: float, now: float | None = None) -> bool:
        """True when the pattern has decayed below ``min_weight`` *and* sat unused for
        longer than ``max_idle_s``: light but recently used patterns stay."""
        now = time.time() if now is None else now
        return self.total_weight < min_weight and now - self.last_accessed > max_idle_s

    def route_quality(self, route: str) -> tuple[float, float]:
        """(mean quality, evidence weight) of ``route`` here; (nan, 0) when never seen."""
        s, n = self.route_stats.get(route, (0.0, 0.0))
        return (s / n if n > 0 else float("nan")), n

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "centroid": self.centroid.tolist(), "cluster_size": self.cluster_size,
            "total_weight": self.total_weight, "avg_quality": self.avg_quality,
            "created_at": self.created_at, "last_accessed": self.last_accessed,
            "access_count": self.access_count, "pattern_type": self.pattern_type,
            "route_stats": {r: list(v) for r, v in self.route_stats.items()},
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LearnedPattern:
        stats = {str(r): (float(v[0]), float(v[1])) for r, v in d.get("route_stats", {}).items()}
        return cls(int(d["id"]), np.asarray(d["centroid"], dtype=np.float32),
                   int(d["cluster_size"]), float(d["total_weight"]), float(d["avg_quality"]),
                   float(d["created_at"]), float(d["last_accessed"]), int(d["access_count"]),
                   d.get("pattern_type", "general"), stats)
