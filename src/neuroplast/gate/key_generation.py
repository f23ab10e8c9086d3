"""Calls that generate a key: a key pair or a secret key made, for SSH, signing,
encryption, a VPN or TLS.

A new key is a new identity: whoever holds the private half can sign, decrypt or log in
as its owner, and a key left where a call wrote it is one more secret to guard, rotate and
revoke (NIST SP 800-57 Part 1 Rev. 5 'Recommendation for Key Management' 8.1 on key
generation and 6 on protecting keys; ATT&CK T1098.004 'SSH Authorized Keys' and T1552.004
'Private Keys'). Issuing a certificate for a key is another act (``gate.certificates``);
a tool that makes a new key for the certificate it issues makes a key too.
A user's view of this is one view whatever tool makes the key: someone who stops letting
the agent run ``ssh-keygen`` stops it for ``openssl genpkey``, ``gpg --gen-key`` and ``wg
genkey`` alike. So it is an act across programs (``gate.acts``: ``* keygen``). Each tool is
read from its own reference; fingerprints, conversions, public halves derived, listings,
verifications, help and versions are not the act:

- ssh-keygen(1) run to generate (not with ``-l``, ``-y``, ``-e``, ``-i``, ``-F``, ``-R``,
  ``-H``, ``-L``, ``-Q``, ``-Y``, ``-D``, ``-K``, ``-r``, ``-p``, ``-c`` or ``-s``, which
  select other operations);
- openssl(1) ``genrsa``, ``genpkey``, ``gendsa``, ``dhparam``, ``ecparam -genkey`` and
  ``req -newkey`` (or ``-new`` without ``-key``: 'it will generate a new private key');
  gpg(1) ``--gen-key``, ``--generate-key``, ``--full-generate-key``,
  ``--quick-generate-key``, ``--quick-add-key``, ``--gen-revoke``/``--generate-revocation``;
- age-keygen(1) (not ``-y``), minisign ``-G``, signify ``-G``, ``wg genkey|genpsk``,
  ``cosign generate-key-pair``, ``step crypto keypair``, ``cfssl genkey``, ``nebula-cert
  keygen``, keytool ``-genkeypair|-genkey|-genseckey``, easy-rsa ``gen-req|
  build-client-full|build-server-full``; ``sq key generate``, ``sqop generate-key``,
  dropbearkey(1), certtool ``--generate-privkey``, ``openvpn --genkey``, ``fastd
  --generate-key``, gmssl's ``-genkey`` and ``sm2keygen``, .NET's ``sn -k``,
  ``dnssec-keygen``, ``tsig-keygen``, ``ddns-confgen``, ``rndc-confgen``, strongSwan's
  ``pki --gen``, tarsnap-keygen, ``tomb forge``, ``ukify genkey``,
  ``elasticsearch-syskeygen``, ``systemd-cryptenroll --recovery-key``;
- keys made in a token or a TPM: ``tpm2_create``, ``tpm2_createprimary``, ``tpm2_createak``,
  ``tpm2_createek``, ``pkcs11-tool --keypairgen|--keygen``, ``yubico-piv-tool -a
  generate``, ``ykman piv keys generate``, ``ykman openpgp keys generate``... ;
- certificates issued with a new key, as the tools make them by default: mkcert(1) (not
  ``-CAROOT``, ``-uninstall``), ``certbot certonly|run|renew`` (not ``--reuse-key`` or
  ``--csr``), ``acme.sh --issue``, ``lego run|renew`` (not ``--csr``);
- keys a service makes and holds or hands out: ``aws kms create-key``, ``aws ec2
  create-key-pair``, ``aws iam create-access-key``, ``gcloud kms keys create``, ``gcloud
  iam service-accounts keys create``, ``az keyvault key create``, ``az sshkey create``,
  ``ibmcloud iam api-key-create|service-api-key-create``, Vault's ``write`` to a transit
  key path or its ``rotate``, ``vault operator init`` (the unseal keys and root key),
  ``exo iam api-key create``, ``linode-cli object-storage keys create``, ``b2
  create-key``, any ``az`` command with ``--generate-ssh-keys``; ``kubeadm init`` (a
  self-signed CA and each component's keys); ``zerotier-idtool generate``;
- wallets' new keys and seeds: ``electrum create``, ``cast wallet new|new-mnemonic``,
  ``solana-keygen new|grind``, ``sui keytool generate``, ``sui client new-address``,
  ``bitcoin-cli createwallet``, ``geth account new``, ``clef newaccount``.

>>> from neuroplast.gate.shell import split_command
>>> [makes_key(s) for s in split_command(
...     "ssh-keygen -t ed25519 -f ~/.ssh/ci; ssh-keygen -lf ~/.ssh/ci.pub; "
...     "openssl req -x509 -newkey rsa:2048 -nodes -keyout k.pem -out c.pem; "
...     "openssl x509 -in c.pem -noout -text; wg genkey; wg show")]
[True, False, True, False, True, False]
"""

