"""The model service over real HTTP: /train jobs are durable, queue behind each other,
publish PEFT adapters and swap the scoring model; a restart finishes a cut-off job."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from neuroplast.memory.jobs import JobLog
from neuroplast.memory.service import ModelService
from neuroplast.memory.trainer import TrainConfig

TOKEN = "service-test-token-0123456789abcdef"
CONFIG = TrainConfig(steps=3, max_length=48, replay_batch=0, ewc_lambda=0.0)


@pytest.fixture
def served(model_service, tmp_path: Path) -> Iterator[tuple[str, ModelService]]:
    with model_service(tmp_path / "data", CONFIG, TOKEN) as pair:
        yield pair


def _wait(client: httpx.Client, job: str) -> dict:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        status = client.get(f"/train/status/{job}").json()
        if status["status"] in ("done", "failed"):
            return status
        time.sleep(0.1)
    raise AssertionError(f"job {job} did not finish")


def test_train_jobs_queue_publish_and_swap(served, llama_dir: Path) -> None:
    url, service = served
    sample = {"context_ids": [3, 10, 11, 12], "continuation_ids": [20, 21, 22]}
    score = {"model": "tiny", "prompt": [3, 10, 11, 12, 20, 21, 22], "score_ranges": [[4, 7]]}
    anonymous = httpx.post(f"{url}/train", json={"training_data": {"samples": [sample]}})
    assert anonymous.status_code == 401  # only the user's agent may change the model
    assert "memory/token" in anonymous.text  # where this service's token is, not the gate's
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {TOKEN}"},
                      timeout=60) as client:
        before = client.post("/score", json=score).json()["scores"][0]["total_logprob"]
        first = client.post("/train", json={"training_data": {"samples": [sample]}}).json()
        second = client.post("/train", json={"training_data": {"samples": [sample] * 2}}).json()
        assert first["job_id"] != second["job_id"]
        done = [_wait(client, first["job_id"]), _wait(client, second["job_id"])]
        assert [d["status"] for d in done] == ["done", "done"]
        assert [d["adapter_version"] for d in done] == [1, 2]
        after = client.post("/score", json=score).json()["scores"][0]["total_logprob"]
        assert after > before  # the served model learned the continuation
        bad = client.post("/train", json={"training_data": {"samples": [
            {"context_ids": [1, 10**7], "continuation_ids": [2]}]}})
        assert bad.status_code == 400 and "vocabulary" in bad.json()["error"]["message"]
    adapters = service.adapters
    assert (adapters / "current").read_text().strip() == "v2"
    assert (adapters / "v2" / "adapter_config.json").exists()


def test_a_job_cut_off_by_a_restart_is_run_again(llama_dir: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    jobs = JobLog(data / "jobs.db")
    job = jobs.submit([{"context_ids": [3, 10], "continuation_ids": [20, 21]}])
    assert jobs.next_queued() is not None  # "running" when the process died
    jobs.close()
    service = ModelService(llama_dir, data, CONFIG)
    try:
        deadline = time.monotonic() + 120
        while service.jobs.status(job)["status"] != "done":
            assert time.monotonic() < deadline
            time.sleep(0.1)
        assert service.jobs.status(job)["adapter_version"] == 1
    finally:
        service.close()
    again = ModelService(llama_dir, data, CONFIG)  # continues from the published adapter
    try:
        assert again.version == 1 and again.current_adapter() == data / "adapters" / "v1"
    finally:
        again.close()
