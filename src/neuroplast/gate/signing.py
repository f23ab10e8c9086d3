"""Calls that sign in the user's name: with a key the user holds, or by a signing service,
a certificate authority or a key store that signs for them.

A signature says, in the signer's name, that this is theirs and trusted: a signed commit or
tag, a signed package, image or boot binary, a notarised app, a certificate issued from a
CA key. Whoever trusts the key trusts what it signed, and a signature cannot be taken back
once others hold it (NIST FIPS 186-5 on digital signatures; NIST SP 800-57 Part 1 on key
usage; SLSA's and Sigstore's provenance; ATT&CK T1553.002 'Code Signing'). A sign-off is
the same statement without the cryptography: git-commit(1)'s ``--signoff`` adds a
Signed-off-by trailer that 'certifies that the committer has the rights to submit the work
under the project's license or agrees to some contributor representation, such as a
Developer Certificate of Origin', in the committer's name. A user's view of this is one
view whatever tool signs: someone who stops letting the agent sign with ``gpg`` stops it
for ``git commit -S``, ``codesign``, ``cosign sign``, ``aws kms sign`` and ``debuild``
alike. So it is an act across programs (``gate.acts``: ``* sign``), read from each tool's
manual; verifying, showing or listing signatures, making a key or a signing request,
building unsigned and a public CA's ACME certificate (signed under the CA's own key) sign
nothing:

- OpenPGP and detached signatures: gpg(1) ``-s``/``--sign``, ``--clear-sign``,
  ``-b``/``--detach-sign``, ``--sign-key``, ``--lsign-key``, ``--quick-sign-key``; ``sq
  sign``, ``sqop sign``, ``keybase sign|pgp sign``, minisign ``-S``, signify ``-S``,
  ``ssh-keygen -Y sign``, ``zerotier-idtool sign``, ``pacman-key --lsign-key|--sign-key``;
  openssl(1) ``dgst|smime|cms -sign``, ``pkeyutl|rsautl -sign``, ``ts -reply``;
  ``pkcs11-tool --sign``, ``tpm2_sign``; ``flask-unsign --sign``; wallets' transactions
  and messages: electrum's ``signmessage|signtransaction`` and ``mktx|payto`` (not
  ``--unsigned``), foundry's ``cast wallet sign|send|mktx``, ``sui keytool sign`` and the
  ``sui client`` commands that execute a transaction, ``solana transfer``;
- version control: git's ``-S``/``--gpg-sign`` (commit, merge, rebase, revert,
  cherry-pick, am, commit-tree, pull), ``git tag -s|-u|--sign``, ``git push --signed``,
  git-extras' ``git release ... -s``; sign-offs: ``--signoff`` (and ``-s`` where it means
  it: commit, am, cherry-pick, revert, format-patch), b4's ``am|shazam -s|--add-my-sob``;
- code, packages and images: codesign(1) ``-s``; ``productsign``, ``pkgbuild|productbuild
  --sign``, ``xcrun notarytool submit``, ``xcrun altool --notarize-app``; fastlane's
  ``gym|build_app|build_ios_app|build_mac_app`` (also through ``fastlane run``); jarsigner
  (not ``-verify``), ``apksigner sign``, ``bundletool build-apks --ks``; ``signtool sign``,
  ``Set-AuthenticodeSignature``, ``osslsigncode sign``, .NET's ``sn -R``; ``phar sign``;
  ``web-ext sign``; rpmsign, ``rpm --addsign|--resign``, ``rpmbuild --sign``,
  ``dpkg-sig -s``, debsign, debuild(1) and dpkg-buildpackage(1), which sign what they
  build (not with ``--no-sign``, nor ``-us`` with ``-uc``), ``makepkg --sign``, ``repo-add
  -s|--sign``, ``sfdk package --sign``, ``flatpak build-sign`` and ``--gpg-sign`` of
  flatpak-builder and flatpak's ``build-*``, ``ostree gpg-sign`` and ``commit
  --gpg-sign``; container images: ``cosign sign|sign-blob|attest|attest-blob``,
  ``notation sign``, ``sigstore sign``, ``docker trust sign``, ``podman image sign``,
  ``--sign-by*`` of ``skopeo copy|sync`` and ``podman|buildah push``, ``apptainer|
  singularity sign``; supply-chain metadata: ``in-toto-sign`` (not ``--verify``),
  ``in-toto-run|in-toto-record`` with a signing key;
- boot and firmware: sbsign, ``pesign -s``, kmodsign, the kernel's ``sign-file``, ``sbctl
  sign|sign-all``, ``ukify sign`` and ``ukify build`` with a Secure Boot or PCR key,
  ``mkimage -k|-K|-G`` (a signed FIT image), ``rauc bundle|resign``;
- certificates signed with a key the call holds or by the organisation's CA
  (``gate.certificates``, but not the ACME clients), ``ssh-keygen -s CA_KEY``,
  ``kubectl certificate approve`` (the cluster's signer issues the certificate), and
  signing services: ``aws kms sign``, ``aws signer start-signing-job``, ``gcloud kms
  asymmetric-sign|mac-sign``, ``az keyvault key sign``, Vault's ``write`` to a transit
  ``sign`` path or a PKI ``sign``, ``issue`` or ``root/sign-intermediate`` path.

>>> from neuroplast.gate.shell import split_command
>>> [signs(s) for s in split_command(
...     "gpg --detach-sign -a dist/x.tgz; gpg --verify x.sig; git commit -S -m x; "
...     "git log --show-signature; codesign -s 'Developer ID' App.app; codesign -v App.app; "
...     "debuild -us -uc; debuild; aws kms sign --key-id k --message fileb://m; "
...     "kubectl certificate deny csr-1; kubectl certificate approve csr-1")]
[True, False, True, False, True, False, False, True, True, False, True]
"""

