"""Benchmarks that back every claim neuroplast makes; ``benchmarks/*.py`` are thin scripts
over these modules and ``neuroplast bench`` runs them from the CLI."""

from neuroplast_bench.config import ContinualConfig
from neuroplast_bench.continual import run_continual
from neuroplast_bench.metrics import acc, bwt, forgetting, summarize
from neuroplast_bench.results import MethodResult
from neuroplast_bench.streams import Stream, Task, permuted_digits, split_digits

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
