"""Calls that sign with the user's keys.

A signature says, in the signer's name, that this is theirs and trusted: a signed commit or
tag, a signed package, a notarised app, a certificate issued from a CA key. A user's view of
this is one view whatever tool signs: someone who stops letting the agent sign with ``gpg``
stops it for ``git commit -S``, ``codesign``, ``cosign sign`` and ``ssh-keygen -Y sign``
alike. So it is an act across programs (``gate.acts``: ``* sign``), read from each tool's
manual; verifying and showing a signature sign nothing:

- gpg(1) ``-s``/``--sign``, ``--clear-sign``, ``-b``/``--detach-sign``, ``--sign-key``,
  ``--lsign-key``, ``--quick-sign-key``; git's ``-S``/``--gpg-sign`` (commit, merge,
  rebase, revert, cherry-pick, am, commit-tree), ``git tag -s|-u|--sign``, ``git push
  --signed`` (not ``git commit -s``, which is a sign-off line);
- codesign(1) ``-s``/``--sign`` (not ``-v``, ``-d``); ``cosign sign|sign-blob|attest|
  attest-blob``; ``notation sign``; ``sigstore sign``; jarsigner (not ``-verify``);
  ``apksigner sign``; ``signtool sign``; ``osslsigncode sign``; sbsign; ``pesign -s``;
  minisign ``-S``; signify ``-S``; ``ssh-keygen -Y sign`` and ``-s CA_KEY`` (a
  certificate); rpmsign and ``rpm --addsign|--resign``; ``dpkg-sig -s|--sign``; debsign;
  ``openssl dgst|smime|cms -sign``.

>>> from neuroplast.gate.shell import split_command
>>> [signs(s) for s in split_command(
...     "gpg --detach-sign -a dist/x.tgz; gpg --verify x.sig; git commit -S -m x; "
...     "git commit -s -m x; codesign -s 'Developer ID' App.app; codesign -v App.app; "
...     "cosign sign ghcr.io/x/y@sha256:1")]
[True, False, True, False, True, False, True]
"""

from __future__ import annotations

from neuroplast.gate.outputs import has_short_option
from neuroplast.gate.shell import Segment

__all__ = ["signs"]

_GPG = frozenset({"gpg", "gpg2"})
_GPG_SIGN = frozenset({"--sign", "--clear-sign", "--clearsign", "--detach-sign",
                       "--sign-key", "--lsign-key", "--quick-sign-key", "--quick-lsign-key",
                       "--tsign-key"})
_GIT_SIGNING = frozenset({"commit", "merge", "rebase", "revert", "cherry-pick", "am",
                          "commit-tree", "pull"})
_VERBS: dict[str, frozenset[str]] = {
    "cosign": frozenset({"sign", "sign-blob", "attest", "attest-blob"}),
    "notation": frozenset({"sign"}),
    "sigstore": frozenset({"sign"}),
    "apksigner": frozenset({"sign"}),
    "signtool": frozenset({"sign"}),
    "signtool.exe": frozenset({"sign"}),
    "osslsigncode": frozenset({"sign"}),
}
_ALWAYS = frozenset({"sbsign", "rpmsign", "debsign", "kmodsign"})



def signs(seg: Segment) -> bool:
    """Whether ``seg`` signs something with the user's keys (the ``sign`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if any(a in ("--help", "--version") for a in words):
        return False
    plain = [a for a in words if not a.startswith("-")]
    if head in _GPG:
        return bool(_GPG_SIGN.intersection(words)) or has_short_option(words, "sb")
    if head == "git":
        sub = plain[0] if plain else ""
        if sub == "tag":
            return any(a in ("-s", "--sign", "-u") or a.startswith("--local-user")
                       for a in words)
        if sub == "push":
            return any(a.startswith("--signed") and a != "--signed=false" for a in words)
        return sub in _GIT_SIGNING and any(
            a == "-S" or a.startswith(("-S", "--gpg-sign")) for a in words)
    if head == "codesign":
        return any(a in ("-s", "--sign") for a in words)
    if head in _VERBS:
        return bool(_VERBS[head].intersection(plain[:1]))
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
    if head == "openssl":
        return plain[:1] in (["dgst"], ["smime"], ["cms"]) and "-sign" in words
    return False
