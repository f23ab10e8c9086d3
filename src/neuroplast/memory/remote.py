"""The remote backend: any OpenAI-compatible server, over HTTP.

Three wire formats, one per ``api``:

* ``"prompt_logprobs"``: ``POST /v1/completions`` with vLLM's ``prompt_logprobs``; each
  choice's ``prompt_logprobs`` lists, per prompt token, a map from token id to
  ``{"logprob": ...}`` (``None`` for the first token);
* ``"echo"``: ``POST /v1/completions`` with ``echo: true, logprobs: 1, max_tokens: 0`` (the
  OpenAI legacy way); ``choices[i].logprobs.token_logprobs`` holds one value per prompt token;
* ``"score"``: the consciousness client's ``POST /score`` with
  ``{"model", "prompt": [ids], "score_ranges": [[start, end], ...], "logprobs": 1}`` ->
  ``{"scores": [{"total_logprob": ...}, ...]}``.

Ranges are checked here before anything is sent; the vocabulary and the window are the
server's to check (its error message is passed on).

>>> RemoteBackend("http://127.0.0.1:1", model="m", api="score").api
'score'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import httpx

from neuroplast.errors import BackendUnavailable, ConfigError, InvalidInputError
from neuroplast.memory.backend import LogprobBackend, Ranges, check_request

__all__ = ["RemoteBackend"]

Api = Literal["prompt_logprobs", "echo", "score"]


class RemoteBackend(LogprobBackend):
    """Score through an OpenAI-compatible server at ``base_url`` serving ``model``.

    ``token``: sent as ``Authorization: Bearer`` (vLLM's ``--api-key``). ``batch_size``:
    prompts per ``/v1/completions`` request (``/score`` takes one prompt per request).
    """

    def __init__(
        self,
        base_url: str,
        *,
        model: str,
        api: Api = "prompt_logprobs",
        token: str | None = None,
        timeout_s: float = 120.0,
        batch_size: int = 8,
        vocab_size: int = 2**31 - 1,
        max_length: int = 2**31 - 1,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if api not in ("prompt_logprobs", "echo", "score"):
            raise ConfigError(f"RemoteBackend.api={api!r}; use 'prompt_logprobs', 'echo' or "
                              "'score'")
        if batch_size < 1:
            raise ConfigError(f"RemoteBackend.batch_size={batch_size}; use 1 or more")
        self.api = api
        self.model = model
        self.batch_size = batch_size
        self.vocab_size, self.max_length = vocab_size, max_length
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.client = httpx.Client(base_url=base_url, headers=headers, timeout=timeout_s,
                                   transport=transport)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> RemoteBackend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        try:
            reply = self.client.post(path, json=body)
        except httpx.HTTPError as exc:
            raise BackendUnavailable(
                f"{self.client.base_url}{path} did not answer ({exc}); check the server runs "
                "and the URL is right"
            ) from exc
        if reply.status_code >= 400:
            try:
                detail = reply.json()
                message = (detail.get("error") or {}).get("message") or detail
            except ValueError:
                message = reply.text[:300]
            kind = BackendUnavailable if reply.status_code >= 500 else InvalidInputError
            raise kind(f"{path} answered {reply.status_code}: {message}")
        try:
            data = reply.json()
        except ValueError as exc:
            raise BackendUnavailable(f"{path} answered with something that is not JSON") from exc
        if not isinstance(data, dict):
            raise BackendUnavailable(f"{path} answered {type(data).__name__}, not an object")
        return data

    def score(self, sequences: Sequence[Sequence[int]], ranges: Sequence[Ranges]
              ) -> list[list[float]]:
        for ids, rs in zip(sequences, ranges, strict=True):
            check_request(ids, rs, vocab_size=self.vocab_size, max_length=self.max_length)
        if self.api == "score":
            return [self._score_one(ids, rs) for ids, rs in zip(sequences, ranges, strict=True)]
        out: list[list[float]] = []
        for i in range(0, len(sequences), self.batch_size):
            chunk = [list(s) for s in sequences[i : i + self.batch_size]]
            for lp, rs in zip(self.token_logprobs(chunk), ranges[i : i + self.batch_size],
                              strict=True):
                out.append([float(sum(lp[s:e])) for s, e in rs])
        return out

    def _score_one(self, ids: Sequence[int], ranges: Ranges) -> list[float]:
        data = self._post("/score", {"model": self.model, "prompt": list(ids),
                                     "score_ranges": [list(r) for r in ranges], "logprobs": 1})
        scores = data.get("scores")
        if not isinstance(scores, list) or len(scores) != len(ranges):
            raise BackendUnavailable(f"/score answered {len(scores or [])} scores for "
                                     f"{len(ranges)} ranges")
        return [float(s["total_logprob"]) for s in scores]

    def token_logprobs(self, sequences: list[list[int]]) -> list[list[float]]:
        """Per prompt, ``lp[t]`` = log p(token t | before), ``lp[0] = 0``."""
        body: dict[str, Any] = {"model": self.model, "prompt": sequences}
        if self.api == "prompt_logprobs":
            body |= {"max_tokens": 1, "prompt_logprobs": 0}
        else:
            body |= {"max_tokens": 0, "echo": True, "logprobs": 1}
        choices = self._post("/v1/completions", body).get("choices")
        if not isinstance(choices, list) or len(choices) != len(sequences):
            raise BackendUnavailable(f"/v1/completions answered {len(choices or [])} choices "
                                     f"for {len(sequences)} prompts")
        choices = sorted(choices, key=lambda c: c.get("index", 0))
        return [self._parse(choice, ids) for choice, ids in zip(choices, sequences, strict=True)]

    def _parse(self, choice: dict[str, Any], ids: list[int]) -> list[float]:
        if self.api == "prompt_logprobs":
            entries = choice.get("prompt_logprobs")
            if not isinstance(entries, list) or len(entries) < len(ids):
                raise BackendUnavailable("the server sent no prompt_logprobs; it must support "
                                         "vLLM's prompt_logprobs (or use api='echo')")
            out = [0.0]
            for t, entry in zip(ids[1:], entries[1 : len(ids)], strict=True):
                item = entry.get(str(t)) if isinstance(entry, dict) else None
                if item is None:
                    raise BackendUnavailable(f"prompt_logprobs lack the prompt's token {t}")
                out.append(float(item["logprob"] if isinstance(item, dict) else item))
            return out
        values = (choice.get("logprobs") or {}).get("token_logprobs")
        if not isinstance(values, list) or len(values) < len(ids):
            raise BackendUnavailable("the server sent no echoed token_logprobs; it must support "
                                     "echo with logprobs (or use api='prompt_logprobs')")
        return [0.0] + [float(v) for v in values[1 : len(ids)]]
