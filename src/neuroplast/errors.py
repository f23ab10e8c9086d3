"""The one exception hierarchy of neuroplast.

```
NeuroplastError                  base of everything neuroplast raises on purpose
├── ConfigError (ValueError)     a config field is out of range or inconsistent
├── InvalidInputError (ValueError)  bad input from a user or peer: malformed JSON, wrong types
├── StateMismatchError (ValueError) saved state does not fit the model (shapes, names)
├── NumericalError (ArithmeticError) NaN or inf in gradients, losses or probabilities
├── EmptyBufferError (LookupError)  sampling or training with no examples to draw from
├── StoreError (OSError)         the data directory or database cannot be read or written
└── BackendUnavailable (ConnectionError) a service or model backend does not answer
```

User mistakes (the ``ValueError`` family) and environment failures (``OSError`` /
``ConnectionError``) are different classes, so callers can tell "fix your input" from
"fix your machine". Every message says what was wrong and what to do. The CLI maps these
to exit codes and the server to HTTP statuses, each in one place.
"""

from __future__ import annotations

__all__ = [
    "BackendUnavailable",
    "ConfigError",
    "EmptyBufferError",
    "InvalidInputError",
    "NeuroplastError",
    "NumericalError",
    "StateMismatchError",
    "StoreError",
]


class NeuroplastError(Exception):
    """Base class of every error neuroplast raises on purpose."""


class ConfigError(NeuroplastError, ValueError):
    """A configuration value is invalid. The message names the field and the fix."""


class InvalidInputError(NeuroplastError, ValueError):
    """Input from a user, hook or peer is malformed or of the wrong type."""


class StateMismatchError(NeuroplastError, ValueError):
    """Saved state (EWC, adapter, checkpoint) does not match the model it is loaded into."""


class NumericalError(NeuroplastError, ArithmeticError):
    """A NaN or infinite value appeared where a finite number is required."""


class EmptyBufferError(NeuroplastError, LookupError):
    """An operation needs examples and there are none."""


class StoreError(NeuroplastError, OSError):
    """The data directory, database or a checkpoint file cannot be read or written."""


class BackendUnavailable(NeuroplastError, ConnectionError):
    """A service or model backend did not answer in time."""