from __future__ import annotations

import re

from neuroplast.gate.certificates import ACME_CLIENTS, issues_certificate
from neuroplast.gate.outputs import (
    has_short_option,
    leads_to,
    names_option,
    operands,
    option_values,
    stdout_to_file,
)
from neuroplast.gate.shell import Segment

__all__ = ["makes_key", "prints_private_key"]

_NOT_MAKING = frozenset({"--help", "-h", "--version", "-help", "--dry-run"})
# ssh-keygen(1)'s options that select another operation than generating a key, and those
# whose value follows them
_SSH_KEYGEN_OTHER, _SSH_KEYGEN_VALUES = "lyeiFRHLQYDKrpcs", "tbfCNOZIVnza"
_OPENSSL_ALWAYS = frozenset({"genrsa", "genpkey", "gendsa", "dhparam"})
_GPG = frozenset({"--gen-key", "--generate-key", "--full-generate-key", "--full-gen-key",
                  "--quick-generate-key", "--quick-gen-key", "--quick-add-key",
                  "--gen-revoke", "--generate-revocation"})
_KEYTOOL = frozenset({"-genkeypair", "-genkey", "-genseckey"})
# tool -> (the commands, as the first plain words, that lead to the key, the verbs that
# make it)
_COMMANDS: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = {
    "wg": (((), frozenset({"genkey", "genpsk"})),),
    "cosign": (((), frozenset({"generate-key-pair"})),),
    "step": ((("crypto",), frozenset({"keypair"})),),
    "cfssl": (((), frozenset({"genkey"})),),
    "nebula-cert": (((), frozenset({"keygen"})),),
    "easyrsa": (((), frozenset({"gen-req", "build-client-full", "build-server-full"})),),
    "sq": ((("key",), frozenset({"generate"})),),
    "sqop": (((), frozenset({"generate-key"})),),
    "gmssl": (((), frozenset({"sm2keygen", "sm9keygen"})),),
    "tomb": (((), frozenset({"forge"})),),
    "ukify": (((), frozenset({"genkey"})),),
    "ykman": ((("piv", "keys"), frozenset({"generate"})),
              (("openpgp", "keys"), frozenset({"generate"})),
              (("fido", "credentials"), frozenset({"generate"}))),
    "aws": ((("kms",), frozenset({"create-key"})), (("ec2",), frozenset({"create-key-pair"})),
            (("iam",), frozenset({"create-access-key"}))),
    "gcloud": ((("kms", "keys"), frozenset({"create"})),
               (("iam", "service-accounts", "keys"), frozenset({"create"}))),
    "az": ((("keyvault", "key"), frozenset({"create"})), (("sshkey",), frozenset({"create"}))),
    "ibmcloud": ((("iam",), frozenset({"api-key-create", "service-api-key-create"})),),
    "electrum": (((), frozenset({"create"})),),
    "cast": ((("wallet",), frozenset({"new", "new-mnemonic"})),),
    "solana-keygen": (((), frozenset({"new", "grind"})),),
    "sui": ((("keytool",), frozenset({"generate"})), (("client",), frozenset({"new-address"}))),
    "bitcoin-cli": (((), frozenset({"createwallet"})),),
    "geth": ((("account",), frozenset({"new"})),),
    "clef": (((), frozenset({"newaccount"})),),
    "zerotier-idtool": (((), frozenset({"generate"})),),
    # kubeadm-init(1): 'generates a self-signed CA to set up identities for each component'
    "kubeadm": (((), frozenset({"init"})),),
    "exo": ((("iam", "api-key"), frozenset({"create"})),),
    "linode-cli": ((("object-storage", "keys"), frozenset({"create"})),),
    "b2": (((), frozenset({"create-key"})),),
}
_ALWAYS = frozenset({"dropbearkey", "dnssec-keygen", "tsig-keygen", "ddns-confgen",
                     "rndc-confgen", "tarsnap-keygen", "elasticsearch-syskeygen",
                     "tpm2_create", "tpm2_createprimary", "tpm2_createak", "tpm2_createek"})
# each tool -> its options that make a key (its manual)
_KEY_OPTIONS: dict[str, frozenset[str]] = {
    "certtool": frozenset({"--generate-privkey", "-p"}),
    "openvpn": frozenset({"--genkey"}),
    "fastd": frozenset({"--generate-key"}),
    "gmssl": frozenset({"-genkey"}),
    "sn": frozenset({"-k"}),
    "systemd-cryptenroll": frozenset({"--recovery-key"}),
    "pkcs11-tool": frozenset({"--keypairgen", "--keygen"}),
    "pki": frozenset({"--gen"}),
}
# ACME clients make a new key for each certificate unless given one (certbot(1)
# --reuse-key, --csr; lego --csr)
_ACME_OWN_KEY = frozenset({"--reuse-key", "--csr", "-csr"})
# a Vault transit key created (transit/keys/NAME) or rotated (.../rotate)
_VAULT_KEY_PATH = re.compile(r"(?:^|/)keys/[^/]+(?:/rotate)?$")

