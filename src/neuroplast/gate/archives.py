"""Calls that pack files into an archive or compress them.

An archive gathers what lies scattered into one file that is easy to carry off: ``tar czf
home.tgz ~`` takes the keys and tokens along with the notes, a dump compressed beside the
data doubles what the disk holds, and an archive is the usual step before data leaves a
machine (ATT&CK T1560 'Archive Collected Data'). A user's view of this is one view whatever
tool packs: someone who stops letting the agent run ``tar -c`` stops it for ``zip``, ``7z
a`` and ``zstd`` alike. So it is an act across programs (``gate.acts``: ``* archive``);
unpacking is the ``extract`` act. Each tool is read from its own manual; listing, testing,
comparing and decompressing are not the act. Package builders, image exporters and backup
tools count where their manuals name what they write an archive or a tarball (``npm pack``:
'create a tarball from a package'; ``docker save``: 'save one or more images to a tar
archive'; ``borg create``: 'create new archive'):

- archivers: tar(1) and bsdtar ``-c``/``--create``, ``-r``/``--append``,
  ``-u``/``--update``, ``-A``/``--catenate`` (also ``czf`` in the traditional style);
  zip(1) given files (not ``-sf``/``--show-files``, nor ``-d``/``--delete``, which only
  removes members); 7z, 7za, 7zr, 7zz ``a``/``u``; rar ``a``/``u``/``m``; ar(1) ``r``/``q``
  (``ar rcs libx.a x.o``); jar ``c``/``u``; cpio ``-o``/``--create``; pax ``-w``; ``git
  archive`` (not ``-l``/``--list``) and git-extras' ``git archive-file``; ``git bundle
  create``; mksquashfs; mkisofs, genisoimage and xorrisofs; ``xorriso -as mkisofs``;
  makeself; shar; ditto(1) ``-c``; ``atool -a``/``--add`` and apack; ``patool create``;
  ``ouch compress|c``; ``lha a``; ``zpaq a|add``; ``xar -c``; PowerShell's
  ``Compress-Archive``; ``python -m zipfile -c`` and ``python -m tarfile -c``; repackers
  and splitters that write new archives: ``atool -r|--repack`` and arepack, zipsplit (not
  ``-t``), sqfstar, lrztar; gpg-zip (not ``--list-archive`` nor ``-d``), ``asar pack|p``;
- tools' own archives: ``npm|pnpm|yarn pack``, ``bun pm pack``, ``cargo package`` (not
  ``--list``), ``poetry build``, ``dpkg-deb -b|--build``; ``docker|podman|nerdctl save``
  and ``export`` (also ``image save``, ``container export``) and ``crane export``, to a
  file (``-o``, a redirect; their tar streams to standard output otherwise), ``ctr images
  export``; pg_dump in its archive formats (``-F c|d|t``, 'output a custom-format
  archive suitable for input into pg_restore') and pg_basebackup's tar format (``-F t``);
  ``borg create`` and ``tarsnap -c``;
- compressors that write the compressed file: gzip, pigz, bzip2, pbzip2, lbzip2, bzip3,
  xz, lzma, zstd, lz4, brotli, lzip, plzip, lzop, compress, lrzip, upx and p7zip given a
  file (``extracts.COMPRESSORS``; not with ``-d``/``--decompress``, ``-t``/``--test`` or
  ``-l``/``--list``, lrzip's ``-i``/``--info`` (its ``-l`` picks LZO), and to standard
  output only when that is redirected into a file); gzexe (not ``-d``), which compresses
  programs in place, and znew, which recompresses ``.Z`` files.

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
from neuroplast.gate.outputs import (
    TARS,
    has_short_option,
    names_option,
    option_values,
    stdout_to_file,
)
from neuroplast.gate.shell import Segment

__all__ = ["archives"]

_NO_CHANGE = frozenset({"--help", "-h", "--version", "-V", "--dry-run"})
_TAR_PACKS = frozenset({"--create", "--append", "--update", "--catenate", "--concatenate"})
# the tar modes that pack, as the traditional style's first cluster or a short option
_TAR_LETTERS = "cruA"
# tools whose every run with an operand packs (their manuals)
_ALWAYS = frozenset({"mksquashfs", "mkisofs", "genisoimage", "xorrisofs", "makeself", "shar",
                     "apack", "arepack", "sqfstar", "lrztar", "znew"})
# program -> its commands, as the first plain word, that pack
_VERBS: dict[str, frozenset[str]] = {
    "7z": frozenset({"a", "u"}), "7za": frozenset({"a", "u"}), "7zr": frozenset({"a", "u"}),
    "7zz": frozenset({"a", "u"}), "rar": frozenset({"a", "u", "m"}),
    "patool": frozenset({"create"}), "ouch": frozenset({"compress", "c"}),
    "lha": frozenset({"a"}), "zpaq": frozenset({"a", "add"}), "asar": frozenset({"pack", "p"}),
    "borg": frozenset({"create"}), "cargo": frozenset({"package"}),
    "poetry": frozenset({"build"}),
    **dict.fromkeys(("npm", "pnpm", "yarn"), frozenset({"pack"})),
}
_ENGINES = frozenset({"docker", "podman", "nerdctl"})
# (program, sub-command) -> the words after it that pack (``bun pm pack``, ``docker image save``)
_NESTED: dict[tuple[str, str], frozenset[str]] = {
    ("bun", "pm"): frozenset({"pack"}), ("ctr", "images"): frozenset({"export"}),
    ("ctr", "image"): frozenset({"export"}),
    **{(engine, "image"): frozenset({"save"}) for engine in _ENGINES},
    **{(engine, "container"): frozenset({"export"}) for engine in _ENGINES},
}
_ENGINE_PACKS = frozenset({"save", "export"})  # docker|podman|nerdctl save and export
# tools' options that only list, report or undo (their manuals)
_NOT_PACKING = {"cargo": ("--list", "-l"), "zipsplit": ("-t",), "gpg-zip": (
    "--list-archive", "-d", "--decrypt"), "gzexe": ("-d",),
    "lrzip": ("-i", "--info", "-d", "--decompress", "-t", "--test")}
# pg_dump's formats that write an archive (its manual: custom, directory, tar)
_PG_ARCHIVE_FORMATS = ("c", "d", "t", "custom", "directory", "tar")
_NOT_COMPRESSING = DECOMPRESS_OPTIONS | CHECK_OPTIONS


def _tar_packs(words: tuple[str, ...]) -> bool:
    first = words[0] if words else ""
    traditional = first.isalpha() and len(first) <= 8 and any(c in first for c in _TAR_LETTERS)
    return (traditional or has_short_option(words, _TAR_LETTERS)
            or bool(_TAR_PACKS.intersection(words)))


def _verb_packs(head: str, plain: list[str]) -> bool:
    """Whether the command's words name one of its commands that pack (``7z a``, ``docker
    save``, ``docker image save``, ``bun pm pack``)."""
    if head in _VERBS:
        return bool(_VERBS[head].intersection(plain[:1]))
    if head in _ENGINES and plain[:1] and plain[0] in _ENGINE_PACKS:
        return True
    nested = _NESTED.get((head, plain[0] if plain else ""), frozenset())
    return bool(nested.intersection(plain[1:2]))


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
    if names_option(words, _NOT_PACKING.get(head, ())):
        return False
    if head in TARS:
        return _tar_packs(words)
    if head == "lrzip":  # its -l picks LZO compression, not a listing
        return bool(plain) or stdout_to_file(seg)
    if head == "zip":
        return bool(plain) and not any(a in ("-sf", "--show-files", "-d", "--delete")
                                       for a in words)
    if head == "crane":  # crane export IMAGE|- [TARBALL|-]: '-' is standard input or output
        operands = [a for a in words if a == "-" or not a.startswith("-")]
        return operands[:1] == ["export"] and (operands[2:3] not in ([], ["-"])
                                               or stdout_to_file(seg))
    if head in _ALWAYS:
        return bool(plain)
    if head in ("zipsplit", "gzexe", "gpg-zip"):
        return bool(plain)
    if head in COMPRESSORS:
        return _compresses(seg, words, plain)
    if _verb_packs(head, plain):
        # an image's or container's tar streams to standard output unless -o names a file
        return head not in _ENGINES or bool(option_values(seg.argv, ("-o", "--output"))
                                            ) or stdout_to_file(seg)
    if head in ("pg_dump", "pg_basebackup"):
        formats = option_values(seg.argv, ("-F", "--format"))
        allowed = _PG_ARCHIVE_FORMATS if head == "pg_dump" else ("t", "tar")
        return any(f in allowed for f in formats)
    if head == "tarsnap":
        return has_short_option(words, "c")
    if head == "dpkg-deb":
        return has_short_option(words, "b") or "--build" in words
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
        return ((plain[:1] in (["archive"], ["archive-file"])
                 and not any(a in ("-l", "--list") for a in words))
                or plain[:2] == ["bundle", "create"])
    if head == "xorriso":
        return "-as" in words and "mkisofs" in plain
    if head == "atool":
        return has_short_option(words, "ar") or "--add" in words or "--repack" in words
    if head in ("pwsh", "powershell"):
        return any("Compress-Archive" in w for w in words)
    if head in ("zipfile", "tarfile"):  # python -m zipfile|tarfile -c (their CLIs)
        return any(a in ("-c", "--create") for a in words)
    return False
