"""`neuroplast serve` with SONA on, as a user runs it: trajectories recorded over HTTP,
the process killed with SIGKILL, started again: every acknowledged trajectory is there and
the router answers as before."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import numpy as np
import pytest

from neuroplast.server.subsystems import available

pytestmark = pytest.mark.slow  # two service starts: ~20 s on 2 busy cores
NEUROPLAST = str(Path(sys.executable).with_name("neuroplast"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(home: Path, port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [NEUROPLAST, "serve", "--port", str(port), "--data-dir", str(home)],
        env={**os.environ, "HF_HUB_OFFLINE": "1"}, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise AssertionError("the service did not start")


def test_kill_9_loses_no_acknowledged_trajectory(tmp_path: Path) -> None:
    off = ", ".join(f"'{n}'" for n in available() if n != "sona")
    (tmp_path / "config.toml").write_text(
        f"[service]\ndisabled = [{off}]\n[sona]\nenabled = true\n[sona.engine]\n"
        "embedding_dim = 8\nhidden_dim = 16\nbackground_interval_s = 0.0\n")
    port = _free_port()
    process = _start(tmp_path, port)
    token = (tmp_path / "gate" / "token").read_text().strip()
    headers = {"Authorization": f"Bearer {token}"}
    url = f"http://127.0.0.1:{port}"
    rng = np.random.default_rng(0)
    probe = [1.0] * 8
    try:
        with httpx.Client(base_url=url, headers=headers, timeout=60) as client:
            for i in range(50):
                route = "ab"[i % 2]
                r = client.post("/v1/sona/trajectories", json={
                    "embedding": rng.normal(size=8).tolist(), "route": route,
                    "quality": 0.9 if route == "a" else 0.2})
                assert r.status_code == 200 and r.json()["id"] == i + 1, r.text
            before = client.post("/v1/sona/route", json={"embedding": probe}).json()
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(30)
    process = _start(tmp_path, port)
    try:
        with httpx.Client(base_url=url, headers=headers, timeout=60) as client:
            stats = client.get("/v1/sona/stats").json()
            after = client.post("/v1/sona/route", json={"embedding": probe}).json()
            status = client.get("/v1/status").json()["subsystems"]["sona"]
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(30)
    assert stats["logged"] == stats["recorded"] == 50 and stats["replayed_on_start"] == 50
    assert after["route"] == before["route"] == "a"
    assert after["scores"] == pytest.approx(before["scores"], abs=1e-5)
    assert status["running"] and status["enabled"] and status["recorded"] == 50
