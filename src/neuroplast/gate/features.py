"""Structural features of a tool call (pure Python) and the full feature vector (torch).

``structural_features`` turns what matters about a call's *shape* into a fixed-length list
with the hashing trick: command heads and sub-commands, flags, where paths point, pipes,
redirects, chaining, privilege, network hosts, session context and inspection's risk flags.
Hashes are ``zlib.crc32`` so a vector is the same in every process (Python's ``hash()`` is
salted per process). ``FeatureExtractor`` appends it to the MiniLM embedding of
:func:`render_call`.

>>> v = structural_features(ToolCall("Bash", {"command": "git push origin main"}, cwd="/p"))
>>> len(v) == STRUCTURAL_DIM, v[FEATURE_INDEX["n_segments"]]
(True, 0.0)
"""

from __future__ import annotations

import math
import zlib
from typing import TYPE_CHECKING, Any, Protocol

from neuroplast.gate.calls import MAX_FIELD_CHARS, ToolCall, clip_text, require_call
from neuroplast.gate.inspect import RISK_FLAGS, inspect_call
from neuroplast.gate.paths import path_zone
from neuroplast.gate.render import render_call, url_host
from neuroplast.gate.shell import Segment, split_command

if TYPE_CHECKING:
    import numpy as np
    import torch

__all__ = ["FEATURE_INDEX", "STRUCTURAL_DIM", "FeatureExtractor", "structural_features"]

COMMON_TOOLS = ("Bash", "Read", "Write", "Edit", "MultiEdit", "Glob", "Grep", "WebFetch",
                "WebSearch", "Task", "LS", "NotebookEdit", "TodoWrite")
_SCALARS = (
    "is_mcp", "tool_other", "n_segments", "n_pipes", "n_and", "n_or", "n_semicolon",
    "n_background", "n_newline", "substitution", "sudo", "su", "n_flags", "n_args",
    "paths_project", "paths_outside", "paths_home", "paths_system", "paths_temp",
    "redirect_project", "redirect_outside", "redirect_devnull", "redirect_input",
    "has_url", "n_hosts", "download_to_shell", "recent_call_count", "n_recent_tools",
    "content_size", "content_lines", "truncated", "target_project", "target_outside",
    "target_home", "target_system", "target_temp", "no_cwd", "command_length",
    "risk_score", "risk_weight",
)
# (name, width) of each block, in order; hashed blocks are powers of two for even buckets.
_BLOCKS: tuple[tuple[str, int], ...] = (
    ("tool", len(COMMON_TOOLS)),
    ("tool_hash", 8),
    ("scalar", len(_SCALARS)),
    ("head_hash", 32),
    ("subcommand_hash", 16),
    ("flag_hash", 8),
    ("host_hash", 8),
    ("recent_tool_hash", 8),
    ("risk", len(RISK_FLAGS)),
)
_OFFSET: dict[str, int] = {}
_pos = 0
for _name, _width in _BLOCKS:
    _OFFSET[_name] = _pos
    _pos += _width
STRUCTURAL_DIM: int = _pos
FEATURE_INDEX: dict[str, int] = {
    **{f"tool={t}": _OFFSET["tool"] + i for i, t in enumerate(COMMON_TOOLS)},
    **{s: _OFFSET["scalar"] + i for i, s in enumerate(_SCALARS)},
    **{f"risk={r}": _OFFSET["risk"] + i for i, r in enumerate(RISK_FLAGS)},
}
_RISK_NAMES = tuple(RISK_FLAGS)


def _bucket(block: str, token: str) -> int:
    return _OFFSET[block] + zlib.crc32(token.encode("utf-8", "replace")) % dict(_BLOCKS)[block]


def _log1p(x: float, scale: float = 1.0) -> float:
    # log-scaled counts keep one huge value from dominating the other features
    return math.log1p(max(x, 0.0)) / scale


def _command_features(call: ToolCall, v: list[float]) -> None:
    command = clip_text(call.command, MAX_FIELD_CHARS)
    segments = split_command(command)
    idx = FEATURE_INDEX
    v[idx["n_segments"]] = _log1p(max(len(segments) - 1, 0))
    v[idx["command_length"]] = _log1p(len(call.command), 10.0)
    joiners = [s.joiner for s in segments]
    for name, ops in (("n_pipes", ("|", "|&")), ("n_and", ("&&",)), ("n_or", ("||",)),
                      ("n_semicolon", (";", ";;")), ("n_background", ("&",)),
                      ("n_newline", ("\n",))):
        v[idx[name]] = _log1p(sum(j in ops for j in joiners))
    n_flags = n_args = 0
    hosts: set[str] = set()
    fetched = False
    for k, seg in enumerate(segments):
        head = seg.head
        if head:
            v[_bucket("head_hash", head)] += 1.0
        argv = seg.argv
        sub = next((a for a in argv[1:] if not a.startswith("-")), "")
        if head and sub and len(sub) < 40:
            v[_bucket("subcommand_hash", f"{head} {sub}")] += 1.0
        if {"sudo", "doas"} & set(seg.wrappers):
            v[idx["sudo"]] = 1.0
        if head in ("su", "pkexec"):
            v[idx["su"]] = 1.0
        if seg.substitution:
            v[idx["substitution"]] = 1.0
        fetched = fetched or head in ("curl", "wget")
        if fetched and k > 0 and seg.joiner in ("|", "|&") and head in (
            "sh", "bash", "zsh", "python", "python3", "perl", "ruby", "node"
        ):
            v[idx["download_to_shell"]] = 1.0
        for a in argv[1:]:
            if a.startswith("-") and len(a) > 1:
                n_flags += 1
                v[_bucket("flag_hash", f"{head} {a.split('=', 1)[0]}")] += 1.0
                continue
            n_args += 1
            if "://" in a:
                host = url_host(a)
                if host:
                    hosts.add(host)
            elif a.startswith(("/", "~", "./", "../")) or "/" in a:
                v[idx[f"paths_{_zone_name(call, a)}"]] += 1.0
        _redirect_features(call, seg, v)
    v[idx["n_flags"]] = _log1p(n_flags)
    v[idx["n_args"]] = _log1p(n_args)
    for host in hosts:
        v[_bucket("host_hash", host)] += 1.0
    v[idx["has_url"]] = float(bool(hosts))
    v[idx["n_hosts"]] = _log1p(len(hosts))


