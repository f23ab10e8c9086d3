"""The gate as a subsystem of the one service (``neuroplast serve``).

Its routes are ``server.gate_routes``; started, it opens a :class:`~neuroplast.gate.Gate`
in ``<data dir>/gate`` (warmed up: the embedder and the shell grammar load before the
first call) and puts it on ``state.gate``.

>>> GATE.name, GATE.config_cls.__name__
('gate', 'GateConfig')
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter

from neuroplast.gate.config import GateConfig
from neuroplast.gate.hook_cli import HOOK_PATH
from neuroplast.server.app import DEFAULT_MAX_BODY_BYTES
from neuroplast.server.gate_routes import router as gate_router
from neuroplast.server.subsystem import Subsystem

if TYPE_CHECKING:
    from neuroplast.gate import Gate

__all__ = ["GATE", "GateRunning", "open_gate"]


def open_gate(config: GateConfig, data_dir: Path | None, warm_up: bool = True) -> Gate:
    """A Gate ready to answer its first call within the hook's timeout."""
    from neuroplast.gate import Gate

    gate = Gate(config=config, data_dir=data_dir)
    if warm_up:
        # Load the embedder now, not on the first tool call, which would outlast the
        # hook's 2 s timeout and fall back to asking.
        gate.extractor.embedder.embed(["neuroplast gate warm-up"])
        from neuroplast.gate.shell import split_command

        split_command("true")  # and the shell grammar (its first parse loads it: ~25 ms)
    # Everything loaded so far (torch, transformers, the model) lives as long as the
    # service: move it out of the garbage collector's generations. A full collection
    # otherwise scans those ~10^6 objects and pauses every request for 100-250 ms
    # (measured), and the learner's allocations trigger one now and then.
    gc.collect()
    gc.freeze()
    return gate


class GateRunning:
    """The started gate: its learning state in a few numbers."""

    def __init__(self, gate: Gate) -> None:
        self.gate = gate

    def status(self) -> dict[str, Any]:
        stats = self.gate.stats()
        keys = ("mode", "decisions", "labelled", "ask_rate", "agreement", "converged",
                "model_version")
        out = {key: stats[key] for key in keys if key in stats}
        # whose answers it learned from: the user's and each peer's (gate stats has more)
        out["answers_from"] = {origin: row["answers"]
                               for origin, row in sorted(stats.get("by_origin", {}).items())}
        learner = self.gate.learner
        if learner.worker_restarts:
            out["worker_restarts"] = learner.worker_restarts
        if learner.last_error is not None:  # training stopped: the user should know
            out["training_error"] = f"{type(learner.last_error).__name__}: {learner.last_error}"
        return out

    def close(self) -> None:
        self.gate.close()


def _router(config: GateConfig, data_dir: Path) -> APIRouter:
    return gate_router


def _start(config: GateConfig, data_dir: Path, state: Any) -> GateRunning:
    state.gate = open_gate(config, data_dir, warm_up=getattr(state, "warm_up", True))
    return GateRunning(state.gate)


GATE = Subsystem(
    "gate", GateConfig, _router, _start,
    body_limits={HOOK_PATH: DEFAULT_MAX_BODY_BYTES}, reads_own_body=(HOOK_PATH,),
    summary="the learning tool-call gate (Claude Code hooks)",
)
