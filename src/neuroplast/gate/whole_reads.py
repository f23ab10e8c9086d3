"""Folders a call reads whole: searched recursively, or copied, synced, archived or backed up
with everything in them.

A recursive search reads every file under the folders it is given, and so does a program
that copies a folder recursively:
``tar czf etc.tgz /etc`` reads ``/etc/shadow`` and ``/etc/ssl/private`` with the rest, and
``aws s3 sync ~ s3://b`` sends ``~/.aws/credentials`` along (ATT&CK T1005 'Data from
Local System', T1560 'Archive Collected Data'). So what such a call reads is each source
folder entire, whatever files it names; ``gate.inspect`` flags it when one of them holds
credential stores (``gate.credentials.holds_credentials``). Which operands are sources,
and when a search or a copy recurses, is each tool's manual:

- grep(1) and its kin with ``-r``/``-R`` (``--recursive``, ``--dereference-recursive``,
  ``--directories=recurse``); ripgrep, ag and ack, which recurse by default: every
  operand after the pattern;
- cp(1) and scp(1) with ``-r``/``-R``/``-a``/``--recursive``/``--archive``, rsync(1) with
  ``-r``/``-a``/``--recursive``/``--archive``: every operand but the last (the
  destination);
- archivers that recurse into the folders they are given: tar(1) and bsdtar creating
  (``-c``, ``--create``, a first word of letters with ``c``), zip(1) with
  ``-r``/``--recurse-paths``, 7-Zip's ``a``, tarsnap ``-c``: every operand;
- backup tools, which take folders whole: ``borg create`` (after the archive),
  ``restic backup``, ``kopia snapshot create``, duplicity's local source;
- bucket and remote copies: ``aws s3 sync`` and ``aws s3 cp|mv --recursive``, ``gsutil
  cp|mv|rsync -r``, ``gcloud storage cp|mv|rsync`` with ``-r``/``--recursive``,
  ``rclone copy|sync|move``, ``azcopy copy|sync`` with ``--recursive``: every operand but
  the last; another machine's side of these copies (``transfers.is_remote_side``) is not
  read here.

>>> from neuroplast.gate.shell import split_command
>>> [folders_read_whole(s) for s in split_command(
...     "tar czf etc.tgz /etc; cp -r ~/.ssh backup/; cp ~/.ssh/config x; "
...     "aws s3 sync /etc s3://b; rclone copy remote:etc /etc; restic backup ~; "
...     "grep -r token ~/.config; grep token notes.txt")]
[['etc.tgz', '/etc'], ['~/.ssh'], [], ['/etc'], [], ['~'], ['~/.config'], []]
"""

from __future__ import annotations

from neuroplast.gate.executed import global_values
from neuroplast.gate.outputs import has_short_option, operands
from neuroplast.gate.shell import Segment
from neuroplast.gate.transfers import is_remote_side

__all__ = ["folders_read_whole"]

_GREPS = frozenset({"grep", "egrep", "fgrep", "ugrep"})
_RECURSIVE_SEARCHERS = frozenset({"rg", "ag", "ack"})
_COPIERS = {"cp": "rRa", "scp": "r", "rsync": "ra"}
# archivers' options that take a value, which is no folder to archive (tar(1), tarsnap(1))
_ARCHIVER_VALUES = frozenset({"-f", "--file", "-C", "--directory", "-T", "--files-from",
                              "-X", "--exclude-from", "--keyfile", "--cachedir",
                              "--configfile", "--creationtime", "--maxbw", "--maxbw-rate"})
_TARS = frozenset({"tar", "bsdtar", "gtar"})
_7ZIP = frozenset({"7z", "7za", "7zz", "7zr"})
# backup tools -> the command that backs up, and the words after it before the folders
# (borg create's archive)
_BACKUPS = {"borg": (("create",), 1), "restic": (("backup",), 0),
            "kopia": (("snapshot", "create"), 0)}
_LEADING = 3
# bucket and remote copiers -> their copy commands that recurse only when told to, and
# those that always do
_BUCKETS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "gsutil": (frozenset({"cp", "mv", "rsync"}), frozenset()),
    "rclone": (frozenset(), frozenset({"copy", "sync", "move"})),
    "azcopy": (frozenset({"copy", "cp", "sync"}), frozenset()),
}


def folders_read_whole(seg: Segment) -> list[str]:
    """The local operands of ``seg`` that it reads recursively, as typed."""
    if seg.head in _GREPS or seg.head in _RECURSIVE_SEARCHERS:
        return _searched(seg)
    return [w for w in _sources(seg) if not is_remote_side(w, seg.head)]


def _searched(seg: Segment) -> list[str]:
    argv = seg.argv
    if seg.head in _GREPS and not any(
            a in ("--recursive", "--dereference-recursive", "--directories=recurse")
            or (a[:1] == "-" and a[1:2] != "-" and ("r" in a or "R" in a)) for a in argv[1:]):
        return []
    return [a for a in argv[1:] if not a.startswith("-")][1:]  # after the pattern


def _sources(seg: Segment) -> list[str]:
    head, argv = seg.head, seg.argv
    options = argv[1:]
    values = _ARCHIVER_VALUES if head in _TARS or head == "tarsnap" else global_values(head)
    words = operands(argv, values)
    if head in _COPIERS:
        recursive = any(a in ("--recursive", "--archive") for a in options) or (
            has_short_option(options, _COPIERS[head]))
        return words[:-1] if recursive else []
    if head in _TARS:
        first = argv[1] if len(argv) > 1 else ""
        creates = "--create" in options or has_short_option(options, "c") or (
            first.isalpha() and "c" in first)
        if not creates:
            return []
        return words[1:] if first.isalpha() else words
    if head == "zip":
        recursive = "--recurse-paths" in options or has_short_option(options, "r")
        return words if recursive else []
    if head in _7ZIP:
        return words[2:] if words[:1] == ["a"] else []
    if head == "tarsnap":
        return words if has_short_option(options, "c") else []
    return _backup_or_bucket_sources(head, words, options)


def _backup_or_bucket_sources(head: str, words: list[str], options: tuple[str, ...]
                              ) -> list[str]:
    # a repository given as an option's value (restic -r, borg --repo) may come first
    if head in _BACKUPS:
        command, skip = _BACKUPS[head]
        at = next((i for i in range(len(words)) if tuple(words[i:i + len(command)]) == command
                   ), -1)
        return words[at + len(command) + skip:] if 0 <= at < _LEADING else []
    if head == "duplicity":  # duplicity [full|incremental] SOURCE TARGET_URL
        sources = words[1:] if words[:1] in (["full"], ["incremental"], ["inc"]) else words
        return sources[:1] if len(sources) >= 2 and "://" not in sources[0] else []
    recursive = any(a in ("--recursive", "-r", "-R") for a in options)
    if head in ("aws", "gcloud"):
        if words[:1] not in (["s3"], ["storage"]) or len(words) < 4:
            return []
        always = head == "aws" and words[1] == "sync"  # gcloud storage rsync needs -r
        return words[2:-1] if always or (words[1] in ("cp", "mv", "rsync") and recursive) else []
    if head in _BUCKETS and words:
        told, always = _BUCKETS[head]
        if words[0] in always or (words[0] in told and recursive):
            return words[1:-1]
    return []
