"""Empirical-Bayes shrinkage: the router model's estimate as the prior, a region's latest
outcomes as the evidence.

For a query, its nearest pattern and a route, the engine holds the latest outcomes of that
route there (the keyed replay, at most ``replay_per_key``). The model's predicted quality
``μ`` is a prior whose error around the region's true mean has variance ``τ²``; each recent
outcome is that mean plus noise of variance ``σ²``. The posterior, with ``n`` outcomes of
mean ``m``, is the textbook normal-normal update::

    precision = 1/τ² + n/σ²      mean = (μ/τ² + n·m/σ²) / precision      sd = precision^-½

Both variances are measured, not set: ``σ²`` from how far each new outcome lies from the
mean of the outcomes already held for its (region, route) — scaled by ``n/(n+1)``, the
expected excess of a new draw over a mean of ``n`` — and ``τ² = max(ε, e² − σ²)`` with ``e²``
the model's running squared error (prediction error = misfit + noise). A model that fits
well keeps its say; where it lags (after a drift, or in a region a linear head cannot
separate) the region's own recent outcomes take over, at a rate set by the data. The
model's own epistemic spread is added to ``τ²``, so a route the model has not seen is
uncertain by both.

>>> s = Shrinkage()
>>> mean, sd = s.combine(0.5, 0.0, 0.04, [])            # no evidence: the model's guess
>>> mean, round(sd, 3)
(0.5, 0.173)
>>> mean, sd = s.combine(0.5, 0.0, 0.04, [0.9] * 8)    # 8 outcomes outweigh the prior
>>> round(mean, 3), round(sd, 3)
(0.884, 0.035)
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["Shrinkage"]

_FLOOR = 1e-4  # τ² never quite 0: a perfect fit so far is no proof the region will not move


class Shrinkage:
    """Running ``σ²`` and the posterior of the module doc."""

    def __init__(self, noise2: float = 0.01, rate: float = 0.01) -> None:
        self.noise2 = noise2
        self.rate = rate

    def observe(self, quality: float, held: Sequence[float]) -> None:
        """A new outcome ``quality`` of a (region, route) that already held ``held``."""
        n = len(held)
        if n == 0:
            return
        m = sum(held) / n
        self.noise2 += self.rate * ((quality - m) ** 2 * n / (n + 1) - self.noise2)

    def combine(self, model_mean: float, model_spread: float, model_err2: float,
                held: Sequence[float]) -> tuple[float, float]:
        """(posterior mean, posterior sd) of a route's quality in a region."""
        tau2 = max(_FLOOR, model_err2 - self.noise2) + model_spread ** 2
        n = len(held)
        if n == 0:
            return model_mean, tau2 ** 0.5
        noise2 = max(self.noise2, _FLOOR)
        precision = 1.0 / tau2 + n / noise2
        mean = (model_mean / tau2 + sum(held) / noise2) / precision
        return mean, precision ** -0.5
