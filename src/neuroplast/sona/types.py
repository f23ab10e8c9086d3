"""What a router or agent records: trajectories of steps with rewards, and route suggestions.

A :class:`Trajectory` is one query's journey: its embedding, the steps taken (each with the
activations and attention it produced and the reward it earned), the route that served it
and the final quality the caller measured (tests passed, a rating, task success), in [0, 1].
A one-step trajectory, or one with no steps at all, is a complete learning signal: the
final quality alone trains the router.

>>> b = TrajectoryBuilder([1.0, 0.0])
>>> b.add_step([0.5, 0.5], [1.0], reward=0.2).set_route("code").add_context("doc-7")
TrajectoryBuilder(route='code', steps=1)
>>> t = b.build(quality=0.9, trajectory_id=3)
>>> t.route, t.quality, t.steps[0].index, t.context_ids
('code', 0.9, 0, ['doc-7'])
>>> TrajectoryBuilder([float("nan")])
Traceback (most recent call last):
...
neuroplast.errors.InvalidInputError: embedding holds NaN or inf; send finite numbers
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from neuroplast.errors import InvalidInputError

__all__ = [
    "RouteSuggestion",
    "Trajectory",
    "TrajectoryBuilder",
    "TrajectoryStep",
    "as_vector",
    "check_quality",
]


def as_vector(values: Any, name: str = "embedding", dim: int | None = None) -> np.ndarray:
    """``values`` as a finite float32 vector (of length ``dim`` if given), or a clear error."""
    try:
        # a copy: the caller may reuse its array, the trajectory must not change with it
        vec = np.array(values, dtype=np.float32)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{name} must be a list of numbers ({exc})") from exc
    if vec.ndim != 1 or vec.size == 0:
        raise InvalidInputError(
            f"{name} must be a non-empty 1-d list of numbers, got shape {tuple(vec.shape)}"
        )
    if not np.isfinite(vec).all():
        raise InvalidInputError(f"{name} holds NaN or inf; send finite numbers")
    if dim is not None and vec.size != dim:
        raise InvalidInputError(
            f"{name} has {vec.size} values but this engine uses {dim}; embed with the same "
            "model the engine was configured for (SonaConfig.embedding_dim)"
        )
    return vec


def check_quality(value: Any, name: str = "quality") -> float:
    """``value`` as a float in [0, 1], or :class:`InvalidInputError` saying so."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) \
            or not 0.0 <= value <= 1.0:
        raise InvalidInputError(f"{name}={value!r} is invalid; use a number in [0, 1]")
    return float(value)


@dataclass
class TrajectoryStep:
    """One step: the activations and attention weights it produced and its reward."""

    activations: np.ndarray
    attention_weights: np.ndarray
    reward: float
    index: int
    layer_name: str | None = None


@dataclass
class Trajectory:
    """A finished query: embedding, steps, route, final quality in [0, 1], latency."""

    id: int
    query_embedding: np.ndarray
    steps: list[TrajectoryStep]
    quality: float
    route: str | None = None
    latency_us: int = 0
    context_ids: list[str] = field(default_factory=list)
    created_at: float = field(default_factory=time.time)

    @property
    def mean_reward(self) -> float:
        """Mean step reward; the final quality when there are no steps."""
        if not self.steps:
            return self.quality
        return float(np.mean([s.reward for s in self.steps]))


class TrajectoryBuilder:
    """Collects a trajectory's steps while the query runs (what ``begin_trajectory`` returns).

    Inputs are validated as they arrive, so a bad step fails where it was added.
    """

    def __init__(self, embedding: Any, dim: int | None = None) -> None:
        self.embedding = as_vector(embedding, "embedding", dim)
        self.steps: list[TrajectoryStep] = []
        self.route: str | None = None
        self.context_ids: list[str] = []
        self._start = time.perf_counter()

    def add_step(self, activations: Sequence[float] | np.ndarray,
                 attention_weights: Sequence[float] | np.ndarray = (), reward: float = 0.0,
                 layer_name: str | None = None) -> TrajectoryBuilder:
        act = as_vector(activations, "activations")
        att = np.asarray(attention_weights, dtype=np.float32).reshape(-1)
        if not np.isfinite(att).all():
            raise InvalidInputError("attention_weights hold NaN or inf; send finite numbers")
        if isinstance(reward, bool) or not isinstance(reward, int | float) \
                or not math.isfinite(reward):
            raise InvalidInputError(f"reward={reward!r} is invalid; use a finite number")
        self.steps.append(TrajectoryStep(act, att, float(reward), len(self.steps), layer_name))
        return self

    def set_route(self, name: str) -> TrajectoryBuilder:
        if not isinstance(name, str) or not name.strip():
            raise InvalidInputError(f"route={name!r} is invalid; use a non-empty name")
        self.route = name
        return self

    def add_context(self, context_id: str) -> TrajectoryBuilder:
        self.context_ids.append(str(context_id))
        return self

    def build(self, quality: float, trajectory_id: int = 0) -> Trajectory:
        """The finished trajectory; latency is measured from the builder's creation."""
        q = check_quality(quality)
        latency = int((time.perf_counter() - self._start) * 1e6)
        return Trajectory(trajectory_id, self.embedding, list(self.steps), q, self.route,
                          latency, list(self.context_ids))

    def __repr__(self) -> str:
        return f"TrajectoryBuilder(route={self.route!r}, steps={len(self.steps)})"


@dataclass
class RouteSuggestion:
    """Where to send a query, how good that is expected to be, and why."""

    route: str
    expected_quality: float
    uncertainty: float
    explored: bool
    reason: str
    scores: dict[str, float] = field(default_factory=dict)  # route -> expected quality
    patterns: list[int] = field(default_factory=list)       # ids of patterns consulted

    def to_dict(self) -> dict[str, Any]:
        return {"route": self.route, "expected_quality": self.expected_quality,
                "uncertainty": self.uncertainty, "explored": self.explored,
                "reason": self.reason, "scores": dict(self.scores),
                "patterns": list(self.patterns)}
