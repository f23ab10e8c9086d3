"""Calls that save what they fetch from another machine: downloads, whatever the program.

A user's view of downloading (bringing code or data they have not seen onto the machine)
is one view, not one per program: a user who stops approving ``curl -o`` stops approving
``wget``, ``aria2c`` and ``pip download`` too. So every download carries the same
cross-program key (``* download`` in ``gate.support.program_keys``), as a package
manager's ``publish`` does, and a refusal of one counts against all of them.

What saves its fetch to a file, from each program's manual:

- curl(1): ``-o/--output FILE``, ``-O/--remote-name``, ``--remote-name-all`` (without them it
  writes to standard output);
- wget(1) and GNU Wget2: always, unless ``-O -`` / ``--output-document=-`` (standard output)
  or ``--spider`` (checks only); aria2c(1), axel(1), BSD fetch(1), yt-dlp: always;
- HTTPie and xh: ``-d/--download`` or ``-o/--output FILE``;
- scp(1), rsync(1), sftp: a remote source (``host:path``) copied to a local destination;
- any program's ``download`` or ``clone`` command (``pip download``, ``gh release
  download``, ``hf download``; ``git clone``, ``gh repo clone``, ``hg clone``): a clone is a
  download of a whole repository;
- a copy from remote storage to this machine and a pull of data, a model or an image
  (``gate.transfers``: ``aws s3 cp s3://b/x .``, ``rclone copy r:data .``, ``dvc pull``,
  ``ollama pull``, ``docker pull``).

A fetch from this machine (``localhost``, a local repository's path) is none.

>>> from neuroplast.gate.shell import split_command
>>> [saves_from_network(s) for s in split_command(
...     "curl -fsSLO https://x.io/a.tgz; curl https://x.io; wget -qO- https://x.io; wget x.io")]
[True, False, False, True]
>>> [saves_from_network(s) for s in split_command(
...     "rsync -a host:data/ data/; rsync -a data/ host:data/; gh release download v1")]
[True, False, True]
"""

from __future__ import annotations

from neuroplast.gate.outputs import option_values
from neuroplast.gate.paths import REMOTE_PATH
from neuroplast.gate.render import url_host
from neuroplast.gate.shell import Segment
from neuroplast.gate.transfers import directions

__all__ = ["DOWNLOAD_VERBS", "saves_from_network"]

# Sub-commands (or a command group's first operands) that fetch into local files.
DOWNLOAD_VERBS = frozenset({"download", "clone"})
_ALWAYS_SAVE = frozenset({"wget", "wget2", "aria2c", "axel", "fetch", "yt-dlp", "youtube-dl"})
_WGET_TO_STDOUT = ("-O", "--output-document")
_HTTPIE = frozenset({"http", "https", "xh", "xhs"})
_REMOTE_COPY = frozenset({"scp", "rsync", "sftp"})
_NESTED = 2  # command groups: ``gh release download``, ``gcloud storage ... download``


def _curl_saves(argv: tuple[str, ...]) -> bool:
    if option_values(argv, ("-o", "--output")):
        return True
    for a in argv[1:]:
        if a in ("--remote-name", "--remote-name-all"):
            return True
        if a.startswith("-") and not a.startswith("--") and a[1:].isalpha() and "O" in a:
            return True
    return False


def _remote_source(argv: tuple[str, ...]) -> bool:
    operands = [a for a in argv[1:] if not a.startswith("-")]
    return (len(operands) >= 2 and not REMOTE_PATH.match(operands[-1])
            and any(REMOTE_PATH.match(a) for a in operands[:-1]))


def _only_this_machine(argv: tuple[str, ...]) -> bool:
    """Whether every URL among ``argv`` names this machine (``localhost``, ``127.0.0.1``,
    ``[::1]``), or the words name a local repository (a path, ``file://``) and no URL: a
    fetch from this machine brings nothing from another one."""
    hosts = [url_host(a) for a in argv[1:] if "://" in a]
    if hosts:
        return all(h == "localhost" or h.startswith("127.") or h == "::1" for h in hosts)
    operands = [a for a in argv[2:] if not a.startswith("-")]
    return bool(operands) and operands[0].startswith(("/", "./", "../", "~", "file:"))


def saves_from_network(seg: Segment) -> bool:
    """Whether the simple command ``seg`` saves what it fetches from another machine.

    >>> from neuroplast.gate.shell import split_command
    >>> [saves_from_network(s) for s in split_command(
    ...     "curl -o a http://localhost:8000/a; git clone ../lib vendor/lib; git clone x.io:lib")]
    [False, False, True]
    """
    argv, head = seg.argv, seg.head
    if head in _REMOTE_COPY:
        return _remote_source(argv)
    if "down" in directions(seg):
        return True
    if head == "curl":
        saves = _curl_saves(argv)
    elif head in _ALWAYS_SAVE:
        saves = "-" not in option_values(argv, _WGET_TO_STDOUT) and "--spider" not in argv
    elif head in _HTTPIE:
        saves = any(a in ("-d", "--download") for a in argv[1:]) or bool(
            option_values(argv, ("-o", "--output")))
    else:
        words = [a for a in argv[1:] if not a.startswith("-")][: 1 + _NESTED]
        saves = any(w in DOWNLOAD_VERBS for w in words)
    return saves and not _only_this_machine(argv)
