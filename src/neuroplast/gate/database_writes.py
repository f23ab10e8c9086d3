"""Calls that change what a database holds: rows, documents or keys written or deleted, or
its schema changed, as the call's own words say, whatever client or tool does it.

A database is the record others read: an application's users, a laboratory's results, a
ledger. A write the agent makes there is outside the project's files, usually outside
version control, and often outside the application's own checks and audit trail (OWASP's
A04:2021 'Insecure Design' on business rules bypassed; NIST SP 800-53 AU-10
non-repudiation and SI-7 'Software, Firmware, and Information Integrity'; ATT&CK T1565.001
'Stored Data Manipulation'). A user's view of this is one view whatever sends the write:
someone who stops letting the agent ``psql -c 'UPDATE ...'`` after it corrected a record
by hand stops it for ``mongosh --eval 'db.x.updateOne(...)'``, ``redis-cli SET``,
``aws dynamodb put-item`` and ``rails db:migrate`` alike. So it is an act across programs
(``gate.acts``: ``* database-write``). A write is read from what the call itself carries
(a script the call only names, ``psql -f fix.sql``, says nothing here); each tool from its
own manual; queries, listings, help and versions are not the act:

- statements handed to a client (``gate.sql``): SQL's data-change and schema statements
  (not GRANT and REVOKE, which are ``account``), ``COPY ... FROM`` and psql's ``\\copy ...
  from``, MySQL's ``LOAD DATA``; mongosh's writing methods; Cypher's writing clauses
  (CREATE, MERGE, SET, DELETE, REMOVE, DROP: the Cypher Manual's "Writing clauses") given
  to cypher-shell; InfluxQL's INSERT, DELETE and DROP given to ``influx -execute``;
- key-value and coordination stores: redis-cli's, valkey-cli's and keydb-cli's commands of
  Redis's ``@write`` category (the Redis command reference: SET, DEL, HSET, LPUSH, EXPIRE,
  FLUSHDB...), ``etcdctl put|del|txn``, ``consul kv put|delete|import``, ZooKeeper's CLI
  ``create|set|delete|deleteall|rmr``; sqlite-utils' writing commands (``insert``,
  ``upsert``, ``create-table``, ``drop-table``...);
- managed databases' writes: ``aws dynamodb`` ``put-item``, ``update-item``,
  ``delete-item``, ``batch-write-item``, ``transact-write-items``, ``create-table``,
  ``update-table``, ``delete-table`` and PartiQL writes (``execute-statement``...), ``aws
  rds-data execute-statement`` with a writing ``--sql``, ``aws timestream-write
  write-records``; ``gcloud spanner rows insert|update|delete``, ``gcloud spanner
  databases execute-sql`` with a writing ``--sql`` and ``databases ddl update``, ``gcloud
  firestore bulk-delete``; Bigtable's ``cbt set|deleterow|createtable|deletetable``...;
  ``bq insert|load|cp|rm|mk|truncate``; ``az storage entity insert|merge|replace|delete``;
- migration tools and frameworks applying, reverting or seeding (each tool's CLI
  reference): rails/rake ``db:*`` that write (migrate, rollback, seed, setup, reset,
  drop, create, schema:load, prepare, fixtures:load, truncate_all), Django's ``migrate``
  and ``flush``, Laravel's artisan ``migrate*`` and ``db:seed|wipe``, ``alembic
  upgrade|downgrade|stamp``, Flask-Migrate's ``flask db upgrade|downgrade|stamp``,
  sequelize's and knex's migrate and seed commands, TypeORM's ``migration:run|revert`` and
  ``schema:sync|drop``, Prisma's ``migrate deploy|dev|reset|resolve`` and ``db
  push|seed|execute``, drizzle-kit ``push|migrate``, sqlx's and diesel's migration and
  database commands, Flyway, Liquibase, dbmate, goose, golang-migrate, Atlas, Sqitch,
  yoyo, Ecto's ``mix ecto.migrate|rollback|reset|drop|create``, ``dotnet ef database
  update|drop``, ``supabase db push|reset``, pgloader.

>>> from neuroplast.gate.shell import split_command
>>> [writes_database(s) for s in split_command(
...     "psql -c 'UPDATE results SET ok=1'; psql -c 'SELECT 1'; redis-cli -n 2 SET a 1; "
...     "redis-cli GET a; etcdctl put /cfg/x 1; aws dynamodb get-item --table-name t; "
...     "rails db:migrate; rails db:migrate:status")]
[True, False, True, False, True, False, True, False]
"""

