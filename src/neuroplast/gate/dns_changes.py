"""Calls that change DNS: a record, a zone or a domain's name servers created, changed or
deleted on a DNS service.

A DNS change reaches every client of the name at once and outlives the call by its TTL:
a wrong record sends customers, mail or API clients elsewhere, and caches keep the mistake
after it is undone (RFC 1034 4.3.4 and RFC 2308 on caching; ATT&CK T1584.002 'DNS Server'
and the hijacks CISA's Emergency Directive 19-01 'Mitigate DNS Infrastructure Tampering'
describes). A user's view of this is one view whatever tool changes it: someone who stops
letting the agent change records with ``aws route53`` stops it for ``gcloud dns``,
``nsupdate`` and ``doctl`` alike. So it is an act across programs (``gate.acts``: ``*
dns``). Each tool is read from its own reference; lookups (dig, host, nslookup), listing
and describing records, previews and plans, help and versions are not the act:

- dynamic updates: nsupdate(1) (not ``-V``);
- cloud DNS: ``aws route53 change-resource-record-sets|create-hosted-zone|
  delete-hosted-zone`` and ``aws route53domains update-domain-nameservers``; ``gcloud dns
  record-sets create|update|delete|import`` and ``record-sets transaction execute``,
  ``gcloud dns managed-zones create|update|delete``; ``az network dns|private-dns
  record-set ... add-record|remove-record|create|update|delete|set-record`` and ``... zone
  create|update|delete``; ``doctl compute domain create|delete`` and ``domain records
  create|update|delete``; ``linode-cli domains create|update|delete|records-create|
  records-update|records-delete``; Cloudflare's flarectl ``dns create|update|delete|
  create-or-update`` and ``cloudflared tunnel route dns``; ``vercel dns add|rm``;
  ``aws lightsail create-domain|delete-domain|create-domain-entry|update-domain-entry|
  delete-domain-entry``; ``gcloud domains registrations configure dns`` (the delegation);
  ``vultr-cli dns record create|update|delete`` and ``dns domain create|delete``; ``exo
  dns add|remove|create|delete|update``; ``ibmcloud dns resource-record-create|-update|
  -delete|zone-create|zone-update|zone-delete`` and ``ibmcloud cis dns-record-create|
  -update|-delete|dns-records-import``; cli53's ``create|delete|import|rrcreate|rc|
  rrdelete|rd|rrpurge|instances`` (Route 53; not ``list``, ``export``, ``--dry-run``);
  Cloudflare's cli4 ``--post|--put|--patch|--delete`` on ``/zones`` or ``.../dns_records``;
- DNS servers and tools that push a zone: PowerDNS' ``pdnsutil add-record|delete-rrset|
  replace-rrset|create-zone|delete-zone|edit-zone|load-zone``, FreeIPA's ``ipa
  dnsrecord-add|dnsrecord-mod|dnsrecord-del|dnszone-add|dnszone-mod|dnszone-del``, Windows'
  ``dnscmd /recordadd|/recorddelete|/zoneadd|/zonedelete``, ``octodns-sync --doit``
  (without it, a plan), ``dnscontrol push`` (not ``preview``), ``lexicon PROVIDER
  create|update|delete``; Knot DNS' ``knotc zone-set|zone-unset|zone-commit|zone-reload|
  zone-purge|zone-sign|zone-key-rollover|zone-restore|reload`` (not ``zone-begin``,
  ``zone-read``, ``conf-read``); BIND's ``rndc reload|thaw|addzone|delzone|modzone|sign|
  loadkeys``; NSD's ``nsd-control reload|addzone|delzone|changezone``; Unbound's
  ``unbound-control local_zone|local_data`` and their removals (what the resolver answers);
- certificates whose ACME challenge is a TXT record the tool writes through a DNS
  provider's API (RFC 8555 8.4, 'DNS Challenge'): ``acme.sh --dns dns_*`` (not its manual
  mode, ``--dns`` alone), certbot with a DNS plugin (``--dns-*``, ``-a|--authenticator
  dns-*``; a ``--dry-run`` too, which validates the record against the staging server),
  ``lego --dns PROVIDER``.

>>> from neuroplast.gate.shell import split_command
>>> [changes_dns(s) for s in split_command(
...     "aws route53 change-resource-record-sets --hosted-zone-id Z1 --change-batch file://c.json; "
...     "aws route53 list-resource-record-sets --hosted-zone-id Z1; dig example.com; "
...     "gcloud dns record-sets create www.example.com. --zone=z --type=A --rrdatas=1.2.3.4; "
...     "octodns-sync --config-file=c.yaml; octodns-sync --config-file=c.yaml --doit")]
[True, False, False, True, False, True]
"""

from __future__ import annotations

import re

from neuroplast.gate.executed import global_values
from neuroplast.gate.outputs import leads_to, names_option, operands, option_values
from neuroplast.gate.shell import Segment

__all__ = ["changes_dns"]

