"""The one exception hierarchy of neuroplast.

```
NeuroplastError                  base of everything neuroplast raises on purpose
├── ConfigError (ValueError)     a config field is out of range or inconsistent
├── InvalidInputError (ValueError)  bad input from a user or peer: malformed JSON, wrong types
│   ├── ConflictError            contradicts what is recorded: a tool_use_id reused
│   ├── UnsupportedMediaType     a request body that is not application/json
│   ├── PayloadTooLarge          a request body over the service's size limit
│   └── RequestTimeout           a client that sends its request too slowly
├── StateMismatchError (ValueError) saved state does not fit the model (shapes, names)
├── NumericalError (ArithmeticError) NaN or inf in gradients, losses or probabilities
├── EmptyBufferError (LookupError)  sampling or training with no examples to draw from
├── StoreError (OSError)         the data directory or database cannot be read or written
├── BackendUnavailable (ConnectionError) a service or model backend does not answer
└── AccessDenied (PermissionError)  a request that is not from the user's own hook or tools
    ├── AuthenticationError      no token, a wrong token or a bad signature
    ├── ForeignOrigin            sent by a web page (it carries an ``Origin`` header)
    └── MisdirectedRequest       addressed to a host that is not this service's (DNS rebinding)
```

User mistakes (the ``ValueError`` family) and environment failures (``OSError`` /
``ConnectionError``) are different classes, so callers can tell "fix your input" from
"fix your machine". Every message says what was wrong and what to do. The CLI maps these
to exit codes and the server to HTTP statuses, each in one place.
"""

from __future__ import annotations

__all__ = [
    "AccessDenied",
    "AuthenticationError",
    "BackendUnavailable",
    "ConfigError",
    "ConflictError",
    "EmptyBufferError",
    "ForeignOrigin",
    "InvalidInputError",
    "MisdirectedRequest",
    "NeuroplastError",
    "NumericalError",
    "PayloadTooLarge",
    "RequestTimeout",
    "StateMismatchError",
    "StoreError",
    "UnsupportedMediaType",
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


class ConflictError(InvalidInputError):
    """The input contradicts what is already recorded, e.g. a tool_use_id reused for a
    different call. Nothing recorded is changed."""


class UnsupportedMediaType(InvalidInputError):
    """A request body is not ``application/json``."""


class PayloadTooLarge(InvalidInputError):
    """A request body is over the service's size limit."""


class RequestTimeout(InvalidInputError):
    """A client did not send its whole request in time."""


class AccessDenied(NeuroplastError, PermissionError):
    """A request was refused before it reached the gate: it is not from the user's tools."""


class AuthenticationError(AccessDenied):
    """The request has no token, a wrong one, or a signature that does not verify."""


class ForeignOrigin(AccessDenied):
    """The request comes from a web page (it has an ``Origin`` header)."""


class MisdirectedRequest(AccessDenied):
    """The request's ``Host`` is not this service's loopback address and port."""
