"""SONA on the one service over real HTTP: the token, JSON only, routes learnt from
recorded trajectories, bad input refused with nothing stored, text embedded by MiniLM, and
a restart that resumes from the SQLite log (what a ``kill -9`` leaves)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from neuroplast.server.service import create_service
from neuroplast.server.service_config import ServiceConfig, ServiceSettings
from neuroplast.server.sona_subsystem import SonaServiceConfig
from neuroplast.server.subsystems import available

DIM = 16


@pytest.fixture(autouse=True)
def _one_thread() -> Iterator[None]:
    """As ``neuroplast serve`` runs (cli.gate._tune_for_serving): one torch thread."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


KINDS = np.random.default_rng(7).normal(size=(2, DIM))
BEST = {0: "small", 1: "large"}


def _app(data_dir: Path, dim: int = DIM, also: tuple[str, ...] = (), **engine: Any) -> Any:
    subsystems = available()
    off = [n for n in subsystems if n != "sona" and n not in also]
    sona = SonaServiceConfig(enabled=True, checkpoint_every=1000, engine={
        "embedding_dim": dim, "hidden_dim": 32, "min_trajectories": 20,
        "background_interval_s": 0.0, **engine})
    config = ServiceConfig(ServiceSettings(disabled=off), {"sona": sona}, subsystems)
    return create_service(config, data_dir=data_dir, warm_up=False)


def _query(rng: np.random.Generator, kind: int) -> list[float]:
    v = KINDS[kind] + rng.normal(0, 0.2, DIM)
    return (v / np.linalg.norm(v)).tolist()


