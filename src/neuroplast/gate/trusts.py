"""Calls that change what this machine or a tool trusts: a certificate authority added to or
removed from a trust store, a signing key imported into or trusted in a keyring, a
package source added or removed, a host's key accepted without checking it.

Trust decides what is believed without asking again: a root certificate added lets whoever
holds its key read and forge every TLS connection, a key imported into apt's or rpm's
keyring lets whatever it signs be installed, a package source added is code from another
party on every update, a host key accepted unchecked is a machine in the middle believed
(ATT&CK T1553.004 'Install Root Certificate' and T1553 'Subvert Trust Controls'; NIST SP
800-53 SC-17 'Public Key Infrastructure Certificates' and SI-7 'Software, Firmware, and
Information Integrity'; CWE-295 and CWE-494). A user's view of this is one view whatever
tool changes it: someone who stops letting the agent run ``update-ca-certificates`` after a
proxy's CA was trusted stops it for ``security add-trusted-cert``, ``keytool -importcert``,
``gpg --import``, ``rpm --import`` and ``add-apt-repository`` alike. So it is an act across
programs (``gate.acts``: ``* trust``). Each tool is read from its own manual; listing,
verifying, exporting, help and versions are not the act:

- trust stores: update-ca-certificates(8), update-ca-trust(8) (not ``--help``), p11-kit's
  ``trust anchor`` (adds; ``--remove`` removes); NSS certutil's ``-A``, ``-D``, ``-M``;
  Windows certutil's ``-addstore``, ``-delstore``, ``-importPFX`` and PowerShell's
  ``Import-Certificate``/``Import-PfxCertificate``; macOS security(1) ``add-trusted-cert``,
  ``remove-trusted-cert``, ``add-certificates``, ``delete-certificate``,
  ``trust-settings-import``; keytool's ``-importcert``/``-import``, ``-importkeystore`` and
  ``-delete``; ``mkcert -install``/``-uninstall``;
- keyrings: gpg(1) ``--import``, ``--recv-keys``, ``--receive-keys``, ``--fetch-keys``,
  ``--import-ownertrust``, ``--lsign-key``, ``--quick-lsign-key``, ``--sign-key``,
  ``--quick-sign-key``, ``--delete-keys``, ``--edit-key`` with ``trust``; ``apt-key
  add|adv|del``; ``rpm --import``, ``rpmkeys --import``; pacman-key(8) ``--add``,
  ``--lsign-key``, ``--recv-keys``, ``--populate``, ``--delete``;
- package sources: add-apt-repository (also with ``--remove``), ``yum-config-manager
  --add-repo``, ``dnf config-manager --add-repo|addrepo|--set-enabled``, ``zypper
  addrepo|ar|removerepo|rr``, ``flatpak remote-add|remote-delete``, ``helm repo
  add|remove``, ``gem sources --add|--remove``, ``nix-channel --add|--remove``;
- hosts: ``ssh-keyscan`` written into a ``known_hosts``, ``ssh-keygen -R`` (a host's key
  forgotten), ssh(1) and scp(1) told ``StrictHostKeyChecking=no|off|accept-new`` or
  ``UserKnownHostsFile=/dev/null``; git's ``safe.directory`` added.

>>> from neuroplast.gate.shell import split_command
>>> [changes_trust(s) for s in split_command(
...     "sudo update-ca-certificates; gpg --import key.asc; gpg --list-keys; "
...     "sudo rpm --import https://x.example/key; rpm -qa; sudo add-apt-repository ppa:x/y; "
...     "ssh-keyscan github.com >> ~/.ssh/known_hosts; ssh-keyscan github.com")]
[True, True, False, True, False, True, True, False]
"""

from __future__ import annotations

from neuroplast.gate.outputs import names_option, operands, option_values
from neuroplast.gate.shell import Segment

__all__ = ["changes_trust"]

