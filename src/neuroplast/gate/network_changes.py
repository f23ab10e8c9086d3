"""Calls that change this machine's network configuration: interfaces brought up or down,
addresses, routes, rules and neighbours, bridges, bonds, VLANs and tunnels, a link's
parameters, traffic shaping, wireless settings, the resolver's servers, a network manager's
profiles applied, reloaded or removed, a network joined or left.

What a machine reaches and what reaches it runs through its interfaces and routes: a route
added, an interface taken down or an address changed can cut the machine off mid-session
(over ssh, its own link), send its traffic elsewhere or shape it to a crawl, and outlives
the call in the kernel until someone notices (NIST SP 800-53 CM-3 'Configuration Change
Control' and SC-7 'Boundary Protection'; CIS Controls v8 4.2 'Establish and Maintain a
Secure Configuration Process for Network Infrastructure'; ATT&CK T1565.002 'Transmitted
Data Manipulation' through routes). A user's view of this is one view whatever tool makes
the change: someone who stops letting the agent run ``ip route add`` after a changed route
cut a link stops it for ``nmcli connection modify``, ``netplan apply``, ``tc qdisc add``,
``ethtool -s`` and ``wg set`` alike. So it is an act across programs (``gate.acts``: ``*
network-config``), and each of these is also a ``setting`` of the machine (the ``setting``
act reads them through :func:`changes_network_config`). Joining or leaving a network (a
VPN, Wi-Fi) changes the machine's interfaces and routes too, so the act holds the ``join``
act's calls and the leaving verbs of the same tools. Each tool is read from its own manual;
showing, listing, statistics, scans, help and versions are not the act:

- iproute2: ip(8) ``address|link|route|rule|neighbour|tunnel|tuntap|maddress|mroute|netns|
  nexthop|vrf|xfrm|l2tp|fou|macsec|addrlabel|ntable|token|tcp_metrics`` with a command that
  adds, changes, sets, replaces, deletes, flushes or restores, each word matched as ip(8)
  matches an abbreviation (``ip r a``, ``ip l s eth0 down``), and ``-batch FILE``; tc(8)
  ``qdisc|class|filter|actions|chain`` ``add|change|replace|link|delete`` (also
  abbreviated: ``tc q a``) and ``-batch``; bridge(8) ``link|fdb|mdb|vlan|vni``
  ``add|del|replace|append|set|change|flush``;
- net-tools and the classic tools: ifconfig(8) and iwconfig(8) with an interface and a
  parameter; route(8) ``add|del|delete|change|flush|replace``; arp(8) ``-s|-d|-f``;
  ifup(8), ifdown(8) and ifreload (not ``-n``/``--no-act``); brctl(8) ``add*|del*|set*|
  hairpin|stp``; vconfig ``add|rem|set_*``; ifenslave; tunctl; macchanger (not ``-s``,
  ``-l``); dhclient(8) and dhcpcd(8), which take, renew or release a lease (not dhcpcd's
  ``-U``, ``-T``); rfkill(8) ``block|unblock|toggle``; ``airmon-ng start|stop`` (monitor
  mode); the hosts file's entries (``hostess add|del|on|off``); an access point, a routing
  daemon or a tunnel brought up (hostapd(8), create_ap, babeld(8), fastd(1));
- the network managers: nmcli(1) ``connection up|down|add|modify|clone|edit|delete|reload|
  load|import|migrate``, ``device set|connect|reapply|modify|disconnect|delete|up|down``,
  ``device wifi connect|hotspot``, ``radio`` and ``networking on|off``, ``general reload``,
  each word also as the prefix nmcli matches (``nmcli c d`` is ``connection down``); ``nmtui
  connect NAME``; netplan(8) ``apply|set|try``; networkctl(1)
  ``up|down|renew|forcerenew|reconfigure|reload|delete|edit|mask|unmask``; resolvectl(1)
  ``dns|domain|default-route|llmnr|mdns|dnssec|dnsovertls|nta`` with a link and a value,
  ``revert`` with a link, and systemd-resolve's ``--set-*`` and ``--revert``; connmanctl
  ``enable|disable|connect|disconnect|config|tether|move-before|move-after|remove``; iwctl's
  ``connect*|disconnect|forget|set-property`` and an access point started or stopped;
  wpa_cli(8)'s commands that add, set, enable, disable, remove or select a network, save
  or reload its configuration, or drop, renew or move the association (``add_network``,
  ``set_network``, ``save_config``, ``disconnect``, ``roam``, ``wps_*``...), each also as
  the unambiguous prefix wpa_cli accepts (``add_n``, ``en``, ``sa``);
- links and switches: ethtool(8)'s changing modes (``-s``, ``-K``, ``-G``, ``-A``, ``-C``,
  ``-L``, ``-E``, ``-f``, ``-X``, ``-N``/``-U``, ``-r``, ``-W``, ``--set-*``,
  ``--reset``; not ``-p``, which blinks an LED, nor the showing modes); iw(8) ``set``,
  ``del``, ``connect``, ``disconnect``, ``join``, ``leave``, ``interface add`` and ``reg
  set``; wg(8) ``set|setconf|addconf|syncconf``; Open vSwitch's ``ovs-vsctl`` commands that
  add, delete, set, clear, create or destroy (not ``show``, ``list*``, ``get``, ``find``)
  and ``ovs-ofctl`` ``add-*|mod-*|del-*|replace-*|insert-*|remove-*|packet-out|bundle``;
  ipvsadm(8)'s ``-A|-E|-D|-C|-R|-a|-e|-d|--set``;
- a VPN or overlay left: ``wg-quick down``, ``tailscale down|set``, ``zerotier-cli leave``,
  ``netbird down``, ``ipsec down``;
- macOS: networksetup(8) ``-set*``, ``-add*``, ``-remove*``, ``-create*``, ``-delete*``,
  ``-switchtolocation``, ``-order*``, ``-rename*``, ``-import*``; ``ipconfig set``;
  ``airport -z``;
- Windows: ``netsh interface|int|winsock|winhttp|wlan|lan|bridge|routing`` with
  ``set|add|delete|reset|disconnect`` (its firewall is ``firewall``); ``ipconfig
  /release|/renew``; PowerShell's ``New|Set|Remove|Enable|Disable|Restart|Rename|Reset|Add``
  cmdlets of ``Net*`` (not ``NetFirewall*``) and ``DnsClient*``.

>>> from neuroplast.gate.shell import split_command
>>> [changes_network_config(s) for s in split_command(
...     "sudo ip r a default via 10.0.0.1 dev eth0; ip r; ip -br a; sudo ip l s eth0 down; "
...     "sudo tc q a dev eth0 root netem delay 100ms; tc q s dev eth0; sudo netplan apply; "
...     "netplan status; ethtool -s eth0 speed 100; ethtool -S eth0; wg show; "
...     "sudo wg set wg0 peer K allowed-ips 10.0.0.0/8; ifdown eth0")]
[True, False, False, True, True, False, True, False, True, False, False, True, True]
"""

