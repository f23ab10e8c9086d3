"""Calls that join this machine to a network: a VPN or overlay network brought up, a Wi-Fi
or wired connection made.

Which network a machine is on decides what reaches it and what it reaches: a VPN puts it
inside another organisation's perimeter (and that perimeter's logs), an exit node routes
all of its traffic through another machine, a new Wi-Fi network is another party's
router (NIST SP 800-46 Rev. 2 'Guide to Enterprise Telework, Remote Access, and BYOD
Security' 4.1; NIST SP 800-153 on wireless networks; ATT&CK T1133 'External Remote
Services'). A user's view of this is one view whatever tool joins: someone who stops
letting the agent run ``wg-quick up`` stops it for ``tailscale up``, ``openvpn`` and ``nmcli
connection up`` alike. So it is an act across programs (``gate.acts``: ``* join``). Each
tool is read from its own reference; leaving a network (the machine back on the one it had), status,
listing, showing and help are not the act:

- VPNs and overlays: wg-quick(8) ``up``; ``tailscale up|login|switch``; ``zerotier-cli
  join``; ``netbird up``; openvpn(8) with ``--config`` or a config file (not ``--genkey``,
  ``--show-*``); ``openvpn3 session-start``; openconnect(8) and vpnc(8); strongSwan's
  ``ipsec up`` and ``swanctl --initiate``; Cisco Secure Client's ``vpn connect``,
  ``globalprotect connect``, and ``warp-cli``, ``nordvpn``, ``expressvpn``, ``mullvad``,
  ``protonvpn`` and ``protonvpn-cli connect`` (``c``), ``ivpn connect``, Private Internet
  Access's ``piactl connect``, ``mozillavpn activate``; openfortivpn(1) (every run but
  help and versions connects);
- links: NetworkManager's ``nmcli connection up``, ``nmcli device connect`` and ``nmcli
  device wifi connect``; iwd's ``iwctl station DEV connect``; ifup(8); pon(1); macOS
  ``networksetup -setairportnetwork`` and ``scutil --nc start``; Windows ``rasdial ENTRY``
  (not ``/disconnect``) and ``netsh wlan connect``.

>>> from neuroplast.gate.shell import split_command
>>> [joins_network(s) for s in split_command(
...     "sudo wg-quick up wg0; wg show; tailscale up --accept-routes; tailscale down; "
...     "nmcli connection up office-vpn; nmcli connection show; openvpn --config c.ovpn")]
[True, False, True, False, True, False, True]
"""

from __future__ import annotations

from neuroplast.gate.outputs import leads_to, names_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["joins_network"]

_NOT_JOINING = frozenset({"--help", "-h", "--version", "--genkey", "--show-ciphers",
                          "--show-digests", "--show-tls", "--show-engines",
                          "--show-curves", "--show-groups", "/disconnect", "/d"})
_CONNECT = frozenset({"connect", "c"})
_UP = frozenset({"up"})
# tool -> (the commands, as the first plain words, that lead to the change, the verbs
# that make it)
_COMMANDS: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = {
    "wg-quick": (((), _UP),),
    "tailscale": (((), _UP | {"login", "switch"}),),
    "zerotier-cli": (((), frozenset({"join"})),),
    "netbird": (((), _UP),),
    "openvpn3": (((), frozenset({"session-start"})),),
    "ipsec": (((), _UP),),
    **{tool: (((), _CONNECT),) for tool in (
        "vpn", "globalprotect", "warp-cli", "nordvpn", "expressvpn", "mullvad",
        "protonvpn-cli", "protonvpn", "ivpn", "piactl")},
    "mozillavpn": (((), frozenset({"activate"})),),
    "nmcli": (*(((obj,), _UP) for obj in ("connection", "con", "c")),
              *(((dev,), frozenset({"connect"})) for dev in ("device", "dev", "d")),
              *(((dev, "wifi"), frozenset({"connect"})) for dev in ("device", "dev", "d"))),
    "netsh": ((("wlan",), frozenset({"connect"})),),
}
_ALWAYS = frozenset({"openconnect", "openfortivpn", "vpnc", "ifup", "pon", "rasdial"})

# the programs this act reads; any other is answered at once
_PROGRAMS = frozenset({"openvpn", "swanctl", "networksetup", "scutil", "iwctl", *_ALWAYS,
                       *_COMMANDS})


def joins_network(seg: Segment) -> bool:
    """Whether ``seg`` joins this machine to a network (the ``join`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if head not in _PROGRAMS or names_option(words, _NOT_JOINING):
        return False
    if head in _ALWAYS:  # ifup(8) -n/--no-act prints what it would do
        return (bool(words) or head == "pon") and not (
            head == "ifup" and names_option(words, ("-n", "--no-act")))
    if head == "openvpn":  # openvpn(8): --config FILE, or a lone config file
        return "--config" in words or (len(words) == 1 and not words[0].startswith("-"))
    if head == "swanctl":
        return bool({"--initiate", "-i"} & set(words))
    if head == "networksetup":
        return "-setairportnetwork" in words
    if head == "scutil":
        return "--nc" in words and "start" in words
    plain = operands(argv, frozenset())
    if head == "iwctl":  # iwctl station DEV connect SSID
        return plain[:1] == ["station"] and plain[2:3] == ["connect"]
    return leads_to(plain, _COMMANDS.get(head, ()))
