"""neuroplast.learn: the one place that trains — examples → train on a copy → swap.

``OnlineLearner`` needs torch, so it is imported on first use; ``LearnerConfig`` and
``ModelSpec`` alone stay cheap for CLIs and servers that only validate settings.

>>> from neuroplast.learn import LearnerConfig
>>> LearnerConfig(batch_size=4, backend="process").backend
'process'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from neuroplast.learn.config import LearnerConfig
from neuroplast.learn.spec import ModelSpec

if TYPE_CHECKING:
    from neuroplast.learn.learner import OnlineLearner
    from neuroplast.learn.training import TrainingCopy

__all__ = ["LearnerConfig", "ModelSpec", "OnlineLearner", "TrainingCopy"]


def __getattr__(name: str) -> Any:
    if name == "OnlineLearner":
        from neuroplast.learn.learner import OnlineLearner

        return OnlineLearner
    if name == "TrainingCopy":
        from neuroplast.learn.training import TrainingCopy

        return TrainingCopy
    raise AttributeError(f"module 'neuroplast.learn' has no attribute {name!r}")