from __future__ import annotations

import re

from neuroplast.gate.network_joins import joins_network
from neuroplast.gate.outputs import has_short_option, names_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["changes_network_config", "configures_network", "nmcli_command"]

_NOT_RUN = frozenset({"--help", "--version"})
_ONLY_HELP = (("-h",), ("-V",), ("help",))
_CHANGES = frozenset({"add", "change", "chg", "replace", "prepend", "append", "delete",
                      "del", "flush", "restore", "set", "link", "attach", "rem"})

# ip(8)'s objects, in the order ip matches an abbreviation against them (ip.c's command
# table: ``ip a`` is address, ``ip r`` route, ``ip ru`` rule, ``ip n`` neighbour)
_IP_OBJECTS = ("address", "addrlabel", "maddress", "route", "rule", "neighbor", "neighbour",
               "ntable", "ntbl", "link", "l2tp", "fou", "ila", "macsec", "tunnel", "tunl",
               "tuntap", "tap", "token", "tcpmetrics", "tcp_metrics", "monitor", "xfrm",
               "mroute", "mrule", "netns", "netconf", "vrf", "sr", "nexthop", "mptcp", "ioam",
               "stats")
# each object's commands in the order its iproute2 source matches an abbreviation against
# them; objects not named here use _IP_COMMON_COMMANDS
_IP_COMMANDS: dict[str, tuple[str, ...]] = {
    "address": ("add", "change", "chg", "replace", "delete", "list", "show", "lst",
                "flush", "save", "restore", "showdump"),
    "link": ("add", "change", "set", "replace", "delete", "show", "lst", "list", "xstats",
             "afstats", "property"),
    "route": ("add", "change", "chg", "replace", "prepend", "append", "test", "delete",
              "list", "show", "lst", "get", "flush", "save", "restore", "showdump"),
    "rule": ("list", "lst", "show", "flush", "save", "restore", "add", "delete"),
    "netns": ("list", "add", "attach", "set", "delete", "identify", "pids", "exec",
              "monitor"),
}
_IP_COMMON_COMMANDS = ("add", "change", "chg", "replace", "delete", "set", "list", "show",
                       "lst", "get", "flush", "save", "restore")
