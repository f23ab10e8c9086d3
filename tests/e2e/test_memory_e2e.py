"""`neuroplast memory serve` as a user runs it: a subprocess on loopback; the remote backend
scores through it as the local backend does; candidates are reviewed and sent with the CLI,
and the trained ledger records them once the service accepted the job."""

from __future__ import annotations

import json
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from neuroplast.memory import LocalBackend, RemoteBackend, Scorer
from neuroplast_bench.memory_convos import generate

MODEL = Path(__file__).parents[2] / "benchmarks" / "data" / "tiny_lm" / "qwen2"
CLI = [sys.executable, "-c", "import sys; from neuroplast.cli import main; sys.argv[0] = "
       "'neuroplast'; main()"]


def _cli(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"HF_HUB_OFFLINE": "1"}
    return subprocess.run([*CLI, "memory", *args, "--data-dir", str(data)], env=env,
                          capture_output=True, text=True, timeout=300, check=False)


@pytest.mark.slow
def test_serve_score_review_and_send(tmp_path: Path) -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    data = tmp_path / "home"
    env = os.environ | {"HF_HUB_OFFLINE": "1"}
    log = tmp_path / "serve.log"
    with log.open("w") as err:
        server = subprocess.Popen([*CLI, "memory", "serve", "--model", str(MODEL), "--port",
                                   str(port), "--data-dir", str(data), "--name", "tiny"],
                                  env=env, stdout=subprocess.DEVNULL, stderr=err)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert server.poll() is None, log.read_text()
            assert time.monotonic() < deadline
            time.sleep(0.2)
        token_file = data / "memory" / "token"
        assert oct(token_file.stat().st_mode & 0o777) == "0o600"
        local = LocalBackend.from_pretrained(MODEL)
        conv = generate(random.Random(41), facts=2, distractors=1, turns=3)
        want = Scorer(local, local.tokenizer).matrix(conv.context)
        with RemoteBackend(url, model="tiny", token=token_file.read_text().strip()) as remote:
            got = Scorer(remote, local.tokenizer).matrix(conv.context)
        assert got.with_memories == pytest.approx(want.with_memories, abs=1e-4)

        context = tmp_path / "context.json"
        context.write_text(json.dumps(conv.context.to_dict()))
        listed = _cli("candidates", "--context", str(context), "--model", str(MODEL),
                      "--threshold", "0", "--json", data=data)
        assert listed.returncode == 0, listed.stderr
        rows = [json.loads(line) for line in listed.stdout.splitlines()]
        assert len(rows) == len(conv.context.responses)
        first = rows[0]["response_ts"]
        assert _cli("approve", str(first), data=data).returncode == 0
        assert _cli("reject", str(rows[1]["response_ts"]), data=data).returncode == 0
        sent = _cli("send", "--url", url, "--token-file", str(token_file), data=data)
        assert sent.returncode == 0, sent.stderr
        job = json.loads(sent.stdout)
        assert job["samples"] == 1
        again = _cli("send", "--url", url, "--token-file", str(token_file), data=data)
        assert "nothing approved to send" in again.stdout  # the ledger remembers
        headers = {"Authorization": f"Bearer {token_file.read_text().strip()}"}
        deadline = time.monotonic() + 120
        while (status := httpx.get(f"{url}/train/status/{job['job_id']}",
                                   headers=headers).json())["status"] != "done":
            assert status["status"] in ("queued", "running") and time.monotonic() < deadline
            time.sleep(0.2)
        assert (data / "memory" / "adapters" / "v1" / "adapter_model.safetensors").exists()
    finally:
        server.terminate()
        server.wait(timeout=30)
