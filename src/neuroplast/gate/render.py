"""A short, readable rendering of a tool call: what the embedder (and a person) reads.

It brings out what a user decides on: the tool, the command, where a path points (relative
to the project, or "outside project"), the URL's domain, how much content is written.
The result stays within MiniLM's 256-token window.

>>> render_call(ToolCall("Bash", {"command": "git push origin main"}, cwd="/home/u/proj"))
'Bash: git push origin main (cwd /home/u/proj)'
>>> print(render_call(ToolCall("Write", {"file_path": "/etc/hosts", "content": "a\\nb"}, cwd="/p")))
Write: /etc/hosts (outside project, system path, 2 lines, 3 B): a
b
"""

from __future__ import annotations

import json
import posixpath
from urllib.parse import urlsplit

from neuroplast.gate.calls import ToolCall, clean_text, clip_text, format_size, require_call
from neuroplast.gate.paths import path_zone, resolve_path

__all__ = ["MAX_RENDER_CHARS", "call_description", "render_call", "render_path", "url_host"]

# ~256 MiniLM word pieces; code and paths tokenise at ~3 characters per piece.
MAX_RENDER_CHARS = 700
_SNIPPET = 160  # characters of written content shown, enough to tell what kind of file


def url_host(url: str) -> str:
    """Lower-case host of ``url`` ('' when there is none).

    >>> url_host("https://Docs.Python.org:443/3/")
    'docs.python.org'
    """
    try:
        return (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return ""


def render_path(path: str, cwd: str) -> str:
    """``src/a.py`` inside the project; the absolute path and its zone otherwise.

    >>> render_path("/home/u/proj/src/a.py", "/home/u/proj"), render_path("~/.ssh/x", "/p")
    ('src/a.py', '~/.ssh/x (outside project, home)')
    """
    zone = path_zone(path, cwd)
    full = resolve_path(path, cwd)
    if zone == "project":
        return posixpath.relpath(full, resolve_path(cwd, "/"))
    where = {"system": ", system path", "home": ", home", "temp": ", temp"}.get(zone, "")
    return f"{full} (outside project{where})" if cwd else full


def _content_note(text: str) -> str:
    lines = text.count("\n") + 1  # C-speed: ~5 ms even for 10 MB
    size = len(text.encode("utf-8", errors="replace")) if len(text) < 100_000 else len(text)
    return f"{lines} lines, {format_size(size)}" if lines > 1 else format_size(size)


def _with_path(call: ToolCall, extra: list[str]) -> str:
    shown = render_path(call.file_path, call.cwd)
    if shown.endswith(")") and " (outside project" in shown:
        base, note = shown[:-1].split(" (", 1)
        return f"{base} ({', '.join([note, *extra])})"
    return f"{shown} ({', '.join(extra)})" if extra else shown


def call_description(call: ToolCall) -> str:
    """What the agent says a shell call does: Claude Code's Bash ``description`` ("Clear,
    concise description of what this command does in 5-10 words"), cleaned and clipped;
    "" for a call without one.

    >>> call_description(ToolCall("Bash", {"command": "alembic upgrade head",
    ...                                    "description": "Apply pending migrations"}))
    'Apply pending migrations'
    """
    desc = call.tool_input.get("description") if call.command else None
    return clean_text(clip_text(desc, 120)) if isinstance(desc, str) else ""


def render_call(call: ToolCall) -> str:
    """One line (a few for code snippets) describing ``call``, at most MAX_RENDER_CHARS."""
    require_call(call, "render_call")
    tool, inp = call.tool_name, call.tool_input
    if call.command:
        text = f"{tool}: {clip_text(call.command, 500)}"
        if call.cwd:
            text += f" (cwd {call.cwd})"
        desc = call_description(call)
        if desc:
            text += f" — {desc}"
    elif tool in ("Write", "Edit", "MultiEdit", "NotebookEdit") and call.file_path:
        content = call.content
        text = f"{tool}: {_with_path(call, [_content_note(content)] if content else [])}"
        if content:
            text += f": {clip_text(content, _SNIPPET)}"
    elif call.url:
        host = url_host(call.url)
        text = f"{tool}: {host} — {clip_text(call.url, 200)}"
        prompt = inp.get("prompt")
        if isinstance(prompt, str) and prompt:
            text += f" — {clip_text(prompt, 160)}"
    elif tool in ("Glob", "Grep", "LS") or "pattern" in inp:
        pattern = inp.get("pattern", "")
        where = render_path(call.file_path, call.cwd) if call.file_path else "project"
        text = f"{tool}: {clip_text(str(pattern), 200)} in {where}"
    elif call.file_path:
        text = f"{tool}: {_with_path(call, [])}"
    elif tool == "WebSearch":
        text = f"{tool}: {clip_text(str(inp.get('query', '')), 300)}"
    else:
        # Task, mcp__server__tool and anything unknown: the JSON input, clipped.
        body = json.dumps(inp, sort_keys=True, default=str, ensure_ascii=False)
        text = f"{tool}: {clip_text(body, 400)}"
    text = clean_text(text)
    if len(text) > MAX_RENDER_CHARS:
        text = clip_text(text, MAX_RENDER_CHARS)
    return text
