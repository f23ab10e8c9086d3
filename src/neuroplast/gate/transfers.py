"""Which way a call moves data between this machine and another one: up, down, or deleted there.

A user's view of sending the project's files to another machine (a bucket, a file drop, a
web service) is one view whatever the program, and it is not their view of fetching from
there: a data scientist lets the agent pull a dataset from the team's bucket and refuses to
let it push the data anywhere (MITRE ATT&CK T1567 *Exfiltration Over Web Service*, T1537
*Transfer Data to Cloud Account*; NIST SP 800-53 AC-4). So a copy is read for its
direction, from each program's manual:

- ``up`` (local files sent to another machine): scp(1)/rsync(1) with a remote destination
  and a local source; curl(1) ``-T/--upload-file``, ``-F/--form name=@file`` or
  ``<file``, ``-d/--data/--data-binary/--data-urlencode/--json`` with ``@file`` (``@-``:
  standard input, what the pipeline feeds it); wget(1) ``--post-file`` and ``--body-file``;
  HTTPie/xh request items ``field@file`` and ``field=@file``; bucket and remote-storage
  copies with a local source and a remote destination (``aws s3 cp|mv|sync``, ``gsutil
  cp|mv|rsync``, ``gcloud storage cp|mv|rsync``, ``s3cmd put|sync``, ``rclone
  copy|sync|move...``, ``azcopy copy|sync``, ``b2 sync``); any program's ``upload``
  command (``az storage blob upload``, ``gh release upload``, ``hf upload``, ``b2
  upload-file``); ``gh gist create`` (a gist of local files); croc(1) and magic-wormhole's
  ``send``; ``aws s3api put-object|upload-part --body FILE``; Taildrop's ``tailscale file
  cp``; a file attached to a mail or a chat message (mailx(1) and mutt(1) ``-a``, GNU
  mail(1) ``-A``/``--attach``, swaks ``--attach``, ``wacli send file``);
- ``down`` (another machine's files saved here): the same copies the other way, ``s3cmd
  get``, and pulls of data, models and images from a registry (``dvc pull|fetch|get|import``,
  ``git lfs pull|fetch``, ``ollama pull``, ``docker|podman pull``);
- ``remote-delete`` (data deleted on another machine): ``aws s3 rm|rb``, ``gsutil rm|rb``,
  ``s3cmd del|rm|rb``, ``rclone delete|deletefile|purge|rmdir|rmdirs|cleanup``, ``azcopy
  remove``, ``b2 rm|delete-file-version|delete-bucket``, ``az storage blob|file|fs|container
  ... delete``; a move
  whose source is remote (it is deleted there); a sync into remote storage that deletes what
  the source lacks (``rclone sync``, ``--delete``, ``gsutil rsync -d``, ``s3cmd sync
  --delete-removed``, ``azcopy sync --delete-destination=true``); objects deleted by ``aws
  s3api delete-object|delete-objects``, images deleted from a
  registry (``crane delete``, ``skopeo delete``, ``regctl image|manifest|tag delete``,
  ``oras manifest delete``, ``aws ecr batch-delete-image``), a release or its assets
  deleted from a forge (``gh release delete|delete-asset``, ``glab release delete``) and
  messages deleted from a queue (``aws sqs delete-message|delete-message-batch|purge-queue``),
  each from its tool's reference (``_DATA_DELETES``).

A remote side is a storage URL (``s3://``, ``gs://``, ``az://``, ``b2://``, Azure's
``*.core.windows.net``), an rclone remote (``name:path``) or, for scp and rsync, a
``[user@]host:path``. This machine is no other machine (``localhost``).

>>> from neuroplast.gate.shell import split_command
>>> [directions(s) for s in split_command(
...     "aws s3 cp data/x.csv s3://team/x.csv; aws s3 cp s3://team/x.csv .; "
...     "rclone sync out/ backup:runs; curl -F f=@notes.txt https://x.io; aws s3 ls s3://t")]
[('up',), ('down',), ('up', 'remote-delete'), ('up',), ()]
"""

from __future__ import annotations

import re

from neuroplast.gate.executed import global_values
from neuroplast.gate.outputs import operands, option_values, starts_with
from neuroplast.gate.paths import REMOTE_PATH, is_local_host
from neuroplast.gate.shell import Segment

__all__ = ["DIRECTIONS", "directions", "is_remote_side", "local_destination"]

