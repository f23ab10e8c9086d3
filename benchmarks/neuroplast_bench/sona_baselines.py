"""Routers the SONA engine is compared with, all over the same query embeddings.

Each speaks two verbs: ``choose(x, t) -> route index`` and ``learn(x, route, quality)``.
The oracle and best-fixed-route are given the hidden table by the harness; the others
learn from outcomes only, like the engine.

>>> import numpy as np
>>> lin = LinUCB(n_routes=2, dim=2, alpha=0.5)
>>> for _ in range(20):
...     lin.learn(np.array([1.0, 0.0]), 1, 0.9); lin.learn(np.array([1.0, 0.0]), 0, 0.1)
>>> lin.choose(np.array([1.0, 0.0]))
1
"""

from __future__ import annotations

import numpy as np

__all__ = ["KNNRouter", "LinUCB", "RandomRouter"]


class RandomRouter:
    """Uniformly random route."""

    def __init__(self, n_routes: int, seed: int = 0) -> None:
        self.n, self.rng = n_routes, np.random.default_rng(seed)

    def choose(self, x: np.ndarray) -> int:
        return int(self.rng.integers(self.n))

    def learn(self, x: np.ndarray, route: int, quality: float) -> None:
        pass


class LinUCB:
    """Disjoint LinUCB (Li et al. 2010; River's ``LinUCBDisjoint``) in numpy: per route a
    ridge regression of quality on the embedding, optimism ``alpha·sqrt(xᵀA⁻¹x)``.
    (River's own class takes ~22 ms a step on 384-d dict contexts; same maths here.)"""

    def __init__(self, n_routes: int, dim: int, alpha: float = 0.5, ridge: float = 1.0) -> None:
        self.alpha = alpha
        self.inv = np.stack([np.eye(dim) / ridge] * n_routes)
        self.b = np.zeros((n_routes, dim))

    def choose(self, x: np.ndarray) -> int:
        theta = np.einsum("rij,rj->ri", self.inv, self.b)
        sd = np.sqrt(np.maximum(np.einsum("i,rij,j->r", x, self.inv, x), 0.0))
        return int(np.argmax(theta @ x + self.alpha * sd))

    def learn(self, x: np.ndarray, route: int, quality: float) -> None:
        v = self.inv[route] @ x
        self.inv[route] -= np.outer(v, v) / (1.0 + x @ v)
        self.b[route] += quality * x


class KNNRouter:
    """kNN on embeddings: a route's estimate is the mean quality of the ``k`` most similar
    past queries it served; untried or little-tried routes first (count below ``k``),
    then ε-greedy with ε = 1/sqrt(t)."""

    def __init__(self, n_routes: int, dim: int, k: int = 10, seed: int = 0,
                 capacity: int = 20_000) -> None:
        self.n, self.k, self.rng = n_routes, k, np.random.default_rng(seed)
        self.x = [np.zeros((capacity, dim), np.float32) for _ in range(n_routes)]
        self.q = [np.zeros(capacity, np.float32) for _ in range(n_routes)]
        self.count = [0] * n_routes  # stored, at most capacity
        self.seen = [0] * n_routes
        self.t = 0

    def choose(self, x: np.ndarray) -> int:
        self.t += 1
        need = [r for r in range(self.n) if self.count[r] < self.k]
        if need:
            return int(self.rng.choice(need))
        if self.rng.random() < 1.0 / np.sqrt(self.t):
            return int(self.rng.integers(self.n))
        est = []
        for r in range(self.n):
            sims = self.x[r][: self.count[r]] @ x
            top = np.argpartition(-sims, self.k - 1)[: self.k]
            est.append(float(self.q[r][top].mean()))
        return int(np.argmax(est))

    def learn(self, x: np.ndarray, route: int, quality: float) -> None:
        i = self.seen[route] % len(self.q[route])  # a ring: the oldest goes first
        self.x[route][i], self.q[route][i] = x, quality
        self.seen[route] += 1
        self.count[route] = min(self.seen[route], len(self.q[route]))
