"""Errors to HTTP, in one place: every error answer is ``{"error": {"type", "message"}}``.

User mistakes (the ``ValueError`` family) are 4xx, environment failures 503, requests
not from the user's own tools (``AccessDenied``) 401/403/421, anything unexpected 500 with
a message that says where to look, never a traceback.

>>> from neuroplast.errors import InvalidInputError, StoreError
>>> status_for(InvalidInputError("bad")), status_for(StoreError("disk full"))
(400, 503)
>>> error_body("NotFound", "no such thing")
{'error': {'type': 'NotFound', 'message': 'no such thing'}}
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from neuroplast.errors import (
    AccessDenied,
    AuthenticationError,
    BackendUnavailable,
    ConfigError,
    ConflictError,
    EmptyBufferError,
    ForeignOrigin,
    InvalidInputError,
    MisdirectedRequest,
    NeuroplastError,
    NumericalError,
    PayloadTooLarge,
    RequestTimeout,
    StateMismatchError,
    StoreError,
    UnsupportedMediaType,
)

__all__ = ["STATUS_CODES", "error_body", "error_response", "install_error_handlers", "status_for"]

log = logging.getLogger("neuroplast.server")

# First match wins; more specific classes first.
STATUS_CODES: list[tuple[type[NeuroplastError], int]] = [
    (ConflictError, 409),
    (UnsupportedMediaType, 415),
    (PayloadTooLarge, 413),
    (RequestTimeout, 408),
    (InvalidInputError, 400),
    (ConfigError, 400),
    (StateMismatchError, 409),
    (EmptyBufferError, 409),
    (NumericalError, 500),
    (StoreError, 503),
    (BackendUnavailable, 503),
    (AuthenticationError, 401),
    (ForeignOrigin, 403),
    (MisdirectedRequest, 421),
    (AccessDenied, 403),
    (NeuroplastError, 500),
]


def status_for(exc: NeuroplastError) -> int:
    """The HTTP status of a neuroplast error."""
    return next(code for kind, code in STATUS_CODES if isinstance(exc, kind))


def error_body(kind: str, message: str) -> dict[str, Any]:
    """The JSON body of every error answer."""
    return {"error": {"type": kind, "message": message}}


def error_response(
    status: int, kind: str, message: str, extra: dict[str, Any] | None = None
) -> JSONResponse:
    """An error answer; ``extra`` adds top-level keys (a hook's safe ``ask``)."""
    return JSONResponse(error_body(kind, message) | (extra or {}), status_code=status)


async def _neuroplast_error(request: Request, exc: NeuroplastError) -> JSONResponse:
    status = status_for(exc)
    if status >= 500:
        log.error("%s %s failed: %s", request.method, request.url.path, exc, exc_info=exc)
    return error_response(status, type(exc).__name__, str(exc))


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    problems = "; ".join(
        f"{'.'.join(str(p) for p in err.get('loc', ()) if p != 'body') or 'body'}: {err['msg']}"
        for err in exc.errors()
    )
    return error_response(422, "InvalidInputError", f"invalid request body: {problems}")


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    kinds = {404: "NotFound", 405: "MethodNotAllowed", 413: "PayloadTooLarge"}
    message = str(exc.detail)
    if exc.status_code == 404:
        message = f"no route {request.method} {request.url.path}; see /docs for the API"
    return error_response(exc.status_code, kinds.get(exc.status_code, "HTTPError"), message)


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.error("%s %s crashed", request.method, request.url.path, exc_info=exc)
    return error_response(
        500,
        "InternalError",
        f"unexpected {type(exc).__name__} while handling {request.url.path}; "
        "the traceback is in the server's log",
    )


def install_error_handlers(app: FastAPI) -> None:
    """Register the JSON error answers on ``app``."""
    # Starlette types handlers as taking any Exception; each is registered for its own class.
    app.add_exception_handler(NeuroplastError, _neuroplast_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected_error)
