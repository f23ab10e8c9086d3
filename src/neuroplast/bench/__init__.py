"""Benchmarks that back every claim neuroplast makes; ``benchmarks/*.py`` are thin scripts
over these modules and ``neuroplast bench`` runs them from the CLI."""

from neuroplast.bench.config import ContinualConfig
from neuroplast.bench.continual import run_continual
from neuroplast.bench.metrics import acc, bwt, forgetting, summarize
from neuroplast.bench.results import MethodResult
from neuroplast.bench.streams import Stream, Task, permuted_digits, split_digits

__all__ = [
    "ContinualConfig",
    "MethodResult",
    "Stream",
    "Task",
    "acc",
    "bwt",
    "forgetting",
    "permuted_digits",
    "run_continual",
    "split_digits",
    "summarize",
]
