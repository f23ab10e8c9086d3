"""The dashboard's SONA and memory panels in a real browser: one service with ``[sona]``
and ``[memory]`` enabled (memory on the committed tiny llama). SONA learns routes from
trajectories recorded over HTTP; the memory loop scores a conversation's memories and finds
its fine-tuning candidates through the service's own ``/v1/completions`` (its token), into
``<data dir>/memory/memory.db`` as ``neuroplast memory`` keeps it; headless Chromium (Debian's
``chromium``) logs in with ``neuroplast dashboard``'s link and the page draws those weights
and candidates, then a memory scored later without a reload; and SONA's quality over time,
routes and pattern bank as ``/v1/dashboard/data`` has them. A screenshot is saved (to
``$NEUROPLAST_ARTIFACTS`` when set, else the test's temp dir).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from neuroplast.cli.memory import format_ts
from neuroplast.server.service import create_service
from neuroplast.server.service_config import ServiceConfig
from neuroplast.server.subsystems import available

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.slow,  # a service with the tiny llama, real scoring over HTTP, a browser
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason="needs Debian's chromium (apt-get install chromium)"),
]
NEUROPLAST = str(Path(sys.executable).with_name("neuroplast"))
TINY = Path(__file__).parents[2] / "benchmarks" / "data" / "tiny_lm" / "llama"
DIM = 16


def _route_queries(service: Any, home: Path) -> dict[str, Any]:
    """60 trajectories over HTTP: two kinds of query, each served best by its own route;
    then a background cycle, so the pattern bank has clusters."""
    rng = np.random.default_rng(5)
    kinds = rng.normal(size=(2, DIM))
    with service.client(home) as client:
        for i in range(60):
            kind, route = i % 2, ("small", "large")[(i // 2) % 2]
            query = kinds[kind] + rng.normal(0, 0.2, DIM)
            answer = client.post("/v1/sona/trajectories", json={
                "embedding": (query / np.linalg.norm(query)).tolist(), "route": route,
                "quality": 0.9 if route == ("small", "large")[kind] else 0.2})
            assert answer.status_code == 200, answer.text
        assert client.post("/v1/sona/learn", json={}).json()["ran"]
        return client.get("/v1/dashboard/data").json()["sona"]  # type: ignore[no-any-return]


def _conversation() -> Any:
    from neuroplast.memory import Context

    return Context.build(
        system=["you are a helpful assistant."],
        journal=[("dog", "the user's dog is called rex."),
                 ("city", "the user's home town is oslo."),
                 ("other", "the user's neighbour's dog is called max.")],
        conversation=[("user", "what is my dog called?"), ("assistant", "your dog is called rex."),
                      ("user", "where do i live?"), ("assistant", "you live in oslo."),
                      ("user", "thanks!"), ("assistant", "you are welcome."),
                      ("user", "what is my dog called?"),
                      ("assistant", "your dog is called rex.")])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    import torch

    # tests/server/conftest.py's Served, loaded by path (as test_dashboard_browser does)
    path = Path(__file__).parents[1] / "server" / "conftest.py"
    spec = importlib.util.spec_from_file_location("server_conftest", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]

    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # as `neuroplast serve` runs
    home = tmp_path_factory.mktemp("home")
    subsystems = available()
    config = ServiceConfig.from_dict({
        "service": {"disabled": [n for n in subsystems
                                 if n not in ("gate", "sona", "memory", "dashboard")]},
        "gate": {"learner": {"backend": "thread"}},
        "memory": {"enabled": True, "model": str(TINY)},
        "sona": {"enabled": True, "engine": {"embedding_dim": DIM, "hidden_dim": 32,
                                             "min_trajectories": 20,
                                             "background_interval_s": 0.0}},
        "dashboard": {"poll_s": 1.0}}, subsystems)
    service = module.Served(create_service(config, data_dir=home, warm_up=False))
    yield {"service": service, "home": home}
    service.stop()
    torch.set_num_threads(threads)


def _score_memories(service: Any, home: Path) -> tuple[dict[str, float], list[Any]]:
    """The memory loop, scoring through the one service: background scoring folds each
    memory's weight into memory.db, and the candidates are offered there for review."""
    from transformers import AutoTokenizer

    from neuroplast.memory import MemoryStore, RemoteBackend, Scorer
    from neuroplast.memory.candidates import CandidateConfig, find_candidates
    from neuroplast.memory.incremental import BackgroundConfig, BackgroundScoring

    context = _conversation()
    store = MemoryStore(home / "memory" / "memory.db")
    try:
        with RemoteBackend(service.url, model="llama", token=service.token(home)) as remote:
            scorer = Scorer(remote, AutoTokenizer.from_pretrained(TINY))
            weights = BackgroundScoring(scorer, store, BackgroundConfig(
                share=1.0, per_pass=10)).run(context)
            found = find_candidates(scorer, context, CandidateConfig(threshold=1.0))
        store.offer(found)
    finally:
        store.close()
    return weights, found


