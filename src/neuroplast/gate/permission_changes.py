"""Calls that change who may read, write or run a file: its mode, owner, group, access
control list, attributes, capabilities or security label.

A permission change is quiet and lasting: ``chmod -R`` on the wrong folder leaves keys
readable by others, so ``ssh`` refuses them, or a service user unable to read its own
data, and ``chown -R`` over a system folder can break ``sudo`` itself (CWE-732 'Incorrect
Permission Assignment for Critical Resource'; CIS Controls v8 3.3 'Configure Data Access
Control Lists'). ``gate.permissions`` already flags changes that open files to others;
this is the act itself, whatever it grants: a user who stops letting the agent change
permissions stops it for ``chmod``, ``chown``, ``setfacl``, ``icacls`` and a bucket's ACL
alike. So it is an act across programs (``gate.acts``: ``* permission``). Each tool is read
from its own manual; reading permissions and help are not the act:

- modes, owners and groups: chmod(1), chown(1), chgrp(1), ``git update-index --chmod``,
  ``hdfs dfs -chmod|-chown|-chgrp``; the shell's ``umask MODE`` (modes of every file the
  shell creates from then on; ``umask`` alone prints it);
- access control lists and attributes: setfacl(1) (not ``--test``), chattr(1),
  chflags(1), setcap(8) (file capabilities), chcon(1), and SELinux's relabelers, which
  set each file's label to its policy's: restorecon(8) and setfiles(8) (not ``-n``, 'don't
  change any file labels (passive check)'), fixfiles(8) ``restore``, ``relabel`` and
  ``onboot`` (not ``check`` or ``verify``, which only list), and restorecond(8), the daemon
  that 'sets the default SELinux file context' of the files it watches;
  Windows' icacls (``/grant``, ``/deny``, ``/remove``, ``/setowner``, ``/reset``,
  ``/inheritance``, ``/restore``, ``/setintegritylevel``), cacls, takeown;
- stored objects: ``gsutil acl ch|set`` and ``defacl ch|set``, ``aws s3api
  put-object-acl|put-bucket-acl|put-bucket-policy|put-public-access-block|
  delete-public-access-block|delete-bucket-policy``, ``az storage container
  set-permission``.

>>> from neuroplast.gate.shell import split_command
>>> [changes_permissions(s) for s in split_command(
...     "chmod +x run.sh; ls -l run.sh; chown -R www-data: /srv/site; getfacl f; "
...     "setfacl -m u:bob:r f; umask 077; umask; icacls C:\\\\data /grant bob:F; icacls f")]
[True, False, True, False, True, True, False, True, False]
"""

from __future__ import annotations

from neuroplast.gate.outputs import has_short_option
from neuroplast.gate.shell import Segment

__all__ = ["changes_permissions"]

_NO_CHANGE = frozenset({"--help", "--version"})  # (-h is chown's and chgrp's --no-dereference)
_ALWAYS = frozenset({"chmod", "chown", "chgrp", "chattr", "chflags", "setcap", "chcon",
                     "takeown", "cacls"})
_RELABELERS = frozenset({"restorecon", "setfiles"})  # each with -n, a passive check
_FIXFILES_CHANGES = frozenset({"restore", "relabel", "onboot"})
_ICACLS_CHANGES = ("/grant", "/deny", "/remove", "/setowner", "/reset", "/inheritance",
                   "/restore", "/setintegritylevel", "/substitute")
_HDFS = frozenset({"-chmod", "-chown", "-chgrp"})
_S3API = frozenset({"put-object-acl", "put-bucket-acl", "put-bucket-policy",
                    "put-public-access-block", "delete-public-access-block",
                    "delete-bucket-policy"})


def changes_permissions(seg: Segment) -> bool:
    """Whether ``seg`` changes a file's or a stored object's mode, owner, group, access
    list, attributes, capabilities or security label (the ``permission`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if any(a in _NO_CHANGE for a in words):
        return False
    plain = [a for a in words if not a.startswith("-")]
    if head in _ALWAYS or head == "umask":  # umask alone prints the mask
        return bool(plain)
    if head in _RELABELERS:
        return bool(plain) and not has_short_option(words, "n")
    if head == "restorecond":
        return True
    if head == "fixfiles":
        return bool(_FIXFILES_CHANGES.intersection(plain))  # -R PACKAGE, -C FILE before it
    if head == "setfacl":
        return bool(words) and "--test" not in words
    if head in ("icacls", "icacls.exe"):
        return any(a.lower().partition(":")[0] in _ICACLS_CHANGES for a in words)
    if head == "git":
        return plain[:1] == ["update-index"] and any(a.startswith("--chmod") for a in words)
    if head in ("hdfs", "hadoop"):
        return plain[:1] in (["dfs"], ["fs"]) and bool(_HDFS.intersection(words))
    if head == "gsutil":
        return plain[:1] in (["acl"], ["defacl"]) and plain[1:2] in (["ch"], ["set"])
    if head == "aws":
        return plain[:1] == ["s3api"] and bool(_S3API.intersection(plain[1:2]))
    if head == "az":
        return plain[:3] == ["storage", "container", "set-permission"]
    return False