_NO_CHANGE = frozenset({"--help", "-h", "--version", "-V", "--dry-run"})
_CHANGE = frozenset({"create", "update", "delete", "import"})
# tool -> (the commands, as the first plain words, that lead to the change, the verbs
# that make it)
_COMMANDS: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = {
    "aws": ((("route53",), frozenset({"change-resource-record-sets", "create-hosted-zone",
                                      "delete-hosted-zone"})),
            (("route53domains",), frozenset({"update-domain-nameservers"})),
            (("lightsail",), frozenset({"create-domain", "delete-domain", "create-domain-entry",
                                        "update-domain-entry", "delete-domain-entry"}))),
    "gcloud": ((("dns", "record-sets"), _CHANGE), (("dns", "record-sets", "transaction"),
                                                   frozenset({"execute"})),
               (("dns", "managed-zones"), frozenset({"create", "update", "delete"})),
               (("domains", "registrations", "configure"), frozenset({"dns"}))),
    "doctl": ((("compute", "domain"), frozenset({"create", "delete"})),
              (("compute", "domain", "records"), frozenset({"create", "update", "delete"}))),
    "linode-cli": ((("domains",), frozenset({"create", "update", "delete", "records-create",
                                             "records-update", "records-delete"})),),
    "flarectl": ((("dns",), frozenset({"create", "update", "delete", "create-or-update",
                                       "c", "u", "d", "o"})),),
    "cloudflared": ((("tunnel", "route"), frozenset({"dns"})),),
    "vercel": ((("dns",), frozenset({"add", "rm", "remove"})),),
    "pdnsutil": (((), frozenset({"add-record", "delete-rrset", "replace-rrset", "create-zone",
                                 "delete-zone", "edit-zone", "load-zone"})),),
    "ipa": (((), frozenset({"dnsrecord-add", "dnsrecord-mod", "dnsrecord-del", "dnszone-add",
                            "dnszone-mod", "dnszone-del"})),),
    "dnscontrol": (((), frozenset({"push"})),),
    "vultr-cli": ((("dns", "record"), _CHANGE - {"import"}),
                  (("dns", "domain"), frozenset({"create", "delete"}))),
    "exo": ((("dns",), frozenset({"add", "remove", "create", "delete", "update"})),),
    "ibmcloud": ((("dns",), frozenset({"resource-record-create", "resource-record-update",
                                       "resource-record-delete", "zone-create", "zone-update",
                                       "zone-delete"})),
                 (("cis",), frozenset({"dns-record-create", "dns-record-update",
                                       "dns-record-delete", "dns-records-import"}))),
    "cli53": (((), frozenset({"create", "delete", "import", "rrcreate", "rc", "rrdelete", "rd",
                              "rrpurge", "instances"})),),
}
# name servers' control programs -> the commands that change what they serve; their
# options' values (a socket, a server, a key) may come before the command
_SERVER_CONTROL = {
    "knotc": frozenset({"zone-set", "zone-unset", "zone-commit", "zone-reload", "zone-purge",
                        "zone-sign", "zone-key-rollover", "zone-restore", "reload"}),
    "rndc": frozenset({"reload", "thaw", "addzone", "delzone", "modzone", "sign", "loadkeys"}),
    "nsd-control": frozenset({"reload", "addzone", "delzone", "changezone", "addzones",
                              "delzones"}),
    "unbound-control": frozenset({"local_zone", "local_zone_remove", "local_data",
                                  "local_data_remove", "local_zones", "local_zones_remove",
                                  "local_datas", "local_datas_remove"}),
}
_CONTROL_WORDS = 3
_CLI4_METHODS = ("--post", "--put", "--patch", "--delete")
_CLI4_PATH = re.compile(r"^/zones(?:/[^/\s]+)?/?$|/dns_records(?:/|$)")
_AZ_RECORD_VERBS = frozenset({"add-record", "remove-record", "create", "update", "delete",
                              "set-record"})
_DNSCMD = ("/recordadd", "/recorddelete", "/zoneadd", "/zonedelete")


def changes_dns(seg: Segment) -> bool:
    """Whether ``seg`` creates, changes or deletes DNS records, zones or a domain's name
    servers (the ``dns`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if head == "certbot":  # its --dry-run still writes the challenge record
        return _certbot_dns(argv)
    if names_option(words, _NO_CHANGE):
        return False
    if head == "nsupdate":
        return True
    if head == "octodns-sync":
        return "--doit" in words
    if head == "dnscmd":
        return any(a.lower() in _DNSCMD for a in words)
    if head == "acme.sh":
        return any(v.startswith("dns_") for v in option_values(argv, ("--dns",)))
    if head == "lego":
        return bool(option_values(argv, ("--dns",)))
    if head == "cli4":
        return any(a in _CLI4_METHODS for a in words) and any(_CLI4_PATH.search(a)
                                                                for a in words)
    plain = operands(argv, global_values(head))
    if head in _SERVER_CONTROL:
        return bool(_SERVER_CONTROL[head].intersection(plain[:_CONTROL_WORDS]))
    if head == "az":  # az network dns|private-dns record-set TYPE VERB, zone VERB
        if plain[:2] not in (["network", "dns"], ["network", "private-dns"]):
            return False
        if plain[2:3] == ["zone"]:
            return bool({"create", "update", "delete"}.intersection(plain[3:4]))
        return plain[2:3] == ["record-set"] and bool(_AZ_RECORD_VERBS.intersection(plain[3:5]))
    if head == "lexicon":  # lexicon PROVIDER create|update|delete DOMAIN TYPE
        return bool({"create", "update", "delete"}.intersection(plain[1:2]))
    return leads_to(plain, _COMMANDS.get(head, ()))


def _certbot_dns(argv: tuple[str, ...]) -> bool:
    """Whether certbot is told to answer its challenge with a DNS plugin."""
    words = argv[1:]
    if names_option(words, ("--help", "-h", "--version")):
        return False
    return any(a.startswith("--dns-") for a in words) or any(
        v.startswith("dns-") for v in option_values(argv, ("-a", "--authenticator")))
