"""Calls that rename or move files: the file kept, the path where it is found changed.

A path is often what others use to find a file: a link, a catalogue record, an import, a
configuration that names it, an identifier served on the web. Moving the file breaks each
of them at once, and nothing in the file says where it went (the W3C's 'Cool URIs don't
change'; IIIF's and the OAIS model's persistent identifiers; NDSA Levels of Digital
Preservation, 'file fixity and data integrity', which audits files by path). A user's view
of this is one view whatever tool moves: someone who stops letting the agent run ``mv``
stops it for ``rename``, ``git mv`` and a photo tool's rename-by-date alike. So it is an act
across programs (``gate.acts``: ``* rename``). Each tool is read from its own manual; dry
runs, help and versions are not the act, nor are copies and links (the file stays where it
was), nor renaming what is not a file (a branch, a container, a volume):

- mv(1) with a source and a destination; rename(1) (util-linux's ``rename FROM TO FILE``
  and Perl's ``rename EXPR FILE``, as ``prename``, ``perl-rename`` and ``file-rename``; not
  ``-n``/``--no-act``/``--dry-run``), mmv(1) (not ``-n``), zsh's zmv (not ``-n``), detox(1)
  (not ``-n``/``--dry-run``), rnm, renameutils' qmv and moreutils' vidir given files,
  convmv(1) with ``--notest`` (without it, convmv only shows what it would do), repren
  with ``--renames`` or ``--full`` (not ``-n``/``--dry-run``);
- photo tools that rename by metadata: exiftool(1) writing the ``FileName`` or
  ``Directory`` tag (``-FileName<DateTimeOriginal``, ``-directory=DIR``; not with
  ``-testname``), exiv2(1)'s ``rename``/``mv`` action (``-r FORMAT``), jhead(1) ``-n``;
- version control moving a tracked file: ``git mv``, ``git worktree move``, ``hg
  mv|move|rename``, ``svn mv|move|rename|ren``, ``bzr mv|move|rename``, ``fossil
  mv|rename``;
- file managers' and remote stores' moves: ``gio move``, ``kioclient mv|move``, ``rclone
  move|moveto``, ``aws s3 mv``, ``gsutil mv``, ``gcloud storage mv``; tools that move what
  they find: ``clamscan --move``, ``fclones move``.

>>> from neuroplast.gate.shell import split_command
>>> [renames(s) for s in split_command(
...     "mv a.txt b.txt; mv --help; rename -n 's/a/b/' *.txt; rename 's/a/b/' *.txt; "
...     "git mv old.py new.py; git branch -m old new; exiftool '-FileName<DateTimeOriginal' ."
...     "; exiftool -testname '-FileName<DateTimeOriginal' .; convmv -f latin1 -t utf8 x; "
...     "cp a b")]
[True, False, False, True, True, False, True, False, False, False]
"""

from __future__ import annotations

from neuroplast.gate.outputs import has_short_option, names_option
from neuroplast.gate.shell import Segment

__all__ = ["renames"]

_NOT_RUN = frozenset({"--help", "--version", "--usage", "--dry-run", "--no-act", "--simulate"})
# renamers that rename whatever they are given (each manual's synopsis), unless ``-n``
_RENAMERS = frozenset({"rename", "prename", "perl-rename", "file-rename", "mmv", "zmv",
                       "detox", "rnm", "qmv", "vidir"})
_N_IS_DRY_RUN = _RENAMERS - {"rnm", "qmv", "vidir"}  # the others' -n is "no action"
# program -> its sub-commands that move a tracked or stored file
_MOVE_VERBS: dict[str, frozenset[str]] = {
    "git": frozenset({"mv"}), "hg": frozenset({"mv", "move", "rename"}),
    "svn": frozenset({"mv", "move", "rename", "ren"}), "bzr": frozenset({"mv", "move", "rename"}),
    "fossil": frozenset({"mv", "rename"}), "gio": frozenset({"move"}),
    "kioclient": frozenset({"mv", "move"}), "kioclient5": frozenset({"mv", "move"}),
    "rclone": frozenset({"move", "moveto"}), "gsutil": frozenset({"mv"}),
    "fclones": frozenset({"move"}),
}
# (program, sub-command) -> the word after it that moves
_NESTED_MOVES = {("git", "worktree"): "move", ("aws", "s3"): "mv", ("gcloud", "storage"): "mv"}
_EXIF_PATH_TAGS = ("-filename", "-directory")


def renames(seg: Segment) -> bool:
    """Whether ``seg`` renames or moves a file (the ``rename`` act)."""
    head, argv = seg.head, seg.argv
    options = argv[1:]
    if names_option(options, _NOT_RUN):
        return False
    plain = [a for a in options if not a.startswith("-")]
    if head == "mv":
        return len(plain) >= 2 or any(a.startswith(("-t", "--target-directory")) for a in options)
    if head in _RENAMERS:
        return bool(plain) and not (head in _N_IS_DRY_RUN and has_short_option(options, "n"))
    if head == "convmv":
        return "--notest" in options
    if head == "repren":  # --renames (argparse takes --rename too) or --full; -n: dry run
        return "-n" not in options and any(a in ("--renames", "--rename", "--full")
                                           for a in options)
    if head == "exiftool":  # a tag written (-TAG=VALUE, -TAG<SOURCE); -TAG alone prints it
        return "-testname" not in (a.lower() for a in options) and any(
            a.lower().startswith(_EXIF_PATH_TAGS) and ("=" in a or "<" in a) for a in options)
    if head == "exiv2":  # its mv/rename action, or -r FORMAT, the rename action's format
        return plain[:1] in (["mv"], ["rename"]) or any(a.startswith("-r") for a in options)
    if head == "jhead":  # -n[FORMAT] renames by date; -norot only clears a flag
        return any(a.startswith("-n") and a != "-norot" for a in options)
    if head == "clamscan":
        return any(a.startswith("--move") for a in options)
    verb = _NESTED_MOVES.get((head, seg.subcommand))
    if verb is not None:
        return plain[1:2] == [verb]
    return seg.subcommand in _MOVE_VERBS.get(head, ())