# the programs this act reads; any other is answered at once
_PROGRAMS = frozenset({"ssh-keygen", "age-keygen", "minisign", "signify", "gpg", "gpg2",
                       "keytool", "openssl", "mkcert", *ACME_CLIENTS,
                       "yubico-piv-tool", "vault", *_COMMANDS, *_ALWAYS, *_KEY_OPTIONS})


def makes_key(seg: Segment) -> bool:
    """Whether ``seg`` generates a key pair or a secret key (the ``keygen`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if head not in _PROGRAMS:
        return False
    if head == "ssh-keygen":  # its -h is a host certificate, not help
        return "--help" not in words and not has_short_option(words, _SSH_KEYGEN_OTHER,
                                                               stop=_SSH_KEYGEN_VALUES)
    if names_option(words, _NOT_MAKING):
        return False
    if head == "age-keygen":
        return "-y" not in words
    if head in ("minisign", "signify"):
        return "-G" in words
    if head in ("gpg", "gpg2"):
        return bool(_GPG & set(words))
    if head == "keytool":
        return bool(_KEYTOOL & set(words))
    if head in _ALWAYS:
        return bool(words) or head in ("rndc-confgen", "ddns-confgen", "tpm2_createek",
                                       "tpm2_createprimary", "elasticsearch-syskeygen")
    if head in _KEY_OPTIONS and names_option(words, _KEY_OPTIONS[head]):
        return True
    if head == "mkcert":  # a new key with each certificate, and with its CA on -install
        return not {"-uninstall", "-CAROOT"}.intersection(words)
    if head in ACME_CLIENTS:  # a new key with each certificate issued, unless given one;
        # acme.sh keeps the domain's key when it renews
        return issues_certificate(seg) and not names_option(words, _ACME_OWN_KEY) and (
            head != "acme.sh" or "--issue" in words)
    if head == "yubico-piv-tool":  # -a generate
        return "generate" in option_values(argv, ("-a", "--action"))
    if head == "vault":  # vault write [-f] transit/keys/NAME[/rotate]; operator init
        plain = operands(argv, frozenset())  # (the unseal keys and root key: vault(1))
        return plain[:2] == ["operator", "init"] or plain[:1] == ["init"] or (
            plain[:1] == ["write"] and bool(_VAULT_KEY_PATH.search(" ".join(plain[1:2]))))
    if head == "az" and "--generate-ssh-keys" in words:  # 'if missing' in ~/.ssh
        return True
    if head == "openssl":
        sub, rest = words[:1], set(words[1:])
        return bool(sub) and (sub[0] in _OPENSSL_ALWAYS
                              or (sub[0] == "ecparam" and "-genkey" in rest)
                              or (sub[0] == "req" and ("-newkey" in rest or (
                                  "-new" in rest and "-key" not in rest))))
    return leads_to(operands(argv, frozenset()), _COMMANDS.get(head, ()))


# tools that print the secret key they make unless told where to write it -> those options:
# openssl-genrsa(1), -genpkey(1), -gendsa(1) and -ecparam(1): '-out filename: Output the key
# to the specified file. If this argument is not specified then standard output is used';
# wg(8): 'genkey: Generates a random private key in base64 and prints it to standard
# output' (genpsk likewise, a preshared key); age-keygen(1): '-o, --output: Write the
# identity to OUTPUT instead of standard output'
_PRINTED_UNLESS = {"openssl": ("-out",), "wg": (), "age-keygen": ("-o", "--output")}
_OPENSSL_SECRET_KEYS = frozenset({"genrsa", "genpkey", "gendsa", "ecparam"})  # dhparam: public


def prints_private_key(seg: Segment) -> bool:
    """Whether ``seg`` makes a private or secret key and prints it: the new secret lands in
    the agent's transcript as surely as one read from a key store (``credential_commands``).
    Written to a file (its output option, or standard output redirected), it does not; the
    caller knows whether the output is piped on to another command instead.

    >>> from neuroplast.gate.shell import split_command
    >>> [prints_private_key(s) for s in split_command(
    ...     "openssl genrsa 2048; openssl genrsa -out k.pem 2048; wg genkey > k; wg genpsk; "
    ...     "age-keygen -o key.txt; openssl dhparam 2048")]
    [True, False, False, True, False, False]
    """
    head, argv = seg.head, seg.argv
    if head not in _PRINTED_UNLESS or not makes_key(seg) or stdout_to_file(seg):
        return False
    if head == "openssl" and argv[1] not in _OPENSSL_SECRET_KEYS:
        return False
    return not option_values(argv, _PRINTED_UNLESS[head], clusters=head != "openssl")
