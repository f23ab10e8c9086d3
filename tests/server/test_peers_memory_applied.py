"""A peer's memory adapter counts on this install, below its own, over real HTTP: A's
model service trains and publishes a LoRA adapter on the committed tiny llama; B's
service pulls it (``--trust weights``), lists it as applied, and B's model service merges
it at ``[peers] adapter_weight`` = 0.5: B's model now gives A's taught continuation a
higher log-probability than the base model did, exactly as the base with half A's update
would. Once A is off B's trust list, B scores with exactly the model it had before.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest
import torch

from neuroplast.peers import PeerList
from neuroplast.server.service import create_service
from neuroplast.server.service_config import ServiceConfig
from neuroplast.server.subsystems import available

if TYPE_CHECKING:
    from conftest import Served  # tests/server/conftest.py

TINY = Path(__file__).parents[2] / "benchmarks" / "data" / "tiny_lm" / "llama"
CONTEXT, TAUGHT = [3, 10, 11, 12], [20, 21]
PROBE = CONTEXT + TAUGHT
pytestmark = [pytest.mark.skipif("peers" not in available(), reason="peers not installed"),
              pytest.mark.slow]  # two services with their gates: ~15 s


def _config(memory: bool = False) -> ServiceConfig:
    """``memory``: the one service runs memory's model service too ([memory] enabled)."""
    return ServiceConfig.from_dict({
        "service": {"disabled": ["dashboard"]},
        "peers": {"sync_interval_s": 0.2, "adapter_kinds": ["memory"],
                  "adapter_weight": 0.5},
        "memory": {"enabled": memory, "model": str(TINY) if memory else "", "name": "tiny",
                   "poll_s": 0.1},
        "gate": {"learner": {"backend": "thread"}}}, available())


def _logits(model: torch.nn.Module) -> torch.Tensor:
    with torch.no_grad():
        return model(torch.tensor([PROBE])).logits[0]


def _taught_logprob(backend: Any) -> float:
    """log p(TAUGHT | CONTEXT) by the model ``backend`` scores with."""
    return float(backend.score([PROBE], [[(len(CONTEXT), len(PROBE))]])[0][0])


def _scored(client: Any) -> float:
    """log p(TAUGHT | CONTEXT) as B's model service answers it over HTTP (/score)."""
    answer = client.post("/score", json={"model": "tiny", "prompt": PROBE,
                                         "score_ranges": [[len(CONTEXT), len(PROBE)]]})
    assert answer.status_code == 200, answer.text
    return float(answer.json()["scores"][0]["total_logprob"])


def _memory_status(client: Any) -> dict[str, Any]:
    return client.get("/v1/status").json()["subsystems"]["memory"]  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def homes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A's data dir with the adapter its model service trained and published (v1)."""
    from neuroplast.memory.service import ModelService
    from neuroplast.memory.trainer import TrainConfig

    torch.set_num_threads(1)
    homes = {n: tmp_path_factory.mktemp(n) for n in "ab"}
    service = ModelService(TINY, homes["a"] / "memory", TrainConfig(
        steps=4, max_length=48, replay_batch=0, ewc_lambda=0.0))
    try:
        job = service.submit([{"context_ids": CONTEXT, "continuation_ids": TAUGHT}])
        deadline = time.monotonic() + 120
        while service.jobs.status(job)["status"] not in ("done", "failed"):
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert service.jobs.status(job)["status"] == "done"
    finally:
        service.close()
    return homes


@pytest.fixture(scope="module")
def pair(serve: Callable[..., Served], homes: dict[str, Path]) -> Iterator[dict[str, Any]]:
    # B's one service also serves memory, from the same data dir as its own model service
    apps = {n: create_service(_config(memory=n == "b"), data_dir=homes[n], warm_up=False)
            for n in homes}
    served = {n: serve(apps[n]) for n in homes}
    keys = {}
    for n in homes:
        with served[n].client(homes[n]) as client:
            keys[n] = client.get("/v1/peers").json()["identity"]
    yield {"homes": homes, "served": served, "apps": apps, "keys": keys}


