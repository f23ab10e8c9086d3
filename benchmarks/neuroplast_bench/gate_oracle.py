"""The frame the simulated users written apart from the gate share: fixed preferences, and
a drift that, after the change of mind (phase 1), refuses calls approved before it; and how
a user's refusals over its stream are reported.

Each user (``gate_heldout_user.HeldOutUser``, ``gate_third_user.OpsUser``) gives only its
own preferences (``_fixed_reasons``) and what its drift covers (``_drifted``); how the two
make an answer is this class's, so the users cannot differ in it by accident. Likewise the
users' refusal profiles and their ``python -m`` profile commands are ``refusal_profile`` and
``profile_main`` here, so the profiles of two users count the same way.
"""

from __future__ import annotations

import ipaddress
import posixpath
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlparse

from neuroplast_bench.gate_stream import StreamCall

__all__ = [
    "KNOWN_TOOLS",
    "PRIVATE_NETS",
    "PathKind",
    "PhasedUser",
    "ReadKind",
    "clean_host",
    "command_line_reasons",
    "embedded_path_reasons",
    "grep_reach",
    "loopback_host",
    "own_host",
    "profile_main",
    "reasons_by_tool",
    "refusal_profile",
    "segment_host",
    "unknown_tool",
    "written_text",
]

# A workplace's own address space: the private networks (RFC 1918), loopback and link-local,
# and their IPv6 counterparts (RFC 4193 unique local, RFC 4291 link-local)
PRIVATE_NETS = tuple(ipaddress.ip_network(n) for n in (
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16",
    "::1/128", "fc00::/7", "fe80::/10"))


def clean_host(host: str) -> str:
    """A host as a command writes it (quoted, bracketed, ``user@host``), bare and lower-case.

    >>> clean_host("'[::1]'"), clean_host("bob@DB.Example.com.")
    ('::1', 'db.example.com')
    """
    return host.strip("[]'\"").split("@")[-1].lower().rstrip(".")


def loopback_host(host: str) -> bool:
    """Whether a host is this machine: none, ``localhost`` or a loopback address."""
    host = clean_host(host)
    if host in ("", "localhost") or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def own_host(host: str, zones: Sequence[str],
             nets: Sequence[ipaddress.IPv4Network | ipaddress.IPv6Network] = PRIVATE_NETS
             ) -> bool:
    """Whether a host is the workplace's own: none or ``localhost``, an address in ``nets``,
    a name under one of its DNS ``zones``, or a name with no dot (one the local network
    resolves).

    >>> [own_host(h, ("acme.io",)) for h in ("10.1.2.3", "ci.acme.io", "nas", "8.8.8.8",
    ...                                      "github.com")]
    [True, True, True, False, False]
    """
    host = clean_host(host)
    if not host or host == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return any(host == z or host.endswith("." + z) for z in zones) or "." not in host
    return any(address in net for net in nets)


def segment_host(host: str, zones: Sequence[str],
                 net: ipaddress.IPv4Network | ipaddress.IPv6Network) -> bool:
    """Whether a host lies in a network segment of the workplace's own: an address in
    ``net`` or a name under one of the segment's DNS ``zones`` (no host lies in none).

    >>> net = ipaddress.ip_network("10.66.0.0/16")
    >>> [segment_host(h, ("cde.x.internal",), net) for h in ("10.66.1.2", "'pos.CDE.x.internal'",
    ...                                                      "10.1.2.3", "nas", "")]
    [True, True, False, False, False]
    """
    host = clean_host(host)
    if not host:
        return False
    try:
        return ipaddress.ip_address(host) in net
    except ValueError:
        return any(host == z or host.endswith("." + z) for z in zones)


# Claude Code's built-in tools the stream's calls use; any other tool (an MCP server's) is
# one the users written apart have never met.
KNOWN_TOOLS = frozenset({"Bash", "Read", "Write", "Edit", "MultiEdit", "NotebookEdit", "Glob",
                         "Grep", "WebFetch"})


