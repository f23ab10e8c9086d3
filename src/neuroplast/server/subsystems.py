"""The subsystems the one service knows, found by name when it starts.

Each entry names where its :class:`~neuroplast.server.subsystem.Subsystem` lives
(``module:attribute``); an entry whose module is not there (an application not installed)
is skipped, and ``neuroplast status`` says so. To plug in an application, write a module
with a ``Subsystem`` (see ``server/gate_subsystem.py``: a config class, a router factory,
a ``start`` that opens its state and returns something with ``status()``/``close()``) and
add one line here (or call :func:`register` before building the service).

>>> "gate" in available(), "no_such_app" in available()
(True, False)
"""

from __future__ import annotations

import importlib
import logging

from neuroplast.errors import ConfigError
from neuroplast.server.subsystem import Subsystem

__all__ = ["KNOWN", "available", "register"]

log = logging.getLogger(__name__)

# name -> "module:attribute", in the order their routes are added
KNOWN: dict[str, str] = {
    "gate": "neuroplast.server.gate_subsystem:GATE",
    "peers": "neuroplast.server.peers_subsystem:PEERS",
    "sona": "neuroplast.server.sona_subsystem:SONA",
    "memory": "neuroplast.server.memory_subsystem:MEMORY",
    "dashboard": "neuroplast.server.dashboard_subsystem:DASHBOARD",
}
_registered: dict[str, Subsystem] = {}


def register(subsystem: Subsystem) -> None:
    """Add ``subsystem`` (or replace the one of its name) for services built after this."""
    if not isinstance(subsystem, Subsystem):
        raise ConfigError(f"register() takes a Subsystem, got {type(subsystem).__name__}")
    _registered[subsystem.name] = subsystem


def available() -> dict[str, Subsystem]:
    """Every subsystem that is installed, by name, in route order."""
    found: dict[str, Subsystem] = {}
    for name, where in KNOWN.items():
        module, _, attribute = where.partition(":")
        try:
            found[name] = getattr(importlib.import_module(module), attribute)
        except ModuleNotFoundError as exc:
            if exc.name is None or not module.startswith(exc.name):
                raise  # the subsystem is there but one of its imports is missing
            log.debug("subsystem %s is not installed (%s)", name, module)
        except AttributeError:
            log.debug("subsystem %s: %s has no %s yet", name, module, attribute)
    return found | _registered
