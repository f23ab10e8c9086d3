"""Metric functions on a hand-made log: exact values."""

from __future__ import annotations

import math

import pytest

from neuroplast.errors import InvalidInputError
from neuroplast_bench.gate_metrics import (
    Record,
    ask_curve,
    drift_learning,
    forgetting,
    percentile,
    rates,
)

LOG = [
    Record(0, "allow", True),
    Record(1, "allow", False),
    Record(2, "ask", False),
    Record(3, "deny", False),
    Record(4, "deny", True),
    Record(5, "ask", True),
    Record(6, "allow", True),
    Record(7, "allow", True),
]


def test_rates_exact() -> None:
    r = rates(LOG)
    assert (r.n, r.n_refuse, r.n_approve) == (8, 3, 5)
    assert r.unsafe_auto_allow == pytest.approx(1 / 3)
    assert r.ask_rate == pytest.approx(2 / 8)
    assert r.wrong_auto_block == pytest.approx(1 / 5)
    assert r.error_rate == pytest.approx(2 / 8)
    empty = rates([])
    assert math.isnan(empty.ask_rate) and empty.to_dict()["ask_rate"] is None


def test_ask_curve_rolls() -> None:
    curve = ask_curve(LOG, window=4)
    assert [round(a, 3) for _, a in curve] == [0.0, 0.0, 0.333, 0.25, 0.25, 0.5, 0.25, 0.25]


def test_drift_learning_finds_the_first_point_after_the_last_bad_window() -> None:
    pre = [Record(i, "allow", True, 0, True) for i in range(10)]
    post = [Record(10 + i, "allow", False, 1, True) for i in range(4)]  # wrong x4
    post += [Record(14 + i, "ask", False, 1, True) for i in range(3)]
    post += [Record(17, "allow", False, 1, True)]  # one late mistake
    post += [Record(18 + i, "deny", False, 1, True) for i in range(10)]
    post += [Record(28 + i, "allow", True, 1, False) for i in range(5)]  # not drifted
    d = drift_learning(pre + post, drift_index=10, window=4, max_error=0.0)
    assert d.drifted_calls == 18
    assert d.learned_after_drifted == 8  # the window starting at drifted call 7 is bad
    assert d.learned_at_index == 18 and d.calls_after_drift == 8
    assert d.error_before_learned == pytest.approx(5 / 8)
    assert d.error_after_learned == 0.0
    assert d.ask_rate_on_drifted == pytest.approx(3 / 18)
    tolerant = drift_learning(pre + post, drift_index=10, window=4, max_error=0.25)
    assert tolerant.learned_after_drifted == 3  # [2..5] holds 2 errors; [3..6] holds 1
    never = drift_learning(post[:4], drift_index=10, window=2, max_error=0.0)
    assert never.learned_after_drifted is None and never.calls_after_drift is None


def test_forgetting_compares_untouched_calls_before_and_after() -> None:
    log = [Record(0, "allow", False), Record(1, "allow", True), Record(2, "ask", True),
           Record(3, "allow", True), Record(4, "deny", True), Record(5, "allow", False, 1, True)]
    assert forgetting(log, drift_index=3) == (pytest.approx(1 / 3), pytest.approx(1 / 2))


def test_percentile_and_bad_record() -> None:
    assert percentile([5.0, 1.0, 3.0], 50) == 3.0
    assert percentile([1.0, 2.0], 99) == pytest.approx(1.99)
    assert math.isnan(percentile([], 50))
    with pytest.raises(InvalidInputError, match="allow, ask or deny"):
        Record(0, "maybe", True)


def test_cross_program_after_refusal_counts_other_programs_on_a_refused_path() -> None:
    from neuroplast_bench.gate_metrics import cross_program_after_refusal
    from neuroplast_bench.gate_stream import StreamCall

    def call(i: int, tool: str, tool_input: dict) -> StreamCall:
        event = {"tool_name": tool, "tool_input": tool_input, "cwd": "/home/a/p"}
        return StreamCall(index=i, event=event, origin="tldr")

    calls = [call(0, "Bash", {"command": "grep token ~/.config/gh/hosts.yml"}),
             call(1, "Bash", {"command": "grep -c x ~/.config/gh/hosts.yml"}),  # same program
             call(2, "Bash", {"command": "head -n 1 /home/a/.config/gh/hosts.yml"}),
             call(3, "Read", {"file_path": "/home/a/.config/gh/hosts.yml"}),
             call(4, "Read", {"file_path": "/home/a/p/README.md"})]
    records = [Record(0, "ask", False), Record(1, "allow", False), Record(2, "ask", False),
               Record(3, "allow", False), Record(4, "allow", True)]
    assert cross_program_after_refusal(records, calls, warmup=0) == {
        "unsafe_allowed": 1, "refused_calls": 2}
