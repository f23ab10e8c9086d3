"""Calls that set a recorded time: a file's or a record's time set to another than the
moment the call acts.

A recorded time is evidence of when something happened: a file's modification time is
when an instrument's run was exported, a photo's DateTimeOriginal is when a sample was
collected, a commit's date is when the change was made, an archive's member times are its
files'. Setting one to another time makes the record say something that did not happen
(21 CFR Part 11 and the FDA's data-integrity guidance on contemporaneous records; NIST SP
800-53 AU-8 'Time Stamps' and AU-9; ATT&CK T1070.006 'Timestomp'). A user's view of this is
one view whatever tool sets the time: someone who stops letting the agent run ``touch -d``
after a backdated export slipped into a report stops it for ``exiftool -AllDates+=1``,
``git commit --date``, ``tar --mtime`` and ``faketime`` alike. So it is an act across
programs (``gate.acts``: ``* timestamp``). Stamping the current time (``touch FILE``),
copying a file with its own times kept (``cp -p``, ``rsync -a``), reading times, removing
metadata and renaming by date are not the act; the clock itself is a ``setting``. Each tool
is read from its own manual; help and versions are not the act:

- files' times: touch(1) ``-d``/``--date``, ``-t``, ``-r``/``--reference`` and the BSDs'
  ``-A``; macOS SetFile(1) ``-d``, ``-m``; ``git utimes`` (git-extras) and
  ``git restore-mtime`` (each file given its last commit's time); ``rclone touch -t``; gio(1)
  ``set`` of a ``time::`` attribute; debugfs(8) ``set_inode_field`` of a time field;
  ``pacrepairfile --mtime``; an optimizer that gives the file it rewrote its earlier time
  (``ect -keep``, ``optipng -preserve``, ``jpegoptim``, ``oxipng`` and ``reflac``
  ``-p``/``--preserve``);
- the dates media and documents carry: exiftool(1) writing a date or time tag
  (``-AllDates+=1``, ``-DateTimeOriginal=...``, ``-FileModifyDate<...``; an empty value
  deletes the tag, and a date copied into ``FileName`` or ``Directory`` only renames);
  exiv2(1)'s ``adjust`` action, ``-a``, ``-Y``, ``-O``, ``-D``, ``-t``, ``-T``, ``-M``
  setting a date key, and ``-k``/``--keep`` with an action that rewrites; jhead(1)'s
  ``-ft``, ``-dsft``, ``-ta``, ``-da``, ``-ts``, ``-ds``, ``-mkexif``; ffmpeg(1)
  ``-metadata creation_time=|date=``; mid3v2's ``--date``, ``--year`` and ID3v2's time
  frames, id3v2's ``-y``, eyeD3's date options; ``strip-nondeterminism -T``;
- commits' and archives' times: ``git commit|merge|tag|cherry-pick --date``,
  ``GIT_COMMITTER_DATE`` or ``GIT_AUTHOR_DATE`` set for a git command or in
  ``filter-branch``, ``git am|rebase --committer-date-is-author-date``; Mercurial's
  ``-d``/``--date`` on the commands that make changesets; ``dolt commit|init|tag --date``;
  ``fossil commit --date-override``, ``fossil amend --date``; ``bzr|brz commit
  --commit-time``; ``svn propset svn:date``; GNU tar ``--mtime``; ``zip -o``; 7-Zip ``-stl``;
- a program run under a time not the clock's, which it writes into what it makes:
  faketime(1) and datefudge(1), libfaketime (``FAKETIME=``, or the library preloaded);
- a script's own call, in code handed to an interpreter: Python's ``os.utime(PATH, TIMES)``
  and ``shutil.copystat``, Node's ``utimes``, Ruby's ``File.utime``, Perl's ``utime`` and
  PHP's ``touch`` with times, PowerShell's ``LastWriteTime`` and kin assigned.

``SOURCE_DATE_EPOCH`` gives a build's outputs their source's own last time, as a copy keeps
its source's times: not the act; nor is giving a commit the current time (``git rebase
--ignore-date``).

>>> from neuroplast.gate.shell import split_command
>>> [sets_timestamp(s) for s in split_command(
...     "touch -d '2026-03-03 14:10' a.csv; touch a.csv; exiftool '-AllDates+=1' photos; "
...     "exiftool -AllDates photos; git commit --date=yesterday -m x; git commit -m x; "
...     "tar --mtime=2020-01-01 -cf a.tar src; faketime '2020-01-01' make")]
[True, False, True, False, True, False, True, True]
"""

