"""``Engine``: record trajectories, suggest routes, learn in two loops, explain why.

* Instant loop (:mod:`.instant`): each finished trajectory with a route takes one gradient
  step on the route head and the micro-LoRA, under a short lock, before ``end_trajectory``
  returns.
* Background loop (:mod:`.background`, :mod:`.bank`): once ``min_trajectories`` new ones
  are buffered (or on ``force_learn``), a cycle extracts patterns into the ReasoningBank and
  trains the base LoRA with EWC++ on a copy; it runs in its own thread every
  ``background_interval_s``, or when ``tick()`` is called, and takes the lock only to copy
  the trained adapter in. Fewer than the minimum stay buffered, never dropped; the only
  trajectories that leave the buffer are the oldest past ``trajectory_capacity``, counted
  in ``stats()["evicted"]``.

>>> import numpy as np
>>> eng = Engine(SonaConfig(embedding_dim=3, hidden_dim=8, min_trajectories=5,
...                         background_interval_s=0))
>>> for i in range(30):                          # on this kind of query b works, a not
...     b = eng.begin_trajectory(np.eye(3)[0]).set_route("ab"[i % 2])
...     _ = eng.end_trajectory(b, quality=0.9 if i % 2 else 0.1)
>>> s = eng.suggest_route(np.eye(3)[0], routes=["a", "b"])
>>> s.route, s.expected_quality > 0.5 > s.scores["a"]
('b', True)
>>> eng.tick(), eng.stats()["buffered_new"]
(True, 0)
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections import deque
from pathlib import Path
from typing import Any

import numpy as np
import torch

from neuroplast.config import check_config
from neuroplast.errors import InvalidInputError, StateMismatchError, StoreError
from neuroplast.sona.background import BaseTrainer, Sample
from neuroplast.sona.bank import ReasoningBank
from neuroplast.sona.config import SonaConfig
from neuroplast.sona.instant import InstantLoop
from neuroplast.sona.pattern import LearnedPattern
from neuroplast.sona.peer_routers import PeerRouter, blend
from neuroplast.sona.router import BASE, MICRO, build_router
from neuroplast.sona.shrinkage import Shrinkage
from neuroplast.sona.types import (
    RouteSuggestion,
    Trajectory,
    TrajectoryBuilder,
    as_vector,
    check_quality,
)
from neuroplast.store import atomic_write_text, first_non_finite, load_tensors, save_tensors

__all__ = ["Engine"]

_FORMAT = "neuroplast.sona/1"


class Engine:
    """The SONA engine over one :class:`SonaConfig` (see the module doc)."""

    def __init__(self, config: SonaConfig | None = None, embedder: Any = None) -> None:
        """``embedder``: anything with ``embed(list[str]) -> (n, embedding_dim) array``
        (the bundled MiniLM: ``neuroplast.gate.embedding.CachedEmbedder``, cached), so
        queries may be given as text; without one, queries are vectors."""
        self.config = cfg = check_config(config, SonaConfig, "Engine")
        self.embedder = embedder
        torch.manual_seed(cfg.seed)
        self.net = build_router(cfg.embedding_dim, cfg.hidden_dim, cfg.max_routes,
                                cfg.micro_lora_rank, cfg.base_lora_rank, cfg.seed)
        self.instant = InstantLoop(self.net, cfg)
        self.base = BaseTrainer(cfg)
        self.bank = ReasoningBank(cfg.bank, cfg.seed)
        self.shrinkage = Shrinkage()
        self.routes: dict[str, int] = {}
        self._peer_routers: tuple[PeerRouter, ...] = ()  # set_peer_routers
        self._lock = threading.RLock()         # the live router and instant-loop state
        self._cycle_lock = threading.Lock()    # one background cycle at a time
        self._buffer: deque[Trajectory] = deque()
        self._new: list[Trajectory] = []       # not yet seen by a background cycle
        self._new_losses: list[float] = []     # their prequential squared errors (drift)
        self._keyed: dict[tuple[int, str], deque[Trajectory]] = {}  # replay, see _remember
        self._keys: list[tuple[int, str]] = []
        # each slot's mean unit query, computed when first weighed after the slot changed:
        # a suggestion weighs every near slot of every route (``_evidence``)
        self._slot_direction: dict[tuple[int, str], np.ndarray] = {}
        self._rng = np.random.default_rng(cfg.seed)
        self._next_id = 1
        self._counts = {"recorded": 0, "instant_updates": 0, "evicted": 0, "cycles": 0,
                        "suggestions": 0, "explored": 0}
        self._last_cycle_s = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        if cfg.background_interval_s > 0:
            self._thread = threading.Thread(target=self._run, name="sona-background",
                                            daemon=True)
            self._thread.start()

    # -- recording -----------------------------------------------------------------------
    def begin_trajectory(self, embedding: Any) -> TrajectoryBuilder:
        """A builder for the query ``embedding`` (a vector, or text with an embedder)."""
        return TrajectoryBuilder(self.vector(embedding), self.config.embedding_dim)

    def vector(self, query: Any, name: str = "query") -> np.ndarray:
        """``query`` as this engine's embedding: a vector checked, or text embedded."""
        if isinstance(query, str):
            if self.embedder is None:
                raise InvalidInputError(
                    f"{name} is text but this engine has no embedder; pass "
                    "Engine(config, embedder=CachedEmbedder()) (neuroplast.gate.embedding) "
                    "or send an embedding")
            if not query.strip():
                raise InvalidInputError(f"{name} is empty text; send the query's words")
            query = np.asarray(self.embedder.embed([query]))[0]
        return as_vector(query, name, self.config.embedding_dim)

    def end_trajectory(self, builder: TrajectoryBuilder, quality: float) -> Trajectory:
        """Finish ``builder`` with the measured ``quality``; learn from it at once."""
        if not isinstance(builder, TrajectoryBuilder):
            raise InvalidInputError("end_trajectory expects the builder begin_trajectory gave")
        with self._lock:
            traj = builder.build(quality, self._next_id)
            route = None if traj.route is None else self._route_index(traj.route)
            self._next_id += 1
            if route is not None:
                replay = self._replay_sample(self.config.instant_replay)
                self.instant.update(torch.from_numpy(traj.query_embedding), route,
                                    traj.quality, replay)
                self._new_losses.append(self.instant.last_error ** 2)
                self._counts["instant_updates"] += 1
                self._remember(traj)
            self._buffer.append(traj)
            self._new.append(traj)
            while len(self._buffer) > self.config.trajectory_capacity:
                old = self._buffer.popleft()
                self._counts["evicted"] += 1
                if self._new and self._new[0] is old:  # evicted before any cycle saw it
                    self._new.pop(0)
            self._counts["recorded"] += 1
        return traj

    def check_route(self, name: str) -> None:
        """Raise :class:`InvalidInputError` if ``name`` is a new route with no room left."""
        with self._lock:
            if name not in self.routes and len(self.routes) >= self.config.max_routes:
                raise InvalidInputError(
                    f"route {name!r} would be route number {len(self.routes) + 1}, above "
                    f"SonaConfig.max_routes={self.config.max_routes}; raise max_routes")

    def _route_index(self, name: str) -> int:
        if name not in self.routes:
            if len(self.routes) >= self.config.max_routes:
                raise InvalidInputError(
                    f"route {name!r} would be route number {len(self.routes) + 1}, above "
                    f"SonaConfig.max_routes={self.config.max_routes}; raise max_routes"
                )
            self.routes[name] = len(self.routes)
        return self.routes[name]

    def _remember(self, traj: Trajectory, measure: bool = True) -> None:
        """File ``traj`` under (its nearest pattern, its route) for replay.

        Replay draws a key uniformly, then one of its latest ``replay_per_key`` outcomes:
        every region of query space and route keeps its voice however rarely it is asked
        (no forgetting of quiet kinds), and within a key newer outcomes supersede older
        ones (a route that changed is replayed as it is now, not as it was). The same
        latest outcomes, in the query's ``evidence_patterns`` nearest patterns, are the
        evidence ``suggest_route`` weighs against the model. ``measure=False`` files it
        without measuring the outcome noise and variogram on it (outcomes another engine
        already measured them on).
        """
        near = self.bank.search(traj.query_embedding, self.config.evidence_patterns)
        route = traj.route or ""
        key = (near[0][0].id if near else 0, route)
        slot = self._keyed.get(key)
        if slot is None:
            slot = self._keyed[key] = deque(maxlen=self.config.replay_per_key)
            self._keys.append(key)
        if key[0] and measure:  # no pattern yet: the slot pools every query
            self.shrinkage.observe_near(traj.quality,
                                      self._evidence(near, route, traj.query_embedding))
        slot.append(traj)
        self._slot_direction.pop(key, None)

    def _evidence(self, near: list[tuple[LearnedPattern, float]], route: str,
                  query: np.ndarray) -> list[tuple[float, list[float]]]:
        """(similarity, latest outcomes of ``route``) of each pattern in ``near``.

        The similarity is that of the queries behind those outcomes to ``query`` (their
        mean), not the pattern's centroid's: an outcome is filed under the pattern nearest
        its query when it arrives, so a pattern between two kinds of query holds outcomes
        of both, and the centroid would lend a query of one kind the outcomes of the other
        at the similarity of the pattern. How far an outcome's region differs from the
        query is what the variogram measures (``neuroplast.sona.shrinkage``); it is
        measured, and read, at the similarity of the queries themselves."""
        unit = query / max(float(np.linalg.norm(query)), 1e-12)
        out = []
        for p, sim in near:
            key = (p.id, route)
            held = self._keyed.get(key, ())
            if held:
                # the mean of the held queries' cosines = the query's with their mean unit
                direction = self._slot_direction.get(key)
                if direction is None:
                    emb = np.stack([t.query_embedding for t in held])
                    emb = emb / np.maximum(np.linalg.norm(emb, axis=1, keepdims=True), 1e-12)
                    direction = self._slot_direction[key] = emb.mean(axis=0)
                sim = float(direction @ unit)
            out.append((sim, [t.quality for t in held]))
        return out

    def _replay_sample(self, n: int) -> list[Sample]:
        if n <= 0 or not self._keys:
            return []
        out = []
        for i in self._rng.integers(0, len(self._keys), size=n):
            slot = self._keyed[self._keys[int(i)]]
            t = slot[int(self._rng.integers(len(slot)))]
            out.append((torch.from_numpy(t.query_embedding), self.routes[t.route], t.quality))
        return out

    # -- deciding ------------------------------------------------------------------------
    def suggest_route(self, query: Any, routes: list[str] | None = None) -> RouteSuggestion:
        """The route to use for ``query``, with expected quality, uncertainty and reason."""
        x = torch.from_numpy(self.vector(query))
        if routes is not None and not isinstance(routes, str):
            routes = list(routes)  # a generator is read once
        if isinstance(routes, str) or (routes is not None and not all(
                isinstance(n, str) and n for n in routes)):
            raise InvalidInputError(f"routes={routes!r}: give a list of route names, e.g. "
                                    "['code-model', 'small-model']")
        names = list(self.routes) if routes is None else list(dict.fromkeys(routes))
        if not names:
            raise InvalidInputError(
                "no routes to choose from: pass routes=[...] or record a trajectory with "
                "set_route first"
            )
        new = [n for n in names if n not in self.routes]
        if len(self.routes) + len(new) > self.config.max_routes:  # before any is registered
            raise InvalidInputError(
                f"routes {new} would make {len(self.routes) + len(new)} routes, above "
                f"SonaConfig.max_routes={self.config.max_routes}; raise max_routes")
        near = self.bank.search(x.numpy(), self.config.evidence_patterns)
        with self._lock:
            idx = [self._route_index(n) for n in names]
            q, spread, h = self.instant.predict(x)
            if self._peer_routers:  # peers' routers, each below this one (peer_routers)
                with torch.no_grad():
                    # the estimate moves; its uncertainty stays the router's own, so this
                    # user's outcomes near the query weigh as much against it as without
                    q = q.clone()
                    var = torch.einsum("i,rij,j->r", h, self.instant.cov, h)[idx]
                    q[idx] = blend(names, self.net.head(h)[idx], var,
                                   torch.tanh(self.net.proj(x)), self._peer_routers)
            peers = len(self._peer_routers)
            # the model's estimate shrunk towards the latest outcomes per route of the
            # patterns near the query (empirical Bayes, see neuroplast.sona.shrinkage)
            ev = [self._evidence(near, n, x.numpy()) for n in names]
            by_pattern = [[e[j][1] for e in ev] for j in range(len(near))]
            apart = [None] + [self.shrinkage.disagreement(by_pattern[0], other)
                              for other in by_pattern[1:]]
            post = [self.shrinkage.combine_near(float(q[i]), float(spread[i]),
                                                self.instant.err2, e, apart)
                    for i, e in zip(idx, ev, strict=True)]
        mean = np.array([m for m, _, _ in post])
        sd = np.array([d for _, d, _ in post])
        beta = self.config.exploration_beta
        if self.config.exploration == "thompson":
            score = mean + beta * sd * self._rng.standard_normal(len(idx))
        else:
            score = mean + beta * sd
        pick, greedy = int(np.argmax(score)), int(np.argmax(mean))
        self._counts["suggestions"] += 1
        self._counts["explored"] += pick != greedy
        return RouteSuggestion(
            route=names[pick], expected_quality=float(mean[pick]), uncertainty=float(sd[pick]),
            explored=pick != greedy,
            reason=_reason(names, mean, sd, pick, greedy, near, post[pick][2], peers),
            scores={n: float(m) for n, m in zip(names, mean, strict=True)},
            patterns=[p.id for p, _ in near[:1]])

    # -- warm start (neuroplast.sona.federated) ---------------------------------------------
    def route_state(self) -> tuple[dict[str, torch.Tensor], dict[str, Any]]:
        """How sure the route choice is, beside the router's weights: the last layer's
        precision per route (where the model has seen evidence, as tensors) and the
        measured errors it weighs evidence by (the model's, the outcomes' noise, the
        variogram; JSON). A warm start hands these over with the weights: weights alone
        are a model the route choice must treat as untested everywhere (its spread is the
        prior's), so it explores every route anew, as from a cold start."""
        with self._lock:
            return ({"instant.cov": self.instant.cov.clone()},
                    {"model_err2": float(self.instant.err2),
                     "outcome_noise2": float(self.shrinkage.noise2),
                     "variogram": {"gap": self.shrinkage.gap.tolist(),
                                   "pairs": self.shrinkage.pairs.tolist()}})

    def load_route_state(self, tensors: dict[str, torch.Tensor], meta: dict[str, Any]) -> None:
        """Take another engine's :meth:`route_state` (each part optional: an older bundle
        carries only the two errors); checked whole before anything changes."""
        cov = tensors.get("instant.cov")
        if cov is not None and (tuple(cov.shape) != tuple(self.instant.cov.shape)
                                or not bool(torch.isfinite(cov).all())):
            raise InvalidInputError(
                f"warm-start instant.cov has shape {tuple(cov.shape)} or non-finite values; "
                f"this engine's is {tuple(self.instant.cov.shape)} (same hidden_dim and "
                "max_routes as the coordinator's)")
        err2, noise2 = meta.get("model_err2"), meta.get("outcome_noise2")
        for value in (err2, noise2):
            if value is not None and (isinstance(value, bool) or not isinstance(value, float)
                                      or not 0.0 <= value <= 1.0):
                raise InvalidInputError(f"warm-start error statistic {value!r} must be a "
                                        "number in [0, 1]")
        gram = meta.get("variogram")
        if gram is not None:
            bands = len(self.shrinkage.gap)
            ok = isinstance(gram, dict) and all(
                isinstance(gram.get(k), list) and len(gram[k]) == bands
                and all(not isinstance(v, bool) and isinstance(v, int | float)
                        and math.isfinite(v) and v >= 0 for v in gram[k])
                for k in ("gap", "pairs"))
            if not ok:
                raise InvalidInputError(f"warm-start variogram must hold 'gap' and 'pairs', "
                                        f"each {bands} finite numbers >= 0")
        with self._lock:
            if cov is not None:
                self.instant.cov = cov.detach().clone().float()
            if err2 is not None:
                self.instant.err2 = err2
            if noise2 is not None:
                self.shrinkage.noise2 = noise2
            if gram is not None:
                self.shrinkage.gap = np.asarray(gram["gap"], dtype=np.float64)
                self.shrinkage.pairs = np.asarray(gram["pairs"], dtype=np.float64)

    def latest_outcomes(self, pattern_ids: set[int]) -> list[Trajectory]:
        """The latest outcomes of every route held under the patterns ``pattern_ids`` (the
        evidence the route choice weighs near them), oldest first."""
        with self._lock:
            held = [t for (pid, _), slot in self._keyed.items() if pid in pattern_ids
                    for t in slot]
        return sorted(held, key=lambda t: t.id)

    def check_outcomes(self, outcomes: list[tuple[Any, str, float]]
                       ) -> list[tuple[np.ndarray, str, float]]:
        """``outcomes`` for :meth:`take_outcomes`, each checked (embedding, route name,
        quality in [0, 1]); :class:`InvalidInputError` naming the first bad one."""
        checked = []
        for emb, route, quality in outcomes:
            if isinstance(quality, bool) or not isinstance(quality, int | float) \
                    or not 0.0 <= quality <= 1.0:
                raise InvalidInputError(f"outcome quality {quality!r} must be in [0, 1]")
            if not isinstance(route, str) or not route:
                raise InvalidInputError(f"outcome route {route!r} must be a non-empty name")
            checked.append((self.vector(emb, "outcome embedding"), route, float(quality)))
        return checked

    def take_outcomes(self, outcomes: list[tuple[Any, str, float]]) -> int:
        """File another engine's latest outcomes ``(embedding, route, quality)`` as this
        engine's evidence and replay, each under its nearest pattern here; returns how many.

        They are not learnt from again (the router they come with already has) nor counted
        as recorded, and the noise and variogram are not re-measured on them (the other
        engine's measurements come with :meth:`load_route_state`). Checked whole first."""
        checked = self.check_outcomes(outcomes)
        with self._lock:
            new = {r for _, r, _ in checked} - set(self.routes)
            if len(self.routes) + len(new) > self.config.max_routes:
                raise InvalidInputError(
                    f"outcomes name {len(new)} new routes, above SonaConfig.max_routes="
                    f"{self.config.max_routes} with the {len(self.routes)} known; raise "
                    "max_routes")
            for emb, route, quality in checked:
                self._route_index(route)
                self._remember(Trajectory(self._next_id, emb, [], quality, route),
                               measure=False)
                self._next_id += 1
        return len(checked)

    # -- peers' routers (neuroplast.sona.peer_routers) ------------------------------------
    def set_peer_routers(self, routers: list[PeerRouter]) -> None:
        """Weigh these peers' routers into every route choice from now on, each below
        this router (``[]``: none). They are never trained on nor saved: what they add is
        gone, exactly, once they are taken away."""
        with self._lock:
            self._peer_routers = tuple(routers)

    @property
    def peer_routers(self) -> list[str]:
        """The names of the peers whose routers count now."""
        return [p.name for p in self._peer_routers]

    # -- adapters on a caller's hidden states ---------------------------------------------
    def apply_micro_lora(self, hidden: Any) -> np.ndarray:
        """``hidden + micro-LoRA delta`` for one hidden vector or a batch (rows)."""
        return self.apply_base_lora("adapt", hidden, adapter=MICRO)

    def apply_base_lora(self, layer: str, hidden: Any, adapter: str = BASE) -> np.ndarray:
        """``hidden + base-LoRA delta`` of ``layer`` (the router has one: ``"adapt"``)."""
        if layer != "adapt":
            raise InvalidInputError(f"layer {layer!r} has no adapter; the router's is 'adapt'")
        h = torch.as_tensor(np.asarray(hidden, dtype=np.float32))
        if h.shape[-1] != self.config.hidden_dim or h.ndim not in (1, 2) \
                or not bool(torch.isfinite(h).all()):
            raise InvalidInputError(
                f"hidden must be finite, of shape ({self.config.hidden_dim},) or "
                f"(n, {self.config.hidden_dim}); got {tuple(h.shape)}"
            )
        layer_mod = self.net.adapt
        with self._lock, torch.no_grad():
            a = layer_mod.lora_A[adapter].weight
            b = layer_mod.lora_B[adapter].weight
            delta = (h @ a.T) @ b.T * layer_mod.scaling[adapter]
        return (h + delta).numpy()

    # -- patterns ------------------------------------------------------------------------
    def find_patterns(self, query: Any, k: int = 5) -> list[LearnedPattern]:
        """The ``k`` most similar patterns (each touched: it counts as a use)."""
        found = self.bank.search(self.vector(query), k)
        self.bank.touch([p.id for p, _ in found])
        return [p for p, _ in found]

    # -- background ----------------------------------------------------------------------
    def tick(self) -> bool:
        """Run a background cycle if ``min_trajectories`` new ones wait; True if it ran."""
        with self._lock:
            ready = len(self._new) >= self.config.min_trajectories
        return self._cycle() if ready else False

    def force_learn(self) -> bool:
        """Run a background cycle now, whatever the minimum; True if there was anything."""
        return self._cycle()

    def _cycle(self) -> bool:
        with self._cycle_lock:
            start = time.perf_counter()
            with self._lock:
                new, self._new = self._new, []
                losses, self._new_losses = self._new_losses, []
                old = [t for slot in self._keyed.values() for t in slot]
                snapshot_needed = bool(new)
            if not snapshot_needed:
                return False
            self.bank.extract(new, self.config.quality_threshold)
            self.bank.decay_and_prune()
            samples = [(torch.from_numpy(t.query_embedding), self.routes[t.route], t.quality)
                       for t in old]
            if samples:
                with self._lock:
                    live = self.net  # deep-copied inside train, under the lock
                    snapshot = _frozen_copy(live)
                weights = self.base.train(snapshot, samples, losses)
                with self._lock, torch.no_grad():
                    params = dict(self.net.named_parameters())
                    for name, value in weights.items():
                        params[name].copy_(value)
            self._counts["cycles"] += 1
            self._last_cycle_s = time.perf_counter() - start
            return True

    def _run(self) -> None:
        while not self._stop.wait(self.config.background_interval_s):
            try:
                self.tick()
            except Exception:  # a failed cycle must not kill the loop; stats show it
                self._counts["cycle_errors"] = self._counts.get("cycle_errors", 0) + 1

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- state ---------------------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        """Counters and sizes, JSON-serialisable."""
        with self._lock:
            return {
                **self._counts,
                "buffered": len(self._buffer), "buffered_new": len(self._new),
                "patterns": len(self.bank), "patterns_merged": self.bank.merged,
                "patterns_pruned": self.bank.pruned, "routes": list(self.routes),
                "base_steps": self.base.steps, "base_last_loss": self.base.last_loss,
                "ewc_tasks": self.base.ewc.task_count,
                "ewc_boundaries_detected": self.base.boundaries,
                "drift_z": self.base.drift.last_z,
                "last_cycle_s": self._last_cycle_s,
                "micro_delta_norm": _delta_norm(self.net, MICRO),
                # the route choice's measured errors (neuroplast.sona.shrinkage)
                "model_err2": float(self.instant.err2),
                "outcome_noise2": float(self.shrinkage.noise2),
                "base_delta_norm": _delta_norm(self.net, BASE),
                "peer_routers": [p.name for p in self._peer_routers],
            }

    def save(self, directory: str | Path) -> None:
        """Weights and tensors as safetensors, the rest as JSON; each file atomic."""
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        with self._lock:
            tensors = {f"net.{k}": v.detach().clone() for k, v in self.net.state_dict().items()}
            tensors.update({f"instant.{k}": v for k, v in self.instant.state_dict().items()})
            buf = list(self._buffer)
            held = {t.id for t in buf}
            buf += [t for slot in self._keyed.values() for t in slot if t.id not in held]
            n_buffer = len(self._buffer)
            meta = {"format": _FORMAT, "config": self.config.to_dict(), "routes": self.routes,
                    "counts": self._counts, "next_id": self._next_id,
                    "noise2": self.shrinkage.noise2, "shrinkage": self.shrinkage.state(),
                    # replay draws and Thompson samples continue as if never stopped
                    "rng": self._rng.bit_generator.state,
                    "new_ids": [t.id for t in self._new], "new_losses": self._new_losses,
                    "drift": self.base.drift.state(),
                    "replay": [[pid, route, [t.id for t in self._keyed[(pid, route)]]]
                               for pid, route in self._keys],
                    "patterns": [p.to_dict() for p in self.bank.patterns],
                    "trajectories": [_traj_meta(t) for t in buf], "n_buffer": n_buffer}
            if buf:
                tensors["trajectories.embeddings"] = torch.from_numpy(
                    np.stack([t.query_embedding for t in buf]))
        save_tensors(d / "engine.safetensors", tensors, {"format": _FORMAT})
        self.base.ewc.save(d / "ewc.safetensors")
        atomic_write_text(d / "engine.json", json.dumps(meta))

    @classmethod
    def load(cls, directory: str | Path, embedder: Any = None) -> Engine:
        """An engine in the state ``save`` wrote (background thread started afresh)."""
        d = Path(directory)
        try:
            meta = json.loads((d / "engine.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StateMismatchError(f"{d}/engine.json cannot be read ({exc}); save the "
                                     "engine again") from exc
        if meta.get("format") != _FORMAT:
            raise StateMismatchError(f"{d} holds {meta.get('format')!r}, not {_FORMAT}")
        try:
            config = SonaConfig.from_dict(meta["config"])
        except (KeyError, TypeError, ValueError) as exc:  # ValueError: ConfigError
            raise StateMismatchError(f"{d}/engine.json has no usable config ({exc!r}); save "
                                     "the engine again") from exc
        tensors, _ = load_tensors(d / "engine.safetensors")
        bad = first_non_finite(tensors)
        if bad is not None:
            raise StateMismatchError(f"{d}/engine.safetensors: {bad!r} holds NaN or inf; "
                                     "restore a backup")
        eng = cls(config, embedder)
        try:
            eng._restore(d, meta, tensors)
        except Exception as exc:  # a damaged file: no half-loaded engine is handed out
            eng.close()
            if isinstance(exc, StateMismatchError | StoreError):
                raise
            raise StateMismatchError(f"{d} holds a damaged engine state ({exc!r}); restore a "
                                     "backup or start a new engine") from exc
        return eng

    def _restore(self, d: Path, meta: dict[str, Any], tensors: dict[str, torch.Tensor]) -> None:
        """Fill a fresh engine from ``save``'s files (``load``: any error means damage)."""
        self.net.load_state_dict({k[4:]: v for k, v in tensors.items() if k.startswith("net.")})
        self.instant.load_state_dict({k[8:]: v for k, v in tensors.items()
                                     if k.startswith("instant.")})
        self.base.ewc.load(d / "ewc.safetensors")
        routes = {str(k): int(v) for k, v in meta["routes"].items()}
        if sorted(routes.values()) != list(range(len(routes))) or len(routes) > \
                self.config.max_routes:
            raise ValueError(f"route indices {sorted(routes.values())} are not 0..n-1 within "
                             f"max_routes={self.config.max_routes}")
        self.routes = routes
        self._counts.update(meta["counts"])
        self._next_id = int(meta["next_id"])
        self.shrinkage.noise2 = float(meta.get("noise2", self.shrinkage.noise2))
        self.shrinkage.load_state(meta.get("shrinkage", {}))
        self._new_losses = [float(x) for x in meta.get("new_losses", [])]
        if "drift" in meta:
            self.base.drift.load_state(meta["drift"])
        if "rng" in meta:
            self._rng.bit_generator.state = meta["rng"]
        self.bank.replace([LearnedPattern.from_dict(p) for p in meta["patterns"]])
        emb = tensors.get("trajectories.embeddings")
        new_ids = set(meta["new_ids"])
        by_id = {}
        for i, t in enumerate(meta["trajectories"]):
            traj = Trajectory(int(t["id"]), emb[i].numpy().copy(), [],
                              check_quality(t["quality"]),
                              t["route"], int(t["latency_us"]), list(t["context_ids"]),
                              float(t["created_at"]))
            if i < meta["n_buffer"]:
                self._buffer.append(traj)
            by_id[traj.id] = traj
            if traj.id in new_ids:
                self._new.append(traj)
        # replay may hold trajectories already evicted from the buffer: those were saved too
        for pid, route, ids in meta["replay"]:
            key = (int(pid), str(route))
            self._keys.append(key)
            self._keyed[key] = deque((by_id[i] for i in ids if i in by_id),
                                    maxlen=self.config.replay_per_key)


def _traj_meta(t: Trajectory) -> dict[str, Any]:
    # steps' activations are not kept past the instant loop: the router learns from the
    # query and the outcome; the buffer keeps what replay and pattern extraction read
    return {"id": t.id, "quality": t.quality, "route": t.route, "latency_us": t.latency_us,
            "context_ids": t.context_ids, "created_at": t.created_at}


def _frozen_copy(net: torch.nn.Module) -> torch.nn.Module:
    import copy

    return copy.deepcopy(net)


def _delta_norm(net: torch.nn.Module, adapter: str) -> float:
    layer = net.adapt  # type: ignore[attr-defined]
    with torch.no_grad():
        delta = layer.lora_B[adapter].weight @ layer.lora_A[adapter].weight
    return float(delta.norm()) * layer.scaling[adapter]


def _reason(names: list[str], mean: np.ndarray, sd: np.ndarray, pick: int, greedy: int,
            near: list[tuple[LearnedPattern, float]], local: int, peers: int = 0) -> str:
    by = "the router model" + (f" with {peers} peer router{'s' * (peers > 1)}" if peers
                               else "") + (f" and {local} latest outcomes near here"
                                           if local else "")
    parts = [f"{names[pick]!r} expected {mean[pick]:.2f} ± {sd[pick]:.2f} by {by}"]
    if pick != greedy:
        parts.append(f"explored: {names[greedy]!r} scores higher ({mean[greedy]:.2f}) but "
                     f"{names[pick]!r} is less certain")
    elif len(names) > 1:
        second = int(np.argsort(-mean)[1])
        parts.append(f"next best {names[second]!r} {mean[second]:.2f}")
    if near:
        p, sim = near[0]
        seen = ", ".join(f"{r} {s / n:.2f} over {n:.0f}" for r, (s, n) in
                         sorted(p.route_stats.items(), key=lambda kv: -kv[1][1])[:3] if n > 0)
        parts.append(f"nearest pattern #{p.id} (similarity {sim:.2f}, {p.cluster_size} "
                     f"trajectories{': ' + seen if seen else ''})")
    return "; ".join(parts)
