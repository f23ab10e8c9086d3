"""Shared by the memory tests: the tiny causal LMs committed under benchmarks/data/tiny_lm,
loaded through transformers exactly as a real model (scripts/train_tiny_lm.py trains them)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import torch

from neuroplast.memory import LocalBackend

TINY = Path(os.environ.get("NEUROPLAST_TINY_LM",
                           Path(__file__).parents[2] / "benchmarks" / "data" / "tiny_lm"))
MODELS = ["llama", "qwen2"]


@pytest.fixture(scope="session", params=MODELS)
def model_dir(request: pytest.FixtureRequest) -> Path:
    """Each committed tiny model's directory in turn (tests run on both shapes)."""
    return TINY / request.param


@pytest.fixture(scope="session")
def llama_dir() -> Path:
    return TINY / "llama"


@pytest.fixture(scope="session")
def llama() -> LocalBackend:
    torch.set_num_threads(1)
    return LocalBackend.from_pretrained(TINY / "llama")
