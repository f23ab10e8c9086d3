"""The remote backend against our own model server over real HTTP (uvicorn on loopback):
each wire format gives the local backend's scores."""

from __future__ import annotations

import random
from collections.abc import Iterator

import httpx
import pytest

from neuroplast.errors import InvalidInputError
from neuroplast.memory import LocalBackend, RemoteBackend, Scorer
from neuroplast.server.memory_app import create_memory_app
from neuroplast_bench.memory_convos import generate

TOKEN = "memory-test-token-0123456789abcdef"


@pytest.fixture(scope="module")
def served(serving, llama: LocalBackend) -> Iterator[str]:
    with serving(create_memory_app(llama, model_name="tiny", token=TOKEN)) as url:
        yield url


@pytest.mark.parametrize("api", ["prompt_logprobs", "echo", "score"])
def test_remote_scores_equal_local(served: str, llama: LocalBackend, api: str) -> None:
    conv = generate(random.Random(21), facts=3, distractors=1, turns=4)
    local = Scorer(llama, llama.tokenizer).matrix(conv.context)
    with RemoteBackend(served, model="tiny", api=api, token=TOKEN, batch_size=3) as remote:
        got = Scorer(remote, llama.tokenizer).matrix(conv.context)
    assert got.with_memories == pytest.approx(local.with_memories, abs=1e-4)
    for a_row, b_row in zip(got.without, local.without, strict=True):
        for a, b in zip(a_row, b_row, strict=True):
            assert (a is None) == (b is None)
            assert a is None or abs(a - b) <= 1e-4


def test_server_refuses_without_token_and_bad_input(served: str) -> None:
    body = {"model": "tiny", "prompt": [1, 2, 3], "score_ranges": [[1, 3]], "logprobs": 1}
    assert httpx.post(f"{served}/score", json=body).status_code == 401
    auth = {"Authorization": f"Bearer {TOKEN}"}
    ok = httpx.post(f"{served}/score", json=body, headers=auth)
    assert ok.status_code == 200 and ok.json()["scores"][0]["total_logprob"] < 0
    bad = httpx.post(f"{served}/score", json=body | {"score_ranges": [[3, 1]]}, headers=auth)
    assert bad.status_code == 400 and "reversed" in bad.json()["error"]["message"]
    other = httpx.post(f"{served}/score", json=body | {"model": "gpt"}, headers=auth)
    assert other.status_code == 400 and "not served here" in other.json()["error"]["message"]
    text = httpx.post(f"{served}/score", content=b"x", headers=auth | {"content-type":
                                                                       "text/plain"})
    assert text.status_code == 415
    with RemoteBackend(served, model="tiny", api="score", token=TOKEN) as remote, \
            pytest.raises(InvalidInputError, match="vocabulary"):
        remote.score([[1, 2, 10**7]], [[(1, 3)]])


def test_completions_generate_greedily(served: str, llama: LocalBackend) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    ids = llama.tokenizer.apply_chat_template(
        [{"role": "user", "content": "hello!"}], add_generation_prompt=True, tokenize=False)
    prompt = llama.tokenizer(ids, add_special_tokens=False)["input_ids"]
    reply = httpx.post(f"{served}/v1/completions", headers=auth, timeout=60,
                       json={"model": "tiny", "prompt": prompt, "max_tokens": 8})
    assert reply.status_code == 200
    choice = reply.json()["choices"][0]
    assert choice["token_ids"] == llama.generate(prompt, 8, llama.tokenizer.eos_token_id)
