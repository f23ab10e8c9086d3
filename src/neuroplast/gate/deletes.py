"""Calls that delete files or folders from this machine's disk, whatever program removes them.

A deleted file is gone for whoever needed it: the only copy of a capture or a pass plan, an
output another job was about to read, a folder of notes never committed. The trash is no
safety for an agent: it empties the trash as readily. A user's view of this is one view
whatever tool deletes: someone who stops letting the agent run ``rm`` after it removed the
wrong folder stops it for ``find -delete``, ``git rm``, ``trash-put``, ``rsync --delete`` and
``shred -u`` alike (CWE-73 and CWE-22 on paths an attacker chooses; NIST SP 800-53 CP-9 on
copies kept because deletions happen; ATT&CK T1485 'Data Destruction' and T1070.004 'File
Deletion'). So it is an act across programs (``gate.acts``: ``* delete``), beside what each
call touches (the deleted paths are keyed already: ``changes:`` keys), which carries a
refusal to the same files by any program; this act carries a refusal of deleting to every
program that deletes. Data destroyed through a store's own manager (volumes, snapshots,
datasets) is ``destroy``; a remote store's files deleted are ``remote-delete``; changes not
yet committed thrown away by git are ``discard``. Each tool is read from its own manual;
listing, previews and dry runs, help and versions are not the act:

- removers: rm(1), rmdir(1), unlink(1), srm(1), wipe(1), shred(1) with ``-u``/``--remove``;
  cmd's ``del``, ``erase``, ``rd``, ``rmdir`` and PowerShell's ``Remove-Item``;
- the trash, whose every tool deletes or empties: trash-cli's ``trash-put``, ``trash-rm``,
  ``trash-empty``; ``trash`` (macOS's and trashy's, not ``list`` or ``restore``), ``gio
  trash|remove``, gtrash ``put|rm|prune``, gomi, rip, rmtrash;
- finders and sweepers: find(1) ``-delete``; tmpreaper(8), tmpwatch(8); bleachbit
  ``-c``/``--clean``; fdupes and jdupes ``-d``/``--delete``; ``rdfind -deleteduplicates
  true``;
- version control's removals of tracked files from the working tree: ``git rm`` (not
  ``--cached``, ``-n``/``--dry-run``), ``git worktree remove``; Mercurial's ``remove``/``rm``
  and ``purge``; Subversion's ``delete``/``del``/``remove``/``rm`` (not ``--keep-local``);
- copies that delete: rsync(1) ``--delete*``/``--del`` and ``--remove-source-files`` (not
  ``-n``/``--dry-run``).

A command a runner runs is read as itself (``find . -exec rm {} +``, ``xargs rm``,
``fd -x rm``: their ``rm`` is a segment of its own).

>>> from neuroplast.gate.shell import split_command
>>> [deletes_files(s) for s in split_command(
...     "rm -rf build; find . -name '*.pyc' -delete; find . -name '*.pyc'; git rm old.py; "
...     "git rm --cached .env; trash-put notes.txt; trash-list; rsync -a --delete a/ b/; "
...     "rsync -an --delete a/ b/; shred -u key.pem; shred key.pem")]
[True, True, False, True, False, True, False, True, False, True, False]
"""

from __future__ import annotations

from neuroplast.gate.outputs import has_short_option, names_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["deletes_files"]

_NOT_RUN = frozenset({"--help", "--version"})
# programs that delete each operand they are given
_REMOVERS = frozenset({"rm", "rmdir", "unlink", "srm", "wipe", "del", "erase", "rd",
                       "Remove-Item", "trash-put", "trash-rm", "gomi", "rip", "rmtrash",
                       "tmpreaper", "tmpwatch"})
# program -> (its commands, as the first plain word, that delete; an empty set: it deletes
# whatever it is given)
_VERBS: dict[str, frozenset[str]] = {
    "gio": frozenset({"trash", "remove", "rm"}),
    "gtrash": frozenset({"put", "rm", "prune"}),
    "hg": frozenset({"remove", "rm", "purge", "clean"}),
    "svn": frozenset({"delete", "del", "remove", "rm"}),
}
_DRY_RUN = frozenset({"-n", "--dry-run", "--dryrun"})


def deletes_files(seg: Segment) -> bool:
    """Whether ``seg`` deletes files or folders from this machine's disk (the ``delete``
    act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if names_option(words, _NOT_RUN):
        return False
    plain = [a for a in words if not a.startswith("-")]
    if head in _REMOVERS or head == "trash-empty":
        return True  # operands may come from a runner (xargs rm, fd -x rm)
    if head == "trash":  # macOS's trash FILE...; trashy's trash put|empty, not list|restore
        return bool(plain) and plain[0] not in ("list", "restore", "ls")
    if head == "shred":  # shred(1) -u/--remove: 'deallocate and remove file after overwriting'
        return has_short_option(words, "u") or names_option(words, ("--remove",))
    if head == "find":
        return "-delete" in words
    if head in _VERBS:
        if head == "svn" and "--keep-local" in words:
            return False
        return bool(_VERBS[head].intersection(plain[:1]))
    if head == "git":
        given = operands(argv, frozenset({"-C", "-c", "--git-dir", "--work-tree"}))
        if given[:1] == ["rm"]:
            return not names_option(words, ("--cached", *_DRY_RUN))
        return given[:2] == ["worktree", "remove"]
    if head == "rsync":
        return not (names_option(words, _DRY_RUN) or has_short_option(words, "n")) and any(
            a.startswith(("--delete", "--remove-source-files")) or a == "--del" for a in words)
    if head == "bleachbit":
        return names_option(words, ("-c", "--clean"))
    if head in ("fdupes", "jdupes"):
        return has_short_option(words, "d") or names_option(words, ("--delete",))
    if head == "rdfind":
        return "-deleteduplicates" in words and "true" in words
    return False