DIRECTIONS = ("up", "down", "remote-delete")

_STORAGE_URL = re.compile(r"^(?:s3|s3a|gs|az|abfss?|wasbs?|b2|r2|oss|cos|hf)://"
                          r"|^https://[\w.-]+\.core\.windows\.net/", re.IGNORECASE)
_RCLONE_REMOTE = re.compile(r"^[\w.-]+:(?!//)")  # rclone(1): remote:path

# Copy verbs: operands are sources, then one destination. Moves delete their sources.
_COPY = {
    ("aws", "s3"): frozenset({"cp", "mv", "sync"}),
    ("gsutil", ""): frozenset({"cp", "mv", "rsync"}),
    ("gcloud", "storage"): frozenset({"cp", "mv", "rsync"}),
    ("s3cmd", ""): frozenset({"sync", "cp", "mv"}),
    ("rclone", ""): frozenset({"copy", "copyto", "sync", "move", "moveto", "bisync"}),
    ("azcopy", ""): frozenset({"copy", "cp", "sync"}),
    ("b2", ""): frozenset({"sync"}),
}
_MOVES = frozenset({"mv", "move", "moveto"})
_DELETES = {
    ("aws", "s3"): frozenset({"rm", "rb"}),
    ("gsutil", ""): frozenset({"rm", "rb"}),
    ("gcloud", "storage"): frozenset({"rm", "delete"}),
    ("s3cmd", ""): frozenset({"del", "rm", "rb", "delete"}),
    ("rclone", ""): frozenset({"delete", "deletefile", "purge", "rmdir", "rmdirs", "cleanup"}),
    ("azcopy", ""): frozenset({"remove", "rm"}),
    ("b2", ""): frozenset({"rm", "delete-file-version", "delete-bucket", "delete_file_version",
                           "delete_bucket"}),
}
# syncs that delete at the destination what the source lacks: rclone sync by definition
# ("Make source and dest identical, modifying destination only"), the others with a flag
_SYNC_DELETES = ("--delete", "--delete-removed", "--delete-after", "--delete-before",
                 "--delete-during", "--delete-excluded", "--delete-destination=true")
_PULLS = {  # (program, sub-command) -> the verbs that pull an artifact into local storage
    ("dvc", ""): frozenset({"pull", "fetch", "get", "import", "import-url", "get-url"}),
    ("git", "lfs"): frozenset({"pull", "fetch"}),
    ("ollama", ""): frozenset({"pull"}),
    ("docker", ""): frozenset({"pull"}),
    ("podman", ""): frozenset({"pull"}),
    ("nerdctl", ""): frozenset({"pull"}),
    ("s3cmd", ""): frozenset({"get"}),
    ("kaggle", "kernels"): frozenset({"output"}),  # kaggle kernels output: saves its files
}
# az storage's groups that hold files and blobs (not queues, tables or the account)
_AZ_DATA = frozenset({"blob", "file", "fs", "directory", "container", "share"})
_UPLOAD_VERBS = frozenset({"upload", "upload-file", "upload_file", "upload-batch", "put"})
_SENDERS = {"croc": "send", "wormhole": "send"}  # croc(1), magic-wormhole
# options naming a file attached to the message a mailer sends: mailx(1) and s-nail(1)
# -a, GNU mail(1) -A/--attach, mutt(1) -a, swaks --attach
_MAIL_ATTACH = ("-a", "-A", "--attach")
_ATTACH_OPTIONS = {"mail": _MAIL_ATTACH, "mailx": _MAIL_ATTACH, "s-nail": _MAIL_ATTACH,
                   "nail": _MAIL_ATTACH, "bsd-mailx": _MAIL_ATTACH, "mutt": ("-a",),
                   "neomutt": ("-a",), "swaks": ("--attach",)}
