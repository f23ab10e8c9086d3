"""The engine as a user drives it: routes learnt from outcomes, drift followed, quiet query
kinds remembered, nothing dropped below the minimum, save/load resumes, bad input refused."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest
import torch

from neuroplast.errors import InvalidInputError
from neuroplast.sona import Engine, SonaConfig
from neuroplast.sona.pattern import LearnedPattern

DIM = 16
KINDS = np.random.default_rng(11).normal(size=(3, DIM))


def _query(rng: np.random.Generator, kind: int) -> np.ndarray:
    v = KINDS[kind] + rng.normal(0, 0.2, DIM)
    return (v / np.linalg.norm(v)).astype(np.float32)


def _engine(**kw: object) -> Engine:
    fields = {"embedding_dim": DIM, "hidden_dim": 32, "background_interval_s": 0.0,
              "min_trajectories": 50, **kw}
    return Engine(SonaConfig(**fields))  # type: ignore[arg-type]


def _serve(eng: Engine, rng: np.random.Generator, kinds: list[int], table: dict, n: int
           ) -> float:
    """Route ``n`` queries of ``kinds``; the fraction sent to each kind's best route."""
    hits = 0
    for _ in range(n):
        kind = int(rng.choice(kinds))
        x = _query(rng, kind)
        s = eng.suggest_route(x, ["fast", "code", "large"])
        quality = float(np.clip(table[kind][s.route] + rng.normal(0, 0.05), 0, 1))
        hits += s.route == max(table[kind], key=table[kind].get)
        eng.end_trajectory(eng.begin_trajectory(x).set_route(s.route), quality)
        eng.tick()
    return hits / n


TABLE = {0: {"fast": 0.9, "code": 0.3, "large": 0.5},
         1: {"fast": 0.2, "code": 0.9, "large": 0.6},
         2: {"fast": 0.4, "code": 0.3, "large": 0.85}}


@pytest.mark.slow  # ~40 s on a busy 2-core machine: 1,350 trajectories, 25 cycles
def test_learns_routes_follows_a_drift_and_remembers_a_quiet_kind() -> None:
    rng = np.random.default_rng(0)
    eng = _engine()
    _serve(eng, rng, [0, 1, 2], TABLE, 600)
    assert _serve(eng, rng, [0, 1, 2], TABLE, 200) > 0.85
    drifted = {**TABLE, 1: {"fast": 0.2, "code": 0.1, "large": 0.6}}  # the code model broke
    _serve(eng, rng, [1, 2], drifted, 400)  # kind 0 goes quiet meanwhile
    # before the drift every kind-1 query went to "code"; now most go to "large"
    assert _serve(eng, rng, [1], drifted, 100) >= 0.75
    assert _serve(eng, rng, [0], drifted, 50) > 0.85  # kind 0 was not forgotten
    stats = eng.stats()
    assert stats["cycles"] >= 20 and stats["patterns"] > 0 and stats["base_delta_norm"] > 0
    assert stats["explored"] > 0


@pytest.mark.slow  # ~60 s on a busy 2-core machine: 4 streams of 1,000 trajectories
@pytest.mark.parametrize("seed", [0, 1])
def test_ewcpp_task_boundary_fires_after_a_drift_and_never_without(seed: int) -> None:
    fired = {}
    for drift in (True, False):
        rng = np.random.default_rng(seed)
        eng = _engine()
        _serve(eng, rng, [0, 1, 2], TABLE, 500)
        before = eng.stats()["ewc_boundaries_detected"]
        later = {**TABLE, 1: {"fast": 0.2, "code": 0.1, "large": 0.6}} if drift else TABLE
        counts = []
        for _ in range(10):  # 500 more, in steps of 50 (one background cycle each)
            _serve(eng, rng, [0, 1, 2], later, 50)
            counts.append(eng.stats()["ewc_boundaries_detected"])
        fired[drift] = (before, counts)
        assert eng.stats()["ewc_tasks"] == counts[-1]
    assert fired[False] == (0, [0] * 10)                  # no drift: never
    before, counts = fired[True]
    assert before == 0 and counts[-1] >= 1 and counts[3] >= 1  # within 200 of the drift


