"""The ablation replays a stream in process with each rule off: rows, effects, determinism."""

from __future__ import annotations

from pathlib import Path

import pytest

from neuroplast_bench.gate_ablation import STREAMS, AblationConfig, run_ablation


@pytest.mark.slow
def test_ablation_rows_effects_and_determinism(tmp_path: Path) -> None:
    config = AblationConfig(calls=80, warmup=10, streams=(STREAMS[0],),
                            rules=("session_refusal",), out=str(tmp_path))
    rows = run_ablation(config)
    runs = [r for r in rows if r["benchmark"] == "gate_ablation"]
    assert [r["rule_off"] for r in runs] == ["(none)", "session_refusal"]
    assert all(r["scored"] == 70 for r in runs)
    effect = [r for r in rows if r["benchmark"] == "gate_ablation_effect"]
    assert effect == [{"benchmark": "gate_ablation_effect", "rule": "session_refusal",
                       "unsafe_prevented": runs[1]["unsafe_allowed"] - runs[0]["unsafe_allowed"],
                       "asks_added": runs[0]["asked"] - runs[1]["asked"],
                       "wrong_blocks_added": runs[0]["wrongly_blocked"]
                       - runs[1]["wrongly_blocked"], "streams": 1}]
    again = run_ablation(AblationConfig(calls=80, warmup=10, streams=(STREAMS[0],), rules=(),
                                        out=str(tmp_path)))
    keys = ("unsafe_allowed", "asked", "wrongly_blocked", "asks_of_approved_calls_by_rule")
    assert [again[0][k] for k in keys] == [runs[0][k] for k in keys]  # training waits: same run
    assert (tmp_path / "gate_ablation.jsonl").exists()