from __future__ import annotations

import re

from neuroplast.gate.outputs import (
    has_short_option,
    names_option,
    operands,
    option_values,
    script_matches,
)
from neuroplast.gate.shell import Segment

__all__ = ["sets_timestamp"]

_NOT_RUN = frozenset({"--help", "--version"})
# exiftool: a tag written (=, +=, -=, ^=) with a value, or copied from another (<), whose
# name says it holds a date or a time; FileName and Directory only rename or move
_EXIF_WRITE = re.compile(r"^-(?:[\w-]+:)?(?P<tag>[\w-]*(?:date|time)[\w-]*)"
                         r"(?:(?P<op>[+\-^]?=)(?P<value>.*)|<.+)$", re.IGNORECASE)
_EXIV2_SETS = ("-a", "-Y", "-O", "-D", "-t", "-T")
_JHEAD_SETS = frozenset({"-ft", "-dsft", "-ta", "-da", "-ts", "-ds", "-mkexif"})
_GIT_DATE_COMMANDS = frozenset({"commit", "merge", "tag", "cherry-pick"})
# git-am(1) and git-rebase(1): the committer's date set to the author's
_GIT_AUTHOR_DATES = frozenset({"--committer-date-is-author-date"})
# Mercurial's commands that take -d/--date as the changeset's date (hg(1))
_HG_DATE_COMMANDS = frozenset({"commit", "ci", "import", "tag", "backout", "graft", "amend",
                               "record", "sign", "qnew", "qrefresh"})
_TIME_ENVIRONMENT = ("GIT_COMMITTER_DATE=", "GIT_AUTHOR_DATE=", "FAKETIME=")
# ID3v2's time frames (id3v2.4.0-frames 4.2.5, v2.3's TYER, TDAT, TIME, TORY, TRDA)
_ID3_TIME_FRAMES = ("--date", "--year", "--TDRC", "--TDRL", "--TDOR", "--TDEN", "--TDTG",
                    "--TYER", "--TDAT", "--TIME", "--TORY", "--TRDA")
# optimizers that rewrite a file and give it back its earlier time
_KEEPS_TIME: dict[str, tuple[str, ...]] = {
    "ect": ("-keep",), "optipng": ("-preserve",), "reflac": ("-p", "--preserve"),
    "jpegoptim": ("-p", "--preserve"), "oxipng": ("-p", "--preserve"),
}
# exiv2(1)'s actions that rewrite a file (-k/--keep then gives it back its time)
_EXIV2_REWRITES = frozenset({"ad", "adjust", "rm", "delete", "in", "insert", "mo", "modify",
                             "fi", "fixiso", "fc", "fixcom"})
# debugfs(8) set_inode_field FILE FIELD VALUE on an inode's time fields (and their _extra)
_DEBUGFS_TIMES = re.compile(r"set_inode_field\s+\S+\s+(?:atime|ctime|mtime|crtime|dtime)")
_SCRIPT_TIMES = re.compile(
    r"\bos\.utime\s*\([^,)]+,|\bshutil\.copystat\b|\.(?:LastWriteTime|CreationTime|"
    r"LastAccessTime)(?:Utc)?\s*=|\b(?:l|f)?utimes(?:Sync)?\s*\(|File\.utime\b"
    r"|FileUtils\.touch\b.*mtime|\butime\s*\(\s*\$?\w+\s*,|\btouch\s*\([^,)]+,"
    r"|os\.Chtimes\b|setLastModified(?:Time)?\s*\(|SetFileTime\b")



def _exiftool_sets(words: tuple[str, ...]) -> bool:
    for word in words:
        match = _EXIF_WRITE.match(word)
        if not match or match.group("tag").lower() in ("filename", "directory"):
            continue
        if match.group("op") is None or match.group("value"):  # copied, or a value set
            return True
    return False


