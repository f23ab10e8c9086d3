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

- gpg(1) ``-e|--encrypt``, ``-c|--symmetric`` (gpgtar and gpg-zip too); openssl(1) ``enc``
  and a cipher named as the command (``openssl aes-256-cbc``) without ``-d``, ``smime|cms
  -encrypt``, ``pkeyutl|rsautl -encrypt``; GmSSL's cipher commands with ``-e``; age(1) and
  rage unless ``-d|--decrypt``; ccrypt(1) unless ``-d``, ccencrypt; ``scrypt enc``;
  ``aescrypt -e``; mcrypt; ``keybase encrypt``; ``steghide embed`` (steghide(1): the
  embedded data is encrypted); ``systemd-creds encrypt``;
- archives and documents with a password: zip(1) ``-e|--encrypt`` or ``-P``, zipcloak, 7z
  ``-p`` on ``a`` or ``u``, rar ``-p``/``-hp`` on ``a``, ``lrzip -e``, ``qpdf --encrypt``,
  ``cpdf -encrypt``, pdftk's ``encrypt_*``;
- secrets files and repositories: ``ansible-vault encrypt|encrypt_string|create|rekey``,
  ``sops -e|--encrypt|-r|--rotate|encrypt|updatekeys``, ``git-crypt lock``, ``git secret
  hide``, transcrypt and ``yadm transcrypt`` (not ``--display``, ``--list``,
  ``--uninstall``), ``yadm encrypt``, ``dotenvx encrypt`` and ``set`` (unless ``--plain``),
  kubeseal (not ``--validate``, ``--fetch-cert``), ``vault operator init|rekey|rotate``;
- backups: ``restic init`` and ``key add|passwd`` (restic's repositories are always
  encrypted), ``borg init`` (unless ``--encryption none``) and ``key change-passphrase``,
  ``duplicacy init -e``, duplicity's backups (gpg-encrypted unless ``--no-encryption``;
  not ``restore``, ``verify``, listings or cleanups);
- volumes and folders: ``cryptsetup luksFormat|reencrypt|luksChangeKey`` (cryptsetup(8)),
  ``veracrypt -c|--create``, ``gocryptfs -init|-passwd``, ``encfs --standard|--paranoia``
  (a new volume), ``securefs create|chpass``, ``tomb lock|passwd``,
  ecryptfs-setup-private, ``fscrypt encrypt``.