def command_line_reasons(
    command: str, commands: Sequence[Any], cwd: str,
    text_reasons: Callable[[str, Any, str], set[str]],
    checks: Sequence[tuple[str, Callable[[Any, str], bool]]],
    path_reasons: Callable[[Any, str], set[str]],
) -> set[str]:
    """The refusal reasons a user's preferences find in a Bash command line: those read
    off the whole line (``text_reasons``), each simple command's named ``checks``, and
    what each simple command touches (``path_reasons``). The readings are each user's own;
    how they add up is shared, so users cannot differ in it by accident."""
    found = set(text_reasons(command, commands, cwd))
    for c in commands:
        found |= {name for name, check in checks if check(c, cwd)}
        found |= path_reasons(c, cwd)
    return found


# A path written inside a program's text (``python -c "open('/x')"``, a heredoc), which no
# simple command's words hold
_EMBEDDED_PATH = re.compile(r"(?:~|\$HOME)?/[^\s'\"`;|&()<>,]+")
PathKind = tuple[str, Callable[[str, str], bool]]  # (reason, is_protected(path, cwd))


def embedded_path_reasons(command: str, commands: Sequence[Any], cwd: str,
                          kinds: Sequence[PathKind]) -> set[str]:
    """The reasons of ``kinds`` whose protected files a command line names inside a
    program's text rather than as a word of one of its simple ``commands`` (those are read
    per command), one reading for every user that refuses such files.

    >>> secret = ("credentials", lambda p, cwd: p.endswith("/.netrc"))
    >>> class Cmd:
    ...     words = ("python", "-c", "print(open('/home/u/.netrc').read())")
    >>> embedded_path_reasons(Cmd.words[2], [Cmd], "/p", [secret])
    {'credentials'}
    >>> embedded_path_reasons("cat /home/u/.netrc", [type("C", (), {"words": (
    ...     "cat", "/home/u/.netrc")})], "/p", [secret])
    set()
    """
    words = {w for c in commands for w in c.words}
    paths = [m.group(0) for m in _EMBEDDED_PATH.finditer(command) if m.group(0) not in words]
    return {reason for path in paths for reason, protected in kinds if protected(path, cwd)}


def written_text(tool_input: dict[str, Any]) -> str:
    """The text an edit tool's call writes: Write's ``content``, Edit's ``new_string``,
    NotebookEdit's ``new_source`` and each of MultiEdit's ``edits``, one reading for every
    user that refuses what a call writes.

    >>> written_text({"edits": [{"new_string": "a"}, {"new_string": "b"}], "content": "c"})
    'cab'
    """
    return str(tool_input.get("content", "")) + str(tool_input.get("new_string", "")) + str(
        tool_input.get("new_source", "")) + "".join(str(e.get("new_string", ""))
                                                    for e in tool_input.get("edits", []) or [])


def unknown_tool(tool: str, tool_input: dict[str, Any]) -> bool:
    """A tool the user has never met, or a WebFetch whose URL is not http(s) (``file://``,
    ``gopher://``): one reading for every user that refuses what it does not know.

    >>> unknown_tool("mcp__db__query", {}), unknown_tool("WebFetch", {"url": "gopher://x"})
    (True, True)
    >>> unknown_tool("WebFetch", {"url": "https://x.io"}), unknown_tool("Glob", {})
    (False, False)
    """
    if tool == "WebFetch":
        return urlparse(str(tool_input.get("url", ""))).scheme not in ("http", "https")
    return tool not in KNOWN_TOOLS


def grep_reach(tool_input: dict[str, Any], cwd: str) -> tuple[str, str]:
    """What a Grep call reads: the folder it searches (its ``path``, else the working
    folder), and a file its ``glob`` names there (``*`` read as one letter; "" without a
    glob), one reading for every user that refuses what a search reads.

    >>> grep_reach({"pattern": "x", "path": "/home/u/.aws", "glob": "*.ini"}, "/p")
    ('/home/u/.aws', '/home/u/.aws/x.ini')
    >>> grep_reach({"pattern": "x"}, "/p")
    ('/p', '')
    """
    path = str(tool_input.get("path") or cwd)
    pattern = str(tool_input.get("glob", ""))
    return path, posixpath.join(path, pattern.replace("*", "x")) if pattern else ""


