"""Calls that run something as another operating-system user, root above all: a command,
shell or editor run through sudo or its kin, the cached credentials that let the next one
run renewed, a root login on another machine, a privileged container.

Another user's privileges are another user's reach: root reads every user's files, writes
the system's and its audit trail, and nothing the agent does as root is bounded by what
the user's own account may do (NIST SP 800-53 AC-6 'Least Privilege' and AC-6(2),
non-privileged access for non-security functions; CIS Controls v8 5.4 'Restrict
Administrator Privileges to Dedicated Administrator Accounts'; ATT&CK T1548 'Abuse
Elevation Control Mechanism' and T1548.003 'Sudo and Sudo Caching'). A user's view of this
is one view whatever elevates: someone who stops letting the agent run ``sudo`` after it
read another service's files as that service's user stops it for ``doas``, ``su -c``,
``pkexec``, ``run0`` and ``ssh root@host`` alike. So it is an act across programs
(``gate.acts``: ``* elevate``). Inspection flags sudo, doas, su and pkexec as a risk of
their own (``gate.inspect``); this act carries a refusal across every way to elevate.
Database roles and cloud identities are another system's accounts (``account``); a
file given to root or made setuid is ``permission``. Each tool is read from its own
manual; listing what one may run, dropping cached credentials, checking a configuration,
faked or confined root (fakeroot, ``unshare -r``, rootless containers), help and versions
are not the act:

- sudo(8) and sudoedit (a command, ``-s``/``-i``/``--login``, ``-e``; ``-v``/``--validate``
  renews the cached credentials; not ``-l``/``--list``, ``-k``/``-K`` alone, ``-V``,
  ``-h``), doas(1) (not ``-L``, ``-C``), su(1), pkexec(1), run0(1), runuser(1),
  setpriv(1) with a new uid, gid or groups (``--reuid``, ``--regid``,
  ``--init-groups``, ``--groups``, ``--clear-groups``), chroot(8)'s ``--userspec``,
  ``systemd-run`` on the system manager (a transient system service; not ``--user``, nor
  ``--scope``, which runs the command as its caller),
  ``machinectl shell|login``, and the other elevation tools: Centrify's dzdo, ksu,
  pfexec, pbrun, gosu, su-exec, chpst ``-u``, setuidgid and s6-setuidgid; on
  Windows ``runas``, gsudo and ``Start-Process -Verb RunAs``; on macOS an AppleScript
  ``do shell script ... with administrator privileges``;
- root on another machine: ssh, mosh, autossh, scp, sftp, rsync and ssh-copy-id to
  ``root@HOST`` or with ``-l root``/``-o User=root``; Ansible's ``-b``/``--become`` and
  ``--become-user``;
- privileged containers: ``docker|podman|nerdctl run|create|exec`` with
  ``--privileged``, ``--user``/``-u`` root or 0, or ``--cap-add`` ALL or SYS_ADMIN;
  ``kubectl debug node/...`` (a pod with the node's root) and ``--profile=sysadmin``;
- a script's own: ``os.setuid(0)`` and its kin, or a sudo, doas, su or pkexec it runs.

>>> from neuroplast.gate.shell import split_command
>>> [elevates(s) for s in split_command(
...     "sudo apt install jq; sudo -l; sudo -v; doas -C /etc/doas.conf; pkexec visudo; "
...     "ssh root@db uptime; ssh deploy@db uptime; docker run --privileged alpine; "
...     "docker run alpine; fakeroot dpkg-deb -b pkg")]
[True, False, True, False, True, True, False, True, False, False]
"""

from __future__ import annotations

import re

from neuroplast.gate.outputs import names_option, option_values, script_matches
from neuroplast.gate.shell import Segment

__all__ = ["elevates"]

_NOT_RUN = frozenset({"--help", "--version"})
# sudo(8)'s options that only list, drop cached credentials or print (alone)
_SUDO_NO_RUN = frozenset({"-l", "--list", "-k", "--reset-timestamp", "-K",
                          "--remove-timestamp", "-V", "-h"})
_DOAS_NO_RUN = frozenset({"-L", "-C"})
# tools that run what follows them as another user whenever they run something
_ALWAYS = frozenset({"su", "pkexec", "run0", "runuser", "dzdo", "ksu", "pfexec", "pbrun",
                     "gosu", "su-exec", "setuidgid", "s6-setuidgid", "gsudo",
                     "runas", "sudo-rs", "sudoedit"})
