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


def _variogram(s: Shrinkage, rng: np.random.Generator, n: int = 400) -> None:
    """Regions at similarity >= 0.8 share the query's mean; regions near 0.3 differ from
    it by 0.3 either way; outcome noise sd 0.1."""
    for _ in range(n):
        near = list(0.6 + rng.normal(0, 0.1, size=4))
        far = list(0.6 + rng.choice([-0.3, 0.3]) + rng.normal(0, 0.1, size=4))
        s.observe_near(0.6 + rng.normal(0, 0.1), [(0.85, near), (0.3, far)])


def test_the_variogram_measures_how_far_regions_at_each_similarity_differ() -> None:
    s = Shrinkage(noise2=0.05)
    assert s.spread2(0.85) is None               # nothing measured: unknown
    _variogram(s, np.random.default_rng(0))
    assert abs(s.noise2 - 0.01) < 0.004
    near, far = s.spread2(0.85), s.spread2(0.3)
    assert near is not None and far is not None
    assert near < 0.005 and abs(far - 0.09) < 0.03  # 0.3² apart
    assert s.spread2(0.55) is None               # a band never compared stays unknown
    assert s.spread2(0.1) is None


def test_neighbours_count_by_how_far_their_outcomes_are_from_the_query() -> None:
    s = Shrinkage(noise2=0.05)
    _variogram(s, np.random.default_rng(1))
    alone, sd_alone, n_alone = s.combine_near(0.5, 0.0, 0.05, [(0.85, [0.9] * 2)])
    close, sd_close, n_close = s.combine_near(0.5, 0.0, 0.05, [(0.85, [0.9] * 2),
                                                               (0.85, [0.9] * 8)])
    far, _, _ = s.combine_near(0.5, 0.0, 0.05, [(0.85, [0.9] * 2), (0.3, [0.1] * 8)])
    unknown, _, n_unknown = s.combine_near(0.5, 0.0, 0.05, [(0.85, [0.9] * 2),
                                                            (0.55, [0.1] * 8)])
    assert n_alone == 2 and n_close == 10 and n_unknown == 2
    assert close > alone > 0.8 and sd_close < sd_alone
    assert alone - far < 0.1 < alone - 0.5       # 8 far outcomes move it little
    assert unknown == alone                      # an unmeasured band is not used


def test_two_regions_disagree_by_their_outcomes_on_routes_both_tried() -> None:
    s = Shrinkage(noise2=0.01)
    same = s.disagreement([[0.8, 0.9], [0.2], []], [[0.85], [0.25, 0.2], [0.5]])
    apart = s.disagreement([[0.8, 0.9], [0.2], []], [[0.1], [0.9], [0.5]])
    assert same == 0.0 and apart is not None and apart > 0.4
    assert s.disagreement([[0.8], []], [[], [0.3]]) is None
    # a neighbour whose outcomes disagree is weighed by that, whatever its similarity
    s.pairs[:] = 100
    agree = s.combine_near(0.5, 0.0, 0.05, [(0.9, [0.9] * 2), (0.8, [0.9] * 8)], [None, 0.0])
    differ = s.combine_near(0.5, 0.0, 0.05, [(0.9, [0.9] * 2), (0.8, [0.1] * 8)],
                            [None, apart])
    assert agree[0] > 0.85 and differ[0] > 0.75
