"""Calls that clear a record of what happened: a system's, service's or shell's logs or
history emptied, vacuumed, rotated away or deleted.

Logs and histories are how a user, an auditor or an investigator finds out what was done
and when; once cleared they cannot be asked again, and a regulator's retention period does
not care which tool emptied them (NIST SP 800-92 'Guide to Computer Security Log
Management' on retention; NIST SP 800-53 AU-9 'Protection of Audit Information' and AU-11
'Audit Record Retention'; ATT&CK T1070.001 'Clear Windows Event Logs', T1070.002 'Clear
Linux or Mac System Logs', T1070.003 'Clear Command History'). A user's view of this is one
view whatever tool clears: someone who stops letting the agent run ``journalctl --vacuum``
after the logs an investigation needed were gone stops it for ``history -c``, ``dmesg -C``,
``wevtutil cl``, ``log erase`` and a log file emptied by redirection alike. So it is an act
across programs (``gate.acts``: ``* log-clear``). Reading logs is ``log``; a file deleted is
also ``delete``. Each tool is read from its own manual; reading, following, listing, help and
versions are not the act:

- the shells' history: ``history -c`` and ``-d`` (bash(1)'s builtin), PowerShell's
  ``Clear-History``; a history file emptied or pointed at /dev/null (``: >
  ~/.bash_history``, ``ln -sf /dev/null ~/.zsh_history``);
- system logs: journalctl(1) ``--vacuum-size``, ``--vacuum-time``, ``--vacuum-files``,
  ``--rotate``, ``--flush`` with ``--rotate``; dmesg(1) ``-c``/``--read-clear``,
  ``-C``/``--clear``; logrotate(8) ``-f``/``--force``; macOS ``log erase``; Windows
  ``wevtutil cl|clear-log`` and PowerShell's ``Clear-EventLog``/``Remove-EventLog``;
  ``pm2 flush``, ``supervisorctl clear``;
- a log file emptied in place: ``truncate`` to size 0 or a redirection's ``>`` onto a file
  under ``/var/log`` or named ``*.log`` (``: > app.log``, ``cat /dev/null > x.log``);
- cloud log stores: ``aws logs delete-log-group|delete-log-stream|put-retention-policy``,
  ``gcloud logging logs delete``, ``az monitor log-analytics workspace table delete``.

>>> from neuroplast.gate.shell import split_command
>>> [clears_logs(s) for s in split_command(
...     "history -c; history; sudo journalctl --vacuum-time=2d; journalctl -u ssh; "
...     "sudo dmesg -C; dmesg; truncate -s 0 /var/log/syslog; : > build.log; echo x > y.txt")]
[True, False, True, False, True, False, True, True, False]
"""

from __future__ import annotations

from neuroplast.gate.outputs import has_short_option, names_option, option_values
from neuroplast.gate.shell import Segment

__all__ = ["clears_logs"]

_NOT_RUN = frozenset({"--help", "--version"})
_JOURNAL_CLEARS = ("--vacuum-size", "--vacuum-time", "--vacuum-files", "--rotate")
_HISTORY_FILES = (".bash_history", ".zsh_history", ".history", ".sh_history",
                  ".python_history", ".psql_history", ".mysql_history", ".node_repl_history",
                  "ConsoleHost_history.txt")
_ALWAYS = frozenset({"Clear-History", "Clear-EventLog", "Remove-EventLog"})
_CLOUD: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {
    "aws": (("logs",), frozenset({"delete-log-group", "delete-log-stream",
                                  "put-retention-policy"})),
    "gcloud": (("logging", "logs"), frozenset({"delete"})),
}


def _is_log(path: str) -> bool:
    """A log or history file: under /var/log, named ``*.log``, or a shell's history."""
    name = path.rsplit("/", 1)[-1]
    return path.startswith("/var/log/") or name.endswith(".log") or name in _HISTORY_FILES


def _empties_by_redirection(seg: Segment) -> bool:
    """``: > app.log``, ``cat /dev/null > x.log``, ``> ~/.bash_history``: a log file
    truncated by a redirection whose command writes nothing into it."""
    emptying = seg.head in ("", ":", "true") or seg.argv in (("cat", "/dev/null"),
                                                            ("echo", "-n"), ("printf", ""))
    return emptying and any(op.lstrip("0123456789") in (">", ">|") and _is_log(target)
                            for op, target in seg.redirects)


def clears_logs(seg: Segment) -> bool:
    """Whether ``seg`` clears logs or a history (the ``log-clear`` act)."""
    if _empties_by_redirection(seg):
        return True
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if names_option(words, _NOT_RUN):
        return False
    plain = [a for a in words if not a.startswith("-")]
    if head in _ALWAYS:
        return True
    if head == "history":  # bash(1): -c clears the list, -d deletes an entry
        return has_short_option(words, "cd")
    if head == "journalctl":
        return names_option(words, _JOURNAL_CLEARS)
    if head == "dmesg":
        return has_short_option(words, "cC") or names_option(words, ("--clear",
                                                                     "--read-clear"))
    if head == "logrotate":
        return has_short_option(words, "f") or names_option(words, ("--force",))
    if head == "log":  # macOS log(1) erase
        return plain[:1] == ["erase"]
    if head in ("wevtutil", "wevtutil.exe"):
        return bool(plain) and plain[0].lower() in ("cl", "clear-log")
    if head == "pm2":
        return plain[:1] == ["flush"]
    if head == "supervisorctl":
        return plain[:1] == ["clear"]
    if head == "truncate":  # truncate -s 0 FILE
        return option_values(argv, ("-s", "--size")) in (["0"], ["0K"]) and any(
            _is_log(p) for p in plain)
    if head == "ln":  # a history or log pointed at /dev/null
        return "/dev/null" in plain and any(_is_log(p) for p in plain)
    if head == "az":
        return plain[:4] == ["monitor", "log-analytics", "workspace", "table"] and (
            "delete" in plain[4:5])
    lead, verbs = _CLOUD.get(head, ((), frozenset()))
    return bool(lead) and tuple(plain[:len(lead)]) == lead and bool(
        verbs.intersection(plain[len(lead):len(lead) + 1]))
