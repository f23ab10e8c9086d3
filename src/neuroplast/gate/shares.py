"""Calls that share something with other people: a link or token that lets whoever holds it
read stored data, files or a terminal served to others by a sharing tool, or access to a
package, repository or encrypted secret granted to other people or to everyone.

What is shared leaves the user's hands: a presigned URL or a SAS token works for anyone it
is forwarded to until it expires, a shared folder or terminal is open to whoever has its
code, and a collaborator granted a package or a repository keeps what they fetched (NIST SP
800-53 AC-3 and AC-21 'Information Sharing'; OWASP's guidance on pre-signed and SAS URLs
as bearer credentials; CWE-284 on improper access control; ATT&CK T1567 'Exfiltration Over
Web Service'). A user's view of this is one view whatever tool shares: someone who stops
letting the agent run ``aws s3 presign`` after a link to a customer export was pasted into
a public ticket stops it for ``gcloud storage sign-url``, ``az storage blob generate-sas``,
``rclone link``, ``croc send`` and ``npm access grant`` alike. So it is an act across
programs (``gate.acts``: ``* share``). Sending files to another machine is ``upload``, a
port made reachable ``forward``, and a file's or bucket's permissions ``permission``; this
one is access handed to people. Each tool is read from its own manual; listing who has
access, revoking it, receiving, help and versions are not the act:

- links and tokens: ``aws s3 presign``, ``gsutil signurl``, ``gcloud storage sign-url``,
  ``az storage ... generate-sas`` (blob, container, account, file, share, queue, table),
  ``az disk|snapshot grant-access``, ``rclone link`` (not ``--unlink``), ``gh gist create
  --public``, ``vhs publish``;
- files, folders and terminals served to others: croc(1) ``send``, magic-wormhole's
  ``wormhole send``, ``airshare CODE FILE...`` (not a code alone, which receives),
  gotty, tmate (a new session is shared; not its ``display``, ``show-messages``
  or ``-V``), ``upterm host``, sshx, ``zrok share``, ``valet share``, ``expose`` (not ``expose
  token``), ``qrcp [send]`` (not ``receive``), ``kdeconnect-cli --share``, Impacket's
  ``smbserver.py``, ``net usershare add``, exportfs(8) ``-a|-r|-o`` (not ``-u``,
  ``-v`` alone), macOS ``sharing -a|-e``;
- access granted: ``npm access grant`` and ``npm access set status=public``, ``npm owner
  add``, ``pio access grant``, ``git secret tell``, ``git-crypt add-gpg-user`` (also through
  yadm), ``gh repo edit --visibility public``, ``gh repo create --public``.

>>> from neuroplast.gate.shell import split_command
>>> [shares(s) for s in split_command(
...     "aws s3 presign s3://exports/c.csv --expires-in 3600; aws s3 ls s3://exports; "
...     "croc send report.pdf; croc 7-code-word; npm access grant read-only org:ops pkg; "
...     "npm access list packages org; gh repo edit --visibility public; gh repo view")]
[True, False, True, False, True, False, True, False]
"""

from __future__ import annotations

from neuroplast.gate.executed import global_values
from neuroplast.gate.outputs import has_short_option, leads_to, names_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["shares"]

_NOT_RUN = frozenset({"--help", "-h", "--version", "-V", "--dry-run"})
_ALWAYS = frozenset({"gotty", "sshx", "smbserver.py", "impacket-smbserver"})
# program -> (the words that lead to a verb, the verbs that share), each from its manual
_SHARES: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = {
    "aws": ((("s3",), frozenset({"presign"})),),
    "gsutil": (((), frozenset({"signurl"})),),
    "gcloud": ((("storage",), frozenset({"sign-url"})),),
    "az": tuple(((kind,), frozenset({"grant-access"})) for kind in ("disk", "snapshot")),
    "vhs": (((), frozenset({"publish"})),),
    "croc": (((), frozenset({"send"})),),
    "wormhole": (((), frozenset({"send"})),),
    "upterm": (((), frozenset({"host"})),),
    "zrok": (((), frozenset({"share"})),),
    "valet": (((), frozenset({"share"})),),
    "net": ((("usershare",), frozenset({"add"})),),
    "npm": ((("access",), frozenset({"grant", "public"})), (("owner",), frozenset({"add"}))),
    "pio": ((("access",), frozenset({"grant"})),),
    "git": ((("secret",), frozenset({"tell"})), (("crypt",), frozenset({"add-gpg-user"}))),
    "git-secret": (((), frozenset({"tell"})),),
    "git-crypt": (((), frozenset({"add-gpg-user"})),),
    "yadm": ((("git-crypt",), frozenset({"add-gpg-user"})),),
}
_TMATE_LOCAL = frozenset({"display", "display-message", "show-messages", "kill-server",
                          "kill-session", "list-sessions", "ls", "wait", "-V"})
_PROGRAMS = frozenset({*_ALWAYS, *_SHARES, "rclone", "tmate", "airshare", "kdeconnect-cli",
                       "exportfs", "sharing", "gh", "expose", "qrcp"})


def shares(seg: Segment) -> bool:
    """Whether ``seg`` shares something with other people (the ``share`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if head not in _PROGRAMS or names_option(words, _NOT_RUN):
        return False
    if head in _ALWAYS:
        return True
    plain = operands(argv, global_values(head))
    if plain[-1:] == ["help"]:  # aws s3 presign help: the manual page
        return False
    if head == "expose":  # expose [share URL|serve DIR]: a bare expose shares this folder
        return not plain or plain[0] in ("share", "serve")
    if head == "qrcp":  # qrcp [send] FILE serves it; receive takes files in
        return bool(plain) and plain[0] not in ("receive", "r", "config", "version",
                                                "completion", "help")
    if head == "az":  # az storage blob|container|account|file|share|queue|table generate-sas
        return (plain[:1] == ["storage"] and "generate-sas" in plain[1:3]) or leads_to(
            plain, _SHARES["az"])
    if head == "rclone":
        return plain[:1] == ["link"] and "--unlink" not in words
    if head == "tmate":  # a bare tmate, or new-session, starts a session others join
        return not plain or plain[0] in ("new", "new-session")
    if head == "airshare":  # airshare CODE FILE... serves them; a code alone receives
        return len(plain) > 1 and "--receive" not in words and not has_short_option(words, "r")
    if head == "kdeconnect-cli":
        return names_option(words, ("--share", "--share-text"))
    if head == "exportfs":  # exportfs(8): -a, -r export; -o with a client:path adds one
        return has_short_option(words, "aro") and not has_short_option(words, "u")
    if head == "sharing":  # macOS sharing(8): -a adds a share point, -e edits one
        return has_short_option(words, "ae")
    if head == "gh":
        if plain[:2] == ["gist", "create"]:
            return "--public" in words or has_short_option(words, "p")
        if plain[:2] in (["repo", "edit"], ["repo", "create"]):
            return any(a in ("--visibility=public", "--public") for a in words) or (
                "--visibility" in words and "public" in words)
        return False
    if head == "npm" and plain[:2] == ["access", "set"]:
        return any(a in ("status=public", "access=public") for a in plain[2:])
    return leads_to(plain, _SHARES.get(head, ()))
