"""Commands that switch off a protection of the machine, from the tools' own manuals.

MITRE ATT&CK lists turning off a security tool, a firewall or an audit log as its own
technique (T1562, 'Impair Defenses': .001 security tools, .004 the system firewall, .012
Linux audit): whatever runs afterwards, run by anyone, meets no check. A user may do it on
purpose (a bench board, a test VM), so it is a question for them, not a verdict.

>>> from neuroplast.gate.shell import split_command
>>> line = "setenforce 0; setenforce 1; ufw disable; ufw allow 22; systemctl stop apparmor"
>>> [disables_defense(s) for s in split_command(line)]
[True, False, True, False, True]
"""

from __future__ import annotations

from neuroplast.gate.shell import Segment

__all__ = ["disables_defense"]

# (program, the words that switch its protection off), each from the program's manual:
# setenforce(8) 0/Permissive (SELinux stops enforcing); ufw(8) disable; mokutil(1)
# --disable-validation (shim stops checking what it boots); csrutil disable (System
# Integrity Protection); spctl(8) --master-disable/--global-disable (Gatekeeper);
# auditctl(8) -e 0 (auditing off) and -D (every rule deleted); iptables(8) -F/--flush
# and nft(8) flush ruleset (every firewall rule dropped).
_SWITCHES: dict[str, tuple[tuple[str, ...], ...]] = {
    "setenforce": (("0",), ("Permissive",), ("permissive",)),
    "ufw": (("disable",),),
    "mokutil": (("--disable-validation",),),
    "csrutil": (("disable",),),
    "spctl": (("--master-disable",), ("--global-disable",)),
    "auditctl": (("-e", "0"), ("-D",)),
    "iptables": (("-F",), ("--flush",)),
    "ip6tables": (("-F",), ("--flush",)),
    "nft": (("flush", "ruleset"),),
}
# aa-disable(8), aa-complain(8): an AppArmor profile unloaded or only logging
_ALWAYS = frozenset({"aa-disable", "aa-complain", "aa-teardown"})
# the services that are those protections (systemctl stop/disable/mask NAME)
_SERVICES = frozenset({"apparmor", "auditd", "firewalld", "ufw", "nftables", "iptables",
                       "fail2ban", "clamav-daemon", "clamav-freshclam", "selinux"})


def disables_defense(seg: Segment) -> bool:
    """Whether ``seg`` turns off a firewall, a security module, an audit log or a code check.

    >>> from neuroplast.gate.shell import split_command
    >>> line = "mokutil --disable-validation; auditctl -e 0; nft list ruleset; aa-complain /p"
    >>> [disables_defense(s) for s in split_command(line)]
    [True, True, False, True]
    """
    head, args = seg.head, seg.argv[1:]
    if head in _ALWAYS:
        return True
    if head == "systemctl":
        verbs = {"stop", "disable", "mask", "kill"}
        return bool(verbs & set(args)) and any(
            a.removesuffix(".service") in _SERVICES for a in args)
    return any(_contains(args, words) for words in _SWITCHES.get(head, ()))


def _contains(args: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """Whether ``words`` appear in ``args`` one right after another."""
    n = len(words)
    return any(args[i:i + n] == words for i in range(len(args) - n + 1))
