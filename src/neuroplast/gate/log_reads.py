"""Calls that read a system's or a service's logs: the journal, the kernel's ring buffer,
a container's, cluster's or cloud's log store, login records, or files under ``/var/log``.

Logs record what a service's users did: their addresses, names, requests and, too often,
what they typed (OWASP Logging Cheat Sheet, 'Data to exclude': session identifiers,
personal data and secrets end up in logs; its 'Protection' section asks that log data be
read only by whom it must be; GDPR recital 30 and the CJEU's *Breyer* ruling make an IP
address personal data; NIST SP 800-92 'Guide to Computer Security Log Management' 4.3 on
protecting logs' confidentiality). A user's view of this is one view whatever tool reads
them: someone who stops letting the agent run ``journalctl`` on a production host stops
it for ``kubectl logs``, ``aws logs tail`` and ``tail /var/log/auth.log`` alike. So it is
an act across programs (``gate.acts``: ``* log``). Each tool is read from its own manual;
clearing, rotating or sizing a log store, help and versions are not the act:

- the journal and the kernel: journalctl(1) (not ``--vacuum-*``, ``--rotate``, ``--flush``,
  ``--sync``, ``--disk-usage``, ``--list-boots``, ``--setup-keys``, ``--update-catalog``,
  ``--header``, ``--new-id128``), dmesg(1) (not ``-C``/``--clear`` alone, nor ``-D``,
  ``-E`` or ``-n``, which set the console), OpenWrt's ``logread``, macOS ``log
  show|stream|collect``, Windows ``wevtutil qe``, ``Get-WinEvent``, ``Get-EventLog``;
- login and audit records: last(1), lastb, lastlog(8), utmpdump(1), ausearch(8),
  aureport(8);
- containers and clusters: ``docker|podman|nerdctl|crictl logs``, ``docker container|service
  logs``, ``docker compose logs`` (and docker-compose, podman-compose), ``kubectl|oc
  logs``, stern, kubetail, ``nomad alloc logs``, ``pm2 logs``, ``supervisorctl tail``;
- clouds and platforms: ``aws logs tail|get-log-events|filter-log-events|start-query|
  get-query-results``, ``aws cloudtrail lookup-events``, ``gcloud logging read|tail``,
  ``gcloud app logs read|tail``, ``gcloud functions logs read``, ``az monitor
  log-analytics query``, ``az webapp log tail|download``, ``az containerapp logs show``,
  ``heroku logs``, ``fly logs``, ``vercel logs``, ``railway logs``, ``wrangler tail``,
  ``firebase functions:log``, ``eb logs``, ``cf logs``, Grafana Loki's ``logcli query``;
- log viewers, whatever they are given: lnav, goaccess, multitail;
- any reader of files (``cat``, ``less``, ``tail``, ``grep``, ``zcat``...) given a file
  under ``/var/log`` (FHS 3.0 5.10: 'Log files and directories') or macOS's
  ``/Library/Logs`` and ``/private/var/log``.

``systemctl status`` also prints a unit's last journal lines, but its manual's job is the
unit's state; it is left out, so that a status check is not a log read.

>>> from neuroplast.gate.shell import split_command
>>> [reads_logs(s) for s in split_command(
...     "journalctl -u nginx --since today; journalctl --vacuum-time=2d; kubectl logs web-0; "
...     "kubectl get pods; tail -n 50 /var/log/auth.log; tail -n 50 app.txt; "
...     "aws logs tail /ecs/api --follow; aws logs describe-log-groups; dmesg -C")]
[True, False, True, False, True, False, True, False, False]
"""

from __future__ import annotations

from neuroplast.gate.executed import global_values
from neuroplast.gate.outputs import has_short_option, leads_to, names_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["reads_logs"]

_NOT_RUN = frozenset({"--help", "--version"})
_JOURNAL_NOT_READING = ("--vacuum-size", "--vacuum-time", "--vacuum-files", "--rotate",
                        "--flush", "--sync", "--disk-usage", "--list-boots", "--setup-keys",
                        "--update-catalog", "--header", "--new-id128", "--relinquish-var",
                        "--smart-relinquish-var", "--verify")
