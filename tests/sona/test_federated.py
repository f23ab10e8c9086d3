"""Federation: bundles are validated whole before use, the coordinator's patterns are real
and not duplicated, accepted + rejected = sent, and a warm-started agent beats a cold one."""

from __future__ import annotations

import json
import struct

import numpy as np
import pytest

from neuroplast.errors import InvalidInputError
from neuroplast.sona import SonaConfig
from neuroplast.sona.federated import EphemeralAgent, FederatedCoordinator

DIM = 16
KINDS = np.random.default_rng(11).normal(size=(3, DIM))
TABLE = {0: {"fast": 0.9, "code": 0.3, "large": 0.5},
         1: {"fast": 0.2, "code": 0.9, "large": 0.6},
         2: {"fast": 0.4, "code": 0.3, "large": 0.85}}
CFG = SonaConfig(embedding_dim=DIM, hidden_dim=32, min_trajectories=20,
                 background_interval_s=0.0, bank={"min_cluster_size": 2})


def _query(rng: np.random.Generator, kind: int) -> np.ndarray:
    v = KINDS[kind] + rng.normal(0, 0.2, DIM)
    return (v / np.linalg.norm(v)).astype(np.float32)


def _work(agent: EphemeralAgent, rng: np.random.Generator, n: int) -> float:
    """``n`` queries routed by the agent's engine; the mean quality it earned."""
    total = 0.0
    for _ in range(n):
        kind = int(rng.integers(3))
        x = _query(rng, kind)
        route = agent.engine.suggest_route(x, ["fast", "code", "large"]).route
        quality = float(np.clip(TABLE[kind][route] + rng.normal(0, 0.05), 0, 1))
        agent.record(x, route, quality)
        total += quality
    return total / n


@pytest.mark.slow  # ~50 s on a busy 2-core machine: 6 agents, then 6 more
def test_agents_feed_the_coordinator_and_warm_start_the_next() -> None:
    coord = FederatedCoordinator(CFG, consolidate_every=3, agent_config=CFG)
    rng = np.random.default_rng(0)
    for a in range(6):
        agent = coord.new_agent(f"agent-{a}")
        _work(agent, rng, 80)
        report = coord.aggregate(agent.export())
        assert report["accepted"] + report["rejected"] == report["sent"] == 80
        assert report["patterns"] > 0
        agent.close()
    stats = coord.stats()
    assert stats["accepted"] + stats["rejected"] == stats["sent"] == 480
    assert stats["consolidations"] == 2 and stats["agents"] == 6
    patterns = coord.get_all_patterns()
    assert patterns and len(coord.get_initial_patterns(2)) == 2
    assert all(p.route_stats for p in patterns)
    size = len(patterns)
    assert size <= 12  # three kinds of query: merged, not one copy per agent

    warm_q, cold_q = [], []
    for trial in range(3):
        warm = coord.new_agent(f"warm-{trial}")
        cold = EphemeralAgent(f"cold-{trial}", CFG)
        warm_q.append(_work(warm, np.random.default_rng(100 + trial), 40))
        cold_q.append(_work(cold, np.random.default_rng(100 + trial), 40))
    # measured at b9a3db9+: warm 0.86, cold 0.80 mean quality over the first 40 queries
    assert np.mean(warm_q) > np.mean(cold_q) + 0.03


def test_hierarchical_regional_coordinators_forward_to_a_global_one() -> None:
    rng = np.random.default_rng(1)
    world = FederatedCoordinator(CFG, consolidate_every=10)
    for region in ("eu", "us"):
        regional = FederatedCoordinator(CFG, consolidate_every=1)
        agent = regional.new_agent(f"{region}-1")
        _work(agent, rng, 60)
        regional.aggregate(agent.export())
        report = world.aggregate(regional.export(f"region-{region}"))
        assert report["patterns"] > 0 and report["accepted"] > 0
    assert world.stats()["agents"] == 2 and world.get_all_patterns()


def _bundle() -> bytes:
    agent = EphemeralAgent("a", CFG)
    _work(agent, np.random.default_rng(2), 30)
    return agent.export()


def _with_header(data: bytes, change) -> bytes:
    (size,) = struct.unpack("<I", data[:4])
    head = json.loads(data[4:4 + size])
    change(head)
    raw = json.dumps(head).encode()
    return struct.pack("<I", len(raw)) + raw + data[4 + size:]


@pytest.mark.parametrize(("mangle", "message"), [
    (lambda d: b"\x00\x01garbage", "truncated or not a bundle"),
    (lambda d: d[:-10], "digest does not match"),
    (lambda d: _with_header(d, lambda h: h["qualities"].__setitem__(0, 0.99)),
     "digest does not match"),
    (lambda d: _with_header(d, lambda h: h.update(format="other/9")), "format is 'other/9'"),
    (lambda d: d + b"\x00" * 2048, "over the limit"),
])
def test_bad_bundles_are_refused_and_nothing_is_stored(mangle, message: str) -> None:
    coord = FederatedCoordinator(CFG)
    data = _bundle()
    before = (coord.stats(), coord.engine.stats()["recorded"])
    with pytest.raises(InvalidInputError, match=message):
        if message == "over the limit":
            from neuroplast.sona.bundle import read_bundle

            read_bundle(mangle(data), CFG, max_bytes=len(data))
        else:
            coord.aggregate(mangle(data))
    assert (coord.stats(), coord.engine.stats()["recorded"]) == before