_IP_VALUES = frozenset({"-n", "-netns", "-f", "-family", "-l", "-loops", "-rc", "-rcvbuf",
                        "-b", "-batch"})
# tc(8): objects and commands in the order tc matches an abbreviation (``tc q a``)
_TC_OBJECTS = ("qdisc", "class", "filter", "chain", "actions", "monitor", "exec")
_TC_COMMANDS = ("add", "change", "replace", "link", "delete", "show", "list", "lst", "get")
_TC_VALUES = frozenset({"-b", "-batch", "-n", "-netns", "-cf", "-conf"})
_BATCH = frozenset({"-b", "-batch"})  # -batch FILE runs the file's commands
# programs that change the configuration whenever they run, save help, versions and the
# options here that only print or test (ifupdown's -n/--no-act, dhcpcd's lease dump and
# test, macchanger's show and list)
_RUNNING_CHANGES: dict[str, frozenset[str]] = {
    "ifup": frozenset({"-n", "--no-act"}), "ifdown": frozenset({"-n", "--no-act"}),
    "ifreload": frozenset({"-n", "--no-act", "-s", "--syntax-check"}),
    "dhclient": frozenset(), "ifenslave": frozenset(), "tunctl": frozenset(),
    "dhcpcd": frozenset({"-U", "--dumplease", "-T", "--test", "--variables"}),
    "macchanger": frozenset({"-s", "--show", "-l", "--list"}),
    # daemons that bring up an access point, a routing protocol or a tunnel on an interface
    "hostapd": frozenset({"-v"}), "create_ap": frozenset({"--list-running", "--list-clients"}),
    "babeld": frozenset(), "fastd": frozenset({"--verify-config", "--generate-key",
                                               "--show-key", "-v"}),
}
# program -> its commands, as the first plain word, that change the configuration
_VERBS: dict[str, frozenset[str]] = {
    "route": frozenset({"add", "del", "delete", "change", "flush", "replace"}),
    "netplan": frozenset({"apply", "set", "try"}),
    "networkctl": frozenset({"up", "down", "renew", "forcerenew", "reconfigure", "reload",
                             "delete", "edit", "mask", "unmask"}),
    "rfkill": frozenset({"block", "unblock", "toggle"}),
    "connmanctl": frozenset({"enable", "disable", "connect", "disconnect", "config",
                             "tether", "move-before", "move-after", "remove"}),
    "wg": frozenset({"set", "setconf", "addconf", "syncconf"}),
    "vconfig": frozenset({"add", "rem", "set_flag", "set_egress_map", "set_ingress_map",
                          "set_name_type"}),
    "wg-quick": frozenset({"down"}), "tailscale": frozenset({"down", "set"}),
    "zerotier-cli": frozenset({"leave"}), "netbird": frozenset({"down"}),
    "ipsec": frozenset({"down"}),
    "airmon-ng": frozenset({"start", "stop"}),  # an interface into or out of monitor mode
    # hostess: the hosts file's entries, which decide where names resolve
    "hostess": frozenset({"add", "aff", "del", "rm", "on", "off"}),
}
# resolvectl(1): per-link settings (a link and a value set them; a link alone shows)
_RESOLVECTL_SETTINGS = frozenset({"dns", "domain", "default-route", "llmnr", "mdns",
                                  "dnssec", "dnsovertls", "nta"})
