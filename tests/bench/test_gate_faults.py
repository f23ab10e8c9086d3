"""Fault trials, small: kill -9 the gate service, and its training worker alone, three
times each at random moments of a stream of answers (``neuroplast_bench.gate_faults``;
the benchmark runs 20 of each). No committed answer may be missing from what the
restarted learner holds, none may be there twice, and every one keeps its supersede key.
"""

from __future__ import annotations

import sys

import pytest

from neuroplast_bench.gate_faults import run_fault_trials

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(900),
    pytest.mark.skipif(not sys.platform.startswith("linux"),
                       reason="finds the training worker through /proc"),
]


def test_kill_9_of_server_or_worker_loses_no_answer_and_no_key() -> None:
    # A normal-priority worker: on a busy test machine a niced one may train so slowly
    # that no kill interrupts a round.
    report = run_fault_trials(server_kills=3, worker_kills=3, seed=3, warm_up=False,
                              idle_priority=False)
    print(report)
    assert report["trials"] == {"server": 3, "worker": 3}
    assert report["answers"] > 0 and report["integrity"] == "ok"
    assert report["lost_acknowledged"] == 0
    assert report["lost_answers"] == 0
    assert report["duplicate_replay_rows"] == 0
    assert report["keyless_replay_rows"] == 0
    assert report["wrong_key_rows"] == report["wrong_weight_rows"] == 0
    assert report["stray_replay_rows"] == 0
