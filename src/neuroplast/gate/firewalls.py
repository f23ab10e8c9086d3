"""Calls that change a firewall's rules: what may reach a machine or a network, and what
may leave it.

A firewall rule decides, for every later connection, who gets in: one opened port exposes
a service to a whole network, one flushed chain drops every protection at once. A user's
view of this is one view whatever tool writes the rule: someone who stops letting the agent
run ``ufw allow`` stops it for ``iptables -A``, ``firewall-cmd --add-port``, ``pfctl -f``
and a cloud security group alike. So it is an act across programs (``gate.acts``: ``*
firewall``). Each tool is read from its own manual; listing, checking and status change
nothing:

- Linux: iptables(8)/ip6tables/ebtables/arptables ``-A``, ``-I``, ``-D``, ``-R``,
  ``-F``, ``-X``, ``-N``, ``-P``, ``-E``, ``-Z`` (not ``-L``, ``-S``, ``-C``),
  ``iptables-restore``; nft(8) ``add|insert|delete|flush|replace|create|destroy|reset``
  and ``-f FILE`` (not ``list``); ufw(8) ``allow|deny|reject|limit|delete|insert|prepend|
  enable|disable|reset|default|route|reload`` (not ``status``, ``show``, ``app list``);
  firewall-cmd(1) ``--add-*``, ``--remove-*``, ``--set-*``, ``--new-*``, ``--delete-*``,
  ``--change-*``, ``--reload``, ``--complete-reload``, ``--runtime-to-permanent``,
  ``--panic-on|off`` (not ``--list-*``, ``--get-*``, ``--query-*``, ``--state``);
  ``ipset add|del|create|destroy|flush|restore|swap``;
- macOS and BSD: pfctl(8) ``-e``, ``-d``, ``-f``, ``-F``, ``-k``, ``-T add|delete|flush|
  replace|load`` (not ``-s``); the application firewall's ``socketfilterfw
  --setglobalstate|--add|--remove|--block|--unblock...`` (not ``--get*``);
- Windows: ``netsh advfirewall|firewall`` with ``set|add|delete|reset|import``;
  PowerShell's ``New|Set|Remove|Enable|Disable-NetFirewallRule`` and ``Set-NetFirewallProfile``;
- cloud: ``aws ec2 authorize-security-group-ingress|egress``,
  ``revoke-security-group-*``, ``modify-security-group-rules``; ``gcloud compute
  firewall-rules create|update|delete``; ``az network nsg rule create|update|delete``;
  ``doctl compute firewall create|update|delete|add-rules|remove-rules`` and ``doctl
  databases firewalls append|replace|remove`` (aliases ``d``, ``db``, ``fw``, ``a``,
  ``rm``); ``hcloud firewall`` changes; Exoscale's ``exo compute security-group
  create|delete`` and ``rule add|delete``; OpenStack's ``security group [rule]
  create|delete|set``; Linode's ``linode-cli firewalls create|delete|update|rules-update``;
  IBM Cloud's ``is security-group-rule-add|-update|-delete``; Cloudflare's ``flarectl
  firewall`` rule and access-rule changes;
- the tools that write a host's rules for it: fail2ban-client ``set JAIL
  banip|unbanip|addignoreip|delignoreip``, ``banip``, ``unban``, ``start``, ``stop``,
  ``reload``, ``restart`` (a ban is a rule); Proxmox VE's ``pve-firewall
  start|stop|restart``; Shorewall's ``start|stop|restart|reload|clear|safe-start``;
  ConfigServer's ``csf`` allow, deny, remove, enable, disable and temporary rules;
  ``ipfw add|delete|flush``; ``firewall-offline-cmd`` as firewall-cmd;
- a firewall's own service started, stopped or disabled through the service manager
  (``systemctl start|stop|restart|disable|mask firewalld|ufw|nftables|iptables|...``),
  which switches it on or off as ``ufw enable|disable`` does.

>>> from neuroplast.gate.shell import split_command
>>> [changes_firewall(s) for s in split_command(
...     "sudo ufw allow 22/tcp; ufw status; iptables -F; iptables -L -n; "
...     "firewall-cmd --permanent --add-port=8080/tcp; firewall-cmd --list-all; "
...     "gcloud compute firewall-rules create open --allow tcp:22")]
[True, False, True, False, True, False, True]
"""

from __future__ import annotations

from neuroplast.gate.executed import global_values
from neuroplast.gate.outputs import names_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["changes_firewall"]

