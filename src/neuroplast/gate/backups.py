"""Calls that take a backup or a snapshot: a copy of data kept beyond the original's life.

What a backup keeps outlives what it copied: a record the user deletes, or must delete,
lives on in every backup and snapshot that holds it, for as long as they are kept (GDPR
art. 17 and the UK ICO's guidance on erasure from backup systems; NIST SP 800-88 Rev. 1
on sanitizing every copy of the media; NIST SP 800-34 3.4.2 on where backups are stored).
It also fills the store it is written to, often another machine's or a cloud's. A user's
view of this is one view whatever tool copies: someone who stops letting the agent run
``restic backup`` after a backup kept records that had to be destroyed stops it for
``borg create``, ``zfs snapshot`` and ``aws ec2 create-snapshot`` alike. So it is an act
across programs (``gate.acts``: ``* backup``). A database's export is the ``dump`` act;
this one is the copy kept. Each tool is read from its own manual; listing, checking,
restoring, pruning, dry runs, help and versions are not the act:

- backup programs: ``restic backup|copy``, ``borg create``, borgmatic (``create``, also
  its default run), ``kopia snapshot create``, duplicity's ``full|incremental|incr`` or a
  bare ``SOURCE URL``, ``duplicati-cli backup``, ``rdiff-backup backup`` or a bare
  ``SOURCE DEST``, ``bup save|split``, ``rsnapshot INTERVAL|sync``, ``btrbk
  run|snapshot|resume|archive``, ``tarsnap -c``, ``proxmox-backup-client backup``, vzdump
  (Proxmox), ``xtrabackup|mariabackup --backup``, ``gitlab-backup create``, ``ludusavi
  backup``, ``idevicebackup2 backup``, timeshift ``--create``, ``tmutil
  startbackup|localsnapshot``, ``wbadmin start backup``, ``velero backup create``;
- file systems' and volumes' snapshots: ``zfs snapshot|snap|send``, syncoid, sanoid
  ``--take-snapshots``/``--cron``, ``btrfs subvolume snapshot``, ``btrfs send``,
  ``lvcreate -s|--snapshot``, ``snapper create``;
- virtual machines' snapshots: ``virsh snapshot-create|snapshot-create-as|backup-begin``,
  ``qm snapshot``, ``VBoxManage snapshot VM take``, ``vagrant snapshot save|push``,
  ``lxc|incus snapshot`` (``create`` in incus), ``multipass snapshot``;
- clouds: ``aws ec2 create-snapshot|create-snapshots|create-image``, ``aws rds
  create-db-snapshot|create-db-cluster-snapshot``, ``aws backup start-backup-job``, ``aws
  dynamodb create-backup``, ``gcloud compute disks snapshot``, ``gcloud compute snapshots
  create``, ``gcloud sql backups create``, ``az snapshot create``, ``az backup protection
  backup-now``.

>>> from neuroplast.gate.shell import split_command
>>> [backs_up(s) for s in split_command(
...     "restic -r /srv/repo backup ~/work; restic -r /srv/repo snapshots; borg create r::a src; "
...     "borg list r; zfs snapshot tank/home@now; zfs list -t snapshot; "
...     "aws ec2 create-snapshot --volume-id v-1; aws ec2 describe-snapshots")]
[True, False, True, False, True, False, True, False]
"""

from __future__ import annotations

from neuroplast.gate.executed import global_values
from neuroplast.gate.outputs import has_short_option, leads_to, names_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["backs_up"]

