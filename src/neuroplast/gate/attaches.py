"""Calls that attach to a process already running: a debugger, tracer or profiler let into
it, or its memory, stacks or system calls read or dumped.

A running process holds what its files do not: decrypted keys, session tokens, passwords
typed into it, customers' data in flight. Attaching to it reads them, and stops or slows
it while attached (ATT&CK T1003.007 'OS Credential Dumping: Proc Filesystem', T1055
'Process Injection'; the Linux Yama LSM restricts ptrace attach, ``ptrace_scope``, for
this reason). A user's view of this is one view whatever tool attaches: someone who stops
letting the agent run ``gdb -p`` on a service stops it for ``strace -p``, ``py-spy dump``
and ``jmap`` alike. So it is an act across programs (``gate.acts``: ``* attach``). Each
tool is read from its own manual; running one's own program under a debugger or tracer
from its start, listing processes, help and versions are not the act:

- debuggers and tracers given a process id or name: ``gdb -p|--pid PID``, ``gdb PROGRAM
  PID`` (gdb(1): a second operand that is a process id attaches), gdbserver ``--attach``,
  ``lldb -p|--attach-pid|-n|--attach-name``, ``strace -p``, ``ltrace -p``, ``frida`` and
  ``frida-trace -p|-n|--attach-*``, ``dtrace -p``, ``dtruss -p``;
- dumps of a running process: gcore(1), ``procdump``, ``criu dump`` (a checkpoint of its
  memory), ``jmap``, ``jstack``, ``jcmd PID ...`` (``jcmd`` alone lists JVMs), ``jhsdb``,
  ``dotnet-dump collect``, ``dotnet-gcdump collect``, ``dotnet-trace collect -p|-n``,
  pstack and ``eu-stack -p``, ``memray attach``, pyrasite;
- sampling profilers on a running process: ``py-spy dump|top|record --pid|-p``, ``rbspy
  record|snapshot --pid|-p``, ``perf record|top|trace|stat`` with ``-p|--pid`` or
  system-wide (``-a``; ``perf top`` is system-wide unless told otherwise);
- the whole system traced: bpftrace (not ``-l``, which lists probes), sysdig (not ``-r
  FILE`` or ``-l``).

>>> from neuroplast.gate.shell import split_command
>>> [attaches(s) for s in split_command(
...     "gdb -p 4242; gdb ./app; strace -p 1234 -f; strace ls; py-spy dump --pid 77; "
...     "py-spy record -o p.svg -- python app.py; jcmd; jcmd 4242 Thread.print; perf top")]
[True, False, True, False, True, False, False, True, True]
"""

from __future__ import annotations

from neuroplast.gate.outputs import has_short_option
from neuroplast.gate.shell import Segment

__all__ = ["attaches"]

_NO_ATTACH = frozenset({"--help", "-h", "--version", "-V", "--usage"})
# tools that attach whenever they run with an argument: the argument is the process
_ALWAYS = frozenset({"gcore", "procdump", "jmap", "jstack", "jhsdb", "pstack", "pyrasite"})
# tool -> the options that name the process to attach to, each from its manual
_PID_OPTIONS: dict[str, tuple[str, ...]] = {
    "gdb": ("-p", "--pid"), "lldb": ("-p", "--attach-pid", "-n", "--attach-name"),
    "strace": ("-p", "--attach"), "ltrace": ("-p",), "dtrace": ("-p",), "dtruss": ("-p",),
    "frida": ("-p", "--attach-pid", "-n", "--attach-name", "-N", "--attach-identifier",
              "-F", "--attach-frontmost"),
    "frida-trace": ("-p", "--attach-pid", "-n", "--attach-name", "-N",
                    "--attach-identifier", "-F", "--attach-frontmost"),
    "gdbserver": ("--attach",), "eu-stack": ("-p", "--pid"),
    "dotnet-trace": ("-p", "--process-id", "-n", "--name"),
}
# tool -> (its commands that attach, the options that name the process)
_VERB_PID: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "py-spy": (frozenset({"dump", "top", "record"}), ("-p", "--pid")),
    "rbspy": (frozenset({"record", "snapshot"}), ("-p", "--pid")),
    "perf": (frozenset({"record", "top", "trace", "stat"}),
             ("-p", "--pid", "-a", "--all-cpus")),
}
# tool -> its commands that attach to the process they are given
_VERBS: dict[str, frozenset[str]] = {
    "criu": frozenset({"dump", "pre-dump"}), "memray": frozenset({"attach"}),
    "dotnet-dump": frozenset({"collect"}), "dotnet-gcdump": frozenset({"collect"}),
}


def _plain(words: tuple[str, ...]) -> list[str]:
    return [a for a in words if not a.startswith("-")]


def attaches(seg: Segment) -> bool:
    """Whether ``seg`` attaches to, traces or dumps a process already running (the
    ``attach`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if not words or any(a.partition("=")[0] in _NO_ATTACH for a in words):
        return False
    if head in _ALWAYS:
        return True
    told = head in _PID_OPTIONS and any(
        a.partition("=")[0] in _PID_OPTIONS[head] or a[:2] in _PID_OPTIONS[head]
        for a in words)
    if told:
        return True
    if head == "gdb":  # gdb PROGRAM PID (gdb(1)); after --args, the program's own arguments
        plain = _plain(words)
        return "--args" not in words and len(plain) == 2 and plain[1].isdigit()
    if head in _VERB_PID:
        verbs, options = _VERB_PID[head]
        plain = _plain(words)
        if head == "perf" and plain[:1] == ["top"]:  # perf-top(1): system-wide by default
            return True
        return bool(verbs.intersection(plain[:1])) and any(
            a.partition("=")[0] in options or a[:2] in options for a in words)
    if head in _VERBS:
        return bool(_VERBS[head].intersection(_plain(words)[:1]))
    if head == "jcmd":  # jcmd alone, or -l, lists the JVMs
        return bool(_plain(words)) and "-l" not in words
    if head == "bpftrace":
        return not has_short_option(words, "l")
    if head == "sysdig":
        return not has_short_option(words, "rl")
    return False
