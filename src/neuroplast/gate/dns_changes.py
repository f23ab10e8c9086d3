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
- DNS servers and tools that push a zone: PowerDNS' ``pdnsutil add-record|delete-rrset|
  replace-rrset|create-zone|delete-zone|edit-zone|load-zone``, FreeIPA's ``ipa
  dnsrecord-add|dnsrecord-mod|dnsrecord-del|dnszone-add|dnszone-mod|dnszone-del``, Windows'
  ``dnscmd /recordadd|/recorddelete|/zoneadd|/zonedelete``, ``octodns-sync --doit``
  (without it, a plan), ``dnscontrol push`` (not ``preview``), ``lexicon PROVIDER
  create|update|delete``.

>>> from neuroplast.gate.shell import split_command
>>> [changes_dns(s) for s in split_command(
...     "aws route53 change-resource-record-sets --hosted-zone-id Z1 --change-batch file://c.json; "
...     "aws route53 list-resource-record-sets --hosted-zone-id Z1; dig example.com; "
...     "gcloud dns record-sets create www.example.com. --zone=z --type=A --rrdatas=1.2.3.4; "
...     "octodns-sync --config-file=c.yaml; octodns-sync --config-file=c.yaml --doit")]
[True, False, False, True, False, True]
"""

from __future__ import annotations

from neuroplast.gate.executed import global_values
from neuroplast.gate.outputs import leads_to, names_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["changes_dns"]

_NO_CHANGE = frozenset({"--help", "-h", "--version", "-V", "--dry-run"})
_CHANGE = frozenset({"create", "update", "delete", "import"})
# tool -> (the commands, as the first plain words, that lead to the change, the verbs
# that make it)
_COMMANDS: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = {
    "aws": ((("route53",), frozenset({"change-resource-record-sets", "create-hosted-zone",
                                      "delete-hosted-zone"})),
            (("route53domains",), frozenset({"update-domain-nameservers"}))),
    "gcloud": ((("dns", "record-sets"), _CHANGE), (("dns", "record-sets", "transaction"),
                                                   frozenset({"execute"})),
               (("dns", "managed-zones"), frozenset({"create", "update", "delete"}))),
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
}
_AZ_RECORD_VERBS = frozenset({"add-record", "remove-record", "create", "update", "delete",
                              "set-record"})
_DNSCMD = ("/recordadd", "/recorddelete", "/zoneadd", "/zonedelete")


def changes_dns(seg: Segment) -> bool:
    """Whether ``seg`` creates, changes or deletes DNS records, zones or a domain's name
    servers (the ``dns`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if names_option(words, _NO_CHANGE):
        return False
    if head == "nsupdate":
        return True
    if head == "octodns-sync":
        return "--doit" in words
    if head == "dnscmd":
        return any(a.lower() in _DNSCMD for a in words)
    plain = operands(argv, global_values(head))
    if head == "az":  # az network dns|private-dns record-set TYPE VERB, zone VERB
        if plain[:2] not in (["network", "dns"], ["network", "private-dns"]):
            return False
        if plain[2:3] == ["zone"]:
            return bool({"create", "update", "delete"}.intersection(plain[3:4]))
        return plain[2:3] == ["record-set"] and bool(_AZ_RECORD_VERBS.intersection(plain[3:5]))
    if head == "lexicon":  # lexicon PROVIDER create|update|delete DOMAIN TYPE
        return bool({"create", "update", "delete"}.intersection(plain[1:2]))
    return leads_to(plain, _COMMANDS.get(head, ()))
