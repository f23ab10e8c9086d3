"""Calls that profile, trace or sample programs on this machine: a program run under a
profiler or tracer, a running one sampled, or the whole system traced.

A profile or a trace records what the programs did: their call stacks, the arguments of
their system and library calls (paths, URLs, the strings they read and wrote), the command
lines of every process on the machine when it traces them all; and a system-wide
profiler needs the kernel's protections lowered (perf_event_open(2) and the
``perf_event_paranoid`` and ``kptr_restrict`` settings it reads; ATT&CK T1056 and T1057 on
what tracing collects). A user's view of this is one view whatever profiles: someone who
stops letting the agent run ``perf record`` stops it for ``valgrind``, ``strace ./app``
and ``py-spy record`` alike. So it is an act across programs (``gate.acts``: ``*
profiling``). Attaching a debugger or tracer to a running process is also ``attach``
(``gate.attaches``). Each tool is read from its own manual; help, versions, listing
probes or events, and reading a profile already recorded (``perf report``, ``pprof`` on a
saved file, ``memray flamegraph``, ``gprof`` on ``gmon.out``) are not the act, nor is
timing a command from outside (``hyperfine``, ``time``: they record nothing inside it):

- sampling and counting profilers: ``perf record|top|stat|trace|ftrace|probe`` and the
  recording of its other sub-commands (``perf sched|mem|c2c|lock|kmem|kvm|kwork|timechart
  record``), ``valgrind`` (any tool), ``samply record``, ``py-spy record|top|dump``,
  ``austin``, ``scalene``, ``memray run``, ``pyinstrument``, ``kernprof``, ``mprof run``,
  Python's ``-m cProfile|profile`` (and the profilers run as modules), ``heaptrack`` (not
  ``--analyze``), ``cargo flamegraph`` and ``flamegraph``, ``blackfire run|curl``,
  ``nsys profile``, ``rocprof``, ``xctrace record``, ``0x``, ``clinic``, async-profiler's
  ``asprof``, ``go test`` with a profile flag, ``node --prof|--cpu-prof|--heap-prof``,
  ``pprof`` fetching a profile from a server on this machine, ``gcc|g++|clang -pg|-p``
  (a binary that writes gmon.out on each run), ``pw-profiler``, ``sysprof-cli``, macOS'
  ``spindump``, ``ranger --profile``, and any program run with ``MallocStackLogging``,
  ``CPUPROFILE`` or ``HEAPPROFILE`` set;
- tracers: ``strace``, ``ltrace``, ``dtruss`` and ``dtrace`` (with a probe, script,
  command or process), ``bpftrace`` (not ``-l``, ``-d``), ``frida-trace``, ``fatrace``,
  ``dlv trace``, ``boxxy --trace``, BCC's tools
  (``opensnoop``, ``execsnoop``, ``trace``, ``funccount``, ``profile``...), ``extrace``,
  ``sysdig`` and ``csysdig`` (not ``-r`` reading a capture), ``trace-cmd
  record|start|profile|stream``, SystemTap's ``stap``, ``uftrace record|live``, ``rr
  record``, ``lttng start``.

>>> from neuroplast.gate.shell import split_command
>>> [profiles(s) for s in split_command(
...     "perf record -g ./app; perf report; valgrind ./app; strace -f ./app; hyperfine make; "
...     "py-spy record -o p.svg -- python a.py; memray flamegraph out.bin; sysdig -r x.scap; "
...     "bpftrace -l")]
[True, False, True, True, False, True, False, False, False]
"""

from __future__ import annotations

from neuroplast.gate.executed import after_global_options
from neuroplast.gate.outputs import names_option
from neuroplast.gate.paths import is_local_host
from neuroplast.gate.render import url_host
from neuroplast.gate.shell import Segment

__all__ = ["profiles"]

_NOT_PROFILING = frozenset({"--help", "-h", "--version", "-V", "help"})
# program -> the first words (after global options) that profile or trace, from its manual
_VERBS: dict[str, frozenset[str]] = {
    "perf": frozenset({"record", "top", "stat", "trace", "ftrace", "probe"}),
    "samply": frozenset({"record"}), "py-spy": frozenset({"record", "top", "dump"}),
    "memray": frozenset({"run"}), "mprof": frozenset({"run"}),
    "blackfire": frozenset({"run", "curl"}), "nsys": frozenset({"profile"}),
    "xctrace": frozenset({"record"}), "trace-cmd": frozenset({"record", "start", "profile",
                                                             "stream"}),
    "uftrace": frozenset({"record", "live"}), "rr": frozenset({"record"}),
    "lttng": frozenset({"start"}), "cargo": frozenset({"flamegraph"}),
    "dlv": frozenset({"trace"}),
    "clinic": frozenset({"doctor", "flame", "bubbleprof", "heapprofiler"}),
}
# perf's sub-commands whose own `record` profiles (perf-sched(1), perf-mem(1)...)
_PERF_RECORDING = frozenset({"sched", "mem", "c2c", "lock", "kmem", "kvm", "kwork",
                             "timechart"})
