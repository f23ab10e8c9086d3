"""Memory's model service as a subsystem of the one service (``neuroplast serve``), off
unless configured with a model.

With ``[memory] enabled = true`` and ``model`` (a Hugging Face causal LM directory) in the
service's config file, starting the service opens a
:class:`~neuroplast.memory.service.ModelService` in ``<data dir>/memory`` (the adapter
published last, the job log: what ``neuroplast memory serve`` keeps there) and serves its
routes (``server.memory_routes``: ``/v1/completions``, ``/score``, ``/train``,
``/train/status/{job_id}``, ``/v1/models``, and ``/v1/memory/state``: the memories'
weights and pending candidates in ``<data dir>/memory/memory.db``, also on the dashboard)
behind the service's guard, so they take the service's token (``<data dir>/gate/token``).
The peers' adapters that count now (``<data dir>/peers/adapters/applied.json``, written
by the peers subsystem) are merged
into the scoring model below the own one, read every ``poll_s`` seconds as
``neuroplast memory serve`` reads them.

.. code-block:: toml

    [memory]
    enabled = true
    model = "/models/qwen2.5-0.5b"
    [memory.train]            # TrainConfig's fields
    steps = 60

>>> MEMORY.name, MemoryServiceConfig().enabled
('memory', False)
>>> MemoryServiceConfig(enabled=True, model="/m/tiny", train={"steps": 5}).train.steps
5
>>> MemoryServiceConfig(enabled=True)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
neuroplast.errors.ConfigError: [memory] enabled = true needs model = ...
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter

from neuroplast.config import Config, check_range
from neuroplast.errors import ConfigError
from neuroplast.memory.trainer import TrainConfig
from neuroplast.server.memory_app import MEMORY_MAX_BODY_BYTES
from neuroplast.server.memory_routes import router as memory_router
from neuroplast.server.memory_state_routes import router as state_router
from neuroplast.server.memory_view import memory_view
from neuroplast.server.subsystem import Subsystem

if TYPE_CHECKING:
    from neuroplast.memory.peer_adapters import PeerAdapter
    from neuroplast.memory.service import ModelService
    from neuroplast.memory.store import MemoryStore

__all__ = ["MEMORY", "MEMORY_PATHS", "MemoryRunning", "MemoryServiceConfig",
           "peer_adapter_source"]

# the routes that take a model's prompts, and so bodies over the service's 1 MB
MEMORY_PATHS = ("/v1/completions", "/score", "/train")


@dataclass
class MemoryServiceConfig(Config):
    """The ``[memory]`` table: whether it runs, the model, training jobs' settings."""

    enabled: bool = field(default=False, metadata={
        "help": "serve the model in this service (its routes are absent otherwise)"})
    model: str = field(default="", metadata={
        "help": "a Hugging Face causal LM directory (what `memory serve --model` takes)"})
    name: str = field(default="", metadata={
        "help": "the model name clients send (default: the directory's name)"})
    poll_s: float = field(default=2.0, metadata={
        "help": "seconds between reads of the peers' adapters that count (applied.json)"})
    train: TrainConfig = field(default_factory=TrainConfig)

    def __post_init__(self) -> None:
        if isinstance(self.train, dict):
            self.train = TrainConfig.from_dict(self.train)
        if not isinstance(self.enabled, bool):
            raise ConfigError(f"MemoryServiceConfig.enabled={self.enabled!r}; use true or "
                              "false")
        for name in ("model", "name"):
            if not isinstance(getattr(self, name), str):
                raise ConfigError(f"MemoryServiceConfig.{name} must be a string")
        check_range("MemoryServiceConfig", "poll_s", self.poll_s, 0.0, low_inclusive=False)
        if self.enabled and not self.model:
            raise ConfigError('[memory] enabled = true needs model = "<a Hugging Face causal '
                              'LM directory>" (e.g. benchmarks/data/tiny_lm/llama)')

    @property
    def model_name(self) -> str:
        return self.name or Path(self.model).name


class MemoryRunning:
    """The started model service (or a note that it is off), in a few numbers."""

    def __init__(self, service: ModelService | None, name: str = "",
                 store: MemoryStore | None = None) -> None:
        self.service = service
        self.name = name
        self.store = store  # the memory loop's weights and candidates, read only here

    def view(self, limit: int = 50) -> dict[str, Any]:
        """The memories' weights and pending candidates (``server.memory_view``)."""
        if self.store is None:
            return {"enabled": False}
        return {"enabled": True, **memory_view(self.store, limit)}

    def status(self) -> dict[str, Any]:
        if self.service is None:
            return {"enabled": False}
        return {"enabled": True, "model": self.name, "adapter_version": self.service.version,
                "jobs": self.service.jobs.counts(),
                "peer_adapters": list(self.service.peers_merged)}

    def close(self) -> None:
        if self.service is not None:
            self.service.close()
        if self.store is not None:
            self.store.close()


def peer_adapter_source(data_dir: Path) -> Callable[[], list[PeerAdapter]]:
    """The peers' memory adapters that count now (``neuroplast.peers.adapters.applied``:
    those the running exchange applied, of peers still trusted with weights)."""
    from neuroplast.memory.peer_adapters import PeerAdapter
    from neuroplast.peers.adapters import applied

    def read() -> list[PeerAdapter]:
        return [PeerAdapter(str(e["peer"]), str(e["path"]), str(e["sha256"]),
                            float(e["weight"])) for e in applied(data_dir, "memory")]

    return read


def _router(config: MemoryServiceConfig, data_dir: Path) -> APIRouter:
    # off: no routes, so /score and /v1/completions answer 404, not a model that is absent
    router = APIRouter()
    if config.enabled:
        router.include_router(memory_router)
        router.include_router(state_router)
    return router


def _start(config: MemoryServiceConfig, data_dir: Path, state: Any) -> MemoryRunning:
    if not config.enabled:
        return MemoryRunning(None)
    model = Path(config.model).expanduser()
    if not (model / "config.json").is_file():
        raise ConfigError(f"[memory] model = {config.model!r} is no Hugging Face model "
                          "directory (it has no config.json); point it at one")
    from neuroplast.memory.service import ModelService
    from neuroplast.memory.store import MemoryStore
    from neuroplast.store import private_dir

    folder = private_dir(Path(data_dir) / "memory")
    service = ModelService(model, folder, config.train,
                           peer_adapters=peer_adapter_source(Path(data_dir)),
                           poll_s=config.poll_s)
    # what server.memory_routes reads, as server.memory_app sets it
    state.service, state.backend, state.model_name = service, None, config.model_name
    # the file `neuroplast memory` keeps in the same folder (cli.memory._store)
    return MemoryRunning(service, config.model_name, MemoryStore(folder / "memory.db"))


MEMORY = Subsystem("memory", MemoryServiceConfig, _router, _start,
                   body_limits=dict.fromkeys(MEMORY_PATHS, MEMORY_MAX_BODY_BYTES),
                   summary="memory: a local model's log-probabilities, fine-tuned on what "
                           "it has not internalised")
