"""How well the gate is doing, computed from its durable log (never from memory).

Definitions (a call's label is the user's *latest* answer about it):

* confusion matrix over decided-and-labelled calls: ``true_allow`` auto-allowed and
  approved, ``false_allow`` auto-allowed and refused, ``true_deny`` auto-denied and
  refused, ``false_deny`` auto-denied and approved ("auto" = by the gate, rule or model).
* ``ask_rate``: asked decisions / all decisions.
* ``agreement``: over the last ``window`` labelled calls (asked ones included), the share
  where the model's own ``p >= 0.5`` equals the user's answer. It measures the model, not
  the bands: a call the gate asked about still counts, so it is the gateway's "would the
  model have got it right" criterion. ``None`` before any labelled call.
* ``converged``: agreement >= target over at least ``min_labels`` labelled calls.

>>> import tempfile, pathlib
>>> from neuroplast.store import Database
>>> from neuroplast.gate.log import GateLog
>>> db = Database(pathlib.Path(tempfile.mkdtemp()) / "gate.db")
>>> _ = GateLog(db)
>>> s = gate_stats(db)
>>> s["decisions"], s["ask_rate"], s["agreement"], s["converged"]
(0, 0.0, None, False)
"""

from __future__ import annotations

from typing import Any

from neuroplast.errors import InvalidInputError
from neuroplast.store import Database

__all__ = ["agreement_series", "gate_stats"]

# Each decision with its latest answer (NULL when unlabelled), in decision order; a peer's
# answers (gate.peer_log) are no decisions of this gate: Gate.stats counts them by origin.
_LABELLED = (
    "SELECT d.decision, d.p, f.approved, d.source FROM decisions d LEFT JOIN feedback f "
    "ON f.id = (SELECT MAX(id) FROM feedback WHERE tool_use_id = d.tool_use_id) "
    "WHERE d.mode NOT IN ('peer', 'peer-private')"
)
_OWN_FEEDBACK = ("tool_use_id NOT IN (SELECT tool_use_id FROM decisions "
                 "WHERE mode IN ('peer', 'peer-private'))")


def gate_stats(
    db: Database,
    *,
    window: int = 1000,
    target: float = 0.95,
    min_labels: int = 100,
) -> dict[str, Any]:
    """Counts, confusion matrix, ask rate, agreement and convergence (see module doc)."""
    rows = db.query(
        f"SELECT decision, approved, COUNT(*) FROM ({_LABELLED}) GROUP BY decision, approved"
    )
    by: dict[tuple[str, int | None], int] = {(r[0], r[1]): int(r[2]) for r in rows}
    total = sum(by.values())

    def n(decision: str, approved: int | None = -1) -> int:
        if approved == -1:
            return sum(v for (d, _), v in by.items() if d == decision)
        return by.get((decision, approved), 0)

    fb = db.query(
        "SELECT COUNT(*), COALESCE(SUM(approved), 0), COALESCE(SUM(false_positive), 0), "
        f"COALESCE(SUM(user_override), 0), COALESCE(SUM(locked), 0) FROM feedback "
        f"WHERE {_OWN_FEEDBACK}"
    )[0]
    sources = dict(db.query("SELECT source, COUNT(*) FROM decisions WHERE mode NOT IN "
                            "('peer', 'peer-private') GROUP BY source"))
    recent = db.query(
        f"SELECT p, approved FROM ({_LABELLED} AND f.approved IS NOT NULL AND d.p IS NOT NULL "
        "ORDER BY d.id DESC LIMIT ?)",
        (window,),
    )
    agree = sum(1 for p, approved in recent if (p >= 0.5) == bool(approved))
    agreement = agree / len(recent) if recent else None
    labelled = total - sum(v for (_, a), v in by.items() if a is None)
    return {
        "decisions": total,
        "allowed": n("allow"),
        "asked": n("ask"),
        "denied": n("deny"),
        "by_source": {str(k): int(v) for k, v in sources.items()},
        "labelled": labelled,
        "feedback": int(fb[0]),
        "approved": int(fb[1]),
        "refused": int(fb[0]) - int(fb[1]),
        "false_positives": int(fb[2]),
        "user_overrides": int(fb[3]),
        "locked": int(fb[4]),
        "confusion": {
            "true_allow": n("allow", 1),
            "false_allow": n("allow", 0),
            "true_deny": n("deny", 0),
            "false_deny": n("deny", 1),
        },
        "ask_rate": n("ask") / total if total else 0.0,
        "agreement": agreement,
        "agreement_window": len(recent),
        "converged": bool(
            agreement is not None and len(recent) >= min_labels and agreement >= target
        ),
    }


def agreement_series(db: Database, *, window: int = 50) -> list[dict[str, Any]]:
    """Agreement and ask rate per consecutive window of ``window`` decisions, for plots.

    Each point: ``end`` (decisions so far), ``ask_rate``, ``agreement`` (None when no
    call in the window is labelled) and ``labelled``.
    """
    if isinstance(window, bool) or not isinstance(window, int) or window < 1:
        raise InvalidInputError(f"agreement_series(window={window!r}) needs an integer >= 1")
    rows = db.query(f"{_LABELLED} ORDER BY d.id")
    series = []
    for start in range(0, len(rows), window):
        chunk = rows[start : start + window]
        labelled = [(p, a) for _, p, a, _ in chunk if a is not None and p is not None]
        agree = sum(1 for p, a in labelled if (p >= 0.5) == bool(a))
        series.append({
            "end": start + len(chunk),
            "ask_rate": sum(1 for d, *_ in chunk if d == "ask") / len(chunk),
            "agreement": agree / len(labelled) if labelled else None,
            "labelled": len(labelled),
        })
    return series
