"""Adapter weights between two real services over HTTP (``--trust weights``): A's memory
adapter, trained for real on the committed tiny llama by the memory model service, is
pulled by B, checked and kept as a PEFT directory that loads into the same base model
with A's outputs. Forged, tampered, pickled, non-LoRA, non-finite, oversize and replayed
adapters are refused, counted, and leave nothing behind; a key trusted with signals only
gets no weights.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import pickle
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest
import torch
from safetensors.torch import save

from neuroplast.errors import AuthenticationError, InvalidInputError, PayloadTooLarge
from neuroplast.peers import Identity, PeerList
from neuroplast.peers.bundle import ReplayedSignal, UntrustedPeer
from neuroplast.peers.exchange import PEER_HEADERS, request_text
from neuroplast.peers.weights import seal_adapter
from neuroplast.server.service import create_service
from neuroplast.server.service_config import ServiceConfig
from neuroplast.server.subsystems import available

if TYPE_CHECKING:
    from conftest import Served  # tests/server/conftest.py

TINY = Path(__file__).parents[2] / "benchmarks" / "data" / "tiny_lm" / "llama"
PROBE = [3, 10, 11, 12, 20, 21, 22]
pytestmark = pytest.mark.skipif("peers" not in available(), reason="peers not installed")


def _config() -> ServiceConfig:
    return ServiceConfig.from_dict({"peers": {"sync_interval_s": 0.2},
                                    "gate": {"learner": {"backend": "thread"}}}, available())


def _logits(model: torch.nn.Module) -> torch.Tensor:
    with torch.no_grad():
        return model(torch.tensor([PROBE])).logits[0]


@pytest.fixture(scope="module")
def a_home(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, torch.Tensor]:
    """A's data dir, with the memory adapter its model service trained and published (v1),
    and the logits of the model it serves with it."""
    from neuroplast.memory.service import ModelService
    from neuroplast.memory.trainer import TrainConfig

    torch.set_num_threads(1)
    home = tmp_path_factory.mktemp("a")
    service = ModelService(TINY, home / "memory", TrainConfig(
        steps=2, max_length=48, replay_batch=0, ewc_lambda=0.0))
    try:
        job = service.submit([{"context_ids": [3, 10, 11, 12], "continuation_ids": [20, 21]}])
        deadline = time.monotonic() + 120
        while service.jobs.status(job)["status"] not in ("done", "failed"):
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert service.jobs.status(job)["status"] == "done"
        served = _logits(service.backend.model)
    finally:
        service.close()
    return home, served


@pytest.fixture(scope="module")
def pair(serve: Callable[..., Served], a_home: tuple[Path, torch.Tensor],
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    homes = {"a": a_home[0], "b": tmp_path_factory.mktemp("b")}
    apps = {n: create_service(_config(), data_dir=homes[n]) for n in homes}
    served = {n: serve(apps[n]) for n in homes}
    keys = {}
    for n in homes:
        with served[n].client(homes[n]) as client:
            keys[n] = client.get("/v1/peers").json()["identity"]
    PeerList(homes["a"] / "peers" / "peers.db").add("b", keys["b"], served["b"].url,
                                                     trust="weights")
    PeerList(homes["b"] / "peers" / "peers.db").add("a", keys["a"], served["a"].url,
                                                     trust="weights")
    yield {"homes": homes, "served": served, "apps": apps, "keys": keys}


def _taken(pair: dict[str, Any]) -> list[dict[str, Any]]:
    with pair["served"]["b"].client(pair["homes"]["b"]) as client:
        return client.get("/v1/peers").json()["adapters_in"]  # type: ignore[no-any-return]


def test_b_pulls_as_adapter_and_it_loads_with_as_outputs(
        pair: dict[str, Any], a_home: tuple[Path, torch.Tensor],
        eventually: Callable[..., bool]) -> None:
    from neuroplast.memory.local import LocalBackend, apply_adapter

    assert eventually(lambda: len(_taken(pair)) == 1, timeout=120)
    taken = _taken(pair)[0]
    assert (taken["peer"], taken["kind"], taken["version"]) == ("a", "memory", 1)
    folder = Path(taken["path"])
    assert folder == pair["homes"]["b"] / "peers" / "adapters" / "a" / "memory" / "v1"
    for item in (folder, *folder.iterdir()):
        mode = stat.S_IMODE(item.stat().st_mode)
        assert mode == (0o700 if item.is_dir() else 0o600), (item, oct(mode))
    mine = pair["homes"]["a"] / "memory" / "adapters" / "v1"
    assert (folder / "adapter_model.safetensors").read_bytes() == (
        mine / "adapter_model.safetensors").read_bytes()
    model = apply_adapter(LocalBackend.from_pretrained(TINY).model, folder)
    base = _logits(LocalBackend.from_pretrained(TINY).model)
    served = a_home[1]
    assert not torch.allclose(served, base, atol=1e-4)  # the adapter changes the outputs...
    assert torch.allclose(_logits(model), served, atol=1e-4)  # ...as it did on A
    with pair["served"]["b"].client(pair["homes"]["b"]) as client:
        assert client.get("/v1/status").json()["subsystems"]["peers"]["adapters_in"] == 1
    time.sleep(1.0)  # a few more sync rounds: the same version is not taken again
    assert len(_taken(pair)) == 1


@pytest.mark.slow  # a browser: ~5 s
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's chromium")
def test_the_dashboard_shows_the_adapter_taken(pair: dict[str, Any],
                                               eventually: Callable[..., bool]) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    assert eventually(lambda: len(_taken(pair)) == 1, timeout=120)
    app, url = pair["apps"]["b"], pair["served"]["b"].url
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
        try:
            page = browser.new_page()
            page.goto(f"{url}/login?code={app.state.sessions.login_code()}")
            page.wait_for_selector("body[data-loaded=true]", timeout=30_000)
            shown = page.inner_text("[data-adapter='a/memory/v1']")
        finally:
            browser.close()
    assert shown.startswith("memory adapter v1 from a, kept at ") and "/peers/adapters/a/" in (
        shown)
    assert shown.endswith(", counts now")  # B's model service merges it (applied.json)


def _a(pair: dict[str, Any]) -> Identity:
    return Identity.load_or_create(pair["homes"]["a"] / "peers" / "identity.pem")


def _weights(**tensors: torch.Tensor) -> bytes:
    return save({f"base_model.model.{k}": v for k, v in tensors.items()})


LORA = {"peft_type": "LORA", "r": 2, "lora_alpha": 4, "target_modules": ["fc"]}


def _wire(identity: Identity, to: str, weights: bytes, version: int = 90, **over: Any
          ) -> dict[str, str]:
    """A bundle signed by ``identity`` whose payload says what ``over`` says."""
    wire = seal_adapter(identity, to, "memory", version, LORA,
                        _weights(**{"fc.lora_A.weight": torch.ones(2, 3),
                                    "fc.lora_B.weight": torch.ones(4, 2)}))
    payload = json.loads(wire["payload"])
    payload.update({"size": len(weights), "sha256": hashlib.sha256(weights).hexdigest(),
                    **over})
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return {"payload": text, "signature": identity.sign(text.encode()),
            "weights": base64.b64encode(weights).decode()}


class _Boom:
    def __reduce__(self) -> tuple[Any, ...]:
        import os

        return (os.system, ("touch /tmp/neuroplast-pickle-ran",))


def test_bad_adapters_are_refused_counted_and_leave_nothing(
        pair: dict[str, Any], tmp_path: Path, eventually: Callable[..., bool]) -> None:
    exchange = pair["apps"]["b"].state.exchange
    a, b_key = _a(pair), pair["keys"]["b"]
    before = exchange.peers.refusals()
    good = _weights(**{"fc.lora_A.weight": torch.ones(2, 3),
                       "fc.lora_B.weight": torch.ones(4, 2)})
    # the weights changed after signing
    wire = seal_adapter(a, b_key, "memory", 90, LORA, good)
    tampered = bytearray(base64.b64decode(wire["weights"]))
    tampered[-1] ^= 1
    with pytest.raises(AuthenticationError, match="not the ones it signed"):
        exchange.receive_adapter({**wire, "weights": base64.b64encode(tampered).decode()})
    # a pickle, signed and sized as it is: refused as no safetensors file, never unpickled
    buffer = io.BytesIO()
    torch.save({"x": _Boom()}, buffer)
    for blob in (buffer.getvalue(), pickle.dumps(_Boom())):
        with pytest.raises(InvalidInputError, match="not a safetensors file"):
            exchange.receive_adapter(_wire(a, b_key, blob, tensors={}))
    assert not Path("/tmp/neuroplast-pickle-ran").exists()
    # not LoRA matrices; a rank other than configured; values that are not finite
    cases = [(_weights(**{"fc.weight": torch.ones(4, 3)}), "no LoRA matrix"),
             (_weights(**{"fc.lora_A.weight": torch.ones(3, 3),
                          "fc.lora_B.weight": torch.ones(4, 3)}), "with r = 2"),
             (_weights(**{"fc.lora_A.weight": torch.full((2, 3), float("nan")),
                          "fc.lora_B.weight": torch.ones(4, 2)}), "not finite"),
             (_weights(**{"fc.lora_A.weight": torch.ones(2, 3, dtype=torch.int32),
                          "fc.lora_B.weight": torch.ones(4, 2)}), "not floating point")]
    for weights, why in cases:
        sealed = seal_adapter(a, b_key, "memory", 91, LORA, weights)
        with pytest.raises(InvalidInputError, match=why):
            exchange.receive_adapter(sealed)
    # signed tensors other than those sent
    with pytest.raises(InvalidInputError, match="other tensors than it signed"):
        exchange.receive_adapter(_wire(a, b_key, good, tensors={}))
    # any other malformed field: a clear refusal, never a crash
    for field, value in (("tensors", {"x": 5}), ("tensors", []), ("tensors", {"x": ["F32"]}),
                         ("config", {**LORA, "rank_pattern": [1]}), ("config", "LORA"),
                         ("config", {**LORA, "r": True}), ("version", "1"), ("version", 0),
                         ("size", "big"), ("kind", "sona"), ("kind", None)):
        with pytest.raises(InvalidInputError):
            exchange.receive_adapter(_wire(a, b_key, good, **{field: value}))
    # over the size limit: refused before the base64 is decoded
    with pytest.raises(PayloadTooLarge):
        exchange.receive_adapter(_wire(a, b_key, good, size=10**12))
    # a stranger's, and a signals-only peer's
    stranger = Identity.load_or_create(tmp_path / "stranger.pem")
    with pytest.raises(UntrustedPeer):
        exchange.receive_adapter(seal_adapter(stranger, b_key, "memory", 1, LORA, good))
    exchange.peers.add("c", stranger.public_key, "http://127.0.0.1:9")  # signals only
    with pytest.raises(UntrustedPeer, match="signals, not weights"):
        exchange.receive_adapter(seal_adapter(stranger, b_key, "memory", 1, LORA, good))
    exchange.peers.remove("c")
    # version 1 again, other weights: a replay. B pulls A's version 1 in the background;
    # under pytest-xdist no other test of this worker may have waited for it yet
    assert eventually(lambda: any(t["version"] == 1 for t in _taken(pair)), timeout=120)
    with pytest.raises(ReplayedSignal):
        exchange.receive_adapter(seal_adapter(a, b_key, "memory", 1, LORA, good))
    assert not any(t["version"] in (90, 91) for t in exchange.peers.adapters_in())
    assert not (pair["homes"]["b"] / "peers" / "adapters" / "a" / "memory" / "v90").exists()
    after = exchange.peers.refusals()
    assert sum(after.values()) - sum(before.values()) >= 23
    for reason in ("AuthenticationError", "InvalidInputError", "PayloadTooLarge",
                   "UntrustedPeer", "ReplayedSignal"):
        assert after.get(reason, 0) > before.get(reason, 0), reason


def test_a_key_trusted_with_signals_only_gets_no_weights(pair: dict[str, Any],
                                                         tmp_path: Path) -> None:
    a_url = pair["served"]["a"].url
    a_key = pair["keys"]["a"]
    other = Identity.load_or_create(tmp_path / "other.pem")
    target = "/v1/peers/adapter?kind=memory&after=0"

    def pull() -> httpx.Response:
        sent = repr(time.time())
        headers = dict(zip(PEER_HEADERS, (other.public_key, sent, other.sign(
            request_text("GET", target, sent, a_key))), strict=True))
        return httpx.get(a_url + target, headers=headers, timeout=30)

    assert pull().status_code == 403  # on no list
    PeerList(pair["homes"]["a"] / "peers" / "peers.db").add("d", other.public_key,
                                                             "http://127.0.0.1:9")
    answer = pull()
    assert answer.status_code == 403 and "not weights" in answer.json()["error"]["message"]
    PeerList(pair["homes"]["a"] / "peers" / "peers.db").add(
        "d", other.public_key, "http://127.0.0.1:9", trust="weights")
    answer = pull()
    assert answer.status_code == 200
    assert json.loads(answer.json()["payload"])["version"] == 1


def test_an_adapter_for_another_base_model_is_refused(pair: dict[str, Any]) -> None:
    """Once B has an adapter of its own, a peer's must have its tensors and shapes."""
    import shutil

    exchange = pair["apps"]["b"].state.exchange
    own = pair["homes"]["b"] / "memory" / "adapters"
    own.mkdir(parents=True)
    shutil.copytree(pair["homes"]["a"] / "memory" / "adapters" / "v1", own / "v1")
    (own / "current").write_text("v1\n")
    try:
        other = seal_adapter(_a(pair), pair["keys"]["b"], "memory", 95, LORA, _weights(
            **{"fc.lora_A.weight": torch.ones(2, 3), "fc.lora_B.weight": torch.ones(4, 2)}))
        with pytest.raises(InvalidInputError, match="another base model"):
            exchange.receive_adapter(other)
    finally:
        shutil.rmtree(pair["homes"]["b"] / "memory")


def test_forgetting_a_peer_deletes_the_weights_it_sent(
        pair: dict[str, Any], eventually: Callable[..., bool]) -> None:
    # B pulls A's adapter in the background; under pytest-xdist this test may run on a
    # worker where the test that waits for the pull did not, so it waits for it itself
    assert eventually(lambda: len(_taken(pair)) == 1, timeout=120)
    home = pair["homes"]["b"]
    assert (home / "peers" / "adapters" / "a").is_dir()
    PeerList(home / "peers" / "peers.db").remove("a")  # as `peers remove a --forget` does
    with pair["served"]["b"].client(home) as client:
        assert client.post("/v1/peers/forget", json={"name": "a"}).status_code == 200
        assert client.get("/v1/peers").json()["adapters_in"] == []
    assert not (home / "peers" / "adapters" / "a").exists()
