"""Trajectory types, LearnedPattern's verbs, and SonaConfig's validation and presets."""

from __future__ import annotations

import json

import numpy as np
import pytest

from neuroplast.errors import ConfigError, InvalidInputError
from neuroplast.sona.config import BankConfig, SonaConfig
from neuroplast.sona.pattern import LearnedPattern
from neuroplast.sona.presets import PRESETS
from neuroplast.sona.types import TrajectoryBuilder


def test_a_builder_validates_each_input_where_it_arrives() -> None:
    b = TrajectoryBuilder([0.1, 0.2], dim=2)
    with pytest.raises(InvalidInputError, match="reward"):
        b.add_step([1.0], [1.0], reward=float("inf"))
    with pytest.raises(InvalidInputError, match="attention"):
        b.add_step([1.0], [float("nan")], reward=0.0)
    with pytest.raises(InvalidInputError, match=r"quality=1\.5"):
        b.build(1.5)
    with pytest.raises(InvalidInputError, match="has 3 values but this engine uses 2"):
        TrajectoryBuilder([1.0, 2.0, 3.0], dim=2)
    t = b.add_step([1.0], [], 0.3).add_step([2.0], [], 0.5).build(0.7, trajectory_id=9)
    assert (t.id, [s.index for s in t.steps], t.mean_reward) == (9, [0, 1], 0.4)
    assert TrajectoryBuilder([1.0]).build(0.25).mean_reward == 0.25  # no steps: quality


def test_pattern_merge_is_weighted_and_keeps_route_evidence() -> None:
    heavy = LearnedPattern(1, [1.0, 0.0], cluster_size=9, total_weight=9.0, avg_quality=1.0,
                           route_stats={"a": (9.0, 9.0)})
    light = LearnedPattern(2, [0.0, 1.0], cluster_size=1, total_weight=1.0, avg_quality=0.0,
                           route_stats={"a": (0.0, 1.0), "b": (1.0, 1.0)})
    heavy.merge(light)
    assert heavy.avg_quality == pytest.approx(0.9)
    expected = np.array([0.9, 0.1]) / np.linalg.norm([0.9, 0.1])
    assert np.allclose(heavy.centroid, expected, atol=1e-6)
    assert heavy.route_quality("a") == pytest.approx((0.9, 10.0))
    assert heavy.route_quality("b") == pytest.approx((1.0, 1.0))
    assert np.isnan(heavy.route_quality("c")[0])


def test_decay_touch_and_prune() -> None:
    p = LearnedPattern(1, [1.0], total_weight=1.0, last_accessed=0.0,
                       route_stats={"a": (2.0, 4.0)})
    p.decay(0.5)
    assert (p.total_weight, p.route_stats["a"]) == (0.5, (1.0, 2.0))
    assert p.route_quality("a")[0] == 0.5  # decay scales evidence, not the mean
    assert p.should_prune(min_weight=0.6, max_idle_s=10.0, now=100.0)
    assert not p.should_prune(min_weight=0.4, max_idle_s=10.0, now=100.0)  # heavy enough
    p.touch(now=95.0)
    assert p.access_count == 1
    assert not p.should_prune(min_weight=0.6, max_idle_s=10.0, now=100.0)  # used recently
    assert p.similarity([0.0]) == 0.0
    back = LearnedPattern.from_dict(json.loads(json.dumps(p.to_dict())))
    assert back.to_dict() == p.to_dict()


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_every_preset_is_valid_and_round_trips(name: str) -> None:
    cfg = getattr(SonaConfig, name)()
    assert cfg == PRESETS[name]()
    assert SonaConfig.from_json(cfg.to_json()) == cfg


def test_presets_differ_where_their_purpose_says() -> None:
    default = SonaConfig()
    assert SonaConfig.max_throughput().micro_lora_rank == 1
    assert SonaConfig.max_quality().base_lora_rank == 16
    assert SonaConfig.edge_deployment().trajectory_capacity < default.trajectory_capacity
    assert SonaConfig.for_ephemeral().min_trajectories < default.min_trajectories
    assert SonaConfig.for_coordinator().bank.max_patterns > default.bank.max_patterns


@pytest.mark.parametrize(("fields", "message"), [
    ({"micro_lora_rank": 3}, "micro_lora_rank=3"),
    ({"base_lora_rank": 2}, "base_lora_rank=2"),
    ({"exploration": "greedy"}, "use 'ucb' or 'thompson'"),
    ({"quality_threshold": 1.5}, "quality_threshold=1.5"),
    ({"min_trajectories": 50, "trajectory_capacity": 10}, "exceeds trajectory_capacity"),
    ({"hidden_dim": 2.5}, "must be an integer"),
    ({"bank": {"decay": 0.0}}, "BankConfig.decay=0.0"),
    ({"ewc": {"gamma": 1.0}}, "EWCPlusPlusConfig.gamma=1.0"),
    ({"hiden_dim": 3}, "no field 'hiden_dim'"),
])
def test_bad_config_names_the_field(fields: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        SonaConfig.from_dict(fields)


def test_nested_tables_start_from_their_defaults() -> None:
    cfg = SonaConfig.from_dict({"bank": {"pattern_clusters": 7}})
    assert cfg.bank == BankConfig(pattern_clusters=7)