# setpriv(1)'s options that change who runs the command
_SETPRIV_IDENTITY = ("--reuid", "--regid", "--ruid", "--rgid", "--euid", "--egid",
                     "--init-groups", "--groups", "--clear-groups", "--keep-groups")
_SSH_LIKE = frozenset({"ssh", "mosh", "autossh", "scp", "sftp", "rsync", "ssh-copy-id"})
_ROOT_AT = re.compile(r"^(?:\w+://)?root@")
_CONTAINER_CLIS = frozenset({"docker", "podman", "nerdctl"})
_ROOT_USER = re.compile(r"^(?:root|0)(?::(?:root|0))?$")
_ALL_POWER_CAPS = frozenset({"ALL", "SYS_ADMIN", "CAP_SYS_ADMIN"})
_SCRIPT_ELEVATION = re.compile(
    r"\bos\.set(?:e|re|res)?[ug]id\s*\(\s*0"
    r"|(?:system|call|run|Popen|check_output|check_call|exec\w*|spawn\w*)\s*\(\s*\[?\s*"
    r"['\"](?:sudo|doas|su|pkexec|run0)\b")


def _wrapper_elevates(seg: Segment) -> bool:
    """sudo, doas or chroot with a user before the program (the shell reader's wrappers),
    unless sudo only lists or doas only checks or drops credentials."""
    prefix = seg.prefix
    for i, word in enumerate(prefix):
        name = word.rsplit("/", 1)[-1]
        if name not in ("sudo", "doas", "chroot"):
            continue
        options = [w for w in prefix[i + 1:] if w.startswith("-")]
        if name == "sudo" and not {"-l", "--list"}.intersection(options):
            return True
        if name == "doas" and not _DOAS_NO_RUN.intersection(options):
            return True
        if name == "chroot" and names_option(options, ("--userspec",)):
            return True
    return False


def _head_elevates(seg: Segment) -> bool:
    """A call whose program is the elevation tool itself (``sudo -i``, ``su - bob``)."""
    head, words = seg.head, seg.argv[1:]
    if head == "sudo":  # no command after it: a shell, an edit, or the credentials renewed
        return bool(words) and not set(words) <= _SUDO_NO_RUN
    if head == "doas":
        return not _DOAS_NO_RUN.intersection(words)
    if head in _ALWAYS:
        return True
    if head == "setpriv":
        return names_option(words, _SETPRIV_IDENTITY)
    if head == "chpst":
        return "-u" in words or "-U" in words
    if head == "systemd-run":  # a scope runs the command as its caller, in place
        return not names_option(words, ("--user", "--scope"))
    if head == "machinectl":
        return bool({"shell", "login"}.intersection(words))
    if head in ("Start-Process", "saps", "start"):
        return any(w.lower() == "runas" for w in option_values(seg.argv, ("-Verb",)))
    if head == "osascript":
        return any("with administrator privileges" in w for w in words)
    return False


def _remote_root(seg: Segment) -> bool:
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if head in _SSH_LIKE:
        return (any(_ROOT_AT.match(w) for w in words)
                or "root" in option_values(argv, ("-l",))
                or any(v.lower() == "user=root" for v in option_values(argv, ("-o",))))
    if head in ("ansible", "ansible-playbook"):
        return names_option(words, ("-b", "--become", "--become-user"))
    return False


def _privileged_container(seg: Segment) -> bool:
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if head in _CONTAINER_CLIS and {"run", "create", "exec"}.intersection(words[:3]):
        return (names_option(words, ("--privileged",))
                or any(_ROOT_USER.match(u) for u in option_values(argv, ("-u", "--user")))
                or any(c.upper() in _ALL_POWER_CAPS
                       for c in option_values(argv, ("--cap-add",))))
    if head in ("kubectl", "oc") and "debug" in words[:2]:
        return (any(w.startswith("node/") for w in words)
                or "sysadmin" in option_values(argv, ("--profile",)))
    return False


def elevates(seg: Segment) -> bool:
    """Whether ``seg`` runs something as another operating-system user or as root (the
    ``elevate`` act)."""
    if names_option(seg.argv[1:], _NOT_RUN):
        return False
    return (_wrapper_elevates(seg) or _head_elevates(seg) or _remote_root(seg)
            or _privileged_container(seg) or script_matches(seg, _SCRIPT_ELEVATION))