_NO_CHANGE = frozenset({"--help", "-h", "--version", "-V"})
_IPTABLES = frozenset({"iptables", "ip6tables", "iptables-legacy", "iptables-nft",
                       "ip6tables-legacy", "ip6tables-nft", "ebtables", "arptables"})
_IPTABLES_CHANGES = frozenset({"-A", "--append", "-I", "--insert", "-D", "--delete", "-R",
                               "--replace", "-F", "--flush", "-X", "--delete-chain", "-N",
                               "--new-chain", "-P", "--policy", "-E", "--rename-chain", "-Z",
                               "--zero"})
_VERBS: dict[str, frozenset[str]] = {
    "nft": frozenset({"add", "insert", "delete", "flush", "replace", "create", "destroy",
                      "reset"}),
    "ufw": frozenset({"allow", "deny", "reject", "limit", "delete", "insert", "prepend",
                      "enable", "disable", "reset", "default", "route", "reload"}),
    "ipset": frozenset({"add", "del", "create", "destroy", "flush", "restore", "swap",
                        "rename", "-A", "-D", "-N", "-X", "-F", "-R", "-W", "-E"}),
}
_FIREWALLD_CHANGES = ("--add-", "--remove-", "--set-", "--new-", "--delete-", "--change-",
                      "--reload", "--complete-reload", "--runtime-to-permanent", "--panic-on",
                      "--panic-off", "--lockdown-on", "--lockdown-off", "--reset-to-defaults")
_PFCTL_CHANGES = frozenset({"-e", "-d", "-f", "-F", "-k", "-K"})
_PFCTL_TABLE_CHANGES = frozenset({"add", "delete", "flush", "replace", "load", "expire",
                                  "zero"})
_SOCKETFILTERFW_CHANGES = ("--set", "--add", "--remove", "--block", "--unblock")
_NETSH_CHANGES = frozenset({"set", "add", "delete", "reset", "import"})
_NETFIREWALL_CMDLETS = ("New-NetFirewallRule", "Set-NetFirewallRule",
                        "Remove-NetFirewallRule", "Enable-NetFirewallRule",
                        "Disable-NetFirewallRule", "Set-NetFirewallProfile")
_NESTED: dict[tuple[str, str], tuple[str, frozenset[str]]] = {
    # (program, first plain word) -> (the object among the next words, its changing verbs)
    ("gcloud", "compute"): ("firewall-rules", frozenset({"create", "update", "delete"})),
    ("az", "network"): ("nsg", frozenset({"create", "update", "delete"})),
    ("doctl", "compute"): ("firewall", frozenset({"create", "update", "delete", "add-rules",
                                                  "remove-rules", "add-droplets",
                                                  "remove-droplets"})),
    ("hcloud", "firewall"): ("firewall", frozenset({"create", "delete", "add-rule",
                                                    "delete-rule", "replace-rules",
                                                    "apply-to-resource",
                                                    "remove-from-resource"})),
}
# the firewalls' own services (their packages' unit names)
_FIREWALL_SERVICES = frozenset({"firewalld", "ufw", "nftables", "iptables", "ip6tables",
                                "netfilter-persistent", "pve-firewall", "shorewall",
                                "shorewall6", "csf", "lfd", "fail2ban", "ebtables"})
_SERVICE_SWITCHES = frozenset({"start", "stop", "restart", "reload", "try-restart",
                               "reload-or-restart", "disable", "enable", "mask", "unmask",
                               "kill"})
_CHANGES = frozenset({"create", "delete", "update", "set", "add", "remove"})
_FAIL2BAN_SET = frozenset({"banip", "unbanip", "addignoreip", "delignoreip"})
_FAIL2BAN = frozenset({"banip", "unban", "start", "stop", "reload", "restart"})
_DAEMON_SWITCHES = frozenset({"start", "stop", "restart", "reload", "clear", "safe-start",
                              "safe-restart", "try", "restore"})
# ConfigServer Firewall's options that change rules or switch it (csf's usage)
_CSF_CHANGES = frozenset({"-a", "--add", "-d", "--deny", "-ar", "--addrm", "-dr", "--denyrm",
                          "-tr", "--temprm", "-ta", "--tempallow", "-td", "--tempdeny",
                          "-tf", "--tempf", "-df", "--denyf", "-x", "--disable", "-e",
                          "--enable", "-r", "--restart", "-f", "--stop", "-s", "--start",
                          "-q", "--startq"})
