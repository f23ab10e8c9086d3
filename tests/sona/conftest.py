"""The engine's tensors are tiny: one intra-op thread is faster than several on a busy
machine (thread start-up and spinning dominate a 32-wide matmul)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import torch


@pytest.fixture(autouse=True)
def _one_thread() -> Iterator[None]:
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)
