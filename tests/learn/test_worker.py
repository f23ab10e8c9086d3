"""The process backend: same learning as the thread backend, in a real worker process."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import torch
import toys

from neuroplast.core.ewc import OnlineEWC
from neuroplast.core.replay import Example, ReplayBuffer, ReplayConfig
from neuroplast.errors import BackendUnavailable, ConfigError, NumericalError
from neuroplast.learn import LearnerConfig, ModelSpec, OnlineLearner
from neuroplast.store import load_tensors

HERE = Path(__file__).resolve().parent


@pytest.fixture(autouse=True, scope="module")
def worker_imports_toys() -> Iterator[None]:
    """The worker is a fresh interpreter: let it import this folder's ``toys``."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(HERE),
                                                             os.environ.get("PYTHONPATH")])))
        yield


def linear_spec(in_dim: int, loss: str = "toys:bce") -> ModelSpec:
    return ModelSpec(
        factory="torch.nn:Linear", kwargs={"in_features": in_dim, "out_features": 1}, loss=loss
    )


def separable(n: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(n, 4, generator=g)
    return x, (x @ torch.tensor([1.5, -2.0, 0.5, 1.0]) > 0).float()


def examples(x: torch.Tensor, y: torch.Tensor) -> list[Example]:
    return [Example(xi, yi) for xi, yi in zip(x, y, strict=True)]


def accuracy(learner: OnlineLearner, x: torch.Tensor, y: torch.Tensor) -> float:
    return ((learner.predict(x).squeeze(-1) > 0).float() == y).float().mean().item()


def test_process_backend_needs_what_the_worker_rebuilds_from() -> None:
    with pytest.raises(ConfigError, match="backend"):
        LearnerConfig(backend="gpu")  # type: ignore[arg-type]
    process = LearnerConfig(backend="process")
    with pytest.raises(ConfigError, match="model_spec"):
        OnlineLearner(torch.nn.Linear(4, 1), toys.bce, process)
    with pytest.raises(ConfigError, match="cannot import the loss"):
        OnlineLearner(torch.nn.Linear(4, 1), toys.bce, process,
                      model_spec=linear_spec(4, loss="toys:no_such_loss"))

    class LocalEWC(OnlineEWC):  # defined in a function: no process can import it
        pass

    with pytest.raises(ConfigError, match="not importable"):
        OnlineLearner(torch.nn.Linear(4, 1), toys.bce, process, LocalEWC(),
                      model_spec=linear_spec(4))
    assert OnlineLearner(torch.nn.Linear(4, 1), toys.bce, process,
                         model_spec=linear_spec(4)).worker_pid is None  # started lazily


def test_process_backend_learns_like_the_thread_backend_and_checkpoints_cross(
    tmp_path: Path,
) -> None:
    train_x, train_y = separable(256, seed=1)
    test_x, test_y = separable(200, seed=2)
    torch.manual_seed(0)
    model = torch.nn.Linear(4, 1)

    def build(backend: str) -> OnlineLearner:
        config = LearnerConfig(batch_size=32, steps_per_round=4, lr=0.05, backend=backend)
        return OnlineLearner(model, toys.bce, config, OnlineEWC(),
                             ReplayBuffer(ReplayConfig(capacity=64)), model_spec=linear_spec(4))

    proc, thread = build("process"), build("thread")
    try:
        before = accuracy(proc, test_x, test_y)
        for learner in (proc, thread):
            for _ in range(3):
                learner.learn(examples(train_x, train_y))
            assert learner.wait_idle(timeout=60)
        assert proc.worker_pid is not None and proc.worker_pid != os.getpid()
        assert proc.version == thread.version == 24
        after = accuracy(proc, test_x, test_y)
        assert after > 0.9 and after > before + 0.2, (before, after)
        # Same seed, same batches, same maths: the same model up to float round-off.
        assert torch.allclose(proc.predict(test_x), thread.predict(test_x), atol=1e-4)

        proc.save(tmp_path / "proc")  # regularizer state fetched from the worker
        saved, _ = load_tensors(tmp_path / "proc" / "regularizer.safetensors")
        expected = thread.regularizer.state_dict()
        assert sorted(saved) == sorted(expected) and saved
        for key, value in expected.items():
            assert torch.allclose(saved[key], value, atol=1e-4), key

        reader = build("thread")  # a thread learner reads the process learner's checkpoint
        reader.load(tmp_path / "proc")
        assert reader.version == 24
        assert torch.equal(reader.predict(test_x), proc.predict(test_x))

        thread.save(tmp_path / "thread")  # and the other way round, into a running worker
        more = examples(*separable(32, seed=9))
        thread.learn_now(more)
        proc.load(tmp_path / "thread")
        assert proc.version == 25  # saved 24 is not newer than its own 24
        thread.load(tmp_path / "thread")  # both now start from the same weights and state
        assert torch.equal(proc.predict(test_x), thread.predict(test_x))
        proc.learn_now(more)
        thread.learn_now(more)
        assert torch.allclose(proc.predict(test_x), thread.predict(test_x), atol=1e-4)
        assert not torch.allclose(proc.predict(test_x), reader.predict(test_x), atol=1e-4)
    finally:
        proc.close()
        thread.close()


def test_worker_replay_and_the_parents_mirror_stay_identical() -> None:
    """The worker samples its own copy of the buffer; the parent ships only new examples
    and mirrors what the buffer took (locked ones, and keyed answers that supersede older
    ones). Same contents and same model as the thread backend, which shares one buffer."""
    x, y = separable(120, seed=3)
    stream = [Example(xi, yi, 4.0 if i % 7 == 0 else 1.0, key=f"call{i % 15}")
              for i, (xi, yi) in enumerate(zip(x, y, strict=True))]
    torch.manual_seed(0)
    model = torch.nn.Linear(4, 1)

    def build(backend: str) -> OnlineLearner:
        config = LearnerConfig(batch_size=3, steps_per_round=2, replay_batch=8, lr=0.05,
                               backend=backend)
        return OnlineLearner(model, toys.bce, config,
                             replay=ReplayBuffer(ReplayConfig(capacity=16)),
                             model_spec=linear_spec(4))

    proc, thread = build("process"), build("thread")
    try:
        for learner in (proc, thread):
            learner.learn(stream)
            assert learner.wait_idle(timeout=60)
        mirror, shared = proc.replay, thread.replay
        assert mirror is not None and shared is not None
        for kind in ("ordinary", "locked"):
            a, b = getattr(mirror, kind), getattr(shared, kind)
            assert [(e.key, float(e.target)) for e in a] == [(e.key, float(e.target)) for e in b]
        # superseding happened: no key is stored with two different answers
        answers: dict[str, set[float]] = {}
        for e in mirror.ordinary + mirror.locked:
            answers.setdefault(e.key, set()).add(float(e.target))
        assert answers and all(len(v) == 1 for v in answers.values())
        assert len(mirror.locked) < sum(e.weight >= 4.0 for e in stream)
        assert torch.allclose(proc.predict(x), thread.predict(x), atol=1e-4)
    finally:
        proc.close()
        thread.close()


def test_many_rounds_per_request_train_like_one_round_per_request() -> None:
    """rounds_per_request ships a backlog in one request; the rounds are the same maths.
    A round that fails mid-request drops only its own examples: the rounds before it stand
    and the ones after it are trained by the next request."""
    x, y = separable(40, seed=4)
    good = examples(x, y)
    torch.manual_seed(0)
    model = torch.nn.Linear(4, 1)

    def build(backend: str, rounds: int = 1) -> OnlineLearner:
        config = LearnerConfig(batch_size=2, steps_per_round=2, lr=0.05, backend=backend,
                               rounds_per_request=rounds)
        return OnlineLearner(model, toys.bce, config,
                             replay=ReplayBuffer(ReplayConfig(capacity=64)),
                             model_spec=linear_spec(4))

    batched, thread = build("process", rounds=8), build("thread")
    try:
        for learner in (batched, thread):
            learner.learn(good)
            assert learner.wait_idle(timeout=60)
        assert torch.allclose(batched.predict(x), thread.predict(x), atol=1e-4)
        assert batched.version < thread.version == 20  # one publish per request

        nan = Example(torch.tensor([float("nan"), 0.0, 0.0, 0.0]), torch.tensor(1.0))
        more = examples(*separable(12, seed=5))
        stored = len(batched.replay)  # type: ignore[arg-type]
        batched.learn([*more[:4], nan, more[4], *more[5:]])  # rounds: 2, 2, [nan, x], ...
        with pytest.raises(NumericalError):
            batched.wait_idle(timeout=60)
        batched.wait_idle(timeout=60)  # the requeued rounds train after the error
        # 13 sent; only the failed round's 2 are dropped
        assert len(batched.replay) == stored + 11  # type: ignore[arg-type]
        assert torch.isfinite(batched.predict(x)).all()
    finally:
        batched.close()
        thread.close()


def test_nan_round_dead_worker_restart_and_clean_close() -> None:
    torch.manual_seed(0)
    replay = ReplayBuffer()
    config = LearnerConfig(batch_size=4, steps_per_round=2, lr=0.05, backend="process")
    learner = OnlineLearner(torch.nn.Linear(2, 1), toys.mse, config, replay=replay,
                            model_spec=linear_spec(2, loss="toys:mse"))
    good = examples(torch.randn(4, 2), torch.randn(4))
    probe = torch.randn(3, 2)
    try:
        assert learner.learn_now(good) == 1
        live, expected = learner.live_model, learner.predict(probe)
        bad = [Example(torch.tensor([float("nan"), 1.0]), torch.tensor(1.0))]
        with pytest.raises(NumericalError, match="live model kept"):
            learner.learn_now(bad)
        assert learner.version == 1 and learner.live_model is live
        learner.learn(bad)  # in the background: raised from the next call
        with pytest.raises(NumericalError):
            learner.wait_idle(timeout=30)
        assert isinstance(learner.last_error, NumericalError)
        assert torch.equal(learner.predict(probe), expected) and len(replay) == 4
        assert learner.learn_now(good) == 2 and learner.last_error is None

        pid = learner.worker_pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        learner.learn(good, marks=[1, 2, 3, 4])  # a new worker, from the live model, trains
        assert learner.wait_idle(timeout=60) and learner.last_error is None
        assert (learner.version, learner.mark, learner.worker_restarts) == (3, 4, 1)
        assert len(replay) == 12 and torch.isfinite(learner.predict(probe)).all()
        assert learner.worker_pid not in (None, pid)
        assert learner.learn_now(good) == 4
        process = learner._client._process  # type: ignore[union-attr]
    finally:
        learner.close()
    assert process is not None and process.returncode == 0  # asked to exit, and did
    assert learner.worker_pid is None


def test_a_killed_worker_loses_no_example_and_keeps_none_twice() -> None:
    """SIGKILL the worker mid-stream, three times, each once it has published: the request
    it was running and the rounds it trained since its last publish are trained again by
    a new worker; each example is in replay exactly once and the mark says the live
    model includes the last one."""
    n = 300
    x = torch.randn(n, 4, generator=torch.Generator().manual_seed(6))
    stream = [Example(xi, torch.tensor(float(i % 2)), 4.0 if i % 50 == 0 else 1.0,
                      key=f"k{i}") for i, xi in enumerate(x)]
    config = LearnerConfig(batch_size=1, steps_per_round=1, lr=0.01, backend="process",
                           rounds_per_request=4, publish_interval_s=0.3)
    learner = OnlineLearner(torch.nn.Linear(4, 1), toys.slow_mse, config,
                            replay=ReplayBuffer(ReplayConfig(capacity=n)),
                            model_spec=linear_spec(4, loss="toys:slow_mse"))
    try:
        for i, example in enumerate(stream, start=1):
            learner.learn([example], marks=[i])
        kills, seen = 0, 0
        deadline = time.monotonic() + 120
        while kills < 3 and learner.mark < n and time.monotonic() < deadline:
            if learner.mark <= seen:  # this worker has not published yet
                time.sleep(0.01)
                continue
            time.sleep(0.1)  # mid-way to its next publish
            pid = learner.worker_pid
            if pid is not None:
                os.kill(pid, signal.SIGKILL)
                kills += 1
            seen = learner.mark
        assert kills == 3, "training finished before three kills; make the stream longer"
        assert learner.wait_idle(timeout=120) and learner.last_error is None
        assert learner.worker_restarts == 3 and learner.mark == n
        replay = learner.replay
        assert replay is not None
        kept = sorted(e.key for e in replay.ordinary + replay.locked)
        assert kept == sorted(e.key for e in stream)  # each once: none lost, none twice
    finally:
        learner.close()


def test_no_pickle_in_the_learner_package() -> None:
    package = Path(__file__).resolve().parents[2] / "src" / "neuroplast" / "learn"
    for path in package.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import pickle" not in text and "torch.load(" not in text, path


def test_frames_round_trip_tied_and_strided_tensors_and_refuse_a_cut_stream() -> None:
    import io

    from neuroplast.learn.wire import read_frame, write_frame

    base = torch.arange(12.0).reshape(3, 4)
    tensors = {"a": base, "tied": base, "view": base[:, 1], "row": base[1]}
    buf = io.BytesIO()
    write_frame(buf, {"op": "x", "n": [1, 2]}, tensors)
    data = buf.getvalue()
    header, got = read_frame(io.BytesIO(data))
    assert header == {"op": "x", "n": [1, 2]}
    for name, value in tensors.items():
        assert torch.equal(got[name], value), name
    with pytest.raises(BackendUnavailable, match="closed the pipe"):
        read_frame(io.BytesIO(data[:-5]))


def test_a_rounds_examples_travel_stacked_when_alike_one_by_one_otherwise() -> None:
    import io

    from neuroplast.errors import InvalidInputError
    from neuroplast.learn.wire import pack_examples, read_frame, unpack_examples, write_frame

    def through_a_frame(exs: list[Example]) -> tuple[list[str], list[torch.Tensor],
                                                     list[torch.Tensor]]:
        buf = io.BytesIO()
        write_frame(buf, {"op": "round"}, pack_examples(exs))
        _, tensors = read_frame(io.BytesIO(buf.getvalue()))
        return sorted(tensors), *unpack_examples(tensors, len(exs))

    x, y = separable(5, seed=0)
    alike = examples(x, y)
    names, inputs, targets = through_a_frame(alike)
    assert names == ["inputs", "target"]  # two tensors, not two per example
    assert all(torch.equal(a, e.inputs) for a, e in zip(inputs, alike, strict=True))
    assert all(torch.equal(t, e.target) for t, e in zip(targets, alike, strict=True))

    mixed = [Example(torch.zeros(2), torch.tensor(1)), Example(torch.ones(2), torch.tensor(0.5))]
    names, inputs, targets = through_a_frame(mixed)
    assert names == ["n0.inputs", "n0.target", "n1.inputs", "n1.target"]
    assert [t.dtype for t in targets] == [torch.int64, torch.float32]  # no type promotion
    assert [t.item() for t in targets] == [1, 0.5]

    with pytest.raises(InvalidInputError, match="stacks 5 inputs and 5 targets for 6"):
        unpack_examples(pack_examples(alike), 6)
    with pytest.raises(InvalidInputError, match=r"lacks 'n2\.inputs'"):
        unpack_examples(pack_examples(mixed), 3)