def _zone_name(call: ToolCall, path: str) -> str:
    zone = path_zone(path, call.cwd)
    return "outside" if zone == "other" else zone


def _redirect_features(call: ToolCall, seg: Segment, v: list[float]) -> None:
    idx = FEATURE_INDEX
    for op, target in seg.redirects:
        if op.lstrip("0123456789").startswith("<"):
            v[idx["redirect_input"]] += 1.0
        elif target in ("/dev/null", "/dev/stderr", "/dev/stdout") or target.isdigit():
            v[idx["redirect_devnull"]] += 1.0
        elif path_zone(target, call.cwd) == "project":
            v[idx["redirect_project"]] += 1.0
        else:
            v[idx["redirect_outside"]] += 1.0


def structural_features(call: ToolCall) -> list[float]:
    """The fixed-length (``STRUCTURAL_DIM``) structural description of ``call``."""
    require_call(call, "structural_features")
    v = [0.0] * STRUCTURAL_DIM
    idx = FEATURE_INDEX
    tool = call.tool_name
    if tool in COMMON_TOOLS:
        v[idx[f"tool={tool}"]] = 1.0
    else:
        v[idx["tool_other"]] = 1.0
    v[idx["is_mcp"]] = float(call.is_mcp)
    # mcp__server__tool: hash the server and the full name so both generalise
    v[_bucket("tool_hash", tool)] += 1.0
    if call.is_mcp:
        v[_bucket("tool_hash", "server:" + tool.split("__")[1])] += 1.0
    v[idx["no_cwd"]] = float(not call.cwd)
    if call.command:
        _command_features(call, v)
    if call.file_path:
        v[idx[f"target_{_zone_name(call, call.file_path)}"]] = 1.0
    if call.url:
        host = url_host(call.url)
        v[idx["has_url"]] = 1.0
        v[idx["n_hosts"]] = _log1p(1)
        if host:
            v[_bucket("host_hash", host)] += 1.0
    content = call.content
    if content:
        v[idx["content_size"]] = _log1p(len(content), 10.0)
        v[idx["content_lines"]] = _log1p(content.count("\n", 0, MAX_FIELD_CHARS * 4), 10.0)
    longest = max((len(x) for x in call.tool_input.values() if isinstance(x, str)), default=0)
    v[idx["truncated"]] = float(longest > MAX_FIELD_CHARS)
    v[idx["recent_call_count"]] = _log1p(call.recent_call_count, 5.0)
    v[idx["n_recent_tools"]] = _log1p(len(call.recent_tools))
    for i, prev in enumerate(reversed(call.recent_tools[-8:])):
        v[_bucket("recent_tool_hash", prev)] += 1.0 / (1 + i)  # the latest counts most
    risk = inspect_call(call)
    v[idx["risk_score"]] = risk.score
    v[idx["risk_weight"]] = risk.weight / 8.0
    for flag in risk.flags:
        v[idx[f"risk={flag}"]] = 1.0
    return v


class _Embedder(Protocol):
    dim: int

    def embed(self, texts: list[str]) -> np.ndarray: ...


class FeatureExtractor:
    """The model's input: embedding of :func:`render_call` followed by the structural part.

    >>> class Zeros:  # any object with ``dim`` and ``embed`` works; the gate uses MiniLM
    ...     dim = 4
    ...     def embed(self, texts):
    ...         import numpy as np
    ...         return np.zeros((len(texts), 4), dtype=np.float32)
    >>> fx = FeatureExtractor(Zeros())
    >>> fx.features(ToolCall("Read", {"file_path": "a.py"}, cwd="/p")).shape[0] == fx.dim
    True
    """

    def __init__(self, embedder: Any) -> None:
        self.embedder: _Embedder = embedder
        self.dim: int = int(embedder.dim) + STRUCTURAL_DIM

    def features(self, call: ToolCall) -> torch.Tensor:
        return self.features_batch([call])[0]

    def features_batch(self, calls: list[ToolCall]) -> torch.Tensor:
        """``(len(calls), dim)`` float32; one embedder call for the whole batch."""
        import numpy as np
        import torch

        if not calls:
            return torch.zeros((0, self.dim), dtype=torch.float32)
        emb = np.asarray(self.embedder.embed([render_call(c) for c in calls]), dtype=np.float32)
        structural = np.asarray([structural_features(c) for c in calls], dtype=np.float32)
        return torch.from_numpy(np.concatenate([emb, structural], axis=1))
