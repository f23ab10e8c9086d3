"""neuroplast.memory: which memories shape an agent's answers, and teaching the model what
it has not yet internalised.

A :class:`Context` (sections of memories and messages) is rendered with the model's own
chat template; a log-probability backend (:class:`LocalBackend` in process, or
:class:`RemoteBackend` for any OpenAI-compatible server) scores responses with and without
memories; :class:`Scorer` turns that into divergences, importances and fine-tuning
candidates. Modules that need torch or transformers load on first use.

>>> from neuroplast.memory import Context
>>> Context.build(journal=[("k", "a fact.")]).memories[0].key
'k'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from neuroplast.lazy import lazy_exports
from neuroplast.memory.context import Context, Node

if TYPE_CHECKING:
    from neuroplast.memory.attribution import Attribution, attribute
    from neuroplast.memory.backend import LogprobBackend
    from neuroplast.memory.candidates import CandidateConfig, find_candidates
    from neuroplast.memory.incremental import BackgroundConfig, BackgroundScoring
    from neuroplast.memory.local import LocalBackend
    from neuroplast.memory.remote import RemoteBackend
    from neuroplast.memory.rendering import RenderConfig, Rendered, render
    from neuroplast.memory.scoring import Importance, ScoreMatrix, Scorer, divergence
    from neuroplast.memory.store import MemoryStore

__all__ = [
    "Attribution",
    "BackgroundConfig",
    "BackgroundScoring",
    "CandidateConfig",
    "Context",
    "Importance",
    "LocalBackend",
    "LogprobBackend",
    "MemoryStore",
    "Node",
    "RemoteBackend",
    "RenderConfig",
    "Rendered",
    "ScoreMatrix",
    "Scorer",
    "attribute",
    "divergence",
    "find_candidates",
    "render",
]

__getattr__ = lazy_exports(__name__, {
    "Attribution": "attribution",
    "BackgroundConfig": "incremental",
    "BackgroundScoring": "incremental",
    "CandidateConfig": "candidates",
    "Importance": "scoring",
    "LocalBackend": "local",
    "LogprobBackend": "backend",
    "MemoryStore": "store",
    "RemoteBackend": "remote",
    "RenderConfig": "rendering",
    "Rendered": "rendering",
    "ScoreMatrix": "scoring",
    "Scorer": "scoring",
    "attribute": "attribution",
    "divergence": "scoring",
    "find_candidates": "candidates",
    "render": "rendering",
})
