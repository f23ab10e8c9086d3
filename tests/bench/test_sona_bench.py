"""The SONA routing harness: worlds are seeded and varied, every router faces the same
stream, and the figures mean what they say (the oracle scores 1, random scores less)."""

from __future__ import annotations

import numpy as np

from neuroplast_bench.sona_baselines import KNNRouter, LinUCB, RandomRouter
from neuroplast_bench.sona_routing import make_stream, run_router
from neuroplast_bench.sona_world import TOPICS, make_world, topic_of


def _corpus(n: int = 1200, dim: int = 24) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    labels = rng.integers(len(TOPICS), size=n)
    centres = rng.normal(size=(len(TOPICS), dim))
    v = centres[labels] + rng.normal(0, 0.3, size=(n, dim))
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32), labels


def test_worlds_are_seeded_and_differ_between_seeds() -> None:
    a, b = make_world(3), make_world(3)
    assert np.array_equal(a.before, b.before) and a.topics == b.topics
    shapes = {(len(make_world(s).routes), len(make_world(s).topics)) for s in range(10)}
    assert len(shapes) > 3
    w = make_world(5)
    assert not np.array_equal(w.before, w.after)
    assert all(w.after[t, r] != w.before[t, r] for t, r in w.drifted)
    assert topic_of("docker-compose") == "docker" and topic_of("echo") is None


def test_every_router_faces_the_same_stream_and_the_figures_order_them() -> None:
    vecs, labels = _corpus()
    world = make_world(1)
    s1, s2 = make_stream(world, labels, 2400), make_stream(world, labels, 2400)
    assert np.array_equal(s1.row, s2.row) and np.array_equal(s1.quality, s2.quality)
    quiet = s1.topic[800:1600] == world.quiet_topic
    assert not quiet.any()  # the quiet topic is absent in the middle third

    class Oracle:
        t = 0

        def choose(self, x: np.ndarray) -> int:
            r = int(np.argmax(s1.mean[self.t]))
            self.t += 1
            return r

        def learn(self, *a: object) -> None:
            pass

    k = len(world.routes)
    oracle = run_router(Oracle(), s1, vecs, world)
    random = run_router(RandomRouter(k, 0), s1, vecs, world)
    linucb = run_router(LinUCB(k, vecs.shape[1]), s1, vecs, world)
    knn = run_router(KNNRouter(k, vecs.shape[1]), s1, vecs, world)
    assert oracle["final1000_vs_oracle"] == 1.0 and oracle["regret"] == 0.0
    assert random["final1000_vs_oracle"] < 0.9
    assert linucb["final1000_vs_oracle"] > random["final1000_vs_oracle"]
    assert knn["final1000_vs_oracle"] > random["final1000_vs_oracle"]
