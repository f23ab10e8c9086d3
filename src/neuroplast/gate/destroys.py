"""Calls that destroy stored data through its store's own manager: volumes, datasets,
snapshots, backups, virtual machines' disks, databases, disk signatures.

What these remove is meant to outlive any one task: a snapshot or a backup is the copy kept
for the day something else goes wrong, and a volume or a database is the data itself.
Deleting them is how an incident becomes a loss (ATT&CK T1485 'Data Destruction' and
T1490 'Inhibit System Recovery'; NIST SP 800-34 Rev. 1 3.4.2 on backups). A user's view of
this is one view whatever tool does it: someone who stops letting the agent run ``zfs
destroy`` stops it for ``lvremove``, ``borg prune`` and ``docker volume rm`` alike. So it
is an act across programs (``gate.acts``: ``* destroy``). Each tool is read from its own
manual; listings, dry runs, help and versions are not the act, nor are files deleted
(``delete``: ``rm``, ``find -delete``...) nor a cache purged (``purge``):

- file systems and volumes: ``zfs destroy``, ``zpool destroy|labelclear``, ``btrfs
  subvolume delete``, lvremove(8), vgremove(8), pvremove(8), ``wipefs -a|-o`` (wipefs(8):
  without options it only lists signatures), blkdiscard(8), shred(1), ``sgdisk
  -Z|--zap-all|-z|--zap``;
- snapshots: snapper ``delete``, ``timeshift --delete|--delete-all``, ``qm|pct
  delsnapshot``, ``virsh snapshot-delete``, ``kopia snapshot delete``, Windows' ``vssadmin
  delete shadows``;
- virtual machines and containers with their storage: ``qm|pct destroy``, ``vagrant
  destroy``, ``multipass purge`` and ``delete --purge``, ``lxc|incus delete``, ``virsh
  vol-delete|vol-wipe|pool-delete`` and ``undefine --remove-all-storage``, ``VBoxManage
  unregistervm --delete``; ``docker|podman|nerdctl volume rm|prune``, ``system prune
  --volumes``, ``compose down -v``; ``kubectl delete pvc|pv``;
- backups: ``borg prune|delete|compact``, ``restic forget|prune``, duplicity's
  ``remove-*`` commands, ``rdiff-backup --remove-older-than``, ``tmutil delete``,
  ``pgbackrest expire``, ``wal-g delete``, ``barman delete``, ``velero backup delete``,
  ``tarsnap -d`` and ``--nuke`` (tarsnap(1): 'Delete the specified archive(s)', 'Delete
  all of the archives'),
  ``wbadmin delete``;
- databases: dropdb(1), ``mysqladmin drop``, ``redis-cli flushall|flushdb``.

>>> from neuroplast.gate.shell import split_command
>>> [destroys(s) for s in split_command(
...     "zfs destroy tank/data@old; zfs list; borg prune --keep-daily 7 repo; borg list repo; "
...     "docker volume rm pgdata; docker volume ls; wipefs /dev/sdb; wipefs -a /dev/sdb")]
[True, False, True, False, True, False, False, True]
"""

from __future__ import annotations

from neuroplast.gate.executed import global_values
from neuroplast.gate.outputs import has_short_option, leads_to, operands
from neuroplast.gate.shell import Segment

__all__ = ["destroys"]

_NOT_DESTROYING = frozenset({"--help", "-h", "--version", "--dry-run", "-n"})
# options that mean something else to these tools: a host (-h), redis-cli's database
# number (-n), shred's iterations (-n), sgdisk's --hybrid and --new (-h, -n)
_OWN_MEANING = {"redis-cli": ("-h", "-n"), "mysqladmin": ("-h",), "dropdb": ("-h",),
                "sgdisk": ("-h", "-n"), "shred": ("-n",)}
