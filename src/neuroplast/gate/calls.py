"""The gate's domain type: one tool call an agent wants to make, parsed from a hook event.

``ToolCall`` keeps the input exactly as the agent sent it; everything that reads it for
features or rendering goes through :func:`clip_text`, which bounds the work and marks what
it cut (``"[+9.9 MB truncated]"``) so a huge ``Write`` never slips through unseen.

>>> call = ToolCall.from_hook_event({"tool_name": "Bash",
...     "tool_input": {"command": "git status"}, "cwd": "/p", "tool_use_id": "t1"})
>>> call.command
'git status'
>>> ToolCall.from_dict(call.to_dict()) == call
True
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Self

from neuroplast.errors import InvalidInputError

__all__ = [
    "MAX_FIELD_CHARS",
    "ToolCall",
    "clean_text",
    "clip_text",
    "format_size",
    "require_call",
]

# Longest prefix of any one input field that rendering and features look at. MiniLM reads
# 256 tokens, and regex scans over more than a few pages cost time without adding signal.
MAX_FIELD_CHARS = 4096


def require_call(call: object, where: str) -> None:
    """:class:`InvalidInputError` unless ``call`` is a :class:`ToolCall` (the public
    functions that read one say so, instead of an ``AttributeError`` from inside).

    >>> require_call({"tool_name": "Bash"}, "render_call")
    Traceback (most recent call last):
    ...
    neuroplast.errors.InvalidInputError: render_call takes a ToolCall, got dict; ...
    """
    if not isinstance(call, ToolCall):
        raise InvalidInputError(f"{where} takes a ToolCall, got {type(call).__name__}; build "
                                "one with ToolCall(tool_name, tool_input) or "
                                "ToolCall.from_hook_event(event)")


def format_size(n_bytes: int) -> str:
    """Human-readable size: ``format_size(10_400_000) == '9.9 MB'``.

    >>> format_size(512), format_size(2048), format_size(10_400_000)
    ('512 B', '2.0 KB', '9.9 MB')
    """
    if n_bytes < 1024:
        return f"{n_bytes} B"
    if n_bytes < 1024 * 1024:
        return f"{n_bytes / 1024:.1f} KB"
    return f"{n_bytes / (1024 * 1024):.1f} MB"


def clean_text(text: str) -> str:
    """Replace lone surrogates (bytes decoded with ``surrogateescape``) so UTF-8 is valid.

    >>> clean_text("ok\\udcff")
    'ok?'
    """
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", errors="replace").decode("utf-8")


def clip_text(text: str, limit: int = MAX_FIELD_CHARS) -> str:
    """The first ``limit`` characters of ``text``, with an explicit marker when cut.

    >>> clip_text("a" * 10, 4)
    'aaaa[+6 B truncated]'
    """
    if len(text) <= limit:
        return clean_text(text)
    rest = len(text) - limit
    return clean_text(text[:limit]) + f"[+{format_size(rest)} truncated]"


def _str_field(event: dict[str, Any], key: str, *, required: bool = False) -> str:
    value = event.get(key, "")
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise InvalidInputError(
            f"hook event field {key!r} must be a string, got {type(value).__name__}; "
            "send the event JSON exactly as Claude Code writes it"
        )
    if required and not value.strip():
        raise InvalidInputError(
            f"hook event field {key!r} is missing or empty; every tool event names its tool"
        )
    return value


@dataclass(frozen=True)
class ToolCall:
    """One tool call: the tool, its input, and where and when in the session it happens.

    >>> c = ToolCall("Write", {"file_path": "a.txt", "content": "hi"}, cwd="/p")
    >>> (c.file_path, c.content, c.command)
    ('a.txt', 'hi', '')
    """

    tool_name: str
    tool_input: dict[str, Any] = field(default_factory=dict)
    cwd: str = ""
    session_id: str = ""
    tool_use_id: str = ""
    recent_tools: tuple[str, ...] = ()
    recent_call_count: int = 0

    def __post_init__(self) -> None:
        if not isinstance(self.tool_name, str) or not self.tool_name.strip():
            raise InvalidInputError(
                f"ToolCall.tool_name must be a non-empty string, got {self.tool_name!r}"
            )
        if not isinstance(self.tool_input, dict):
            raise InvalidInputError(
                f"ToolCall.tool_input must be a JSON object (dict), got "
                f"{type(self.tool_input).__name__}"
            )
        for name in ("cwd", "session_id", "tool_use_id"):
            if not isinstance(getattr(self, name), str):
                raise InvalidInputError(f"ToolCall.{name} must be a string")
        for name in ("tool_name", "cwd", "session_id", "tool_use_id"):
            try:
                getattr(self, name).encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate: the log cannot store it
                raise InvalidInputError(
                    f"ToolCall.{name}={getattr(self, name)[:80]!a} is not text (it holds a "
                    "lone UTF-16 surrogate)"
                ) from None
        if isinstance(self.recent_tools, list):
            # accept a JSON list; stored as a tuple so the call stays immutable
            object.__setattr__(self, "recent_tools", tuple(self.recent_tools))
        if not isinstance(self.recent_tools, tuple) or not all(
            isinstance(t, str) for t in self.recent_tools
        ):
            raise InvalidInputError("ToolCall.recent_tools must be a tuple of tool names")
        count = self.recent_call_count
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise InvalidInputError(
                f"ToolCall.recent_call_count must be a non-negative int, got {count!r}"
            )

    # -- parsing ---------------------------------------------------------------------------
    @classmethod
    def from_hook_event(
        cls,
        event: dict[str, Any],
        *,
        recent_tools: tuple[str, ...] = (),
        recent_call_count: int = 0,
    ) -> Self:
        """Parse a Claude Code hook event (``tool_name``, ``tool_input``, ``cwd``, ...)."""
        if not isinstance(event, dict):
            raise InvalidInputError(
                f"a hook event must be a JSON object, got {type(event).__name__}"
            )
        tool_name = _str_field(event, "tool_name", required=True)
        tool_input = event.get("tool_input", {})
        if tool_input is None:
            tool_input = {}
        if not isinstance(tool_input, dict):
            raise InvalidInputError(
                f"hook event field 'tool_input' must be a JSON object, got "
                f"{type(tool_input).__name__}"
            )
        return cls(
            tool_name=tool_name,
            tool_input=tool_input,
            cwd=_str_field(event, "cwd"),
            session_id=_str_field(event, "session_id"),
            tool_use_id=_str_field(event, "tool_use_id"),
            recent_tools=recent_tools,  # checked (a list made a tuple) by the constructor
            recent_call_count=recent_call_count,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "tool_name": self.tool_name,
            "tool_input": self.tool_input,
            "cwd": self.cwd,
            "session_id": self.session_id,
            "tool_use_id": self.tool_use_id,
            "recent_tools": list(self.recent_tools),
            "recent_call_count": self.recent_call_count,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        if not isinstance(data, dict):
            raise InvalidInputError(f"ToolCall.from_dict expects a dict, got {type(data)}")
        unknown = set(data) - {
            "tool_name", "tool_input", "cwd", "session_id", "tool_use_id",
            "recent_tools", "recent_call_count",
        }
        if unknown:
            raise InvalidInputError(f"ToolCall has no field(s) {sorted(unknown)}")
        recent = data.get("recent_tools", ())
        if not isinstance(recent, list | tuple):
            raise InvalidInputError("ToolCall.recent_tools must be a list of tool names")
        return cls(
            tool_name=data.get("tool_name", ""),
            tool_input=data.get("tool_input", {}),
            cwd=data.get("cwd", ""),
            session_id=data.get("session_id", ""),
            tool_use_id=data.get("tool_use_id", ""),
            recent_tools=tuple(recent),
            recent_call_count=data.get("recent_call_count", 0),
        )

    def to_json(self) -> str:
        """The call as standard JSON; :class:`InvalidInputError` if its input is no JSON
        (a set, an object, NaN: a hook event never holds one, a Python caller may)."""
        try:
            return json.dumps(self.to_dict(), sort_keys=True, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise InvalidInputError(f"ToolCall.tool_input must hold JSON values only ({exc}); "
                                    "give strings, numbers, lists and objects") from exc

    # -- convenient views of tool_input (empty string when absent or not a string) ---------
    def _get(self, key: str) -> str:
        value = self.tool_input.get(key, "")
        return value if isinstance(value, str) else ""

    @property
    def command(self) -> str:
        return self._get("command")

    @property
    def file_path(self) -> str:
        return self._get("file_path") or self._get("notebook_path") or self._get("path")

    @property
    def url(self) -> str:
        return self._get("url")

    @property
    def content(self) -> str:
        """Text the call writes: Write content, Edit new_string, or all MultiEdit new strings."""
        text = self._get("content") or self._get("new_string") or self._get("new_source")
        edits = self.tool_input.get("edits")
        if not text and isinstance(edits, list):
            parts = [e.get("new_string", "") for e in edits if isinstance(e, dict)]
            text = "\n".join(p for p in parts if isinstance(p, str))
        return text

    @property
    def is_mcp(self) -> bool:
        return self.tool_name.startswith("mcp__")
