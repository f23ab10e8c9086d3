"""Permission rules in Claude Code's syntax, matched deny > ask > allow.

Syntax (as documented for Claude Code's ``permissions`` settings):

- ``Bash`` (or ``Bash(*)``): every call of the tool.
- ``Bash(npm run build)``: exactly that command. ``Bash(npm run test:*)``: that prefix, then
  nothing or a space and anything. ``*`` elsewhere is a wildcard (``Bash(git * main)``);
  ``Bash(ls *)`` needs the space, ``Bash(ls*)`` also matches ``lsof``.
- ``Read(path)`` / ``Edit(path)``: gitignore-style globs. ``//abs`` from the filesystem root,
  ``~/p`` from the home directory, ``/p`` from the settings directory (the project by
  default), ``p`` or ``./p`` from the call's cwd; a pattern without ``/`` matches the name at
  any depth. ``Edit`` rules cover every tool that edits files (Edit, Write, MultiEdit,
  NotebookEdit); ``Read`` rules also cover Grep, Glob and LS.
- ``WebFetch(domain:example.com)``: fetches whose host is that domain (``*`` allowed).
- ``mcp__server``: every tool of that MCP server; ``mcp__server__tool``: one tool.

A Bash rule judges each simple command of a chained line on its own: ``Bash(git status:*)``
allows ``git status`` but not ``git status && rm -rf /``. For allow, *every* segment
must be covered, and a segment with a command substitution or an output redirect to a file
never matches a prefix or wildcard rule. For deny and ask, *any* matching segment decides.

>>> rules = PermissionRules(allow=["Bash(git status:*)"], deny=["Bash(rm:*)"])
>>> rules.match(ToolCall("Bash", {"command": "git status -s"}))
RuleMatch(decision='allow', rule='Bash(git status:*)')
>>> rules.match(ToolCall("Bash", {"command": "git status && rm -rf /"}))
RuleMatch(decision='deny', rule='Bash(rm:*)')
>>> print(rules.match(ToolCall("Bash", {"command": "git status; make"})))
None
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from neuroplast.errors import ConfigError
from neuroplast.gate.calls import ToolCall
from neuroplast.gate.paths import resolve_path
from neuroplast.gate.render import url_host
from neuroplast.gate.shell import Segment, split_command

__all__ = ["PermissionRule", "PermissionRules", "RuleMatch"]

Decision = Literal["allow", "ask", "deny"]
_RULE = re.compile(r"^([A-Za-z_][A-Za-z0-9_.\-]*)(?:\((.*)\))?$", re.DOTALL)
_EDIT_TOOLS = frozenset({"Edit", "Write", "MultiEdit", "NotebookEdit"})
_READ_TOOLS = frozenset({"Read", "Grep", "Glob", "LS", "NotebookRead"})
_PATH_TOOLS = _EDIT_TOOLS | _READ_TOOLS
# Longest command a prefix/wildcard allow rule will vouch for; beyond it we only deny.
_MAX_RULE_COMMAND = 65_536


@dataclass(frozen=True)
class RuleMatch:
    """The decision a rule made and the rule's text.

    >>> RuleMatch("deny", "Bash(rm:*)").decision
    'deny'
    """

    decision: Decision
    rule: str


def _glob_regex(pattern: str, *, path: bool) -> str:
    """Translate a glob to a regex; with ``path``, ``*`` stops at ``/`` and ``**`` does not."""
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if path and pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif path and pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*" if path else ".*")
            i += 1
        elif c == "?" and path:
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(c))
            i += 1
    return "".join(out)


@dataclass(frozen=True)
class PermissionRule:
    """One parsed rule; ``PermissionRule.parse("Bash(npm run:*)")``.

    >>> PermissionRule.parse("Read(~/.ssh/**)").tool, PermissionRule.parse("Bash").specifier
    ('Read', None)
    """

    text: str
    tool: str
    specifier: str | None

    @classmethod
    def parse(cls, text: str) -> PermissionRule:
        if not isinstance(text, str):
            raise ConfigError(f"permission rule {text!r} must be a string like 'Bash(npm test)'")
        m = _RULE.match(text.strip())
        if m is None:
            raise ConfigError(
                f"permission rule {text!r} is not valid; write Tool or Tool(specifier), "
                "e.g. 'Bash(npm run test:*)', 'Read(./.env)', 'WebFetch(domain:example.com)'"
            )
        tool, spec = m.group(1), m.group(2)
        if spec is not None:
            spec = spec.strip()
            if not spec:
                raise ConfigError(
                    f"permission rule {text!r} has empty parentheses; drop them to match "
                    f"every {tool} call or put a pattern inside"
                )
            if spec == "*":
                spec = None
        if spec is not None and tool == "WebFetch" and not spec.startswith("domain:"):
            raise ConfigError(
                f"permission rule {text!r}: WebFetch rules take 'domain:<host>', "
                "e.g. 'WebFetch(domain:example.com)'"
            )
        if spec is not None and tool == "Bash" and ":*" in spec.removesuffix(":*"):
            raise ConfigError(
                f"permission rule {text!r}: ':*' may only end a Bash pattern, "
                "e.g. 'Bash(npm run test:*)'"
            )
        if spec is not None and tool.startswith("mcp__"):
            raise ConfigError(
                f"permission rule {text!r}: MCP rules take no parentheses; use "
                "'mcp__server' for a whole server or 'mcp__server__tool' for one tool"
            )
        return cls(text.strip(), tool, spec)

    # -- matching --------------------------------------------------------------------------
    def matches(self, call: ToolCall, *, strict: bool, settings_dir: str | None = None) -> bool:
        """Whether this rule covers ``call``; ``strict`` for allow (all segments must match)."""
        tool = call.tool_name
        if self.tool.startswith("mcp__"):
            return tool == self.tool or (
                self.tool.count("__") == 1 and tool.startswith(self.tool + "__")
            )
        if self.tool == "Edit":
            applies = tool in _EDIT_TOOLS
        elif self.tool == "Read":
            applies = tool in _READ_TOOLS
        else:
            applies = tool == self.tool
        if not applies:
            return False
        if self.specifier is None:
            return True
        if self.tool == "Bash":
            return self._match_bash(call.command, strict=strict)
        if self.tool == "WebFetch":
            host = url_host(call.url)
            return bool(host) and re.fullmatch(
                _glob_regex(self.specifier[len("domain:") :].lower(), path=False), host
            ) is not None
        if tool in _PATH_TOOLS or self.tool in ("Edit", "Read"):
            if tool in ("Grep", "Glob", "LS"):
                # a search reads what is inside the folder, so "dir/**" covers searching dir
                path = call.file_path or "."
                return self._match_path(path, call.cwd, settings_dir) or self._match_path(
                    path.rstrip("/") + "/_", call.cwd, settings_dir
                )
            path = call.file_path
            return bool(path) and self._match_path(path, call.cwd, settings_dir)
        if tool == "Task":
            agent = call.tool_input.get("subagent_type", "")
            return isinstance(agent, str) and _fullmatch(self.specifier, agent)
        # Other tools: the pattern against any string argument.
        return any(
            isinstance(v, str) and _fullmatch(self.specifier, v)
            for v in call.tool_input.values()
        )

    def _match_bash(self, command: str, *, strict: bool) -> bool:
        if not command.strip():
            return False
        spec = self.specifier or ""
        if strict and len(command) > _MAX_RULE_COMMAND:
            return False
        segments = split_command(command[:_MAX_RULE_COMMAND])
        if not segments:
            return False
        if _norm(command) == _norm(spec):
            return True  # an exact rule naming the whole chained line
        if strict:
            return all(self.matches_segment(s, strict=True) for s in segments)
        return any(self.matches_segment(s, strict=False) for s in segments)

    def matches_segment(self, seg: Segment, *, strict: bool) -> bool:
        spec = self.specifier or ""
        wildcard = spec.endswith(":*") or "*" in spec
        if strict and wildcard and (seg.substitution or _writes_file(seg)):
            return False  # a prefix must not vouch for $(...) or > file it never named
        # strict: the command as written; deny also sees it without FOO=1/sudo/timeout
        texts = [" ".join(seg.words)]
        if not strict:
            texts.append(" ".join(seg.argv))
        if spec.endswith(":*"):
            prefix = _norm(spec[:-2])
            return any(t == prefix or t.startswith(prefix + " ") for t in texts)
        if "*" in spec:
            body = _norm(spec)
            # "ls *" also matches a bare "ls" (the space-and-arguments part is optional)
            if body.endswith(" *"):
                regex = _glob_regex(body[:-2], path=False) + "(?: .*)?"
            else:
                regex = _glob_regex(body, path=False)
            return any(re.fullmatch(regex, t, re.DOTALL) for t in texts)
        return any(t == _norm(spec) for t in texts)

    def _match_path(self, path: str, cwd: str, settings_dir: str | None) -> bool:
        spec = self.specifier or ""
        home = os.path.expanduser("~")
        target = resolve_path(path, cwd)
        if target.startswith("~"):
            target = home + target[1:]
        if spec.startswith("//"):
            base, pattern = "/", spec[2:]
        elif spec.startswith("~/"):
            base, pattern = home, spec[2:]
        elif spec.startswith("/"):
            base, pattern = settings_dir or cwd or "/", spec[1:]
        else:
            base, pattern = cwd or "/", spec[2:] if spec.startswith("./") else spec
        base = posixpath.normpath(base)
        if base != "/" and not (target == base or target.startswith(base + "/")):
            return False
        rel = target[len(base) :].lstrip("/") if base != "/" else target.lstrip("/")
        pattern = pattern.rstrip("/")
        # gitignore: a pattern with no inner "/" matches a name at any depth
        anchored = "/" in pattern
        regex = ("" if anchored else "(?:.*/)?") + _glob_regex(pattern, path=True)
        # a match on a directory covers everything inside it
        return re.fullmatch(regex + "(?:/.*)?", rel, re.DOTALL) is not None


def _norm(text: str) -> str:
    """Command text with words re-joined by single spaces (quotes removed), for comparison."""
    segments = split_command(text)
    if not segments:
        return text.strip()
    return " ".join(f"{s.joiner} {' '.join(s.words)}".strip() for s in segments)


def _fullmatch(pattern: str, value: str) -> bool:
    return re.fullmatch(_glob_regex(pattern, path=False), value, re.DOTALL) is not None


def _writes_file(seg: Segment) -> bool:
    for op, target in seg.redirects:
        if op.lstrip("0123456789&").startswith(">") and not (
            target.isdigit() or target in ("/dev/null", "/dev/stdout", "/dev/stderr")
        ):
            return True
    return False


class PermissionRules:
    """Allow / ask / deny lists; :meth:`match` applies deny first, then ask, then allow.

    >>> r = PermissionRules(allow=["Edit(src/**)"], ask=["Edit(src/secret/**)"])
    >>> r.match(ToolCall("Write", {"file_path": "src/a.py"}, cwd="/p")).decision
    'allow'
    >>> r.match(ToolCall("Edit", {"file_path": "/p/src/secret/k"}, cwd="/p")).decision
    'ask'
    """

    def __init__(
        self,
        allow: Iterable[str] = (),
        ask: Iterable[str] = (),
        deny: Iterable[str] = (),
        *,
        settings_dir: str | None = None,
    ) -> None:
        self.settings_dir = settings_dir
        self.rules: dict[Decision, tuple[PermissionRule, ...]] = {}
        for name, items in (("allow", allow), ("ask", ask), ("deny", deny)):
            if isinstance(items, str):
                raise ConfigError(f"PermissionRules.{name} must be a list of rules, not a string")
            self.rules[name] = tuple(PermissionRule.parse(t) for t in items)  # type: ignore[index]

    def __repr__(self) -> str:
        lists = ", ".join(f"{k}={[r.text for r in v]!r}" for k, v in self.rules.items())
        return f"PermissionRules({lists})"

    def __bool__(self) -> bool:
        return any(self.rules.values())

    def match(self, call: ToolCall) -> RuleMatch | None:
        """The first matching rule in deny, ask, allow order, or None."""
        decision: Decision
        for decision in ("deny", "ask", "allow"):
            strict = decision == "allow"  # deny and ask protect: one segment is enough
            for rule in self.rules[decision]:
                if rule.matches(call, strict=strict, settings_dir=self.settings_dir):
                    return RuleMatch(decision, rule.text)
        return self._allow_by_segments(call)

    def _allow_by_segments(self, call: ToolCall) -> RuleMatch | None:
        """Allow a chained Bash line whose every segment some allow rule covers."""
        bash_rules = [r for r in self.rules["allow"] if r.tool == "Bash" and r.specifier]
        command = call.command
        if call.tool_name != "Bash" or len(bash_rules) < 2 or len(command) > _MAX_RULE_COMMAND:
            return None
        used: list[str] = []
        for seg in split_command(command):
            rule = next((r for r in bash_rules if r.matches_segment(seg, strict=True)), None)
            if rule is None:
                return None
            if rule.text not in used:
                used.append(rule.text)
        return RuleMatch("allow", " + ".join(used)) if used else None
