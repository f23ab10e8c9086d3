"""Calls that generate load: traffic or work sent at a service or machine to measure or
stress its capacity.

A load test is built to push what it aims at to its limits, so aimed at the wrong target
(production instead of staging, a shared database, a partner's API) it is an outage, a
throttled account or a bill for everyone that target serves, and from outside it looks like
a denial-of-service attack (ATT&CK T1498 and T1499; the AWS Customer Agreement and most
providers' terms require notice before testing their endpoints). A user's view of this is
one view whatever tool makes the load: someone who stops letting the agent run ``ab``
against a site stops it for ``wrk``, ``k6 run``, ``locust`` and ``vegeta attack`` alike. So
it is an act across programs (``gate.acts``: ``* load``). Each tool is read from its own
manual; help, versions, reports of earlier runs and tools' servers that only wait for a
client are not the act:

- HTTP load generators: ab(1) (ApacheBench), wrk and wrk2, hey, oha, bombardier,
  autocannon, loadtest, httperf, h2load, plow, siege (not ``-C``, which prints its
  configuration), ddosify, slowhttptest; ``vegeta attack`` (not ``report``, ``plot``,
  ``encode``); ``k6 run`` and ``k6 cloud`` (not ``inspect``, ``archive``, ``new``,
  ``login``); locust (not ``--show-task-ratio`` or ``--list``); ``jmeter -n`` (a
  non-GUI test run; the GUI only edits plans); ``artillery run|quick``; ``tsung start``
  (not ``status``, ``stop``);
- network throughput: iperf and iperf3 as a client (``-c HOST``; ``-s`` only listens),
  netperf;
- databases and caches: redis-benchmark, memtier_benchmark, pgbench, ``sysbench ...
  run``, ``ycsb load|run``, cassandra-stress;
- this machine's disks, processors and memory: fio, stress, stress-ng.

>>> from neuroplast.gate.shell import split_command
>>> [generates_load(s) for s in split_command(
...     "ab -n 10000 -c 100 https://shop.example.com/; ab -V; k6 run script.js; "
...     "k6 inspect script.js; vegeta attack -rate=500 -duration=60s; vegeta report r.bin; "
...     "iperf3 -c 10.0.0.5; iperf3 -s; redis-benchmark -q -n 100000; pgbench --version")]
[True, False, True, False, True, False, True, False, True, False]
"""

from __future__ import annotations

from neuroplast.gate.shell import Segment

__all__ = ["generates_load"]

_NO_LOAD = frozenset({"--help", "-h", "-help", "--version", "-V", "--usage"})
_HOST_H = frozenset({"pgbench", "redis-benchmark"})  # whose -h names the host, not help
# tools whose every run with an argument generates load (the target, a file of targets, or
# a benchmark's own defaults)
_ALWAYS = frozenset({"ab", "wrk", "wrk2", "hey", "oha", "bombardier", "autocannon",
                     "loadtest", "httperf", "h2load", "plow", "ddosify", "slowhttptest",
                     "netperf", "memtier_benchmark", "pgbench", "fio", "stress", "stress-ng",
                     "cassandra-stress"})
# tools that generate load whenever they run, even with no argument
_BARE_RUNS = frozenset({"redis-benchmark", "netperf", "pgbench", "locust"})
# program -> the commands, as its first plain word, that generate load
_VERBS: dict[str, frozenset[str]] = {
    "k6": frozenset({"run", "cloud"}),
    "vegeta": frozenset({"attack"}),
    "artillery": frozenset({"run", "quick", "run-fargate", "run-lambda"}),
    "ycsb": frozenset({"load", "run"}),
}
_SIEGE_PRINT = ("-C", "--config")
_LOCUST_PRINT = ("--show-task-ratio", "--show-task-ratio-json", "-l", "--list")
_FIO_PRINT = ("--showcmd", "--enghelp", "--parse-only", "--cmdhelp")
_STRESS_NG_PRINT = ("--class", "--exec-list", "--list", "--stressors")


def generates_load(seg: Segment) -> bool:
    """Whether ``seg`` sends traffic or work at a service or machine to measure or stress
    its capacity (the ``load`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if any(a.partition("=")[0] in _NO_LOAD and not (a == "-h" and head in _HOST_H)
           for a in words):
        return False
    plain = [a for a in words if not a.startswith("-")]
    if head in _VERBS:
        return bool(_VERBS[head].intersection(plain[:1]))
    if head in ("iperf", "iperf3"):  # a client sends; a server (-s) only listens
        return any(a == "-c" or a.startswith(("-c", "--client")) for a in words)
    if head == "siege":
        return bool(words) and not any(a in _SIEGE_PRINT for a in words)
    if head == "jmeter":
        return any(a in ("-n", "--nongui") for a in words)
    if head == "sysbench":  # sysbench TEST [options] prepare|run|cleanup
        return "run" in plain
    if head == "tsung":  # tsung [-f FILE] start|stop|status|debug|dump
        return "start" in plain
    if head == "locust":
        return not any(a in _LOCUST_PRINT for a in words)
    if head == "fio" and any(a.partition("=")[0] in _FIO_PRINT for a in words):
        return False
    if head == "stress-ng" and any(a in _STRESS_NG_PRINT for a in words):
        return False
    if head in _BARE_RUNS:
        return True
    return head in _ALWAYS and bool(words)
