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

Search is exact (one product with the stacked centroids) below
``BankConfig.index_min_patterns``; past it a :class:`~neuroplast.sona.index.PatternIndex`
proposes candidates that are re-scored exactly, kept in step with every merge and prune.

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

import copy
import threading
import time
from collections.abc import Sequence

import numpy as np

from neuroplast.sona.config import BankConfig
from neuroplast.sona.index import PatternIndex
from neuroplast.sona.pattern import LearnedPattern
from neuroplast.sona.types import Trajectory

__all__ = ["ReasoningBank"]


class _Snapshot:
    """What a reader sees: patterns, their stacked centroids, the index, and the row of
    each pattern id (an array indexed by id, -1 for ids no longer here)."""

    __slots__ = ("index", "matrix", "patterns", "row_of")

    def __init__(self, patterns: list[LearnedPattern], matrix: np.ndarray,
                 index: PatternIndex | None) -> None:
        self.patterns, self.matrix, self.index = patterns, matrix, index
        self.row_of = np.zeros(0, np.int32)
        if index is not None:
            ids = np.fromiter((p.id for p in patterns), np.int64, len(patterns))
            self.row_of = np.full(int(ids.max()) + 1, -1, np.int32)
            self.row_of[ids] = np.arange(len(ids), dtype=np.int32)