def test_a_bundle_from_a_differently_shaped_engine_is_refused() -> None:
    other = SonaConfig(embedding_dim=DIM, hidden_dim=8, min_trajectories=20,
                       background_interval_s=0.0)
    agent = EphemeralAgent("odd", other)
    _work(agent, np.random.default_rng(3), 25)
    coord = FederatedCoordinator(CFG)
    with pytest.raises(InvalidInputError, match="has shape"):
        coord.aggregate(agent.export())
    assert coord.stats()["sent"] == 0


def test_a_warm_start_hands_over_how_sure_the_route_choice_is() -> None:
    """The coordinator's last-layer precision per route, model error, outcome noise and
    variogram reach the agent through the warm-start bundle: the agent's router is as sure
    as the coordinator's where the coordinator saw evidence, not a fresh model's spread."""
    import torch

    from neuroplast.sona.bundle import read_bundle
    from neuroplast.sona.distributed import CoordinatorService

    service = CoordinatorService(CFG.to_json(), consolidate_every=1)
    for a in range(2):  # the first agent's trajectories arrive before any pattern exists
        agent = EphemeralAgent(f"a{a}", CFG)
        _work(agent, np.random.default_rng(4 + a), 60)
        service.aggregate(agent.export())
    coord = service.coordinator.engine
    start = read_bundle(service.warm_start(), CFG)
    warm, cold = EphemeralAgent("warm", CFG), EphemeralAgent("cold", CFG)
    warm.warm_start(start.weights, start.routes, start.patterns, start.stats, start.state,
                    start.outcomes())
    x = torch.from_numpy(_query(np.random.default_rng(5), 1))
    seen = [coord.routes[r] for r in ("fast", "code", "large")]
    spread_coord = coord.instant.predict(x)[1][seen]
    spread_warm = warm.engine.instant.predict(x)[1][seen]
    spread_cold = cold.engine.instant.predict(x)[1][seen]
    assert torch.allclose(spread_warm, spread_coord)
    assert bool((spread_warm < spread_cold).all())
    assert float(spread_warm.mean()) < 0.5 * float(spread_cold.mean())
    assert warm.engine.stats()["model_err2"] == coord.stats()["model_err2"]
    assert np.array_equal(warm.engine.shrinkage.gap, coord.shrinkage.gap)
    assert np.array_equal(warm.engine.shrinkage.pairs, coord.shrinkage.pairs)
    # and the evidence near the patterns it hands over: the coordinator's latest outcomes
    # there, filed as the agent's own (not learnt from again, not counted as recorded)
    assert len(start.qualities) >= 20
    held = [t for slot in warm.engine._keyed.values() for t in slot]
    assert 0 < len(held) <= len(start.qualities) and warm.engine.stats()["recorded"] == 0
    s = warm.engine.suggest_route(x.numpy(), ["fast", "code", "large"])
    assert "latest outcomes near here" in s.reason
    assert "latest outcomes near here" not in cold.engine.suggest_route(
        x.numpy(), ["fast", "code", "large"]).reason
    ids = {t.id for t in held}
    warm.record(x.numpy(), "code", 0.9)  # the agent's own trajectories get new ids
    assert len({t.id for slot in warm.engine._keyed.values() for t in slot} - ids) == 1


def _bad_cov(shape: tuple[int, ...], fill: float = 0.0) -> dict:
    import torch

    return {"instant.cov": torch.full(shape, fill)}


ROUTES = CFG.max_routes, CFG.hidden_dim, CFG.hidden_dim


@pytest.mark.parametrize(("state", "errors", "message"), [
    (_bad_cov((2, 3, 3)), {}, "instant.cov has shape"),
    (_bad_cov(ROUTES, float("nan")), {}, "non-finite"),
    ({}, {"variogram": {"gap": [0.1], "pairs": [1]}}, "variogram must hold"),
    ({}, {"model_err2": 2.0}, "must be a number in"),
    ({}, {"outcomes": [(np.ones(DIM), "fast", 1.5)]}, "quality 1.5 must be in"),
    ({}, {"outcomes": [(np.ones(DIM + 1), "fast", 0.5)]}, "outcome embedding"),
])
def test_a_bad_route_state_is_refused_and_nothing_changes(state, errors, message) -> None:
    agent = EphemeralAgent("a", CFG)
    eng = agent.engine
    before = (eng.instant.cov.clone(), eng.instant.err2, eng.shrinkage.gap.copy())
    outcomes = errors.pop("outcomes", [])
    with pytest.raises(InvalidInputError, match=message):
        agent.warm_start({}, ["fast"], [], {"outcome_noise2": 0.5, **errors}, state,
                         [(np.ones(DIM), "fast", 0.5), *outcomes])
    assert bool((eng.instant.cov == before[0]).all()) and eng.instant.err2 == before[1]
    assert np.array_equal(eng.shrinkage.gap, before[2]) and eng.shrinkage.noise2 != 0.5
    assert eng.routes == {} and not eng._keyed
