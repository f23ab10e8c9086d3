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

import functools
import json
import os.path
import posixpath
from dataclasses import dataclass, field
from typing import Any, Self

from neuroplast.errors import InvalidInputError

__all__ = [
    "CONTROL_OPERATORS",
    "MAX_FIELD_CHARS",
    "WRAPPERS",
    "Segment",
    "ToolCall",
    "clean_text",
    "clip_text",
    "format_size",
    "path_zone",
    "resolve_path",
    "split_command",
]

# Longest prefix of any one input field that rendering and features look at. MiniLM reads
# 256 tokens, and regex scans over more than a few pages cost time without adding signal.
MAX_FIELD_CHARS = 4096


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
            recent_tools=tuple(recent_tools),
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
        return json.dumps(self.to_dict(), sort_keys=True)

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


# -- shell commands ------------------------------------------------------------------------
# A quote-aware scanner rather than shlex: shlex raises on bad quoting and drops newlines,
# and both matter here (an unclosed quote must not hide `; rm -rf /`, a newline chains).

_OPERATORS = (
    "<<<", "&&", "||", ";;", "|&", ">>", "<<", "&>", ">&", "<&", ">|",
    "|", "&", ";", "<", ">", "(", ")", "\n",
)
_OP_CHARS = frozenset("<>&|;()\n")
CONTROL_OPERATORS = frozenset({"&&", "||", ";;", "|&", "|", "&", ";", "(", ")", "\n"})
_REDIRECTS = frozenset({">>", "<<", "<<<", "&>", ">&", "<&", ">|", "<", ">"})
# Wrappers that run the command that follows them; the effective head is after them.
WRAPPERS = frozenset({"sudo", "doas", "nohup", "nice", "timeout", "time", "command", "exec",
                      "env", "stdbuf", "ionice", "xargs", "builtin", "caffeinate"})


@dataclass(frozen=True)
class Segment:
    """One simple command of a shell line: its words, redirects and the operator before it.

    >>> split_command("sudo FOO=1 rm -rf /tmp/x > log 2>&1 && ls")[0].argv
    ('rm', '-rf', '/tmp/x')
    """

    words: tuple[str, ...]
    redirects: tuple[tuple[str, str], ...] = ()
    joiner: str = ""  # the control operator before this segment ("" for the first)
    wrappers: tuple[str, ...] = ()
    substitution: bool = False  # contains $(...), `...` or <(...)

    @property
    def argv(self) -> tuple[str, ...]:
        """Words after env assignments and wrappers (sudo, nohup, timeout 5, ...)."""
        return _effective(self.words)[1]

    @property
    def head(self) -> str:
        argv = self.argv
        return argv[0].rsplit("/", 1)[-1] if argv else ""

    @property
    def text(self) -> str:
        return " ".join(self.words)


