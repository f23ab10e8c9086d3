"""Replay buffer: locked slots survive, capacity holds, policies keep what they promise."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import torch

from neuroplast.core.replay import Example, ReplayBuffer, ReplayConfig
from neuroplast.errors import (
    ConfigError,
    EmptyBufferError,
    InvalidInputError,
    StateMismatchError,
    StoreError,
)
from neuroplast.store import save_tensors


def ex(i: int, weight: float = 1.0) -> Example:
    return Example(torch.tensor([float(i)]), torch.tensor(i), weight)


def ids(examples: list[Example]) -> list[int]:
    return [int(e.target) for e in examples]


@pytest.mark.parametrize("policy", ["reservoir", "ring", "balanced"])
def test_locked_example_survives_ten_thousand_insertions(policy: str) -> None:
    buf = ReplayBuffer(ReplayConfig(capacity=50, policy=policy))  # type: ignore[arg-type]
    assert buf.add(ex(-1, weight=4.0)) is True
    for i in range(10_000):
        assert buf.add(ex(i)) is False
    assert ids(buf.locked) == [-1]
    assert len(buf.ordinary) == 50
    assert len(buf) == 51
    assert buf.seen == 10_000
    assert -1 in ids(buf.sample(5))


def test_weight_exactly_at_threshold_locks_and_just_below_does_not() -> None:
    buf = ReplayBuffer(ReplayConfig(lock_threshold=4.0))
    assert buf.add(ex(0, weight=4.0)) is True
    assert buf.add(ex(1, weight=math.nextafter(4.0, 0.0))) is False


def test_ring_keeps_the_newest() -> None:
    buf = ReplayBuffer(ReplayConfig(capacity=10, policy="ring"))
    buf.extend(ex(i) for i in range(37))
    assert sorted(ids(buf.ordinary)) == list(range(27, 37))


def labelled(i: int, label: int) -> Example:
    return Example(torch.tensor([float(i)]), torch.tensor(label))


def test_balanced_policy_gives_classes_of_a_class_incremental_stream_equal_shares() -> None:
    # Five classes arriving one after another, 200 examples each, into 100 slots: a
    # reservoir keeps each class by chance, the balanced policy exactly 20 of each, every
    # one a real example of its class.
    buf = ReplayBuffer(ReplayConfig(capacity=100, policy="balanced", seed=3))
    for label in range(5):
        buf.extend(labelled(label * 1000 + i, label) for i in range(200))
        kept = buf.ordinary
        counts = [sum(int(e.target) == c for e in kept) for c in range(label + 1)]
        assert len(kept) == min(100, 200 * (label + 1))
        if label > 0:
            assert max(counts) - min(counts) <= 1, counts
        assert all(int(e.inputs) // 1000 == int(e.target) for e in kept)


def test_balanced_policy_samples_uniformly_within_a_class() -> None:
    # One class only: it is the plain reservoir, each of 200 items kept w.p. 20/200.
    counts = torch.zeros(200)
    for seed in range(300):
        buf = ReplayBuffer(ReplayConfig(capacity=20, policy="balanced", seed=seed))
        buf.extend(labelled(i, 0) for i in range(200))
        for e in buf.ordinary:
            counts[int(e.inputs)] += 1
    rate = counts / 300
    assert abs(float(rate.mean()) - 0.1) < 1e-6
    assert float(rate[:100].mean()) == pytest.approx(float(rate[100:].mean()), abs=0.03)


def test_balanced_buffer_saved_midway_continues_as_the_original(tmp_path: Path) -> None:
    a = ReplayBuffer(ReplayConfig(capacity=30, policy="balanced", seed=5))
    a.extend(labelled(i, i % 2) for i in range(100))
    a.save(tmp_path / "buf.safetensors")
    b = ReplayBuffer.load(tmp_path / "buf.safetensors")
    more = [labelled(1000 + i, 2 + i % 3) for i in range(200)]
    a.extend(more)
    b.extend(more)
    assert [int(e.inputs) for e in a.ordinary] == [int(e.inputs) for e in b.ordinary]
    assert sorted({int(e.target) for e in b.ordinary}) == [0, 1, 2, 3, 4]


def test_reservoir_keeps_a_roughly_uniform_sample() -> None:
    # Over many seeded runs each of the 200 items should be kept with probability 20/200.
    stream, capacity, runs = 200, 20, 300
    counts = torch.zeros(stream)
    for seed in range(runs):
        buf = ReplayBuffer(ReplayConfig(capacity=capacity, seed=seed))
        buf.extend(ex(i) for i in range(stream))
        counts[ids(buf.ordinary)] += 1
    expected = runs * capacity / stream  # 30 per item
    first_half, second_half = counts[:100].sum().item(), counts[100:].sum().item()
    # Halves: expected 3000 each; sd of a half-sum ≈ sqrt(3000·0.9) ≈ 52, so 300 is ~6 sd.
    assert abs(first_half - second_half) < 300
    # Per item: Binomial(300, 0.1) has sd ≈ 5.2; the early and late items must not differ.
    assert abs(counts[:20].mean().item() - expected) < 5
    assert abs(counts[-20:].mean().item() - expected) < 5
    # A ring would keep only the last 20 items: the reservoir must not.
    assert counts[:180].sum().item() > 0.8 * runs * capacity


def test_reservoir_is_deterministic_for_a_seed() -> None:
    def run(seed: int) -> list[int]:
        buf = ReplayBuffer(ReplayConfig(capacity=5, seed=seed))
        buf.extend(ex(i) for i in range(100))
        return ids(buf.sample(3))

    assert run(7) == run(7)
    assert run(7) != run(8)


def test_sample_returns_exactly_n_plus_all_locked() -> None:
    buf = ReplayBuffer(ReplayConfig(capacity=30))
    buf.extend(ex(i) for i in range(100))
    buf.extend(ex(1000 + i, weight=6.0) for i in range(4))
    batch = buf.sample(7)
    assert len(batch) == 7 + 4
    ordinary = ids(batch[:7])
    assert len(set(ordinary)) == 7  # without replacement
    assert set(ordinary) <= set(ids(buf.ordinary))
    assert ids(batch[7:]) == [1000, 1001, 1002, 1003]


def test_sample_more_than_stored_returns_all() -> None:
    buf = ReplayBuffer(ReplayConfig(capacity=30))
    buf.extend(ex(i) for i in range(5))
    buf.add(ex(99, weight=5.0))
    assert sorted(ids(buf.sample(50))) == [0, 1, 2, 3, 4, 99]
    assert ids(buf.sample(0)) == [99]


def test_locked_cap_is_deterministic_and_varies() -> None:
    def make(seed: int) -> ReplayBuffer:
        buf = ReplayBuffer(ReplayConfig(max_locked_in_sample=3, seed=seed))
        buf.extend(ex(i) for i in range(10))
        buf.extend(ex(100 + i, weight=4.0) for i in range(10))
        return buf

    a, b = make(3), make(3)
    draws_a = [ids(a.sample(2))[2:] for _ in range(20)]
    draws_b = [ids(b.sample(2))[2:] for _ in range(20)]
    assert draws_a == draws_b
    assert all(len(d) == 3 and len(set(d)) == 3 for d in draws_a)
    assert len({tuple(sorted(d)) for d in draws_a}) > 1  # not always the same three
    assert len(make(0).locked) == 10  # capping the sample never drops locked examples


def test_save_load_round_trip(tmp_path: Path) -> None:
    buf = ReplayBuffer(ReplayConfig(capacity=8, seed=5, max_locked_in_sample=2))
    for i in range(30):
        # Variable-shaped inputs and several dtypes must survive.
        inputs = torch.arange(i % 4 + 1, dtype=torch.float32)
        buf.add(Example(inputs, torch.tensor(i), 1.0 + i / 100))
    wide = torch.tensor([[100]], dtype=torch.int32)
    buf.add(Example(torch.ones(2, 3, dtype=torch.float64), wide, 4.5))
    buf.add(Example(torch.zeros(0), torch.tensor(7), 6.0))
    path = tmp_path / "replay.safetensors"
    buf.save(path)
    back = ReplayBuffer.load(path)

    assert back.config == buf.config
    assert back.seen == buf.seen == 30
    for got, want in zip(back.ordinary + back.locked, buf.ordinary + buf.locked, strict=True):
        assert got.weight == want.weight
        assert got.inputs.dtype == want.inputs.dtype
        assert torch.equal(got.inputs, want.inputs)
        assert torch.equal(got.target, want.target)
    # RNG state is restored: the two buffers now draw the same samples and evict alike.
    assert ids(back.sample(3)) == ids(buf.sample(3))
    for i in range(50):
        buf.add(ex(500 + i))
        back.add(ex(500 + i))
    assert ids(back.ordinary) == ids(buf.ordinary)


def test_examples_of_one_shape_are_saved_as_a_few_stacked_tensors(tmp_path: Path) -> None:
    """A checkpoint written while serving must be cheap: four tensors, not two per example
    (the variable shapes above are written one pair per example, the older format)."""
    from neuroplast.store import load_tensors

    buf = ReplayBuffer(ReplayConfig(capacity=50, seed=2))
    for i in range(80):
        buf.add(Example(torch.full((3,), float(i)), torch.tensor(float(i % 2)),
                        4.0 if i % 10 == 0 else 1.0, key=f"k{i % 7}"))
    buf.save(tmp_path / "r.safetensors")
    tensors, meta = load_tensors(tmp_path / "r.safetensors")
    assert sorted(tensors) == ["locked.inputs", "locked.targets", "ordinary.inputs",
                               "ordinary.targets"]
    assert meta["format"] == "neuroplast.replay/2"
    back = ReplayBuffer.load(tmp_path / "r.safetensors")
    for got, want in zip(back.ordinary + back.locked, buf.ordinary + buf.locked, strict=True):
        assert (got.key, got.weight) == (want.key, want.weight)
        assert torch.equal(got.inputs, want.inputs) and torch.equal(got.target, want.target)
    assert back.seen == buf.seen and ids(back.sample(5)) == ids(buf.sample(5))


def test_add_copies_so_caller_mutation_does_not_leak() -> None:
    x = torch.zeros(3)
    buf = ReplayBuffer()
    buf.add(Example(x, torch.tensor(0)))
    x += 1
    assert buf.ordinary[0].inputs.sum().item() == 0.0


def test_empty_buffer_error_says_to_add() -> None:
    with pytest.raises(EmptyBufferError, match="add examples first"):
        ReplayBuffer().sample(4)


@pytest.mark.parametrize("weight", [0.0, -1.0, float("nan"), float("inf"), True, "2"])
def test_bad_weight_is_rejected(weight: object) -> None:
    with pytest.raises(InvalidInputError, match=r"Example\.weight"):
        Example(torch.zeros(1), torch.zeros(1), weight)  # type: ignore[arg-type]


def test_non_tensor_inputs_are_rejected() -> None:
    with pytest.raises(InvalidInputError, match=r"Example\.inputs.*torch\.as_tensor"):
        Example([1.0, 2.0], torch.zeros(1))  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"Example\.target"):
        Example(torch.zeros(1), 3)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="expects an Example"):
        ReplayBuffer().add((torch.zeros(1), torch.zeros(1)))  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="n >= 0"):
        ReplayBuffer().sample(-1)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"capacity": 0}, "capacity"),
        ({"capacity": 2.5}, "capacity"),
        ({"lock_threshold": 0.0}, "lock_threshold"),
        ({"lock_threshold": float("nan")}, "lock_threshold"),
        ({"max_locked_in_sample": -1}, "max_locked_in_sample"),
        ({"policy": "lifo"}, "policy"),
        ({"seed": "x"}, "seed"),
    ],
)
def test_config_validation_names_the_field(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(ConfigError, match=f"ReplayConfig.{field}"):
        ReplayConfig(**kwargs)  # type: ignore[arg-type]


def test_infinite_threshold_disables_locking() -> None:
    buf = ReplayBuffer(ReplayConfig(lock_threshold=float("inf")))
    assert buf.add(ex(0, weight=1e9)) is False


def test_load_rejects_foreign_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        ReplayBuffer.load(tmp_path / "nope.safetensors")
    other = tmp_path / "other.safetensors"
    save_tensors(other, {"w": torch.ones(1)}, {"format": "something-else"})
    with pytest.raises(StateMismatchError, match="not a replay buffer"):
        ReplayBuffer.load(other)


def test_supersede_replaces_only_contradicting_examples_of_the_same_key(tmp_path) -> None:
    import torch

    from neuroplast.core.replay import Example, ReplayBuffer, ReplayConfig

    buf = ReplayBuffer(ReplayConfig(capacity=10))
    no, yes = torch.tensor(0.0), torch.tensor(1.0)
    buf.add(Example(torch.zeros(2), no, 6.0, key="git push --force"))  # locked refusal
    buf.add(Example(torch.ones(2), no, 6.0, key="rm -rf"))  # another locked refusal
    buf.add(Example(torch.ones(2), yes, 1.0, key="git push --force"))
    buf.add(Example(torch.ones(2), no, 1.0))  # no key: never superseded
    assert buf.supersede("git push", yes) == 0  # another key: untouched
    assert buf.supersede("", yes) == 0
    assert buf.supersede("git push --force", yes) == 1
    assert [(e.key, float(e.target)) for e in buf.locked] == [("rm -rf", 0.0)]
    assert len(buf.ordinary) == 2
    buf.save(tmp_path / "r.safetensors")
    again = ReplayBuffer.load(tmp_path / "r.safetensors")
    assert [e.key for e in again.locked] == ["rm -rf"]
    assert sorted(e.key for e in again.ordinary) == ["", "git push --force"]


def test_misuse_of_the_buffer_is_named_and_changes_nothing() -> None:
    import json
    import random

    buf = ReplayBuffer(ReplayConfig(capacity=4))
    one = Example(torch.zeros(2), torch.tensor(1.0), key="git push")
    with pytest.raises(InvalidInputError, match="key=7 must be a string"):
        Example(torch.zeros(2), torch.tensor(1.0), key=7)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="list of examples"):
        buf.extend(one)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="a string and a tensor"):
        buf.supersede("git push", 1)  # type: ignore[arg-type]
    buf.add(one)
    with pytest.raises(InvalidInputError, match=r"random\.Random"):
        buf.sample(1, rng=5)  # type: ignore[arg-type]
    assert len(buf) == 1 and buf.sample(1, rng=random.Random(0))[0].key == "git push"

    tensors, meta = buf.to_tensors()
    with pytest.raises(StateMismatchError, match="no 'config'"):
        ReplayBuffer.from_tensors(tensors, {k: v for k, v in meta.items() if k != "config"})
    state = json.loads(meta["state"])
    for bad in ({"seen": -5}, {"ordinary_keys": [7]}):
        with pytest.raises(StateMismatchError, match="incomplete replay buffer"):
            ReplayBuffer.from_tensors(tensors, {**meta, "state": json.dumps({**state, **bad})})
    assert ReplayBuffer.from_tensors(tensors, meta).sample(1)[0].key == "git push"
    older = json.dumps({**state, "ordinary_keys": [None]})  # None meant "no key" before
    assert ReplayBuffer.from_tensors(tensors, {**meta, "state": older}).sample(1)[0].key == ""
