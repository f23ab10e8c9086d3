"""Memory's model service on the one service (``neuroplast serve``) over real HTTP, on the
committed tiny llama: its routes take the service's token and nothing else, JSON only, a
loopback Host only; a score is exactly what ``neuroplast memory serve`` answers for the
same request; its files are private; ``neuroplast status`` has a line for it; off unless
configured."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest

from neuroplast.errors import ConfigError
from neuroplast.server.memory_subsystem import MEMORY, MemoryServiceConfig
from neuroplast.server.service import create_service
from neuroplast.server.service_config import ServiceConfig
from neuroplast.server.subsystems import available

TINY = Path(__file__).parents[2] / "benchmarks" / "data" / "tiny_lm" / "llama"
SCORE = {"model": "llama", "prompt": [3, 10, 11, 12, 20, 21, 22], "score_ranges": [[4, 7]]}


@pytest.fixture(autouse=True)
def _one_thread() -> Iterator[None]:
    """As ``neuroplast serve`` runs (cli.gate._tune_for_serving): one torch thread."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def _config(**memory: Any) -> ServiceConfig:
    subsystems = available()
    return ServiceConfig.from_dict({
        "service": {"disabled": [n for n in subsystems
                                 if n not in ("gate", "memory", "dashboard")]},
        "gate": {"learner": {"backend": "thread"}},
        "memory": {"enabled": True, "model": str(TINY), "train": {"steps": 2}, **memory},
    }, subsystems)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def one(serve: Any, home: Path) -> Any:
    return serve(create_service(_config(), data_dir=home, warm_up=False))


def test_memory_routes_need_the_service_token_json_and_a_loopback_host(
        one: Any, home: Path) -> None:
    assert httpx.post(f"{one.url}/score", json=SCORE).status_code == 401
    assert httpx.post(f"{one.url}/score", json=SCORE,
                      headers={"Authorization": "Bearer " + "x" * 43}).status_code == 401
    with one.client(home) as client:
        assert client.post("/score", content=json.dumps(SCORE),
                           headers={"Content-Type": "text/plain"}).status_code == 415
        assert client.post("/score", json=SCORE,
                           headers={"Host": "evil.example"}).status_code == 421
        models = client.get("/v1/models")
        assert models.status_code == 200 and models.json()["data"][0]["id"] == "llama"
        # the gate's routes still answer on the same app, with the same token
        assert client.get("/v1/gate/stats").status_code == 200
    # the memory loop's files, as `neuroplast memory serve` keeps them: private
    for path in (home / "memory", home / "memory" / "jobs.db", home / "gate" / "token"):
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path


def test_a_score_is_exactly_the_standalone_services(one: Any, home: Path, serve: Any,
                                                    tmp_path: Path) -> None:
    from neuroplast.memory.service import ModelService
    from neuroplast.server.memory_app import create_memory_app

    alone = ModelService(TINY, tmp_path / "memory")  # `neuroplast memory serve --model`
    token = "t" * 43
    try:
        served = serve(create_memory_app(None, model_name="llama", token=token,
                                         service=alone))
        with httpx.Client(base_url=served.url, timeout=60,
                          headers={"Authorization": f"Bearer {token}"}) as client:
            expected = client.post("/score", json=SCORE)
        with one.client(home) as client:
            got = client.post("/score", json=SCORE)
            wrong = client.post("/score", json={**SCORE, "model": "other"})
            ranged = client.post("/score", json={**SCORE, "score_ranges": [[1, 2, 3]]})
    finally:
        alone.close()
    assert expected.status_code == got.status_code == 200, (expected.text, got.text)
    assert got.json() == expected.json()
    assert got.json()["scores"][0]["total_logprob"] < 0
    assert wrong.status_code == 400 and "llama" in wrong.json()["error"]["message"]
    assert ranged.status_code in (400, 422)


def test_prompt_bodies_over_the_services_1_mb_reach_the_model_up_to_4_mb(
        one: Any, home: Path) -> None:
    def body(tokens: int) -> bytes:
        return json.dumps({**SCORE, "prompt": [5] * tokens}).encode()

    long, huge = body(500_000), body(1_500_000)
    assert 1 << 20 < len(long) < 4 << 20 < len(huge)
    with one.client(home) as client:
        headers = {"Content-Type": "application/json"}
        answer = client.post("/score", content=long, headers=headers)
        assert answer.status_code == 400, answer.text  # the model's limit: a clear error
        assert "token" in answer.json()["error"]["message"]
        assert client.post("/score", content=huge, headers=headers).status_code == 413
        small = client.post("/v1/gate/feedback", content=b"{" + b" " * 1_200_000 + b"}",
                            headers={"Content-Type": "application/json"})
        assert small.status_code == 413  # every other route keeps the 1 MB limit