_NOT_RUN = frozenset({"--help", "--version"})
_ALWAYS = frozenset({"update-ca-certificates", "add-apt-repository", "apt-add-repository",
                     "Import-Certificate", "Import-PfxCertificate"})
# program -> the options that change what it trusts
_OPTIONS: dict[str, frozenset[str]] = {
    "gpg": frozenset({"--import", "--recv-keys", "--receive-keys", "--fetch-keys",
                      "--import-ownertrust", "--lsign-key", "--quick-lsign-key", "--sign-key",
                      "--quick-sign-key", "--delete-keys", "--delete-key"}),
    "rpm": frozenset({"--import"}), "rpmkeys": frozenset({"--import"}),
    "pacman-key": frozenset({"--add", "-a", "--lsign-key", "--recv-keys", "-r", "--populate",
                             "--delete", "-d"}),
    "keytool": frozenset({"-importcert", "-import", "-importkeystore", "-delete"}),
    "mkcert": frozenset({"-install", "-uninstall"}),
    "yum-config-manager": frozenset({"--add-repo"}),
    "gem": frozenset({"--add", "-a", "--remove", "-r"}),
    "nix-channel": frozenset({"--add", "--remove"}),
}
_OPTIONS["gpg2"] = _OPTIONS["gpg"]
# program -> its commands, as the first plain word, that change what it trusts
_VERBS: dict[str, frozenset[str]] = {
    "security": frozenset({"add-trusted-cert", "remove-trusted-cert", "add-certificates",
                           "delete-certificate", "trust-settings-import"}),
    "apt-key": frozenset({"add", "adv", "del"}),
    "zypper": frozenset({"addrepo", "ar", "removerepo", "rr"}),
    "flatpak": frozenset({"remote-add", "remote-delete"}),
}
_CERTUTIL = frozenset({"-A", "-D", "-M", "-addstore", "-delstore", "-importPFX"})
_UNCHECKED_HOSTS = ("stricthostkeychecking=no", "stricthostkeychecking=off",
                    "stricthostkeychecking=accept-new", "userknownhostsfile=/dev/null")


def changes_trust(seg: Segment) -> bool:
    """Whether ``seg`` changes what this machine or a tool trusts (the ``trust`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if names_option(words, _NOT_RUN):
        return False
    plain = [a for a in words if not a.startswith("-")]
    if head in _ALWAYS or head == "update-ca-trust":
        return True
    if head in _OPTIONS:
        if head == "gem" and plain[:1] != ["sources"]:
            return False
        return names_option(words, _OPTIONS[head]) or (
            head in ("gpg", "gpg2") and "--edit-key" in words and "trust" in plain)
    if head in _VERBS:
        return bool(_VERBS[head].intersection(plain[:1]))
    if head in ("certutil", "certutil.exe"):
        return any(w in _CERTUTIL or w.lower() in ("-addstore", "-delstore", "-importpfx")
                   for w in words)
    if head == "trust":  # p11-kit trust(1): anchor adds (or --remove removes) an anchor
        return plain[:1] == ["anchor"]
    if head == "dnf":
        return plain[:1] == ["config-manager"] and (
            names_option(words, ("--add-repo", "--set-enabled")) or "addrepo" in plain)
    if head == "helm":
        return plain[:1] == ["repo"] and plain[1:2] in (["add"], ["remove"], ["rm"])
    if head == "ssh-keyscan":
        return any(op.startswith(">") and target.endswith("known_hosts")
                   for op, target in seg.redirects)
    if head == "ssh-keygen":
        return "-R" in words
    if head in ("ssh", "scp", "sftp", "autossh"):
        return any(v.lower().strip().replace(" ", "=") in _UNCHECKED_HOSTS
                   for v in option_values(argv, ("-o",)))
    if head == "git":
        given = operands(argv, frozenset({"-C", "-c"}))
        return given[:1] == ["config"] and "safe.directory" in given
    return False