class ReasoningBank:
    """Patterns plus a stacked matrix of their centroids for cosine search."""

    def __init__(self, config: BankConfig | None = None, seed: int = 0) -> None:
        self.config = config or BankConfig()
        self.seed = seed
        self._write = threading.Lock()
        # replaced whole, never mutated in place by writers
        self._snap = _Snapshot([], np.zeros((0, 0), np.float32), None)
        self._next_id = 1
        self.merged = 0
        self.pruned = 0
        self.cycles = 0

    def __len__(self) -> int:
        return len(self._snap.patterns)

    @property
    def patterns(self) -> list[LearnedPattern]:
        return list(self._snap.patterns)

    @property
    def indexed(self) -> bool:
        """True when searches go through the approximate index (a large bank)."""
        return self._snap.index is not None

    # -- reading -------------------------------------------------------------------------
    def search(self, query: np.ndarray, k: int = 5) -> list[tuple[LearnedPattern, float]]:
        """The ``k`` patterns most cosine-similar to ``query``, most similar first.

        Exact below ``index_min_patterns``; beyond, the exact order of the index's
        candidates (``index_candidates`` per result, at least 32)."""
        snap = self._snap
        patterns = snap.patterns
        if not patterns or k <= 0:
            return []
        q = np.asarray(query, dtype=np.float32).reshape(-1)
        norm = float(np.linalg.norm(q))
        if norm == 0:
            return []
        q = q / norm
        if snap.index is not None:
            found = snap.index.candidates(q, max(32, self.config.index_candidates * k))
            found = found[found < len(snap.row_of)]
            rows = snap.row_of[found]
            rows = rows[rows >= 0]
            sims = snap.matrix[rows] @ q
        else:
            rows = None
            sims = snap.matrix @ q
        k = min(k, len(sims))
        top = np.argpartition(-sims, k - 1)[:k] if k < len(sims) else np.arange(len(sims))
        top = top[np.argsort(-sims[top], kind="stable")]
        at = top if rows is None else rows[top]
        return [(patterns[i], float(s)) for i, s in zip(at, sims[top], strict=True)]

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
        # copy on write: only the patterns a merge changes are copied, the rest are shared
        # with the published snapshot (readers may hold it)
        patterns = list(self._snap.patterns)
        matrix = self._snap.matrix
        n_old = len(patterns)
        # every fresh centroid against every existing one in one product; a row a merge
        # moves is re-scored below, new patterns are compared through ``extra``
        base = (np.stack([p.centroid for p in fresh]) @ matrix.T
                if fresh and n_old else np.zeros((len(fresh), 0), np.float32))
        extra: list[np.ndarray] = []
        changed: set[int] = set()
        own = False  # matrix is still the published one until a row of it moves
        added = 0
        for i, p in enumerate(fresh):
            if patterns:
                sims = base[i]
                moved = [r for r in changed if r < n_old]
                if moved:
                    sims = sims.copy()
                    sims[moved] = matrix[moved] @ p.centroid
                if extra:
                    sims = np.concatenate([sims, np.stack(extra) @ p.centroid])
                best = int(np.argmax(sims))
                bar = self.config.merge_similarity
                if cohesion is not None:
                    bar = min(bar, cohesion[i])
                if sims[best] >= bar:
                    if best not in changed:
                        patterns[best] = _copy(patterns[best])
                    patterns[best].merge(p)
                    if best < n_old:
                        if not own:
                            matrix, own = matrix.copy(), True
                        matrix[best] = patterns[best].centroid
                    else:
                        extra[best - n_old] = patterns[best].centroid
                    changed.add(best)
                    self.merged += 1
                    continue
            p.id = self._next_id
            self._next_id += 1
            patterns.append(p)
            extra.append(p.centroid)
            changed.add(len(patterns) - 1)
            added += 1
        if extra:
            matrix = np.vstack([matrix, *extra]) if n_old else np.stack(extra)
        self._publish(patterns, matrix, changed={patterns[i].id for i in changed})
        return added

    def decay_and_prune(self, now: float | None = None) -> int:
        """One cycle's decay of every pattern, then pruning; returns how many were pruned."""
        cfg = self.config
        with self._write:
            patterns = [_copy(p) for p in self._snap.patterns]
            for p in patterns:
                p.decay(cfg.decay)
            keep = [i for i, p in enumerate(patterns)
                    if not p.should_prune(cfg.prune_min_weight, cfg.prune_idle_s, now)]
            if len(keep) > cfg.max_patterns:
                keep.sort(key=lambda i: patterns[i].total_weight, reverse=True)
                keep = sorted(keep[: cfg.max_patterns])
            gone = len(patterns) - len(keep)
            self.pruned += gone
            self.cycles += 1
            kept = set(keep)
            self._publish([patterns[i] for i in keep], self._snap.matrix[keep], changed=set(),
                          removed={p.id for i, p in enumerate(patterns) if i not in kept})
        return gone

    def touch(self, ids: Sequence[int], now: float | None = None) -> None:
        """Record a use of the patterns ``ids`` (search results a caller acted on)."""
        wanted = set(ids)
        with self._write:
            for p in self._snap.patterns:
                if p.id in wanted:
                    p.touch(now)  # counters only; the centroid matrix is unchanged

    def replace(self, patterns: list[LearnedPattern]) -> None:
        """Load ``patterns`` (from a saved engine or a coordinator), ids kept."""
        with self._write:
            self._next_id = max([self._next_id, *(p.id + 1 for p in patterns)])
            copies = [_copy(p) for p in patterns]
            self._publish(copies, _stack(copies))

    def _publish(self, patterns: list[LearnedPattern], matrix: np.ndarray,
                 changed: set[int] | None = None, removed: set[int] | None = None) -> None:
        """Swap in ``patterns`` and their stacked centroids ``matrix``; ``changed`` ids
        (new or moved centroids) and ``removed`` ids update the index in step,
        ``changed=None`` rebuilds it."""
        self._snap = _Snapshot(patterns, matrix, self._index_for(patterns, matrix, changed,
                                                                 removed or set()))

    def _index_for(self, patterns: list[LearnedPattern], matrix: np.ndarray,
                   changed: set[int] | None, removed: set[int]) -> PatternIndex | None:
        n, cfg, old = len(patterns), self.config, self._snap.index
        if n < cfg.index_min_patterns:
            return None
        ids = np.fromiter((p.id for p in patterns), dtype=np.int64, count=n)
        # cells fitted to a bank of a very different size are too coarse or too fine
        if old is None or changed is None or not old.trained_for / 4 <= n <= 4 * old.trained_for:
            return PatternIndex.build(matrix, ids, cfg.index_probe_fraction, self.seed)
        rows = np.flatnonzero(np.isin(ids, np.fromiter(changed, np.int64, len(changed))))
        return old.updated(matrix[rows], ids[rows],
                           np.fromiter(removed, np.int64, len(removed)))


def _unit_rows(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms > 0, norms, 1.0)


def _stack(patterns: list[LearnedPattern]) -> np.ndarray:
    dim = patterns[0].centroid.size if patterns else 0
    return (np.stack([p.centroid for p in patterns]) if patterns
            else np.zeros((0, dim), np.float32))


def _copy(p: LearnedPattern) -> LearnedPattern:
    # the centroid array is shared: LearnedPattern replaces it (merge), never writes into it
    c = copy.copy(p)
    c.route_stats = dict(p.route_stats)
    return c