def test_status_has_a_memory_line(one: Any, home: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    from neuroplast.cli.serve import status, status_lines

    with one.client(home) as client:
        data = client.get("/v1/status").json()
    memory = data["subsystems"]["memory"]
    assert memory["running"] and memory["enabled"] and memory["model"] == "llama"
    assert memory["adapter_version"] == 0 and memory["peer_adapters"] == []
    rows = {name: (state, text) for name, state, text in status_lines(data)}
    assert rows["memory"][0] == "running" and "model llama" in rows["memory"][1]
    status(url=one.url, data_dir=home, as_json=False)  # `neuroplast status`
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if "memory" in line)
    assert "running" in line and "llama" in out, out


def test_memory_state_lists_the_stores_weights_and_pending_candidates(
        one: Any, home: Path) -> None:
    from neuroplast.memory.store import MemoryStore, Review

    # what `neuroplast memory candidates` and background scoring write, in the same folder
    store = MemoryStore(home / "memory" / "memory.db")
    try:
        for key, score in (("dog", 2.5), ("city", -0.4), ("dog", 0.5), ("job", 1.0)):
            store.fold_score(key, score, now=100.0)
        store.offer([Review(7.0, "pending", 1.5, "rex.", None, (1, 2), (3,),
                            (("dog", "the dog is rex.", 1.2),)),
                     Review(8.0, "pending", 3.0, "oslo.", "bergen.", (1,), (4,)),
                     Review(9.0, "pending", 2.0, "hi.", None, (1,), (5,))])
        store.set_status(9.0, "rejected")
    finally:
        store.close()
    with one.client(home) as client:
        state = client.get("/v1/memory/state").json()
        first = client.get("/v1/memory/state", params={"limit": 1}).json()
        bad = [client.get("/v1/memory/state", params={"limit": v}) for v in (0, 501, "x")]
        dashboard = client.get("/v1/dashboard/data").json()
    assert httpx.get(f"{one.url}/v1/memory/state").status_code == 401  # the token, as all
    assert state["enabled"] and state["memories"] == 3
    # dog: 2.5, then 0.5 folded down at 0.1 -> 2.3; heaviest first
    assert [(w["key"], round(w["weight"], 6), w["scores"]) for w in state["weights"]] == [
        ("dog", 2.3, 2), ("job", 1.0, 1), ("city", -0.4, 1)]
    assert state["candidates"] == {"pending": 2, "approved": 0, "rejected": 1, "trained": 0}
    assert [(p["response_ts"], p["text"], p["alternative"]) for p in state["pending"]] == [
        (8.0, "oslo.", "bergen."), (7.0, "rex.", None)]
    assert state["pending"][1]["memories"] == [{"key": "dog", "divergence": 1.2}]
    assert [w["key"] for w in first["weights"]] == ["dog"] and len(first["pending"]) == 1
    assert first["memories"] == 3  # the count is all of them, the list the limit
    for answer in bad:
        assert answer.status_code == 422, answer.text
        assert "limit" in answer.json()["error"]["message"]
    assert dashboard["memory"] == state  # the dashboard shows the same, behind the token


def test_off_unless_enabled_and_enabled_needs_a_model(serve: Any, tmp_path: Path) -> None:
    subsystems = available()
    config = ServiceConfig.from_dict({"service": {"disabled": [
        n for n in subsystems if n not in ("gate", "memory", "dashboard")]}}, subsystems)
    served = serve(create_service(config, data_dir=tmp_path, warm_up=False))
    with served.client(tmp_path) as client:
        assert client.post("/score", json=SCORE).status_code == 404
        assert client.get("/v1/memory/state").status_code == 404
        board = client.get("/v1/dashboard/data")
        assert board.status_code == 200 and "memory" not in board.json()
        assert client.get("/v1/status").json()["subsystems"]["memory"] == {
            "running": True, "enabled": False,
            "why": "not enabled: set enabled = true in [memory] of the built-in defaults"}
    assert not (tmp_path / "memory").exists()
    with pytest.raises(ConfigError, match="needs model"):
        ServiceConfig.from_dict({"memory": {"enabled": True}}, subsystems)
    with pytest.raises(ConfigError, match="no Hugging Face model directory"):
        MEMORY.start(MemoryServiceConfig(enabled=True, model=str(tmp_path / "none")),
                     tmp_path, SimpleNamespace())
