"""Settings are checked where they are given: URLs (`check_url`), infinities, types."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from neuroplast.config import check_url
from neuroplast.core.ewc import OnlineEWCConfig
from neuroplast.core.ewcpp import EWCPlusPlusConfig
from neuroplast.core.lora import LoRAConfig
from neuroplast.core.replay import ReplayConfig
from neuroplast.errors import ConfigError, InvalidInputError
from neuroplast.learn import LearnerConfig


@pytest.mark.parametrize(("url", "expected"), [
    ("http://127.0.0.1:8765/", "http://127.0.0.1:8765"),
    ("https://bob.lan:8766", "https://bob.lan:8766"),
    ("http://[::1]:9000/gate/", "http://[::1]:9000/gate"),
    ("http://localhost", "http://localhost"),
])
def test_good_urls_come_back_without_a_trailing_slash(url: str, expected: str) -> None:
    assert check_url(url, "--url") == expected


@pytest.mark.parametrize(("url", "says"), [
    ("http://[::1", "is not a URL"),                  # IPv6 literal left open
    ("http://h/\x01", "control characters"),
    ("https:// spaces here/x", "spaces"),
    ("https://", "names no host"),
    ("notaurl", "must start with http:// or https://"),
    ("ftp://x", "must start with"),
    ("http://x:99999", "port must be a number in 1-65535"),
    ("http://x:0", "port must be"),
    ("http://x:abc", "port must be"),
    ("HTTP://x:80", "must start with"),
    ("http://user@h:80", "no user, query or fragment"),
    ("http://h:80/?a=1", "no user, query or fragment"),
])
def test_bad_urls_say_what_is_wrong(url: str, says: str) -> None:
    with pytest.raises(InvalidInputError, match=says.replace("(", r"\(")):
        check_url(url, "--url")


def test_schemes_can_be_narrowed() -> None:
    with pytest.raises(InvalidInputError, match=r"must start with http://$"):
        check_url("https://x", "--url", schemes=("http",))


@pytest.mark.parametrize("build", [
    lambda: OnlineEWCConfig(lambda_=float("inf")),
    lambda: EWCPlusPlusConfig(lambda_init=float("inf"), lambda_max=float("inf")),
    lambda: LearnerConfig(lr=float("inf")),
    lambda: ReplayConfig(policy=["ring"]),
    lambda: LoRAConfig(rank=2, alpha=1.0, tier=["micro"]),
], ids=["ewc-lambda", "ewcpp-lambda", "lr", "replay-policy-list", "lora-tier-list"])
def test_infinite_or_unhashable_settings_are_config_errors(build: Callable[[], object]) -> None:
    with pytest.raises(ConfigError):
        build()


def test_infinity_stays_allowed_where_it_means_never() -> None:
    from neuroplast.sona.config import BankConfig

    assert ReplayConfig(lock_threshold=float("inf")).lock_threshold == float("inf")
    assert EWCPlusPlusConfig(lambda_max=float("inf")).lambda_max == float("inf")  # no cap
    assert BankConfig(prune_idle_s=float("inf")).prune_idle_s == float("inf")  # never


def test_a_dict_where_a_config_belongs_is_named() -> None:
    from neuroplast.core.ewc import OnlineEWC
    from neuroplast.core.ewcpp import BoundaryConfig, EWCPlusPlus
    from neuroplast.core.replay import ReplayBuffer
    from neuroplast.sona import Engine, SonaConfig

    for build, kind in ((lambda: ReplayBuffer({"capacity": 3}), "ReplayConfig"),
                        (lambda: OnlineEWC("x"), "OnlineEWCConfig"),
                        (lambda: EWCPlusPlus({"gamma": 0.9}), "EWCPlusPlusConfig"),
                        (lambda: Engine({"embedding_dim": 4}), "SonaConfig")):
        with pytest.raises(ConfigError, match=f"takes a {kind}"):
            build()
    with pytest.raises(ConfigError, match="give a BankConfig"):
        SonaConfig(bank="x")  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="not a whole number"):
        EWCPlusPlusConfig(max_tasks=2.5)  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="not a whole number"):
        BoundaryConfig(patience=2.0)  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="give a BoundaryConfig"):
        EWCPlusPlusConfig(boundary="x")  # type: ignore[arg-type]
