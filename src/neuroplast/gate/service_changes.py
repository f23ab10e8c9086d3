"""Calls that change a service's definition through its manager: enabled or disabled,
masked, edited or overridden, its dependencies, properties or environment set, created,
removed, or the manager told to reload its definitions.

What a service manager holds decides what the machine runs, in what order and with what
rights, at every boot and after every failure: a unit masked never starts again, an
override changes the user it runs as or its limits, a dependency added makes one service
wait for or pull in another, and a reload makes every edited unit take effect at once
(systemctl(1), systemd.unit(5); NIST SP 800-123 4.1 and CIS Controls v8 4.8 on the services
a machine runs; NIST SP 800-53 CM-3 and CM-7; ATT&CK T1543 'Create or Modify System
Process'). A user's view of this is one view whatever manager holds the services: someone
who stops letting the agent run ``systemctl mask`` after a masked unit left a server
without its monitoring stops it for ``systemctl edit``, ``update-rc.d``, ``sc config`` and
``launchctl disable`` alike. So it is an act across programs (``gate.acts``: ``*
service``). Starting and stopping are the ``start`` and ``kill`` acts, and a service set to
run at boot is ``autostart`` too; this one is the service's definition. Each manager is
read from its own manual; status, lists, logs, cat and help are not the act:

- systemd: systemctl(1) ``enable``, ``disable``, ``reenable``, ``preset``, ``preset-all``,
  ``mask``, ``unmask``, ``link``, ``revert``, ``add-wants``, ``add-requires``, ``edit``,
  ``set-property``, ``set-default``, ``daemon-reload``, ``daemon-reexec``,
  ``set-environment``, ``unset-environment``, ``import-environment``;
- SysV and OpenRC: ``update-rc.d NAME defaults|remove|enable|disable``, ``chkconfig NAME
  on|off|reset`` and ``--add|--del``, ``rc-update add|del``, ``initctl
  reload-configuration``; the BSDs' ``sysrc NAME=VALUE`` (and ``-x``), ``rcctl
  enable|disable|set``; Solaris' ``svcadm enable|disable|refresh`` and ``svccfg``
  changes;
- launchd: ``launchctl load|unload|bootstrap|bootout|enable|disable|setenv|unsetenv``;
- process managers: ``supervisorctl reread|update|add|remove``, ``pm2
  save|startup|unstartup``;
- Windows: ``sc create|config|delete|failure|description|sdset|privs|triggerinfo``,
  ``New-Service``, ``Set-Service``, ``Remove-Service``, ``nssm
  install|remove|set|reset|edit``.

>>> from neuroplast.gate.shell import split_command
>>> [changes_service(s) for s in split_command(
...     "sudo systemctl mask nginx; systemctl status nginx; sudo systemctl edit nginx; "
...     "systemctl cat nginx; sudo update-rc.d nginx disable; sc query spooler; "
...     "sc config spooler start= disabled")]
[True, False, True, False, True, False, True]
"""

from __future__ import annotations

from neuroplast.gate.executed import global_values
from neuroplast.gate.outputs import has_short_option, leads_to, names_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["changes_service"]

_NOT_RUN = frozenset({"--help", "-h", "--version", "--dry-run"})
_ALWAYS = frozenset({"New-Service", "Set-Service", "Remove-Service"})
# manager -> (the words that lead to a verb, the verbs that change a definition)
_CHANGES: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = {
    "systemctl": (((), frozenset({
        "enable", "disable", "reenable", "preset", "preset-all", "mask", "unmask", "link",
        "revert", "add-wants", "add-requires", "edit", "set-property", "set-default",
        "daemon-reload", "daemon-reexec", "set-environment", "unset-environment",
        "import-environment"})),),
    "rc-update": (((), frozenset({"add", "del", "delete"})),),
    "initctl": (((), frozenset({"reload-configuration"})),),
    "rcctl": (((), frozenset({"enable", "disable", "set"})),),
    "svcadm": (((), frozenset({"enable", "disable", "refresh"})),),
    "svccfg": (((), frozenset({"import", "delete", "setprop", "delprop", "addpg", "delpg",
                               "apply", "setenv", "unsetenv"})),),
    "launchctl": (((), frozenset({"load", "unload", "bootstrap", "bootout", "enable",
                                  "disable", "setenv", "unsetenv"})),),
    "supervisorctl": (((), frozenset({"reread", "update", "add", "remove"})),),
    "pm2": (((), frozenset({"save", "startup", "unstartup"})),),
    "sc": (((), frozenset({"create", "config", "delete", "failure", "description", "sdset",
                           "privs", "triggerinfo"})),),
    "nssm": (((), frozenset({"install", "remove", "set", "reset", "edit"})),),
}
_CHANGES["sc.exe"] = _CHANGES["sc"]
_UPDATE_RC = frozenset({"defaults", "defaults-disabled", "remove", "enable", "disable"})
_PROGRAMS = frozenset({*_ALWAYS, *_CHANGES, "update-rc.d", "chkconfig", "sysrc"})


def changes_service(seg: Segment) -> bool:
    """Whether ``seg`` changes a service's definition through its manager (the ``service``
    act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if head not in _PROGRAMS or names_option(words, _NOT_RUN):
        return False
    if head in _ALWAYS:
        return True
    plain = operands(argv, global_values(head))
    if head == "update-rc.d":  # update-rc.d NAME defaults|remove|enable|disable
        return bool(_UPDATE_RC.intersection(plain[1:2]))
    if head == "chkconfig":  # chkconfig [--level N] NAME on|off|reset; --add, --del NAME
        return bool({"--add", "--del"}.intersection(words)) or bool(
            {"on", "off", "reset", "resetpriorities"}.intersection(plain[1:]))
    if head == "sysrc":  # sysrc NAME=VALUE writes rc.conf; -x removes; NAME alone reads
        return any("=" in a for a in plain) or has_short_option(words, "x")
    return leads_to(plain, _CHANGES[head])
