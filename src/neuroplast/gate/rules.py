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

A Bash rule judges each simple command a line runs on its own (:func:`.split_command`: the
commands of chains, pipes, compound statements, ``$(...)``, ``bash -c``, ``eval``, ``xargs``,
``find -exec``): ``Bash(git status:*)`` allows ``git status`` but not ``git status && rm -rf
/``. For allow, *every* segment must be covered, and a segment with a command substitution
or an output redirect to a file never matches a prefix or wildcard rule. For deny and ask,
*any* matching segment decides.

Allow rules match the command as written: a prefix must not vouch for more than it names.
Deny and ask rules protect, so they match the command as executed (:class:`.Executed`),
whatever its spelling: ``Bash(rm -rf:*)`` also denies ``/bin/rm -fr``, ``busybox rm -r -f``,
``sudo rm --recursive --force`` and ``bash -c 'rm -rf x'``; ``Bash(git push --force:*)``
also denies ``git -C . push -f``, ``git push origin main --force`` and ``git push origin
+main``. Such a rule matches a command that runs the rule's program (and the rule's
wrappers, ``Bash(sudo rm:*)``), with the rule's sub-command, the rule's flags anywhere, and
the rule's other operands in order (an exact rule: exactly its operands).

A rule names a program, not an effect: ``Bash(rm:*)`` does not deny ``find . -delete``,
``unlink`` or ``git rm``, which are other programs (or find's own action) with their own
options; a user who means them too writes ``Bash(find -delete:*)`` (which matches
``find . -name '*.o' -delete``). Only where a program *runs* another program
(``find -exec rm``, ``xargs rm``, ``sh -c``) does the rule apply, because that program runs.

>>> rules = PermissionRules(allow=["Bash(git status:*)"], deny=["Bash(rm:*)"])
>>> rules.match(ToolCall("Bash", {"command": "git status -s"}))
RuleMatch(decision='allow', rule='Bash(git status:*)')
>>> rules.match(ToolCall("Bash", {"command": "git status && rm -rf /"}))
RuleMatch(decision='deny', rule='Bash(rm:*)')
>>> print(rules.match(ToolCall("Bash", {"command": "git status; make"})))
None
>>> rules.match(ToolCall("Bash", {"command": "git status; /bin/rm -fr /"})).decision
'deny'
"""

from __future__ import annotations

import functools
import os
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from neuroplast.errors import ConfigError
from neuroplast.gate.calls import ToolCall
from neuroplast.gate.executed import Executed
from neuroplast.gate.paths import resolve_path
from neuroplast.gate.render import url_host
from neuroplast.gate.shell import Segment, split_command

__all__ = ["PermissionRule", "PermissionRules", "RuleMatch"]

Decision = Literal["allow", "ask", "deny"]
_RULE = re.compile(r"^([A-Za-z_][A-Za-z0-9_.\-]*)(?:\((.*)\))?$", re.DOTALL)
_EDIT_TOOLS = frozenset({"Edit", "Write", "MultiEdit", "NotebookEdit"})
_READ_TOOLS = frozenset({"Read", "Grep", "Glob", "LS", "NotebookRead"})
_PATH_TOOLS = _EDIT_TOOLS | _READ_TOOLS
# Longest command a prefix/wildcard allow rule will vouch for, and the part of a longer one
# that is parsed; beyond it a deny or ask rule matches when its program is named at all.
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
        if len(command) <= _MAX_RULE_COMMAND and _norm(command) == _norm_rule(spec):
            return True  # an exact rule naming the whole chained line
        if strict:
            return all(self.matches_segment(s, strict=True) for s in segments)
        if any(self.matches_segment(s, strict=False) for s in segments):
            return True
        # beyond the parsed part, the rule's program named anywhere is enough to deny or ask
        rest = command[_MAX_RULE_COMMAND - 256 :] if len(command) > _MAX_RULE_COMMAND else ""
        name = spec.removesuffix(":*").split(maxsplit=1)[0].rsplit("/", 1)[-1] if spec else ""
        return bool(rest and name and "*" not in name and re.search(
            rf"(?<![\w.-]){re.escape(name)}(?![\w.-])", rest))

    def matches_segment(self, seg: Segment, *, strict: bool) -> bool:
        """Whether this Bash rule covers one simple command: as written (``strict``, for
        allow), or for deny and ask also as executed (see the module's docstring)."""
        spec = self.specifier or ""
        wildcard = spec.endswith(":*") or "*" in spec
        if strict and wildcard and (seg.substitution or _writes_file(seg)):
            return False  # a prefix must not vouch for $(...) or > file it never named
        # strict: the command as written; deny also sees it without FOO=1/sudo/timeout,
        # with the program's path resolved (/bin/rm is rm), and as executed
        texts = [" ".join(seg.words)]
        if not strict:
            argv = seg.argv
            texts.append(" ".join(argv))
            if argv and "/" in argv[0]:
                texts.append(" ".join((seg.head, *argv[1:])))
            if self._matches_executed(seg):
                return True
        if spec.endswith(":*"):
            prefix = _norm_rule(spec[:-2])
            return any(t == prefix or t.startswith(prefix + " ") for t in texts)
        if "*" in spec:
            body = _norm_rule(spec)
            # "ls *" also matches a bare "ls" (the space-and-arguments part is optional)
            if body.endswith(" *"):
                regex = _glob_regex(body[:-2], path=False) + "(?: .*)?"
            else:
                regex = _glob_regex(body, path=False)
            return any(re.fullmatch(regex, t, re.DOTALL) for t in texts)
        return any(t == _norm_rule(spec) for t in texts)

    def _matches_executed(self, seg: Segment) -> bool:
        """A prefix or exact rule against the command as executed (deny and ask only)."""
        pattern = _executed_pattern(self.specifier or "")
        if pattern is None:
            return False
        wrappers, rule, exact = pattern
        if not wrappers <= set(seg.wrappers):
            return False
        if not rule.program:
            return bool(wrappers)  # Bash(sudo:*): anything run through sudo
        command = _executed(seg.argv)
        if rule.program != command.program:
            # Bash(npx:*) names a launcher: npx prettier runs npx too
            return (not exact and not rule.operands and not rule.flags
                    and rule.program in seg.wrappers)
        if not rule.flags <= command.flags:
            return False
        if exact:
            return rule.operands == command.operands
        if rule.operands and command.has_subcommand:
            return (command.operands[:1] == rule.operands[:1]
                    and _in_order(rule.operands[1:], command.operands[1:]))
        return _in_order(rule.operands, command.operands)

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


@functools.lru_cache(maxsize=1024)
def _executed_pattern(spec: str) -> tuple[frozenset[str], Executed, bool] | None:
    """A prefix (``x:*``, ``x *``) or exact Bash specifier as (its wrappers, the command as
    executed, exact?); None for other wildcards, which match text only."""
    exact = not spec.endswith(":*")
    body = spec[:-2] if not exact else spec
    if exact and body.endswith(" *"):
        exact, body = False, body[:-2]
    if "*" in body:
        return None
    segments = split_command(body)
    if len(segments) != 1:
        return None
    seg = segments[0]
    return frozenset(seg.wrappers), Executed.of(seg.argv), exact


@functools.lru_cache(maxsize=4096)
def _executed(argv: tuple[str, ...]) -> Executed:
    return Executed.of(argv)  # once per command, not once per rule


def _in_order(wanted: tuple[str, ...], operands: tuple[str, ...]) -> bool:
    """Whether ``wanted`` appear in ``operands`` in this order (others may come between)."""
    rest = iter(operands)
    return all(any(w == o for o in rest) for w in wanted)


_norm_rule = functools.lru_cache(maxsize=1024)(_norm)  # a rule's text, normalised once


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
