"""Calls that change how much of the machine running processes get: their processor or I/O
priority, scheduling policy, processor affinity, a processor limit, their control group,
or the processors' own frequency policy.

A process given more of the machine takes it from every other: a real-time policy or a
raised priority can starve the rest, including what keeps the machine reachable, an
affinity or a CPU limit can slow a service that was meeting its deadlines, and a control
group's limits hold for everything in it (sched(7) on SCHED_FIFO and SCHED_RR starving
other threads; renice(1), ionice(1), taskset(1), cgroups(7); NIST SP 800-53 SC-6 'Resource
Availability'). A user's view of this is one view whatever tool changes it: someone who
stops letting the agent run ``renice`` after a re-prioritised batch job starved a feed
handler stops it for ``chrt``, ``ionice -p``, ``taskset -p`` and ``cgset`` alike. So it is
an act across programs (``gate.acts``: ``* priority``). A command merely launched with a
lower priority (``nice make``, ``ionice -c3 tar``) gives way to the others and is not the
act; a service's own limits are ``service``. Each tool is read from its own manual;
printing a process's current values, help and versions are not the act:

- a running process: renice(1); ``ionice -p PID`` with a class or level (``-c``, ``-n``;
  alone it prints); ``chrt -p PRIORITY PID`` (``chrt -p PID`` alone prints); ``taskset -p
  MASK PID`` and ``-pc LIST PID`` (with only a PID it prints); cpulimit(1) on a running
  process (``-p``, ``-e``, ``-P``); ``prlimit --pid PID`` with a resource set;
- a command launched under a real-time policy: ``chrt -f|-r|-d`` (``--fifo``, ``--rr``,
  ``--deadline``);
- control groups: cgcreate, cgdelete, cgset, cgclassify;
- the processors: ``cpupower frequency-set|set``, ``cpufreq-set``.

>>> from neuroplast.gate.shell import split_command
>>> [changes_priority(s) for s in split_command(
...     "sudo renice -n -5 -p 4242; ionice -p 4242; ionice -c 3 -p 4242; chrt -p 4242; "
...     "chrt -p 80 4242; taskset -p 4242; taskset -pc 2-3 4242; nice -n 10 make")]
[True, False, True, False, True, False, True, False]
"""

from __future__ import annotations

from neuroplast.gate.outputs import has_short_option, names_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["changes_priority"]

_NOT_RUN = frozenset({"--help", "-h", "--version", "-V"})
_ALWAYS = frozenset({"renice", "cgcreate", "cgdelete", "cgset", "cgclassify", "cpufreq-set"})
_REALTIME = frozenset({"--fifo", "--rr", "--deadline"})
_PRLIMIT_RESOURCES = ("--as", "--core", "--cpu", "--data", "--fsize", "--locks", "--memlock",
                      "--msgqueue", "--nice", "--nofile", "--nproc", "--rss", "--rtprio",
                      "--rttime", "--sigpending", "--stack")
_PROGRAMS = frozenset({*_ALWAYS, "ionice", "chrt", "taskset", "cpulimit", "prlimit",
                       "cpupower"})


def changes_priority(seg: Segment) -> bool:
    """Whether ``seg`` changes how much of the machine running processes get (the
    ``priority`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if head not in _PROGRAMS or names_option(words, _NOT_RUN):
        return False
    if head in _ALWAYS:
        return bool(words)
    given = operands(argv, frozenset())
    running = has_short_option(words, "p") or any(a.startswith("--pid") for a in words)
    if head == "ionice":  # ionice -p PID alone prints its class and level
        return running and (has_short_option(words, "cn") or any(
            a.startswith(("--class", "--classdata")) for a in words))
    if head == "chrt":  # chrt -p [PRIORITY] PID; chrt POLICY PRIORITY COMMAND
        if running:
            return len(given) >= 2
        return has_short_option(words, "frd") or bool(_REALTIME.intersection(words))
    if head == "taskset":  # taskset -p [MASK] PID, taskset -pc LIST PID
        return running and len(given) >= 2
    if head == "cpulimit":  # on a running process: -p PID, -e NAME, -P PATH
        return has_short_option(words, "peP") or any(
            a.startswith(("--pid", "--exe", "--path")) for a in words)
    if head == "prlimit":
        return running and (any(a.startswith(_PRLIMIT_RESOURCES) for a in words)
                            or has_short_option(words, "AcdefilmnqrRstuy"))
    if head == "cpupower":  # cpupower [-c CPUS] frequency-set|set ...
        return bool({"frequency-set", "set"}.intersection(
            operands(argv, frozenset({"-c", "--cpu"}))[:1]))
    return False
