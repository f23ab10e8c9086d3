"""Calls that pack files into an archive or compress them.

An archive gathers what lies scattered into one file that is easy to carry off: ``tar czf
home.tgz ~`` takes the keys and tokens along with the notes, a dump compressed beside the
data doubles what the disk holds, and an archive is the usual step before data leaves a
machine (ATT&CK T1560 'Archive Collected Data'). A user's view of this is one view whatever
tool packs: someone who stops letting the agent run ``tar -c`` stops it for ``zip``, ``7z
a`` and ``zstd`` alike. So it is an act across programs (``gate.acts``: ``* archive``);
unpacking is the ``extract`` act. Each tool is read from its own manual; listing, testing,
comparing and decompressing are not the act, nor are the package builders (``npm pack``,
``dpkg-deb -b``), which make a release, nor backup tools, which keep their own stores:

- archivers: tar(1) and bsdtar ``-c``/``--create``, ``-r``/``--append``,
  ``-u``/``--update``, ``-A``/``--catenate`` (also ``czf`` in the traditional style);
  zip(1) given files (not ``-sf``/``--show-files``, nor ``-d``/``--delete``, which only
  removes members); 7z, 7za, 7zr, 7zz ``a``/``u``; rar ``a``/``u``/``m``; ar(1) ``r``/``q``
  (``ar rcs libx.a x.o``); jar ``c``/``u``; cpio ``-o``/``--create``; pax ``-w``;
  ``git archive`` (not ``-l``/``--list``); ``git bundle create``; mksquashfs; mkisofs,
  genisoimage and xorrisofs; ``xorriso -as mkisofs``; makeself; shar; ditto(1) ``-c``; ``atool
  -a``/``--add`` and apack; ``patool create``; ``ouch compress|c``; ``lha a``; ``zpaq
  a|add``; ``xar -c``; PowerShell's ``Compress-Archive``; ``python -m zipfile -c`` and
  ``python -m tarfile -c``;
- compressors that write the compressed file: gzip, pigz, bzip2, pbzip2, lbzip2, bzip3,
  xz, lzma, zstd, lz4, brotli, lzip, plzip, lzop, compress, lrzip, upx and p7zip given a
  file (``extracts.COMPRESSORS``; not with ``-d``/``--decompress``, ``-t``/``--test`` or
  ``-l``/``--list``, and to standard output only when that is redirected into a file).

>>> from neuroplast.gate.shell import split_command
>>> [archives(s) for s in split_command(
...     "tar czf a.tgz src; tar -tzf a.tgz; tar xzf a.tgz; zip -r a.zip src; zip -sf a.zip; "
...     "7z a a.7z src; 7z l a.7z; gzip big.log; gzip -d big.log.gz; gzip -c big.log; "
...     "gzip -c big.log > big.gz; git archive -o a.zip HEAD; ar rcs libx.a x.o")]
[True, False, False, True, False, True, False, True, False, False, True, True, True]
"""

from __future__ import annotations

from neuroplast.gate.extracts import (
    CHECK_OPTIONS,
    COMPRESSORS,
    DECOMPRESS_OPTIONS,
    STDOUT_OPTIONS,
)
from neuroplast.gate.outputs import TARS, has_short_option, stdout_to_file
from neuroplast.gate.shell import Segment

__all__ = ["archives"]

_NO_CHANGE = frozenset({"--help", "-h", "--version", "-V"})
_TAR_PACKS = frozenset({"--create", "--append", "--update", "--catenate", "--concatenate"})
# the tar modes that pack, as the traditional style's first cluster or a short option
_TAR_LETTERS = "cruA"
# tools whose every run with an operand packs (their manuals)
_ALWAYS = frozenset({"mksquashfs", "mkisofs", "genisoimage", "xorrisofs", "makeself", "shar",
                     "apack"})
# program -> its commands, as the first plain word, that pack
_VERBS: dict[str, frozenset[str]] = {
    "7z": frozenset({"a", "u"}), "7za": frozenset({"a", "u"}), "7zr": frozenset({"a", "u"}),
    "7zz": frozenset({"a", "u"}), "rar": frozenset({"a", "u", "m"}),
    "patool": frozenset({"create"}), "ouch": frozenset({"compress", "c"}),
    "lha": frozenset({"a"}), "zpaq": frozenset({"a", "add"}),
}
_NOT_COMPRESSING = DECOMPRESS_OPTIONS | CHECK_OPTIONS


def _tar_packs(words: tuple[str, ...]) -> bool:
    first = words[0] if words else ""
    traditional = first.isalpha() and len(first) <= 8 and any(c in first for c in _TAR_LETTERS)
    return (traditional or has_short_option(words, _TAR_LETTERS)
            or bool(_TAR_PACKS.intersection(words)))


def _compresses(seg: Segment, words: tuple[str, ...], plain: list[str]) -> bool:
    """A compressor writing a compressed file: given a file, or its output redirected."""
    letters = "dtlx" if seg.head == "lzop" else "dtl"  # lzop's -x extracts
    if _NOT_COMPRESSING.intersection(words) or has_short_option(words, letters):
        return False
    files = [a for a in plain if not a.isdigit()]  # not the values of -T 0, -p 4, -q 11
    if STDOUT_OPTIONS.intersection(words) or has_short_option(words, "c") or not files:
        return stdout_to_file(seg)
    return True


def archives(seg: Segment) -> bool:
    """Whether ``seg`` packs files into an archive or compresses them into a file (the
    ``archive`` act)."""
    head, words = seg.head, seg.argv[1:]
    if any(a in _NO_CHANGE for a in words):
        return False
    plain = [a for a in words if not a.startswith("-")]
    if head in TARS:
        return _tar_packs(words)
    if head == "zip":
        return bool(plain) and not any(a in ("-sf", "--show-files", "-d", "--delete")
                                       for a in words)
    if head in _ALWAYS:
        return bool(plain)
    if head in COMPRESSORS:
        return _compresses(seg, words, plain)
    if head in _VERBS:
        return bool(_VERBS[head].intersection(plain[:1]))
    if head == "ar":  # ar(1): the first word holds the operation letters (rcs, qc, -r)
        return bool(words) and any(c in words[0].lstrip("-") for c in "rq")
    if head == "jar":
        return (bool(words) and any(c in words[0].lstrip("-") for c in "cu")) or any(
            a in ("--create", "--update") for a in words)
    if head == "cpio":
        return has_short_option(words, "o") or "--create" in words
    if head in ("pax", "xar", "ditto"):  # pax -w writes; xar -c, ditto -c create
        return has_short_option(words, "w" if head == "pax" else "c")
    if head == "git":  # git archive -l/--list names the formats
        return ((plain[:1] == ["archive"] and not any(a in ("-l", "--list") for a in words))
                or plain[:2] == ["bundle", "create"])
    if head == "xorriso":
        return "-as" in words and "mkisofs" in plain
    if head == "atool":
        return has_short_option(words, "a") or "--add" in words
    if head in ("pwsh", "powershell"):
        return any("Compress-Archive" in w for w in words)
    if head in ("zipfile", "tarfile"):  # python -m zipfile|tarfile -c (their CLIs)
        return any(a in ("-c", "--create") for a in words)
    return False
