"""Calls that change how the kernel schedules processes: a process's, a service's, a
container's or a guest's niceness, real-time policy and priority, I/O class and priority,
processor affinity or processor share (quota, weight, throttle), for a program the call
starts or one already running.

A process given more of the machine takes it from every other: a real-time policy or a
raised priority can starve the rest, including what keeps the machine reachable, an
affinity can put a job on the cores reserved for a latency-critical one, and a lowered
share or a throttle can slow a service that was meeting its deadlines (sched(7) on
SCHED_FIFO and SCHED_RR starving other threads; the kernel's real-time group scheduling and
``isolcpus`` documentation; nice(1), renice(1), ionice(1), chrt(1), taskset(1); NIST SP
800-53 SC-6 'Resource Availability' and CM-3 'Configuration Change Control'). A user's view
of this is one view whatever tool changes it, and whether the process is started with it or
changed while it runs: someone who stops letting the agent run ``chrt -p`` after a
re-prioritised ingest starved a demodulator stops it for ``nice``, ``ionice -c``,
``taskset``, ``systemd-run -p CPUQuota=`` and ``docker update --cpus`` alike. So it is an
act across programs (``gate.acts``: ``* priority``). What a process may use up (memory,
open files: resource limits), how many processors a guest has, and the processors' own
frequency and power policy (a ``setting``) are not its share of them and not the act; nor
is a job's place in a scheduler's queue (``submit``). Each tool is read from its own manual;
printing a process's current values, help and versions are not the act:

- a command started with a scheduling: nice(1) with a command (``nice`` alone prints);
  ionice(1) with a class or level (``-c``, ``-n``) and a command; ``chrt [POLICY] PRIORITY
  COMMAND``; ``taskset MASK COMMAND`` and ``taskset -c LIST COMMAND``; numactl(8)
  ``--cpunodebind``/``-N`` and ``--physcpubind``/``-C`` (its memory policies, ``--show`` and
  ``--hardware`` are not); schedtool(8) with a policy, priority, nice value, affinity or
  command; macOS's taskpolicy(8); FreeBSD's rtprio(1) and idprio(1) with a priority, and
  cpuset(1) (not ``-g``); Windows' ``start`` with a priority class or ``/affinity``; a
  daemon told its own niceness (distccd(1) ``-N``/``--nice``, slurmctld(8),
  slurmd(8) and slurmdbd(8) ``-n``);
- a running process: renice(1); ``ionice -p|-P|-u`` with a class or level (alone it prints);
  ``chrt -p PRIORITY PID`` (``chrt -p PID`` alone prints); ``taskset -p MASK PID`` and
  ``-pc LIST PID`` (with only a PID it prints); cpulimit(1), on a process or a command;
  Toybox's ``iorenice PID CLASS``; control groups: ``cgclassify``, ``cgcreate``,
  ``cgdelete``, ``cgset`` and ``cgexec`` on the cpu, cpuset, io and blkio controllers;
- a service, container or guest: systemd-run(1) ``--nice`` and ``systemctl set-property``
  or ``systemd-run -p`` with a scheduling property of systemd.exec(5) or
  systemd.resource-control(5) (``Nice=``, ``CPUSchedulingPolicy=``, ``CPUAffinity=``,
  ``IOSchedulingClass=``, ``CPUWeight=``, ``CPUQuota=``, ``AllowedCPUs=``, ``IOWeight=``...);
  systemd-nspawn(1) ``--cpu-affinity``; ``docker|podman|nerdctl run|create|update`` with
  ``--cpus``, ``--cpu-shares``/``-c``, ``--cpu-quota``, ``--cpu-period``, ``--cpuset-cpus``,
  ``--cpu-rt-runtime``, ``--cpu-rt-period``, ``--blkio-weight``; ``kubectl set resources``
  with a ``cpu=`` request or limit; Proxmox's ``pct`` and ``qm`` ``--cpulimit``,
  ``--cpuunits``, ``--affinity``; virsh(1) ``schedinfo`` with ``--set`` or a value,
  ``vcpupin``, ``emulatorpin`` and ``iothreadpin`` with a CPU list, ``blkiotune --weight``;
  VBoxManage's ``cpuexecutioncap``; LXD's and Incus's ``config set`` of ``limits.cpu.*`` and
  the ``*.priority`` limits;
- a script's own call, in code handed to an interpreter (``python -c``, ``perl -e``...):
  ``os.nice``, ``os.setpriority``, ``os.sched_setscheduler``, ``os.sched_setaffinity``,
  psutil's ``nice(N)``, ``ionice(...)`` and ``cpu_affinity([...])``, Ruby's
  ``Process.setpriority``, PowerShell's ``PriorityClass`` and ``ProcessorAffinity``
  assigned.

>>> from neuroplast.gate.shell import split_command
>>> [changes_priority(s) for s in split_command(
...     "sudo renice -n -5 -p 4242; ionice -p 4242; ionice -c 3 -p 4242; chrt -p 4242; "
...     "chrt -p 80 4242; taskset -p 4242; taskset -pc 2-3 4242; nice -n 10 make; nice; "
...     "docker update --cpus 2 web; docker update --memory 1g web")]
[True, False, True, False, True, False, True, True, False, True, False]
"""

