"""The set-up scripts keep the CPU build of torch: no CUDA stack on a CPU machine.

These read the scripts and the running venv (the one ``scripts/setup.sh`` made); they
install nothing.
"""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parents[1]
SETUP = (ROOT / "scripts" / "setup.sh").read_text()
# Packages whose declared requirements would move torch to a CUDA build.
CUDA_PULLERS = ("torchvision", "avalanche-lib", "pytorchcv")


def _pip_installs(script: str) -> list[str]:
    """Each command of ``script`` that runs ``"${PIP[@]}"``, continuation lines joined."""
    joined = script.replace("\\\n", " ")
    return [line.strip() for line in joined.splitlines()
            if line.strip().startswith('"${PIP[@]}"')]


def test_no_nvidia_package_is_installed() -> None:
    names = {dist.metadata["Name"].lower().replace("_", "-")
             for dist in importlib.metadata.distributions()}
    assert sorted(n for n in names if n.startswith("nvidia-")) == []


def test_the_venv_runs_the_cpu_build_that_setup_pins() -> None:
    pinned = re.search(r"^TORCH=torch==(\S+)$", SETUP, re.M)
    assert pinned, "scripts/setup.sh must pin torch by its exact version (TORCH=torch==X)"
    assert torch.__version__.split("+")[0] == pinned.group(1)
    assert torch.version.cuda is None  # the CPU build


def test_setup_asks_for_the_pinned_torch_first_and_never_lets_pip_move_it() -> None:
    installs = _pip_installs(SETUP)
    assert installs[0] == '"${PIP[@]}" "$TORCH"'
    for command in installs:
        if any(name in command for name in CUDA_PULLERS):
            assert "--no-deps" in command, command
        elif " -e " in command or " -r " in command:  # resolves requirements: hold torch
            assert '"$TORCH"' in command, command


def test_no_requirement_file_pulls_torchvision() -> None:
    declared = (ROOT / "benchmarks" / "requirements-avalanche.txt").read_text().splitlines()
    for pyproject in (ROOT / "pyproject.toml", ROOT / "benchmarks" / "pyproject.toml"):
        project = tomllib.loads(pyproject.read_text())["project"]
        declared += project.get("dependencies", [])
        for extra in project.get("optional-dependencies", {}).values():
            declared += extra
    names = {re.split(r"[\s<>=!~;\[]", line.strip(), maxsplit=1)[0].lower()
             for line in declared if line.strip() and not line.startswith("#")}
    assert names & {"torch", *CUDA_PULLERS} == {"torch"}  # torch: neuroplast's own ">=2.4"
