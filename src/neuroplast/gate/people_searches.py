"""Calls that search for people: a username looked up across sites, an email address or a
phone number checked against services, names and addresses harvested for a domain, a
person's social accounts downloaded, whatever tool does it.

A search for a person gathers their personal data from sources they did not give it to,
into the agent's transcript and the project's files: a profile of someone who was never
asked (GDPR Art. 14 on personal data not obtained from the data subject, and Art. 5(1)(c)
on data minimisation; the Berkeley Protocol on Digital Open Source Investigations (OHCHR,
2022) on collecting no more about people than the inquiry needs; ATT&CK T1589 and T1593,
'Gather Victim Identity Information' and 'Search Open Websites/Domains'). A user's view of
this is one view whatever tool searches: someone who stops letting the agent run
``sherlock jdoe`` after it profiled a colleague stops it for ``maigret``, ``holehe
jdoe@example.com``, ``theHarvester -d example.com`` and ``instaloader jdoe`` alike. So it
is an act across programs (``gate.acts``: ``* osint``). A domain's own records (whois,
dig, certificate logs) and an address range scanned (``scan``'s) are not the act. Each
tool is read from its own manual; help, versions and a tool's web front end are not:

- usernames across sites: sherlock, maigret, blackbird, socialscan, nexfil, userrecon,
  whatsmyname, social-analyzer, tookie-osint;
- email addresses and phone numbers: holehe, h8mail, mosint, GHunt (``email``, ``gaia``,
  ``drive``), PhoneInfoga's ``scan``;
- people and addresses of an organisation: theHarvester, recon-ng, SpiderFoot with a
  target (``-s``);
- a person's social accounts downloaded: instaloader, osintgram, toutatis, twint,
  snscrape.

>>> from neuroplast.gate.shell import split_command
>>> [searches_people(s) for s in split_command(
...     "sherlock jdoe; sherlock --version; holehe jdoe@example.com; whois example.com; "
...     "phoneinfoga scan -n +15551234567; phoneinfoga serve -p 8080")]
[True, False, True, False, True, False]
"""

from __future__ import annotations

from neuroplast.gate.outputs import names_option
from neuroplast.gate.shell import Segment

__all__ = ["searches_people"]

_NOT_RUN = frozenset({"--help", "-h", "-help", "--version", "-V"})
# tools that search for whoever they are given (their manuals)
_ALWAYS = frozenset({"sherlock", "maigret", "blackbird", "socialscan", "nexfil", "userrecon",
                     "whatsmyname", "social-analyzer", "tookie-osint", "holehe", "h8mail",
                     "mosint", "theharvester", "recon-ng", "instaloader", "osintgram",
                     "toutatis", "twint", "snscrape"})
_COMMANDS = {"ghunt": frozenset({"email", "gaia", "drive", "geolocate"}),
             "phoneinfoga": frozenset({"scan"})}


def searches_people(seg: Segment) -> bool:
    """Whether ``seg`` searches for a person or their accounts (the ``osint`` act)."""
    head, words = seg.head.lower(), seg.argv[1:]
    if names_option(words, _NOT_RUN) or (not words and head != "recon-ng"):
        return False
    if head in _ALWAYS:
        return not (head == "maigret" and names_option(words, ("--web",)))
    if head in _COMMANDS:
        plain = [w for w in words if not w.startswith("-")]
        return bool(_COMMANDS[head].intersection(plain[:1]))
    if head in ("spiderfoot", "sf.py"):
        return names_option(words, ("-s",))
    return False
