"""Calls that attach to a process already running: a debugger, tracer, profiler or
inspector pointed at it, its memory, stacks or state dumped, code injected into it or its
terminal taken over.

A running process holds what its files do not: decrypted keys, session tokens, passwords
typed into it, customers' data in flight. Attaching to it reads them, and stops or slows
it while attached (ptrace(2); gdb's manual, 'Debugging an Already-running Process': the
first thing GDB does is to stop it; ATT&CK T1003.007 'OS Credential Dumping: Proc
Filesystem', T1055 'Process Injection'; the Linux Yama LSM restricts ptrace attach,
``ptrace_scope``, for this reason). A user's view of this is one view whatever tool
attaches: someone who stops letting the agent run ``gdb -p`` on a service stops it for
``strace -p``, ``py-spy dump`` and ``jmap`` alike. So it is an act across programs
(``gate.acts``: ``* attach``). The act is attaching to a process the call names, by its id
or its name; each tool is read from its own manual. Starting one's own program under a
debugger, tracer or profiler, reading a core file or a saved trace, a system-wide view that
names no process (``perf top``, a bare ``bpftrace`` or ``sysdig``), listing processes,
help and versions are not the act:

- debuggers: ``gdb -p|--pid PID``, ``gdb PROGRAM PID`` (gdb(1): a second operand that is a
  process id attaches; not after ``--args``), ``gdb -ex 'attach PID'``, gdbserver
  ``--attach``, ``lldb -p|--attach-pid|-n|--attach-name``, ``dlv attach``, ``jdb
  -attach``, ``node inspect -p``, ``radare2 -d PID``, ``jhsdb ... --pid``;
- tracers: ``strace -p|--attach``, ``ltrace -p``, ``dtruss -p|-n|-W``, ``dtrace -p``,
  ``bpftrace -p``, the BCC and DTraceToolkit tools given ``-p``/``-n`` (opensnoop,
  iosnoop, rwsnoop, dapptrace, dappprof, procsystime, syscount, profile, offcputime,
  stackcount, funccount, funclatency, trace, argdist, memleak), ``trace-cmd record -P``,
  ``stap -x``, ``sysdig`` filtered to a process (``proc.pid``, ``proc.name``,
  ``thread.tid``), ``perf record|top|trace|stat -p|--pid|-t|--tid``;
- profilers and samplers: ``py-spy dump|top|record --pid``, ``rbspy record|snapshot
  --pid``, ``samply record -p``, ``austin -p``, ``heaptrack -p``, ``memray attach``,
  async-profiler (``asprof PID``, ``profiler.sh PID``), ``dotnet-trace`` and
  ``dotnet-counters`` given a process, ``dotnet-stack report -p``, gops' ``stack``,
  ``memstats``, ``gc``, ``setgc``, ``pprof-heap``, ``pprof-cpu``, ``trace`` and ``stats``
  (its agent in the process answers; ``gops`` and ``gops tree`` list), macOS' ``sample``,
  ``spindump``, ``leaks``, ``heap``, ``vmmap`` and ``malloc_history`` given a process (not
  ``-atExit --``, which launches one, nor a ``.memgraph`` file);
- dumps: gcore(1), ``procdump``, ``createdump``, ``criu dump|pre-dump``, pstack,
  ``eu-stack -p``, ``jmap``, ``jstack`` and ``jinfo`` given a process id (jstack(1): given
  an executable and a core file they read the core), ``jcmd PID|CLASS ...`` (``jcmd``
  alone, or ``-l``, lists JVMs), ``dotnet-dump|dotnet-gcdump collect``, ``yara RULES PID``
  (yara(1): a process id as the target, last, scans its memory);
- injection and takeover: frida and frida-trace given a target (frida(1): ``frida
  [options] target`` attaches to a running process; ``-f`` spawns a new one), pyrasite,
  scanmem, reptyr(1) (not ``-l``, which makes a new terminal instead).

>>> from neuroplast.gate.shell import split_command
>>> [attaches(s) for s in split_command(
...     "gdb -p 4242; gdb ./app; strace -p 1234 -f; strace ls; py-spy dump --pid 77; "
...     "py-spy record -o p.svg -- python app.py; jcmd; jcmd 4242 Thread.print; perf top; "
...     "dlv attach 88; frida -U Twitter; frida -f ./app; jstack ./java core.1")]
[True, False, True, False, True, False, False, True, False, True, True, False, False]
"""

