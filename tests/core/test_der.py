"""DER++: the loss by hand, logits recorded and saved, and the learner keeping locked
examples' guarantees (never evicted, in every step's batch) while it replays logits."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from neuroplast.core.der import DERConfig, der_loss, record_logits
from neuroplast.core.replay import Example, ReplayBuffer, ReplayConfig
from neuroplast.errors import ConfigError
from neuroplast.learn import LearnerConfig, OnlineLearner
from neuroplast.learn.training import DERStep, TrainingCopy


def _ce(out: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return torch.nn.functional.cross_entropy(out, y, reduction="none")


def _model(seed: int = 0) -> torch.nn.Module:
    torch.manual_seed(seed)
    return torch.nn.Sequential(torch.nn.Linear(3, 8), torch.nn.Tanh(), torch.nn.Linear(8, 4))


def _examples(n: int, seed: int, weight: float = 1.0, logits: bool = False) -> list[Example]:
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn(n, 3, generator=gen)
    y = torch.randint(0, 4, (n,), generator=gen)
    z = torch.randn(n, 4, generator=gen) if logits else [None] * n
    return [Example(x[i], y[i], weight + i / 10, logits=z[i]) for i in range(n)]


def test_der_loss_equals_the_formula_by_hand() -> None:
    model = _model()
    gen = torch.Generator().manual_seed(1)
    x, y = torch.randn(5, 3, generator=gen), torch.randint(0, 4, (5,), generator=gen)
    w = torch.tensor([1.0, 2.0, 1.0, 0.5, 4.0])
    logit_ex = _examples(3, seed=2, logits=True) + _examples(1, seed=9)  # one without logits
    label_ex = _examples(4, seed=3, weight=2.0)
    cfg = DERConfig(alpha=0.3, beta=0.7)
    got = der_loss(model, _ce, (x, y, w), logit_ex, label_ex, cfg)

    task = (_ce(model(x), y) * w).mean()
    with_z = logit_ex[:3]
    xm = torch.stack([e.inputs for e in with_z])
    zm = torch.stack([e.logits for e in with_z])  # type: ignore[misc]
    wm = torch.tensor([e.weight for e in with_z])
    mse = (((model(xm) - zm) ** 2).mean(1) * wm).mean()
    xl = torch.stack([e.inputs for e in label_ex])
    yl = torch.stack([e.target for e in label_ex])
    wl = torch.tensor([e.weight for e in label_ex])
    labels = (_ce(model(xl), yl) * wl).mean()
    want = task + 0.3 * mse + 0.7 * labels
    assert got.item() == pytest.approx(want.item(), rel=1e-6)
    g_got = torch.autograd.grad(got, list(model.parameters()))
    g_want = torch.autograd.grad(want, list(model.parameters()))
    for a, b in zip(g_got, g_want, strict=True):
        torch.testing.assert_close(a, b, rtol=1e-5, atol=1e-7)
    # beta = 0 is DER: the label draw does not count.
    der = der_loss(model, _ce, (x, y, w), logit_ex, label_ex, DERConfig(alpha=0.3, beta=0.0))
    assert der.item() == pytest.approx((task + 0.3 * mse).item(), rel=1e-6)


def test_record_logits_are_eval_outputs_owned_copies_and_mode_is_restored() -> None:
    model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Dropout(0.5))
    model.train()
    examples = _examples(6, seed=4)
    recorded = record_logits(model, examples)
    model.eval()
    with torch.no_grad():
        want = model(torch.stack([e.inputs for e in examples]))
    for r, e, z in zip(recorded, examples, want, strict=True):
        assert r.logits is not None and torch.equal(r.logits, z)  # no dropout: eval outputs
        assert (r.weight, r.key, e.logits) == (e.weight, e.key, None)
    assert record_logits(model.train(), []) == [] and model.training


@pytest.mark.parametrize("mixed_shapes", [False, True])
def test_logits_survive_save_and_load(tmp_path: Path, mixed_shapes: bool) -> None:
    buf = ReplayBuffer(ReplayConfig(capacity=5, seed=1))
    for e in _examples(8, seed=5, logits=True) + _examples(2, seed=6, weight=5.0, logits=True):
        buf.add(e)
    if mixed_shapes:  # the older one-pair-per-example format, some without logits
        buf.add(Example(torch.zeros(2), torch.tensor(1), 6.0))
    buf.save(tmp_path / "r.safetensors")
    back = ReplayBuffer.load(tmp_path / "r.safetensors")
    assert len(back.locked) == len(buf.locked) == (3 if mixed_shapes else 2)
    for got, want in zip(back.ordinary + back.locked, buf.ordinary + buf.locked, strict=True):
        if want.logits is None:
            assert got.logits is None
        else:
            assert got.logits is not None and torch.equal(got.logits, want.logits)


def test_sample_without_locked_draws_ordinary_examples_only() -> None:
    buf = ReplayBuffer(ReplayConfig(capacity=10))
    for e in _examples(6, seed=7) + _examples(2, seed=8, weight=4.0):
        buf.add(e)
    drawn = buf.sample(4, locked=False)
    assert len(drawn) == 4 and all(e.weight < 4.0 for e in drawn)
    assert len(buf.sample(4)) == 6


def test_training_copy_keeps_locked_examples_in_every_step_and_stores_logits() -> None:
    replay = ReplayBuffer(ReplayConfig(capacity=6, seed=0))
    locked = _examples(2, seed=10, weight=4.0)
    config = LearnerConfig(batch_size=4, steps_per_round=3, replay_batch=3, lr=0.05,
                           der=DERConfig(alpha=0.5, beta=0.5))
    trainer = TrainingCopy(_model(), _ce, config, replay=replay)
    trainer.learn(locked, restore=trainer.weights())
    steps: list[DERStep] = []
    real_round = trainer.round

    def recording_round(batches, restore, between_steps=None):  # type: ignore[no-untyped-def]
        steps.extend(batches)
        real_round(batches, restore, between_steps)

    trainer.round = recording_round  # type: ignore[method-assign]
    for r in range(30):  # far more ordinary examples than the buffer holds
        trainer.learn(_examples(4, seed=100 + r), restore=trainer.weights())
    # Never evicted: both locked examples are still there, with the logits of the model
    # that learnt them.
    assert [e.target.item() for e in replay.locked] == [e.target.item() for e in locked]
    assert all(e.logits is not None for e in replay.locked)
    assert len(replay.ordinary) == 6 and all(e.logits is not None for e in replay.ordinary)
    # In every step's own batch, at full weight; the DER draws hold ordinary examples only.
    assert len(steps) == 90
    for i, step in enumerate(steps):
        inputs, _, weights = step.batch
        for e in locked:
            hits = [i for i in range(len(inputs)) if torch.equal(inputs[i], e.inputs)]
            assert len(hits) == 1 and weights[hits[0]].item() == pytest.approx(e.weight)
        assert all(e.weight < 4.0 for e in step.logit_examples + step.label_examples)
        # The first round had no ordinary example stored yet; from then on, 3 per draw.
        assert len(step.logit_examples) == len(step.label_examples) == (0 if i < 3 else 3)


def test_der_learner_stores_the_published_models_logits() -> None:
    replay = ReplayBuffer(ReplayConfig(capacity=100))
    config = LearnerConfig(batch_size=8, steps_per_round=2, lr=0.05, der=DERConfig())
    with OnlineLearner(_model(), _ce, config, replay=replay) as learner:
        batch = _examples(8, seed=11)
        learner.learn_now(batch)
        stored = replay.ordinary
        live = learner.live_model
        with torch.no_grad():
            want = live(torch.stack([e.inputs for e in batch]))
    assert len(stored) == 8
    for e, z in zip(stored, want, strict=True):
        assert e.logits is not None
        torch.testing.assert_close(e.logits, z)


def test_der_config_validates() -> None:
    with pytest.raises(ConfigError, match="alpha"):
        DERConfig(alpha=-1.0)
    with pytest.raises(ConfigError, match="der"):
        LearnerConfig(der="yes")  # type: ignore[arg-type]
    assert LearnerConfig.from_json(LearnerConfig(der=DERConfig(beta=0.0)).to_json()).der == \
        DERConfig(beta=0.0)
