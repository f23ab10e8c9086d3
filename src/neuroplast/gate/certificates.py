"""Calls that issue a certificate: an X.509 certificate obtained from a certificate
authority, self-signed, or signed by a CA the call holds, or a local CA made and trusted.

A certificate is a statement others trust: browsers and clients accept whatever it vouches
for until it expires, a public CA's issuance lands in Certificate Transparency logs for
anyone to read (RFC 9162), and a CA made on a laptop and installed can vouch for any name
(RFC 5280 on certification paths; NIST SP 800-57 Part 1 Rev. 5 5.3 on cryptoperiods; the
CA/Browser Forum's Baseline Requirements; ATT&CK T1588.004 'Digital Certificates' and
T1553.004 'Install Root Certificate'). A key pair is not one (``gate.key_generation``):
nobody trusts a key until a certificate says whose it is, and a certificate signing
request only asks. A user's view of issuing is one view whatever tool issues: someone who
stops letting the agent run ``certbot`` stops it for ``acme.sh``, ``mkcert`` and ``step
certificate create`` alike. So it is an act across programs (``gate.acts``: ``*
certificate``). Each tool is read from its own reference; listing, inspecting, verifying,
dry runs, help and versions are not the act:

- ACME clients: ``certbot certonly|run|renew`` and its installer plug-ins run bare
  (``certbot --nginx``), ``acme.sh --issue|--renew|--renew-all``, ``lego run|renew``;
- local CAs and toolkits: mkcert(1) (not ``-CAROOT``; ``-install`` trusts its CA), ``step
  certificate create|sign``, ``step ca certificate|renew``, ``cfssl gencert|sign|
  selfsign``, easy-rsa ``build-ca|sign-req|build-client-full|build-server-full``,
  ``nebula-cert ca|sign``, ``elasticsearch-certutil ca|cert|http``, keytool ``-gencert``,
  certtool ``--generate-self-signed|--generate-certificate|--generate-proxy``,
  ``ssh-keygen -s`` (an SSH certificate);
- openssl(1): ``req -x509`` (a self-signed certificate), ``x509 -req`` and ``ca`` (a
  request signed).

>>> from neuroplast.gate.shell import split_command
>>> [issues_certificate(s) for s in split_command(
...     "certbot certonly -d example.com; certbot certificates; mkcert localhost; "
...     "openssl req -new -key k.pem -out r.csr; openssl req -x509 -key k.pem -out c.pem")]
[True, False, True, False, True]
"""

from __future__ import annotations

from neuroplast.gate.outputs import leads_to, names_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["ACME_CLIENTS", "issues_certificate"]

_NOT_ISSUING = frozenset({"--help", "-h", "--version", "-help", "--dry-run", "-CAROOT"})
_CERTBOT_PLUGINS = frozenset({"--nginx", "--apache", "--standalone", "--webroot",
                              "--manual"})
# tool -> (the commands, as the first plain words, that lead to the certificate, the verbs
# that issue it)
_COMMANDS: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = {
    "certbot": (((), frozenset({"certonly", "run", "renew"})),),
    "step": ((("certificate",), frozenset({"create", "sign"})),
             (("ca",), frozenset({"certificate", "renew"}))),
    "cfssl": (((), frozenset({"gencert", "sign", "selfsign"})),),
    "easyrsa": (((), frozenset({"build-ca", "sign-req", "build-client-full",
                                "build-server-full"})),),
    "nebula-cert": (((), frozenset({"ca", "sign"})),),
    # elasticsearch-certutil(1): ca, cert and http make certificates; csr only asks
    "elasticsearch-certutil": (((), frozenset({"ca", "cert", "http"})),),
}
# GnuTLS certtool(1): a self-signed certificate, one signed by a CA, a proxy certificate
_CERTTOOL = frozenset({"--generate-self-signed", "-s", "--generate-certificate", "-c",
                       "--generate-proxy"})

# the ACME clients: a public CA issues (and signs under its own key) what they ask for
ACME_CLIENTS = frozenset({"certbot", "acme.sh", "lego"})
# the programs this act reads; any other is answered at once
_PROGRAMS = frozenset({"ssh-keygen", "mkcert", "keytool", "openssl", "certtool",
                       *ACME_CLIENTS, *_COMMANDS})


def issues_certificate(seg: Segment) -> bool:
    """Whether ``seg`` issues a certificate or makes and trusts a CA (the ``certificate``
    act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if head not in _PROGRAMS:
        return False
    if head == "ssh-keygen":  # -s CA_KEY signs a certificate (its -h is a host certificate);
        return "-s" in words and "-Y" not in words  # under -Y, -s names a signature file
    if names_option(words, _NOT_ISSUING):
        return False
    if head == "mkcert":
        return True
    if head == "acme.sh":
        return bool({"--issue", "--renew", "--renew-all"} & set(words))
    if head == "lego":  # lego's global options (most with a value) come before the command
        return bool({"run", "renew"} & set(words))
    if head == "keytool":
        return "-gencert" in words
    if head == "certtool":
        return bool(_CERTTOOL.intersection(words))
    if head == "certbot" and _CERTBOT_PLUGINS & set(words):
        return True
    if head == "openssl":
        sub, rest = words[:1], set(words[1:])
        return (sub == ("req",) and "-x509" in rest) or (
            sub == ("x509",) and "-req" in rest) or sub == ("ca",)
    return leads_to(operands(argv, frozenset()), _COMMANDS.get(head, ()))
