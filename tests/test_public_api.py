"""Every package's ``__all__`` names resolve, including the lazily re-exported ones."""

from __future__ import annotations

import importlib

import pytest


@pytest.mark.parametrize(
    "package", ["neuroplast", "neuroplast.store", "neuroplast.core", "neuroplast.learn",
                "neuroplast.gate", "neuroplast.server", "neuroplast.memory"]
)
def test_all_names_resolve(package: str) -> None:
    module = importlib.import_module(package)
    for name in module.__all__:
        assert getattr(module, name) is not None, f"{package}.{name}"
