"""neuroplast.learn: the one place that trains — examples → train on a copy → swap.

``OnlineLearner`` needs torch, so it is imported on first use; ``LearnerConfig`` alone
stays cheap for CLIs and servers that only validate settings.

>>> from neuroplast.learn import LearnerConfig
>>> LearnerConfig(batch_size=4).batch_size
4
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from neuroplast.learn.config import LearnerConfig

if TYPE_CHECKING:
    from neuroplast.learn.learner import OnlineLearner

__all__ = ["LearnerConfig", "OnlineLearner"]


def __getattr__(name: str) -> Any:
    if name == "OnlineLearner":
        from neuroplast.learn.learner import OnlineLearner

        return OnlineLearner
    raise AttributeError(f"module 'neuroplast.learn' has no attribute {name!r}")