from __future__ import annotations

import re

from neuroplast.gate.outputs import has_short_option, names_option, operands, script_matches
from neuroplast.gate.shell import Segment

__all__ = ["changes_priority"]

_NOT_RUN = frozenset({"--help", "-h", "--version", "-V"})
# a script's own scheduling calls (os(3) in Python, perlfunc setpriority, Ruby's Process,
# psutil's Process methods given a value, .NET's Process properties assigned)
_SCRIPT_CALLS = re.compile(
    r"\bos\.(?:nice|setpriority|sched_setscheduler|sched_setparam|sched_setaffinity)\s*\("
    r"|\bsetpriority\s*\(|Process\.setpriority\b"
    r"|\.(?:nice|ionice)\s*\(\s*[^)\s]|\.cpu_affinity\s*\(\s*\["
    r"|\.(?:PriorityClass|ProcessorAffinity)\s*=")
# systemd.exec(5) and systemd.resource-control(5): the properties that schedule
_UNIT_PROPERTIES = ("Nice=", "CPUSchedulingPolicy=", "CPUSchedulingPriority=",
                    "CPUSchedulingResetOnFork=", "CPUAffinity=", "IOSchedulingClass=",
                    "IOSchedulingPriority=", "CPUWeight=", "StartupCPUWeight=", "CPUShares=",
                    "StartupCPUShares=", "CPUQuota=", "CPUQuotaPeriodSec=", "AllowedCPUs=",
                    "StartupAllowedCPUs=", "IOWeight=", "StartupIOWeight=", "IODeviceWeight=",
                    "BlockIOWeight=", "StartupBlockIOWeight=", "BlockIODeviceWeight=")
_CONTAINER_OPTIONS = frozenset({"--cpus", "--cpu-shares", "--cpu-quota", "--cpu-period",
                                "--cpuset-cpus", "--cpu-rt-runtime", "--cpu-rt-period",
                                "--blkio-weight", "--blkio-weight-device"})
_CONTAINER_COMMANDS = frozenset({"run", "create", "update"})
_GUEST_OPTIONS = frozenset({"--cpulimit", "--cpuunits", "--affinity"})
_SCHEDULING_CONTROLLERS = ("cpu", "cpuset", "cpuacct", "io", "blkio")
_CHRT_POLICIES = frozenset({"--fifo", "--rr", "--deadline", "--batch", "--idle", "--other"})
_RUNNING = frozenset({"--pid", "--pgid", "--uid"})
_IONICE_SETS = frozenset({"--class", "--classdata"})
_IONICE_VALUES = frozenset({"-c", "-n", "-p", "-P", "-u", "--class", "--classdata", "--pid",
                            "--pgid", "--uid"})
_NUMACTL_CPUS = frozenset({"--cpunodebind", "-N", "--physcpubind", "-C"})
_SCHEDTOOL_SETS = "NFRBIDpnae"
_DAEMON_NICE: dict[str, frozenset[str]] = {
    "distccd": frozenset({"-N", "--nice"}), "slurmctld": frozenset({"-n"}),
    "slurmd": frozenset({"-n"}), "slurmdbd": frozenset({"-n"}),
}
_WINDOWS_START = ("/low", "/belownormal", "/normal", "/abovenormal", "/high", "/realtime",
                  "/affinity")
_ALWAYS = frozenset({"renice", "taskpolicy", "cpulimit"})


def _nice_or_ionice_wraps(seg: Segment) -> bool:
    """nice(1) with a command, or ionice(1) with a class or level and a command, which the
    shell reader peels off as wrappers."""
    if "nice" in seg.wrappers:
        return True
    return "ionice" in seg.wrappers and (
        has_short_option(seg.prefix, "cn") or names_option(seg.prefix, _IONICE_SETS))


