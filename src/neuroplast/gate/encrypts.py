"""Calls that encrypt: files, archives, secrets or volumes encrypted, or encrypted again
under new keys.

Encryption makes data readable only to whoever holds the key, so data encrypted to a key
or passphrase the owner does not hold is data lost (the pattern of ransomware, ATT&CK
T1486 'Data Encrypted for Impact'; NIST SP 800-57 Part 1 on key loss: 'the data cannot be
recovered'), and a volume formatted for encryption loses what it held. A user's view of
this is one view whatever tool encrypts: someone who stops letting the agent run ``gpg
-c`` stops it for ``openssl enc``, ``age``, ``zip -e`` and ``ansible-vault encrypt`` alike.
So it is an act across programs (``gate.acts``: ``* encrypt``). Each tool is read from its
own manual; decrypting, listing keys, verifying, hashing and help are not the act:

- gpg(1) ``-e|--encrypt``, ``-c|--symmetric`` (gpgtar too); openssl(1) ``enc`` and a
  cipher named as the command (``openssl aes-256-cbc``) without ``-d``, ``smime|cms
  -encrypt``, ``pkeyutl|rsautl -encrypt``; age(1) and rage unless ``-d|--decrypt``;
  ccrypt(1) unless ``-d``, ccencrypt; ``scrypt enc``; ``aescrypt -e``; mcrypt;
- archives with a password: zip(1) ``-e|--encrypt`` or ``-P``, 7z ``-p`` on ``a`` or
  ``u``, rar ``-p``/``-hp`` on ``a``; ``qpdf --encrypt``;
- secrets files: ``ansible-vault encrypt|encrypt_string|create|rekey``, ``sops
  -e|--encrypt|-r|--rotate|encrypt|updatekeys``, ``git-crypt lock``, kubeseal;
- volumes and folders: ``cryptsetup luksFormat|reencrypt|luksChangeKey`` (cryptsetup(8)),
  ``veracrypt -c|--create``, ``gocryptfs -init``, ``fscrypt encrypt``.

>>> from neuroplast.gate.shell import split_command
>>> [encrypts(s) for s in split_command(
...     "gpg -c notes.txt; gpg -d notes.txt.gpg; openssl enc -aes-256-cbc -in a -out a.enc; "
...     "openssl enc -d -aes-256-cbc -in a.enc; age -r age1x -o a.age a; age -d a.age; "
...     "zip -e s.zip s.txt; zip s.zip s.txt; ansible-vault encrypt vars.yml; "
...     "ansible-vault view vars.yml")]
[True, False, True, False, True, False, True, False, True, False]
"""

from __future__ import annotations

from neuroplast.gate.outputs import has_short_option
from neuroplast.gate.shell import Segment

__all__ = ["encrypts"]

_NO_CHANGE = frozenset({"--help", "-h", "--version", "-V"})
_DECRYPT = ("-d", "--decrypt")
# program -> its commands, as the first plain word, that encrypt
_VERBS: dict[str, frozenset[str]] = {
    "ansible-vault": frozenset({"encrypt", "encrypt_string", "create", "rekey"}),
    "git-crypt": frozenset({"lock"}),
    "cryptsetup": frozenset({"luksFormat", "reencrypt", "luksChangeKey"}),
    "fscrypt": frozenset({"encrypt"}),
    "scrypt": frozenset({"enc"}),
}
# tools that encrypt whenever they run on a file, unless told to decrypt
_UNLESS_DECRYPT = frozenset({"age", "rage", "ccrypt", "mcrypt"})
_ALWAYS = frozenset({"ccencrypt", "kubeseal"})
_OPENSSL_ENCRYPTS = frozenset({"smime", "cms", "pkeyutl", "rsautl"})


def _openssl(words: tuple[str, ...]) -> bool:
    command = words[0] if words else ""
    if command in _OPENSSL_ENCRYPTS:
        return "-encrypt" in words
    # openssl enc, or a cipher named as the command (openssl aes-256-cbc, openssl des3)
    cipher = command == "enc" or command.startswith(("aes", "des", "bf", "camellia",
                                                     "chacha", "aria", "sm4", "cast"))
    return cipher and "-d" not in words


def encrypts(seg: Segment) -> bool:
    """Whether ``seg`` encrypts files, archives, secrets or volumes, or encrypts them
    again under new keys (the ``encrypt`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if any(a in _NO_CHANGE for a in words):
        return False
    plain = [a for a in words if not a.startswith("-")]
    if head in ("gpg", "gpg2", "gpgtar"):
        return any(a in ("--encrypt", "--symmetric") for a in words) or has_short_option(
            [a for a in words if not a.startswith("--")], "ec")
    if head == "openssl":
        return _openssl(words)
    if head in _UNLESS_DECRYPT:
        return bool(words) and not any(a in _DECRYPT for a in words)
    if head in _ALWAYS:
        return bool(words) or bool(seg.redirects)
    if head == "aescrypt":
        return "-e" in words
    if head == "zip":
        return any(a in ("-e", "--encrypt", "-P", "--password") for a in words)
    if head in ("7z", "7za", "7zz", "7zr"):
        return plain[:1] in (["a"], ["u"]) and any(a.startswith("-p") for a in words)
    if head == "rar":
        return plain[:1] == ["a"] and any(a.startswith(("-p", "-hp")) for a in words)
    if head == "qpdf":
        return any(a == "--encrypt" for a in words)
    if head == "sops":
        return any(a in ("-e", "--encrypt", "-r", "--rotate") for a in words) or (
            plain[:1] in (["encrypt"], ["rotate"], ["updatekeys"]))
    if head == "veracrypt":
        return any(a in ("-c", "--create") for a in words)
    if head == "gocryptfs":
        return any(a in ("-init", "--init") for a in words)
    return bool(_VERBS.get(head, frozenset()).intersection(plain[:1]))
