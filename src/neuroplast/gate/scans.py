"""Calls that scan a network: hosts swept, ports probed, services fingerprinted, web
servers and their TLS enumerated or probed for known weaknesses.

A scan sends traffic to machines the agent was not asked to talk to, or to many at once: it
is how an intruder maps a network (ATT&CK T1595 'Active Scanning', T1046 'Network Service
Discovery'), it trips intrusion detection and a provider's or an employer's acceptable use
policy, and fragile devices fall over under it (CISA's ICS advisories warn that active
scans can disrupt controllers; NIST SP 800-115 5.2 and 7 on planning and authorising
scans). A user's view of it is one view whatever tool scans: someone who stops letting the
agent run ``nmap`` stops it for ``masscan``, ``arp-scan`` and ``nc -z`` alike. So it is an
act across programs (``gate.acts``: ``* scan``). Each tool is read from its own manual;
help, versions, lists of the tool's own modules, saved results read back and modes that
send nothing are not the act:

- port and host scanners: nmap(1) given a target (a host operand, ``-iL``, ``-iR``; with
  none it only runs its scripts' prerules; not ``-sL``, the list scan, which 'does not send
  any packets to the target hosts', nor ``--iflist``, ``--script-help``), masscan (not
  ``--echo``, ``--readscan``, ``--selftest``), zmap(1) (not ``--dryrun`` nor the
  ``--list-*`` options), rustscan, naabu, unicornscan, zgrab2, autorecon;
- sweeps of the local network: arp-scan(1), netdiscover(8) (not ``-p``, passive mode:
  'do not send anything, only sniff'), nbtscan, ``fping -g`` (fping(8): 'generate a
  target list'); ``hping3 --scan|-8`` (hping3(8): scan mode); ``nc|ncat|netcat -z``
  (nc(1): 'only scan for listening daemons, without sending any data to them');
- web and vulnerability scanners: nikto, nuclei (not ``-tl``, ``-ut``/``-update-templates``,
  ``-validate``), wpscan (not ``--update``), ``sqlmap`` given a target (``-u``, ``-r``,
  ``-m``, ``-g``, ``--crawl``), whatweb, wafw00f; content discovery: gobuster (its
  modes, not ``version``/``help``), ffuf, dirb, dirsearch, feroxbuster, wfuzz;
- TLS and service enumeration: sslscan, sslyze, testssl.sh, ike-scan, onesixtyone,
  snmp-check, enum4linux(-ng), smbmap; DNS brute force and zone walking: dnsrecon,
  dnsenum, fierce.

Scanners of local files, images and packages (trivy, grype, lynis, clamscan) probe no
machine, and a trace of one route (traceroute, mtr) or a ping of one host is no sweep.

>>> from neuroplast.gate.shell import split_command
>>> [scans(s) for s in split_command(
...     "nmap -sV 10.0.0.0/24; nmap -sL 10.0.0.0/24; nc -zv db 5432; nc db 5432; "
...     "arp-scan --localnet; netdiscover -p; fping -g 10.0.0.0/24; fping db")]
[True, False, True, False, True, False, True, False]
"""

from __future__ import annotations

from neuroplast.gate.outputs import has_short_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["scans"]

