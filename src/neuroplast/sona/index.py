"""``PatternIndex``: approximate cosine search over a large bank, re-scored exactly.

Below ``BankConfig.index_min_patterns`` the bank searches exactly (one matrix-vector
product). Past it, one product over 100,000 × 384 floats reads 150 MB per query — 25-30 ms
on a loaded two-core machine, memory-bound, so no exact layout reaches a millisecond. This
index is FAISS's inverted file (k-means cells, ``nlist ≈ √n``) over 8-bit scalar-quantised
centroids: a query visits the ``probe_fraction`` of cells nearest to it, takes
``candidates`` rows by their quantised score, and the caller re-scores those against the
float centroids, so the order of what is returned is exact and only whether a true
neighbour is among the candidates is approximate (recall is measured in
``benchmarks/neuroplast_bench/sona_speed.py``).

The index is keyed by pattern id and never mutated while readers may hold it: a writer
clones it (a copy of the 8-bit codes, ~40 MB at 100k), removes the ids that were pruned or
whose centroid moved in a merge, adds the new and moved ones, and publishes the clone.

>>> import numpy as np
>>> rng = np.random.default_rng(0)
>>> x = rng.normal(size=(2000, 16)).astype(np.float32)
>>> x /= np.linalg.norm(x, axis=1, keepdims=True)
>>> ids = np.arange(1, 2001)
>>> index = PatternIndex.build(x, ids, probe_fraction=0.5)
>>> int(index.candidates(x[7], 8)[0])               # a centroid finds itself first
8
>>> moved = index.updated(vectors=x[:1] * -1, ids=ids[:1], removed=ids[1:2])
>>> len(moved), len(index)                          # the original is untouched
(1999, 2000)
"""

from __future__ import annotations

import math

import numpy as np

from neuroplast.errors import BackendUnavailable

__all__ = ["PatternIndex"]


def _faiss():  # imported lazily: small banks (and processes that never search) skip it
    try:
        import faiss
    except ImportError as exc:  # pragma: no cover - faiss-cpu is a dependency
        raise BackendUnavailable(
            "faiss is not installed; a bank past BankConfig.index_min_patterns needs it: "
            "pip install faiss-cpu (or raise index_min_patterns to search exactly)"
        ) from exc
    faiss.omp_set_num_threads(1)  # one query is a few cells: threads cost more than they give
    return faiss


class PatternIndex:
    """An IVF-SQ8 inner-product index over unit centroids, keyed by pattern id."""

    def __init__(self, index: object, probe_fraction: float, trained_for: int) -> None:
        self._index = index
        self.probe_fraction = probe_fraction
        self.trained_for = trained_for  # how many rows its cells were fitted to

    @classmethod
    def build(cls, vectors: np.ndarray, ids: np.ndarray, probe_fraction: float = 0.1,
              seed: int = 0) -> PatternIndex:
        """Fit ``√n`` cells to ``vectors`` (unit rows) and add them under ``ids``."""
        faiss = _faiss()
        x = np.ascontiguousarray(vectors, dtype=np.float32)
        n, dim = x.shape
        nlist = max(1, min(int(math.sqrt(n)), n // 39))  # faiss wants ≥ 39 points per cell
        quantiser = faiss.IndexFlatIP(dim)
        index = faiss.IndexIVFScalarQuantizer(quantiser, dim, nlist,
                                              faiss.ScalarQuantizer.QT_8bit,
                                              faiss.METRIC_INNER_PRODUCT)
        rng = np.random.default_rng(seed)
        train = x if n <= 64 * nlist else x[rng.choice(n, 64 * nlist, replace=False)]
        index.cp.seed = seed
        index.train(train)
        index.add_with_ids(x, np.asarray(ids, dtype=np.int64))
        index.nprobe = max(1, math.ceil(probe_fraction * nlist))
        return cls(index, probe_fraction, n)

    def __len__(self) -> int:
        return int(self._index.ntotal)  # type: ignore[attr-defined]

    def candidates(self, query: np.ndarray, n: int) -> np.ndarray:
        """Ids of up to ``n`` rows nearest ``query`` by their quantised score."""
        q = np.ascontiguousarray(query, dtype=np.float32).reshape(1, -1)
        _, ids = self._index.search(q, n)  # type: ignore[attr-defined]
        found = ids[0]
        return found[found >= 0]

    def updated(self, vectors: np.ndarray, ids: np.ndarray,
                removed: np.ndarray | None = None) -> PatternIndex:
        """A copy with ``removed`` ids gone and ``ids`` (re)written with ``vectors``."""
        faiss = _faiss()
        clone = faiss.clone_index(self._index)
        gone = np.asarray(ids, dtype=np.int64)
        if removed is not None and len(removed):
            gone = np.concatenate([gone, np.asarray(removed, dtype=np.int64)])
        if len(gone):
            clone.remove_ids(gone)
        if len(ids):
            clone.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32),
                               np.asarray(ids, dtype=np.int64))
        clone.nprobe = self._index.nprobe  # type: ignore[attr-defined]
        return PatternIndex(clone, self.probe_fraction, self.trained_for)