_ETHTOOL_CHANGES = frozenset({"-s", "--change", "-K", "--features", "--offload", "-G",
                              "--set-ring", "-A", "--pause", "-C", "--coalesce", "-L",
                              "--set-channels", "-E", "--change-eeprom", "-f", "--flash",
                              "-X", "--set-rxfh-indir", "--rxfh", "-N", "-U",
                              "--config-nfc", "--config-ntuple", "-r", "--negotiate", "-W",
                              "--set-dump", "--reset"})
_IW_CHANGES = frozenset({"set", "del", "connect", "disconnect", "join", "leave"})
_IWCTL_CHANGES = frozenset({"connect", "connect-hidden", "disconnect", "forget",
                            "set-property"})
_OVS_VSCTL_CHANGES = frozenset({"add-br", "del-br", "add-port", "del-port", "add-bond",
                                "add-bond-iface", "del-bond-iface", "set-controller",
                                "del-controller", "set-fail-mode", "del-fail-mode",
                                "set-manager", "del-manager", "set-ssl", "del-ssl",
                                "emer-reset", "init", "set", "add", "remove", "clear",
                                "create", "destroy", "br-set-external-id",
                                "add-zone-tp", "del-zone-tp"})
_OVS_OFCTL_CHANGES = ("add-", "mod-", "del-", "replace-", "insert-", "remove-", "packet-out",
                      "bundle")
_IPVSADM_CHANGES = frozenset({"-A", "--add-service", "-E", "--edit-service", "-D",
                              "--delete-service", "-C", "--clear", "-R", "--restore", "-a",
                              "--add-server", "-e", "--edit-server", "-d",
                              "--delete-server", "--set", "-Z", "--zero"})
# wpa_cli(8)'s commands: those that change the configuration or the association, and
# those that only show or scan; wpa_cli runs the one command a unique prefix names
_WPA_CLI_CHANGES = ("add_network", "set_network", "enable_network", "disable_network",
                    "remove_network", "select_network", "save_config", "reconfigure",
                    "disconnect", "reconnect", "reassociate", "roam", "set", "terminate",
                    "wps_pbc", "wps_pin", "wps_reg", "wps_cancel", "bssid", "preauthenticate",
                    "ap_scan", "blacklist", "bss_flush", "interface_add",
                    "interface_remove", "driver", "suspend", "resume", "passphrase",
                    "password", "new_password", "identity", "pin", "otp")
_WPA_CLI_READS = ("status", "ifname", "ping", "relog", "note", "mib", "help", "license",
                  "level", "quit", "interface", "interface_list", "get", "dump",
                  "list_networks", "get_network", "get_capability", "scan", "scan_results",
                  "bss", "signal_poll", "pktcnt_poll", "list_creds", "get_cred",
                  "logon", "logoff", "pmksa", "stkstart", "ft_ds", "reauthenticate")
_NETSH_CONTEXTS = frozenset({"interface", "int", "winsock", "winhttp", "wlan", "lan",
                             "bridge", "routing", "dhcpclient"})
_NETSH_CHANGES = frozenset({"set", "add", "delete", "reset", "disconnect", "install",
                            "uninstall"})
_CMDLET = re.compile(r"(?i)(?:new|set|remove|enable|disable|restart|rename|reset|add)-"
                     r"(?:net(?!firewall)\w+|dnsclient\w*)")
_NETWORKSETUP_CHANGES = ("-set", "-add", "-remove", "-create", "-delete",
                         "-switchtolocation", "-order", "-rename", "-import")


def _resolve(word: str, ordered: tuple[str, ...]) -> str:
    """The first of ``ordered`` that ``word`` abbreviates, as iproute2 matches a command
    (``a`` -> ``add``); ``""`` when none does."""
    return next((name for name in ordered if word and name.startswith(word)), "")


