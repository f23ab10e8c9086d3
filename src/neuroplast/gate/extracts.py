"""Calls that extract an archive or decompress a file onto the disk.

An archive decides where its members land and how large they grow: a member named
``.env`` or ``../config`` overwrites what was there, an archive without a top folder
spills over the working tree, a 2 GB log decompresses to hundreds and fills a shared disk.
A user's view of this is one view whatever tool unpacks: someone who stops letting the
agent run ``tar -x`` on what others sent stops it for ``unzip``, ``7z x``, ``gunzip`` and
``binwalk -e`` alike. So it is an act across programs (``gate.acts``: ``* extract``). Each
tool is read from its own manual; listing, testing and decompressing to standard output
write no file and are not the act, unless that output is redirected into a file:

- archivers: tar(1) and bsdtar ``-x``/``--extract``/``--get`` (also ``xf`` in the
  traditional style; not ``-O``/``--to-stdout``); unzip(1) (not ``-l``, ``-t``, ``-v``,
  ``-Z``, nor ``-p``/``-c``, which print); 7z, 7za, 7zr ``x``/``e`` (not with
  ``-so``); unrar and rar ``x``/``e``; cpio ``-i``/``--extract`` (not with ``-t``); pax
  ``-r``; ar ``x``; jar ``x``/``-x``; unsquashfs (not ``-l``, ``-s``, ``-i``);
  cabextract, unar, dtrx, aunpack, unarj, lrunzip (not ``-l``/``-t``); atool
  ``-x``/``--extract``/``-X``/``--extract-to``; ``patool extract``; ``ouch
  decompress|d``; ``lha x|e``; ``zpaq x|extract``; ``xar -x``; ``dpkg-deb -x|-X|-R``;
  ``pkgutil --expand|--expand-full``; ``binwalk -e|-M``; PowerShell's ``Expand-Archive``;
  ``python -m zipfile -e`` and ``python -m tarfile -e``;
- decompressors that write the decompressed file: gunzip, unpigz, bunzip2, unxz, unlzma,
  unzstd, unlz4, uncompress, lrunzip, and ``-d``/``--decompress`` (``--decode`` for
  bzip3, ``-x`` for lzop) of gzip, pigz, bzip2, pbzip2, lbzip2, bzip3, xz, lzma, zstd,
  lz4, brotli, lzip, plzip, lzop, compress, lrzip, upx and p7zip; not with ``-c``/``--stdout``,
  ``-t``/``--test`` or ``-l``/``--list``;
- a decompression to standard output (``zcat``, ``gzip -dc``, ``xzcat``, ``bzcat``,
  ``zstdcat``, ``lz4cat``, ``unzip -p``, ``tar -xO``, ``7z x -so``, ``unar -o -``...)
  redirected into a file.

>>> from neuroplast.gate.shell import split_command
>>> [extracts(s) for s in split_command(
...     "tar xzf a.tgz; tar -tzf a.tgz; unzip -l a.zip; unzip a.zip -d out; gunzip big.log.gz; "
...     "gzip -dc big.log.gz; zcat big.log.gz > big.log; 7z x a.7z; zstd -d a.zst")]
[True, False, False, True, True, False, True, True, True]
"""

from __future__ import annotations

from neuroplast.gate.outputs import (
    TARS,
    has_short_option,
    names_option,
    option_values,
    stdout_to_file,
)
from neuroplast.gate.shell import Segment

__all__ = ["CHECK_OPTIONS", "COMPRESSORS", "DECOMPRESS_OPTIONS", "STDOUT_OPTIONS", "extracts",
           "tar_extracts"]

_NO_CHANGE = frozenset({"--help", "-h", "--version", "-V"})
_TAR_TO_STDOUT = frozenset({"--to-stdout", "--to-command"})
STDOUT_OPTIONS = frozenset({"-c", "--stdout", "--to-stdout"})
CHECK_OPTIONS = frozenset({"-t", "--test", "-l", "--list"})
# tools whose every run with an operand extracts (listing and testing excepted)
_ALWAYS = frozenset({"gunzip", "unpigz", "bunzip2", "unxz", "unlzma", "unzstd", "unlz4",
                     "uncompress", "lrunzip", "unsquashfs", "cabextract", "unar", "dtrx",
                     "aunpack", "unarj"})
_ALWAYS_READS = frozenset({"-l", "-ls", "-ll", "-lls", "-s", "-stat", "-t", "--list",
                           "--test", "-c", "--stdout"})
DECOMPRESS_OPTIONS = frozenset({"-d", "--decompress", "--uncompress", "--decode"})
# the compressors: each compresses a file, and its -d (or the like) writes it decompressed
COMPRESSORS = frozenset({"gzip", "pigz", "bzip2", "pbzip2", "lbzip2", "bzip3", "xz", "lzma",
                          "zstd", "lz4", "brotli", "lzip", "plzip", "lzop", "compress",
                          "lrzip", "upx", "p7zip"})
