"""CachedEmbedder with the real MiniLM: shape, norm, cache hits, SQLite persistence, meaning."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from neuroplast.errors import ConfigError, InvalidInputError
from neuroplast.gate.calls import ToolCall
from neuroplast.gate.embedding import EMBEDDING_DIM, CachedEmbedder
from neuroplast.gate.features import STRUCTURAL_DIM, FeatureExtractor
from neuroplast.gate.render import render_call
from neuroplast.store import Database

CWD = "/home/u/proj"


def test_embeddings_are_normalised_float32(embedder: CachedEmbedder) -> None:
    out = embedder.embed(["Bash: git status (cwd /p)", "Read: README.md"])
    assert out.shape == (2, EMBEDDING_DIM) and out.dtype == np.float32
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)
    assert embedder.loaded


def test_cache_hit_returns_the_identical_vector(embedder: CachedEmbedder) -> None:
    text = "Bash: npm run lint -- --fix (cwd /home/u/proj)"
    first = embedder.embed([text])
    before = embedder.stats
    second = embedder.embed([text, text])
    after = embedder.stats
    assert np.array_equal(first[0], second[0]) and np.array_equal(second[0], second[1])
    assert after["hits"] - before["hits"] == 2
    assert after["misses"] == before["misses"]
    second[0, 0] = 99.0  # the caller's copy; the cache must not change
    assert embedder.embed([text])[0, 0] == first[0, 0]


def test_duplicates_in_one_batch_are_computed_once(embedder: CachedEmbedder) -> None:
    before = embedder.stats["computed"]
    out = embedder.embed(["Glob: **/*.unique1 in project"] * 3)
    assert embedder.stats["computed"] - before == 1
    assert np.array_equal(out[0], out[2])


def test_sqlite_cache_persists_across_embedders(tmp_path: Path, embedder: CachedEmbedder) -> None:
    texts = ["Write: notes.md (1 B): x", "WebFetch: example.com — https://example.com/"]
    db = Database(tmp_path / "gate.db")
    writer = CachedEmbedder(db, model=embedder._model)
    stored = writer.embed(texts)
    assert writer.flush() == 2  # or its timer, save_delay_s after they were computed
    db.close()

    db2 = Database(tmp_path / "gate.db")
    reader = CachedEmbedder(db2)  # no model given: it must not need one for cached texts
    again = reader.embed(texts)
    assert np.array_equal(stored, again)
    assert reader.stats["db_hits"] == 2 and reader.stats["misses"] == 0
    assert not reader.loaded  # served entirely from SQLite, MiniLM never loaded
    assert db2.query("SELECT COUNT(*) FROM embedding_cache") == [(2,)]
    db2.close()


def test_new_embeddings_are_saved_after_the_answer_not_during_it(
        tmp_path: Path, embedder: CachedEmbedder) -> None:
    import time

    db = Database(tmp_path / "gate.db")
    count = "SELECT COUNT(*) FROM embedding_cache"
    waiting = CachedEmbedder(db, model=embedder._model, save_delay_s=30)
    waiting.embed(["Bash: make test (cwd /p)"])
    assert db.query(count)[0][0] == 0  # embed returned before any commit
    timed = CachedEmbedder(db, model=embedder._model, save_delay_s=0.05)
    timed.embed(["Bash: make lint (cwd /p)", "Bash: make docs (cwd /p)"])
    deadline = time.monotonic() + 10
    while db.query(count)[0][0] < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert db.query(count)[0][0] == 2  # the timer committed both, in one transaction
    at_once = CachedEmbedder(db, model=embedder._model, save_delay_s=0)
    at_once.embed(["Bash: make dist (cwd /p)"])
    assert db.query(count)[0][0] == 3  # 0: committed before embed returned
    assert waiting.flush() == 1 and db.query(count)[0][0] == 4
    waiting.embed(["Bash: make clean (cwd /p)"])
    db.close()
    assert waiting.flush() == 0  # the database closed first: a cache, recomputed if needed
    with pytest.raises(ConfigError, match="save_delay_s=-1"):
        CachedEmbedder(save_delay_s=-1)


def test_lru_evicts_the_oldest(embedder: CachedEmbedder) -> None:
    small = CachedEmbedder(capacity=2, model=embedder._model)
    small.embed(["a one", "b two", "c three"])
    assert small.stats["size"] == 2
    small.embed(["a one"])  # evicted: computed again
    assert small.stats["misses"] == 4


def test_semantically_close_calls_are_closer(embedder: CachedEmbedder) -> None:
    calls = [
        ToolCall("Bash", {"command": "git push origin main"}, cwd=CWD),
        ToolCall("Bash", {"command": "git push origin feature/login"}, cwd=CWD),
        ToolCall("WebFetch", {"url": "https://weather.example.org/", "prompt": "forecast"}),
    ]
    a, b, c = embedder.embed([render_call(x) for x in calls])
    assert float(a @ b) > float(a @ c) + 0.1


def test_surrogates_and_empty_strings_embed(embedder: CachedEmbedder) -> None:
    bad = b"cat caf\xe9".decode("utf-8", errors="surrogateescape")
    out = embedder.embed([bad, ""])
    assert out.shape == (2, EMBEDDING_DIM) and np.isfinite(out).all()


def test_thread_safety_gives_the_same_vectors(embedder: CachedEmbedder) -> None:
    texts = [f"Bash: echo thread {i}" for i in range(6)]
    results: list[np.ndarray] = []

    def work() -> None:
        results.append(embedder.embed(texts))

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 3
    assert all(np.allclose(r, results[0], atol=1e-6) for r in results)


def test_feature_extractor_with_minilm(embedder: CachedEmbedder) -> None:
    fx = FeatureExtractor(embedder)
    x = fx.features(ToolCall("Bash", {"command": "ls -la"}, cwd=CWD))
    assert x.shape == (EMBEDDING_DIM + STRUCTURAL_DIM,)
    assert abs(float(x[:EMBEDDING_DIM].norm()) - 1.0) < 1e-5


def test_bad_arguments() -> None:
    with pytest.raises(ConfigError, match="capacity"):
        CachedEmbedder(capacity=0)
    with pytest.raises(ConfigError, match="batch_size"):
        CachedEmbedder(batch_size=0)
    with pytest.raises(InvalidInputError, match="list of strings"):
        CachedEmbedder().embed("one string")  # type: ignore[arg-type]
