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
  autocannon, loadtest, httperf, http_load, h2load, plow, siege (not ``-C``, which prints
  its configuration), ddosify, slowhttptest; ``vegeta attack`` (not ``report``, ``plot``,
  ``encode``); ``k6 run`` and ``k6 cloud`` (not ``inspect``, ``archive``, ``new``,
  ``login``); locust (not ``--show-task-ratio`` or ``--list``); ``jmeter -n`` (a
  non-GUI test run; the GUI only edits plans); ``artillery run|quick``; ``tsung start``
  (not ``status``, ``stop``); SIPp (sipp(1): SIP calls generated at a rate);
- network throughput and floods: iperf and iperf3 as a client (``-c HOST``; ``-s`` only
  listens), netperf, nuttcp, qperf, sockperf, ethr as a client, speed tests (Ookla's
  speedtest, speedtest-cli, speedtest-rs, fast, librespeed-cli; not their server lists),
  packets replayed or generated onto a link (tcpreplay, mausezahn, trafgen), floods
  (``ping -f``, ``l2ping -f``, ``hping3 --flood``, ``dhcpwn flood``);
- databases and caches: redis-benchmark, memtier_benchmark, pgbench (not ``-i``, which
  only creates its tables), mysqlslap, pg_test_fsync, sysbench (a test run, or a script
  read from standard input when no test is named: not ``prepare``, ``cleanup`` or
  ``help``), ``ycsb load|run``, cassandra-stress;
- this machine's disks, processors and memory, benchmarked or stressed: fio, stress,
  stress-ng, stressapptest, memtester, mbw, bonnie++, iozone, ``openssl speed``, ``7z b``,
  ``cryptsetup benchmark``, ``hashcat -b``, ``john --test``, ``xxhsum -b``, any tool's
  ``benchmark`` command or ``--benchmark`` mode, ``hdparm -t|-T`` (timed reads),
  ``ioping -R|-rapid`` or ``-i 0`` (a seek-rate test; ioping's default, one request a
  second, is a probe as ping is), geekbench, ``phoronix-test-suite benchmark|run``.

