"""Replay by experience: boundaries marked with end_experience, equal shares per experience,
draws from past experiences only, and both kept across save/load and supersede."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from neuroplast.core.replay import Example, ReplayBuffer, ReplayConfig


def item(i: int, label: int = 0, key: str = "") -> Example:
    # inputs carry the example's id; every experience holds every class, as in a
    # domain-incremental stream (permuted or rotated inputs), where a class balance is blind.
    return Example(torch.tensor([float(i)]), torch.tensor(label), key=key)


def stream(buf: ReplayBuffer, experiences: int, per: int, classes: int = 10) -> None:
    for e in range(experiences):
        if e:
            buf.end_experience()
        buf.extend(item(e * 1000 + i, i % classes) for i in range(per))


def shares(buf: ReplayBuffer, experiences: int) -> list[int]:
    return [sum(int(x.inputs) // 1000 == e for x in buf.ordinary) for e in range(experiences)]


def test_experience_policy_keeps_equal_shares_where_classes_do_not_tell_experiences_apart(
) -> None:
    # Five experiences of 300 examples (all ten classes in each) into 100 slots: exactly 20
    # of each under the experience policy (2 per experience and class); the class-balanced
    # one keeps classes equal and experiences by chance, the reservoir too.
    for seed in range(5):
        exp = ReplayBuffer(ReplayConfig(capacity=100, policy="experience", seed=seed))
        stream(exp, 5, 300)
        assert shares(exp, 5) == [20] * 5
        assert len({int(x.inputs) for x in exp.ordinary}) == 100  # no example twice
    spread = []
    for seed in range(5):
        cls = ReplayBuffer(ReplayConfig(capacity=100, policy="balanced", seed=seed))
        stream(cls, 5, 300)
        spread.append(max(shares(cls, 5)) - min(shares(cls, 5)))
    assert max(spread) > 1, spread


def test_experience_policy_samples_uniformly_within_an_experience() -> None:
    counts = torch.zeros(2, 200)
    for seed in range(200):
        buf = ReplayBuffer(ReplayConfig(capacity=20, policy="experience", seed=seed))
        stream(buf, 2, 200)
        for x in buf.ordinary:
            counts[int(x.inputs) // 1000, int(x.inputs) % 1000] += 1
    assert counts.sum(1).tolist() == [2000.0, 2000.0]  # 10 slots each, every seed
    rate = counts / 200  # each example kept with probability 10/200
    for e in range(2):
        assert float(rate[e, :100].mean()) == pytest.approx(float(rate[e, 100:].mean()),
                                                            abs=0.015)


@pytest.mark.parametrize("policy", ["reservoir", "balanced", "experience"])
def test_past_draws_never_rehearse_the_current_experience(policy: str) -> None:
    buf = ReplayBuffer(ReplayConfig(capacity=50, policy=policy, seed=1))  # type: ignore[arg-type]
    buf.extend(item(i) for i in range(30))
    assert buf.sample(10, past=True) == []  # no boundary yet: no past
    locked = Example(torch.tensor([-1.0]), torch.tensor(0), weight=4.0)
    buf.add(locked)
    assert [int(x.inputs) for x in buf.sample(10, past=True)] == [-1]  # locked still in
    assert buf.end_experience() == 1 and buf.experience == 1
    buf.extend(item(1000 + i) for i in range(100))
    drawn = [int(x.inputs) for x in buf.sample(40, past=True, locked=False)]
    assert drawn and all(0 <= d < 1000 for d in drawn)
    assert any(d >= 1000 for d in (int(x.inputs) for x in buf.sample(50, locked=False)))


def test_experiences_survive_save_load_and_supersede(tmp_path: Path) -> None:
    # One class throughout, so that the (experience, class) pairs are the experiences.
    a = ReplayBuffer(ReplayConfig(capacity=40, policy="experience", seed=2))
    stream(a, 3, 60, classes=1)
    a.extend(item(2500 + i, key="k") for i in range(30))  # still experience 2
    a.save(tmp_path / "buf.safetensors")
    b = ReplayBuffer.load(tmp_path / "buf.safetensors")
    assert b.experience == 2
    assert [int(x.inputs) for x in b.sample(40, past=True, locked=False)] == [
        int(x.inputs) for x in a.sample(40, past=True, locked=False)]
    more = [item(3000 + i) for i in range(80)]
    for buf in (a, b):
        buf.end_experience()
        buf.extend(more)
    assert [int(x.inputs) for x in a.ordinary] == [int(x.inputs) for x in b.ordinary]
    # Dropping examples keeps each survivor's experience: past draws still exclude the
    # current one, and the current one takes the freed slots and no other past share.
    assert shares(a, 4) == [10, 10, 10, 10]
    dropped = a.supersede("k", torch.tensor(1))
    assert dropped > 0
    assert all(int(x.inputs) < 3000 for x in a.sample(40, past=True, locked=False))
    a.extend(item(3100 + i) for i in range(400))
    assert shares(a, 4) == [10, 10, 10 - dropped, 10 + dropped]


def test_where_classes_arrive_apart_the_experience_policy_is_the_class_balance() -> None:
    # Two classes per experience, as in Split-Digits: equal shares per class too.
    buf = ReplayBuffer(ReplayConfig(capacity=100, policy="experience", seed=4))
    for e in range(5):
        if e:
            buf.end_experience()
        buf.extend(item(e * 1000 + i, 2 * e + i % 2) for i in range(200))
    counts = [sum(int(x.target) == c for x in buf.ordinary) for c in range(10)]
    assert counts == [10] * 10