from __future__ import annotations

import re

from neuroplast.gate.certificates import ACME_CLIENTS, issues_certificate
from neuroplast.gate.executed import global_values
from neuroplast.gate.outputs import has_short_option, leads_to, names_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["signs"]

_GPG = frozenset({"gpg", "gpg2"})
_GPG_SIGN = frozenset({"--sign", "--clear-sign", "--clearsign", "--detach-sign",
                       "--sign-key", "--lsign-key", "--quick-sign-key", "--quick-lsign-key",
                       "--tsign-key"})
_GIT_SIGNING = frozenset({"commit", "merge", "rebase", "revert", "cherry-pick", "am",
                          "commit-tree", "pull"})
# git's commands whose -s is --signoff (merge's and rebase's -s is a strategy); the options
# before which a cluster's letters stop (their value follows: commit -sm MSG)
_GIT_SHORT_SIGNOFF = frozenset({"commit", "am", "cherry-pick", "revert", "format-patch"})
_GIT_VALUE_LETTERS = "mFcCtSuX"
_ALWAYS = frozenset({"sbsign", "rpmsign", "debsign", "kmodsign", "sign-file", "productsign",
                     "Set-AuthenticodeSignature", "tpm2_sign"})
# program -> (the words that lead to a verb, the verbs that sign), each from its manual
_VERBS: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = {
    "cosign": (((), frozenset({"sign", "sign-blob", "attest", "attest-blob"})),),
    "notation": (((), frozenset({"sign"})),),
    "sigstore": (((), frozenset({"sign"})),),
    "apksigner": (((), frozenset({"sign"})),),
    "signtool": (((), frozenset({"sign"})),),
    "signtool.exe": (((), frozenset({"sign"})),),
    "osslsigncode": (((), frozenset({"sign"})),),
    "sq": (((), frozenset({"sign"})),),
    "sqop": (((), frozenset({"sign", "inline-sign"})),),
    "keybase": (((), frozenset({"sign"})), (("pgp",), frozenset({"sign"}))),
    "zerotier-idtool": (((), frozenset({"sign"})),),
    "electrum": (((), frozenset({"signmessage", "signtransaction"})),),
    "phar": (((), frozenset({"sign"})),),
    "web-ext": (((), frozenset({"sign"})),),
    "apptainer": (((), frozenset({"sign"})),),
    "singularity": (((), frozenset({"sign"})),),
    "sbctl": (((), frozenset({"sign", "sign-all"})),),
    "ukify": (((), frozenset({"sign"})),),
    "docker": ((("trust",), frozenset({"sign"})),),
    "podman": ((("image",), frozenset({"sign"})),),
    "flatpak": (((), frozenset({"build-sign"})),),
    "ostree": (((), frozenset({"gpg-sign"})),),
    "kubectl": ((("certificate",), frozenset({"approve"})),),
    "aws": ((("kms",), frozenset({"sign", "generate-mac"})),
            (("signer",), frozenset({"start-signing-job", "sign-payload"}))),
    "gcloud": ((("kms",), frozenset({"asymmetric-sign", "mac-sign"})),),
    "az": ((("keyvault", "key"), frozenset({"sign"})),),
    "xcrun": ((("notarytool",), frozenset({"submit"})),),
    "rauc": (((), frozenset({"bundle", "resign", "replace-signature"})),),
    # wallets: a transaction or message signed with the user's key (each CLI's reference)
    "cast": ((("wallet",), frozenset({"sign"})), ((), frozenset({"send", "mktx"}))),
    "sui": ((("keytool",), frozenset({"sign"})),
            (("client",), frozenset({"ptb", "call", "publish", "upgrade", "transfer",
                                     "transfer-sui", "pay", "pay-sui", "pay-all-sui",
                                     "split-coin", "merge-coin"}))),
    "solana": (((), frozenset({"transfer", "sign-offchain-message"})),),
}
_PUSH_SIGNING = frozenset({"--gpg-sign", "--sign-by"})  # flatpak build-*, podman|buildah push
_FASTLANE_SIGNING = frozenset({"gym", "build_app", "build_ios_app", "build_mac_app"})
# each tool -> its options that sign what it makes
_SIGNING_OPTIONS: dict[str, frozenset[str]] = {
    "flatpak-builder": frozenset({"--gpg-sign"}),
    "pkgbuild": frozenset({"--sign"}), "productbuild": frozenset({"--sign"}),
    "rpmbuild": frozenset({"--sign"}), "makepkg": frozenset({"--sign"}),
    "sfdk": frozenset({"--sign"}),
    "pacman-key": frozenset({"--lsign-key", "--sign-key"}),
    "pkcs11-tool": frozenset({"--sign"}),
    "flask-unsign": frozenset({"--sign", "-s"}),
    "skopeo": frozenset({"--sign-by", "--sign-by-sigstore", "--sign-by-sigstore-private-key",
                         "--sign-by-sq-fingerprint"}),
    "buildah": frozenset({"--sign-by"}),
    "bundletool": frozenset({"--ks"}),
    "in-toto-run": frozenset({"--signing-key", "-k", "--gpg", "-g", "--key"}),
    "in-toto-record": frozenset({"--signing-key", "-k", "--gpg", "-g", "--key"}),
    "ukify": frozenset({"--secureboot-private-key", "--pcr-private-key", "--signtool"}),
    "mkimage": frozenset({"-k", "-K", "-G"}),
    "xcrun": frozenset({"--notarize-app"}),
}
# Vault paths that sign: a transit key's sign, a PKI mount's sign, issue or
# sign-intermediate (Vault's API reference)
_VAULT_SIGNS = re.compile(r"(?:^|/)(?:sign|sign-verbatim|issue|sign-intermediate|"
                          r"sign-self-issued)(?:/|$)")


