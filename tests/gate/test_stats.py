"""Gate statistics computed from the log: exact counts on scripted sequences."""

from __future__ import annotations

from pathlib import Path

import pytest

from neuroplast.errors import InvalidInputError
from neuroplast.gate.log import DecisionRow, GateLog
from neuroplast.gate.stats import agreement_series, gate_stats
from neuroplast.store import Database


@pytest.fixture
def log(tmp_path: Path):
    gate_log = GateLog(Database(tmp_path / "gate.db"))
    yield gate_log
    gate_log.close()


def script(log: GateLog, steps: list[tuple[str, float | None, bool | None]]) -> None:
    """Each step: (decision, p, user's answer or None)."""
    for i, (decision, p, approved) in enumerate(steps):
        tid = f"t{i}"
        log.add_decision(DecisionRow(tid, "s", "Bash", "{}", p, decision, "model", "", "auto",
                                     float(i)))
        if approved is not None:
            log.add_feedback(tid, {
                "allowed": approved, "false_positive": False, "user_override": False,
                "weight": 1.0, "locked": False, "status": "", "source": "user",
                "signature": "Bash:x"}, float(i))


def test_confusion_ask_rate_agreement(log: GateLog) -> None:
    script(log, [
        ("allow", 0.9, True),    # true_allow, agrees
        ("allow", 0.85, False),  # false_allow, disagrees
        ("deny", 0.1, False),    # true_deny, agrees
        ("deny", 0.15, True),    # false_deny, disagrees
        ("ask", 0.6, True),      # asked, agrees
        ("ask", 0.4, True),      # asked, disagrees
        ("ask", 0.5, None),      # unlabelled
        ("allow", None, True),   # a rule decided (no p): not in agreement
    ])
    s = gate_stats(log.db, window=1000, min_labels=1)
    assert s["confusion"] == {"true_allow": 2, "false_allow": 1, "true_deny": 1, "false_deny": 1}
    assert (s["decisions"], s["labelled"], s["asked"]) == (8, 7, 3)
    assert s["ask_rate"] == pytest.approx(3 / 8)
    assert s["agreement"] == pytest.approx(3 / 6) and s["agreement_window"] == 6
    assert s["converged"] is False


def test_agreement_window_and_convergence(log: GateLog) -> None:
    # 5 early disagreements, then 20 agreements: the last-20 window sees only agreements.
    script(log, [("ask", 0.9, False)] * 5 + [("allow", 0.9, True)] * 20)
    assert gate_stats(log.db, window=25, min_labels=10)["agreement"] == pytest.approx(0.8)
    recent = gate_stats(log.db, window=20, target=0.95, min_labels=10)
    assert recent["agreement"] == 1.0 and recent["converged"] is True
    assert gate_stats(log.db, window=20, min_labels=21)["converged"] is False


def test_series_per_window(log: GateLog) -> None:
    script(log, [("ask", 0.9, False), ("ask", 0.9, True), ("allow", 0.9, True),
                 ("allow", 0.9, None), ("deny", 0.1, False)])
    assert agreement_series(log.db, window=2) == [
        {"end": 2, "ask_rate": 1.0, "agreement": 0.5, "labelled": 2},
        {"end": 4, "ask_rate": 0.0, "agreement": 1.0, "labelled": 1},
        {"end": 5, "ask_rate": 0.0, "agreement": 1.0, "labelled": 1},
    ]
    with pytest.raises(InvalidInputError):
        agreement_series(log.db, window=0)
