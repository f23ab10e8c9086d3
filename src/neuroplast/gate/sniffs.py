"""Calls that capture network traffic: packets read off a link as they pass, to a file or
the screen.

A capture reads whatever crosses the link, not only the project's own traffic: other
users' and services' sessions, credentials and cookies sent over cleartext protocols,
messages, calls (ATT&CK T1040 'Network Sniffing'), and intercepting communications one is
not a party to is a crime under wiretap laws (18 U.S.C. 2511; the EU's ePrivacy Directive,
2002/58/EC, art. 5). A user's view of it is one view whatever tool captures: someone who
stops letting the agent run ``tcpdump`` stops it for ``tshark``, ``ngrep`` and
``termshark`` alike. So it is an act across programs (``gate.acts``: ``* sniff``). Each
tool is read from its own manual; reading a saved capture file, listing interfaces, help
and versions are not the act:

- packet capturers: tcpdump(1) and windump (not ``-r FILE``, which reads a saved capture,
  nor ``-D``, ``-L``, ``-J``, which list interfaces, link and time-stamp types, nor
  ``-d``/``-dd``/``-ddd``, which only compile the filter), tshark(1) (not ``-r``, ``-D``,
  ``-L``, ``-G``), dumpcap(1) (not ``-D``, ``-L``, ``-d``, ``-S``, which prints counters),
  termshark (not ``-r`` or a ``.pcap`` file operand), ``wireshark -k`` (wireshark(1): ``-k``
  starts capturing at once; the bare GUI captures nothing until asked), netsniff-ng, ngrep(8)
  (not ``-I FILE``), tcpflow(1) and tcpick (not ``-r FILE``), httpry, ssldump and justniffer
  (not ``-r``/``-f FILE``), sngrep (not ``-I FILE``), p0f (not ``-r FILE``), dsniff and its
  urlsnarf, mailsnarf, msgsnarf, filesnarf and webspy (not ``-p FILE``); ``kubectl sniff``
  (ksniff: tcpdump run in a pod); Windows' ``pktmon start --capture``;
- wireless capture: airodump-ng, kismet, besside-ng;
- interception: ettercap (not ``-r FILE``), bettercap, mitmproxy, mitmdump and mitmweb
  (mitmproxy's docs: the traffic passing through is recorded; not ``-n``/``--no-server``,
  which only reads a saved flow file);
- intrusion detection run on a live interface, which inspects every packet's contents:
  ``snort -i``, ``suricata -i|--af-packet|--pcap``, ``zeek -i`` (not ``-r FILE``).

Monitors that only count traffic (iftop, nethogs, nload, bmon, vnstat) and tools that edit
or replay saved captures (editcap, mergecap, capinfos, tcprewrite) capture nothing.

>>> from neuroplast.gate.shell import split_command
>>> [captures_traffic(s) for s in split_command(
...     "tcpdump -i eth0 -w out.pcap; tcpdump -r out.pcap; tshark; tshark -D; "
...     "wireshark -k -i eth0; wireshark trace.pcap; ngrep -d any password; iftop -i eth0")]
[True, False, True, False, True, False, True, False]
"""

from __future__ import annotations

from neuroplast.gate.outputs import has_short_option
from neuroplast.gate.shell import Segment

__all__ = ["captures_traffic"]

_NO_CAPTURE = frozenset({"--help", "--version", "--usage", "--list-interfaces",
                         "--list-data-link-types", "--list-time-stamp-types",
                         "--no-server"})  # mitmdump's: a saved flow file read, no proxy
# capturer -> its one-letter options that read a saved file, list, or print help or the
# version instead of capturing, each from its manual (tshark's -V is verbose and snort's -h
# its home network, so neither is here)
_CAPTURERS: dict[str, str] = {
    "tcpdump": "rDLJdhV", "windump": "rDLJdhV",  # tcpdump(1): -V reads a list of files
    "tshark": "rDLGhv",  # tshark(1)
    "dumpcap": "DLdShv",  # dumpcap(1)
    "termshark": "rhv", "netsniff-ng": "hv",
    "ngrep": "IVh",  # ngrep(8): -I reads a pcap file
    "tcpflow": "rVh", "tcpick": "rh", "httpry": "rh", "ssldump": "rh", "p0f": "rh",
    "justniffer": "fh", "sngrep": "IVh", "ettercap": "rhv",
    "dsniff": "ph", "urlsnarf": "ph", "mailsnarf": "ph", "msgsnarf": "ph", "filesnarf": "ph",
    "webspy": "ph",
    "airodump-ng": "", "kismet": "hv", "besside-ng": "h", "bettercap": "h",
    "mitmproxy": "nh", "mitmdump": "nh", "mitmweb": "nh",  # -n: no proxy, a saved file read
}
# intrusion detection systems: they capture only on a live interface
_IDS: dict[str, str] = {"zeek": "rhv", "bro": "rhv", "snort": "rTV", "suricata": "rTVh"}
_IDS_LIVE = frozenset({"--af-packet", "--pcap", "--netmap", "--pfring", "--interface"})
_SAVED_CAPTURE = (".pcap", ".pcapng", ".cap")


def captures_traffic(seg: Segment) -> bool:
    """Whether ``seg`` captures network traffic off a live link (the ``sniff`` act)."""
    head, words = seg.head, seg.argv[1:]
    options = set(seg.flags)  # the options given, values dropped
    if options & _NO_CAPTURE:
        return False
    if head == "kubectl":  # ksniff: kubectl sniff POD
        return [a for a in words if not a.startswith("-")][:1] == ["sniff"]
    if head == "pktmon":  # pktmon start --capture|-c
        return "start" in words and bool(options & {"--capture", "-c"})
    if head == "wireshark":
        return has_short_option(words, "k")
    if head in _IDS:
        live = bool(options & _IDS_LIVE) or has_short_option(words, "i")
        return live and not has_short_option(words, _IDS[head])
    if head not in _CAPTURERS or has_short_option(words, _CAPTURERS[head]):
        return False
    return not (head == "termshark" and any(a.endswith(_SAVED_CAPTURE) for a in words
                                            if not a.startswith("-")))