def test_the_dashboard_draws_sona_and_memory_in_chromium(
        served: dict[str, Any], tmp_path: Path) -> None:
    from neuroplast.memory import MemoryStore

    service, home = served["service"], served["home"]
    sona = _route_queries(service, home)
    assert sona["bank"] and len(sona["series"]) == 6  # one point per 10 trajectories
    sizes = [p["size"] for p in sona["bank"]]
    assert sizes == sorted(sizes, reverse=True)  # largest clusters first
    # each cluster holds one kind of query: the route that served it best is that kind's
    assert all(p["best_route"] in ("small", "large") and p["best_quality"] == pytest.approx(0.9)
               for p in sona["bank"]), sona["bank"]
    weights, found = _score_memories(service, home)
    assert set(weights) == {"dog", "city", "other"} and found  # the loop did real work
    link = subprocess.run([NEUROPLAST, "dashboard", "--url", service.url, "--data-dir",
                           str(home)], capture_output=True, text=True, timeout=120)
    assert link.returncode == 0, link.stderr
    shots = Path(os.environ.get("NEUROPLAST_ARTIFACTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1400})
            page.goto(link.stdout.strip())
            page.wait_for_selector("body[data-loaded=true]", timeout=30_000)
            # SONA: quality over time, every route, the pattern bank's clusters
            assert page.locator("section#sona").is_visible()
            line = page.locator("#sona-chart polyline[data-series=quality]")
            assert line.get_attribute("data-points") == "6"
            for route in sona["routes"]:
                row = page.locator(f"#sona-routes tr[data-route='{route['route']}']")
                assert row.locator("td").nth(1).inner_text() == str(route["trajectories"])
                assert row.locator("td").nth(3).inner_text() == f"{route['quality']:.3f}"
            assert page.locator("#sona-bank tr[data-pattern]").count() == len(sona["bank"])
            for pattern in sona["bank"]:
                row = page.locator(f"#sona-bank tr[data-pattern='{pattern['id']}']")
                assert pattern["best_route"] in row.locator("td").nth(3).inner_text()
            assert f"{sona['patterns']} patterns" in page.inner_text("#sona-summary")
            assert page.locator("section#memory").is_visible()
            # one bar per memory, each carrying the weight the loop stored, heaviest first
            bars = page.locator("#memory-weights rect[data-memory]")
            assert bars.count() == 3
            drawn = [bars.nth(i).get_attribute("data-memory") for i in range(3)]
            assert drawn == sorted(weights, key=lambda k: -weights[k])
            for key, weight in weights.items():
                bar = page.locator(f"#memory-weights rect[data-memory='{key}']")
                assert float(bar.get_attribute("data-weight")) == pytest.approx(weight)
                assert float(bar.get_attribute("width")) >= 1
            summary = page.inner_text("#memory-summary")
            assert f"{len(found)} pending" in summary and "3 memories" in summary
            # the candidates to review, each with the memories it depended on
            rows = page.locator("#memory-pending tr[data-candidate]")
            assert rows.count() == len(found)
            for candidate in found:
                ts = format_ts(candidate.response_ts)  # as JavaScript writes a number
                row = page.locator(f"#memory-pending tr[data-candidate='{ts}']")
                assert row.locator("td").nth(0).inner_text() == candidate.text
                assert row.locator("td").nth(1).inner_text() == f"{candidate.divergence:.2f}"
                for key, _, _ in candidate.memories:
                    assert key in row.locator("td").nth(2).inner_text()
            # live: a memory scored now shows without a reload
            store = MemoryStore(home / "memory" / "memory.db")
            try:
                store.fold_score("job", 0.5)
            finally:
                store.close()
            page.wait_for_selector("#memory-weights rect[data-memory=job]", timeout=15_000)
            page.screenshot(path=str(shots / "dashboard-sona-memory.png"), full_page=True)
        finally:
            browser.close()
    assert (shots / "dashboard-sona-memory.png").stat().st_size > 10_000