Probes at a gentle rate (ping, mtr, ioping's default), monitors (iftop, nload, vnstat) and
timing the project's own code (hyperfine, ``cargo bench``) measure without loading.

>>> from neuroplast.gate.shell import split_command
>>> [generates_load(s) for s in split_command(
...     "ab -n 10000 -c 100 https://shop.example.com/; ab -V; k6 run script.js; "
...     "k6 inspect script.js; vegeta attack -rate=500 -duration=60s; vegeta report r.bin; "
...     "iperf3 -c 10.0.0.5; iperf3 -s; redis-benchmark -q -n 100000; pgbench --version")]
[True, False, True, False, True, False, True, False, True, False]
"""

from __future__ import annotations

from neuroplast.gate.outputs import has_short_option, names_option, option_values
from neuroplast.gate.shell import Segment

__all__ = ["generates_load"]

_NO_LOAD = frozenset({"--help", "-h", "-help", "--version", "-V", "--usage"})
# -h names the server in these (pgbench(1), redis-benchmark, mysqlslap(1)); netperf(1)'s
# server is -H and its -h prints the usage
_HOST_H = frozenset({"pgbench", "redis-benchmark", "mysqlslap"})
# tools whose every run with an argument generates load (the target, a file of targets, or
# a benchmark's own defaults)
_ALWAYS = frozenset({"ab", "wrk", "wrk2", "hey", "oha", "bombardier", "autocannon",
                     "loadtest", "httperf", "http_load", "h2load", "plow", "ddosify",
                     "slowhttptest", "sipp", "nuttcp", "qperf", "sockperf", "tcpreplay",
                     "mausezahn", "mz", "trafgen", "memtier_benchmark", "fio", "stress",
                     "stress-ng", "memtester", "mbw", "cassandra-stress"})
# tools that generate load whenever they run, even with no argument
_BARE_RUNS = frozenset({"redis-benchmark", "netperf", "pgbench", "locust", "mysqlslap",
                        "pg_test_fsync", "speedtest", "speedtest-cli", "speedtest-rs", "fast",
                        "librespeed-cli", "geekbench", "geekbench5", "geekbench6", "bonnie++",
                        "stressapptest", "iozone"})
# program -> the commands, as its first plain word, that generate load
_VERBS: dict[str, frozenset[str]] = {
    "k6": frozenset({"run", "cloud"}),
    "vegeta": frozenset({"attack"}),
    "artillery": frozenset({"run", "quick", "run-fargate", "run-lambda"}),
    "ycsb": frozenset({"load", "run"}),
    "openssl": frozenset({"speed"}),
    "7z": frozenset({"b"}), "7za": frozenset({"b"}), "7zz": frozenset({"b"}),
    "cryptsetup": frozenset({"benchmark"}),
    "phoronix-test-suite": frozenset({"benchmark", "run", "batch-benchmark", "batch-run"}),
}
# (program, the options that make it load) for probes and tools that only load when told to
_WHEN: dict[str, tuple[str, ...]] = {
    "iperf": ("-c", "--client"), "iperf3": ("-c", "--client"), "ethr": ("-c",),
    "jmeter": ("-n", "--nongui"), "hping3": ("--flood",), "hping": ("--flood",),
    "hashcat": ("-b", "--benchmark"), "john": ("--test",),
    "ioping": ("-R", "-rapid", "--rapid"),
}
_SPEEDTEST_LISTS = ("--list", "-L", "--servers")
_SIEGE_PRINT = ("-C", "--config")
_LOCUST_PRINT = ("--show-task-ratio", "--show-task-ratio-json", "-l", "--list")
_FIO_PRINT = ("--showcmd", "--enghelp", "--parse-only", "--cmdhelp")
_STRESS_NG_PRINT = ("--class", "--exec-list", "--list", "--stressors")
_SYSBENCH_OTHER = frozenset({"prepare", "cleanup", "help"})


def generates_load(seg: Segment) -> bool:
    """Whether ``seg`` sends traffic or work at a service or machine to measure or stress
    its capacity (the ``load`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if any(a.partition("=")[0] in _NO_LOAD and not (a == "-h" and head in _HOST_H)
           for a in words):
        return False
    plain = [a for a in words if not a.startswith("-")]
    if plain[:1] == ["benchmark"] or "--benchmark" in words:  # any tool's benchmark mode
        return True
    if head in _VERBS:
        return bool(_VERBS[head].intersection(plain[:1]))
    if head in _WHEN:  # iperf3 -c HOST, ioping -R DIR, ioping -i 0 (flat out)
        told = names_option(words, _WHEN[head])
        attached = head in ("iperf", "iperf3") and any(a.startswith("-c") for a in words)
        flat_out = head == "ioping" and option_values(argv, ("-i", "-interval")) == ["0"]
        return told or attached or flat_out
    if head == "dhcpwn":  # dhcpwn [-i IFACE] flood|sniff
        return "flood" in plain
    if head in ("ping", "ping6", "l2ping"):  # ping(8), l2ping(1) -f: flood
        return has_short_option(words, "f")
    if head in ("xxhsum", "xxh64sum", "xxh128sum"):  # xxhsum(1) -b: benchmark mode
        return has_short_option(words, "b")
    if head == "hdparm":  # hdparm(8) -t, -T: timed device and cache reads
        return has_short_option(words, "tT")
    if head == "siege":
        return bool(words) and not any(a in _SIEGE_PRINT for a in words)
    if head == "sysbench":  # sysbench [options] [testname] [command]; no test: a script
        return not _SYSBENCH_OTHER.intersection(plain)
    if head == "tsung":  # tsung [-f FILE] start|stop|status|debug|dump
        return "start" in plain
    if head == "locust":
        return not any(a in _LOCUST_PRINT for a in words)
    if head in ("speedtest", "speedtest-cli", "speedtest-rs", "librespeed-cli") and any(
            a in _SPEEDTEST_LISTS for a in words):
        return False
    if head == "fio" and names_option(words, _FIO_PRINT):
        return False
    if head == "pgbench" and ("--initialize" in words or has_short_option(words, "i")):
        return False  # pgbench(1) -i: creates and fills its tables, as sysbench's prepare
    if head == "tcpreplay" and "--listnics" in words:
        return False
    if head == "stress-ng" and any(a in _STRESS_NG_PRINT for a in words):
        return False
    if head in _BARE_RUNS:
        return True
    return head in _ALWAYS and bool(words)
