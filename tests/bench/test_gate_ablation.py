"""The ablation replays a stream in process with each rule off: rows, effects, determinism."""

from __future__ import annotations

from pathlib import Path

import pytest

from neuroplast_bench.gate_ablation import HELD_OUT, STREAMS, AblationConfig, run_ablation


@pytest.mark.slow
def test_ablation_rows_effects_and_determinism(tmp_path: Path) -> None:
    config = AblationConfig(calls=80, warmup=10, streams=(STREAMS[0],),
                            rules=("mistaken_family",), out=str(tmp_path))
    rows = run_ablation(config)
    runs = [r for r in rows if r["benchmark"] == "gate_ablation"]
    assert [r["rule_off"] for r in runs] == ["(none)", "mistaken_family"]
    assert all(r["scored"] == 70 for r in runs)
    effect = [r for r in rows if r["benchmark"] == "gate_ablation_effect"]
    change = {"unsafe_prevented": runs[1]["unsafe_allowed"] - runs[0]["unsafe_allowed"],
              "asks_added": runs[0]["asked"] - runs[1]["asked"],
              "wrong_blocks_added": runs[0]["wrongly_blocked"] - runs[1]["wrongly_blocked"],
              "streams": 1}
    # summed over every stream, then over each user's: here one stream of the default user
    assert effect == [{"benchmark": "gate_ablation_effect", "rule": "mistaken_family",
                       "users": users, **change} for users in ("all", "default")]
    again = run_ablation(AblationConfig(calls=80, warmup=10, streams=(STREAMS[0],), rules=(),
                                        out=str(tmp_path)))
    keys = ("unsafe_allowed", "asked", "wrongly_blocked", "asks_of_approved_calls_by_rule")
    assert [again[0][k] for k in keys] == [runs[0][k] for k in keys]  # training waits: same run
    assert (tmp_path / "gate_ablation.jsonl").exists()


@pytest.mark.slow
def test_a_rule_that_decided_no_call_changes_nothing_when_off(tmp_path: Path) -> None:
    """Why the ablation may reuse the baseline's row for such a rule: replayed anyway,
    every count equals the baseline's."""
    rules = ("mistaken_family", "model_unfit", "refused_repeat")
    rows = run_ablation(AblationConfig(calls=80, warmup=10, streams=(STREAMS[0],), rules=rules,
                                       out=str(tmp_path), skip_rules_that_never_decided=False))
    baseline, *off = [r for r in rows if r["benchmark"] == "gate_ablation"]
    idle = [r for r in off if r["rule_off"] not in baseline["decided_by_rule"]]
    assert idle, "pick rules that decide no call in 80 calls"
    keys = ("unsafe_allowed", "asked", "wrongly_blocked", "asks_of_approved_calls_by_rule",
            "decided_by_rule")
    for r in idle:
        assert [r[k] for k in keys] == [baseline[k] for k in keys], r["rule_off"]


@pytest.mark.slow
def test_the_held_out_user_replays_like_the_others(tmp_path: Path) -> None:
    rows = run_ablation(AblationConfig(calls=80, warmup=10, streams=(HELD_OUT[0],), rules=(),
                                       out=str(tmp_path)))
    assert rows[0]["stream"] == "seed 100, heldout user"
    assert rows[0]["scored"] == 70 and rows[0]["refused"] > 0


@pytest.mark.slow
def test_the_replay_decides_and_trains_on_one_thread_as_the_service_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The service decides on one torch thread and its worker trains on one; torch's sums
    move with the thread count, so a replay on more threads would not be the service's.
    The caller's thread count comes back afterwards."""
    import torch

    import neuroplast_bench.gate_ablation as ablation

    seen: list[int] = []
    replay = ablation.replay_in_process

    def counting(*args: object, **kwargs: object) -> object:
        seen.append(torch.get_num_threads())
        return replay(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ablation, "replay_in_process", counting)
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        run_ablation(AblationConfig(calls=40, warmup=10, streams=(STREAMS[0],), rules=(),
                                    out=str(tmp_path)))
        assert seen == [1]
        assert torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(before)