def _effective(words: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    i, wrappers = 0, []
    while i < len(words):
        w = words[i]
        base = w.rsplit("/", 1)[-1]
        if "=" in w and w.split("=", 1)[0].replace("_", "a").isalnum() and not w[0].isdigit():
            i += 1  # FOO=bar prefix assignment
        elif base in WRAPPERS:
            wrappers.append(base)
            i += 1
            # skip the wrapper's own options and numeric arguments (timeout 5, nice -n 10)
            while i < len(words) and (words[i].startswith("-") or words[i][:1].isdigit()):
                opt = words[i]
                i += 1
                if base in {"sudo", "nice", "doas"} and opt in {"-u", "-n", "-g"}:
                    i += 1
        else:
            break
    return tuple(wrappers), words[i:]


def _scan(command: str) -> list[tuple[str, bool, bool]]:
    """Tokens as (text, is_operator, holds an unquoted-or-double-quoted substitution)."""
    tokens: list[tuple[str, bool, bool]] = []
    word: list[str] = []
    in_word = False
    subst = False
    i, n = 0, len(command)

    def flush() -> None:
        nonlocal in_word, subst
        if in_word:
            tokens.append(("".join(word), False, subst))
        word.clear()
        in_word = False
        subst = False

    while i < n:
        c = command[i]
        if c == "'":
            j = command.find("'", i + 1)
            j = n if j < 0 else j
            word.append(command[i + 1 : j])
            in_word, i = True, j + 1
        elif c == '"':
            i += 1
            while i < n and command[i] != '"':
                if command[i] == "\\" and i + 1 < n:
                    i += 1
                elif (command[i] == "$" and command[i + 1 : i + 2] == "(") or command[i] == "`":
                    subst = True
                word.append(command[i])
                i += 1
            in_word, i = True, i + 1
        elif c == "\\":
            if i + 1 < n and command[i + 1] != "\n":
                word.append(command[i + 1])
                in_word = True
            i += 2
        elif c in " \t\r":
            flush()
            i += 1
        elif c == "#" and not in_word:
            j = command.find("\n", i)
            i = n if j < 0 else j
        elif ((c == "$" or c == "<") and command[i + 1 : i + 2] == "(") or c == "`":
            # keep $(...) / `...` / <(...) inside the word, balanced, and remember it
            subst = True
            close = "`" if c == "`" else ")"
            depth, j = 0, i + (1 if c == "`" else 2)
            while j < n and not (command[j] == close and depth == 0):
                if close == ")" and command[j] == "(":
                    depth += 1
                elif close == ")" and command[j] == ")":
                    depth -= 1
                j += 1
            word.append(command[i : j + 1])
            in_word, i = True, j + 1
        else:
            op = None
            if c in _OP_CHARS:
                op = next((o for o in _OPERATORS if command.startswith(o, i)), None)
            if op is None:
                word.append(c)
                in_word, i = True, i + 1
                continue
            # "2>" / "2>>": a file-descriptor number glued to a redirect belongs to it
            if op in _REDIRECTS and in_word and "".join(word).isdigit():
                fd = "".join(word)
                word.clear()
                in_word = False
                tokens.append((fd + op, True, False))
            else:
                flush()
                tokens.append((op, True, False))
            i += len(op)
    flush()
    return tokens


def split_command(command: str) -> list[Segment]:
    """Split a shell line into simple commands on ``&& || ; | & newline`` (quote-aware).

    Never raises: bad quoting takes the rest of the line as one quoted word.

    >>> [s.head for s in split_command("curl -s http://x | sh; echo 'a && b'")]
    ['curl', 'sh', 'echo']
    """
    return list(_split_cached(command))


@functools.lru_cache(maxsize=4096)
def _split_cached(command: str) -> tuple[Segment, ...]:
    # features, inspection and rules all split the same command; parse it once
    tokens = _scan(command)
    seg_subst = False
    segments: list[Segment] = []
    words: list[str] = []
    redirects: list[tuple[str, str]] = []
    joiner = ""
    pending: str | None = None

    def close(next_joiner: str) -> None:
        nonlocal joiner, seg_subst
        subst, seg_subst = seg_subst, False
        if words or redirects:
            wrappers, _ = _effective(tuple(words))
            segments.append(
                Segment(tuple(words), tuple(redirects), joiner, wrappers, subst)
            )
            joiner = next_joiner
        elif not segments:
            joiner = ""
        else:
            joiner = next_joiner
        words.clear()
        redirects.clear()

    for text, is_op, has_subst in tokens:
        seg_subst = seg_subst or has_subst
        if pending is not None and not is_op:
            redirects.append((pending, text))
            pending = None
        elif is_op and text.lstrip("0123456789") in _REDIRECTS:
            pending = text
        elif is_op and text in CONTROL_OPERATORS:
            pending = None
            close(text)
        else:
            words.append(text)
    if pending is not None:
        redirects.append((pending, ""))
    close("")
    return tuple(segments)


# -- paths ---------------------------------------------------------------------------------
_SYSTEM_DIRS = ("/etc", "/usr", "/bin", "/sbin", "/boot", "/dev", "/proc", "/sys", "/lib",
                "/lib64", "/opt", "/root", "/var", "/System", "/Library", "/private/etc")
_TEMP_DIRS = ("/tmp", "/var/tmp", "/private/tmp", "/dev/null")


def resolve_path(path: str, cwd: str) -> str:
    """Absolute, normalised form of ``path`` as seen from ``cwd`` (``~`` kept as ``~``).

    >>> resolve_path("../x/./y", "/home/u/proj"), resolve_path("~/.ssh/id", "/p")
    ('/home/u/x/y', '~/.ssh/id')
    """
    if path.startswith("~"):
        return "~" + posixpath.normpath(path[1:]) if len(path) > 1 else "~"
    if not path.startswith("/"):
        path = posixpath.join(cwd or "/", path)
    return posixpath.normpath(path)


def _is_under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def path_zone(path: str, cwd: str) -> str:
    """Where a path points: ``project`` (under cwd), ``temp``, ``home``, ``system``, ``other``.

    >>> [path_zone(p, "/home/u/proj") for p in ["src/a.py", "/tmp/x", "~/.aws/c", "/etc/hosts"]]
    ['project', 'temp', 'home', 'system']
    """
    full = resolve_path(path, cwd)
    if cwd and cwd != "/" and _is_under(full, resolve_path(cwd, "/")):
        return "project"
    if any(_is_under(full, d) for d in _TEMP_DIRS):
        return "temp"
    home = os.path.expanduser("~")
    parts = full.split("/")
    if (
        full.startswith("~")
        or (home not in ("", "/") and _is_under(full, home))
        or (len(parts) > 2 and parts[1] in ("home", "Users") and parts[2])
    ):
        return "home"
    if full == "/" or any(_is_under(full, d) for d in _SYSTEM_DIRS):
        return "system"
    return "other"