from __future__ import annotations

from neuroplast.gate.outputs import has_short_option, names_option, operands, option_values
from neuroplast.gate.shell import Segment

__all__ = ["attaches"]

_NO_ATTACH = frozenset({"--help", "-h", "--version", "-V", "--usage"})
# tools whose every run with an argument attaches: the argument is the process
_ALWAYS = frozenset({"gcore", "procdump", "createdump", "pstack", "pyrasite", "scanmem"})
# tools that attach when an operand is a process id (JDK tools read a core file otherwise)
_PID_OPERAND = frozenset({"jmap", "jstack", "jinfo", "asprof", "profiler.sh", "radare2",
                          "r2"})
# yara(1): yara [options] RULES... TARGET, and these options take a value
_YARA = frozenset({"yara", "yara64"})
_YARA_VALUES = frozenset({"-t", "--tag", "-i", "--identifier", "-d", "--define", "-p",
                          "--threads", "-l", "--max-rules", "-a", "--timeout", "-k",
                          "--stack-size", "-x", "--module-data", "--max-strings-per-rule"})
# tool -> the options that name the process to attach to, each from its manual
_PROCESS_OPTIONS: dict[str, tuple[str, ...]] = {
    "gdb": ("-p", "--pid"), "lldb": ("-p", "--attach-pid", "-n", "--attach-name"),
    "strace": ("-p", "--attach"), "ltrace": ("-p",), "dtrace": ("-p",),
    "dtruss": ("-p", "-n", "-W"), "bpftrace": ("-p",),
    "frida": ("-p", "--attach-pid", "-n", "--attach-name", "-N", "--attach-identifier",
              "-F", "--attach-frontmost"),
    "gdbserver": ("--attach",), "eu-stack": ("-p", "--pid"), "jhsdb": ("--pid",),
    "dotnet-trace": ("-p", "--process-id", "-n", "--name"),
    "dotnet-counters": ("-p", "--process-id", "-n", "--name"),
    "dotnet-stack": ("-p", "--process-id", "-n", "--name"),
    "austin": ("-p", "--pid"), "heaptrack": ("-p", "--pid"), "stap": ("-x", "--target-pid"),
    "jdb": ("-attach",), "node": ("-p",),  # node inspect -p PID
    # BCC's (also named NAME-bpfcc) and the DTraceToolkit's tracers of one process
    **dict.fromkeys(("opensnoop", "iosnoop", "rwsnoop", "dapptrace", "dappprof",
                     "procsystime", "syscount", "profile", "offcputime", "stackcount",
                     "funccount", "funclatency", "trace", "argdist", "memleak"),
                    ("-p", "--pid", "-n", "--name")),
}
_PROCESS_OPTIONS["frida-trace"] = _PROCESS_OPTIONS["frida"]
# tool -> (its commands that attach, the options that name the process; () when the
# command's operand is the process)
_COMMANDS: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "py-spy": (frozenset({"dump", "top", "record"}), ("-p", "--pid")),
    "rbspy": (frozenset({"record", "snapshot"}), ("-p", "--pid")),
    "samply": (frozenset({"record"}), ("-p", "--pid")),
    "perf": (frozenset({"record", "top", "trace", "stat"}), ("-p", "--pid", "-t", "--tid")),
    "trace-cmd": (frozenset({"record"}), ("-P",)),
    "criu": (frozenset({"dump", "pre-dump"}), ()), "memray": (frozenset({"attach"}), ()),
    "dlv": (frozenset({"attach"}), ()),
    "dotnet-dump": (frozenset({"collect"}), ()), "dotnet-gcdump": (frozenset({"collect"}), ()),
    "gops": (frozenset({"stack", "memstats", "gc", "setgc", "pprof-heap", "pprof-cpu",
                        "trace", "stats"}), ()),
}
# macOS' inspectors of a process named by id or name (leaks(1), sample(1), spindump(8)...)
_MACOS_INSPECTORS = frozenset({"leaks", "heap", "vmmap", "malloc_history", "sample",
                               "spindump"})