from __future__ import annotations

import re

from neuroplast.gate.executed import runner_command
from neuroplast.gate.outputs import (
    leads_to,
    names_option,
    operands,
    option_values,
    script_matches,
)
from neuroplast.gate.shell import Segment
from neuroplast.gate.sql import SQL_WRITES, sql_texts, sql_writes, statement_verbs

__all__ = ["writes_database"]

# (not -h: psql's, redis-cli's and most clients' host)
_NOT_RUN = frozenset({"--help", "--version", "--dry-run", "--generate-cli-skeleton"})
# the writing statements but SQL's privilege ones, which change who may act (``account``)
_WRITING_VERBS = SQL_WRITES - {"grant", "revoke"}
# COPY ... FROM and psql's \copy ... from (a file loaded into a table; COPY ... TO reads)
# and MySQL's LOAD DATA
_BULK_LOAD = re.compile(r"(?:^|;)\s*\\?copy\s+[\w.\"]+\s*(?:\([^)]*\)\s*)?from\b"
                        r"|(?:^|;)\s*load\s+data\b", re.IGNORECASE)
# the Cypher Manual's writing clauses, anywhere in a statement (MATCH (n) DELETE n)
_CYPHER_WRITE = re.compile(r"\b(?:CREATE|MERGE|SET|DELETE|REMOVE|DROP)\b", re.IGNORECASE)
# PartiQL's writing statements, alone or as a batch's or transaction's "Statement"
_PARTIQL_WRITE = re.compile(r"(?:^|Statement\W+)\s*(?:INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
_INFLUXQL_WRITE = re.compile(r"(?:^|;)\s*(?:INSERT|DELETE|DROP)\b", re.IGNORECASE)

# Redis's @write command category (the Redis command reference), and the commands that
# empty a database; valkey and KeyDB keep Redis's commands
_REDIS_CLIENTS = frozenset({"redis-cli", "valkey-cli", "keydb-cli"})
_REDIS_WRITES = frozenset({
    "set", "setex", "psetex", "setnx", "mset", "msetnx", "append", "setrange", "setbit",
    "getset", "getdel", "getex", "incr", "incrby", "incrbyfloat", "decr", "decrby", "del",
    "unlink", "expire", "pexpire", "expireat", "pexpireat", "persist", "rename", "renamenx",
    "copy", "move", "restore", "migrate", "hset", "hsetnx", "hmset", "hdel", "hincrby",
    "hincrbyfloat", "hexpire", "lpush", "rpush", "lpushx", "rpushx", "lpop", "rpop", "lset",
    "lrem", "ltrim", "linsert", "lmove", "blmove", "rpoplpush", "brpoplpush", "blpop",
    "brpop", "lmpop", "blmpop", "sadd", "srem", "spop", "smove", "sinterstore",
    "sunionstore", "sdiffstore", "zadd", "zrem", "zincrby", "zpopmin", "zpopmax",
    "bzpopmin", "bzpopmax", "zmpop", "bzmpop", "zremrangebyscore", "zremrangebyrank",
    "zremrangebylex", "zunionstore", "zinterstore", "zdiffstore", "zrangestore", "xadd",
    "xdel", "xtrim", "xgroup", "xack", "xclaim", "xautoclaim", "pfadd", "pfmerge", "geoadd",
    "georadius", "bitop", "bitfield", "sort", "flushdb", "flushall", "swapdb", "json.set",
    "json.del", "json.merge", "json.arrappend", "json.numincrby", "ts.add", "ts.create",
    "ft.create", "ft.dropindex"})
# redis-cli's options that take a value (redis-cli --help)
_REDIS_VALUES = frozenset({
    "-h", "-p", "-t", "-s", "-a", "--user", "--pass", "-u", "-r", "-i", "-n", "-d", "-D",
    "--sni", "--cacert", "--cacertdir", "--tls-ciphers", "--tls-ciphersuites", "--cert",
    "--key", "--show-pushes", "--lru-test", "--rdb", "--functions-rdb", "--pipe-timeout",
    "--memkeys-samples", "--pattern", "--count", "--quoted-pattern", "--intrinsic-latency",
    "--eval", "--cluster"})
_ZOOKEEPER = frozenset({"zkCli.sh", "zkcli", "zookeeper-shell", "zookeeper-shell.sh"})
_ZOOKEEPER_WRITES = frozenset({"create", "set", "delete", "deleteall", "rmr", "setquota",
                               "delquota"})

# (program) -> (the commands, as the first plain words, that lead to a write, its verbs)
_COMMANDS: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = {
    "etcdctl": (((), frozenset({"put", "del", "txn"})),),
    "consul": ((("kv",), frozenset({"put", "delete", "import"})),),
    "aws": ((("dynamodb",), frozenset({
        "put-item", "update-item", "delete-item", "batch-write-item", "transact-write-items",
        "create-table", "update-table", "delete-table"})),
            (("timestream-write",), frozenset({"write-records"}))),
    "gcloud": ((("spanner", "rows"), frozenset({"insert", "update", "delete"})),
               (("spanner", "databases", "ddl"), frozenset({"update"})),
               (("firestore",), frozenset({"bulk-delete"}))),
    "sqlite-utils": (((), frozenset({
        "insert", "upsert", "bulk", "insert-files", "create-table", "drop-table",
        "create-view", "drop-view", "add-column", "transform", "extract", "rename-table",
        "duplicate", "add-foreign-key", "add-foreign-keys", "create-index", "enable-fts",
        "disable-fts", "populate-fts", "rebuild-fts", "convert"})),),
    "bq": (((), frozenset({"insert", "load", "cp", "rm", "mk", "truncate"})),),
    "az": ((("storage", "entity"), frozenset({"insert", "merge", "replace", "delete"})),),
    "alembic": (((), frozenset({"upgrade", "downgrade", "stamp"})),),
    "flask": ((("db",), frozenset({"upgrade", "downgrade", "stamp"})),),
    "prisma": ((("migrate",), frozenset({"deploy", "dev", "reset", "resolve"})),
               (("db",), frozenset({"push", "seed", "execute"}))),
    "drizzle-kit": (((), frozenset({"push", "migrate"})),),
    "sqlx": ((("migrate",), frozenset({"run", "revert"})),
             (("database",), frozenset({"create", "drop", "reset", "setup"}))),
    "diesel": ((("migration",), frozenset({"run", "revert", "redo"})),
               (("database",), frozenset({"setup", "reset", "drop"}))),
    "flyway": (((), frozenset({"migrate", "clean", "undo", "repair", "baseline"})),),
    "dbmate": (((), frozenset({"up", "down", "rollback", "migrate", "drop", "create"})),),
    "atlas": ((("schema",), frozenset({"apply", "clean"})), (("migrate",), frozenset({"apply"}))),
    "sqitch": (((), frozenset({"deploy", "revert", "rebase", "checkout"})),),
    "yoyo": (((), frozenset({"apply", "rollback", "reapply", "mark"})),),
    "dotnet": ((("ef", "database"), frozenset({"update", "drop"})),),
    "supabase": ((("db",), frozenset({"push", "reset"})),),
    "mix": (((), frozenset({"ecto.migrate", "ecto.rollback", "ecto.reset", "ecto.drop",
                          "ecto.create", "ecto.setup"})),),
    "django-admin": (((), frozenset({"migrate", "flush"})),),
    "manage.py": (((), frozenset({"migrate", "flush"})),),
    "artisan": (((), frozenset({"migrate", "migrate:fresh", "migrate:refresh", "migrate:reset",
                              "migrate:rollback", "db:seed", "db:wipe"})),),
    "sequelize": (((), frozenset({"db:migrate", "db:migrate:undo", "db:migrate:undo:all",
                                "db:seed", "db:seed:all", "db:seed:undo",
                                "db:seed:undo:all", "db:create", "db:drop"})),),
    "knex": (((), frozenset({"migrate:latest", "migrate:up", "migrate:down",
                           "migrate:rollback", "seed:run"})),),
    "typeorm": (((), frozenset({"migration:run", "migration:revert", "schema:sync",
                              "schema:drop"})),),
}
# tools whose command follows other operands (goose DRIVER DBSTRING up), with the options
# that take a value (golang-migrate's and cbt's single-dash ones)
_LATE_COMMANDS = {
    "goose": (frozenset({"up", "up-by-one", "up-to", "down", "down-to", "redo", "reset"}),
              frozenset({"-dir", "-table", "-certfile", "-ssl-cert", "-ssl-key"})),
    "migrate": (frozenset({"up", "down", "drop", "force", "goto"}),
                frozenset({"-path", "-database", "-source", "-lock-timeout", "-prefetch"})),
    "cbt": (frozenset({"set", "deleterow", "deleteallrows", "deletecolumn", "deletefamily",
                       "createtable", "deletetable", "createfamily", "import"}),
            frozenset({"-project", "-instance", "-creds", "-admin-endpoint",
                       "-data-endpoint", "-auth-token", "-timeout"})),
}
# rails' and rake's database tasks that write (the Rails guides' "Active Record Migrations")
_RAILS_WRITES = frozenset({
    "db:migrate", "db:rollback", "db:seed", "db:setup", "db:reset", "db:drop", "db:create",
    "db:schema:load", "db:prepare", "db:migrate:redo", "db:migrate:up", "db:migrate:down",
    "db:migrate:reset", "db:fixtures:load", "db:truncate_all", "db:seed:replant"})
# liquibase's commands that change the database, in both spellings its versions accept
_LIQUIBASE_WRITES = re.compile(r"^(?:update|rollback|drop-?all|dropAll|changelog-?sync|"
                               r"changelogSync|mark-next-changeset-ran|execute-sql)",
                               re.IGNORECASE)
# a script's own statement: Python DB-API's execute(), executemany(), executescript() with
# a writing statement as its text
_SCRIPT_WRITE = re.compile(
    r"\.execute(?:many|script)?\s*\(\s*[rbuf]*['\"]{1,3}\s*(?:INSERT|UPDATE|DELETE|MERGE|"
    r"UPSERT|REPLACE|TRUNCATE|CREATE|ALTER|DROP)\b", re.IGNORECASE)
_PYTHON = frozenset({"python", "python2", "python3"})


def _statements_write(seg: Segment) -> bool:
    """Whether a statement the call hands to a client writes (``gate.sql``'s clients and
    the other query languages above)."""
    if _WRITING_VERBS.intersection(sql_writes(seg)):
        return True
    if any(_BULK_LOAD.search(text) for text in sql_texts(seg)):
        return True
    if seg.head == "cypher-shell":
        statements = [*option_values(seg.argv, ("-c",)),
                      *operands(seg.argv, frozenset({"-a", "--address", "-u", "--username",
                                                     "-p", "--password", "-d", "--database",
                                                     "-f", "--file", "--format", "--log",
                                                     "-P", "--param"}))]
        return any(_CYPHER_WRITE.search(s) for s in statements)
    if seg.head == "influx":
        return any(_INFLUXQL_WRITE.search(s) for s in option_values(
            seg.argv, ("-execute", "--execute")))
    return False


def writes_database(seg: Segment) -> bool:
    """Whether ``seg`` changes what a database holds, as its own words say (the
    ``database-write`` act)."""
    words = seg.argv[1:]
    if not words or names_option(words, _NOT_RUN):
        return False
    if _statements_write(seg):
        return True
    head, plain = runner_command(seg)
    if head in _REDIS_CLIENTS:
        command = operands(seg.argv, _REDIS_VALUES)[:1]
        return bool(command) and command[0].lower() in _REDIS_WRITES
    if head in _ZOOKEEPER:
        command = operands(seg.argv, frozenset({"-server", "-timeout"}))[:1]
        return bool(command) and command[0] in _ZOOKEEPER_WRITES
    if head in ("rails", "rake"):
        return any(w in _RAILS_WRITES for w in plain)
    if head == "liquibase":  # its *-sql / *SQL forms (updateSQL, rollback-sql) only print
        return any(_LIQUIBASE_WRITES.match(w) and (
            not w.lower().endswith("sql") or w.lower() == "execute-sql") for w in plain)
    if head in _LATE_COMMANDS:
        verbs, values = _LATE_COMMANDS[head]
        return bool(verbs.intersection(operands(seg.argv, values)[:3]))
    if head == "pgloader":
        return bool(plain)
    if head == "aws" and plain[:2] in (["dynamodb", "execute-statement"],
                                      ["dynamodb", "batch-execute-statement"],
                                      ["dynamodb", "execute-transaction"]):
        return any(_PARTIQL_WRITE.search(s) for s in option_values(
            seg.argv, ("--statement", "--statements", "--transact-statements")))
    if (head == "aws" and plain[:2] == ["rds-data", "execute-statement"]) or (
            head == "gcloud" and plain[:3] == ["spanner", "databases", "execute-sql"]):
        return any(_WRITING_VERBS.intersection(statement_verbs(s))
                   for s in option_values(seg.argv, ("--sql",)))
    if leads_to(plain, _COMMANDS.get(head, ())):
        return True
    return script_matches(seg, _SCRIPT_WRITE, _PYTHON)
