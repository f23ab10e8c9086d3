"""Calls that dump a data store: a database's, directory's or cluster store's contents
exported in bulk, to a file, a bucket or the screen.

A dump is every row at once, in a file that no longer has the database's access control,
audit log or retention: the bulk export is how most leaks of customers' data leave (ATT&CK
T1005 'Data from Local System', T1213 'Data from Information Repositories'; GDPR art. 5(1)(c)
and (f), data minimisation and integrity; the OWASP Top 10's A01 on exposure). A user's view
of this is one view whatever tool dumps: someone who stops letting the agent run
``pg_dump`` stops it for ``mysqldump``, ``mongoexport`` and ``gcloud sql export`` alike. So
it is an act across programs (``gate.acts``: ``* dump``). Each tool is read from its own
manual; a schema without its rows, restores, help and versions are not the act:

- database dumps: pg_dump and pg_dumpall (not ``-s``/``--schema-only``), pg_basebackup,
  mysqldump and mariadb-dump (not ``-d``/``--no-data``), mysqlpump, mydumper, mongodump,
  mongoexport, sqlite3's ``.dump``, ``.backup`` and ``.clone``, ``sqlite-utils dump``,
  ``redis-cli --rdb``, ``influx backup``, ``influxd backup``, ``neo4j-admin [database]
  dump``, ``cockroach dump``, elasticdump and multielasticdump, SQL Server's ``bcp ... out|
  queryout``, slapcat (an LDAP directory);
- cluster stores' snapshots, which hold every key and secret: ``etcdctl snapshot save``,
  ``consul snapshot save``, ``vault operator raft snapshot save``;
- managed databases exported: ``gcloud sql export``, ``gcloud firestore|datastore export``,
  ``bq extract``, ``aws dynamodb export-table-to-point-in-time``, ``aws rds
  start-export-task``, ``az sql db export``, ``heroku pg:backups:capture|download`` and
  ``pg:pull``, ``supabase db dump``, ``pscale database dump``;
- applications' own dumps: ``wp db export``, ``drush sql-dump``, Django's ``dumpdata``
  (``django-admin`` or ``manage.py``).

>>> from neuroplast.gate.shell import split_command
>>> [dumps_data(s) for s in split_command(
...     "pg_dump -Fc app > app.dump; pg_dump --schema-only app; pg_restore -d app app.dump; "
...     "mysqldump --no-data shop; mongoexport --collection=users --out=u.json; "
...     "sqlite3 app.db .dump; sqlite3 app.db 'select 1'; gcloud sql export sql prod gs://b/x")]
[True, False, False, False, True, True, False, True]
"""

from __future__ import annotations

from neuroplast.gate.executed import global_values, runner_command
from neuroplast.gate.outputs import has_short_option, names_option, operands, starts_with
from neuroplast.gate.shell import Segment

__all__ = ["dumps_data"]

_NO_DUMP = frozenset({"--help", "--version", "-?", "--schema-only", "--no-data"})
# tools that dump whenever they run with an argument or with their defaults
_ALWAYS = frozenset({"pg_basebackup", "mysqlpump", "mydumper", "mongodump", "mongoexport",
                     "elasticdump", "multielasticdump", "slapcat"})
# tool -> the one-letter options that keep the rows out (pg_dump(1) -s, mysqldump -d)
_SCHEMA_ONLY: dict[str, str] = {"pg_dump": "s", "pg_dumpall": "s", "mysqldump": "d",
                                "mariadb-dump": "d"}
# tool -> its commands (the first plain words, in order) that dump
_COMMANDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "sqlite-utils": (("dump",),),
    "influx": (("backup",),), "influxd": (("backup",),),
    "neo4j-admin": (("dump",), ("database", "dump")),
    "cockroach": (("dump",),),
    "etcdctl": (("snapshot", "save"),), "consul": (("snapshot", "save"),),
    "vault": (("operator", "raft", "snapshot", "save"),),
    "gcloud": (("sql", "export"), ("firestore", "export"), ("datastore", "export")),
    "bq": (("extract",),),
    "aws": (("dynamodb", "export-table-to-point-in-time"), ("rds", "start-export-task")),
    "az": (("sql", "db", "export"),),
    "heroku": (("pg:backups:capture",), ("pg:backups:download",), ("pg:pull",)),
    "supabase": (("db", "dump"),),
    "pscale": (("database", "dump"),),
    "wp": (("db", "export"),),
    "drush": (("sql-dump",), ("sql:dump",)),
    "django-admin": (("dumpdata",),),
}
_SQLITE_DUMPS = (".dump", ".backup", ".clone")


def dumps_data(seg: Segment) -> bool:
    """Whether ``seg`` exports a data store's contents in bulk (the ``dump`` act)."""
    head, words = seg.head, seg.argv[1:]
    if names_option(words, _NO_DUMP):
        return False
    if head in _SCHEMA_ONLY:
        return not has_short_option(words, _SCHEMA_ONLY[head])
    if head in _ALWAYS:
        return True
    plain = operands(seg.argv, global_values(head))
    if head in _COMMANDS:
        return starts_with(plain, _COMMANDS[head])
    if head in ("sqlite3", "sqlite", "turso"):  # sqlite3 DB .dump; turso db shell DB .dump
        return any(a.strip().startswith(_SQLITE_DUMPS) for a in plain)
    if head == "redis-cli":
        return "--rdb" in words or "--functions-rdb" in words
    if head == "bcp":  # bcp TABLE out|queryout FILE
        return len(plain) > 1 and plain[1] in ("out", "queryout")
    if head.startswith("python") or head.endswith("manage.py"):  # python manage.py dumpdata
        runner, words = runner_command(seg)
        return runner == "manage.py" and words[:1] == ["dumpdata"]
    return False
