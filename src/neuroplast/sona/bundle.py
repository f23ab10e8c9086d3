"""What an agent hands a coordinator: a versioned, validated bundle of JSON + safetensors.

A bundle is bytes (it crosses process and machine boundaries): a 4-byte length, a JSON
header, then a safetensors blob. The header carries the agent's id, config, routes,
statistics, patterns, each trajectory's quality and route, and the SHA-256 of the blob;
the blob carries the trajectories' embeddings and the router's weights (and, in a
coordinator's warm-start bundle, its route state: ``Engine.route_state``). Nothing in it is
ever unpickled: JSON and safetensors only. :func:`read_bundle` checks everything before
anything is used: size, version, digest, every field's type and range, tensor names and
shapes, finite values.

>>> import numpy as np
>>> from neuroplast.sona.config import SonaConfig
>>> cfg = SonaConfig(embedding_dim=2, hidden_dim=4)
>>> data = write_bundle("agent-1", cfg, ["a"], {}, [], np.eye(2, dtype=np.float32),
...                     [0.9, 0.1], ["a", "a"], {})
>>> b = read_bundle(data, cfg)
>>> b.agent_id, b.qualities, b.embeddings.shape
('agent-1', [0.9, 0.1], (2, 2))
>>> read_bundle(data[:-1] + b"x", cfg)
Traceback (most recent call last):
...
neuroplast.errors.InvalidInputError: bundle digest does not match its contents: it was \
altered or truncated in transit; ask the agent to export it again
"""

from __future__ import annotations

import hashlib
import json
import math
import struct
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch

from neuroplast.errors import InvalidInputError
from neuroplast.sona.config import SonaConfig
from neuroplast.sona.pattern import LearnedPattern

__all__ = ["BUNDLE_FORMAT", "MAX_BUNDLE_BYTES", "Bundle", "read_bundle", "write_bundle"]

BUNDLE_FORMAT = "neuroplast.sona.bundle/1"
MAX_BUNDLE_BYTES = 256 * 1024 * 1024


@dataclass
class Bundle:
    agent_id: str
    routes: list[str]
    stats: dict[str, Any]
    patterns: list[LearnedPattern]
    embeddings: np.ndarray
    qualities: list[float]
    trajectory_routes: list[str]
    weights: dict[str, torch.Tensor]
    state: dict[str, torch.Tensor] = field(default_factory=dict)
    """A coordinator's route state for a warm start (``Engine.route_state``); agents'
    bundles carry none."""

    def outcomes(self) -> list[tuple[np.ndarray, str, float]]:
        """The trajectories as ``(embedding, route, quality)``: what a warm-start bundle's
        trajectories are to ``EphemeralAgent.warm_start``."""
        return list(zip(self.embeddings, self.trajectory_routes, self.qualities, strict=True))


def write_bundle(agent_id: str, config: SonaConfig, routes: list[str], stats: dict[str, Any],
                 patterns: list[LearnedPattern], embeddings: np.ndarray,
                 qualities: list[float], trajectory_routes: list[str],
                 weights: dict[str, torch.Tensor],
                 state: dict[str, torch.Tensor] | None = None) -> bytes:
    from safetensors.torch import save

    tensors = {f"weight.{k}": v.detach().contiguous().cpu() for k, v in weights.items()}
    tensors.update({f"state.{k}": v.detach().contiguous().cpu()
                    for k, v in (state or {}).items()})
    tensors["embeddings"] = torch.from_numpy(np.ascontiguousarray(embeddings, np.float32))
    blob = save(tensors)
    head = {
        "format": BUNDLE_FORMAT, "agent_id": agent_id, "config": config.to_dict(),
        "routes": routes, "stats": stats, "patterns": [p.to_dict() for p in patterns],
        "qualities": [float(q) for q in qualities], "trajectory_routes": trajectory_routes,
    }
    head["sha256"] = _digest(head, blob)
    header = json.dumps(head).encode()
    return struct.pack("<I", len(header)) + header + blob


def _digest(head: dict[str, Any], blob: bytes) -> str:
    """SHA-256 over the header (less its digest) and the tensors: any change shows.
    Integrity, not authenticity: sign bundles where agents are not trusted."""
    body = {k: v for k, v in head.items() if k != "sha256"}
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode() + blob).hexdigest()


