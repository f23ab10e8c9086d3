"""The ReasoningBank merges instead of duplicating, decays and prunes, searches exactly."""

from __future__ import annotations

import numpy as np

from neuroplast.sona.bank import ReasoningBank
from neuroplast.sona.config import BankConfig
from neuroplast.sona.types import Trajectory


def _data(seed: int, n: int = 600, centres: int = 6, dim: int = 16) -> list[Trajectory]:
    rng = np.random.default_rng(seed)
    means = np.random.default_rng(99).normal(size=(centres, dim))
    out = []
    for i in range(n):
        c = i % centres
        v = means[c] + rng.normal(0, 0.15, dim)
        route = "ab"[int(rng.integers(2))]
        quality = 0.9 if (route == "a") == (c % 2 == 0) else 0.2
        out.append(Trajectory(i, v.astype(np.float32), [], quality, route))
    return out


def test_cycles_over_the_same_kind_of_data_leave_the_size_unchanged() -> None:
    bank = ReasoningBank(BankConfig(pattern_clusters=12, min_cluster_size=3))
    bank.extract(_data(0), quality_threshold=0.5)
    size = len(bank)
    assert 6 <= size <= 12
    for seed in range(1, 6):  # new draws from the same six regions, and the very same data
        assert bank.extract(_data(seed), quality_threshold=0.5) == 0
        assert bank.extract(_data(0), quality_threshold=0.5) == 0
    assert len(bank) == size
    assert bank.merged >= 10 * 6
    # merged evidence accumulated: every pattern knows its good route
    for p in bank.patterns:
        a, b = p.route_quality("a")[0], p.route_quality("b")[0]
        assert abs(a - b) > 0.5


def test_a_new_region_adds_patterns() -> None:
    bank = ReasoningBank(BankConfig(pattern_clusters=12, min_cluster_size=3))
    bank.extract(_data(0, centres=3), quality_threshold=0.5)
    before = len(bank)
    assert bank.extract(_data(1, centres=6), quality_threshold=0.5) > 0
    assert len(bank) > before


def test_bad_outcomes_count_in_route_stats_but_do_not_make_patterns() -> None:
    bank = ReasoningBank(BankConfig(pattern_clusters=4, min_cluster_size=3))
    bad = [t for t in _data(0) if t.quality < 0.5]
    assert bank.extract(bad, quality_threshold=0.5) == 0
    bank.extract(_data(0), quality_threshold=0.5)
    total = sum(n for p in bank.patterns for _, n in p.route_stats.values())
    assert total == 600  # every trajectory, good or bad, counted once


def test_decay_then_prune_removes_only_light_unused_patterns() -> None:
    bank = ReasoningBank(BankConfig(pattern_clusters=6, min_cluster_size=3, decay=0.5,
                                    prune_min_weight=5.0, prune_idle_s=100.0))
    bank.extract(_data(0), quality_threshold=0.5, now=0.0)
    n = len(bank)
    keep = bank.patterns[0].id
    bank.touch([keep], now=1000.0)
    for _ in range(6):
        bank.decay_and_prune(now=1050.0)
    assert [p.id for p in bank.patterns] == [keep]
    assert bank.pruned == n - 1


def test_search_is_exact_brute_force() -> None:
    bank = ReasoningBank(BankConfig(pattern_clusters=40, min_cluster_size=2,
                                    merge_similarity=0.999))
    bank.extract(_data(3, n=400, centres=40), quality_threshold=0.0)
    rng = np.random.default_rng(5)
    for _ in range(20):
        q = rng.normal(size=16)
        got = [p.id for p, _ in bank.search(q, k=5)]
        sims = [(p.similarity(q), p.id) for p in bank.patterns]
        want = [i for _, i in sorted(sims, key=lambda s: -s[0])[:5]]
        assert got == want
    assert bank.search(np.zeros(16), k=3) == []


def _clustered(n: int, dim: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(20, dim))
    v = centres[rng.integers(20, size=n)] + rng.normal(0, 0.5, size=(n, dim))
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def _exact_ids(bank: ReasoningBank, q: np.ndarray, k: int) -> list[int]:
    pats = bank.patterns
    sims = np.stack([p.centroid for p in pats]) @ (q / np.linalg.norm(q))
    return [pats[i].id for i in np.argsort(-sims, kind="stable")[:k]]


def test_a_large_bank_searches_through_an_index_that_follows_merges_and_prunes() -> None:
    from neuroplast.sona.pattern import LearnedPattern

    cfg = BankConfig(index_min_patterns=1000, prune_min_weight=0.5, prune_idle_s=0.0)
    bank = ReasoningBank(cfg)
    x = _clustered(3000, 32, 0)
    bank.replace([LearnedPattern(i + 1, x[i], total_weight=1.0 + (i % 2)) for i in range(3000)])
    assert bank.indexed
    queries = _clustered(50, 32, 1)
    hits = sum(len(set(_exact_ids(bank, q, 5)) & {p.id for p, _ in bank.search(q, 5)})
               for q in queries)
    assert hits / 250 >= 0.9
    for q in queries:  # whatever the index proposes comes back in exact order
        sims = [s for _, s in bank.search(q, 5)]
        assert sims == sorted(sims, reverse=True)
    # patterns moved far by merges are found where they now are, not where they were
    bank.config = BankConfig(index_min_patterns=1000, merge_similarity=-1.0)
    far = np.random.default_rng(4).normal(size=(20, 32)).astype(np.float32)
    for v in far:  # each lands on its nearest pattern and, by its weight, moves it to v
        before = bank.search(v, 1)[0][0].id
        bank.absorb([LearnedPattern(0, v, total_weight=1e6)])
        assert bank.search(v, 1)[0][0].id == before
        assert bank.search(v, 1)[0][1] > 0.99
    assert len(bank) == 3000
    # pruned patterns are gone from the index: a strong decay leaves the light half below
    bank.config = BankConfig(index_min_patterns=1000, decay=0.4, prune_min_weight=0.5,
                             prune_idle_s=0.0)
    bank.decay_and_prune(now=1e12)
    left = {p.id for p in bank.patterns}
    assert 1000 <= len(left) < 3000
    assert bank.indexed
    for q in queries[:10]:
        assert {p.id for p, _ in bank.search(q, 5)} <= left


def test_a_bank_shrunk_below_the_index_size_searches_exactly_again() -> None:
    from neuroplast.sona.pattern import LearnedPattern

    bank = ReasoningBank(BankConfig(index_min_patterns=500))
    x = _clustered(600, 16, 2)
    bank.replace([LearnedPattern(i + 1, x[i]) for i in range(600)])
    assert bank.indexed
    bank.replace([LearnedPattern(i + 1, x[i]) for i in range(400)])
    assert not bank.indexed
    q = _clustered(1, 16, 3)[0]
    assert [p.id for p, _ in bank.search(q, 5)] == _exact_ids(bank, q, 5)