# long options of these CLIs that take no value (every other ``--name`` takes the next word)
_BOOLEAN = frozenset({
    "--recursive", "--dryrun", "--dry-run", "--quiet", "--delete", "--no-progress",
    "--only-show-errors", "--follow-symlinks", "--no-follow-symlinks", "--exact-timestamps",
    "--size-only", "--force", "--no-guess-mime-type", "--no-sign-request", "--no-verify-ssl",
    "--debug", "--interactive", "--progress", "--verbose", "--checksum", "--update",
    "--ignore-existing", "--delete-removed", "--delete-after", "--delete-before",
    "--delete-during", "--delete-excluded", "--no-check-md5", "--skip-existing",
    "--create-empty-src-dirs", "--no-traverse", "--copy-links", "--links", "--immutable",
    "--resync", "--overwrite", "--put-md5", "--check-md5", "--s3-only",
})
_NESTED = 3  # az storage blob upload, gh release upload: the verb among the first words
_CURL_DATA = ("-d", "--data", "--data-binary", "--data-ascii", "--json")
_HTTPIE = frozenset({"http", "https", "xh", "xhs"})
_HTTPIE_FILE = re.compile(r"^[\w.-]+(?:=?@|:=@)[^@\s]+$")  # field@file, field=@f, f:=@f


def is_remote_side(word: str, head: str) -> bool:
    """Whether ``word``, an operand of ``head``, names another machine's side of a copy: a
    storage URL, scp's or rsync's ``[user@]host:path`` (not this machine), an rclone
    remote.

    >>> [is_remote_side(w, h) for w, h in (("s3://b/k", "aws"), ("web-1:/etc", "rsync"),
    ...                                    ("localhost:/etc", "rsync"), ("a:b", "cp"))]
    [True, True, False, False]
    """
    if _STORAGE_URL.match(word):
        return True
    if head in ("scp", "rsync"):
        match = REMOTE_PATH.match(word)
        return (bool(match) and not is_local_host(match.group(1))) or \
            word.startswith("rsync://")
    return head == "rclone" and bool(_RCLONE_REMOTE.match(word))


def _operands(argv: tuple[str, ...], start: int) -> list[str]:
    """Plain words from ``argv[start:]``, without the values of value-taking options."""
    words, skip = [], False
    for a in argv[start:]:
        if skip:
            skip = False
            continue
        if a.startswith("--"):
            skip = "=" not in a and a not in _BOOLEAN
        elif not a.startswith("-") or a == "-":
            words.append(a)
    return words


def _verb_at(argv: tuple[str, ...], sub: str) -> tuple[str, int]:
    """The CLI's verb (after its sub-command, if any) and the index of the word after it."""
    plain = [(i, a) for i, a in enumerate(argv[1:], 1) if not a.startswith("-")]
    if sub:
        if not plain or plain[0][1] != sub:
            return "", 0
        plain = plain[1:]
    return (plain[0][1], plain[0][0] + 1) if plain else ("", 0)


def _copy_directions(seg: Segment, program: tuple[str, str]) -> list[str]:
    argv, head = seg.argv, seg.head
    verb, at = _verb_at(argv, program[1])
    found = []
    if verb in _DELETES.get(program, ()):
        return ["remote-delete"] if head in ("azcopy", "b2") or any(
            is_remote_side(w, head) for w in _operands(argv, at)) else []
    if verb in _PULLS.get(program, ()):
        return ["down"]
    if verb not in _COPY.get(program, ()):
        return []
    words = _operands(argv, at)
    if len(words) < 2:
        return []
    sources, destination = words[:-1], words[-1]
    remote_sources = [is_remote_side(w, head) for w in sources]
    if is_remote_side(destination, head):
        if not all(remote_sources):
            found.append("up")
        if (head == "rclone" and verb == "sync") or any(
                a in _SYNC_DELETES for a in argv[1:]) or (head == "gsutil" and "-d" in argv):
            found.append("remote-delete")
    elif any(remote_sources):
        found.append("down")
    if verb in _MOVES and any(remote_sources):
        found.append("remote-delete")
    return found