def _ip_changes(argv: tuple[str, ...]) -> bool:
    given = operands(argv, _IP_VALUES)
    if _BATCH.intersection(argv):
        return True  # ip -batch FILE runs the file's commands, which may change anything
    obj = _resolve(given[0], _IP_OBJECTS) if given else ""
    if obj == "monitor" or not obj or len(given) < 2:
        return False  # ``ip OBJECT`` alone shows
    command = _resolve(given[1], _IP_COMMANDS.get(obj, _IP_COMMON_COMMANDS))
    if obj == "link" and command == "property":
        return bool({"add", "del", "delete"}.intersection(given[2:3]))
    return command in _CHANGES


def _tc_changes(argv: tuple[str, ...]) -> bool:
    if _BATCH.intersection(argv):
        return True
    given = operands(argv, _TC_VALUES)
    obj = _resolve(given[0], _TC_OBJECTS) if given else ""
    if obj in ("", "monitor", "exec") or len(given) < 2:
        return False
    return _resolve(given[1], _TC_COMMANDS) in _CHANGES


def _wpa_cli_command(word: str) -> str:
    """The command wpa_cli runs for ``word``: itself, or the one command it abbreviates."""
    if word in _WPA_CLI_CHANGES or word in _WPA_CLI_READS:
        return word
    named = [c for c in (*_WPA_CLI_CHANGES, *_WPA_CLI_READS) if c.startswith(word)]
    return named[0] if len(named) == 1 else ""


def _ovs_vsctl_changes(argv: tuple[str, ...]) -> bool:
    """ovs-vsctl runs several commands separated by ``--``; any that changes counts."""
    commands, current = [], []
    for a in argv[1:]:
        if a == "--":
            commands.append(current)
            current = []
        else:
            current.append(a)
    commands.append(current)
    return any(plain[:1] and plain[0] in _OVS_VSCTL_CHANGES
               for plain in ([w for w in c if not w.startswith("-")] for c in commands))


def changes_network_config(seg: Segment) -> bool:
    """Whether ``seg`` changes this machine's network configuration (the ``network-config``
    act): a network joined, or the configuration changed by its tools."""
    return joins_network(seg) or configures_network(seg)


