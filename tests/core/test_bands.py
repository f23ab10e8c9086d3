"""Confidence bands: exact boundaries, validation, bad probabilities."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from neuroplast.core.bands import BandsConfig, ConfidenceBands
from neuroplast.errors import ConfigError, InvalidInputError, NumericalError


@pytest.mark.parametrize(
    ("p", "expected"),
    [
        (1.0, "allow"),
        (0.8, "allow"),  # allow is inclusive
        (math.nextafter(0.8, 0.0), "ask"),
        (0.5, "ask"),
        (math.nextafter(0.2, 1.0), "ask"),
        (0.2, "block"),  # block is inclusive
        (0.0, "block"),
    ],
)
def test_decide_at_the_boundaries(p: float, expected: str) -> None:
    assert ConfidenceBands(BandsConfig(allow=0.8, block=0.2)).decide(p) == expected


def test_default_config_and_extreme_bands() -> None:
    assert ConfidenceBands().config == BandsConfig(allow=0.8, block=0.2)
    everything_decided = ConfidenceBands(BandsConfig(allow=1.0, block=0.0))
    assert everything_decided.decide(1.0) == "allow"
    assert everything_decided.decide(0.0) == "block"
    assert everything_decided.decide(0.999) == "ask"


def test_accepts_tensor_and_numpy_scalars() -> None:
    bands = ConfidenceBands()
    assert bands.decide(torch.tensor(0.9)) == "allow"  # type: ignore[arg-type]
    assert bands.decide(np.float32(0.1)) == "block"  # type: ignore[arg-type]
    assert bands.decide(1) == "allow"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"allow": 1.5}, "allow"),
        ({"allow": float("nan")}, "allow"),
        ({"block": -0.1}, "block"),
        ({"allow": 0.5, "block": 0.5}, "block"),
        ({"allow": 0.2, "block": 0.8}, "block"),
    ],
)
def test_config_validation_names_the_field(kwargs: dict[str, float], field: str) -> None:
    with pytest.raises(ConfigError, match=f"BandsConfig.{field}"):
        BandsConfig(**kwargs)


def test_config_json_round_trip() -> None:
    cfg = BandsConfig(allow=0.7, block=0.3)
    assert BandsConfig.from_json(cfg.to_json()) == cfg


def test_nan_probability_is_a_numerical_error() -> None:
    with pytest.raises(NumericalError, match="NaN"):
        ConfidenceBands().decide(float("nan"))


@pytest.mark.parametrize("p", [-0.01, 1.01, float("inf"), float("-inf")])
def test_out_of_range_probability_is_invalid_input(p: float) -> None:
    with pytest.raises(InvalidInputError, match=r"outside \[0, 1\]"):
        ConfidenceBands().decide(p)


@pytest.mark.parametrize("p", ["0.5", None, True, [0.5]])
def test_non_numbers_are_invalid_input(p: object) -> None:
    with pytest.raises(InvalidInputError):
        ConfidenceBands().decide(p)  # type: ignore[arg-type]


def test_multi_element_tensor_is_invalid_input() -> None:
    with pytest.raises(InvalidInputError, match="once per element"):
        ConfidenceBands().decide(torch.tensor([0.1, 0.9]))  # type: ignore[arg-type]