def _teach(client: Any, rng: np.random.Generator, n: int) -> None:
    for i in range(n):
        kind, route = i % 2, ("small", "large")[(i // 2) % 2]
        quality = 0.9 if BEST[kind] == route else 0.2
        r = client.post("/v1/sona/trajectories", json={
            "embedding": _query(rng, kind), "route": route, "quality": quality,
            "steps": [{"activations": [0.1, 0.2], "attention": [1.0], "reward": 0.5}]})
        assert r.status_code == 200, r.text


def test_routes_learnt_over_http_with_the_token_and_bad_input_refused(
        tmp_path: Path, serve: Any) -> None:
    served = serve(_app(tmp_path))
    import httpx

    assert httpx.post(f"{served.url}/v1/sona/route",
                      json={"embedding": [0.0] * DIM}).status_code == 401
    with served.client(tmp_path) as client:
        _routes_and_bad_input(client)


def _routes_and_bad_input(client: Any) -> None:
    rng = np.random.default_rng(0)
    _teach(client, rng, 80)
    for kind in (0, 1):
        s = client.post("/v1/sona/route", json={"embedding": _query(rng, kind),
                                                "routes": ["small", "large"]}).json()
        assert s["route"] == BEST[kind] and not s["explored"], s
        assert "expected" in s["reason"]
    stats = client.get("/v1/sona/stats").json()
    assert stats["recorded"] == stats["logged"] == 80

    bad = [
        ({"embedding": _query(rng, 0), "route": "small", "quality": 1.5}, 400),
        ({"embedding": [0.1] * (DIM + 1), "route": "small", "quality": 0.5}, 400),
        ({"embedding": [float("nan")] * DIM, "route": "small", "quality": 0.5}, 400),
        ({"embedding": _query(rng, 0), "text": "both", "route": "small", "quality": 0.5}, 422),
        ({"embedding": _query(rng, 0), "route": "small", "quality": 0.5,
          "steps": [{"activations": "x"}]}, 400),
        ({"embedding": _query(rng, 0), "route": "r", "quality": 0.5, "extra": 1}, 422),
    ]
    for body, status in bad:
        content = None
        if any(isinstance(v, list) and v and v[0] != v[0] for v in body.values()):
            content = str(body).replace("nan", "NaN").replace("'", '"').encode()
        r = (client.post("/v1/sona/trajectories", content=content,
                         headers={"Content-Type": "application/json"}) if content
             else client.post("/v1/sona/trajectories", json=body))
        assert r.status_code == status, (body, r.text)
        assert r.json()["error"]["message"]
    form = client.post("/v1/sona/route", content=b"text=x",
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert form.status_code == 415
    assert client.get("/v1/sona/stats").json()["logged"] == 80  # nothing stored half-way


def test_the_dashboard_shows_routes_quality_over_time_and_the_pattern_bank(
        tmp_path: Path, serve: Any) -> None:
    served = serve(_app(tmp_path, also=("dashboard",)))
    with served.client(tmp_path) as client:
        _teach(client, np.random.default_rng(3), 40)
        sona = client.get("/v1/dashboard/data").json()["sona"]
        stats = client.get("/v1/sona/stats").json()
    # _teach: kinds alternate, routes alternate every two; the best route scores 0.9
    qualities = [0.9 if BEST[i % 2] == ("small", "large")[(i // 2) % 2] else 0.2
                 for i in range(40)]
    assert sona["trajectories"] == 40
    assert {r["route"]: (r["trajectories"], round(r["quality"], 6)) for r in sona["routes"]} \
        == {"small": (20, 0.55), "large": (20, 0.55)}
    assert sona["window"] == 10 and [p["end"] for p in sona["series"]] == [10, 20, 30, 40]
    assert [p["quality"] for p in sona["series"]] == pytest.approx(
        [sum(qualities[i:i + 10]) / 10 for i in range(0, 40, 10)])
    # the bank before a background cycle (a learnt one: the browser test, tests/e2e)
    assert sona["patterns"] == stats["patterns"] == len(sona["bank"])


def test_a_restart_resumes_from_the_log_without_a_checkpoint(tmp_path: Path,
                                                             serve: Any) -> None:
    """The first service is never closed (as after kill -9): no checkpoint was written,
    the second one rebuilds the same engine from SQLite alone."""
    first = serve(_app(tmp_path))
    rng = np.random.default_rng(1)
    probe = _query(rng, 1)
    with first.client(tmp_path) as client:
        _teach(client, rng, 40)
        before = client.post("/v1/sona/route", json={"embedding": probe,
                                                     "routes": ["small", "large"]}).json()
    assert not (tmp_path / "sona" / "current").exists()
    second = serve(_app(tmp_path))  # same data dir, new engine
    with second.client(tmp_path) as client2:
        stats = client2.get("/v1/sona/stats").json()
        after = client2.post("/v1/sona/route", json={"embedding": probe,
                                                     "routes": ["small", "large"]}).json()
    assert stats["replayed_on_start"] == 40 and stats["recorded"] == 40
    assert after["route"] == before["route"]
    assert after["scores"] == pytest.approx(before["scores"], abs=1e-5)


@pytest.mark.slow  # loads MiniLM and k-means' imports: 7-20 s on a busy machine
def test_text_queries_are_embedded_by_minilm(tmp_path: Path, serve: Any) -> None:
    served = serve(_app(tmp_path / "t", dim=384))
    with served.client(tmp_path / "t") as client:
        _texts(client)


def _texts(client: Any) -> None:
    texts = {"small": ["list files in a directory", "show the current date",
                       "print the working directory"],
             "large": ["explain the proof of the central limit theorem in detail",
                       "write a three-act play about a lighthouse keeper",
                       "compare the economic policies of two centuries"]}
    for _ in range(6):
        for best, qs in texts.items():
            for q in qs:
                for route in ("small", "large"):
                    r = client.post("/v1/sona/trajectories", json={
                        "text": q, "route": route, "quality": 0.9 if route == best else 0.1})
                    assert r.status_code == 200, r.text
    s = client.post("/v1/sona/route", json={"text": "list files in a directory"}).json()
    assert s["route"] == "small"
    assert client.post("/v1/sona/learn", json={}).json()["ran"] is True
    assert client.get("/v1/sona/stats").json()["patterns"] >= 2
    found = client.get("/v1/sona/patterns", params={"q": "print the working directory",
                                                    "k": 2}).json()["patterns"]
    assert found and found[0]["access_count"] >= 1
    assert client.post("/v1/sona/route", json={"text": "  "}).status_code == 400