_AWS_SECURITY_GROUPS = frozenset({"authorize-security-group-ingress",
                                  "authorize-security-group-egress",
                                  "revoke-security-group-ingress",
                                  "revoke-security-group-egress",
                                  "modify-security-group-rules",
                                  "update-security-group-rule-descriptions-ingress",
                                  "update-security-group-rule-descriptions-egress"})


def changes_firewall(seg: Segment) -> bool:
    """Whether ``seg`` changes a firewall's rules or switches a firewall on or off (the
    ``firewall`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if any(a in _NO_CHANGE for a in words):
        return False
    plain = [a for a in words if not a.startswith("-")]
    if head in _IPTABLES:
        return names_option(words, _IPTABLES_CHANGES)
    if head in ("iptables-restore", "ip6tables-restore", "nft") and "-f" in words:
        return "-c" not in words and "--check" not in words  # nft -c only checks
    if head in ("iptables-restore", "ip6tables-restore"):
        return not any(a in ("-t", "--test") for a in words)
    if head in _VERBS:
        return bool(_VERBS[head].intersection(
            [w for w in words if not w.startswith("--")][:1]))
    if head in ("firewall-cmd", "firewall-offline-cmd"):
        return any(a.startswith(_FIREWALLD_CHANGES) for a in words)
    if head == "pfctl":
        return bool(_PFCTL_CHANGES.intersection(a.partition("=")[0] for a in words)) or (
            "-T" in words and bool(_PFCTL_TABLE_CHANGES.intersection(plain)))
    if head == "socketfilterfw":
        return any(a.startswith(_SOCKETFILTERFW_CHANGES) for a in words)
    if head in ("netsh", "netsh.exe"):
        lowered = [w.lower() for w in plain]
        return lowered[:1] in (["advfirewall"], ["firewall"]) and bool(
            _NETSH_CHANGES.intersection(lowered[1:4]))
    if head in ("pwsh", "powershell") or head.startswith(_NETFIREWALL_CMDLETS):
        return any(c in w for w in argv for c in _NETFIREWALL_CMDLETS)
    if head == "aws":
        return plain[:1] == ["ec2"] and bool(_AWS_SECURITY_GROUPS.intersection(plain[1:2]))
    if head == "fail2ban-client":
        return (plain[:1] == ["set"] and bool(_FAIL2BAN_SET.intersection(plain[2:3]))) or (
            bool(_FAIL2BAN.intersection(plain[:1])))
    if head in ("pve-firewall", "shorewall", "shorewall6", "shorewall-lite"):
        return bool(_DAEMON_SWITCHES.intersection(plain[:1]))
    if head == "csf":
        return names_option(words, _CSF_CHANGES)
    if head == "ipfw":
        return bool({"add", "delete", "flush"}.intersection(plain[:2]))
    if head == "systemctl":
        units = operands(argv, global_values(head))
        return bool(_SERVICE_SWITCHES.intersection(units[:1])) and any(
            w.removesuffix(".service") in _FIREWALL_SERVICES for w in units[1:])
    if head == "doctl" and plain[:1] in (["databases"], ["database"], ["db"], ["dbs"], ["d"]):
        return plain[1:2] in (["firewalls"], ["fw"]) and plain[2:3] in (
            ["append"], ["a"], ["replace"], ["r"], ["remove"], ["rm"])
    if head == "exo":  # exo compute security-group [rule] add|create|delete
        return any(w in ("security-group", "sg") for w in plain[:2]) and bool(
            _CHANGES.intersection(plain[2:4]))
    if head == "openstack":  # openstack security group [rule] create|delete|set
        return plain[:2] == ["security", "group"] and bool(_CHANGES.intersection(plain[2:4]))
    if head == "linode-cli":
        return plain[:1] == ["firewalls"] and plain[1:2] != [] and (
            plain[1] in ("create", "delete", "update", "rules-update")
            or plain[1].startswith(("device-create", "device-delete")))
    if head == "ibmcloud":
        return plain[:1] == ["is"] and plain[1:2] != [] and plain[1].startswith(
            "security-group") and plain[1].endswith(("-add", "-update", "-delete", "-create"))
    if head == "flarectl":  # flarectl firewall rules create, access-rules create-zone-rule
        return plain[:1] == ["firewall"] and any(
            w.split("-")[0] in ("create", "update", "delete") for w in plain[1:3])
    nested = _NESTED.get((head, plain[0] if plain else ""))
    if nested is None:
        return False
    obj, verbs = nested
    return obj in plain[:3] and bool(verbs.intersection(plain[1:5]))
