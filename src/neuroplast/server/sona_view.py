"""What the SONA router has learned, as the dashboard shows it: each route's trajectories
and mean quality, quality over the trajectory log (one point per window), and the pattern
bank (largest clusters first, each with the route that served it best).

Read from the :class:`~neuroplast.sona.durable.DurableEngine`: its SQLite log of every
recorded trajectory and its engine's :class:`~neuroplast.sona.bank.ReasoningBank`.

>>> windows([0.2, 0.4, 0.6, 0.8, 1.0], 2)
[{'end': 2, 'quality': 0.3}, {'end': 4, 'quality': 0.7}, {'end': 5, 'quality': 1.0}]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["sona_view", "windows"]

POINTS = 60  # at most this many points of quality over time


def windows(qualities: Sequence[float], size: int) -> list[dict[str, Any]]:
    """Mean quality of each run of ``size`` trajectories, in log order (``end``: how many
    trajectories the log held at the window's end)."""
    out = []
    for start in range(0, len(qualities), size):
        chunk = qualities[start:start + size]
        out.append({"end": start + len(chunk), "quality": round(sum(chunk) / len(chunk), 6)})
    return out


def sona_view(durable: Any, patterns: int = 30) -> dict[str, Any]:
    """Routes, quality over time and the ``patterns`` largest patterns of ``durable``."""
    rows = durable.db.query("SELECT route, quality FROM sona_trajectories ORDER BY seq")
    routes: dict[str, list[float]] = {}
    for route, quality in rows:
        routes.setdefault(route, []).append(float(quality))
    size = max(10, -(-len(rows) // POINTS))  # a window of a few is noise
    bank = sorted(durable.engine.bank.patterns, key=lambda p: (-p.cluster_size, p.id))
    return {
        "trajectories": len(rows),
        "routes": [{"route": r, "trajectories": len(q), "quality": sum(q) / len(q)}
                   for r, q in sorted(routes.items(), key=lambda kv: (-len(kv[1]), kv[0]))],
        "window": size,
        "series": windows([float(q) for _, q in rows], size),
        "patterns": len(bank),
        "bank": [_pattern(p) for p in bank[:patterns]],
    }


def _pattern(p: Any) -> dict[str, Any]:
    # route_stats: route -> (quality sum, count); the best route by mean quality
    means = {r: s / n for r, (s, n) in p.route_stats.items() if n}
    best = max(means, key=lambda r: (means[r], r)) if means else None
    return {"id": p.id, "size": p.cluster_size, "quality": p.avg_quality,
            "type": p.pattern_type, "best_route": best,
            "best_quality": means.get(best) if best else None, "uses": p.access_count}