def signs(seg: Segment) -> bool:
    """Whether ``seg`` signs in the user's name (the ``sign`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    # help anywhere; a version asked for as the command (gcloud kms's --version VERSION
    # names a key's version)
    if "--help" in words or words[:1] == ("--version",):
        return False
    if head in ACME_CLIENTS:  # a public CA signs their certificates under its own key
        return False
    if issues_certificate(seg):  # a certificate is its issuer's signature over it
        return True
    plain = [a for a in words if not a.startswith("-")]
    if head in _GPG:
        return bool(_GPG_SIGN.intersection(words)) or has_short_option(words, "sb")
    if head == "git":
        return _git_signs(argv)
    if head in ("debuild", "dpkg-buildpackage"):  # they sign what they build by default
        return "--no-sign" not in words and not (
            any(a in ("-us", "--unsigned-source") for a in words)
            and any(a in ("-uc", "--unsigned-changes") for a in words))
    if head in _SIGNING_OPTIONS and names_option(words, _SIGNING_OPTIONS[head]):
        return True
    if head == "in-toto-sign":  # signs the file it is given, unless told to verify
        return "--verify" not in words
    if head == "codesign":
        return any(a in ("-s", "--sign") for a in words)
    if head == "b4":
        return plain[:1] in (["am"], ["shazam"]) and (
            has_short_option(words, "s") or "--add-my-sob" in words)
    if head == "fastlane":  # fastlane gym, or fastlane run build_app
        return bool(_FASTLANE_SIGNING.intersection(plain[:2]))
    if head in ("flatpak", "podman", "buildah") and names_option(words, _PUSH_SIGNING):
        return True
    if head == "ostree" and plain[:1] == ["commit"]:
        return any(a.partition("=")[0] == "--gpg-sign" for a in words)
    if head == "vault":  # vault write PATH: a transit or PKI signing path
        return plain[:1] == ["write"] and bool(_VAULT_SIGNS.search(" ".join(plain[1:2])))
    if head == "electrum" and plain[:1] in (["mktx"], ["payto"]):
        return "--unsigned" not in words
    if head in _VERBS:
        return leads_to(operands(argv, global_values(head)), _VERBS[head])
    if head in _ALWAYS:
        return bool(words)
    if head == "jarsigner":
        return bool(words) and "-verify" not in words
    if head in ("minisign", "signify"):
        return has_short_option(words, "S")
    if head == "pesign":
        return any(a in ("-s", "--sign") for a in words)
    if head == "ssh-keygen":  # -Y sign; without -Y, -s CA_KEY signs a certificate
        return "sign" in words if "-Y" in words else "-s" in words
    if head == "rpm":
        return any(a in ("--addsign", "--resign") for a in words)
    if head == "dpkg-sig":
        return any(a in ("-s", "--sign") for a in words)
    if head == "repo-add":
        return has_short_option(words, "s") or "--sign" in words
    if head == "sn":  # .NET's strong-name tool: -R, -Rc, -Ra re-sign an assembly
        return any(a in ("-R", "-Rc", "-Ra", "-Rca") for a in words)
    if head == "openssl":
        sub = plain[:1]
        return (sub in (["dgst"], ["smime"], ["cms"], ["pkeyutl"], ["rsautl"])
                and "-sign" in words) or (sub == ["ts"] and "-reply" in words)
    return False


def _git_signs(argv: tuple[str, ...]) -> bool:
    """Whether a git command signs or signs off (see the module's list)."""
    plain = operands(argv, global_values("git"))
    words = argv[1:]
    sub = plain[0] if plain else ""
    if sub == "tag":
        return any(a in ("-s", "--sign", "-u") or a.startswith("--local-user")
                   for a in words)
    if sub == "push":
        return any(a.startswith("--signed") and a != "--signed=false" for a in words)
    if sub == "release":  # git-extras: git release TAG -s signs its tag
        return "-s" in words
    if any(a.startswith("--signoff") and a != "--signoff=false" for a in words) or (
            sub in _GIT_SHORT_SIGNOFF and has_short_option(words, "s",
                                                           stop=_GIT_VALUE_LETTERS)):
        return True
    return sub in _GIT_SIGNING and any(a.startswith(("-S", "--gpg-sign")) for a in words)