# frida's and frida-trace's options that take a value (frida(1))
_FRIDA_VALUES = frozenset({"-D", "--device", "-H", "--host", "-l", "--load", "-e", "--eval",
                           "-o", "--output", "-c", "--codeshare", "-O", "--options-file",
                           "-P", "--parameters", "--runtime", "-i", "--include", "-x",
                           "--exclude", "-I", "--include-module", "-X", "--exclude-module",
                           "-a", "--add", "-j", "--include-java-method", "-J",
                           "--exclude-java-method", "-m", "--include-objc-method", "-M",
                           "--exclude-objc-method", "-S", "--init-session", "-d",
                           "--decorate", "-p", "-n", "-N", "-f", "--file"})
# their options that take a value: an output file, a symbol or a graph to compare with
_MACOS_VALUES = frozenset({"-o", "-file", "-outputGraph", "-diffFrom", "-exclude"})
_SYSDIG_PROCESS = ("proc.pid", "proc.name", "proc.ppid", "thread.tid")


def _named(words: tuple[str, ...], options: tuple[str, ...]) -> bool:
    """Whether one of ``options`` is given (``-p 42``, ``-p42``, ``--pid=42``)."""
    return any(a.partition("=")[0] in options or (a[1:2] != "-" and a[:2] in options)
               for a in words if a.startswith("-"))


def attaches(seg: Segment) -> bool:
    """Whether ``seg`` attaches to a process already running, named by its id or its name
    (the ``attach`` act)."""
    head, argv = seg.head.removesuffix("-bpfcc"), seg.argv
    words = argv[1:]
    if not words or names_option(words, _NO_ATTACH):
        return False
    plain = [a for a in words if not a.startswith("-")]
    if head in _ALWAYS:
        return True
    if head == "reptyr":
        return not has_short_option(words, "l")
    if head in _PID_OPERAND:
        return any(a.isdigit() for a in plain)
    if head in _YARA:  # the target, last, is a process id: its memory is scanned
        target = operands(argv, _YARA_VALUES)[-1:]
        return target != [] and target[0].isdigit()
    if head == "gdb" and any(v.split()[:1] == ["attach"] for v in option_values(
            argv, ("-ex", "--eval-command", "-iex", "--init-eval-command"))):
        return True
    if head in ("frida", "frida-trace"):
        spawned = _named(words, ("-f", "--file"))
        return not spawned and (_named(words, _PROCESS_OPTIONS[head])
                                or bool(operands(argv, _FRIDA_VALUES)))
    if head in _PROCESS_OPTIONS and _named(words, _PROCESS_OPTIONS[head]):
        return head != "node" or plain[:1] == ["inspect"]
    if head == "gdb":  # gdb PROGRAM PID (gdb(1)); after --args, the program's own arguments
        return "--args" not in words and len(plain) == 2 and plain[1].isdigit()
    if head in _COMMANDS:
        commands, options = _COMMANDS[head]
        return bool(commands.intersection(plain[:1])) and (not options
                                                           or _named(words, options))
    if head == "jcmd":  # jcmd alone, or -l, lists the JVMs
        return bool(plain) and "-l" not in words
    if head in _MACOS_INSPECTORS:
        launched = "-atExit" in words
        # a path (or a .memgraph file) is a file read; a process is an id or a name
        return not launched and any("/" not in a and "." not in a
                                    for a in operands(argv, _MACOS_VALUES))
    if head == "sysdig":  # a filter that names a process, on live events (not -r FILE)
        return not (has_short_option(words, "rl") or "--read" in words) and any(
            a.startswith(_SYSDIG_PROCESS) for a in plain)
    return False