def test_as_adapter_is_merged_at_half_into_bs_model_and_leaves_with_a(
        pair: dict[str, Any], serve: Callable[..., Served],
        eventually: Callable[..., bool]) -> None:
    from neuroplast.cli.memory import _peer_adapters  # what `neuroplast memory serve` reads
    from neuroplast.memory.local import LocalBackend, apply_adapter
    from neuroplast.memory.service import ModelService
    from neuroplast.server.memory_app import create_memory_app

    homes = pair["homes"]
    b_model = ModelService(TINY, homes["b"] / "memory", peer_adapters=_peer_adapters(homes["b"]),
                           poll_s=0.1)
    token = "t" * 43
    b_http = serve(create_memory_app(None, model_name="tiny", token=token, service=b_model))
    b_scores = httpx.Client(base_url=b_http.url, timeout=60,
                            headers={"Authorization": f"Bearer {token}"})
    try:
        scored_before = _scored(b_scores)
        base = LocalBackend.from_pretrained(TINY)
        a_backend = LocalBackend.from_pretrained(
            TINY, adapter=homes["a"] / "memory" / "adapters" / "v1")
        before = _logits(b_model.backend.model)
        assert torch.equal(before, _logits(base.model))  # B has no adapter of its own
        # each trusts the other with weights (`neuroplast peers add ... --trust weights`)
        PeerList(homes["a"] / "peers" / "peers.db").add(
            "b", pair["keys"]["b"], pair["served"]["b"].url, trust="weights")
        PeerList(homes["b"] / "peers" / "peers.db").add(
            "a", pair["keys"]["a"], pair["served"]["a"].url, trust="weights")
        assert eventually(lambda: b_model.peers_merged == ["a"], timeout=120)
        with pair["served"]["b"].client(homes["b"]) as client:
            status = client.get("/v1/status").json()["subsystems"]["peers"]
        assert status["adapters_applied"]["memory"] == ["a"]
        # what B scores with: the base plus half A's update, computed here from A's own
        # published files (scaling halved), not from B's copy
        half = LocalBackend.from_pretrained(TINY).model
        from neuroplast.core.lora import load_peft_adapter, lora_layers, merge_lora

        load_peft_adapter(half, homes["a"] / "memory" / "adapters" / "v1", "scaled")
        for _, layer in lora_layers(half):
            layer.scaling["scaled"] *= 0.5
        merge_lora(half, "scaled")
        assert torch.allclose(_logits(b_model.backend.model), _logits(half), atol=1e-5)
        assert not torch.allclose(_logits(b_model.backend.model), before, atol=1e-3)
        full = apply_adapter(LocalBackend.from_pretrained(TINY).model,
                             homes["a"] / "memory" / "adapters" / "v1")
        assert torch.allclose(_logits(full), _logits(a_backend.model), atol=1e-5)
        # behaviour: B now expects what A was taught, less than A does
        lp = {"base": _taught_logprob(base), "b": _taught_logprob(b_model.backend),
              "a": _taught_logprob(a_backend)}
        print("log p(taught | context):", lp)
        assert lp["base"] + 0.1 < lp["b"] < lp["a"] - 0.1
        # the same over HTTP: what B's model service answers its clients
        assert b_scores.get("/healthz").json()["peer_adapters"] == ["a"]
        assert scored_before == pytest.approx(lp["base"], abs=1e-4)
        assert _scored(b_scores) == pytest.approx(lp["b"], abs=1e-4)
        # and memory on B's one service (`neuroplast serve`, [memory] enabled) the same
        with pair["served"]["b"].client(homes["b"]) as one:
            assert eventually(lambda: _memory_status(one)["peer_adapters"] == ["a"],
                              timeout=60)
            assert _scored(one) == pytest.approx(lp["b"], abs=1e-4)
        # A off B's trust list (`neuroplast peers remove a`): B's model is its own again
        PeerList(homes["b"] / "peers" / "peers.db").remove("a")
        assert eventually(lambda: b_model.peers_merged == [], timeout=60)
        assert torch.equal(_logits(b_model.backend.model), before)
        assert _scored(b_scores) == scored_before
        assert b_scores.get("/healthz").json()["peer_adapters"] == []
        with pair["served"]["b"].client(homes["b"]) as one:
            assert eventually(lambda: _memory_status(one)["peer_adapters"] == [], timeout=60)
            assert _scored(one) == scored_before
    finally:
        b_scores.close()
        b_model.close()


def test_with_an_adapter_of_its_own_b_scores_with_its_own_at_1_and_as_at_half(
        homes: dict[str, Path], tmp_path: Path) -> None:
    """The own adapter and a peer's add up: W0 + ΔW_own + 0.5 ΔW_A; training publishes the
    own one alone, and a peer taken away leaves the own one as it was."""
    from neuroplast.core.lora import load_peft_adapter, lora_layers, merge_lora
    from neuroplast.memory.local import LocalBackend
    from neuroplast.memory.peer_adapters import PeerAdapter, sha256_file
    from neuroplast.memory.service import ModelService
    from neuroplast.memory.trainer import TrainConfig

    a_dir = homes["a"] / "memory" / "adapters" / "v1"
    peer = PeerAdapter("a", a_dir, sha256_file(a_dir / "adapter_model.safetensors"), 0.5)
    listed: list[PeerAdapter] = [peer]
    service = ModelService(TINY, tmp_path / "memory", TrainConfig(
        steps=2, max_length=48, replay_batch=0, ewc_lambda=0.0, seed=1),
        peer_adapters=lambda: list(listed), poll_s=0.1)
    try:
        assert service.peers_merged == ["a"]
        job = service.submit([{"context_ids": [3, 30, 31], "continuation_ids": [40, 41]}])
        deadline = time.monotonic() + 120
        while service.jobs.status(job)["status"] not in ("done", "failed"):
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert service.jobs.status(job)["status"] == "done"
        own = service.adapters / "v1"
        # what B should score with, built here from the two published directories
        expected = LocalBackend.from_pretrained(TINY).model
        load_peft_adapter(expected, own, "own")
        load_peft_adapter(expected, a_dir, "peer")
        for _, layer in lora_layers(expected):
            layer.scaling["peer"] *= 0.5
        merge_lora(expected)
        assert torch.allclose(_logits(service.backend.model), _logits(expected), atol=1e-5)
        only_own = _logits(LocalBackend.from_pretrained(TINY, adapter=own).model)
        assert not torch.allclose(_logits(service.backend.model), only_own, atol=1e-3)
        listed.clear()  # A taken away: B's own adapter alone
        deadline = time.monotonic() + 30
        while service.peers_merged:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert torch.allclose(_logits(service.backend.model), only_own, atol=1e-5)
    finally:
        service.close()
