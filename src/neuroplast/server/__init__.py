"""neuroplast's HTTP service: ``create_app()`` builds the FastAPI app around a Gate.

Run it with ``neuroplast gate serve``; routes are listed in ``docs/DESIGN-INTERFACES.md``.
"""

from neuroplast.server.app import DEFAULT_MAX_BODY_BYTES, TOKEN_FILE, BodyLimit, create_app
from neuroplast.server.errors import error_body, status_for
from neuroplast.server.guard import Guard
from neuroplast.server.serving import server_config

__all__ = [
    "DEFAULT_MAX_BODY_BYTES",
    "TOKEN_FILE",
    "BodyLimit",
    "Guard",
    "create_app",
    "error_body",
    "server_config",
    "status_for",
]
