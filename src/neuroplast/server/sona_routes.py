"""HTTP routes of the SONA router (``neuroplast.sona``), JSON only, behind the service's
token like every route but ``/healthz``.

* ``POST /v1/sona/route`` ``{text | embedding, routes?}`` → a route suggestion;
* ``POST /v1/sona/trajectories`` ``{text | embedding, route, quality, steps?,
  context_ids?, latency_us?}`` → ``{"id"}``, answered only once the trajectory is committed
  to SQLite (``neuroplast.sona.durable``);
* ``GET /v1/sona/patterns?q=TEXT&k=5`` → the nearest learned patterns;
* ``GET /v1/sona/stats`` and ``POST /v1/sona/learn`` (a background cycle now).

Work that embeds text or touches the model runs in the threadpool (plain ``def`` routes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, ConfigDict, Field, model_validator

from neuroplast.errors import InvalidInputError

if TYPE_CHECKING:
    from neuroplast.sona.durable import DurableEngine

__all__ = ["RouteRequest", "TrajectoryRequest", "router"]

router = APIRouter()

_TEXT_MAX = 20_000
_DIM_MAX = 4096


class _Query(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    text: str | None = Field(default=None, max_length=_TEXT_MAX,
                             description="the query in words (embedded by MiniLM, cached)")
    embedding: list[float] | None = Field(default=None, max_length=_DIM_MAX,
                                          description="or the query's embedding")

    @model_validator(mode="after")
    def _one_of(self) -> _Query:
        if (self.text is None) == (self.embedding is None):
            raise ValueError("send exactly one of text or embedding")
        return self

    @property
    def query(self) -> Any:
        return self.text if self.text is not None else self.embedding


class RouteRequest(_Query):
    """Which route for this query?

    >>> RouteRequest(text="git rebase onto main", routes=["small", "large"]).query
    'git rebase onto main'
    """

    routes: list[str] | None = Field(default=None, max_length=1024, description=(
        "the routes to choose among (default: every route seen so far)"))


class TrajectoryRequest(_Query):
    """A finished query: where it went and how well it did (quality in [0, 1]).

    >>> TrajectoryRequest(embedding=[0.1, 0.2], route="small", quality=0.8).route
    'small'
    """

    route: str = Field(min_length=1, max_length=200)
    quality: float = Field(description="measured outcome in [0, 1]")
    steps: list[dict[str, Any]] = Field(default_factory=list, max_length=256)
    context_ids: list[str] = Field(default_factory=list, max_length=256)
    latency_us: int = Field(default=0, ge=0)


def _engine(request: Request) -> DurableEngine:
    sona = getattr(request.app.state, "sona", None)
    if sona is None:
        raise InvalidInputError("SONA is not enabled on this service: add [sona] "
                                "enabled = true to its config file and restart it")
    return sona  # type: ignore[no-any-return]


@router.post("/v1/sona/route", summary="Suggest a route for a query (text or embedding)")
def route(body: RouteRequest, request: Request) -> dict[str, Any]:
    return _engine(request).engine.suggest_route(body.query, body.routes).to_dict()


@router.post("/v1/sona/trajectories",
             summary="Record a finished trajectory; answered once it is committed")
def trajectories(body: TrajectoryRequest, request: Request) -> dict[str, Any]:
    return _engine(request).record(body.query, body.route, body.quality, body.steps,
                                   body.context_ids, body.latency_us)


@router.get("/v1/sona/patterns", summary="The learned patterns nearest a query")
def patterns(request: Request, q: str = Query(min_length=1, max_length=_TEXT_MAX),
             k: int = Query(default=5, ge=1, le=100)) -> dict[str, Any]:
    found = _engine(request).engine.find_patterns(q, k)
    return {"patterns": [{key: value for key, value in p.to_dict().items()
                          if key != "centroid"} for p in found]}


@router.get("/v1/sona/stats", summary="What the SONA engine has recorded and learned")
def stats(request: Request) -> dict[str, Any]:
    return _engine(request).stats()


@router.post("/v1/sona/learn", summary="Run a background cycle now (force_learn)")
def learn(request: Request) -> dict[str, Any]:
    ran = _engine(request).engine.force_learn()
    return {"ran": ran, "patterns": len(_engine(request).engine.bank)}