_NOT_SCANNING = frozenset({"--help", "-help", "--version", "-version", "--usage", "-h"})
# scanner -> its further options (whole words, values dropped) that read saved results,
# list its modules, print its version or send nothing instead of scanning, from its manual
_NOT_SCANNING_BY_TOOL: dict[str, frozenset[str]] = {
    "nmap": frozenset({"-sL", "--iflist", "--script-help", "--script-updatedb", "-V",
                       "--interactive"}),
    "masscan": frozenset({"--echo", "--readscan", "--selftest", "--regress"}),
    "zmap": frozenset({"--dryrun", "--list-probe-modules", "--list-output-modules",
                       "--list-output-fields", "-V"}),
    "rustscan": frozenset({"-V"}), "unicornscan": frozenset({"-V"}), "ike-scan": frozenset({"-V"}),
    "autorecon": frozenset({"--list"}), "arp-scan": frozenset({"-V"}),
    "netdiscover": frozenset({"-p"}),  # passive mode: 'do not send anything, only sniff'
    "nikto": frozenset({"-Help", "-Version", "-list-plugins", "-dbcheck", "-update"}),
    "nuclei": frozenset({"-tl", "-ut", "-update-templates", "-validate", "-up", "-update"}),
    "wpscan": frozenset({"--hh", "--update"}), "whatweb": frozenset({"-l", "--list-plugins"}),
    "wafw00f": frozenset({"-l"}), "ffuf": frozenset({"-V"}), "wfuzz": frozenset({"-e"}),
    "feroxbuster": frozenset({"-V", "--update"}), "sslscan": frozenset({"--show-ciphers"}),
    "testssl.sh": frozenset({"-b", "--banner", "-V", "--local"}),
    "testssl": frozenset({"-b", "--banner", "-V", "--local"}),
}
_SCANNERS = frozenset({*_NOT_SCANNING_BY_TOOL, "naabu", "zgrab2", "nbtscan", "dirb",
                       "dirsearch", "sslyze", "onesixtyone", "snmp-check", "enum4linux",
                       "enum4linux-ng", "smbmap", "dnsrecon", "dnsenum", "fierce"})
# nmap(1)'s options whose value is the next word (its OPTIONS SUMMARY), so no target
_NMAP_VALUES = frozenset({
    "-p", "--exclude-ports", "--top-ports", "--port-ratio", "--exclude", "--excludefile",
    "-oN", "-oX", "-oS", "-oG", "-oA", "--script", "--script-args", "--script-args-file",
    "--script-trace-file", "-e", "-S", "-D", "-g", "--source-port", "--data",
    "--data-string", "--data-length", "--ttl", "--spoof-mac", "--mtu", "--proxies",
    "--dns-servers", "--datadir", "--stylesheet", "--resume", "--version-intensity",
    "--host-timeout", "--scan-delay", "--max-scan-delay", "--max-retries", "--min-rate",
    "--max-rate", "--min-parallelism", "--max-parallelism", "--min-hostgroup",
    "--max-hostgroup", "--min-rtt-timeout", "--max-rtt-timeout", "--initial-rtt-timeout",
    "--script-timeout", "-sI", "-b", "--servicedb", "--versiondb", "--ip-options"})
_SQLMAP_TARGETS = frozenset({"-u", "--url", "-r", "-m", "-g", "--crawl", "-l"})
_NETCATS = frozenset({"nc", "ncat", "netcat"})
_GOBUSTER_NOT = frozenset({"version", "help", "completion"})

# the programs this act reads; any other is answered at once
_PROGRAMS = frozenset({*_SCANNERS, "sqlmap", "fping", "hping3", "gobuster", *_NETCATS})


def scans(seg: Segment) -> bool:
    """Whether ``seg`` scans a network's hosts or services (the ``scan`` act)."""
    head, words = seg.head, seg.argv[1:]
    if head not in _PROGRAMS:
        return False
    options = {a.partition("=")[0] for a in words if a.startswith("-")}
    if head == "nikto":
        options.discard("-h")  # nikto(1): '-h, -host: target host'; its help is -Help
    if options & _NOT_SCANNING:
        return False
    if head in _NETCATS:
        return has_short_option(words, "z")
    if head == "fping":
        return "--generate" in options or has_short_option(words, "g")
    if head == "hping3":
        return "--scan" in options or "-8" in options
    if head == "sqlmap":
        return bool(options & _SQLMAP_TARGETS)
    if head == "nmap" and not ({"-iL", "-iR"} & options or operands(seg.argv, _NMAP_VALUES)):
        return False  # no target: prerule scripts (nmap --script=x), --interactive
    if head == "gobuster":
        plain = [a for a in words if not a.startswith("-")]
        return bool(plain) and plain[0] not in _GOBUSTER_NOT
    return bool(words) and not options & _NOT_SCANNING_BY_TOOL.get(head, frozenset())
