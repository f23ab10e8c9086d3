"""The empirical-Bayes shrinkage measures its noise and lets recent outcomes overrule a
lagging model in proportion to the evidence."""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from neuroplast.sona.shrinkage import Shrinkage


def test_the_noise_estimate_converges_to_the_outcomes_spread() -> None:
    rng = np.random.default_rng(0)
    s = Shrinkage(noise2=0.5)
    for _ in range(3000):
        held = list(0.6 + rng.normal(0, 0.1, size=int(rng.integers(1, 9))))
        s.observe(0.6 + rng.normal(0, 0.1), held)
    assert abs(s.noise2 - 0.01) < 0.003


def test_more_evidence_moves_the_estimate_further_from_a_wrong_model() -> None:
    s = Shrinkage(noise2=0.01)
    means = [s.combine(0.8, 0.0, 0.05, [0.2] * n)[0] for n in range(9)]
    sds = [s.combine(0.8, 0.0, 0.05, [0.2] * n)[1] for n in range(9)]
    assert means[0] == 0.8
    assert all(a > b for a, b in pairwise(means))
    assert all(a > b for a, b in pairwise(sds))
    assert means[-1] < 0.3


def test_a_model_that_fits_well_keeps_its_say() -> None:
    s = Shrinkage(noise2=0.01)
    good_fit = s.combine(0.8, 0.0, 0.0101, [0.5])[0]   # model error ≈ noise: misfit ≈ 0
    poor_fit = s.combine(0.8, 0.0, 0.2, [0.5])[0]
    assert good_fit > 0.75 and poor_fit < 0.55
