"""neuroplast's HTTP service: ``create_app()`` builds the FastAPI app around a Gate.

Run it with ``neuroplast gate serve``; routes are listed in ``docs/DESIGN-INTERFACES.md``.
"""

from neuroplast.server.app import DEFAULT_MAX_BODY_BYTES, BodyLimit, create_app
from neuroplast.server.errors import error_body, status_for

__all__ = ["DEFAULT_MAX_BODY_BYTES", "BodyLimit", "create_app", "error_body", "status_for"]