_NOT_RUN = frozenset({"--help", "--version", "--dry-run", "--dryrun", "--simulate"})
_ALWAYS = frozenset({"vzdump", "syncoid"})
_SNAPSHOT = frozenset({"snapshot"})
# program -> (the words that lead to a verb, the verbs that back up), each from its manual;
# the words are the sub-command and the plain words after it
_BACKS_UP: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = {
    "restic": (((), frozenset({"backup", "copy"})),), "borg": (((), frozenset({"create"})),),
    "borgmatic": (((), frozenset({"create"})),),
    "kopia": ((("snapshot",), frozenset({"create"})),),
    "duplicity": (((), frozenset({"full", "incremental", "incr"})),),
    "duplicati-cli": (((), frozenset({"backup"})),), "rdiff-backup": (((), frozenset({"backup"})),),
    "bup": (((), frozenset({"save", "split"})),),
    "btrbk": (((), frozenset({"run", "snapshot", "resume", "archive"})),),
    "proxmox-backup-client": (((), frozenset({"backup"})),),
    "gitlab-backup": (((), frozenset({"create"})),), "ludusavi": (((), frozenset({"backup"})),),
    "idevicebackup2": (((), frozenset({"backup"})),),
    "idevicebackup": (((), frozenset({"backup"})),),
    "tmutil": (((), frozenset({"startbackup", "localsnapshot"})),),
    "wbadmin": ((("start",), frozenset({"backup"})),),
    "velero": ((("backup",), frozenset({"create"})),),
    "zfs": (((), frozenset({"snapshot", "snap", "send"})),),
    "btrfs": ((("subvolume",), _SNAPSHOT), ((), frozenset({"send"}))),
    "snapper": (((), frozenset({"create"})),),
    "virsh": (((), frozenset({"snapshot-create", "snapshot-create-as", "backup-begin"})),),
    "qm": (((), _SNAPSHOT),), "multipass": (((), _SNAPSHOT),), "lxc": (((), _SNAPSHOT),),
    "incus": (((), _SNAPSHOT), (("snapshot",), frozenset({"create"}))),
    "vagrant": ((("snapshot",), frozenset({"save", "push"})),),
    "aws": ((("ec2",), frozenset({"create-snapshot", "create-snapshots", "create-image"})),
            (("rds",), frozenset({"create-db-snapshot", "create-db-cluster-snapshot"})),
            (("backup",), frozenset({"start-backup-job"})),
            (("dynamodb",), frozenset({"create-backup"}))),
    "gcloud": ((("compute", "disks"), _SNAPSHOT), (("compute", "snapshots"), frozenset({"create"})),
               (("sql", "backups"), frozenset({"create"}))),
    "az": ((("snapshot",), frozenset({"create"})), (("backup", "protection"),
                                                   frozenset({"backup-now"}))),
}
# verbs of the tools whose bare form (no verb, two operands) backs up; these others do not
_DUPLICITY_OTHER = frozenset({"restore", "verify", "collection-status", "list-current-files",
                              "cleanup", "remove-older-than", "remove-all-but-n-full",
                              "remove-all-inc-of-but-n-full"})
_RDIFF_OTHER = frozenset({"restore", "list", "verify", "remove", "compare", "calculate", "info",
                          "test", "regress", "server"})
_RDIFF_OTHER_OPTIONS = ("-r", "--restore-as-of", "-l", "--list-increments", "--list",
                        "--compare", "--remove-older-than", "--verify", "--calculate-average")
_BORGMATIC_OTHER = frozenset({"init", "repo-create", "prune", "compact", "check", "delete",
                              "extract", "export-tar", "mount", "umount", "restore", "list",
                              "repo-list", "info", "repo-info", "break-lock", "key", "borg",
                              "config", "bootstrap", "rlist", "rinfo", "transfer",
                              "repo-delete", "spot", "rcreate"})
_RSNAPSHOT_OTHER = frozenset({"configtest", "du", "diff", "version", "version-only", "help",
                              "check-config-version", "upgrade-config-file",
                              "get-latest-snapshot"})
# the values of these tools' options that come before the verb (their manuals)
_VALUES = {"restic": frozenset({"-r", "--repo", "-p", "--password-file", "--cache-dir",
                                "--repository-file", "-o", "--option"}),
           "borg": frozenset({"--remote-path", "--rsh", "--lock-wait"}),
           "snapper": frozenset({"-c", "--config", "-r", "--root"}),
           "borgmatic": frozenset({"-c", "--config", "-v", "--verbosity"})}

_PROGRAMS = frozenset({*_ALWAYS, *_BACKS_UP, "rsnapshot", "tarsnap", "xtrabackup", "mariabackup",
                       "timeshift", "sanoid", "lvcreate", "VBoxManage", "vboxmanage"})


def backs_up(seg: Segment) -> bool:
    """Whether ``seg`` takes a backup or a snapshot (the ``backup`` act)."""
    head, words = seg.head, seg.argv[1:]
    if head not in _PROGRAMS or names_option(words, _NOT_RUN):
        return False
    if head in _ALWAYS:
        return True
    if head == "tarsnap":
        return has_short_option(words, "c")
    if head in ("xtrabackup", "mariabackup"):
        return "--backup" in words
    if head == "timeshift":
        return "--create" in words
    if head == "sanoid":
        return "--take-snapshots" in words or "--cron" in words
    if head == "lvcreate":
        return has_short_option(words, "s") or "--snapshot" in words
    plain = operands(seg.argv, _VALUES.get(head) or global_values(head))
    if head in ("VBoxManage", "vboxmanage"):  # VBoxManage snapshot VM take NAME
        return plain[:1] == ["snapshot"] and plain[2:3] == ["take"]
    if head == "rsnapshot":  # rsnapshot INTERVAL: the intervals are the user's own names
        return bool(plain) and plain[0] not in _RSNAPSHOT_OTHER and not has_short_option(
            words, "t")
    if head == "borgmatic" and not plain:
        return True  # its default run creates, prunes, compacts and checks
    if head == "duplicity" and len(plain) == 2 and plain[0] not in _DUPLICITY_OTHER:
        return "://" in plain[1]  # duplicity SOURCE TARGET_URL
    if head == "rdiff-backup" and len(plain) == 2 and plain[0] not in _RDIFF_OTHER:
        return not names_option(words, _RDIFF_OTHER_OPTIONS)
    return leads_to(plain, _BACKS_UP[head])
