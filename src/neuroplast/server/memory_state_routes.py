"""``GET /v1/memory/state``: the memory loop's weights and pending candidates
(``server.memory_view``), on the one service when ``[memory]`` is enabled, behind its
guard and token like every route.

>>> [r.path for r in router.routes]
['/v1/memory/state']
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request

from neuroplast.server.memory_view import MAX_LIMIT

__all__ = ["STATE_PATH", "router"]

STATE_PATH = "/v1/memory/state"
router = APIRouter()


@router.get(STATE_PATH, summary="Memories' weights and pending fine-tuning candidates")
def state(request: Request,
          limit: int = Query(50, ge=1, le=MAX_LIMIT,
                             description="rows of each list (heaviest, most divergent "
                                         "first)")) -> dict[str, Any]:
    return request.app.state.running["memory"].view(limit)  # type: ignore[no-any-return]
