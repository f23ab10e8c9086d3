"""benchmarks/sona_sharing.py on a small synthetic corpus: each user meets the other's own
topics only in the second half, both conditions face the same queries, and sharing
changes the picks only once the first exchange has come."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import numpy as np
import torch

from neuroplast_bench.sona_world import TOPICS, make_world

SCRIPT = Path(__file__).parents[2] / "benchmarks" / "sona_sharing.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sona_sharing", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_streams_meet_the_others_topics_late_and_sharing_changes_picks_after_an_exchange() -> None:
    torch.set_num_threads(1)
    bench = _script()
    rng = np.random.default_rng(0)
    labels = rng.integers(len(TOPICS), size=600)
    vecs = rng.normal(size=(600, 12)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    world = make_world(1)
    streams = bench._streams(world, labels, 80, seed=1)
    for s in streams.values():
        assert set(s["part"][:40]) <= {"own", "shared"} and "other" in set(s["part"][40:])
        assert all(labels[row] == topic for row, topic in zip(s["row"], s["topic"],
                                                              strict=True))
    ours = {t for t, p in zip(streams["a"]["topic"], streams["a"]["part"], strict=True)
            if p == "own"}
    theirs = {t for t, p in zip(streams["b"]["topic"], streams["b"]["part"], strict=True)
              if p == "other"}
    assert ours and ours == theirs  # what is A's own is what B meets as the other's
    alone = bench._run(world, vecs, streams, every=20, weight=0.5, share=False)
    shared = bench._run(world, vecs, streams, every=20, weight=0.5, share=True)
    # the first exchange comes after 20 queries: until then both runs pick alike
    assert np.array_equal(alone["a"][:20], shared["a"][:20])
    assert not np.array_equal(alone["a"], shared["a"]) or not np.array_equal(
        alone["b"], shared["b"])
    figures = bench._figures(shared["a"], streams["a"])
    assert 0 < figures["vs_oracle"] <= 1 and figures["regret"] >= 0
