"""HTTP routes that serve a local model's log-probabilities, as inference servers do.

``POST /v1/completions`` speaks the OpenAI completions API with vLLM's ``prompt_logprobs``
and the legacy ``echo`` + ``logprobs`` (greedy decoding only: what the memory loop needs);
``POST /score`` is the consciousness client's schema; ``GET /v1/models`` lists the one model.
Scoring runs in the threadpool, one request at a time (the model is shared).

>>> CompletionRequest(model="m", prompt=[1, 2, 3], prompt_logprobs=0).max_tokens
16
"""

from __future__ import annotations

import threading
import time
import uuid
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from neuroplast.errors import InvalidInputError

if TYPE_CHECKING:
    from neuroplast.memory.local import LocalBackend

__all__ = ["CompletionRequest", "ScoreRequest", "TrainRequest", "router"]

router = APIRouter()
_lock = threading.Lock()


class CompletionRequest(BaseModel):
    """The fields of an OpenAI completions request this server reads (others are ignored,
    as clients send many)."""

    model_config = ConfigDict(extra="ignore")

    model: str
    prompt: list[int] | list[list[int]] | str | list[str]
    max_tokens: int = Field(default=16, ge=0, le=4096)
    echo: bool = False
    logprobs: int | None = Field(default=None, ge=0, le=20)
    prompt_logprobs: int | None = Field(default=None, ge=0, le=20)


class ScoreRequest(BaseModel):
    """``/score``: summed log-probabilities of token ranges of one prompt."""

    model_config = ConfigDict(extra="forbid")

    model: str
    prompt: list[int] = Field(min_length=1)
    score_ranges: list[list[int]] = Field(min_length=1, max_length=4096)
    logprobs: int = 1


def _backend(request: Request, model: str) -> LocalBackend:
    state = request.app.state
    if model != state.model_name:
        raise InvalidInputError(f"model {model!r} is not served here; this server serves "
                                f"{state.model_name!r} (GET /v1/models)")
    service = getattr(state, "service", None)
    # read once per request: a finished training job swaps the service's backend
    return service.backend if service is not None else state.backend  # type: ignore[no-any-return]


def _prompts(backend: LocalBackend, prompt: Any) -> list[list[int]]:
    if isinstance(prompt, str):
        prompt = [prompt]
    if prompt and isinstance(prompt[0], int):
        prompt = [prompt]
    out = []
    for p in prompt:
        if isinstance(p, str):
            if backend.tokenizer is None:
                raise InvalidInputError("this server has no tokenizer; send token ids")
            p = backend.tokenizer(p, add_special_tokens=False)["input_ids"]
        out.append(list(p))
    if not out:
        raise InvalidInputError("prompt is empty; send token ids or text")
    return out


def _complete(backend: LocalBackend, body: CompletionRequest) -> list[dict[str, Any]]:
    prompts = _prompts(backend, body.prompt)
    for ids in prompts:
        backend.check(ids, [])
    stop = getattr(backend.tokenizer, "eos_token_id", None)
    generated = [backend.generate(ids, body.max_tokens, stop) if body.max_tokens else []
                 for ids in prompts]
    wants = body.echo and body.logprobs is not None
    scored = [p + g for p, g in zip(prompts, generated, strict=True)]
    lps = backend.token_logprobs(scored) if (wants or body.logprobs is not None
                                            or body.prompt_logprobs is not None) else None
    choices = []
    for i, (ids, gen) in enumerate(zip(prompts, generated, strict=True)):
        text = backend.tokenizer.decode(gen) if backend.tokenizer is not None else ""
        choice: dict[str, Any] = {"index": i, "text": text, "token_ids": gen,
                                  "finish_reason": "stop" if gen and gen[-1] == stop
                                  else "length", "logprobs": None}
        if lps is not None:
            lp = [float(x) for x in lps[i]]
            if body.prompt_logprobs is not None:
                choice["prompt_logprobs"] = [None] + [
                    {str(t): {"logprob": lp[k], "rank": None}}
                    for k, t in enumerate(ids) if k > 0]
            if body.logprobs is not None:
                start = 0 if body.echo else len(ids)
                tokens = (ids + gen)[start:]
                choice["logprobs"] = {
                    "tokens": [backend.tokenizer.decode([t]) if backend.tokenizer else str(t)
                               for t in tokens],
                    "token_ids": tokens,
                    "token_logprobs": [None if k == 0 else lp[k]
                                       for k in range(start, len(ids) + len(gen))],
                    "top_logprobs": None,
                }
        choices.append(choice)
    return choices


@router.post("/v1/completions")
async def completions(body: CompletionRequest, request: Request) -> dict[str, Any]:
    """OpenAI-compatible completions (greedy), with ``prompt_logprobs`` or ``echo``."""
    backend = _backend(request, body.model)

    def run() -> list[dict[str, Any]]:
        with _lock:
            return _complete(backend, body)

    choices = await run_in_threadpool(run)
    prompt_tokens = sum(len(p) for p in _prompts(backend, body.prompt))
    completion_tokens = sum(len(c["token_ids"]) for c in choices)
    return {"id": f"cmpl-{uuid.uuid4().hex}", "object": "text_completion",
            "created": int(time.time()), "model": body.model, "choices": choices,
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                      "total_tokens": prompt_tokens + completion_tokens}}


@router.post("/score")
async def score(body: ScoreRequest, request: Request) -> dict[str, Any]:
    """``{"scores": [{"total_logprob": ...}]}``, one per range, in order."""
    backend = _backend(request, body.model)
    ranges = [tuple(r) for r in body.score_ranges]
    for r in ranges:
        if len(r) != 2:
            raise InvalidInputError(f"score range {list(r)} must be [start, end]")

    def run() -> list[float]:
        with _lock:
            return backend.score([body.prompt], [ranges])[0]  # type: ignore[list-item]

    totals = await run_in_threadpool(run)
    return {"scores": [{"total_logprob": t} for t in totals]}


class TrainSample(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    context_ids: list[int]
    continuation_ids: list[int] = Field(min_length=1)


class TrainingData(BaseModel):
    model_config = ConfigDict(extra="forbid")

    samples: list[TrainSample] = Field(min_length=1, max_length=10_000)


class TrainRequest(BaseModel):
    """``{"training_data": {"samples": [{"context_ids", "continuation_ids"}]}}``."""

    model_config = ConfigDict(extra="ignore")

    training_data: TrainingData


def _service(request: Request) -> Any:
    service = getattr(request.app.state, "service", None)
    if service is None:
        raise InvalidInputError("this server scores only; start it with `neuroplast memory "
                                "serve` to train")
    return service


@router.post("/train")
async def train(body: TrainRequest, request: Request) -> dict[str, Any]:
    """Queue a LoRA fine-tune on the samples; ``{"job_id"}`` once it is stored."""
    service = _service(request)
    samples = [s.model_dump() for s in body.training_data.samples]
    job = await run_in_threadpool(service.submit, samples)
    return {"job_id": job}


@router.get("/train/status/{job_id}")
async def train_status(job_id: str, request: Request) -> dict[str, Any]:
    return _service(request).jobs.status(job_id)  # type: ignore[no-any-return]


@router.get("/v1/models")
async def models(request: Request) -> dict[str, Any]:
    name = request.app.state.model_name
    backend = _backend(request, name)
    return {"object": "list", "data": [{"id": name, "object": "model",
                                        "max_model_len": backend.max_length}]}
