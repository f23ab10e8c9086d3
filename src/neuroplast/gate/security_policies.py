"""Calls that change a machine's security policy: what its mandatory access control, its
code-trust checks or its audit rules allow, enforce or record.

A security policy decides what every program on the machine may do, whoever runs it: an
SELinux boolean turned on, a port or file context added, an AppArmor profile put in
complain mode or replaced, an audit rule deleted or a Gatekeeper rule added widens or
narrows it for all of them at once, and a mistake either opens the machine or stops its
services (NIST SP 800-53 AC-3(3) on mandatory access control, AU-2 and AU-12 on audit
events, CM-3 and CM-5 on change control; CIS Benchmarks' sections on SELinux and
AppArmor; ATT&CK T1562 'Impair Defenses'). A user's view of this is one view whatever tool
changes it: someone who stops letting the agent run ``setsebool -P`` after a boolean
opened a web server to the network stops it for ``semanage port -a``, ``aa-complain`` and
``auditctl -D`` alike. So it is an act across programs (``gate.acts``: ``* policy``).
Switching a protection off is also flagged on its own (``gate.defenses``); a firewall's
rules are the ``firewall`` act and a file's security label ``permission``; this one is the
policy. Each tool is read from its own manual; listing, status, searches, previews,
help and versions are not the act:

- SELinux: setenforce(8), setsebool(8), semanage(8) ``OBJECT -a|-d|-m|-D`` (``--add``,
  ``--delete``, ``--modify``, ``--deleteall``) and ``semanage import``, semodule(8)
  ``-i|-r|-e|-d|-R|-B|-u`` (not ``-l``, ``-E``), load_policy(8), fixfiles(8)
  ``restore|relabel|onboot`` (not ``check``, ``verify``);
- AppArmor: aa-enforce, aa-complain, aa-audit, aa-disable, aa-teardown, aa-genprof,
  aa-logprof, aa-autodep, aa-cleanprof, aa-mergeprof, aa-remove-unknown (not ``-n``),
  ``aa-update-browser -u``, apparmor_parser(8) ``-a|-r|-R`` loading into the kernel (not
  with ``-p``, ``-Q``/``--skip-kernel-load``, ``-S``/``--stdout``, ``-o``, ``-N``);
- audit rules: auditctl(8) ``-a|-A|-d|-D|-w|-W|-e|-f|-b|-r|-R`` (not ``-l``, ``-s``),
  ``augenrules --load``;
- macOS: spctl(8) assessments and rules changed (``--master-*``, ``--global-*``, ``--add``,
  ``--remove``, ``--enable``, ``--disable``), ``csrutil enable|disable|clear|
  authenticated-root enable|disable`` (System Integrity Protection);
- Windows: Defender's ``Set-MpPreference``, ``Add-MpPreference``, ``Remove-MpPreference``
  and PowerShell's ``Set-ExecutionPolicy``.

>>> from neuroplast.gate.shell import split_command
>>> [changes_security_policy(s) for s in split_command(
...     "sudo setsebool -P httpd_can_network_connect 1; getsebool -a; "
...     "semanage port -a -t http_port_t -p tcp 8081; semanage port -l; "
...     "sudo aa-complain /usr/sbin/nginx; aa-status; auditctl -D; auditctl -l")]
[True, False, True, False, True, False, True, False]
"""

from __future__ import annotations

from neuroplast.gate.outputs import has_short_option, names_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["changes_security_policy"]

_NOT_RUN = frozenset({"--help", "-h", "--version", "-V"})
_ALWAYS = frozenset({"setenforce", "setsebool", "load_policy", "aa-enforce", "aa-complain",
                     "aa-audit", "aa-disable", "aa-teardown", "aa-genprof", "aa-logprof",
                     "aa-autodep", "aa-cleanprof", "aa-mergeprof", "Set-MpPreference",
                     "Add-MpPreference", "Remove-MpPreference", "Set-ExecutionPolicy"})
_NEEDS_OPERAND = frozenset({"setenforce", "setsebool", "aa-enforce", "aa-complain",
                            "aa-audit", "aa-disable", "aa-genprof", "aa-autodep",
                            "aa-mergeprof"})
_SEMANAGE_CHANGES = frozenset({"-a", "--add", "-d", "--delete", "-m", "--modify", "-D",
                               "--deleteall"})
_SEMODULE_CHANGES = frozenset({"--install", "--remove", "--enable", "--disable", "--reload",
                               "--build", "--upgrade", "--base", "--rebuild"})
_AUDITCTL_CHANGES = frozenset({"--delete-all", "--backlog_wait_time", "--reset-lost",
                               "--loginuid-immutable"})
# apparmor_parser(8): preprocess, skip the kernel, write to standard output or a file, or
# only print the profiles' names: nothing is loaded (their short forms: -p, -Q, -S, -o, -N)
_APPARMOR_NO_LOAD = frozenset({"--preprocess", "--skip-kernel-load", "--stdout", "--ofile",
                               "--names"})
_SPCTL_CHANGES = ("--master-", "--global-", "--add", "--remove", "--enable", "--disable",
                  "--reset-default")
_CSRUTIL_CHANGES = frozenset({"enable", "disable", "clear"})
_PROGRAMS = frozenset({*_ALWAYS, "semanage", "semodule", "fixfiles", "aa-remove-unknown",
                       "aa-update-browser", "apparmor_parser", "auditctl", "augenrules",
                       "spctl", "csrutil"})


def changes_security_policy(seg: Segment) -> bool:
    """Whether ``seg`` changes what the machine's security policy allows, enforces or
    records (the ``policy`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if head not in _PROGRAMS or names_option(words, _NOT_RUN):
        return False
    plain = operands(argv, frozenset())
    if head in _ALWAYS:
        return head not in _NEEDS_OPERAND or bool(plain)
    if head == "semanage":  # semanage OBJECT -a|-d|-m|-D ..., semanage import
        return plain[:1] == ["import"] or names_option(words, _SEMANAGE_CHANGES)
    if head == "semodule":
        return has_short_option(words, "ireRdBubD") or names_option(words, _SEMODULE_CHANGES)
    if head == "fixfiles":
        return bool({"restore", "relabel", "onboot"}.intersection(plain))
    if head == "aa-remove-unknown":
        return not has_short_option(words, "n") and "--dry-run" not in words
    if head == "aa-update-browser":
        return has_short_option(words, "u") or "--update" in words
    if head == "apparmor_parser":  # -a add, -r replace, -R remove: loaded into the kernel
        loads = has_short_option(words, "arR") or bool(
            {"--add", "--replace", "--remove"}.intersection(words))
        return loads and not has_short_option(words, "pQSoN") and (
            not names_option(words, _APPARMOR_NO_LOAD))
    if head == "auditctl":
        return has_short_option(words, "aAdDwWefbrR") or names_option(words, _AUDITCTL_CHANGES)
    if head == "augenrules":
        return "--load" in words
    if head == "spctl":
        return any(a.startswith(_SPCTL_CHANGES) for a in words)
    if head == "csrutil":  # csrutil [authenticated-root] enable|disable, clear
        return bool(_CSRUTIL_CHANGES.intersection(plain[:2]))
    return False
