"""Layers point one way: cli/server -> gate/sona/memory -> learn -> core -> store.

The benchmark harness (``neuroplast_bench``, in ``benchmarks/``) sits on top, outside the
installed package: it may use any public module but the CLI, and only the CLI reaches it.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import pkgutil
from pathlib import Path

import neuroplast
import neuroplast_bench

SRC = Path(neuroplast.__file__).parent
BENCH = Path(neuroplast_bench.__file__).parent
# A layer may import from itself and from the layers listed for it, nothing else.
ALLOWED = {
    "store": set(),
    "core": {"store"},
    "learn": {"core", "store"},
    "gate": {"learn", "core", "store"},
    "sona": {"learn", "core", "store"},
    "memory": {"learn", "core", "store"},
    "peers": {"gate", "sona", "learn", "core", "store"},  # shares both one level up
    "server": {"gate", "sona", "memory", "peers", "learn", "core", "store"},
    "cli": {"gate", "sona", "memory", "peers", "learn", "core", "store", "server"},
}
SHARED = {"errors", "config", "lazy"}


def _modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def _imports(path: Path) -> set[str]:
    """The layers of ``neuroplast`` that ``path`` imports from."""
    return {n.split(".")[1] for n in _modules(path) if n.startswith("neuroplast.")}


def test_layers_point_one_way() -> None:
    violations = []
    for layer, allowed in ALLOWED.items():
        for path in (SRC / layer).rglob("*.py"):
            bad = _imports(path) - allowed - SHARED - {layer}
            if bad:
                violations.append(f"{path.relative_to(SRC)} imports {sorted(bad)}")
    assert violations == []


def test_the_harness_is_outside_the_package_and_uses_only_its_public_modules() -> None:
    assert importlib.util.find_spec("neuroplast.bench") is None
    assert not (SRC / "bench").exists()
    violations = []
    for path in BENCH.rglob("*.py"):
        for name in _modules(path):
            parts = name.split(".")
            if parts[0] == "neuroplast" and (
                    "cli" in parts or any(p.startswith("_") for p in parts)):
                violations.append(f"{path.name} imports {name}")
    for path in SRC.rglob("*.py"):
        if any(n.split(".")[0] == "neuroplast_bench" for n in _modules(path)) and \
                path != SRC / "cli" / "__init__.py":
            violations.append(f"{path.relative_to(SRC)} imports the harness")
    assert violations == []


def test_every_public_name_in_all_is_defined() -> None:
    # Sorting of __all__ is checked by ruff (RUF022).
    missing = []
    for info in [*pkgutil.walk_packages([str(SRC)], prefix="neuroplast."),
                 *pkgutil.walk_packages([str(BENCH)], prefix="neuroplast_bench.")]:
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        exported = getattr(module, "__all__", None)
        if exported is None:
            continue
        missing.extend(f"{info.name}: {n} not defined" for n in exported if not hasattr(module, n))
    assert missing == []


def test_import_neuroplast_does_not_import_torch() -> None:
    import subprocess
    import sys

    code = "import sys, neuroplast, neuroplast.store; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