def test_below_the_minimum_nothing_is_dropped_and_force_learn_bypasses_it() -> None:
    rng = np.random.default_rng(1)
    eng = _engine(min_trajectories=50)
    for i in range(30):
        b = eng.begin_trajectory(_query(rng, i % 3)).set_route("fast").add_step([0.1], [], 0.5)
        eng.end_trajectory(b, 0.8)
    assert eng.tick() is False
    assert eng.stats()["buffered_new"] == 30 and eng.stats()["cycles"] == 0
    assert eng.force_learn() is True
    s = eng.stats()
    assert (s["buffered_new"], s["buffered"], s["cycles"], s["evicted"]) == (0, 30, 1, 0)
    assert eng.force_learn() is False  # nothing new: no cycle, nothing invented


def test_the_oldest_past_capacity_are_evicted_and_counted() -> None:
    eng = _engine(trajectory_capacity=20, min_trajectories=5)
    rng = np.random.default_rng(2)
    for _ in range(25):
        eng.end_trajectory(eng.begin_trajectory(_query(rng, 0)).set_route("a"), 0.5)
    s = eng.stats()
    assert (s["recorded"], s["buffered"], s["evicted"], s["buffered_new"]) == (25, 20, 5, 20)


def test_save_and_load_resume_the_same_state(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    eng = _engine(min_trajectories=40)
    _serve(eng, rng, [0, 1, 2], TABLE, 130)  # 3 cycles, 10 buffered
    eng.save(tmp_path)
    back = Engine.load(tmp_path)
    x = _query(rng, 1)
    a, b = eng.suggest_route(x, ["fast", "code", "large"]), back.suggest_route(x)
    assert a.scores == b.scores and a.uncertainty == b.uncertainty
    assert [p.to_dict() for p in eng.bank.patterns] == [p.to_dict() for p in back.bank.patterns]
    for key in ("buffered", "buffered_new", "cycles", "recorded", "ewc_tasks", "routes"):
        assert eng.stats()[key] == back.stats()[key]
    h = rng.normal(size=(4, 32)).astype(np.float32)
    assert np.array_equal(eng.apply_base_lora("adapt", h), back.apply_base_lora("adapt", h))
    assert {k: [t.id for t in v] for k, v in eng._keyed.items()} == \
        {k: [t.id for t in v] for k, v in back._keyed.items()}  # the replay resumes too
    assert not list(tmp_path.glob("*.pkl")) and not list(tmp_path.glob("*.pt"))


def test_a_damaged_save_is_a_state_error_not_a_half_loaded_engine(tmp_path: Path) -> None:
    import json

    from neuroplast.errors import StateMismatchError
    from neuroplast.store import load_tensors, save_tensors

    rng = np.random.default_rng(3)
    eng = _engine(min_trajectories=40)
    _serve(eng, rng, [0, 1, 2], TABLE, 60)
    eng.save(tmp_path)
    meta = json.loads((tmp_path / "engine.json").read_text())
    edits = [{"routes": {**meta["routes"], "x": 99}},
             {"trajectories": [{**meta["trajectories"][0], "quality": 7.0},
                               *meta["trajectories"][1:]]},
             {"config": None}, {"n_buffer": "x"}]
    for edit in edits:
        (tmp_path / "engine.json").write_text(json.dumps({**meta, **edit}))
        with pytest.raises(StateMismatchError):
            Engine.load(tmp_path)
    (tmp_path / "engine.json").write_text(json.dumps(meta))
    tensors, tmeta = load_tensors(tmp_path / "engine.safetensors")
    name = next(k for k in tensors if k.startswith("net."))
    save_tensors(tmp_path / "engine.safetensors",
                 {**tensors, name: torch.full_like(tensors[name], float("nan"))}, tmeta)
    with pytest.raises(StateMismatchError, match="NaN"):
        Engine.load(tmp_path)
    eng.close()


def test_outcomes_count_at_the_similarity_of_the_queries_behind_them() -> None:
    """A pattern between two kinds of query holds outcomes of both (each filed under the
    pattern nearest its query); for a query of one kind, the other kind's outcomes count
    at the similarity of their own queries, not at the pattern's."""
    eng = _engine(min_trajectories=1000)
    kind_a, kind_b = np.eye(DIM, dtype=np.float32)[:2]
    eng.bank.replace([LearnedPattern(1, kind_a + kind_b)])   # 0.71 from both kinds
    for _ in range(4):
        eng.end_trajectory(eng.begin_trajectory(kind_b).set_route("x"), 0.1)
    eng.end_trajectory(eng.begin_trajectory(kind_a).set_route("y"), 0.9)
    near = eng.bank.search(kind_a, 1)
    assert abs(near[0][1] - 2 ** -0.5) < 1e-4
    (sim_x, held_x), = eng._evidence(near, "x", kind_a)
    (sim_y, held_y), = eng._evidence(near, "y", kind_a)
    assert held_x == [0.1] * 4 and abs(sim_x) < 1e-6          # kind b's outcomes: far
    assert held_y == [0.9] and abs(sim_y - 1.0) < 1e-6        # its own kind's: close
    # measured: regions as dissimilar as the two kinds differ by 0.25 (sd 0.5), close
    # ones not at all; kind b's outcomes then move kind a's estimate of "x" less (at the
    # pattern's similarity both kinds' estimates were pulled to 0.10 alike)
    eng.shrinkage.pairs[:] = 100
    eng.shrinkage.gap[:] = eng.shrinkage.noise2
    eng.shrinkage.gap[:10] += 0.25
    on_a = eng.suggest_route(kind_a, ["x", "y"]).scores["x"]
    on_b = eng.suggest_route(kind_b, ["x", "y"]).scores["x"]
    assert on_b < 0.12 and on_a - on_b > 0.07


def test_adapters_apply_to_one_vector_or_a_batch() -> None:
    rng = np.random.default_rng(4)
    eng = _engine()
    _serve(eng, rng, [0, 1], TABLE, 120)
    h = rng.normal(size=(3, 32)).astype(np.float32)
    batch = eng.apply_micro_lora(h)
    assert np.allclose(batch[1], eng.apply_micro_lora(h[1]), atol=1e-6)
    assert np.abs(batch - h).max() > 1e-4  # the instant loop's adapter is not zero
    assert np.abs(eng.apply_base_lora("adapt", h) - h).max() > 1e-4


def test_find_patterns_touches_what_it_returns() -> None:
    rng = np.random.default_rng(5)
    eng = _engine(min_trajectories=30)
    _serve(eng, rng, [0, 1, 2], TABLE, 90)
    found = eng.find_patterns(_query(rng, 2), k=2)
    assert len(found) == 2 and all(p.access_count == 1 for p in found)
    suggestion = eng.suggest_route(_query(rng, 2), ["fast", "code", "large"])
    assert "nearest pattern" in suggestion.reason and suggestion.patterns


def test_the_background_runs_on_its_own() -> None:
    rng = np.random.default_rng(6)
    with _engine(background_interval_s=0.05, min_trajectories=10) as eng:
        for i in range(20):
            eng.end_trajectory(eng.begin_trajectory(_query(rng, i % 3)).set_route("a"), 0.7)
        deadline = time.monotonic() + 10
        while eng.stats()["cycles"] == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert eng.stats()["cycles"] >= 1


def test_suggestions_do_not_wait_for_a_background_cycle() -> None:
    rng = np.random.default_rng(7)
    eng = _engine(min_trajectories=10, base_steps=60)
    for i in range(200):
        eng.end_trajectory(eng.begin_trajectory(_query(rng, i % 3)).set_route("ab"[i % 2]), 0.6)
    cycle = threading.Thread(target=eng.force_learn)
    cycle.start()
    served = 0
    while cycle.is_alive():
        eng.suggest_route(_query(rng, 0), ["a", "b"])
        served += 1
    cycle.join()
    assert served > 5  # answered throughout the cycle, not after it


@pytest.mark.parametrize(("call", "message"), [
    (lambda e: e.begin_trajectory([0.1] * 5), "has 5 values but this engine uses 16"),
    (lambda e: e.suggest_route([float("nan")] * DIM, ["a"]), "NaN or inf"),
    (lambda e: e.end_trajectory(e.begin_trajectory([0.1] * DIM), 1.2), r"quality=1\.2"),
    (lambda e: e.suggest_route([0.1] * DIM), "no routes to choose from"),
    (lambda e: e.suggest_route([0.1] * DIM, [f"r{i}" for i in range(17)]), "max_routes=16"),
    (lambda e: e.apply_micro_lora([0.0] * 5), r"shape \(32,\)"),
    (lambda e: e.apply_base_lora("proj", [0.0] * 32), "has no adapter"),
    (lambda e: e.suggest_route([0.1] * DIM, "ab"), "give a list of route names"),
    (lambda e: e.suggest_route([0.1] * DIM, [5]), "give a list of route names"),
])
def test_bad_input_gets_a_clear_error_and_changes_nothing(call, message: str) -> None:
    eng = _engine()
    with pytest.raises(InvalidInputError, match=message):
        call(eng)
    assert eng.stats()["recorded"] == 0
    assert eng.routes == {}  # no route registered by a refused call
