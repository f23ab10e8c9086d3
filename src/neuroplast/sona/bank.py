"""``ReasoningBank``: patterns extracted from trajectories by k-means, merged, decayed, pruned.

Each background cycle clusters the new trajectories' embeddings (k-means++, scikit-learn)
— centroids from those at or above the quality threshold, what worked — then assigns every
new trajectory, good or bad, to its nearest centroid so each cluster knows how every route
fared there. A cluster is merged into the nearest existing pattern when that pattern's
centroid is as similar to the cluster's centroid as the cluster's own members are on
average (it lies inside the cluster), or at least ``merge_similarity``; only a genuinely
new region of query space adds a pattern, so cycles over the same kind of data leave the
bank's size unchanged (SONA appended every cycle's clusters anew). Reads (``search``) see
an immutable snapshot swapped in whole by writers, so they never wait for a cycle.

>>> import numpy as np
>>> from neuroplast.sona.types import Trajectory
>>> rng = np.random.default_rng(0)
>>> def traj(i, centre):
...     v = np.eye(4, dtype=np.float32)[centre] + rng.normal(0, 0.05, 4).astype(np.float32)
...     return Trajectory(i, v, [], quality=0.9, route="a")
>>> bank = ReasoningBank(BankConfig(pattern_clusters=4, min_cluster_size=3))
>>> data = [traj(i, i % 2) for i in range(40)]
>>> bank.extract(data, quality_threshold=0.5), len(bank)
(2, 2)
>>> bank.extract(data, quality_threshold=0.5), len(bank)     # same data again: merged
(0, 2)
>>> [round(s, 2) for _, s in bank.search(np.eye(4)[0], k=1)]
[1.0]
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

import numpy as np

from neuroplast.sona.config import BankConfig
from neuroplast.sona.pattern import LearnedPattern
from neuroplast.sona.types import Trajectory

__all__ = ["ReasoningBank"]


class ReasoningBank:
    """Patterns plus a stacked matrix of their centroids for exact cosine search."""

    def __init__(self, config: BankConfig | None = None, seed: int = 0) -> None:
        self.config = config or BankConfig()
        self.seed = seed
        self._write = threading.Lock()
        # (patterns, centroid matrix): replaced whole, never mutated in place by writers
        self._snap: tuple[list[LearnedPattern], np.ndarray] = ([], np.zeros((0, 0), np.float32))
        self._next_id = 1
        self.merged = 0
        self.pruned = 0
        self.cycles = 0

    def __len__(self) -> int:
        return len(self._snap[0])

    @property
    def patterns(self) -> list[LearnedPattern]:
        return list(self._snap[0])

    # -- reading -------------------------------------------------------------------------
    def search(self, query: np.ndarray, k: int = 5) -> list[tuple[LearnedPattern, float]]:
        """The ``k`` patterns most cosine-similar to ``query``, most similar first (exact)."""
        patterns, matrix = self._snap
        if not patterns or k <= 0:
            return []
        q = np.asarray(query, dtype=np.float32).reshape(-1)
        norm = float(np.linalg.norm(q))
        if norm == 0:
            return []
        sims = matrix @ (q / norm)
        k = min(k, len(patterns))
        top = np.argpartition(-sims, k - 1)[:k] if k < len(patterns) else np.arange(len(sims))
        top = top[np.argsort(-sims[top], kind="stable")]
        return [(patterns[i], float(sims[i])) for i in top]

    # -- writing -------------------------------------------------------------------------
    def extract(self, trajectories: Sequence[Trajectory], quality_threshold: float,
                now: float | None = None) -> int:
        """Cluster ``trajectories`` into patterns, merging with existing ones; returns how
        many patterns were added (merged clusters are not counted)."""
        cfg = self.config
        good = [t for t in trajectories if t.quality >= quality_threshold]
        k = min(cfg.pattern_clusters, len(good) // cfg.min_cluster_size)
        if k < 1:
            return 0
        centroids = self._kmeans(np.stack([t.query_embedding for t in good]), k)
        emb = _unit_rows(np.stack([t.query_embedding for t in trajectories]))
        nearest = np.argmax(emb @ centroids.T, axis=1)
        now = time.time() if now is None else now
        fresh, cohesion = [], []
        for c in range(len(centroids)):
            rows = np.flatnonzero(nearest == c)
            members = [trajectories[i] for i in rows]
            if sum(t.quality >= quality_threshold for t in members) < cfg.min_cluster_size:
                continue
            stats: dict[str, tuple[float, float]] = {}
            for t in members:
                if t.route is not None:
                    s, n = stats.get(t.route, (0.0, 0.0))
                    stats[t.route] = (s + t.quality, n + 1.0)
            fresh.append(LearnedPattern(0, centroids[c], len(members), float(len(members)),
                                        float(np.mean([t.quality for t in members])), now, now,
                                        0, "general", stats))
            # how close its own members are: a pattern nearer than that is the same region
            # (a fixed threshold alone let real 384-d clusters, whose members sit at ~0.7,
            # add a new copy of a known region every cycle)
            cohesion.append(float(np.mean(emb[rows] @ centroids[c])))
        with self._write:
            return self._absorb(fresh, cohesion)

    def _kmeans(self, x: np.ndarray, k: int) -> np.ndarray:
        from sklearn.cluster import KMeans
        from threadpoolctl import threadpool_limits

        x = _unit_rows(x)
        distinct = np.unique(x, axis=0)
        if k >= len(distinct):  # k-means cannot make more clusters than distinct points
            return distinct
        # one k-means++ start: the merge step makes a cycle's clusters need not be optimal,
        # only sensible; n_init=1 keeps a 10,000-trajectory cycle well under a second
        with threadpool_limits(1):
            km = KMeans(n_clusters=k, init="k-means++", n_init=1, max_iter=50,
                        random_state=self.seed + self.cycles).fit(x)
        return _unit_rows(km.cluster_centers_.astype(np.float32))

    def absorb(self, patterns: Sequence[LearnedPattern]) -> int:
        """Merge ``patterns`` from elsewhere (another agent's bank) into this one; returns
        how many were new. Each is merged into a near-identical pattern when one exists."""
        with self._write:
            return self._absorb([_copy(p) for p in patterns])

    def _absorb(self, fresh: list[LearnedPattern], cohesion: list[float] | None = None) -> int:
        patterns = [_copy(p) for p in self._snap[0]]
        matrix = self._snap[1]
        added = 0
        for i, p in enumerate(fresh):
            if patterns:
                sims = matrix @ p.centroid
                best = int(np.argmax(sims))
                bar = self.config.merge_similarity
                if cohesion is not None:
                    bar = min(bar, cohesion[i])
                if sims[best] >= bar:
                    patterns[best].merge(p)
                    matrix = matrix.copy()
                    matrix[best] = patterns[best].centroid
                    self.merged += 1
                    continue
            p.id = self._next_id
            self._next_id += 1
            patterns.append(p)
            matrix = p.centroid[None, :] if matrix.size == 0 else np.vstack([matrix, p.centroid])
            added += 1
        self._publish(patterns)
        return added

    def decay_and_prune(self, now: float | None = None) -> int:
        """One cycle's decay of every pattern, then pruning; returns how many were pruned."""
        cfg = self.config
        with self._write:
            patterns = [_copy(p) for p in self._snap[0]]
            for p in patterns:
                p.decay(cfg.decay)
            kept = [p for p in patterns
                    if not p.should_prune(cfg.prune_min_weight, cfg.prune_idle_s, now)]
            if len(kept) > cfg.max_patterns:
                kept.sort(key=lambda p: p.total_weight, reverse=True)
                kept = kept[: cfg.max_patterns]
            gone = len(patterns) - len(kept)
            self.pruned += gone
            self.cycles += 1
            self._publish(kept)
        return gone

    def touch(self, ids: Sequence[int], now: float | None = None) -> None:
        """Record a use of the patterns ``ids`` (search results a caller acted on)."""
        wanted = set(ids)
        with self._write:
            for p in self._snap[0]:
                if p.id in wanted:
                    p.touch(now)  # counters only; the centroid matrix is unchanged

    def replace(self, patterns: list[LearnedPattern]) -> None:
        """Load ``patterns`` (from a saved engine or a coordinator), ids kept."""
        with self._write:
            self._next_id = max([self._next_id, *(p.id + 1 for p in patterns)])
            self._publish([_copy(p) for p in patterns])

    def _publish(self, patterns: list[LearnedPattern]) -> None:
        dim = patterns[0].centroid.size if patterns else 0
        matrix = (np.stack([p.centroid for p in patterns]) if patterns
                  else np.zeros((0, dim), np.float32))
        self._snap = (patterns, matrix)


def _unit_rows(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms > 0, norms, 1.0)


def _copy(p: LearnedPattern) -> LearnedPattern:
    return LearnedPattern(p.id, p.centroid.copy(), p.cluster_size, p.total_weight,
                          p.avg_quality, p.created_at, p.last_accessed, p.access_count,
                          p.pattern_type, dict(p.route_stats))
