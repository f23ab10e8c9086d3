"""neuroplast: continual learning for AI agents.

Layers point one way: ``cli``/``server`` → ``gate``/``sona``/``memory`` → ``learn`` →
``core`` → ``store``. Heavy modules (torch, transformers) are imported lazily by the
subpackages that need them, so ``import neuroplast`` stays cheap.
"""

from neuroplast.errors import (
    BackendUnavailable,
    ConfigError,
    EmptyBufferError,
    InvalidInputError,
    NeuroplastError,
    NumericalError,
    StateMismatchError,
    StoreError,
)

__version__ = "0.1.0"

__all__ = [
    "BackendUnavailable",
    "ConfigError",
    "EmptyBufferError",
    "InvalidInputError",
    "NeuroplastError",
    "NumericalError",
    "StateMismatchError",
    "StoreError",
    "__version__",
]