# the values of global options the executed-command table does not list (snapper -c,
# restic -r, redis-cli -h) may still come before the command
_LEADING_OPTION_WORDS = 3
_ALWAYS = frozenset({"lvremove", "vgremove", "pvremove", "blkdiscard", "shred", "dropdb"})
_CONTAINERS = frozenset({"docker", "podman", "nerdctl"})
# tool -> (the commands, as the first plain words, that lead to the verb, the verbs)
_COMMANDS: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = {
    "zfs": (((), frozenset({"destroy"})),),
    "zpool": (((), frozenset({"destroy", "labelclear"})),),
    "btrfs": ((("subvolume",), frozenset({"delete"})), (("subvol",), frozenset({"delete"}))),
    "snapper": (((), frozenset({"delete", "remove", "rm"})),),
    "qm": (((), frozenset({"destroy", "delsnapshot"})),),
    "pct": (((), frozenset({"destroy", "delsnapshot"})),),
    "virsh": (((), frozenset({"snapshot-delete", "vol-delete", "vol-wipe", "pool-delete"})),),
    "vagrant": (((), frozenset({"destroy"})),),
    "multipass": (((), frozenset({"purge"})),),
    "lxc": (((), frozenset({"delete"})),), "incus": (((), frozenset({"delete"})),),
    "kopia": ((("snapshot",), frozenset({"delete"})), (("snap",), frozenset({"delete"}))),
    "borg": (((), frozenset({"prune", "delete", "compact"})),),
    "restic": (((), frozenset({"forget", "prune"})),),
    "duplicity": (((), frozenset({"remove-older-than", "remove-all-but-n-full",
                                  "remove-all-inc-of-but-n-full"})),),
    "tmutil": (((), frozenset({"delete"})),),
    "pgbackrest": (((), frozenset({"expire"})),),
    "wal-g": (((), frozenset({"delete"})),), "barman": (((), frozenset({"delete"})),),
    "velero": ((("backup",), frozenset({"delete"})),),
    "vssadmin": (((), frozenset({"delete"})),), "wbadmin": (((), frozenset({"delete"})),),
    "mysqladmin": (((), frozenset({"drop"})),),
    "redis-cli": (((), frozenset({"flushall", "flushdb"})),),
    **{c: ((("volume",), frozenset({"rm", "remove", "prune"})),) for c in _CONTAINERS},
}
_PVC = frozenset({"pvc", "pv", "persistentvolumeclaim", "persistentvolumeclaims",
                  "persistentvolume", "persistentvolumes"})

# the programs this act reads; any other is answered at once
_PROGRAMS = frozenset({*_ALWAYS, *_COMMANDS, "wipefs", "sgdisk", "timeshift", "rdiff-backup",
                       "tarsnap", "VBoxManage", "kubectl", "docker-compose"})


def destroys(seg: Segment) -> bool:
    """Whether ``seg`` destroys stored data through its store's manager (the ``destroy``
    act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if head not in _PROGRAMS:
        return False
    before_verb = global_values(head)  # kubectl -n: namespace
    options = {a.partition("=")[0] for a in words if a.startswith("-")}
    options.difference_update(_OWN_MEANING.get(head, ()), before_verb)
    if options & _NOT_DESTROYING:
        return False
    if head in _ALWAYS:
        return bool(words)
    plain = operands(argv, before_verb)
    if head == "wipefs":
        return "--all" in options or "--offset" in options or has_short_option(words, "ao")
    if head == "sgdisk":
        return bool({"--zap-all", "--zap"} & options) or has_short_option(words, "Zz")
    if head == "timeshift":
        return bool({"--delete", "--delete-all"} & options)
    if head == "tarsnap":  # its modes are tar's letters: -d deletes archives
        return "--nuke" in options or has_short_option(words, "d")
    if head == "rdiff-backup":
        return "--remove-older-than" in options or plain[:2] == ["remove", "increments"]
    if head == "VBoxManage":
        return plain[:1] in (["unregistervm"], ["closemedium"]) and "--delete" in options
    if head == "kubectl":
        return plain[:1] == ["delete"] and any(a.split("/", 1)[0] in _PVC for a in plain[1:2])
    if head == "virsh" and plain[:1] == ["undefine"]:
        return bool({"--remove-all-storage", "--storage", "--wipe-storage"} & options)
    if head == "multipass" and plain[:1] == ["delete"]:
        return "--purge" in options or has_short_option(words, "p")
    if head == "docker-compose":
        plain = ["compose", *plain]
    if head in _CONTAINERS or head == "docker-compose":
        if plain[:1] == ["system"] and "--volumes" in options:
            return plain[1:2] == ["prune"]
        if plain[:2] == ["compose", "down"] or plain[:1] == ["rm"]:
            return "--volumes" in options or has_short_option(words, "v")
    commands = _COMMANDS.get(head, ())
    return any(leads_to(plain[i:], commands) for i in range(_LEADING_OPTION_WORDS))