>>> from neuroplast.gate.shell import split_command
>>> [encrypts(s) for s in split_command(
...     "gpg -c notes.txt; gpg -d notes.txt.gpg; openssl enc -aes-256-cbc -in a -out a.enc; "
...     "openssl enc -d -aes-256-cbc -in a.enc; age -r age1x -o a.age a; age -d a.age; "
...     "zip -e s.zip s.txt; zip s.zip s.txt; ansible-vault encrypt vars.yml; "
...     "ansible-vault view vars.yml")]
[True, False, True, False, True, False, True, False, True, False]
"""

from __future__ import annotations

from neuroplast.gate.outputs import has_short_option, operands, option_values
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
    "systemd-creds": frozenset({"encrypt"}),
    "keybase": frozenset({"encrypt"}),
    "steghide": frozenset({"embed"}),  # steghide(1): embedded data is encrypted (rijndael)
    "tomb": frozenset({"lock", "passwd"}),
    "restic": frozenset({"init"}),  # restic's repositories are always encrypted
    "dotenvx": frozenset({"encrypt", "set"}),  # dotenvx set encrypts unless --plain
    "securefs": frozenset({"create", "c", "chpass"}),
    "git-secret": frozenset({"hide"}),
}
# (program, first plain word) -> the next words that encrypt
_NESTED: dict[tuple[str, str], frozenset[str]] = {
    ("git", "secret"): frozenset({"hide"}), ("git", "crypt"): frozenset({"lock"}),
    ("yadm", "encrypt"): frozenset({""}), ("yadm", "transcrypt"): frozenset({""}),
    ("vault", "init"): frozenset({""}), ("vault", "operator"): frozenset({"init", "rekey",
                                                                          "rotate"}),
    ("restic", "key"): frozenset({"add", "passwd"}),
    ("borg", "key"): frozenset({"change-passphrase"}),
}
# options that take a value before the command (restic -r REPO init)
_VALUE_OPTIONS = {"restic": frozenset({"-r", "--repo", "-p", "--password-file",
                                       "--repository-file", "--password-command"})}
# tools that encrypt whenever they run on a file, unless told to decrypt
_UNLESS_DECRYPT = frozenset({"age", "rage", "ccrypt", "mcrypt", "zipcloak"})
_ALWAYS = frozenset({"ccencrypt", "kubeseal", "ecryptfs-setup-private"})
# kubeseal's modes that check, fetch or unseal instead of sealing (kubeseal --help)
_KUBESEAL_OTHER = frozenset({"--validate", "--fetch-cert", "--recovery-unseal"})
_OPENSSL_ENCRYPTS = frozenset({"smime", "cms", "pkeyutl", "rsautl"})
# transcrypt's options that only show, list or undo its configuration (transcrypt --help)
_TRANSCRYPT_SHOWS = frozenset({"-d", "--display", "-l", "--list", "--uninstall", "-f",
                               "--flush-credentials", "-u", "--upgrade", "-e", "--export-gpg"})
_BACKUP_READS = frozenset({"restore", "verify", "collection-status", "list-current-files",
                           "cleanup", "remove-older-than", "remove-all-but-n-full",
                           "remove-all-inc-of-but-n-full"})


def _openssl(words: tuple[str, ...], head: str) -> bool:
    command = words[0] if words else ""
    if command in _OPENSSL_ENCRYPTS:
        return "-encrypt" in words
    if head == "gmssl" and any(a in ("-e", "-encrypt") for a in words):
        return True  # GmSSL's cipher commands: gmssl sms4|zuc|sm4 -e
    # openssl enc, or a cipher named as the command (openssl aes-256-cbc, openssl des3)
    cipher = command == "enc" or command.startswith(("aes", "des", "bf", "camellia",
                                                     "chacha", "aria", "sm4", "cast"))
    return cipher and "-d" not in words


def _transcrypt(words: tuple[str, ...]) -> bool:
    """transcrypt configures a repository's encryption or re-keys it; its display, list,
    export, flush and uninstall options do neither."""
    return not _TRANSCRYPT_SHOWS.intersection(words)


def encrypts(seg: Segment) -> bool:
    """Whether ``seg`` encrypts files, archives, secrets or volumes, or encrypts them
    again under new keys (the ``encrypt`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if any(a in _NO_CHANGE for a in words):
        return False
    plain = operands(argv, _VALUE_OPTIONS.get(head, frozenset()))
    if head in ("gpg", "gpg2", "gpgtar", "gpg-zip"):
        return any(a in ("--encrypt", "--symmetric") for a in words) or has_short_option(
            [a for a in words if not a.startswith("--")], "ec")
    if head in ("openssl", "gmssl"):
        return _openssl(words, head)
    if head in _UNLESS_DECRYPT:
        return bool(words) and not any(a in _DECRYPT for a in words)
    if head in _ALWAYS:
        return (bool(words) or bool(seg.redirects)) and not _KUBESEAL_OTHER.intersection(words)
    if head == "aescrypt":
        return "-e" in words
    if head == "zip":  # zip(1) -e (also in a cluster: -re), -P password
        return has_short_option(words, "eP") or any(a in ("--encrypt", "--password")
                                                    for a in words)
    if head in ("7z", "7za", "7zz", "7zr"):
        return plain[:1] in (["a"], ["u"]) and any(a.startswith("-p") for a in words)
    if head == "rar":
        return plain[:1] == ["a"] and any(a.startswith(("-p", "-hp")) for a in words)
    if head == "qpdf":
        return any(a == "--encrypt" for a in words)
    if head == "cpdf":
        return "-encrypt" in words
    if head == "pdftk":
        return any(a.startswith("encrypt_") or a in ("owner_pw", "user_pw") for a in words)
    if head == "lrzip":
        return any(a in ("-e", "--encrypt") for a in words)
    if head == "sops":
        return any(a in ("-e", "--encrypt", "-r", "--rotate") for a in words) or (
            plain[:1] in (["encrypt"], ["rotate"], ["updatekeys"]))
    if head == "veracrypt":
        return any(a in ("-c", "--create") for a in words)
    if head == "gocryptfs":
        return any(a in ("-init", "--init", "-passwd", "--passwd") for a in words)
    if head == "encfs":  # a new volume is configured (and encrypted) by --standard/--paranoia
        return any(a in ("--standard", "--paranoia") for a in words)
    if head == "transcrypt":
        return _transcrypt(words)
    if head == "borg" and plain[:1] == ["init"]:  # encrypted unless --encryption none
        return "none" not in option_values(argv, ("-e", "--encryption"))
    if head == "duplicacy":  # duplicacy init -e: encrypted storage
        return plain[:1] == ["init"] and "-e" in words
    if head == "duplicity":  # backups are encrypted with gpg unless --no-encryption
        return bool(plain) and not _BACKUP_READS.intersection(plain[:1]) and (
            "--no-encryption" not in words)
    if head == "dotenvx" and plain[:1] == ["set"]:
        return not any(a in ("-p", "--plain") for a in words)
    if head == "yadm" and plain[:1] == ["transcrypt"]:
        return _transcrypt(words)
    if _VERBS.get(head, frozenset()).intersection(plain[:1]):
        return True
    nested = _NESTED.get((head, plain[0] if plain else ""))
    return nested is not None and ("" in nested or bool(nested.intersection(plain[1:3])))
