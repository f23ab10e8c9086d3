"""What a call touches: the files and directories it reads or writes, the hosts it reaches.

A user's refusal is often about *what* a call touches, not the program touching it: a
user who will not let ``grep`` read ``~/.config/gh/hosts.yml`` (the GitHub CLI's token)
will not let ``head``, ``python`` or the Read tool read it either. So every path and host
a call touches, from any tool, is evidence of its own (``touch_keys``), with the same
weight as the program that touches it.

Paths come from what each tool's documentation says it reads or writes: the Read, Edit,
Write, Grep and Glob tools' path parameters; for a shell line, redirects, the operands a
program changes (``gate.inspect``: cp's destination, ``sed -i``, ``tee``...), the other
path-shaped operands and option values (read), and the absolute paths inside inline code.
Hosts come from URLs anywhere in the call, from ``[user@]host:path`` operands of ssh,
scp and rsync, from a database client's ``--host`` (``gate.acts.database_hosts``) and a
socket client's operands (``gate.acts.socket_hosts``: ``ncat HOST PORT``).

>>> t = touches(ToolCall("Bash", {"command": "grep -r token ~/.config/gh > out.txt"},
...                      cwd="/home/u/p"))
>>> t.reads, t.writes
(('~/.config/gh',), ('~/p/out.txt',))
>>> touches(ToolCall("WebFetch", {"url": "https://docs.x.io/a"})).hosts
('docs.x.io',)
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from neuroplast.gate.acts import database_hosts, socket_hosts
from neuroplast.gate.calls import MAX_FIELD_CHARS, ToolCall, clip_text
from neuroplast.gate.inspect import (
    REMOTE_PROGRAMS,
    _operand_write_targets,
    _script_write_targets,
    _target_directories,
)
from neuroplast.gate.outputs import socat_files
from neuroplast.gate.paths import FILE_URL, REMOTE_PATH, URL, path_zone, resolve_path
from neuroplast.gate.render import url_host
from neuroplast.gate.shell import Segment, split_command

__all__ = ["Touches", "location", "touch_keys", "touches"]

_MAX_PATHS = 8  # paths kept per call and direction: a glob expanded by hand is one place
_READ_TOOLS = frozenset({"Read", "NotebookRead"})
_SEARCH_TOOLS = frozenset({"Grep", "Glob", "LS"})  # their path is a directory searched
# of which these list names and read no file's content (Claude Code's tool descriptions:
# Glob matches file names, LS lists a directory; Grep reads the files it searches)
_LIST_TOOLS = frozenset({"Glob", "LS"})
_WRITE_TOOLS = frozenset({"Write", "Edit", "MultiEdit", "NotebookEdit"})
# the web's schemes, and file: (a path, touched as one); any other scheme is a protocol the
# call speaks (gopher:, dict:, ftp:, ssh:, s3:...), asked about the first time as a program is
_COMMON_SCHEMES = frozenset({"http", "https", "file"})
_CODE_PATH = re.compile(r"(?:^|[\s'\"(=,:])((?:~|/)[\w.~/-]*[\w~])")
_FILE_NAME = re.compile(r"^[\w.-]*\w\.[A-Za-z][A-Za-z0-9]{0,7}$")  # notes.md, hosts.yml
# the characters of a path as typed: no quotes, parentheses, spaces (code)
_WORD = re.compile(r"^[\w.~/@+,%=:-]+$")
_NOT_FILES = frozenset({"/dev/null", "/dev/stdout", "/dev/stderr", "/dev/stdin", "-"})


@dataclass(frozen=True)
class Touches:
    """Paths (resolved as ``resolve_path`` does, ``~`` for the home) and hosts of a call.

    >>> Touches(("~/.netrc",), (), ()).reads
    ('~/.netrc',)
    """

    reads: tuple[str, ...]
    writes: tuple[str, ...]
    hosts: tuple[str, ...]
    searched: tuple[str, ...] = ()  # directories a search tool walks (also in reads)
    schemes: tuple[str, ...] = ()  # URL schemes other than the web's and file:
    fetched: tuple[str, ...] = ()  # kinds (extensions) of the files URLs name: .tar.gz
    listed: tuple[str, ...] = ()  # directories only listed, names not contents (in searched)


def _home_form(path: str, cwd: str) -> str:
    """``/home/u/x`` as ``~/x`` when the call's project lies in ``/home/u``: one spelling
    per file, so ``cat ~/.netrc`` and ``cat /home/u/.netrc`` are the same evidence."""
    parts = cwd.split("/")
    if len(parts) > 2 and parts[1] in ("home", "Users") and parts[2]:
        home = "/".join(parts[:3])
        if path == home or path.startswith(home + "/"):
            return "~" + path[len(home):]
    if path.startswith("/root/") and cwd.startswith("/root/"):
        return "~" + path[len("/root"):]
    return path


def _resolved(path: str, cwd: str) -> str:
    return _home_form(resolve_path(path, cwd), cwd)


def _absolute(path: str, cwd: str) -> str:
    """``_home_form`` undone: ``~/x`` as ``/home/u/x`` when the project lies in ``/home/u``."""
    parts = cwd.split("/")
    if path.startswith("~") and len(parts) > 2 and parts[1] in ("home", "Users", "root"):
        return "/".join(parts[: 2 if parts[1] == "root" else 3]) + path[1:]
    return path


def _local(word: str) -> bool:
    """False for a URL or a remote path (``host:path``, ``user@host:path``): a colon
    before the first slash."""
    colon = word.find(":")
    return colon < 0 or -1 < word.find("/") < colon


def _path_shaped(word: str) -> bool:
    """Whether a shell word names a file: it has a slash, starts with ``~`` or ``.``, or
    is a file name with an extension (``notes.md``). Flags, URLs and plain words
    (``main``, ``origin``) are not."""
    if not word or word.startswith("-") or word in _NOT_FILES or not _WORD.match(word):
        return False  # a flag, a URL, code, a remote path (host:path)
    if word.startswith(".") and word not in (".", ".."):
        return True  # .env, .bashrc, ./x, ../x
    if word.startswith(("/", "~")) or "/" in word:
        return not any(c in word for c in "$`*?{}[]") or word.startswith(("/", "~"))
    return bool(_FILE_NAME.match(word))


def _segment_paths(seg: Segment, cwd: str) -> tuple[list[str], list[str]]:
    """(reads, writes) of one simple command."""
    writes = [t for op, t in seg.redirects if op.lstrip("0123456789&") in (">", ">>", ">|")]
    writes += [*_operand_write_targets(seg), *_script_write_targets(seg),
               *_target_directories(seg)]
    reads = [t for op, t in seg.redirects if op.lstrip("0123456789") == "<"]
    if seg.head == "socat":  # its addresses name files after a type (OPEN:/etc/x)
        reads += socat_files(seg.argv)[0]
    # a host named as an operand or option value is no file
    written = {*writes, *socket_hosts(seg), *database_hosts(seg)}
    for word in seg.argv[1:]:
        # --file=~/.kube/config, if=/etc/x, -f@~/.netrc: the value after "=" or "@"
        candidates = [word, *re.split(r"[=@]", word)[1:]] if not word.startswith("-") else \
            re.split(r"[=@]", word)[1:]
        # a list of paths (docker -v /src:/dst, PATH-like values): each one
        candidates = [q for c in candidates for q in
                      (c.split(":") if ":" in c and c.startswith(("/", "~")) else [c])]
        for part in candidates:
            if part not in written and _path_shaped(part):
                reads.append(part)
        if " " in word or "(" in word:  # inline code: python -c 'open("/home/u/.netrc")'
            reads += [m.group(1) for m in _CODE_PATH.finditer(word)]
        reads += [m.group(1) for m in FILE_URL.finditer(word)]
    resolve = lambda ps: [_resolved(p, cwd) for p in ps  # noqa: E731
                          if p and p not in _NOT_FILES and _local(p)]
    return resolve(reads), resolve(writes)


def _hosts(text: str, segments: list[Segment]) -> list[str]:
    hosts = [url_host(m.group(0)) for m in URL.finditer(text)]
    for seg in segments:
        hosts += database_hosts(seg) + socket_hosts(seg)
        if seg.head in REMOTE_PROGRAMS:
            for word in seg.argv[1:]:
                match = REMOTE_PATH.match(word)
                if match and not word.startswith("-"):
                    hosts.append(match.group(1).lower())
                elif seg.head in ("ssh", "mosh") and not word.startswith("-"):
                    hosts.append(word.rpartition("@")[2].lower())
                    break  # ssh's first operand is the host; the rest is its command
    return [h for h in hosts if h]


_ARCHIVE = re.compile(r"\.tar\.[a-z0-9]{1,4}$")
_EXTENSION = re.compile(r"\.[a-z][a-z0-9]{0,11}$")


def _kind(url: str) -> str:
    """The kind of file a URL names, by its extension (``.tar.gz`` whole): "" for none.

    >>> _kind("https://x.io/dl/model.SafeTensors?x=1"), _kind("https://x.io/a.tar.gz")
    ('.safetensors', '.tar.gz')
    """
    # split by hand: urlparse raises on a bracketed host that is no IP address
    path = re.split(r"[?#]", url.partition("://")[2])[0].partition("/")[2]
    name = path.rpartition("/")[2].lower()
    match = _ARCHIVE.search(name) or _EXTENSION.search(name)
    return match.group(0) if match and match.start() > 0 else ""


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))[:_MAX_PATHS]


def touches(call: ToolCall) -> Touches:
    """The paths a call reads and writes and the hosts it reaches (bounded work)."""
    cwd, tool = call.cwd, call.tool_name
    reads: list[str] = []
    writes: list[str] = []
    searched: list[str] = []
    listed: list[str] = []
    hosts: list[str] = []
    schemes: list[str] = []
    urls: list[str] = []
    if call.command:
        command = clip_text(call.command, MAX_FIELD_CHARS * 4)
        segments = split_command(command)
        for seg in segments:
            r, w = _segment_paths(seg, cwd)
            reads += r
            writes += w
        hosts += _hosts(command, segments)
        found = list(URL.finditer(command))
        schemes += [m.group(1).lower() for m in found]
        urls += [m.group(0) for m in found]
    path = call.file_path
    if path:
        if tool in _WRITE_TOOLS:
            writes.append(_resolved(path, cwd))
        elif tool in _SEARCH_TOOLS:
            searched.append(_resolved(path, cwd))
            if tool in _LIST_TOOLS:
                listed.append(searched[-1])
        elif tool in _READ_TOOLS or not call.command:
            reads.append(_resolved(path, cwd))
    if call.url:
        urls.append(call.url)
        hosts.append(url_host(call.url))
        schemes.append(call.url.partition(":")[0].lower())
        reads += [_resolved(m.group(1), cwd) for m in FILE_URL.finditer(call.url)]
    written = set(writes)
    return Touches(_unique([p for p in [*reads, *searched] if p not in written]),
                   _unique(writes), _unique(hosts), _unique(searched),
                   _unique([s for s in schemes if s not in _COMMON_SCHEMES]),
                   _unique([k for k in map(_kind, urls) if k]), _unique(listed))


def location(path: str, cwd: str, *, directory: bool = False) -> str:
    """The place a path outside the project belongs to, at the grain a user approves:
    its directory (the path itself for a directory searched), or the scratch root
    (``/tmp``) for temporary files. "" for a path in the project.

    >>> location("~/.config/gh/hosts.yml", "/home/u/p"), location("/tmp/x/y.log", "/home/u/p")
    ('~/.config/gh', '/tmp')
    >>> location("/home/u/p/src/a.py", "/home/u/p")
    ''
    """
    zone = path_zone(_absolute(path, cwd), cwd)
    if zone == "project":
        return ""
    if zone == "temp":
        return "/tmp"
    return path if directory else (posixpath.dirname(path) or "/")


def touch_keys(call: ToolCall) -> tuple[str, ...]:
    """Evidence keys for what the call touches: ``file:PATH`` for each path (any access)
    and ``changes:PATH`` for each path it writes (reading a file and changing it are two
    acts: a user who lets the agent read ``/etc/passwd`` has said nothing about writing it,
    so an approved read answers ``file:`` alone and leaves a refused write standing),
    ``reads:DIR`` / ``writes:DIR`` for each place outside the project it reads or writes
    (``location``), ``lists:DIR`` for one it only lists (Glob, LS: a user who lets the
    agent see the names in ``~/keys`` has not let it read what the files hold, while one
    who let it read them has let it see their names, ``gate.support``), ``copies:DIR``
    when it brings what it reads there into the project (reading a log is not copying it
    into the code), ``host:NAME`` for each host,
    ``speaks:SCHEME`` for each protocol other than the web's (``gopher://``, ``ftp://``).
    The place and protocol keys are ones the user must have approved once before a call
    touching them is auto-allowed.

    Two keys carry a refusal beyond the one file or host, and need no approval first:
    ``writes-in:FOLDER`` for each of the project's top-level folders the call writes into
    (a project's layout gives its top folders the same role in every project: ``data``,
    ``src``, ``.github``; a user who will not let the agent write into ``data/`` of one
    project will not in the next), and ``fetches:KIND`` for the kind of each file a URL
    names (its extension: a user who stops the agent from downloading ``.tar.gz`` archives
    stops it whatever the host).

    >>> touch_keys(ToolCall("Read", {"file_path": "/etc/hosts"}, cwd="/home/u/p"))
    ('reads:/etc', 'file:/etc/hosts')
    >>> touch_keys(ToolCall("Glob", {"pattern": "*.pem", "path": "/etc/ssl"}, cwd="/home/u/p"))
    ('lists:/etc/ssl', 'file:/etc/ssl')
    >>> touch_keys(ToolCall("Bash", {"command": "cp /var/log/syslog logs/"}, cwd="/home/u/p"))
    ('reads:/var/log', 'copies:/var/log', 'file:/var/log/syslog', 'file:~/p/logs', \
'changes:~/p/logs')
    >>> touch_keys(ToolCall("Bash", {"command": "curl -o a.html https://x.io/a"},
    ...                     cwd="/home/u/p"))
    ('file:~/p/a.html', 'changes:~/p/a.html', 'host:x.io')
    >>> touch_keys(ToolCall("Bash", {"command": "wget -O data/m.bin https://x.io/m.bin"},
    ...                     cwd="/home/u/p"))
    ('file:~/p/data/m.bin', 'changes:~/p/data/m.bin', 'host:x.io', 'writes-in:data', \
'fetches:.bin')
    """
    t = touches(call)
    cwd = call.cwd
    read_places = [location(p, cwd, directory=p in t.searched) for p in t.reads]
    places = [f"{'lists' if p in t.listed else 'reads'}:{place}"
              for p, place in zip(t.reads, read_places, strict=True)]
    places += [f"writes:{location(p, cwd)}" for p in t.writes]
    if any(not location(p, cwd) for p in t.writes):  # it writes into the project
        places += [f"copies:{place}" for p, place in zip(t.reads, read_places, strict=True)
                   if p not in t.listed]
    keys = [k for k in places if not k.endswith(":")]
    keys += [f"file:{p}" for p in (*t.reads, *t.writes)]
    keys += [f"changes:{p}" for p in t.writes]
    keys += [f"host:{h}" for h in t.hosts]
    keys += [f"speaks:{scheme}" for scheme in t.schemes]
    keys += [f"writes-in:{folder}" for p in t.writes if (folder := _project_folder(p, cwd))]
    keys += [f"fetches:{kind}" for kind in t.fetched]
    return tuple(dict.fromkeys(keys))


def _project_folder(path: str, cwd: str) -> str:
    """The project's top-level folder ``path`` lies in ("" outside the project or at its
    top): ``data`` for ``~/p/data/raw/x.csv`` in project ``~/p``."""
    if not cwd or location(path, cwd):
        return ""
    relative = posixpath.relpath(_absolute(path, cwd), resolve_path(cwd, "/"))
    folder, slash, _ = relative.partition("/")
    return folder if slash and folder not in ("", ".", "..") else ""


def is_place_key(key: str) -> bool:
    """Whether ``key`` is a place outside the project (``reads:``/``lists:``/``writes:``/
    ``copies:``) or a protocol (``speaks:``): one the user must have approved once."""
    return key.startswith(("reads:", "lists:", "writes:", "copies:", "speaks:"))


def is_touch_key(key: str) -> bool:
    """Whether ``key`` is one of :func:`touch_keys`' kinds."""
    return key.startswith(("reads:", "lists:", "writes:", "copies:", "speaks:", "file:",
                           "changes:", "host:", "writes-in:", "fetches:"))