# programs every run of which profiles or traces, but help, versions and what is listed
_ALWAYS = frozenset({"valgrind", "strace", "ltrace", "dtruss", "bpftrace", "extrace",
                     "austin", "scalene", "pyinstrument", "kernprof", "heaptrack",
                     "flamegraph", "rocprof", "0x", "asprof", "pw-profiler", "sysprof-cli",
                     "stap", "sysdig", "csysdig", "opensnoop", "execsnoop", "exitsnoop",
                     "biosnoop", "tcpconnect", "tcpaccept", "tcplife", "tcptop", "funccount",
                     "funclatency", "offcputime", "runqlat", "biolatency", "argdist",
                     "stackcount", "gethostlatency", "ext4slower", "trace", "frida-trace",
                     "fatrace", "spindump",
                     # Python's profilers as modules (``python -m cProfile`` runs cProfile)
                     "cProfile", "profile", "line_profiler", "yappi"})
# an _ALWAYS program's options that only list, read a capture or analyse a saved profile
_ALWAYS_NOT = {"bpftrace": ("-l", "-d", "--dry-run"), "stap": ("-l", "-L"),
               "sysdig": ("-r", "--read", "-cl", "--list-chisels", "-l", "--list"),
               "csysdig": ("-r", "--read"), "heaptrack": ("-a", "--analyze")}
# _ALWAYS programs that alone only print their usage
_NEEDS_TARGET = frozenset({"trace", "flamegraph"})
# dtrace(1) traces only with a probe, a D script, a command, a process or the anonymous
# enabling (-a) named
_DTRACE_TARGETS = ("-n", "-s", "-c", "-p", "-P", "-m", "-f", "-i", "-a")
# environment variables that make whatever runs record a profile: Apple's malloc(3)
# "MallocStackLogging" (the backtrace of every allocation), gperftools' CPUPROFILE and
# HEAPPROFILE
_PROFILING_ENV = ("MallocStackLogging=", "MallocStackLoggingNoCompact=", "CPUPROFILE=",
                  "HEAPPROFILE=")
# options by which a program traces or profiles itself or what it runs (boxxy's manual:
# "--trace: trace what files a program touches"; ranger's: "--profile: print statistics
# of CPU usage on exit")
_TRACING_OPTIONS = {"boxxy": ("-t", "--trace"), "ranger": ("--profile",)}
# go test's flags that write a profile of the tests it runs (go help testflag)
_GO_PROFILES = ("-cpuprofile", "-memprofile", "-blockprofile", "-mutexprofile", "-trace",
                "-test.cpuprofile", "-test.memprofile")
_NODE_PROFILES = ("--prof", "--cpu-prof", "--heap-prof")
_COMPILERS = frozenset({"gcc", "g++", "cc", "c++", "clang", "clang++"})


def profiles(seg: Segment) -> bool:
    """Whether ``seg`` profiles, traces or samples a program or the system (the
    ``profiling`` act)."""
    head, argv = seg.head, seg.argv
    # help and versions are the profiler's own only where they lead: `perf record python3
    # --version` profiles python3
    if names_option(argv[1:3], _NOT_PROFILING):
        return False
    if any(w.startswith(_PROFILING_ENV) for w in seg.prefix):
        return True
    words = after_global_options(head, argv)
    plain = [w for w in words if not w.startswith("-")]
    if head in _TRACING_OPTIONS:
        return names_option(argv[1:], _TRACING_OPTIONS[head])
    if head == "dtrace":
        return names_option(argv[1:], _DTRACE_TARGETS) and not names_option(argv[1:], ("-l",))
    if head in _ALWAYS:
        if names_option(argv[1:], _ALWAYS_NOT.get(head, ())):
            return False
        return len(argv) > 1 or head not in _NEEDS_TARGET
    if head == "perf" and plain[:1] and plain[0] in _PERF_RECORDING and plain[1:2] == ["record"]:
        return True
    if head == "go":
        return plain[:1] == ["test"] and names_option(argv[1:], _GO_PROFILES)
    if head == "node":
        return names_option(argv[1:], _NODE_PROFILES)
    if head == "pprof":  # a profile fetched from a server here, not a saved file
        return any(is_local_host(url_host(a)) for a in argv[1:]
                   if a.startswith(("http://", "https://")))
    if head in _COMPILERS:  # gcc(1) -pg and -p: code that writes a profile on each run
        return names_option(argv[1:], ("-pg", "-p"))
    return bool(plain) and plain[0] in _VERBS.get(head, frozenset())