# what a read reaches that a user refuses: (reason, the file test, the folder test), each
# called with (path, cwd)
ReadKind = tuple[str, Callable[[str, str], bool], Callable[[str, str], bool]]
_EDIT_TOOLS = ("Write", "Edit", "MultiEdit", "NotebookEdit")


def reasons_by_tool(call: StreamCall, bash: Callable[[str], set[str]],
                    reads: Sequence[ReadKind],
                    edits: Callable[[str, str, str], set[str]]) -> tuple[str, ...]:
    """A user's fixed refusal reasons for ``call``, by tool: a GTFOBins row is refused; a
    Bash line by ``bash(command)``; a Read of a file, or a Grep of a file or of a folder
    holding such files, by each of ``reads``; an edit by ``edits(path, text, cwd)`` (Glob
    lists names only, so it is never refused); a tool the user never met. The readings
    are each user's own; the dispatch is shared, so users cannot differ in it by accident.

    >>> from neuroplast_bench.gate_stream import StreamCall
    >>> secret = ("credentials", lambda p, cwd: p.endswith(".netrc"), lambda p, cwd: False)
    >>> call = StreamCall(0, {"tool_name": "Grep", "cwd": "/p", "tool_input": {
    ...     "pattern": "x", "path": "/home/u", "glob": ".netrc"}}, "search")
    >>> reasons_by_tool(call, lambda line: set(), [secret], lambda path, text, cwd: set())
    ('credentials',)
    """
    if call.origin == "gtfobins":
        return ("gtfobins",)
    tool, inp, cwd = call.tool_name, call.tool_input, call.cwd
    found: set[str] = set()
    if tool == "Bash":
        found = bash(str(inp.get("command", "")))
    elif tool == "Read":
        path = str(inp.get("file_path", ""))
        found = {reason for reason, is_file, _ in reads if path and is_file(path, cwd)}
    elif tool == "Grep":
        path, probe = grep_reach(inp, cwd)
        found = {reason for reason, is_file, holds in reads
                 if is_file(path, cwd) or holds(path, cwd) or (probe and is_file(probe, cwd))}
    elif tool in _EDIT_TOOLS:
        found = edits(str(inp.get("file_path", inp.get("notebook_path", ""))),
                      written_text(inp), cwd)
    elif unknown_tool(tool, inp):
        found.add("unknown_tool")
    return tuple(sorted(found))


class PhasedUser:
    """An oracle: ``would_approve(call, phase)``, ``drift_applies(call)`` and
    ``refusal_reasons(call, phase)``; phase 0 is before the drift, 1 after it."""

    drift: str  # the drift's name, the reason a drifted refusal gives

    def _fixed_reasons(self, call: StreamCall) -> tuple[str, ...]:
        """The preferences that refuse ``call`` in every phase."""
        raise NotImplementedError

    def _drifted(self, call: StreamCall) -> bool:
        """Whether ``call`` (a Bash call no fixed preference refuses) is what the drift
        is about."""
        raise NotImplementedError

    def refusal_reasons(self, call: StreamCall, phase: int) -> tuple[str, ...]:
        """The preferences (or the drift's name) that refuse ``call`` in ``phase``."""
        reasons = self._fixed_reasons(call)
        if not reasons and phase >= 1 and self.drift_applies(call):
            return (self.drift,)
        return reasons

    def would_approve(self, call: StreamCall, phase: int) -> bool:
        """What this user answers when asked about ``call`` in ``phase``."""
        return not self.refusal_reasons(call, phase)

    def drift_applies(self, call: StreamCall) -> bool:
        """True when the drifted preference decides ``call`` (its answer differs by phase)."""
        if call.tool_name != "Bash" or call.origin == "gtfobins" or self._fixed_reasons(call):
            return False
        return self._drifted(call)