def configures_network(seg: Segment) -> bool:
    """Whether ``seg`` changes the network configuration through the network's own tools,
    which is also a ``setting`` of the machine (a network joined is the ``join`` act's)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if names_option(words, _NOT_RUN) or words in _ONLY_HELP:
        return False
    plain = [a for a in words if not a.startswith("-")]
    lowered = [w.lower() for w in plain]
    if head == "ip":
        return _ip_changes(argv)
    if head == "tc":
        return _tc_changes(argv)
    if head == "bridge":
        return len(plain) >= 2 and _resolve(plain[1], (
            "add", "del", "delete", "replace", "append", "set", "change", "flush", "show",
            "list", "lst", "get")) in _CHANGES
    if head in ("ifconfig", "iwconfig"):  # an interface and anything to set on it
        return len(plain) >= 2 and not any(a in ("-a", "-l", "-s", "-v") for a in words)
    if head == "route" and "-t" in words:  # the BSDs' and macOS's route -t: test only
        return False
    if head in _RUNNING_CHANGES:
        return bool(words or head in ("dhclient", "dhcpcd")) and not names_option(
            words, _RUNNING_CHANGES[head])
    if head in _VERBS:
        return bool(_VERBS[head].intersection(lowered[:1]))
    if head == "arp":  # arp(8) -s/--set, -d/--delete, -f/--file; Windows' arp -s, -d
        return has_short_option(words, "sdf") or names_option(
            words, ("--set", "--delete", "--file"))
    if head == "brctl":
        return bool(plain) and (plain[0].startswith(("add", "del", "set"))
                                or plain[0] in ("hairpin", "stp"))
    if head == "nmcli":
        return _nmcli_changes(plain)
    if head == "nmtui":  # nmtui connect NAME activates a profile; the rest opens a form
        return plain[:1] == ["connect"] and len(plain) > 1
    if head == "resolvectl":
        return (bool(plain) and plain[0] in _RESOLVECTL_SETTINGS and len(plain) > 2) or (
            plain[:1] == ["revert"] and len(plain) > 1)
    if head == "systemd-resolve":
        return any(a.startswith(("--set-", "--revert")) for a in words)
    if head == "ethtool":
        return names_option(words[:1], _ETHTOOL_CHANGES) or any(
            a.startswith("--set-") for a in words[:1])
    if head == "iw":
        return bool(_IW_CHANGES.intersection(plain)) or ("interface" in plain
                                                          and "add" in plain)
    if head == "iwctl":
        return bool(_IWCTL_CHANGES.intersection(plain)) or (
            plain[:1] == ["ap"] and bool({"start", "stop", "start-profile"} & set(plain)))
    if head == "wpa_cli":
        return _wpa_cli_command(plain[0] if plain else "") in _WPA_CLI_CHANGES
    if head == "ovs-vsctl":
        return _ovs_vsctl_changes(argv)
    if head == "ovs-ofctl":
        return bool(plain) and plain[0].startswith(_OVS_OFCTL_CHANGES)
    if head == "ipvsadm":
        return names_option(words, _IPVSADM_CHANGES)
    if head == "networksetup":
        return any(a.lower().startswith(_NETWORKSETUP_CHANGES) for a in words)
    if head == "airport":
        return names_option(words, ("-z", "--disassociate"))
    if head in ("ipconfig", "ipconfig.exe"):  # macOS ipconfig set; Windows /release, /renew
        return plain[:1] == ["set"] or any(
            a.lower().startswith(("/release", "/renew")) for a in words)
    if head in ("netsh", "netsh.exe"):
        return lowered[:1] != [] and lowered[0] in _NETSH_CONTEXTS and bool(
            _NETSH_CHANGES.intersection(lowered[1:4]))
    return bool(_CMDLET.fullmatch(head)) or (
        head in ("pwsh", "powershell", "powershell.exe") and any(
            _CMDLET.search(w) for w in words))


# nmcli(1): its objects and each object's commands in the order nmcli matches an
# abbreviation against them (``nmcli c d`` is ``connection down``), and the commands that
# change the network; ``general hostname`` and ``logging`` with a value are settings
_NMCLI_OBJECTS = ("general", "networking", "radio", "connection", "device", "agent",
                  "monitor")
_NMCLI_COMMANDS = {
    "connection": ("show", "up", "down", "add", "modify", "clone", "edit", "delete",
                   "monitor", "reload", "load", "import", "export", "migrate"),
    "device": ("status", "show", "set", "connect", "reapply", "modify", "disconnect",
               "delete", "monitor", "wifi", "lldp", "up", "down"),
    "general": ("status", "hostname", "permissions", "logging", "reload"),
    "networking": ("on", "off", "connectivity"),
}
_NMCLI_CHANGES = frozenset({"up", "down", "add", "modify", "clone", "edit", "delete", "reload",
                            "load", "import", "migrate", "set", "connect", "reapply",
                            "disconnect", "on", "off"})
_NMCLI_WIFI_CHANGES = ("list", "connect", "hotspot", "rescan", "show-password")


def nmcli_command(plain: list[str]) -> tuple[str, str]:
    """nmcli's object and command that its first plain words name, each as nmcli matches a
    prefix (``nmcli g h NAME`` is ``general hostname``); ``""`` for what names none.

    >>> nmcli_command(["c", "d", "office"]), nmcli_command(["g", "h", "gs-01"])
    (('connection', 'down'), ('general', 'hostname'))
    """
    obj = _resolve(plain[0], _NMCLI_OBJECTS) if plain else ""
    command = _resolve(plain[1], _NMCLI_COMMANDS.get(obj, ())) if len(plain) > 1 else ""
    return obj, command


def _nmcli_changes(plain: list[str]) -> bool:
    obj, command = nmcli_command(plain)
    if obj == "radio":  # nmcli radio [all|wifi|wwan] on|off
        return bool({"on", "off"}.intersection(plain[1:3]))
    if obj == "device" and command == "wifi":
        return _resolve(plain[2] if len(plain) > 2 else "", _NMCLI_WIFI_CHANGES) in (
            "connect", "hotspot")
    if obj == "general":
        return command == "reload"
    return command in _NMCLI_CHANGES