def _bad(message: str) -> InvalidInputError:
    return InvalidInputError(f"bundle {message}")


def read_bundle(data: bytes, config: SonaConfig, max_bytes: int = MAX_BUNDLE_BYTES) -> Bundle:
    """The validated contents of ``data``; :class:`InvalidInputError` naming the problem."""
    from safetensors import SafetensorError
    from safetensors.torch import load

    if not isinstance(data, bytes | bytearray):
        raise _bad(f"must be bytes, got {type(data).__name__}")
    if len(data) > max_bytes:
        raise _bad(f"is {len(data)} bytes, over the limit of {max_bytes}; export fewer "
                   "trajectories per bundle")
    if len(data) < 4:
        raise _bad("is truncated (no header); ask the agent to export it again")
    (size,) = struct.unpack("<I", data[:4])
    if size > len(data) - 4:
        raise _bad("header length exceeds the bundle: it is truncated or not a bundle")
    try:
        head = json.loads(data[4:4 + size])
    except (UnicodeDecodeError, ValueError) as exc:
        raise _bad(f"header is not JSON ({exc}); it is not a neuroplast bundle") from exc
    if not isinstance(head, dict) or head.get("format") != BUNDLE_FORMAT:
        got = head.get("format") if isinstance(head, dict) else None
        raise _bad(f"format is {got!r}, not {BUNDLE_FORMAT!r}; export it with this version")
    blob = bytes(data[4 + size:])
    if _digest(head, blob) != head.get("sha256"):
        raise _bad("digest does not match its contents: it was altered or truncated in "
                   "transit; ask the agent to export it again")
    try:
        tensors = load(blob)
    except (SafetensorError, ValueError) as exc:
        raise _bad(f"tensors cannot be read ({exc})") from exc
    agent = head.get("agent_id")
    if not isinstance(agent, str) or not agent or len(agent) > 200:
        raise _bad(f"agent_id={agent!r} is invalid; use a non-empty name of at most 200 chars")
    routes, t_routes = head.get("routes"), head.get("trajectory_routes")
    quals = head.get("qualities")
    if not isinstance(routes, list) or not all(isinstance(r, str) and r for r in routes):
        raise _bad("routes must be a list of non-empty names")
    if not isinstance(quals, list) or not isinstance(t_routes, list) \
            or len(quals) != len(t_routes):
        raise _bad("qualities and trajectory_routes must be lists of equal length")
    for q in quals:
        if isinstance(q, bool) or not isinstance(q, int | float) or not math.isfinite(q) \
                or not 0.0 <= q <= 1.0:
            raise _bad(f"holds quality {q!r}; every quality must be in [0, 1]")
    unknown = sorted({r for r in t_routes if r not in routes})
    if unknown:
        raise _bad(f"trajectories name routes {unknown} missing from its route list")
    emb = tensors.get("embeddings")
    if emb is None or emb.ndim != 2 or emb.shape[0] != len(quals) \
            or (len(quals) and emb.shape[1] != config.embedding_dim):
        shape = None if emb is None else tuple(emb.shape)
        raise _bad(f"embeddings have shape {shape}; expected ({len(quals)}, "
                   f"{config.embedding_dim}) for this coordinator's embedding_dim")
    weights = {k[7:]: v for k, v in tensors.items() if k.startswith("weight.")}
    state = {k[6:]: v for k, v in tensors.items() if k.startswith("state.")}
    for name, t in [("embeddings", emb), *weights.items(), *state.items()]:
        if not bool(torch.isfinite(t).all()):
            raise _bad(f"tensor {name!r} holds NaN or inf")
    try:
        patterns = [LearnedPattern.from_dict(p) for p in head.get("patterns", [])]
    except (KeyError, TypeError, ValueError) as exc:
        raise _bad(f"has a malformed pattern ({exc})") from exc
    for p in patterns:
        if p.centroid.shape != (config.embedding_dim,) or not np.isfinite(p.centroid).all():
            raise _bad(f"pattern {p.id} has a centroid of shape {p.centroid.shape} or "
                       f"non-finite values; expected ({config.embedding_dim},)")
    stats = head.get("stats")
    if not isinstance(stats, dict):
        raise _bad("stats must be a JSON object")
    return Bundle(agent, list(routes), stats, patterns, emb.numpy(), [float(q) for q in quals],
                  list(t_routes), weights, state)