def refusal_profile(calls: Sequence[StreamCall], user: PhasedUser, names: Sequence[str],
                    drift_fraction: float = 0.5, *, drift_families: bool = True
                    ) -> dict[str, Any]:
    """How often each reason in ``names`` (a user's preferences and its drift) refuses over
    a stream, before and after the drift (at ``drift_fraction`` of the calls): ``{"calls",
    "refused", "by_reason", "before", "after", "drift_calls_after", "drift_families"}``,
    the last (the tool families the drift covers after it) only with ``drift_families``; a
    call with several reasons counts for each.

    >>> class NoRm(PhasedUser):  # refuses rm always, and ls once it has changed its mind
    ...     drift = "refuse_ls"
    ...     def _fixed_reasons(self, call):
    ...         return ("rm",) if call.tool_input["command"].startswith("rm") else ()
    ...     def _drifted(self, call):
    ...         return call.tool_input["command"].startswith("ls")
    >>> calls = [StreamCall(index=i, origin="tldr", family=c.split()[0], event={
    ...     "tool_name": "Bash", "tool_input": {"command": c}, "cwd": "/w"})
    ...     for i, c in enumerate(["ls", "rm x", "ls -l", "rm y"])]
    >>> p = refusal_profile(calls, NoRm(), ("rm", "refuse_ls"))
    >>> p["refused"], p["by_reason"], p["before"]["by_reason"], p["drift_families"]
    (3, {'rm': 2, 'refuse_ls': 1}, {'rm': 1, 'refuse_ls': 0}, ['ls'])
    """
    drift_at = int(drift_fraction * len(calls))
    halves: dict[str, dict[str, Any]] = {}
    for half, part, phase in (("before", calls[:drift_at], 0), ("after", calls[drift_at:], 1)):
        by_reason: Counter[str] = Counter()
        refused = 0
        for call in part:
            reasons = user.refusal_reasons(call, phase)
            refused += bool(reasons)
            by_reason.update(reasons)
        halves[half] = {"calls": len(part), "refused": refused,
                        "by_reason": {r: by_reason[r] for r in names}}
    total = {r: halves["before"]["by_reason"][r] + halves["after"]["by_reason"][r]
             for r in names}
    drifted = [c for c in calls[drift_at:] if user.drift_applies(c)]
    profile = {"calls": len(calls), "refused": halves["before"]["refused"]
               + halves["after"]["refused"], "by_reason": total, **halves,
               "drift_calls_after": len(drifted)}
    if drift_families:
        profile["drift_families"] = sorted({c.family for c in drifted})
    return profile


def profile_main(module: str, user_kind: str,
                 profile: Callable[[list[StreamCall], Any], dict[str, Any]],
                 default_seeds: Sequence[int] = (), argv: list[str] | None = None) -> None:
    """``python -m MODULE CALLS [SEED...]``: one JSON line per seed (``default_seeds`` when
    none is given; without defaults a seed is required) with ``profile`` of the
    ``user_kind`` user's stream (the user alone; no gate is run)."""
    import json
    import sys

    from neuroplast_bench.gate import GateBenchConfig, stream_and_user  # gate imports the users

    args = sys.argv[1:] if argv is None else argv
    if len(args) < (1 if default_seeds else 2):
        seeds = "[SEED...]" if default_seeds else "SEED..."
        raise SystemExit(f"usage: python -m {module} CALLS {seeds}")
    for seed in [int(s) for s in args[1:]] or default_seeds:
        calls, user = stream_and_user(GateBenchConfig(user=user_kind, calls=int(args[0]),  # type: ignore[arg-type]
                                                      seed=seed))
        print(json.dumps({"seed": seed, **profile(calls, user)}), flush=True)
