"""Permission changes that open files to other users, read as chmod(1) and setfacl(1) say.

A file others may write can be changed under its owner (a script, a config that later
runs with the owner's rights): CWE-732, 'Incorrect Permission Assignment for Critical
Resource', and the world-writable files every audit lists (``find / -perm -o+w``). So any
grant of write to others opens a file. Group write is left alone inside the project,
where user-private groups (one group per user) make ``chmod 775`` an everyday habit;
outside it, under a home directory or on a credential store, any access granted to group
or others opens the file (ssh(1): keys 'should not be accessible by others').

Grants to everyone open what they name wherever it is: the X display opened to other
hosts, which may then read its keystrokes and screen (xhost(1): '+' turns access control
off, '+name' lets that host's every user connect), and stored objects made public (Amazon
S3's canned ACLs ``public-read``, ``public-read-write`` and ``authenticated-read``; Cloud
Storage's ``allUsers`` and ``allAuthenticatedUsers`` members; Azure Storage's
``--public-access blob|container``; a pre-signed URL or shared access signature, which
lets whoever holds the link read the object): CWE-732 again, with the internet as the
other user.

>>> from neuroplast.gate.shell import split_command
>>> line = "chmod o+w a.txt; chmod 644 a.txt; chmod -R 777 build; setfacl -m o::rw x; umask 000"
>>> [opens_permissions(s, "/home/u/proj") for s in split_command(line)]
[True, False, True, True, True]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from neuroplast.gate.credentials import credential_kind
from neuroplast.gate.outputs import starts_with
from neuroplast.gate.paths import path_zone, resolve_path
from neuroplast.gate.shell import Segment

__all__ = ["Grant", "mode_grant", "opens_permissions"]

# chmod(1), 'SYMBOLIC MODES': [ugoa...][[-+=][perms...]...], comma-separated; perms are
# zero or more of rwxXst, or one of ugo (copy that class's bits). 'NUMERIC MODE': up to
# four octal digits, omitted digits taken as leading zeros.
_CLAUSE_TEXT = r"[ugoa]*(?:[-+=](?:[ugo]|[rwxXst]*))+"
_SYMBOLIC = re.compile(rf"{_CLAUSE_TEXT}(?:,{_CLAUSE_TEXT})*")
_CLAUSE = re.compile(r"([ugoa]*)((?:[-+=](?:[ugo]|[rwxXst]*))+)")  # one clause, in groups
_ACTION = re.compile(r"([-+=])([ugo]|[rwxXst]*)")
_OCTAL = re.compile(r"[0-7]{1,4}")
# Programs that take a mode for the files they create: install(1), mkdir(1), mkfifo(1),
# mknod(1), each '-m, --mode=MODE ... as in chmod'.
_MODE_OPTIONS = {"install": ("-m", "--mode"), "mkdir": ("-m", "--mode"),
                 "mkfifo": ("-m", "--mode"), "mknod": ("-m", "--mode")}
_CHMOD_VALUE_OPTIONS = frozenset({"--reference"})


@dataclass(frozen=True)
class Grant:
    """What a mode gives beyond the owner: write to others, write to the group, any access.

    >>> mode_grant("go+rwx")
    Grant(others_write=True, group_write=True, any_access=True)
    """

    others_write: bool = False
    group_write: bool = False
    any_access: bool = False


def mode_grant(mode: str) -> Grant | None:
    """What ``mode`` (as chmod takes it) grants to group and others; None if not a mode.

    A clause with no class letter (``+w``, ``=rx``) is left out: chmod(1) applies it to all
    'but bits that are set in the umask are not affected', and the usual umask (022)
    keeps write to the owner. ``-`` removes, so grants nothing.

    >>> [mode_grant(m).others_write for m in ("o+w", "a+w", "777", "666", "7", "u+w", "+w")]
    [True, True, True, True, True, False, False]
    >>> mode_grant("755"), mode_grant("README.md")
    (Grant(others_write=False, group_write=False, any_access=True), None)
    """
    if _OCTAL.fullmatch(mode):
        digits = mode.rjust(4, "0")
        group, other = int(digits[2]), int(digits[3])
        return Grant(bool(other & 2), bool(group & 2), bool(group or other))
    if not _SYMBOLIC.fullmatch(mode):
        return None
    others_write = group_write = any_access = False
    for who, actions in _CLAUSE.findall(mode):
        classes = set("go") if "a" in who else set(who) & set("go")
        for op, perms in _ACTION.findall(actions):
            if op == "-" or not classes or not perms:
                continue
            # copying the owner's or the group's bits (o=u) may copy write
            writes = "w" in perms or perms in ("u", "g")
            any_access = True
            others_write |= writes and "o" in classes
            group_write |= writes and "g" in classes
    return Grant(others_write, group_write, any_access)


def _umask_opens(mask: str) -> bool:
    """``umask 000``, ``umask 0``, ``umask o=rwx``: files made later are writable by others
    (bash(1) umask builtin; a mask bit set is a permission withheld)."""
    if _OCTAL.fullmatch(mask):
        return not int(mask.rjust(4, "0")[3]) & 2
    grant = mode_grant(mask)  # a symbolic umask names the permissions allowed
    return bool(grant and grant.others_write)


def _acl_grant(spec: str) -> Grant:
    """What setfacl(1) ACL entries (``u:bob:rw``, ``o::rwx``, ``d:g:staff:7``) grant to
    others than the owner: the 'other' class, or a named user or group."""
    others_write = group_write = any_access = False
    for entry in spec.split(","):
        parts = entry.split(":")
        if parts and parts[0] in ("d", "default"):
            parts = parts[1:]
        if len(parts) < 2:
            continue
        kind, qualifier, perms = parts[0], parts[1] if len(parts) > 2 else "", parts[-1]
        bits = int(perms) if perms.isdigit() and len(perms) == 1 else (
            (4 if "r" in perms else 0) | (2 if "w" in perms else 0) | (1 if "x" in perms else 0)
        )
        other = kind in ("o", "other")
        named = kind in ("u", "user", "g", "group") and qualifier
        if bits and (other or named):
            any_access = True
            others_write |= bool(bits & 2)
            group_write |= bool(bits & 2) and kind in ("g", "group")
    return Grant(others_write, group_write, any_access)


def _private(path: str, cwd: str) -> bool:
    """A file any access to which is an opening: under a home outside the project, or a
    credential store anywhere."""
    return path_zone(path, cwd) == "home" or credential_kind(resolve_path(path, cwd)) is not None


def _opens(grant: Grant | None, targets: list[str], cwd: str) -> bool:
    if grant is None:
        return False
    return grant.others_write or (grant.any_access and any(_private(t, cwd) for t in targets))


# Amazon S3 User Guide, 'Canned ACL': the ACLs that grant the AllUsers or
# AuthenticatedUsers group (any AWS account) access; Cloud Storage docs, 'IAM principals':
# allUsers and allAuthenticatedUsers, and its predefined ACLs (gsutil -a public-read,
# gcloud storage --predefined-acl/--canned-acl publicRead); az storage container
# create/set-permission --public-access (blob, container; 'off' keeps it private); s3cmd(1)
# -P, --acl-public.
_PUBLIC_ACLS = frozenset({"public-read", "public-read-write", "authenticated-read"})
_PUBLIC_MEMBER = re.compile(r"(?i)(?:^|[\s:=,])all(?:authenticated)?users(?:$|[\s:=,])")
_PUBLIC_ACCESS = frozenset({"blob", "container"})


# commands that make a link or token letting whoever holds it read (or write) stored data,
# with no credentials of their own: the AWS CLI's ``s3 presign`` ('anyone who receives the
# pre-signed URL can retrieve the S3 object'), ``gsutil signurl`` and ``gcloud storage
# sign-url`` (Cloud Storage: 'anyone who is in possession of the signed URL'), Azure's
# ``generate-sas`` (a shared access signature), rclone's ``link`` ('Generate public link
# to file/folder') and MinIO's ``mc share``
_SHARE_LINKS: dict[str, tuple[tuple[str, ...], ...]] = {
    "aws": (("s3", "presign"),),
    "gsutil": (("signurl",),),
    "gcloud": (("storage", "sign-url"),),
    "az": (("storage", "blob", "generate-sas"), ("storage", "container", "generate-sas"),
           ("storage", "account", "generate-sas"), ("storage", "share", "generate-sas"),
           ("storage", "file", "generate-sas"), ("storage", "fs", "generate-sas")),
    "rclone": (("link",),),
    "mc": (("share", "download"), ("share", "upload")),
}


def _grants_everyone(seg: Segment) -> bool:
    """Whether ``seg`` opens something to every host or everyone on the internet.

    >>> from neuroplast.gate.shell import split_command
    >>> line = ("xhost +; xhost -; aws s3 cp f s3://b --acl public-read; "
    ...         "gsutil iam ch allUsers:objectViewer gs://b; aws s3 cp f s3://b --acl private")
    >>> [_grants_everyone(s) for s in split_command(line)]
    [True, False, True, True, False]
    """
    argv, head = seg.argv, seg.head
    if head == "xhost":
        return any(a.startswith("+") for a in argv[1:])
    plain = [a for a in argv[1:] if not a.startswith("-")]
    if starts_with(plain, _SHARE_LINKS.get(head, ())):
        return "help" not in plain and "--help" not in argv
    values = {v for name, v in _option_pairs(argv)
              if name in ("--acl", "--canned-acl", "-a", "--predefined-acl", "--public-access")}
    if head == "aws" and values & _PUBLIC_ACLS:
        return True
    if head == "s3cmd" and ("-P" in argv or "--acl-public" in argv):  # s3cmd(1)
        return True
    if head in ("gsutil", "gcloud"):
        return any(_PUBLIC_MEMBER.search(a) for a in argv[1:]) or bool(
            values & {"publicRead", "publicReadWrite", "authenticatedRead", "public-read"})
    return head == "az" and bool(values & _PUBLIC_ACCESS)


def _option_pairs(argv: tuple[str, ...]) -> list[tuple[str, str]]:
    """``(option, value)`` for ``--opt=value`` and ``--opt value`` (``-o value``) words."""
    pairs = []
    for i, a in enumerate(argv[1:], 1):
        name, eq, value = a.partition("=")
        if eq and name.startswith("-"):
            pairs.append((name, value))
        elif a.startswith("-") and i + 1 < len(argv):
            pairs.append((a, argv[i + 1]))
    return pairs


def opens_permissions(seg: Segment, cwd: str) -> bool:
    """Whether ``seg`` opens files to other users (chmod, setfacl, umask, ``mkdir -m``...).

    >>> from neuroplast.gate.shell import split_command
    >>> line = "chmod +x run.sh; chmod u+w a; chmod 755 ~/.ssh; setfacl -m u:bob:r ~/notes"
    >>> [opens_permissions(s, "/home/u/proj") for s in split_command(line)]
    [False, False, True, True]
    """
    argv, head = seg.argv, seg.head
    if _grants_everyone(seg):
        return True
    if head == "chmod":
        words = [a for a in argv[1:]
                 if a != "--" and a.split("=", 1)[0] not in _CHMOD_VALUE_OPTIONS]
        for i, a in enumerate(words):
            grant = mode_grant(a)
            if grant is not None:  # the first word that is a mode (-w is one; -R is not)
                return _opens(grant, [t for t in words[i + 1:] if not t.startswith("-")], cwd)
        return False
    if head == "umask":
        return any(_umask_opens(a) for a in argv[1:] if not a.startswith("-"))
    if head == "setfacl":
        specs = [argv[i + 1] for i, a in enumerate(argv[:-1])
                 if a in ("-m", "--modify", "--set")]
        specs += [a.split("=", 1)[1] for a in argv if a.startswith(("--modify=", "--set="))]
        targets = [a for a in argv[1:] if not a.startswith("-") and a not in specs]
        return any(_opens(_acl_grant(s), targets, cwd) for s in specs)
    options = _MODE_OPTIONS.get(head)
    if not options:
        return False
    modes, targets, skip = [], [], False
    for i, a in enumerate(argv[1:], 1):
        if skip:
            skip = False
        elif a in options and i + 1 < len(argv):
            modes.append(argv[i + 1])
            skip = True
        elif a.startswith("--mode="):
            modes.append(a.split("=", 1)[1])
        elif a.startswith("-m") and len(a) > 2:
            modes.append(a[2:])
        elif not a.startswith("-"):
            targets.append(a)
    return any(_opens(mode_grant(m), targets, cwd) for m in modes)