_ALWAYS = frozenset({"last", "lastb", "lastlog", "utmpdump", "ausearch", "aureport", "stern",
                     "kubetail", "logread", "lnav", "goaccess", "multitail", "Get-WinEvent",
                     "Get-EventLog"})
_LOGS = (((), frozenset({"logs"})),)
# program -> (the words that lead to a verb, the verbs that read logs), each from its manual;
# the words are the sub-command and the plain words after it
_LOG_READS: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = {
    **dict.fromkeys(("podman", "nerdctl", "crictl", "kubectl", "oc", "docker-compose",
                     "podman-compose", "heroku", "fly", "flyctl", "vercel", "railway", "eb",
                     "cf", "pm2"), _LOGS),
    "docker": (*_LOGS, (("container",), frozenset({"logs"})), (("service",), frozenset({"logs"})),
               (("compose",), frozenset({"logs"}))),
    "supervisorctl": (((), frozenset({"tail"})),), "wrangler": (((), frozenset({"tail"})),),
    "firebase": (((), frozenset({"functions:log"})),),
    "wevtutil": (((), frozenset({"qe", "query-events"})),),
    "log": (((), frozenset({"show", "stream", "collect"})),),
    "logcli": (((), frozenset({"query"})),), "nomad": ((("alloc",), frozenset({"logs"})),),
    "aws": ((("logs",), frozenset({"tail", "get-log-events", "filter-log-events", "start-query",
                                    "get-query-results"})),
            (("cloudtrail",), frozenset({"lookup-events"}))),
    "gcloud": ((("logging",), frozenset({"read", "tail"})),
               (("app", "logs"), frozenset({"read", "tail"})),
               (("functions", "logs"), frozenset({"read"}))),
    "az": ((("monitor", "log-analytics"), frozenset({"query"})),
           (("webapp", "log"), frozenset({"tail", "download"})),
           (("containerapp", "logs"), frozenset({"show"}))),
}
# programs that print or search the files they are given (coreutils, less(1), grep(1)...)
_FILE_READERS = frozenset({"cat", "tac", "less", "more", "most", "head", "tail", "grep",
                           "egrep", "fgrep", "zgrep", "zegrep", "rg", "ag", "ack", "zcat",
                           "zless", "zmore", "bzcat", "xzcat", "zstdcat", "awk", "gawk", "mawk",
                           "cut", "sort", "uniq", "bat", "batcat", "view", "strings", "jq",
                           "Get-Content"})
_LOG_DIRS = ("/var/log/", "/private/var/log/", "/Library/Logs/", "~/Library/Logs/")
_LOG_DIR_NAMES = frozenset(d.rstrip("/") for d in _LOG_DIRS)

_PROGRAMS = frozenset({*_ALWAYS, *_LOG_READS, "journalctl", "dmesg", *_FILE_READERS})


def _under_log_dir(word: str) -> bool:
    return word.startswith(_LOG_DIRS) or word.rstrip("/") in _LOG_DIR_NAMES


def reads_logs(seg: Segment) -> bool:
    """Whether ``seg`` reads a system's or a service's logs (the ``log`` act)."""
    head, words = seg.head, seg.argv[1:]
    if head not in _PROGRAMS or names_option(words, _NOT_RUN):
        return False
    if head in _FILE_READERS:
        return any(_under_log_dir(a) for a in words if not a.startswith("-"))
    if head in _ALWAYS:
        return True
    if head == "journalctl":
        return not names_option(words, _JOURNAL_NOT_READING)
    if head == "dmesg":  # -C alone clears; -D, -E, -n and --console-* set the console
        return words not in (("-C",), ("--clear",)) and not (
            has_short_option(words, "DEn") or any(a.startswith("--console") for a in words))
    return leads_to(operands(seg.argv, global_values(head)),
                    _LOG_READS[head])
