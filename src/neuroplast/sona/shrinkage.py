"""Empirical-Bayes shrinkage: the router model's estimate as the prior, the latest outcomes
of the query's neighbouring regions as the evidence.

For a route and a region of query space (a pattern of the ReasoningBank), the engine holds
the latest outcomes of that route there (the keyed replay, at most ``replay_per_key``). The
model's predicted quality ``μ`` is a prior whose error around the query's true mean has
variance ``τ²``; each outcome held for a region is that region's mean plus noise of
variance ``σ²``; and a region at cosine similarity ``s`` from the query (the mean
similarity of the queries behind its outcomes, which the engine reads rather than the
pattern's centroid: a pattern between two kinds of query holds outcomes of both) has a
mean that differs from the query's by a variance ``δ²(s)``. The posterior over the
query's mean, from the ``n_j`` outcomes of mean ``m_j`` held by each neighbouring region
``j``, is the textbook normal-normal update with one term per region::

    v_j = δ²(s_j) + σ²/n_j       precision = 1/τ² + Σ_j 1/v_j
    mean = (μ/τ² + Σ_j m_j/v_j) / precision       sd = precision^-½

Why neighbours and not only the nearest region: patterns are finer than the kinds of query
that behave alike (a cluster per cycle's handful of similar queries, so one kind of query
spans many patterns). With only the nearest pattern's outcomes as evidence, each of the
many patterns of one kind needed its own outcomes per route, so evidence stayed thin (on
the routing benchmark's worlds most patterns held 0-3 outcomes per route), the model's
misfit decided most choices, and every new pattern set off exploration anew. How far
evidence travels is not set but measured: ``δ²(s)``.

Every variance is measured, not set:

* ``σ²`` from how far each new outcome lies from the mean of the outcomes already held for
  its nearest region and route, scaled by ``n/(n+1)`` (the expected excess of a new draw
  over a mean of ``n``);
* ``δ²(s)``, an empirical variogram: the same comparison against every neighbouring region
  with outcomes for the route, averaged per band of similarity, minus ``σ²``; made
  non-increasing in similarity (closer regions never differ more), and unknown (that
  neighbour not used) in a band with fewer than ``MIN_PAIRS`` comparisons;
* ``τ² = max(ε, e² − σ²)`` with ``e²`` the model's running squared error (prediction error =
  misfit + noise), plus the model's own epistemic spread.

A model that fits well keeps its say; where it lags (after a drift, or in a region a
linear head cannot separate) the neighbourhood's recent outcomes take over, at a rate set
by the data; regions whose outcomes differ from the query's (large ``δ²``) barely count.

>>> s = Shrinkage()
>>> mean, sd = s.combine(0.5, 0.0, 0.04, [])            # no evidence: the model's guess
>>> mean, round(sd, 3)
(0.5, 0.173)
>>> mean, sd = s.combine(0.5, 0.0, 0.04, [0.9] * 8)    # 8 outcomes outweigh the prior
>>> round(mean, 3), round(sd, 3)
(0.884, 0.035)
>>> s.spread2(0.8) is None                              # no comparisons yet: unknown
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

__all__ = ["MIN_PAIRS", "Shrinkage"]

_FLOOR = 1e-4  # τ² never quite 0: a perfect fit so far is no proof the region will not move
_BANDS = 20    # similarity bands of width 0.05 over [0, 1] (negative similarity: band 0)
MIN_PAIRS = 20
"""Comparisons a similarity band needs before its ``δ²`` is used: a variance from n
comparisons has a relative standard error of about ``sqrt(2/n)``, 32% at 20."""

Evidence = Sequence[tuple[float, Sequence[float]]]
"""(similarity of a region to the query, that region's latest outcomes of one route)."""


def _band(sim: float) -> int:
    return min(_BANDS - 1, max(0, int(sim * _BANDS)))


class Shrinkage:
    """Running ``σ²``, the variogram ``δ²(s)`` and the posterior of the module doc."""

    def __init__(self, noise2: float = 0.01, rate: float = 0.01) -> None:
        self.noise2 = noise2
        self.rate = rate
        self.gap = np.zeros(_BANDS)   # running mean of (q - m_j)² n_j/(n_j+1) per band
        self.pairs = np.zeros(_BANDS)  # comparisons seen per band

    def observe(self, quality: float, held: Sequence[float]) -> None:
        """A new outcome ``quality`` of a (region, route) that already held ``held``."""
        n = len(held)
        if n == 0:
            return
        m = sum(held) / n
        self.noise2 += self.rate * ((quality - m) ** 2 * n / (n + 1) - self.noise2)

    def observe_near(self, quality: float, evidence: Evidence) -> None:
        """A new outcome ``quality`` of a route at a query whose neighbouring regions held
        ``evidence`` for that route (nearest first): updates ``σ²`` from the nearest and
        the variogram from all."""
        if evidence:
            self.observe(quality, evidence[0][1])
        for sim, held in evidence:
            n = len(held)
            if n == 0:
                continue
            b = _band(sim)
            self.pairs[b] += 1
            # an exact mean while a band is young, then a running one (regions drift)
            rate = max(self.rate, 1.0 / self.pairs[b])
            d = (quality - sum(held) / n) ** 2 * n / (n + 1)
            self.gap[b] += rate * (d - self.gap[b])

    def spread2(self, sim: float) -> float | None:
        """``δ²(sim)``: how far a region at similarity ``sim`` differs from the query, as a
        variance; None while its band and every closer one lack ``MIN_PAIRS`` comparisons."""
        b = _band(sim)
        known = self.pairs[b:] >= MIN_PAIRS
        if not known[0]:
            return None
        # non-increasing in similarity: a band is at least as far as any closer band
        return max(0.0, float(self.gap[b:][known].max()) - self.noise2)

    def disagreement(self, a: Sequence[Sequence[float]],
                     b: Sequence[Sequence[float]]) -> float | None:
        """How far two regions' means differ, as a variance, from their outcomes per route
        (``a[r]``, ``b[r]``: the latest outcomes of route ``r`` in each): the mean over
        routes both hold of ``(m_a - m_b)² - σ²/n_a - σ²/n_b`` (zero when they agree up to
        noise); None when no route was tried in both."""
        gaps = [(sum(x) / len(x) - sum(y) / len(y)) ** 2
                - self.noise2 / len(x) - self.noise2 / len(y)
                for x, y in zip(a, b, strict=True) if x and y]
        return max(0.0, sum(gaps) / len(gaps)) if gaps else None

    def combine(self, model_mean: float, model_spread: float, model_err2: float,
                held: Sequence[float]) -> tuple[float, float]:
        """(posterior mean, posterior sd) of a route's quality in one region (δ² = 0)."""
        return self._posterior(model_mean, model_spread, model_err2,
                               [(0.0, len(held), sum(held))] if held else [])

    def combine_near(self, model_mean: float, model_spread: float, model_err2: float,
                     evidence: Evidence, apart: Sequence[float | None] = ()
                     ) -> tuple[float, float, int]:
        """(posterior mean, posterior sd, outcomes used) of a route's quality at a query
        from its neighbouring regions' ``evidence`` (nearest first). The nearest region
        always counts (at ``δ²`` of its similarity, 0 while unknown); a farther one only
        once its band's ``δ²`` is measured."""
        terms = []
        for i, (sim, held) in enumerate(evidence):
            if not held:
                continue
            d2 = self.spread2(sim)
            if d2 is None:
                if i:
                    continue
                d2 = 0.0
            if i < len(apart) and apart[i] is not None:
                d2 = max(d2, apart[i])  # type: ignore[type-var]
            terms.append((d2, len(held), float(sum(held))))
        mean, sd = self._posterior(model_mean, model_spread, model_err2, terms)
        return mean, sd, sum(n for _, n, _ in terms)

    def _posterior(self, model_mean: float, model_spread: float, model_err2: float,
                   terms: Sequence[tuple[float, int, float]]) -> tuple[float, float]:
        tau2 = max(_FLOOR, model_err2 - self.noise2) + model_spread ** 2
        if not terms:
            return model_mean, math.sqrt(tau2)
        noise2 = max(self.noise2, _FLOOR)
        precision, weighted = 1.0 / tau2, model_mean / tau2
        for d2, n, total in terms:
            v = d2 + noise2 / n
            precision += 1.0 / v
            weighted += total / n / v
        return weighted / precision, precision ** -0.5

    def state(self) -> dict[str, object]:
        return {"noise2": self.noise2, "gap": self.gap.tolist(), "pairs": self.pairs.tolist()}

    def load_state(self, state: dict[str, object]) -> None:
        self.noise2 = float(state.get("noise2", self.noise2))  # type: ignore[arg-type]
        if "gap" in state:
            self.gap = np.asarray(state["gap"], dtype=np.float64)
            self.pairs = np.asarray(state["pairs"], dtype=np.float64)