def _sends(seg: Segment) -> bool:
    argv, head = seg.argv, seg.head
    if head in ("scp", "rsync"):
        words = [a for a in argv[1:] if not a.startswith("-")]
        return len(words) >= 2 and is_remote_side(words[-1], head) and not all(
            is_remote_side(w, head) for w in words[:-1])
    if head == "curl":
        if option_values(argv, ("-T", "--upload-file")):
            return True
        forms = option_values(argv, ("-F", "--form"))
        data = option_values(argv, _CURL_DATA)
        encoded = option_values(argv, ("--data-urlencode",))  # also name@file
        return (any("=@" in f or "=<" in f for f in forms)
                or any(d.startswith("@") for d in data)
                or any(re.match(r"^[^=@]*@", d) for d in encoded))
    if head in ("wget", "wget2"):
        return bool(option_values(argv, ("--post-file", "--body-file")))
    if head in _HTTPIE:
        return any(_HTTPIE_FILE.match(a) for a in argv[2:])
    plain = [a for a in argv[1:] if not a.startswith("-")]
    if head in _SENDERS:  # croc --relay HOST send FILE: the verb after option values
        return _SENDERS[head] in plain[:_NESTED]
    if head == "gh" and plain[:1] == ["gist"]:
        return len(plain) > 1 and plain[1] in ("create", "new")
    if head in _ATTACH_OPTIONS:  # a file attached to a message sent
        return bool(option_values(argv, _ATTACH_OPTIONS[head]))
    if head == "aws" and plain[:1] == ["s3api"]:  # the object's data is the local --body
        return plain[1:2] in (["put-object"], ["upload-part"]) and bool(
            option_values(argv, ("--body",)))
    if head == "tailscale":  # Taildrop: tailscale file cp FILE... TARGET:
        return plain[:2] == ["file", "cp"]
    if head == "wacli":
        return plain[:2] == ["send", "file"]
    return any(w in _UPLOAD_VERBS and (w != "put" or head == "s3cmd")
               for w in plain[:_NESTED])


# (program, the leading plain words after its global options that delete data another
# machine holds), from each tool's reference
_DATA_DELETES: dict[str, tuple[tuple[str, ...], ...]] = {
    "crane": (("delete",),), "skopeo": (("delete",),),
    "regctl": (("image", "delete"), ("manifest", "delete"), ("tag", "delete"),
               ("tag", "rm")),
    "oras": (("manifest", "delete"),),
    "aws": (("s3api", "delete-object"), ("s3api", "delete-objects"),
            ("ecr", "batch-delete-image"), ("sqs", "delete-message"),
            ("sqs", "delete-message-batch"), ("sqs", "purge-queue")),
    "gh": (("release", "delete"), ("release", "delete-asset")),
    "glab": (("release", "delete"),),
}


def _storage_program(seg: Segment) -> tuple[str, str] | None:
    """The ``(program, sub-command)`` of :data:`_COPY`, :data:`_DELETES` or :data:`_PULLS`
    that ``seg`` runs (``("aws", "s3")``, ``("rclone", "")``), or None."""
    plain = [a for a in seg.argv[1:] if not a.startswith("-")]
    return next((p for p in ((seg.head, plain[0] if plain else ""), (seg.head, ""))
                 if p in _COPY or p in _DELETES or p in _PULLS), None)


def local_destination(seg: Segment) -> str:
    """Where a storage copy from another machine lands here (its last operand, when a
    source is remote and it is not), or "": the file or folder the copy writes, as cp's
    destination is (``aws s3 cp s3://b/hosts /etc/hosts`` writes ``/etc/hosts``).

    >>> from neuroplast.gate.shell import split_command
    >>> [local_destination(s) for s in split_command(
    ...     "aws s3 sync s3://b/conf /etc; gsutil cp x.txt gs://b/; rclone copy r:b out")]
    ['/etc', '', 'out']
    """
    head, argv = seg.head, seg.argv
    program = _storage_program(seg)
    if program is None:
        return ""
    verb, at = _verb_at(argv, program[1])
    words = _operands(argv, at) if verb in _COPY.get(program, ()) else []
    if len(words) < 2 or is_remote_side(words[-1], head):
        return ""
    return words[-1] if any(is_remote_side(w, head) for w in words[:-1]) else ""


def _deletes_remote_data(seg: Segment) -> bool:
    leads = _DATA_DELETES.get(seg.head)
    if not leads or any(a in ("--help", "-h") for a in seg.argv[1:]):
        return False
    words = operands(seg.argv, global_values(seg.head))
    return starts_with(words, leads)


def directions(seg: Segment) -> tuple[str, ...]:
    """The directions of :data:`DIRECTIONS` in which ``seg`` moves data, in that order."""
    head = seg.head
    plain = [a for a in seg.argv[1:] if not a.startswith("-")]
    sub = plain[0] if plain else ""
    found = set()
    if (program := _storage_program(seg)) is not None:
        found.update(_copy_directions(seg, program))
    if (head == "az" and sub == "storage" and plain[1:2] and plain[1] in _AZ_DATA
            and any(w.startswith("delete") for w in plain[:_NESTED])) or _deletes_remote_data(seg):
        found.add("remote-delete")
    if _sends(seg):
        found.add("up")
    return tuple(d for d in DIRECTIONS if d in found)