# tools that decompress to standard output: an output redirect writes the file
_TO_STDOUT = frozenset({"zcat", "gzcat", "xzcat", "bzcat", "zstdcat", "lz4cat", "lzcat",
                        "brcat", "bzip3cat"})
# program -> its commands, among the first plain words, that extract
_VERBS: dict[str, frozenset[str]] = {
    "7z": frozenset({"x", "e"}), "7za": frozenset({"x", "e"}), "7zr": frozenset({"x", "e"}),
    "7zz": frozenset({"x", "e"}), "unrar": frozenset({"x", "e"}), "rar": frozenset({"x", "e"}),
    "patool": frozenset({"extract"}), "ouch": frozenset({"decompress", "d"}),
    "lha": frozenset({"x", "e"}), "zpaq": frozenset({"x", "extract"}), "ar": frozenset({"x"}),
    "jar": frozenset({"x", "xf", "xvf"}),
}


def tar_extracts(argv: tuple[str, ...]) -> bool:
    """Whether tar's mode is extraction: ``tar xf``, ``tar -xzf``, ``tar --extract``.

    >>> [tar_extracts(tuple(c.split())) for c in ("tar xzf a.tgz", "tar -C d -xf a.tar",
    ...                                            "tar cf a.tar x", "tar --get -f a.tar")]
    [True, True, False, True]
    """
    words = argv[1:]
    first = words[0] if words else ""
    # the traditional style's first word is a cluster of letters (tar xzf, tar xvf)
    traditional = first.isalpha() and len(first) <= 8 and "x" in first
    return traditional or has_short_option(words, "x") or any(
        a in ("--extract", "--get") for a in words)


def _to_stdout(seg: Segment) -> bool:
    """Whether ``seg`` decompresses or extracts to standard output."""
    head, words = seg.head, seg.argv[1:]
    if head in _TO_STDOUT:
        return True
    if head in TARS:
        return tar_extracts(seg.argv) and (has_short_option(words, "O") or bool(
            _TAR_TO_STDOUT.intersection(words)))
    if head in _ALWAYS:  # exact words: unar's options are one-dash words (-force-skip)
        return bool(STDOUT_OPTIONS.intersection(words)) or (head == "unar" and "-" in option_values(
            seg.argv, ("-o", "-output-directory")))
    if head in COMPRESSORS:  # gzip -dc: a cluster that decompresses to standard output
        return bool(STDOUT_OPTIONS.intersection(words)) or (has_short_option(words, "c") and (
            bool(DECOMPRESS_OPTIONS.intersection(words)) or has_short_option(words, "d")))
    if head == "unzip":
        return any(a in ("-p", "-c") for a in words)
    if head in _VERBS:
        return "-so" in words
    return False


def extracts(seg: Segment) -> bool:
    """Whether ``seg`` extracts an archive or decompresses a file onto the disk (the
    ``extract`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if any(a in _NO_CHANGE for a in words):
        return False
    if _to_stdout(seg):
        return stdout_to_file(seg)
    plain = [a for a in words if not a.startswith("-")]
    if head in TARS:
        return tar_extracts(argv) and not any(a in ("-t", "--list") for a in words)
    if head == "unzip":
        return bool(plain) and not any(a in ("-l", "-t", "-v", "-Z", "-z") for a in words)
    if head in _ALWAYS:
        return bool(plain) and not _ALWAYS_READS.intersection(words)
    if head in COMPRESSORS:
        decompress = bool(DECOMPRESS_OPTIONS.intersection(words)) or has_short_option(
            words, "x" if head == "lzop" else "d")
        return decompress and not CHECK_OPTIONS.intersection(words) and not has_short_option(
            words, "tl")
    if head in _VERBS:
        return bool(_VERBS[head].intersection(plain[:1])) or (
            head == "jar" and has_short_option(words[:1], "x"))
    if head == "cpio":
        return (has_short_option(words, "i") or "--extract" in words) and not (
            has_short_option(words, "t") or "--list" in words)
    if head == "pax":
        return has_short_option(words, "r")
    if head == "atool":  # atool(1): -x/--extract, -X/--extract-to=PATH
        return names_option(words, ("--extract", "--extract-to")) or (
            has_short_option(words, "xX"))
    if head == "dpkg-deb":
        return any(a in ("-x", "--extract", "-X", "--vextract", "-R", "--raw-extract")
                   for a in words)
    if head == "pkgutil":
        return any(a in ("--expand", "--expand-full") for a in words)
    if head == "xar":
        return has_short_option(words, "x")
    if head == "binwalk":
        return any(a in ("-e", "--extract", "-M", "--matryoshka", "-D", "--dd")
                   or (a[:1] == "-" and a[1:2] != "-" and "e" in a) for a in words)
    if head in ("pwsh", "powershell"):
        return any("Expand-Archive" in w for w in words)
    if head in ("zipfile", "tarfile"):  # python -m zipfile|tarfile -e (their CLIs)
        return any(a in ("-e", "--extract") for a in words)
    return False
