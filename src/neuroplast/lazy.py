"""Lazy re-exports (PEP 562) so that importing a package does not import torch.

>>> import types, sys
>>> pkg = types.ModuleType("demo_pkg")
>>> sys.modules["demo_pkg"] = pkg
>>> pkg.__getattr__ = lazy_exports("demo_pkg", {"dumps": "json"}, root="")
>>> pkg.dumps([1])
'[1]'
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable

__all__ = ["lazy_exports"]


def lazy_exports(
    package: str, where: dict[str, str], *, root: str | None = None
) -> Callable[[str], object]:
    """A module ``__getattr__`` that imports ``name`` from ``<root>.<where[name]>`` on first
    use and caches it in the package. ``root`` defaults to ``package``."""
    base = package if root is None else root

    def __getattr__(name: str) -> object:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        target = f"{base}.{module}" if base else module
        value = getattr(importlib.import_module(target), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
