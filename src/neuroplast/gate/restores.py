"""Calls that restore or bulk-load data: a database, cluster store, volume, machine or set
of files put back from a dump, backup or snapshot, or loaded in bulk from an export.

A restore writes over what is there now with what was there then: every change since the
backup is lost, an import adds rows no application checked, and a wrong target (prod for
staging) is the classic outage (NIST SP 800-34 Rev. 1 'Contingency Planning Guide' 3.4.2
on restoring, and its test-before-restore advice; PostgreSQL's pg_restore(1) '--clean:
drop database objects before recreating them'; ATT&CK T1485 'Data Destruction' and T1565
'Data Manipulation'). It is the other half of a dump (``gate.dumps``). A user's view of
this is one view whatever tool restores: someone who stops letting the agent run
``pg_restore`` stops it for ``mongorestore``, ``restic restore`` and ``zfs rollback``
alike. So it is an act across programs (``gate.acts``: ``* restore``). Each tool is read
from its own reference; listing a backup's contents, checking, dry runs, help and
versions are not the act:

- databases: pg_restore(1) (not ``-l``/``--list``), mysqlimport, myloader, mongorestore,
  mongoimport, arangorestore, ``redis-cli --pipe`` (mass insertion), ``influx restore|
  write``, ``neo4j-admin [database] load|restore``, sqlite3's ``.restore`` and ``.import``,
  ``pgbackrest restore``, ``barman recover``, ``wal-g backup-fetch``, xtrabackup and
  mariabackup ``--copy-back|--move-back``, ``etcdctl snapshot restore``;
- managed databases: ``gcloud sql import`` and ``gcloud sql backups restore``, ``gcloud
  firestore|datastore import``, ``aws rds restore-db-*`` and ``aws dynamodb
  restore-table-*``, ``az sql db import|restore``, ``heroku pg:backups:restore`` and
  ``pg:push``, ``velero restore create``;
- files and machines: ``restic restore``, ``borg extract``, ``duplicity restore``,
  ``rdiff-backup --restore`` (``-r``) and ``rdiff-backup restore``, ``kopia snapshot
  restore`` and ``kopia restore``, ``duplicacy restore``, ``tmutil restore``, ``zfs
  rollback``, ``snapper undochange|rollback``, ``timeshift --restore``, ``virsh
  snapshot-revert``, ``VBoxManage snapshot VM restore|restorecurrent``, ``lvconvert
  --merge`` (a snapshot merged back), ``tarsnap -x`` (tarsnap(1): 'Extract to disk from
  the archive'), Django's ``loaddata``.

>>> from neuroplast.gate.shell import split_command
>>> [restores(s) for s in split_command(
...     "pg_restore -d app app.dump; pg_restore -l app.dump; mongorestore --drop dump/; "
...     "restic -r /srv/b snapshots; restic -r /srv/b restore latest --target /; "
...     "zfs rollback tank/home@mon; zfs list -t snapshot")]
[True, False, True, False, True, True, False]
"""

from __future__ import annotations

from neuroplast.gate.executed import runner_command
from neuroplast.gate.outputs import has_short_option, leads_to, names_option
from neuroplast.gate.shell import Segment

__all__ = ["restores"]

_NO_RESTORE = frozenset({"--help", "-h", "--version", "--dry-run", "--list", "--check"})
# tools that restore whenever they run with an argument
_ALWAYS = frozenset({"mysqlimport", "myloader", "mongorestore", "mongoimport",
                     "arangorestore"})
_RESTORE = frozenset({"restore"})
# tool -> (the commands, as the first plain words, that lead to the restore, the verbs
# that make it)
_COMMANDS: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = {
    "influx": (((), frozenset({"restore", "write"})),),
    "neo4j-admin": (((), frozenset({"load", "restore"})),
                    (("database",), frozenset({"load", "restore"}))),
    "pgbackrest": (((), _RESTORE),),
    "barman": (((), frozenset({"recover"})),),
    "wal-g": (((), frozenset({"backup-fetch"})),),
    "etcdctl": ((("snapshot",), _RESTORE),),
    "gcloud": ((("sql",), frozenset({"import"})), (("sql", "backups"), _RESTORE),
               (("firestore",), frozenset({"import"})),
               (("datastore",), frozenset({"import"}))),
    "az": ((("sql", "db"), frozenset({"import", "restore"})),),
    "heroku": (((), frozenset({"pg:backups:restore", "pg:push"})),),
    "velero": ((("restore",), frozenset({"create"})),),
    "restic": (((), _RESTORE),),
    "borg": (((), frozenset({"extract"})),),
    "duplicity": (((), _RESTORE),),
    "rdiff-backup": (((), _RESTORE),),
    "kopia": (((), _RESTORE), (("snapshot",), _RESTORE)),
    "duplicacy": (((), _RESTORE),),
    "tmutil": (((), _RESTORE),),
    "zfs": (((), frozenset({"rollback"})),),
    "snapper": (((), frozenset({"undochange", "rollback"})),),
    "virsh": (((), frozenset({"snapshot-revert"})),),
    "django-admin": (((), frozenset({"loaddata"})),),
}
# AWS's restore operations all begin so (rds restore-db-instance-from-db-snapshot, ...)
_AWS_RESTORE = {"rds": "restore-db-", "dynamodb": "restore-table-"}

# the programs this act reads; any other is answered at once
_PROGRAMS = frozenset({"pg_restore", "redis-cli", "sqlite3", "xtrabackup", "mariabackup",
                       "tarsnap", "timeshift", "lvconvert", "VBoxManage", "vboxmanage", "aws",
                       "manage.py", *_ALWAYS, *_COMMANDS})


def restores(seg: Segment) -> bool:
    """Whether ``seg`` restores or bulk-loads data from a dump, backup, snapshot or export
    (the ``restore`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if not (head in _PROGRAMS or head.startswith("python")) or names_option(words, _NO_RESTORE):
        return False
    if head in _ALWAYS:
        return bool(words)
    if head == "pg_restore":  # -l lists the archive's contents
        return bool(words) and not has_short_option(words, "l")
    if head == "redis-cli":
        return "--pipe" in words
    if head == "sqlite3":
        return any(a.lstrip().startswith((".restore", ".import")) for a in words)
    if head in ("xtrabackup", "mariabackup"):
        return bool({"--copy-back", "--move-back"} & set(words))
    if head == "timeshift":
        return "--restore" in words
    if head == "tarsnap":  # its modes are tar's letters: -x extracts
        return has_short_option(words, "x")
    if head == "lvconvert":
        return "--merge" in words or "--mergesnapshot" in words
    if head in ("VBoxManage", "vboxmanage"):  # VBoxManage snapshot VM restore NAME
        return words[:1] == ("snapshot",) and bool(
            {"restore", "restorecurrent"} & set(words[2:3]))
    if head == "rdiff-backup" and has_short_option(words, "r"):
        return True
    head, plain = runner_command(seg)  # ./manage.py loaddata, python manage.py loaddata
    if head == "aws":
        prefix = _AWS_RESTORE.get(plain[0]) if plain else None
        return prefix is not None and len(plain) > 1 and plain[1].startswith(prefix)
    if head == "manage.py":
        return plain[:1] == ["loaddata"]
    if head in ("restic", "borg", "kopia", "duplicacy"):
        # their repository is given by an option with a value before the command, so the
        # verb is looked for among all the words (kopia's ``snapshot restore`` too)
        return bool(_COMMANDS[head][0][1].intersection(words))
    return leads_to(plain, _COMMANDS.get(head, ()))
