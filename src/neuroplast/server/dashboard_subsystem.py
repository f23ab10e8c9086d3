"""The dashboard as a subsystem of the one service: a page at ``/`` that shows, live,
what every running subsystem has learned (``server/dashboard/``: plain HTML, CSS and
JavaScript, charts drawn as SVG; nothing fetched from anywhere else).

Open it with ``neuroplast dashboard``, which prints a one-time login link.

>>> DASHBOARD.name, "/" in DASHBOARD.browser
('dashboard', True)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import APIRouter

from neuroplast.config import Config, check_range
from neuroplast.server.dashboard_routes import PAGE_PATHS
from neuroplast.server.dashboard_routes import router as dashboard_router
from neuroplast.server.subsystem import Subsystem

__all__ = ["DASHBOARD", "DashboardConfig"]


@dataclass
class DashboardConfig(Config):
    """The ``[dashboard]`` table."""

    poll_s: float = field(default=3.0, metadata={"help": "how often the page refreshes"})

    def __post_init__(self) -> None:
        check_range("DashboardConfig", "poll_s", self.poll_s, 0.5, 3600)


class DashboardRunning:
    def __init__(self, config: DashboardConfig) -> None:
        self.config = config

    def status(self) -> dict[str, Any]:
        return {"poll_s": self.config.poll_s}

    def close(self) -> None:
        pass


def _router(config: DashboardConfig, data_dir: Path) -> APIRouter:
    return dashboard_router


def _start(config: DashboardConfig, data_dir: Path, state: Any) -> DashboardRunning:
    return DashboardRunning(config)


DASHBOARD = Subsystem("dashboard", DashboardConfig, _router, _start, browser=PAGE_PATHS,
                      summary="a live page of what every subsystem has learned")