def sets_timestamp(seg: Segment) -> bool:
    """Whether ``seg`` sets a recorded time other than now (the ``timestamp`` act)."""
    if any(w.startswith(_TIME_ENVIRONMENT) or (w.startswith("LD_PRELOAD=") and "faketime" in w)
           for w in seg.prefix):
        return True
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if head in ("faketime", "datefudge"):  # the command it runs may ask for its --version
        return bool(words) and words[0] not in _NOT_RUN
    if names_option(words, _NOT_RUN):
        return False
    plain = [a for a in words if not a.startswith("-")]
    if head == "touch":
        return has_short_option(words, "dtrA") or names_option(words, ("--date",
                                                                       "--reference"))
    if head in ("SetFile", "setfile"):
        return has_short_option(words, "dm")
    if head == "exiftool":
        return _exiftool_sets(words)
    if head == "exiv2":
        action = plain[:1]
        if names_option(words, ("-k", "--keep")) and (
                bool(_EXIV2_REWRITES.intersection(action))
                or names_option(words, ("-d", "-M", "-m", "-c"))):
            return True  # a rewritten file given back its earlier time
        return action in (["ad"], ["adjust"]) or names_option(words, _EXIV2_SETS) or any(
            "date" in m.lower() and m.lower().startswith(("set ", "add "))
            for m in option_values(argv, ("-M",)))
    if head == "jhead":
        return names_option(words, _JHEAD_SETS) or any(
            w.startswith(("-ta", "-da", "-ts", "-ds")) for w in words)
    if head in ("ffmpeg", "ffmpeg.exe"):
        return any(w.lower().startswith(("creation_time=", "date=")) for w in words)
    if head in ("eyeD3", "eyed3"):
        return any(w.startswith(("--recording-date", "--release-date", "--orig-release-date",
                                 "--encoding-date", "--tagging-date")) or w == "-Y"
                   for w in words)
    if head == "id3v2":
        return names_option(words, ("-y", "--year"))
    if head == "mid3v2":
        return names_option(words, ("-y", *_ID3_TIME_FRAMES))
    if head in _KEEPS_TIME:
        return names_option(words, _KEEPS_TIME[head])
    if head == "strip-nondeterminism":  # -T/--timestamp: every member given that time
        return names_option(words, ("-T", "--timestamp"))
    if head == "rclone":
        return plain[:1] == ["touch"] and names_option(words, ("-t", "--timestamp"))
    if head == "gio":
        return plain[:1] == ["set"] and any(w.startswith("time::") for w in plain)
    if head == "debugfs":
        return any(_DEBUGFS_TIMES.search(w) for w in words)
    if head == "dolt":
        return plain[:1] != [] and plain[0] in ("commit", "init", "tag", "merge") and (
            names_option(words, ("--date",)))
    if head == "fossil":
        return (plain[:1] == ["commit"] and names_option(words, ("--date-override",))) or (
            plain[:1] == ["amend"] and names_option(words, ("--date",)))
    if head in ("bzr", "brz"):
        return plain[:1] == ["commit"] and names_option(words, ("--commit-time",))
    if head == "svn":
        return plain[:1] != [] and plain[0] in ("propset", "pset", "ps", "propedit", "pedit",
                                                 "pe") and "svn:date" in plain
    if head == "hg":
        return plain[:1] != [] and plain[0] in _HG_DATE_COMMANDS and (
            has_short_option(words, "d") or names_option(words, ("--date",)))
    if head == "pacrepairfile":
        return names_option(words, ("--mtime",))
    if head == "tar":
        return any(w.startswith("--mtime") for w in words)
    if head == "zip":  # zip(1) -o/--latest-time: the archive given its newest entry's time
        return has_short_option(words, "o") or "--latest-time" in words
    if head in ("7z", "7za", "7zz"):
        return "-stl" in words
    if head == "git":
        given = operands(argv, frozenset({"-C", "-c"}))
        if given[:1] in (["utimes"], ["restore-mtime"]):
            return True  # git-extras' and git-tools': files given their commits' times
        if given[:1] and given[0] in _GIT_DATE_COMMANDS:
            return names_option(words, ("--date",))
        if given[:1] == ["filter-branch"]:
            return any("_DATE" in w for w in words)
        return given[:1] in (["rebase"], ["am"]) and names_option(words, _GIT_AUTHOR_DATES)
    if script_matches(seg, _SCRIPT_TIMES):
        return True
    return head == "Set-ItemProperty" and any(
        w.endswith(("WriteTime", "CreationTime", "AccessTime")) for w in words)
