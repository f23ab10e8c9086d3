"""Evidence for auto-allow: an episodic memory of the user's answers, searched by similarity.

A classifier's probability says nothing about whether it has ever seen anything like the
call in front of it: an MLP extrapolates confidently to held-out tools and to shell escapes
that look, to it, like the benign use of the same binary. So the gate may auto-allow only
a call with *support*: at least ``min_support`` answered calls the user approved that are
close to it (cosine similarity of the MiniLM embeddings of the rendered calls >=
``similarity``), and among the close answered calls no recent refusal. Anything else is
novel, and novel calls go to the user.

Recency is measured in answers (the feedback log's row ids), not wall-clock time, so a
replayed or restarted log gives the same weights. A refusal is decisive when it is the
closest neighbour or the most recent close one (the user's latest word about calls like
this is "no": a preference drift stops auto-allow at its first refusal); otherwise the
approved share of the recency-weighted close answers must reach ``min_share``.

>>> import numpy as np
>>> m = SupportMemory(SupportConfig(similarity=0.9, min_support=2), dim=2)
>>> for i, v in enumerate(([1.0, 0.0], [0.99, 0.141], [0.98, 0.199])):
...     m.add(f"t{i}", np.array(v), approved=True, clock=i + 1)
>>> m.check(np.array([1.0, 0.0])).supported
True
>>> m.check(np.array([0.0, 1.0])).reason
'novel: nearest approved call sim=0.20 < 0.90'
>>> m.add("t9", np.array([0.995, 0.1]), approved=False, clock=9)
>>> m.check(np.array([1.0, 0.05])).reason
'similar call refused recently (sim=1.00); approved 3 of 4 close calls'
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy as np

from neuroplast.config import Config, check_range
from neuroplast.errors import ConfigError, InvalidInputError

__all__ = ["Support", "SupportConfig", "SupportMemory"]


@dataclass
class SupportConfig(Config):
    """When a call counts as supported by earlier answers.

    >>> SupportConfig().similarity
    0.85
    """

    similarity: float = field(default=0.85, metadata={
        "help": "cosine similarity of MiniLM embeddings at which an answered call counts as "
                "'like this one'. Measured on rendered calls: the same command on another "
                "file 0.92-0.99; another subcommand 0.74-0.82; a shell escape vs the benign "
                "use of the same binary 0.61-0.79; so 0.85 separates them."})
    min_support: int = field(default=2, metadata={
        "help": "approved close calls needed before the model may auto-allow"})
    min_share: float = field(default=0.9, metadata={
        "help": "recency-weighted approved share of the close answered calls needed"})
    half_life: float = field(default=500.0, metadata={
        "help": "answers after which an old answer weighs half as much as a new one"})
    window: int = field(default=20000, metadata={
        "help": "answers kept (the last this many feedback rows): bounds memory and lookup"})

    def __post_init__(self) -> None:
        owner = type(self).__name__
        check_range(owner, "similarity", self.similarity, 0.0, 1.0)
        check_range(owner, "min_share", self.min_share, 0.0, 1.0)
        check_range(owner, "half_life", self.half_life, 0.0, low_inclusive=False)
        for name in ("min_support", "window"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise ConfigError(f"{owner}.{name}={value!r} must be an integer")
            check_range(owner, name, value, 1)


@dataclass(frozen=True)
class Support:
    """What the memory found near a call, and whether it supports an auto-allow.

    >>> Support(False, "novel: no answered calls yet", 0, 0, 0.0).supported
    False
    """

    supported: bool
    reason: str
    approved: int  # close approved calls
    refused: int  # close refused calls
    nearest_approved: float  # highest similarity to an approved call (0 if none)


class SupportMemory:
    """Answered calls (unit embedding, label, clock) in one bounded matrix; thread-safe.

    Brute-force cosine search with numpy: at most ``window`` rows of 384 floats is one
    matrix-vector product (about 0.3 ms at 10k rows), needs no training, and takes new
    answers at once, where approximate indexes (FAISS, sklearn trees) must be rebuilt or
    are not incremental, and buy nothing at this size. The lock is the memory's own,
    held for the product only, never by training.

    >>> m = SupportMemory(SupportConfig(), dim=3)
    >>> len(m), m.check(np.ones(3)).reason
    (0, 'novel: no answered calls yet')
    """

    def __init__(self, config: SupportConfig | None = None, *, dim: int) -> None:
        self.config = config if config is not None else SupportConfig()
        self.dim = dim
        cap = min(self.config.window, 1024)
        self._vectors = np.zeros((cap, dim), dtype=np.float32)
        self._approved = np.zeros(cap, dtype=bool)
        self._clock = np.zeros(cap, dtype=np.int64)
        self._keys: list[str] = []
        self._row: dict[str, int] = {}
        self._now = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._keys)

    @property
    def clock(self) -> int:
        """The newest answer's clock (feedback row id)."""
        return self._now

    def add(self, key: str, vector: np.ndarray, *, approved: bool, clock: int) -> None:
        """Remember (or, for a known ``key``, re-label) one answer; ``clock`` must grow."""
        vec = np.asarray(vector, dtype=np.float32).reshape(-1)
        if vec.shape[0] != self.dim:
            raise InvalidInputError(
                f"SupportMemory.add got a vector of {vec.shape[0]} values; this memory holds "
                f"{self.dim} (the embedder's dimension)"
            )
        norm = float(np.linalg.norm(vec))
        vec = vec / norm if norm > 0 else vec
        with self._lock:
            self._now = max(self._now, int(clock))
            self._evict()
            row = self._row.get(key)
            if row is None:
                row = len(self._keys)
                if row == self._vectors.shape[0]:
                    self._grow()
                self._keys.append(key)
                self._row[key] = row
            self._vectors[row] = vec
            self._approved[row] = approved
            self._clock[row] = clock

    def _grow(self) -> None:
        cap = min(self._vectors.shape[0] * 2, self.config.window + 1)
        for name in ("_vectors", "_approved", "_clock"):
            old = getattr(self, name)
            new = np.zeros((cap, *old.shape[1:]), dtype=old.dtype)
            new[: old.shape[0]] = old
            setattr(self, name, new)

    def _evict(self) -> None:
        """Drop answers older than the last ``window`` feedback rows (called under the lock).

        By clock, not by count, so the memory is a function of the feedback log alone and a
        restart that replays the last ``window`` rows rebuilds it exactly.
        """
        n = len(self._keys)
        if n == 0 or self._clock[:n].min() > self._now - self.config.window:
            return
        keep = self._clock[:n] > self._now - self.config.window
        idx = np.flatnonzero(keep)
        self._vectors[: len(idx)] = self._vectors[idx]
        self._approved[: len(idx)] = self._approved[idx]
        self._clock[: len(idx)] = self._clock[idx]
        self._keys = [self._keys[i] for i in idx]
        self._row = {k: i for i, k in enumerate(self._keys)}

    def state(self) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
        """``(keys, vectors, approved, clock)`` ordered by clock: what the memory holds."""
        with self._lock:
            n = len(self._keys)
            order = np.argsort(self._clock[:n], kind="stable")
            return ([self._keys[i] for i in order], self._vectors[order].copy(),
                    self._approved[order].copy(), self._clock[order].copy())

    def check(self, vector: np.ndarray) -> Support:
        """Whether the answers near ``vector`` support auto-allowing it (see module doc)."""
        cfg = self.config
        vec = np.asarray(vector, dtype=np.float32).reshape(-1)
        norm = float(np.linalg.norm(vec))
        vec = vec / norm if norm > 0 else vec
        with self._lock:
            n = len(self._keys)
            if n == 0:
                return Support(False, "novel: no answered calls yet", 0, 0, 0.0)
            sims = self._vectors[:n] @ vec
            approved = self._approved[:n].copy()
            clock = self._clock[:n].copy()
            now = self._now
        best_ok = float(sims[approved].max()) if approved.any() else 0.0
        close = sims >= cfg.similarity
        n_ok = int((close & approved).sum())
        n_bad = int((close & ~approved).sum())
        if n_ok < cfg.min_support:
            reason = (f"novel: nearest approved call sim={best_ok:.2f} < {cfg.similarity:.2f}"
                      if n_ok == 0 else
                      f"novel: {n_ok} approved call(s) with sim >= {cfg.similarity:.2f}, "
                      f"needs {cfg.min_support}")
            return Support(False, reason, n_ok, n_bad, best_ok)
        counts = f"approved {n_ok} of {n_ok + n_bad} close calls"
        if n_bad:
            idx = np.flatnonzero(close)
            nearest, newest = idx[np.argmax(sims[idx])], idx[np.argmax(clock[idx])]
            for i in (nearest, newest):
                if not approved[i]:
                    return Support(False, f"similar call refused recently (sim={sims[i]:.2f}); "
                                   f"{counts}", n_ok, n_bad, best_ok)
            weight = 0.5 ** ((now - clock[idx]) / cfg.half_life)
            share = float(weight[approved[idx]].sum() / weight.sum())
            if share < cfg.min_share:
                return Support(False, f"similar calls refused: approved share {share:.2f} < "
                               f"{cfg.min_share:.2f}; {counts}", n_ok, n_bad, best_ok)
        return Support(True, f"supported: {counts} (sim >= {cfg.similarity:.2f})",
                       n_ok, n_bad, best_ok)