def _controllers_named(words: tuple[str, ...]) -> bool:
    """Whether a control-group command names a scheduling controller (``-g cpu,cpuacct:batch``,
    ``-r cpu.shares=100``; not ``memory:batch``)."""
    for word in words:
        if word.startswith("-"):
            continue
        named = word.split(":")[0].split(",") if ":" in word else [word.split(".")[0]]
        if any(name in _SCHEDULING_CONTROLLERS for name in named):
            return True
    return False


def changes_priority(seg: Segment) -> bool:
    """Whether ``seg`` changes how processes are scheduled (the ``priority`` act)."""
    if _nice_or_ionice_wraps(seg):
        return True
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if names_option(words, _NOT_RUN):
        return False
    running = has_short_option(words, "p") or names_option(words, _RUNNING)
    given = operands(argv, frozenset())
    if head in _ALWAYS:
        return bool(words)
    if script_matches(seg, _SCRIPT_CALLS):
        return True
    if head == "ionice":  # a class or level, for a running process or a command
        sets = has_short_option(words, "cn") or names_option(words, _IONICE_SETS)
        return sets and (running or has_short_option(words, "Pu") or bool(
            operands(argv, _IONICE_VALUES)))
    if head == "chrt":  # chrt -p [PRIORITY] PID; chrt [POLICY] PRIORITY COMMAND; -m prints
        if has_short_option(words, "m") or "--max" in words:
            return False
        return len(given) >= 2 or (not running and (
            has_short_option(words, "frdbio") or names_option(words, _CHRT_POLICIES)))
    if head == "taskset":  # taskset -p [MASK] PID; taskset MASK|-c LIST COMMAND
        return len(given) >= 2 if running else bool(given)
    if head == "numactl":
        return names_option(words, _NUMACTL_CPUS)
    if head in ("cgcreate", "cgdelete", "cgset", "cgclassify", "cgexec"):
        return _controllers_named(words)
    if head == "schedtool":  # a PID alone prints its scheduling
        return has_short_option(words, _SCHEDTOOL_SETS)
    if head in ("rtprio", "idprio"):  # a priority first; -PID alone reports
        return bool(given)
    if head == "cpuset":  # FreeBSD cpuset(1): -g only gets
        return bool(words) and not has_short_option(words, "g")
    if head == "iorenice":  # Toybox: iorenice PID [CLASS [PRIORITY]]; a PID alone prints
        return len(given) >= 2
    if head in _DAEMON_NICE:
        return names_option(words, _DAEMON_NICE[head])
    if head in ("start", "cmd"):
        return any(w.lower().startswith(_WINDOWS_START) for w in words)
    return _changes_unit_or_guest(head, argv, given)


def _changes_unit_or_guest(head: str, argv: tuple[str, ...], given: list[str]) -> bool:
    """A service's, container's or guest's scheduling, set through its manager."""
    words = argv[1:]
    if head == "systemd-run":
        return names_option(words, ("--nice",)) or any(
            w.startswith(_UNIT_PROPERTIES) or w.startswith(
                tuple(f"--property={p}" for p in _UNIT_PROPERTIES)) for w in words)
    if head == "systemctl":
        return given[:1] == ["set-property"] and any(
            w.startswith(_UNIT_PROPERTIES) for w in given[2:])
    if head == "systemd-nspawn":
        return names_option(words, ("--cpu-affinity",))
    if head in ("docker", "podman", "nerdctl"):
        commands = [w for w in given[:2] if w != "container"]
        # -c is --cpu-shares, but after run's image it is the command's own (sh -c)
        return commands[:1] != [] and commands[0] in _CONTAINER_COMMANDS and (
            names_option(words, _CONTAINER_OPTIONS) or (commands[0] == "update"
                                                        and "-c" in words))
    if head == "kubectl":
        return given[:2] == ["set", "resources"] and any("cpu=" in w for w in words)
    if head in ("pct", "qm"):
        return names_option(words, _GUEST_OPTIONS)
    if head == "virsh":
        verb = given[0] if given else ""
        if verb == "schedinfo":
            return "--set" in words or any("=" in w for w in given[1:])
        pinned = {"vcpupin": 4, "emulatorpin": 3, "iothreadpin": 4}.get(verb)
        if pinned:
            return len(given) >= pinned
        return verb == "blkiotune" and names_option(words, ("--weight", "--device-weights"))
    if head.lower() == "vboxmanage":
        return any(w.lower().lstrip("-") == "cpuexecutioncap" for w in words)
    if head in ("lxc", "incus"):
        return given[:2] == ["config", "set"] and any(
            w.startswith("limits.cpu.") or (w.startswith("limits.") and w.endswith(".priority"))
            for w in given[2:])
    return False
