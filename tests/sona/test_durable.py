"""DurableEngine: every trajectory in SQLite before it counts; a restart resumes from the
checkpoint plus the log after it; bad input leaves the log untouched."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from neuroplast.errors import InvalidInputError
from neuroplast.sona.config import SonaConfig
from neuroplast.sona.durable import DurableEngine

CFG = SonaConfig(embedding_dim=8, hidden_dim=16, max_routes=3, min_trajectories=10,
                 background_interval_s=0.0)


def _feed(eng: DurableEngine, n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    for i in range(n):
        route = "abc"[i % 3]
        eng.record(rng.normal(size=8), route, 0.9 if route == "b" else 0.3,
                   steps=[{"activations": [0.1, 0.2], "reward": 0.1}], context_ids=[f"c{i}"])


def _scores(eng: DurableEngine) -> dict[str, float]:
    return eng.engine.suggest_route(np.ones(8), ["a", "b", "c"]).scores


def test_checkpoint_plus_log_replay_equals_the_engine_that_never_stopped(
        tmp_path: Path) -> None:
    live = DurableEngine(tmp_path, CFG, checkpoint_every=25)
    _feed(live, 60, 0)  # checkpoints at 25 and 50; 10 trajectories after the last
    assert live.checkpointed == 50 and (tmp_path / "current").read_text() == "engine-50"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("engine-")) == \
        ["engine-50"]  # the older checkpoint is gone once the new one is in force
    back = DurableEngine(tmp_path, CFG)  # as after kill -9: live never closed
    assert back.replayed == 10 and back.logged == 60
    assert back.engine.stats()["recorded"] == 60
    assert _scores(back) == pytest.approx(_scores(live), abs=1e-6)
    back.close()
    live.engine.close()


def test_bad_input_is_refused_before_anything_is_logged(tmp_path: Path) -> None:
    eng = DurableEngine(tmp_path, CFG)
    _feed(eng, 3, 1)
    bad = [
        dict(query=np.ones(9), route="a", quality=0.5),              # wrong dimension
        dict(query=[np.nan] * 8, route="a", quality=0.5),            # NaN
        dict(query=np.ones(8), route="a", quality=1.2),              # quality out of range
        dict(query=np.ones(8), route="d", quality=0.5),              # a 4th route > max 3
        dict(query=np.ones(8), route="a", quality=0.5, steps=[{"activations": [np.inf]}]),
        dict(query=np.ones(8), route="a", quality=0.5, steps=[{"weights": [1.0]}]),
        dict(query="text", route="a", quality=0.5),                  # text, no embedder
    ]
    for kwargs in bad:
        with pytest.raises(InvalidInputError):
            eng.record(**kwargs)  # type: ignore[arg-type]
    assert eng.logged == 3
    assert eng.db.query("SELECT COUNT(*) FROM sona_trajectories") == [(3,)]
    assert eng.engine.stats()["recorded"] == 3
    eng.close()


def test_a_crash_between_checkpoint_files_keeps_the_previous_checkpoint(
        tmp_path: Path) -> None:
    eng = DurableEngine(tmp_path, CFG, checkpoint_every=20)
    _feed(eng, 30, 2)
    # a checkpoint half-written (the engine saved, the pointer not yet moved)
    eng.engine.save(tmp_path / "engine-30")
    back = DurableEngine(tmp_path, CFG)
    assert back.checkpointed == 20 and back.replayed == 10 and back.logged == 30
    back.close()
    eng.engine.close()


def test_held_queries_survive_a_crash_and_are_reported_once(tmp_path: Path) -> None:
    eng = DurableEngine(tmp_path, CFG)
    keys = [eng.hold(np.eye(8)[i % 4], "ab"[i % 2], latency_us=10 * i) for i in range(3)]
    assert len(set(keys)) == 3 and eng.pending() == {"pending": 3, "pending_dropped": 0}
    # no close: the process died; a new one opens the same directory
    again = DurableEngine(tmp_path, CFG)
    assert again.pending()["pending"] == 3
    with pytest.raises(InvalidInputError):
        again.record_held(keys[1], 1.5)           # a bad outcome keeps it held
    done = again.record_held(keys[1], 0.9)
    assert done["route"] == "b" and done["id"] == 1
    assert again.pending()["pending"] == 2 and again.engine.stats()["recorded"] == 1
    with pytest.raises(InvalidInputError, match="already reported"):
        again.record_held(keys[1], 0.9)
    # a key issued after the restart is new even if the clock has not moved
    assert again.hold(np.eye(8)[0], "a") not in keys
    row = again.db.query("SELECT route, quality, latency_us FROM sona_trajectories")
    assert row == [("b", 0.9, 10)]
    again.close()
    eng.close()


def test_only_the_latest_held_queries_are_kept_and_the_rest_counted(tmp_path: Path) -> None:
    eng = DurableEngine(tmp_path, CFG)
    keys = [eng.hold(np.eye(8)[0], "a", limit=3) for _ in range(5)]
    eng.record_held(keys[4], 0.5)                 # reported: no longer counts towards 3
    eng.hold(np.eye(8)[1], "a", limit=3)
    assert eng.pending() == {"pending": 3, "pending_dropped": 2}
    with pytest.raises(InvalidInputError, match="dropped"):
        eng.record_held(keys[0], 0.5)
    eng.record_held(keys[2], 0.5)                 # among the 3 latest still held
    eng.close()
    assert DurableEngine(tmp_path, CFG).pending() == {"pending": 2, "pending_dropped": 2}


def test_a_held_query_is_checked_before_anything_is_stored(tmp_path: Path) -> None:
    eng = DurableEngine(tmp_path, CFG)
    for query, route, latency in [([1.0, 2.0], "a", 0), ([np.nan] * 8, "a", 0),
                                  (np.eye(8)[0], "a", -1)]:
        with pytest.raises(InvalidInputError):
            eng.hold(query, route, latency_us=latency)
    assert eng.pending()["pending"] == 0
    eng.close()
