"""HTTP routes of the learning tool-call gate.

``POST /v1/hooks/claude-code`` takes a Claude Code hook event exactly as Claude Code
writes it to a hook's stdin and answers what the hook prints. A PreToolUse event that
cannot be read (bad JSON, bad UTF-8, nested too deep, wrong types, too large) or that
reuses a tool_use_id for another call gets a 4xx whose body also holds a safe ``ask``, so
Claude Code falls back to asking the user. Small events are answered on the event loop
(faster than the thread hand-offs); a large one (a big Write) is parsed and decided in the
threadpool, so it never holds up other requests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from neuroplast.errors import ConflictError, InvalidInputError, NeuroplastError
from neuroplast.gate.hook_cli import ask_output, sniff_event_name
from neuroplast.server.body import BODY_TIMEOUT_S, parse_json, read_body
from neuroplast.server.errors import error_response, status_for

if TYPE_CHECKING:
    from neuroplast.gate import Gate

__all__ = ["FeedbackRequest", "FeedbackResponse", "read_limited", "router"]

router = APIRouter()

# Events larger than this are parsed and decided in the threadpool: a 10 MB Write took the
# event loop for 0.3 s; a small event is answered faster on the loop itself.
_INLINE_BYTES = 64 * 1024


class FeedbackRequest(BaseModel):
    """The user's answer about one decided tool call.

    >>> FeedbackRequest(tool_use_id="toolu_1", approved=True).false_positive
    False
    """

    model_config = ConfigDict(extra="forbid", strict=True)

    tool_use_id: str = Field(min_length=1, description="the tool_use_id of the hook event")
    approved: bool = Field(description="true if the user let the call run")
    false_positive: bool = Field(
        default=False, description="the gate blocked or asked about a call that was fine"
    )
    user_override: bool = Field(default=False, description="the user overrode the gate")


class FeedbackResponse(BaseModel):
    """What the feedback taught: its weight and whether it is locked in replay.

    >>> FeedbackResponse(tool_use_id="toolu_1", weight=4.0, locked=True).locked
    True
    """

    tool_use_id: str
    weight: float
    locked: bool


def _gate(request: Request) -> Gate:
    return request.app.state.gate  # type: ignore[no-any-return]


async def read_limited(
    request: Request, limit: int, timeout_s: float = BODY_TIMEOUT_S
) -> tuple[bytes, int]:
    """The first ``limit`` bytes of the body and its size (as read, or as declared)."""
    declared = request.headers.get("content-length", "")
    raw, total = await read_body(request.receive, limit, timeout_s)
    total = max(total, request.scope.get("neuroplast.body_size", 0))  # read by the Guard
    return raw, max(total, int(declared) if declared.isdigit() else 0)


def _hook_answer(gate: Gate, raw: bytes, total: int, limit: int) -> JSONResponse:
    from neuroplast.gate import handle_claude_code_event

    if total > limit:
        pre_tool_use = sniff_event_name(raw) == "PreToolUse"
        message = (
            f"hook event of {total} bytes is over the {limit}-byte limit; "
            "raise it with `neuroplast gate serve --max-body-mb` (create_app(max_body_bytes="
            "...)) if such calls are expected"
        )
        extra = ask_output(f"input was too large to inspect ({message})") if pre_tool_use else None
        return error_response(413, "PayloadTooLarge", message, extra)
    event: Any = None
    try:
        event = parse_json(raw, "hook event")
        if not isinstance(event, dict):
            raise InvalidInputError(
                f"hook event must be a JSON object, got {type(event).__name__}"
            )
        return JSONResponse(handle_claude_code_event(gate, event))
    except NeuroplastError as exc:
        if isinstance(event, dict):
            pre_tool_use = event.get("hook_event_name") == "PreToolUse"
        else:
            pre_tool_use = sniff_event_name(raw) == "PreToolUse"
        extra = None
        if pre_tool_use:
            if isinstance(exc, ConflictError):
                why = f"the call was refused ({exc})"
            elif isinstance(exc, InvalidInputError):
                why = f"the input was invalid ({exc})"
            else:
                why = f"the gate failed ({exc})"
            extra = ask_output(why)  # the hook prints it: Claude Code asks the user
        return error_response(status_for(exc), type(exc).__name__, str(exc), extra)


@router.post("/v1/hooks/claude-code", summary="Answer a Claude Code hook event")
async def claude_code_hook(request: Request) -> JSONResponse:
    """Body: the hook event JSON; answer: what the hook prints (``{}`` for feedback events)."""
    limit: int = request.app.state.max_body_bytes
    gate = _gate(request)
    with gate.serving():  # the whole request, not only the decision, is latency-critical
        raw, total = await read_limited(request, limit, request.app.state.body_timeout_s)
        if len(raw) > _INLINE_BYTES:
            return await run_in_threadpool(_hook_answer, gate, raw, total, limit)
        # Answered on the event loop, not in the thread pool: a decision is about 1 ms of
        # work (an embedding-cache miss ~15 ms), and the two thread hand-offs of the pool
        # cost more than that under load (measured over HTTP with training running: p99
        # 8 ms -> 4 ms, idle p99 3 ms -> 1.9 ms). An agent's tool calls come one at a time.
        return _hook_answer(gate, raw, total, limit)


@router.post(
    "/v1/gate/feedback",
    summary="Tell the gate whether a decided call was approved",
    response_model=FeedbackResponse,
    responses={404: {"description": "unknown tool_use_id"}},
)
def feedback(body: FeedbackRequest, request: Request) -> Any:
    """Record the user's answer; it is committed before this returns."""
    gate = _gate(request)
    if gate.lookup(body.tool_use_id) is None:
        return error_response(
            404,
            "UnknownToolUseId",
            f"no decision with tool_use_id {body.tool_use_id!r}; send feedback only for a "
            "tool_use_id the gate decided (a PreToolUse event posted to /v1/hooks/claude-code)",
        )
    result = gate.feedback(
        body.tool_use_id,
        body.approved,
        false_positive=body.false_positive,
        user_override=body.user_override,
    )
    return FeedbackResponse(
        tool_use_id=result.tool_use_id, weight=float(result.weight), locked=bool(result.locked)
    )


@router.get("/v1/gate/stats", summary="Counts, confusion matrix, agreement, convergence")
def stats(request: Request) -> dict[str, Any]:
    """``Gate.stats()``."""
    return _gate(request).stats()


@router.get("/healthz", summary="Liveness: the gate is loaded and answering")
async def healthz(request: Request) -> dict[str, Any]:
    """``{"status": "ok"}`` once the gate has started."""
    return {"status": "ok", "data_dir": str(request.app.state.data_dir or "")}
