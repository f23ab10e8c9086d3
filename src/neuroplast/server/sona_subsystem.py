"""SONA as a subsystem of the one service (``neuroplast serve``), off unless configured.

With ``[sona] enabled = true`` in the service's config file, starting the service opens a
:class:`~neuroplast.sona.durable.DurableEngine` in ``<data dir>/sona`` (the trajectory log
replayed past the last checkpoint) and puts it on ``state.sona``; queries given as text are
embedded by the gate's cached MiniLM when the gate runs (one model in memory), else by a
cached MiniLM of SONA's own (``<data dir>/sona/embeddings.db``).

.. code-block:: toml

    [sona]
    enabled = true
    [sona.engine]            # SonaConfig's fields
    exploration = "thompson"

>>> SONA.name, SonaServiceConfig(enabled=True, engine={"hidden_dim": 64}).engine.hidden_dim
('sona', 64)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import APIRouter

from neuroplast.config import Config, check_range
from neuroplast.errors import ConfigError
from neuroplast.server.sona_routes import router as sona_router
from neuroplast.server.subsystem import Subsystem
from neuroplast.sona.config import SonaConfig

__all__ = ["SONA", "SonaRunning", "SonaServiceConfig"]


@dataclass
class SonaServiceConfig(Config):
    """The ``[sona]`` table: whether it runs, the engine's config, checkpoint cadence."""

    enabled: bool = field(default=False, metadata={
        "help": "run the SONA router in this service (its routes answer 400 otherwise)"})
    checkpoint_every: int = field(default=500, metadata={
        "help": "trajectories between engine checkpoints (each one is in SQLite anyway)"})
    engine: SonaConfig = field(default_factory=SonaConfig)

    def __post_init__(self) -> None:
        if isinstance(self.engine, dict):
            self.engine = SonaConfig.from_dict(self.engine)
        if not isinstance(self.enabled, bool):
            raise ConfigError(f"SonaServiceConfig.enabled={self.enabled!r}; use true or false")
        if isinstance(self.checkpoint_every, bool) or not isinstance(self.checkpoint_every, int):
            raise ConfigError("SonaServiceConfig.checkpoint_every must be an integer")
        check_range("SonaServiceConfig", "checkpoint_every", self.checkpoint_every, 1)


class SonaRunning:
    """The started engine (or a note that it is off), in a few numbers."""

    def __init__(self, durable: Any) -> None:
        self.durable = durable

    def status(self) -> dict[str, Any]:
        if self.durable is None:
            return {"enabled": False}
        s = self.durable.stats()
        return {"enabled": True, **{k: s[k] for k in (
            "recorded", "logged", "replayed_on_start", "patterns", "routes", "cycles",
            "peer_routers")}}  # peer_routers: whose routers count (peers, --trust weights)

    def close(self) -> None:
        if self.durable is not None:
            self.durable.close()


def _router(config: SonaServiceConfig, data_dir: Path) -> APIRouter:
    return sona_router


def _embedder(data_dir: Path, state: Any) -> Any:
    gate = getattr(state, "gate", None)
    if gate is not None:  # the gate's cached MiniLM: one model in memory, one cache
        return gate.extractor.embedder
    from neuroplast.gate.embedding import CachedEmbedder
    from neuroplast.store import Database

    return CachedEmbedder(Database(Path(data_dir) / "sona" / "embeddings.db"))


def _start(config: SonaServiceConfig, data_dir: Path, state: Any) -> SonaRunning:
    if not config.enabled:
        return SonaRunning(None)
    from neuroplast.sona.durable import DurableEngine

    state.sona = DurableEngine(Path(data_dir) / "sona", config.engine,
                               embedder=_embedder(data_dir, state),
                               checkpoint_every=config.checkpoint_every)
    return SonaRunning(state.sona)


SONA = Subsystem("sona", SonaServiceConfig, _router, _start,
                 summary="SONA: route queries to the model that does best, learnt from "
                         "outcomes")
