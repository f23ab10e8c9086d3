"""Where a path points, relative to the project an agent works in.

>>> path_zone("src/a.py", "/home/u/proj"), path_zone("/etc/hosts", "/home/u/proj")
('project', 'system')
"""

from __future__ import annotations

import os.path
import posixpath
import re

__all__ = ["FILE_URL", "HTTP_CLIENTS", "REMOTE_PATH", "URL", "http_request_urls",
           "is_local_host", "path_zone", "resolve_path"]

# RFC 8089: a file URL names a local file (file:///etc/x, file://localhost/etc/x); programs
# that take URLs (curl, aws --filter file://..., git, pip) read it like a path. Group 1 is
# the path.
# a URL anywhere in a call's text: its scheme (group 1) up to a shell separator or quote
URL = re.compile(r"\b([a-zA-Z][a-zA-Z0-9+.-]*)://[^\s'\"<>|;&)]+")
FILE_URL = re.compile(r"\bfile://(?:localhost)?(/[^\s'\"<>|;&)]*)", re.IGNORECASE)
# scp(1)/rsync(1)'s remote side, ``[user@]host:path`` (a colon before any slash, no ``//``
# after it: not a URL). Group 1 is the host.
REMOTE_PATH = re.compile(r"^(?:[\w.-]+@)?([A-Za-z0-9][\w.-]*):(?!//)")
_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]", "0.0.0.0"})

_SYSTEM_DIRS = ("/etc", "/usr", "/bin", "/sbin", "/boot", "/dev", "/proc", "/sys", "/lib",
                "/lib64", "/opt", "/root", "/var", "/System", "/Library", "/private/etc")
_TEMP_DIRS = ("/tmp", "/var/tmp", "/private/tmp", "/dev/null")


# command-line HTTP clients whose operands name the URLs they request: curl(1), wget(1),
# GNU Wget2, HTTPie (http, https) and xh (xh, xhs)
HTTP_CLIENTS = frozenset({"curl", "wget", "wget2", "http", "https", "xh", "xhs"})


def http_request_urls(head: str, words: tuple[str, ...]) -> list[str]:
    """The URLs (lower case) among an HTTP client's words; none for any other program.

    >>> http_request_urls("curl", ("-X", "POST", "https://Hooks.Slack.com/x"))
    ['https://hooks.slack.com/x']
    """
    if head not in HTTP_CLIENTS:
        return []
    return [m.group(0).lower() for w in words for m in URL.finditer(w)]


def is_local_host(host: str) -> bool:
    """Whether ``host`` (``user@`` allowed) is this machine: localhost, 127.x, ::1, 0.0.0.0.

    >>> [is_local_host(h) for h in ("dev@localhost", "127.0.1.1", "web-1", "[::1]")]
    [True, True, False, True]
    """
    host = host.rpartition("@")[2].lower()
    return host in _LOCAL_HOSTS or host.startswith("127.")


def resolve_path(path: str, cwd: str) -> str:
    """Absolute, normalised form of ``path`` as seen from ``cwd`` (``~`` kept as ``~``).

    >>> resolve_path("../x/./y", "/home/u/proj"), resolve_path("~/.ssh/id", "/p")
    ('/home/u/x/y', '~/.ssh/id')
    """
    if path.startswith("~"):
        return "~" + posixpath.normpath(path[1:]) if len(path) > 1 else "~"
    if not path.startswith("/"):
        path = posixpath.join(cwd or "/", path)
    return posixpath.normpath(path)


def _is_under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def path_zone(path: str, cwd: str) -> str:
    """Where a path points: ``project`` (under cwd), ``temp``, ``home``, ``system``, ``other``.

    >>> [path_zone(p, "/home/u/proj") for p in ["src/a.py", "/tmp/x", "~/.aws/c", "/etc/hosts"]]
    ['project', 'temp', 'home', 'system']
    """
    full = resolve_path(path, cwd)
    if cwd and cwd != "/" and _is_under(full, resolve_path(cwd, "/")):
        return "project"
    if any(_is_under(full, d) for d in _TEMP_DIRS):
        return "temp"
    home = os.path.expanduser("~")
    parts = full.split("/")
    if (
        full.startswith("~")
        or (home not in ("", "/") and _is_under(full, home))
        or (len(parts) > 2 and parts[1] in ("home", "Users") and parts[2])
    ):
        return "home"
    if full == "/" or any(_is_under(full, d) for d in _SYSTEM_DIRS):
        return "system"
    return "other"
